//! Throughput and latency of the local vault on loopback HTTPS, against a bare axum + rustls
//! handler returning the same bytes in the same run.
//!
//! Scenarios: GET one certificate (`/certificates/{name}/`) and GET one list page
//! (`/certificates`, 25 items), each with CONCURRENCY clients for a bounded number of requests
//! (and at most MAX_SECONDS each). Prints req/s, p50 and p99 for both servers and the ratio.
//! Run: `cargo bench -p certdeck-local-vault`.

// Shared with the integration tests; the benchmark uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/raw.rs"]
mod raw;

use axum::{Router, http::header, routing::get};
use axum_server::tls_rustls::RustlsConfig;
use local_vault::{Config, LocalVault};
use serde_json::json;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONCURRENCY: usize = 16;
const REQUESTS: usize = 4_000;
const WARMUP: usize = 200;
const MAX_SECONDS: u64 = 15;
const LIST_SIZE: usize = 25;

struct Stats {
    rps: f64,
    p50: Duration,
    p99: Duration,
    count: usize,
}

/// Sends `total` GETs to `url` from CONCURRENCY tasks; every answer must be 200.
async fn load(client: &reqwest::Client, url: &str, token: &str, total: usize) -> Stats {
    let deadline = Instant::now() + Duration::from_secs(MAX_SECONDS);
    let per_task = total / CONCURRENCY;
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (client, url, token) = (client.clone(), url.to_string(), token.to_string());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_task);
                for _ in 0..per_task {
                    if Instant::now() > deadline {
                        break;
                    }
                    let t = Instant::now();
                    let response = client
                        .get(&url)
                        .bearer_auth(&token)
                        .send()
                        .await
                        .expect("request");
                    assert_eq!(response.status(), 200, "{url}");
                    response.bytes().await.expect("body");
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut all = vec![];
    for task in tasks {
        all.extend(task.await.expect("load task"));
    }
    let elapsed = started.elapsed();
    all.sort();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
    Stats {
        rps: all.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        count: all.len(),
    }
}

/// A self-signed certificate for 127.0.0.1 made with the openssl CLI: (cert PEM, key PEM).
fn bare_certificate(dir: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    let status = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ])
        .args([
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
        ])
        .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        // rustls refuses a CA certificate as the server's own (CaUsedAsEndEntity).
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .current_dir(dir)
        .output()
        .expect("openssl runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    (
        std::fs::read(dir.join("cert.pem")).unwrap(),
        std::fs::read(dir.join("key.pem")).unwrap(),
    )
}

/// The bare server: fixed bodies at the same paths; returns its base URL.
async fn start_bare(cert: Vec<u8>, key: Vec<u8>, one: Vec<u8>, page: Vec<u8>) -> String {
    let (one, page) = (Arc::new(one), Arc::new(page));
    let app = Router::new()
        .route(
            "/certificates/{name}/",
            get(move || {
                let one = one.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                        one.as_ref().clone(),
                    )
                }
            }),
        )
        .route(
            "/certificates",
            get(move || {
                let page = page.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                        page.as_ref().clone(),
                    )
                }
            }),
        );
    let tls = RustlsConfig::from_pem(cert, key)
        .await
        .expect("bare TLS config");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let server = axum_server::from_tcp_rustls(listener, tls).expect("bare server");
    tokio::spawn(async move {
        server
            .serve(app.into_make_service())
            .await
            .expect("bare serve")
    });
    format!("https://{addr}/")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn run() {
    let dir = tempfile::tempdir().unwrap();
    let vault = LocalVault::start(Config {
        data_dir: dir.path().join("data"),
        vaults: vec!["bench".into()],
        first_port: None,
        operation_delay: Duration::ZERO,
        deletion_delay: Duration::ZERO,
        vault_settings: Default::default(),
    })
    .await
    .expect("local vault starts");
    let url = vault.vaults()[0].url.clone();
    let ca = std::fs::read(vault.ca_file()).unwrap();
    let setup = raw::Raw::new(raw::https_client(&ca), &url, vault.token());

    // Seed LIST_SIZE certificates and wait for them to complete.
    let policy = json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=bench"}, "key_props": {"kty": "EC", "crv": "P-256"}}});
    for i in 0..LIST_SIZE {
        let reply = setup
            .post(&format!("certificates/bench-{i:02}/create"), &policy)
            .await;
        assert_eq!(reply.status.as_u16(), 202, "{}", reply.body);
    }
    let mut one = None;
    for _ in 0..500 {
        let reply = setup
            .get(&format!("certificates/bench-{:02}/", LIST_SIZE - 1))
            .await;
        let page = setup.get("certificates").await;
        if reply.status == 200
            && reply.body["cer"].is_string()
            && page.body["value"].as_array().map(Vec::len) == Some(LIST_SIZE)
        {
            one = Some(reply.body);
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let one = serde_json::to_vec(&one.expect("seeded certificates complete")).unwrap();
    let page = serde_json::to_vec(&setup.get("certificates").await.body).unwrap();

    let (bare_cert, bare_key) = bare_certificate(dir.path());
    let bare = start_bare(bare_cert.clone(), bare_key, one.clone(), page.clone()).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([
            reqwest::Certificate::from_pem(&ca).unwrap(),
            reqwest::Certificate::from_pem(&bare_cert).unwrap(),
        ])
        .build()
        .unwrap();
    let token = vault.token().to_string();
    let api = format!("api-version={}", raw::API_VERSION);

    println!(
        "loopback HTTPS, {CONCURRENCY} concurrent clients, {REQUESTS} requests per run (max {MAX_SECONDS} s); bodies {} B (certificate) and {} B (page of {LIST_SIZE})",
        one.len(),
        page.len()
    );
    for (label, path) in [
        ("GET certificate", format!("certificates/bench-00/?{api}")),
        ("list page", format!("certificates?{api}")),
    ] {
        let local_url = format!("{url}{path}");
        let bare_url = format!("{bare}{path}");
        load(&client, &local_url, &token, WARMUP).await;
        load(&client, &bare_url, &token, WARMUP).await;
        let local = load(&client, &local_url, &token, REQUESTS).await;
        let base = load(&client, &bare_url, &token, REQUESTS).await;
        for (who, s) in [("local vault", &local), ("bare axum", &base)] {
            println!(
                "{label:16} {who:12} {:8.0} req/s  p50 {:6.2} ms  p99 {:6.2} ms  ({} requests)",
                s.rps,
                ms(s.p50),
                ms(s.p99),
                s.count
            );
        }
        println!(
            "{label:16} ratio local/bare throughput {:.2}  p50 x{:.2}  p99 x{:.2}",
            local.rps / base.rps,
            ms(local.p50) / ms(base.p50),
            ms(local.p99) / ms(base.p99)
        );
    }
    vault.shutdown().await;
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it too: keep that short.
    if std::env::args().any(|a| a == "--bench") {
        tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(run());
    } else {
        println!("throughput bench: run with `cargo bench -p certdeck-local-vault`");
    }
}
