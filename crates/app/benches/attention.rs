//! Needs attention over 4 local vaults × 2,500 certificates on loopback HTTPS, against listing
//! the same 4 vaults (the app's `list_certificates`, all at once as the Expiry view does), in
//! the same process: time to the first rows and to the end. Goal: both ≤ 1.1×.
//!
//! Each vault has contacts, 50 certificates expiring in about 15 days with an EmailContacts
//! action (their policies are read: AutoRenew?), 10 disabled and 5 pending on a CSR (their
//! operations are read). Medians of RUNS runs after a warm-up, the two alternating so neither
//! always meets a warmer server; then one vault without contacts, then every answer
//! `LATENCY_MS` late, as over a network. Run: `cargo bench -p certdeck-app --bench attention`
//! (alone: it competes for CPU). `ATTENTION_COUNT` changes the certificates per vault,
//! `ATTENTION_VAULTS` the vaults.

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use app::App;
use app::commands::*;
use futures::StreamExt;
use support::{NoHost, app_in};
use vault::{
    CertificateContact, KeyCurve, KeyType, LifetimeAction, LifetimeActionType, LifetimeTrigger,
    PolicyIssuer, PolicyKey, PolicyX509, SELF_ISSUER, UNKNOWN_ISSUER, VaultConnection,
};

const RUNS: usize = 11;
const CONCURRENCY: usize = vault::connection::PER_VAULT_CONCURRENCY;
/// Of every 50 certificates: one expiring soon; of every 250: one disabled; of every 500: one
/// pending (none of them the same).
const EXPIRING_EVERY: usize = 50;
const DISABLED_EVERY: usize = 250;
const PENDING_EVERY: usize = 500;

/// Time to the first rows and to the end of one run.
#[derive(Clone, Copy)]
struct Timing {
    first: Duration,
    all: Duration,
}

