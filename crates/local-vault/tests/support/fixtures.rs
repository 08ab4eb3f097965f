//! Certificates, keys and PFX files made at test time with the openssl CLI in a temp dir.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `openssl args…` in `dir` and returns stdout; panics with stderr on failure.
pub fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl CLI runs");
    assert!(
        out.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Like [`openssl`] but returns whether it succeeded.
pub fn openssl_ok(dir: &Path, args: &[&str]) -> bool {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl CLI runs")
        .status
        .success()
}

/// A self-signed leaf: `key.pem` (unencrypted PKCS#8 RSA-2048) and `cert.pem`, in a new temp dir.
pub struct Leaf {
    pub dir: tempfile::TempDir,
    pub cn: String,
}

impl Leaf {
    pub fn new(cn: &str) -> Leaf {
        let dir = tempfile::tempdir().expect("temp dir");
        openssl(
            dir.path(),
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
                "-days",
                "30",
                "-subj",
                &format!("/CN={cn}"),
                "-addext",
                "subjectAltName=DNS:example.test",
            ],
        );
        Leaf {
            dir,
            cn: cn.to_string(),
        }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    pub fn key_pem(&self) -> String {
        std::fs::read_to_string(self.path("key.pem")).expect("key.pem")
    }

    pub fn cert_pem(&self) -> String {
        std::fs::read_to_string(self.path("cert.pem")).expect("cert.pem")
    }

    /// The certificate's DER.
    pub fn cert_der(&self) -> Vec<u8> {
        openssl(
            self.dir.path(),
            &["x509", "-in", "cert.pem", "-outform", "DER"],
        )
    }

    /// PKCS#8 key then certificate, as Key Vault's PEM import expects.
    pub fn pem_bundle(&self) -> String {
        format!("{}{}", self.key_pem(), self.cert_pem())
    }

    /// A PFX of key + cert. `legacy` uses 3DES/RC2 (`-legacy`); otherwise AES (OpenSSL 3 default).
    pub fn pfx(&self, password: &str, legacy: bool) -> Vec<u8> {
        let pass = format!("pass:{password}");
        let mut args = vec![
            "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", &pass,
        ];
        if legacy {
            args.push("-legacy");
        }
        openssl(self.dir.path(), &args)
    }

    /// Signs a DER CSR with this leaf as CA; returns the issued certificate's PEM.
    pub fn sign_csr(&self, csr_der: &[u8]) -> String {
        let dir = self.dir.path();
        std::fs::write(dir.join("req.der"), csr_der).expect("write csr");
        openssl(
            dir,
            &["req", "-inform", "DER", "-in", "req.der", "-out", "req.pem"],
        );
        let out = openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                "req.pem",
                "-CA",
                "cert.pem",
                "-CAkey",
                "key.pem",
                "-days",
                "30",
                "-set_serial",
                "7",
            ],
        );
        String::from_utf8(out).expect("pem")
    }
}

/// Base64 (standard) of bytes.
pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Decodes standard base64.
pub fn unb64(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .expect("standard base64")
}

/// Parses a DER certificate with x509-parser and hands it to `f`.
pub fn with_cert<T>(
    der: &[u8],
    f: impl FnOnce(&x509_parser::certificate::X509Certificate<'_>) -> T,
) -> T {
    let (_, cert) = x509_parser::parse_x509_certificate(der).expect("DER certificate parses");
    f(&cert)
}
