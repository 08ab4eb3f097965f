//! Listing speed of `vault::list_certificates` against the local vault on loopback HTTPS,
//! measured against the bare limit: the same pages fetched one after another by a minimal
//! reqwest client with the same TLS settings (trusts ca.pem, bearer token, follows nextLink).
//!
//! Scenarios (medians of RUNS runs, after a warm-up):
//! - one vault of 2,500 certificates (100 pages of 25): SDK / bare (goal ≤ 1.1×);
//! - time to the first page, on a warm and on a new connection;
//! - four vaults of 1,000 listed concurrently / the slowest of them listed alone (goal ≤ 1.3×),
//!   on bare loopback and with a simulated network latency per request.
//!
//! The local vault runs in-process on its own runtime. Seeding is not timed.
//! Run: `cargo bench -p certdeck-vault --bench listing` (alone: it competes for CPU).

use std::sync::Arc;
use std::time::{Duration, Instant};

use azure_core::http::{AsyncRawResponse, HttpClient, Request, Transport};
use futures::StreamExt;
use local_vault::{Config, LocalVault};
use serde::Deserialize;
use vault::{CredentialKind, VaultConnection, VaultEntry, VaultId, list_certificates};

const BIG: usize = 2_500;
const SMALL: usize = 1_000;
const SMALL_VAULTS: usize = 4;
const RUNS: usize = 9;
const SEED_CONCURRENCY: usize = 16;
const API: &str = "api-version=2025-07-01";
/// Added before each request in the "simulated latency" scenario (a nearby Azure region).
const LATENCY: Duration = Duration::from_millis(5);

/// One vault of the running local vault, as both clients see it.
struct Target {
    name: String,
    url: String,
    data_dir: std::path::PathBuf,
    token: String,
    http: reqwest::Client,
}

impl Target {
    fn entry(&self) -> VaultEntry {
        VaultEntry {
            id: VaultId(0),
            name: self.name.clone(),
            url: self.url.clone(),
            credential: CredentialKind::LocalVault {
                data_dir: self.data_dir.clone(),
            },
            color: None,
            local_name: Some(self.name.clone()),
        }
    }

    /// A connection as the app opens one (its own client, challenge on the first request).
    fn connect(&self) -> VaultConnection {
        VaultConnection::open(&self.entry()).expect("vault opens")
    }

    /// A connection whose requests each wait `delay` first (a network's round trip).
    fn connect_delayed(&self, delay: Duration) -> VaultConnection {
        let entry = self.entry();
        let delayed = Delayed {
            http: self.http.clone(),
            delay,
        };
        VaultConnection::with_transport(
            &entry,
            entry.credential.build().unwrap(),
            Transport::new(Arc::new(delayed)),
        )
        .expect("vault opens")
    }
}

/// The same TLS settings as crates/vault's local transport: trust ca.pem, follow no redirect.
fn https_client(ca_pem: &[u8]) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([reqwest::Certificate::from_pem(ca_pem).unwrap()])
        .build()
        .unwrap()
}

#[derive(Debug)]
struct Delayed {
    http: reqwest::Client,
    delay: Duration,
}

#[async_trait::async_trait]
impl HttpClient for Delayed {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        tokio::time::sleep(self.delay).await;
        self.http.execute_request(request).await
    }
}

/// What one listing took.
#[derive(Clone, Copy)]
struct Run {
    total: Duration,
    first_page: Duration,
    pages: usize,
    items: usize,
}

async fn sdk_list(vault: &VaultConnection) -> Run {
    let started = Instant::now();
    let mut first_page = None;
    let (mut pages, mut items) = (0, 0);
    let mut stream = list_certificates(vault);
    while let Some(page) = stream.next().await {
        let page = page.expect("page");
        first_page.get_or_insert_with(|| started.elapsed());
        pages += 1;
        items += page.len();
    }
    Run {
        total: started.elapsed(),
        first_page: first_page.unwrap_or_default(),
        pages,
        items,
    }
}

#[derive(Deserialize)]
struct BarePage {
    value: Vec<serde::de::IgnoredAny>,
    #[serde(rename = "nextLink")]
    next_link: Option<String>,
}

/// The bare limit: the same requests (pending included, default page size), one after another.
async fn bare_list(target: &Target, delay: Duration) -> Run {
    let started = Instant::now();
    let mut first_page = None;
    let (mut pages, mut items) = (0, 0);
    let mut next = Some(format!(
        "{}certificates?{API}&includePending=true",
        target.url
    ));
    while let Some(url) = next.take() {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let response = target
            .http
            .get(&url)
            .bearer_auth(&target.token)
            .send()
            .await
            .expect("bare request");
        assert_eq!(response.status(), 200, "{url}");
        let body = response.bytes().await.expect("bare body");
        let page: BarePage = serde_json::from_slice(&body).expect("a page");
        first_page.get_or_insert_with(|| started.elapsed());
        pages += 1;
        items += page.value.len();
        next = page.next_link.filter(|link| !link.is_empty());
    }
    Run {
        total: started.elapsed(),
        first_page: first_page.unwrap_or_default(),
        pages,
        items,
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:8.1} ms", d.as_secs_f64() * 1000.0)
}

