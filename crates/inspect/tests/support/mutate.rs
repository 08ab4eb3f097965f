//! A structured mutation harness (cargo-fuzz needs nightly): mutates corpus files with
//! byte flips, DER-aware length/tag edits, splices and truncations, then runs sniff + parse +
//! inspect + convert on each input, checking for panics and slow inputs.

use std::time::{Duration, Instant};

use inspect::Password;

/// A small deterministic PRNG (xorshift64*), so failures reproduce from the seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Values that stress DER decoders: length forms, tags, sign bytes, big counts.
const INTERESTING: &[u8] = &[
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x30, 0x31, 0x7F, 0x80, 0x81, 0x82, 0x83, 0x84, 0xA0,
    0xFF,
];

/// One mutation of `input` (mixed with `other` for splices).
pub fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        if data.is_empty() {
            data.push(0x30);
        }
        let at = rng.below(data.len());
        match rng.below(9) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.next() as u8,
            2 => data[at] = INTERESTING[rng.below(INTERESTING.len())],
            3 => {
                let end = (at + 1 + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            4 => data.truncate(at),
            5 => {
                let len = rng.below(32);
                let insert: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
                data.splice(at..at, insert);
            }
            6 if !other.is_empty() => {
                let from = rng.below(other.len());
                let len = rng.below(256).min(other.len() - from);
                data.splice(at..at, other[from..from + len].iter().copied());
            }
            7 => {
                // Duplicate a span: repeated elements and overlong contents.
                let end = (at + rng.below(128)).min(data.len());
                let span = data[at..end].to_vec();
                data.splice(at..at, span);
            }
            _ => {
                // Rewrite a DER length byte after a constructed tag to a long form.
                if let Some(pos) = data[at..]
                    .iter()
                    .position(|&b| b == 0x30 || b == 0x04 || b == 0xA0)
                {
                    let i = at + pos + 1;
                    if i < data.len() {
                        data[i] = [0x80, 0x81, 0x82, 0x84, 0xFF, 0x00][rng.below(6)];
                    }
                }
            }
        }
    }
    data
}

/// Results of a run.
#[derive(Debug, Default)]
pub struct Stats {
    pub execs: u64,
    pub ok: u64,
    pub slowest: Duration,
}

/// Runs `count` mutated inputs over `corpus`, panicking (with the seed) on a panic in the
/// library or an input slower than `limit`.
pub fn run(corpus: &[Vec<u8>], count: u64, seed: u64, limit: Duration) -> Stats {
    let mut rng = Rng::new(seed);
    let password = Password::new(super::PW.to_string());
    let mut stats = Stats::default();
    for n in 0..count {
        let input = &corpus[rng.below(corpus.len())];
        let other = &corpus[rng.below(corpus.len())];
        let data = mutate(&mut rng, input, other);
        let with_password = n % 2 == 0;
        let started = Instant::now();
        let outcome =
            std::panic::catch_unwind(|| exercise(&data, with_password.then_some(&password)));
        let took = started.elapsed();
        match outcome {
            Ok(true) => stats.ok += 1,
            Ok(false) => {}
            Err(_) => panic!("panic on mutated input #{n} (seed {seed}): {}", hex(&data)),
        }
        assert!(
            took <= limit,
            "input #{n} (seed {seed}) took {took:?}: {}",
            hex(&data)
        );
        stats.slowest = stats.slowest.max(took);
        stats.execs += 1;
    }
    stats
}

/// Every public entry point over one input; `true` when it parsed.
fn exercise(data: &[u8], password: Option<&Password>) -> bool {
    let Ok(report) = inspect::inspect(data, password) else {
        return false;
    };
    let _ = serde_json::to_string(&report);
    if let Ok(material) = inspect::read_material(data, password) {
        let _ = inspect::convert::to_pem(&material);
        let _ = material.leaf_first();
    }
    true
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}
