//! Inspection throughput: in-process `inspect()` on modern/legacy PFX and PEM, and whole
//! `certdeck-cli inspect` runs against `openssl pkcs12 -info -nokeys` / `openssl x509` on the
//! same files. Run with `cargo bench -p certdeck-inspect`; set `CERTDECK_CLI` to a release
//! binary for a like-for-like process comparison (default: target/debug/certdeck-cli, whose
//! dependencies are optimised but whose own code is not).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use inspect::Password;

const PW: &str = "Secret-123";

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../target"));
    let fixtures = target.join("inspect-fixtures");
    let made = Command::new("bash")
        .arg(manifest.join("tests/fixtures/make-fixtures.sh"))
        .arg(&fixtures)
        .status()
        .expect("run make-fixtures.sh");
    assert!(made.success(), "make-fixtures.sh failed");

    // (label, file, is PFX, extra openssl flags: RC2 needs OpenSSL 3's legacy provider)
    let cases: [(&str, &str, bool, &[&str]); 4] = [
        ("modern PFX (AES-256, 2048 it.)", "modern.pfx", true, &[]),
        (
            "legacy PFX (RC2/3DES, 2048 it.)",
            "legacy.pfx",
            true,
            &["-legacy"],
        ),
        ("PEM (key + 2 certs)", "pem-pkcs8.pem", false, &[]),
        ("PEM (one certificate)", "leaf.pem", false, &[]),
    ];
    println!("== in-process inspect() ==");
    for (label, file, pfx, _) in cases {
        let bytes = std::fs::read(fixtures.join(file)).expect("fixture");
        let password = pfx.then(|| Password::new(PW.into()));
        let (runs, elapsed) = repeat(Duration::from_secs(2), || {
            inspect::inspect(&bytes, password.as_ref()).expect("inspect");
        });
        let per = elapsed / runs;
        println!(
            "{label:34} {:>9.1} files/s  ({per:?} each, {runs} runs)",
            runs as f64 / elapsed.as_secs_f64()
        );
    }

    let cli = std::env::var_os("CERTDECK_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| target.join("debug/certdeck-cli"));
    if !cli.exists() {
        println!(
            "\n(no {} — build it with `cargo build -p certdeck-cli` for the process comparison)",
            cli.display()
        );
        return;
    }
    println!("\n== whole process: {} vs openssl ==", cli.display());
    for (label, file, pfx, extra) in cases {
        let path = fixtures.join(file);
        let path = path.to_str().expect("utf-8 path");
        let ours = time_process(
            &cli,
            &["inspect", path, "--password-env", "BENCH_PW", "--json"],
        );
        let openssl_args: Vec<&str> = if pfx {
            let mut args = vec![
                "pkcs12",
                "-in",
                path,
                "-info",
                "-nokeys",
                "-passin",
                "env:BENCH_PW",
            ];
            args.extend_from_slice(extra);
            args
        } else {
            vec!["x509", "-in", path, "-noout", "-text"]
        };
        let theirs = time_process(Path::new("openssl"), &openssl_args);
        println!(
            "{label:34} certdeck-cli {ours:>9.2?}  openssl {} {theirs:>9.2?}  ratio {:.2}",
            openssl_args[0],
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
    }
}

/// Runs `f` repeatedly for about `budget`; returns the count and the time taken.
fn repeat(budget: Duration, mut f: impl FnMut()) -> (u32, Duration) {
    f(); // warm-up
    let started = Instant::now();
    let mut runs = 0;
    while started.elapsed() < budget {
        f();
        runs += 1;
    }
    (runs, started.elapsed())
}

/// Median wall time of 30 runs of a command (output discarded).
fn time_process(program: &Path, args: &[&str]) -> Duration {
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new(program)
                .args(args)
                .env("BENCH_PW", PW)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("spawn");
            assert!(status.success(), "{} {args:?} failed", program.display());
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}
