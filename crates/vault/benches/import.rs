//! Bulk import of 100 PFX files into the local vault on loopback HTTPS, 4 at a time (the app's
//! per-vault limit), against the bare SDK call with the same PFX and password. Goal: ≤ 1.2×.
//! - "Import all": what runs after the click, the files already opened for their preview when
//!   they were dropped (plan, name and tag checks, `VaultConnection::import_certificate`);
//! - end to end: also reading and opening each file (key derivation for its password), which
//!   the app does at drop time.
//!
//! Medians of RUNS runs after a warm-up, each run into fresh names. The PFX files are made
//! once with the openssl CLI (EC P-256, OpenSSL 3's default AES-256/PBKDF2 protection).
//! Run: `cargo bench -p certdeck-vault --bench import` (alone: it competes for CPU).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use azure_security_keyvault_certificates::models::ImportCertificateParameters;
use base64::Engine;
use futures::StreamExt;
use inspect::Password;
use inspect::import::{OpenedFile, plan};
use local_vault::{Config, LocalVault};
use vault::{CredentialKind, ImportOptions, VaultConnection, VaultEntry, VaultId};
use zeroize::Zeroizing;

const FILES: usize = 100;
const RUNS: usize = 5;
const CONCURRENCY: usize = vault::connection::PER_VAULT_CONCURRENCY;
const PASSWORD: &str = "bench-password";

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let files = make_pfx_files(&dir.path().join("files"));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let data_dir = dir.path().join("data");
    let server = runtime
        .block_on(LocalVault::start(Config {
            data_dir: data_dir.clone(),
            vaults: vec!["bench".into()],
            first_port: None,
            operation_delay: Duration::from_millis(20),
            deletion_delay: Duration::ZERO,
            vault_settings: Default::default(),
        }))
        .unwrap();
    let entry = VaultEntry {
        id: VaultId(0),
        name: "bench".into(),
        url: server.vaults()[0].url.clone(),
        credential: CredentialKind::LocalVault { data_dir },
        color: None,
        local_name: Some("bench".into()),
    };
    let connection = VaultConnection::open(&entry).unwrap();

    let mut times: [Vec<Duration>; 3] = Default::default();
    for run in 0..=RUNS {
        // Rotate the order so no variant always meets a warmer server.
        for k in 0..3 {
            let which = (run + k) % 3;
            let prefix = format!("v{which}-{run}");
            let took = runtime.block_on(async {
                match which {
                    0 => bare_sdk(&connection, &files, &prefix).await,
                    1 => {
                        let opened = open_all(&files).await;
                        import_all(&connection, &opened, &prefix).await
                    }
                    _ => {
                        let start = Instant::now();
                        let opened = open_all(&files).await;
                        import_all(&connection, &opened, &prefix).await;
                        start.elapsed()
                    }
                }
            });
            if run > 0 {
                times[which].push(took);
            }
        }
    }
    let [sdk, click, end_to_end] = times.map(median);
    let line = |label: &str, d: Duration| {
        format!(
            "  {label:<22}{:>7.1} ms ({:>5.0} imports/s) {:.3}×",
            ms(d),
            FILES as f64 / d.as_secs_f64(),
            d.as_secs_f64() / sdk.as_secs_f64()
        )
    };
    println!(
        "bulk import of {FILES} PFX, {CONCURRENCY} at a time, median of {RUNS} (goal ≤ 1.2×):\n{}\n{}\n{}",
        line("bare SDK", sdk),
        line("CertDeck Import all", click),
        line("CertDeck end to end", end_to_end),
    );
    drop(server);
}

/// Reads and opens every file as the import panel does when they are dropped.
async fn open_all(files: &[PathBuf]) -> Vec<OpenedFile> {
    futures::stream::iter(files.iter().cloned())
        .map(|path| async move {
            tokio::task::spawn_blocking(move || {
                let bytes = Zeroizing::new(std::fs::read(&path).unwrap());
                OpenedFile::open(bytes, Some(Password::new(PASSWORD.into()))).unwrap()
            })
            .await
            .unwrap()
        })
        .buffered(CONCURRENCY)
        .collect()
        .await
}

/// What "Import all" does per opened file: plan it, then import it.
async fn import_all(vault: &VaultConnection, files: &[OpenedFile], prefix: &str) -> Duration {
    let start = Instant::now();
    futures::stream::iter(files.iter().enumerate())
        .map(|(i, file)| async move {
            let (_, payload) = plan(&[file], None).unwrap();
            let options = ImportOptions {
                name: format!("{prefix}-{i:03}"),
                enabled: true,
                tags: BTreeMap::new(),
                deleted_name: None,
            };
            vault
                .import_certificate(&payload.unwrap(), &options)
                .await
                .unwrap();
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<()>()
        .await;
    start.elapsed()
}

/// The same files through the SDK client alone: base64 and password as they are.
async fn bare_sdk(vault: &VaultConnection, files: &[PathBuf], prefix: &str) -> Duration {
    let start = Instant::now();
    futures::stream::iter(files.iter().enumerate())
        .map(|(i, path)| async move {
            let value =
                base64::engine::general_purpose::STANDARD.encode(std::fs::read(path).unwrap());
            let parameters = ImportCertificateParameters {
                base64_encoded_certificate: Some(value),
                password: Some(PASSWORD.into()),
                ..Default::default()
            };
            vault
                .certificates
                .import_certificate(
                    &format!("{prefix}-{i:03}"),
                    parameters.try_into().unwrap(),
                    None,
                )
                .await
                .unwrap();
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<()>()
        .await;
    start.elapsed()
}

fn make_pfx_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    (0..FILES)
        .map(|i| {
            let (key, cert, pfx) = (
                dir.join(format!("{i}.key")),
                dir.join(format!("{i}.pem")),
                dir.join(format!("{i}.pfx")),
            );
            openssl(
                &[
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:P-256",
                    "-nodes",
                ],
                &[
                    "-subj",
                    &format!("/CN=bench-{i}.contoso.test"),
                    "-days",
                    "365",
                    "-keyout",
                    key.to_str().unwrap(),
                    "-out",
                    cert.to_str().unwrap(),
                ],
            );
            openssl(
                &["pkcs12", "-export"],
                &[
                    "-inkey",
                    key.to_str().unwrap(),
                    "-in",
                    cert.to_str().unwrap(),
                    "-passout",
                    &format!("pass:{PASSWORD}"),
                    "-out",
                    pfx.to_str().unwrap(),
                ],
            );
            pfx
        })
        .collect()
}

fn openssl(command: &[&str], args: &[&str]) {
    let status = std::process::Command::new("openssl")
        .args(command)
        .args(args)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl");
    assert!(status.success(), "openssl {command:?} failed");
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
