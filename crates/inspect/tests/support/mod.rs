//! Shared test support: the fixture corpus (made once by make-fixtures.sh, guarded against
//! parallel test binaries by the script's lock and stamp) and openssl helpers.
#![allow(dead_code)] // each test binary uses a different subset

pub mod mutate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use inspect::Password;

/// The password of the password-protected fixtures.
pub const PW: &str = "Secret-123";
/// The Unicode password of `unicode-password.pfx`.
pub const UNICODE_PW: &str = "pässwörd€";

/// The fixture directory, generated on first use.
pub fn fixtures() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| manifest.join("../../target"));
        let dir = target.join("inspect-fixtures");
        let status = Command::new("bash")
            // Resolves from either crate: both live in crates/.
            .arg(manifest.join("../inspect/tests/fixtures/make-fixtures.sh"))
            .arg(&dir)
            .status()
            .expect("run make-fixtures.sh (needs bash, openssl, keytool)");
        assert!(status.success(), "make-fixtures.sh failed");
        dir
    })
}

/// The bytes of fixture `name`.
pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The path of fixture `name`.
pub fn path(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// The fixtures' password.
pub fn pw() -> Password {
    Password::new(PW.to_string())
}

/// Runs openssl and returns its stdout, panicking on failure.
pub fn openssl(args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs openssl and returns what it printed on stdout and stderr (`-info` goes to stderr).
pub fn openssl_all(args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("run openssl");
    assert!(out.status.success(), "openssl {args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Whether openssl succeeds with `args`.
pub fn openssl_ok(args: &[&str]) -> bool {
    Command::new("openssl")
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The value after `key=` in openssl's one-line output, e.g. `serial=…`.
pub fn field(output: &str, key: &str) -> String {
    output
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .unwrap_or_else(|| panic!("{key} missing in {output}"))
        .trim()
        .to_string()
}

/// What openssl says about a PEM or DER certificate file.
pub struct OpensslCert {
    pub subject_rfc2253: String,
    pub serial: String,
    pub sha1: String,
    pub sha256: String,
    pub not_after: String,
    pub text: String,
}

/// Asks openssl about the certificate in `file` (PEM, or DER with `der`).
pub fn openssl_cert(file: &Path, der: bool) -> OpensslCert {
    let file = file.to_str().expect("utf-8 path");
    let form = if der { "DER" } else { "PEM" };
    let one = |extra: &[&str]| {
        let mut args = vec!["x509", "-in", file, "-inform", form, "-noout"];
        args.extend_from_slice(extra);
        openssl(&args)
    };
    let hex = |s: String| s.replace(':', "");
    OpensslCert {
        subject_rfc2253: field(&one(&["-subject", "-nameopt", "RFC2253"]), "subject"),
        serial: field(&one(&["-serial"]), "serial"),
        sha1: hex(field(&one(&["-fingerprint", "-sha1"]), "sha1 Fingerprint")),
        sha256: hex(field(
            &one(&["-fingerprint", "-sha256"]),
            "sha256 Fingerprint",
        )),
        not_after: field(&one(&["-enddate", "-dateopt", "iso_8601"]), "notAfter"),
        text: one(&["-text"]),
    }
}

/// x509-parser's `C=US, O=Org, CN=x` as OpenSSL's RFC 2253 `CN=x,O=Org,C=US`.
pub fn rfc2253(name: &str) -> String {
    let mut parts: Vec<&str> = name.split(", ").collect();
    parts.reverse();
    parts.join(",")
}