fn spread(values: &[Duration]) -> String {
    let min = values.iter().min().unwrap();
    let max = values.iter().max().unwrap();
    format!(
        "(min {:.1}, max {:.1})",
        min.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    )
}

fn verdict(ratio: f64, goal: f64) -> &'static str {
    if ratio <= goal { "met" } else { "NOT met" }
}

/// Creates `count` self-signed EC P-256 certificates in `target` (SEED_CONCURRENCY at a time)
/// and waits until every one is issued.
async fn seed(target: &Target, count: usize) {
    let body = serde_json::json!({"policy": {
        "issuer": {"name": "Self"},
        "x509_props": {"subject": "CN=bench.test", "validity_months": 12},
        "key_props": {"kty": "EC", "crv": "P-256", "exportable": true},
    }})
    .to_string();
    futures::stream::iter(0..count)
        .map(|i| {
            let url = format!("{}certificates/cert-{i:05}/create?{API}", target.url);
            let request = target
                .http
                .post(url)
                .bearer_auth(&target.token)
                .header("content-type", "application/json")
                .body(body.clone());
            async move {
                let response = request.send().await.expect("create");
                assert_eq!(response.status(), 202, "create cert-{i:05}");
            }
        })
        .buffer_unordered(SEED_CONCURRENCY)
        .collect::<()>()
        .await;
    // Without includePending only issued certificates are listed.
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let issued = {
            let mut n = 0;
            let mut next = Some(format!("{}certificates?{API}", target.url));
            while let Some(url) = next.take() {
                let page: BarePage = serde_json::from_slice(
                    &target
                        .http
                        .get(&url)
                        .bearer_auth(&target.token)
                        .send()
                        .await
                        .unwrap()
                        .bytes()
                        .await
                        .unwrap(),
                )
                .unwrap();
                n += page.value.len();
                next = page.next_link;
            }
            n
        };
        if issued == count {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{}: {issued} of {count} issued",
            target.name
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn run(targets: Vec<Target>) {
    let (big, small) = (&targets[0], &targets[1..]);
    let seeding = Instant::now();
    seed(big, BIG).await;
    for target in small {
        seed(target, SMALL).await;
    }
    println!(
        "seeded {BIG} + {SMALL_VAULTS} x {SMALL} EC P-256 certificates in {:.1} s (not timed below)",
        seeding.elapsed().as_secs_f64()
    );
    println!("medians of {RUNS} runs after one warm-up; SDK and bare runs alternate\n");

    // One vault, 100 pages of 25.
    let vault = big.connect();
    let warm_sdk = sdk_list(&vault).await;
    let warm_bare = bare_list(big, Duration::ZERO).await;
    assert_eq!((warm_sdk.pages, warm_sdk.items), (BIG / 25, BIG));
    assert_eq!((warm_bare.pages, warm_bare.items), (BIG / 25, BIG));
    let (mut sdk, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        sdk.push(sdk_list(&vault).await);
        bare.push(bare_list(big, Duration::ZERO).await);
    }
    let totals = |runs: &[Run]| runs.iter().map(|r| r.total).collect::<Vec<_>>();
    let firsts = |runs: &[Run]| runs.iter().map(|r| r.first_page).collect::<Vec<_>>();
    let (sdk_total, bare_total) = (median(totals(&sdk)), median(totals(&bare)));
    let ratio = sdk_total.as_secs_f64() / bare_total.as_secs_f64();
    println!("one vault, {BIG} certificates ({} pages of 25):", BIG / 25);
    println!(
        "  vault::list_certificates {}  {}  first page {}",
        ms(sdk_total),
        spread(&totals(&sdk)),
        ms(median(firsts(&sdk)))
    );
    println!(
        "  bare reqwest             {}  {}  first page {}",
        ms(bare_total),
        spread(&totals(&bare)),
        ms(median(firsts(&bare)))
    );
    println!(
        "  ratio SDK/bare {ratio:.3} (goal <= 1.10: {}); per page {:.2} ms vs {:.2} ms",
        verdict(ratio, 1.10),
        sdk_total.as_secs_f64() * 1000.0 / (BIG / 25) as f64,
        bare_total.as_secs_f64() * 1000.0 / (BIG / 25) as f64,
    );

    // First page on a new connection: TLS handshake, and for the SDK the 401 challenge.
    let (mut cold_sdk, mut cold_bare) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let fresh = big.connect();
        let started = Instant::now();
        let mut stream = list_certificates(&fresh);
        stream.next().await.unwrap().unwrap();
        cold_sdk.push(started.elapsed());
        drop(stream);

        let ca = std::fs::read(big.data_dir.join("ca.pem")).unwrap();
        let fresh = Target {
            http: https_client(&ca),
            name: big.name.clone(),
            url: big.url.clone(),
            data_dir: big.data_dir.clone(),
            token: big.token.clone(),
        };
        let started = Instant::now();
        let response = fresh
            .http
            .get(format!(
                "{}certificates?{API}&includePending=true",
                fresh.url
            ))
            .bearer_auth(&fresh.token)
            .send()
            .await
            .unwrap();
        response.bytes().await.unwrap();
        cold_bare.push(started.elapsed());
    }
    println!(
        "  first page on a new connection: SDK {} (TLS handshake + 401 challenge + page), bare {} (handshake + page)\n",
        ms(median(cold_sdk)),
        ms(median(cold_bare))
    );

    // Four vaults at once against the slowest one alone.
    for (label, delay) in [("loopback", Duration::ZERO), ("simulated latency", LATENCY)] {
        let vaults: Vec<VaultConnection> = small
            .iter()
            .map(|t| {
                if delay.is_zero() {
                    t.connect()
                } else {
                    t.connect_delayed(delay)
                }
            })
            .collect();
        for vault in &vaults {
            let warm = sdk_list(vault).await;
            assert_eq!(warm.items, SMALL);
        }
        let mut alone: Vec<Vec<Duration>> = vec![Vec::new(); vaults.len()];
        let mut together = Vec::new();
        let mut together_first = Vec::new();
        for _ in 0..RUNS {
            for (i, vault) in vaults.iter().enumerate() {
                alone[i].push(sdk_list(vault).await.total);
            }
            let started = Instant::now();
            let runs = futures::future::join_all(vaults.iter().map(sdk_list)).await;
            together.push(started.elapsed());
            together_first.push(runs.iter().map(|r| r.first_page).max().unwrap());
            assert!(runs.iter().all(|r| r.items == SMALL));
        }
        let alone: Vec<Duration> = alone.into_iter().map(median).collect();
        let slowest = *alone.iter().max().unwrap();
        let sum: Duration = alone.iter().sum();
        let together_median = median(together.clone());
        let ratio = together_median.as_secs_f64() / slowest.as_secs_f64();
        let heading = if delay.is_zero() {
            format!(
                "{SMALL_VAULTS} vaults of {SMALL} ({} pages each), {label}:",
                SMALL / 25
            )
        } else {
            format!(
                "{SMALL_VAULTS} vaults of {SMALL}, {label} of {} ms before each request:",
                delay.as_millis()
            )
        };
        println!("{heading}");
        println!(
            "  each alone      {}",
            alone.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(" ")
        );
        println!(
            "  all concurrently{}  {}  last first page {}",
            ms(together_median),
            spread(&together),
            ms(median(together_first))
        );
        println!(
            "  ratio concurrent/slowest alone {ratio:.3} (goal <= 1.30: {}); concurrent/one after another {:.3}\n",
            verdict(ratio, 1.30),
            together_median.as_secs_f64() / sum.as_secs_f64()
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` only checks that it builds and starts.
    if !std::env::args().any(|a| a == "--bench") {
        println!("listing benchmark: run with `cargo bench -p certdeck-vault --bench listing`");
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The server gets its own runtime, like a separate process would have its own threads.
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("local-vault")
        .enable_all()
        .build()
        .unwrap();
    let client_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("client")
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let mut names = vec!["big".to_owned()];
    names.extend((1..=SMALL_VAULTS).map(|i| format!("small{i}")));
    let server = server_runtime
        .block_on(LocalVault::start(Config {
            data_dir: data_dir.clone(),
            vaults: names.clone(),
            first_port: None,
            operation_delay: Duration::ZERO,
            deletion_delay: Duration::ZERO,
            vault_settings: Default::default(),
        }))
        .expect("local vault starts");
    let ca = std::fs::read(server.ca_file()).unwrap();
    let targets = server
        .vaults()
        .into_iter()
        .map(|endpoint| Target {
            name: endpoint.name,
            url: endpoint.url,
            data_dir: data_dir.clone(),
            token: server.token().to_owned(),
            http: https_client(&ca),
        })
        .collect::<Vec<_>>();
    assert_eq!(targets.len(), names.len());
    println!(
        "listing benchmark: loopback HTTPS, {cores} CPU cores; local vault in-process on its own 2-thread runtime, clients on another"
    );
    client_runtime.block_on(run(targets));
    server_runtime.block_on(server.shutdown());
}