fn main() {
    let count: usize = std::env::var("ATTENTION_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_500);
    let vaults_wanted: usize = std::env::var("ATTENTION_VAULTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4);
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let seeding = Instant::now();
    let entries = runtime.block_on(async {
        let mut entries = list_vaults(&app, &NoHost, ()).await.unwrap();
        for i in 1..vaults_wanted {
            let name = format!("Bench {i}");
            entries.push(
                add_local_vault(&app, &NoHost, AddLocalVaultArgs { name })
                    .await
                    .unwrap(),
            );
        }
        let seeds = entries.iter().map(|entry| async move {
            seed(&VaultConnection::open(entry).unwrap(), count).await;
        });
        futures::future::join_all(seeds).await;
        entries
    });
    let vaults: Vec<VaultId> = entries.iter().map(|entry| entry.id).collect();
    println!(
        "seeded {vaults_wanted} vaults × {count} certificates in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    runtime.block_on(async {
        let label = format!("{vaults_wanted} vaults × {count} certificates on loopback");
        let list_all = compare(&app, &vaults, RUNS, &label).await;

        // A vault without contacts is one row for the vault: no more policy reads than above.
        let first = VaultConnection::open(&entries[0]).unwrap();
        first.delete_contacts().await.unwrap();
        let mut runs = Vec::new();
        let mut summary = None;
        for _ in 0..3 {
            let (timing, scanned) = scan(&app, &vaults).await;
            runs.push(timing);
            summary = Some(scanned);
        }
        let all = median(&runs, |t| t.all);
        println!(
            "one vault without contacts: {:.1} ms to the end ({:.2}× listing), {} policies read",
            ms(all),
            all.as_secs_f64() / list_all.as_secs_f64(),
            summary.unwrap().requests.policies,
        );

        // Loopback costs only CPU, which the app and the four local vaults share on this
        // machine: every request counts. Over a network each answer waits a round trip
        // (Azure: 20–100 ms), the listing's pages one after another, the other reads beside it.
        let delay = serde_json::json!([{ "kind": "delay", "delay_ms": LATENCY_MS }]);
        for entry in &entries {
            let connection = VaultConnection::open(entry).unwrap();
            connection.set_faults(delay.clone()).await.unwrap();
        }
        let label = format!("the same with {LATENCY_MS} ms per answer");
        compare(&app, &vaults, LATENCY_RUNS, &label).await;
    });
}

const LATENCY_MS: u64 = 20;
const LATENCY_RUNS: usize = 3;

fn median(timings: &[Timing], pick: fn(&Timing) -> Duration) -> Duration {
    let mut values: Vec<Duration> = timings.iter().map(pick).collect();
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Listing alone against the inbox, `runs` times each after a warm-up, alternating so neither
/// always meets a warmer server; prints the medians and returns the listing's time to the end.
async fn compare(app: &App, vaults: &[VaultId], runs: usize, label: &str) -> Duration {
    let mut listing = Vec::new();
    let mut attention = Vec::new();
    let mut summary = None;
    for run in 0..=runs {
        for k in 0..2 {
            let scanned = (run + k) % 2 == 1;
            let (timing, found) = if scanned {
                let (timing, found) = scan(app, vaults).await;
                (timing, Some(found))
            } else {
                (list(app, vaults).await, None)
            };
            if run == 0 {
                continue;
            }
            if scanned {
                attention.push(timing);
                summary = found;
            } else {
                listing.push(timing);
            }
        }
    }
    let (list_first, list_all) = (median(&listing, |t| t.first), median(&listing, |t| t.all));
    let (scan_first, scan_all) = (
        median(&attention, |t| t.first),
        median(&attention, |t| t.all),
    );
    let summary = summary.unwrap();
    println!(
        "needs attention, {label}, median of {runs} (goal ≤ 1.1×):\n  \
         {:<22}{:>9} {:>9}\n  {:<22}{:>7.2}ms {:>7.1}ms\n  {:<22}{:>7.2}ms {:>7.1}ms\n  {:<22}{:>8.3}× {:>8.3}×\n\
         rows {}, requests: {} listing pages, {} contacts, {} operations, {} policies",
        "",
        "first",
        "all",
        "listing alone",
        ms(list_first),
        ms(list_all),
        "needs attention",
        ms(scan_first),
        ms(scan_all),
        "ratio",
        scan_first.as_secs_f64() / list_first.as_secs_f64(),
        scan_all.as_secs_f64() / list_all.as_secs_f64(),
        summary.rows,
        summary.requests.listing_pages,
        summary.requests.contacts,
        summary.requests.operations,
        summary.requests.policies,
    );
    list_all
}

/// Lists every vault at once; the first rows are the first batch of any vault.
async fn list(app: &App, vaults: &[VaultId]) -> Timing {
    let start = Instant::now();
    let first = Mutex::new(None);
    let events = |_: Vec<CertificateSummary>| {
        first.lock().unwrap().get_or_insert_with(|| start.elapsed());
        Ok(())
    };
    let listings = vaults.iter().enumerate().map(|(i, &vault)| {
        let args = ListCertificatesArgs {
            vault,
            request: 100 + i as u32,
        };
        list_certificates(app, &NoHost, args, &events)
    });
    let counts = futures::future::try_join_all(listings).await.unwrap();
    assert!(counts.iter().all(|&n| n > 0));
    Timing {
        first: first.into_inner().unwrap().unwrap(),
        all: start.elapsed(),
    }
}

/// One scan; the first rows are the first batch holding any.
async fn scan(app: &App, vaults: &[VaultId]) -> (Timing, AttentionSummary) {
    let start = Instant::now();
    let first = Mutex::new(None);
    let events = |batch: AttentionBatch| {
        if !batch.rows.is_empty() {
            first.lock().unwrap().get_or_insert_with(|| start.elapsed());
        }
        Ok(())
    };
    let args = NeedsAttentionArgs {
        vaults: vaults.to_vec(),
        window_days: None,
        request: 200,
    };
    let summary = needs_attention(app, &NoHost, args, &events).await.unwrap();
    let timing = Timing {
        first: first.into_inner().unwrap().unwrap(),
        all: start.elapsed(),
    };
    (timing, summary)
}

fn policy(issuer: &str, action: LifetimeActionType) -> vault::CertificatePolicy {
    vault::CertificatePolicy {
        key_props: PolicyKey {
            key_type: Some(KeyType::Ec),
            curve: Some(KeyCurve::P256),
            ..Default::default()
        },
        x509_props: PolicyX509 {
            subject: Some("CN=attention.bench.test".into()),
            validity_months: Some(12),
            ..Default::default()
        },
        issuer: PolicyIssuer {
            name: Some(issuer.into()),
            ..Default::default()
        },
        lifetime_actions: Some(vec![LifetimeAction {
            trigger: LifetimeTrigger::DaysBeforeExpiry(5),
            action,
        }]),
        ..Default::default()
    }
}

/// Contacts, then the certificates: the expiring ones issued with the clock 350 days back, the
/// rest now (EC keys: fast), each waited for so no issuance runs while timing.
async fn seed(connection: &VaultConnection, count: usize) {
    connection
        .set_contacts(&[CertificateContact {
            email: "pki@bench.test".into(),
            ..Default::default()
        }])
        .await
        .unwrap();
    let names: Vec<String> = (0..count).map(|i| format!("cert-{i:04}")).collect();
    let (expiring, rest): (Vec<(usize, &String)>, Vec<_>) = names
        .iter()
        .enumerate()
        .partition(|(i, _)| i % EXPIRING_EVERY == 0);
    connection.shift_clock(-350).await.unwrap();
    create_all(connection, &expiring).await;
    connection.shift_clock(350).await.unwrap();
    create_all(connection, &rest).await;
    let disabled = names.iter().skip(7).step_by(DISABLED_EVERY);
    futures::stream::iter(disabled)
        .for_each_concurrent(CONCURRENCY, |name| async move {
            connection.set_enabled(name, None, false).await.unwrap();
        })
        .await;
}

/// Creates each certificate (a pending one on a CSR every `PENDING_EVERY`), 4 at a time, then
/// waits until the self-signed ones are issued.
async fn create_all(connection: &VaultConnection, names: &[(usize, &String)]) {
    let self_signed = policy(SELF_ISSUER, LifetimeActionType::EmailContacts);
    let csr = policy(UNKNOWN_ISSUER, LifetimeActionType::EmailContacts);
    let (self_signed, csr) = (&self_signed, &csr);
    let pending = |i: usize| i % PENDING_EVERY == 3;
    futures::stream::iter(names)
        .for_each_concurrent(CONCURRENCY, |&(i, name)| async move {
            let policy = if pending(i) { csr } else { self_signed };
            connection
                .create_certificate(name, policy, &Default::default(), true)
                .await
                .unwrap();
        })
        .await;
    futures::stream::iter(names.iter().filter(|(i, _)| !pending(*i)))
        .for_each_concurrent(CONCURRENCY, |&(_, name)| async move {
            let outcome = connection.wait_for_operation(name, |_| {}).await.unwrap();
            assert!(
                matches!(outcome, OperationOutcome::Issued { .. }),
                "{outcome:?}"
            );
        })
        .await;
}
