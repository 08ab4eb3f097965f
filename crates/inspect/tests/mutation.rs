//! Bounded structured mutation test (≥ 100k inputs, zero panics, each under a time bound) and
//! a long-run mode: `INSPECT_MUTATIONS=5000000 cargo test -p certdeck-inspect --release
//! --test mutation -- --ignored --nocapture`.

mod support;

use std::time::Duration;

use base64::Engine;
use support::{mutate, read};

/// Cheap inputs: 1-iteration PFX files, PEM in every key form, DER, P7B.
fn corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = [
        "fast-modern.pfx",
        "fast-legacy.pfx",
        "unencrypted.pfx",
        "fast-encrypted.pem",
        "pem-pkcs8.pem",
        "pem-pkcs1.pem",
        "pem-sec1.pem",
        "pem-crlf-bom.pem",
        "pem-bag-attributes.pem",
        "chain-shuffled.pem",
        "chain-p7b.pem",
        "leaf.cer",
        "chain.p7b",
        "leaf-pkcs8.der",
        "ed25519.key",
        "pem-proctype.pem",
    ]
    .iter()
    .map(|name| read(name))
    .collect();
    corpus.push(
        base64::engine::general_purpose::STANDARD
            .encode(read("fast-modern.pfx"))
            .into_bytes(),
    );
    corpus
}

/// Generous per-input bound for a loaded 2-core machine; typical inputs take well under 1 ms.
const PER_INPUT: Duration = Duration::from_secs(2);

#[test]
fn hundred_thousand_mutations_without_panic() {
    let stats = mutate::run(&corpus(), 100_000, 0x5EED_CE27, PER_INPUT);
    eprintln!("mutation: {stats:?}");
    assert_eq!(stats.execs, 100_000);
    assert!(stats.ok > 0, "some mutants should still parse");
}

#[test]
#[ignore = "long run: set INSPECT_MUTATIONS"]
fn long_run() {
    let count = std::env::var("INSPECT_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed = std::env::var("INSPECT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0xC0FFEE);
    let started = std::time::Instant::now();
    let stats = mutate::run(&corpus(), count, seed, PER_INPUT);
    eprintln!("long run: {stats:?} in {:?}", started.elapsed());
}
