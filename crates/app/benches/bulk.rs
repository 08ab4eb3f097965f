//! Bulk policy change of 500 certificates in one local vault on loopback HTTPS: CertDeck's
//! `apply_bulk_policy` (patch, check, diff, send the changed sections, stream each item)
//! against 500 bare SDK `update_certificate_policy` calls sending only the lifetime action,
//! all 4 at a time (the per-vault limit), in the same process. Goal: ≤ 1.2×.
//!
//! The app applies after its preview (the UI offers Apply only on a preview), which has read
//! each policy: that apply is the line the goal is for, and the preview's own time is printed
//! beside it. Apply without a preview reads each policy itself; a bare SDK read then update of
//! each certificate shows what that read costs by itself.
//!
//! Each run sets another `days_before_expiry`, so every certificate changes every time.
//! Medians of RUNS runs after a warm-up, the two alternating so neither always meets a warmer
//! server. Run: `cargo bench -p certdeck-app --bench bulk` (alone: it competes for CPU).

mod support;

use std::time::{Duration, Instant};

use app::App;
use app::commands::*;
use azure_security_keyvault_certificates::models as sdk;
use futures::StreamExt;
use support::{NoHost, app_in};
use vault::{
    KeyCurve, KeyType, LifetimeAction, LifetimeActionType, LifetimeTrigger, PolicyIssuer,
    PolicyKey, PolicyX509, SELF_ISSUER, VaultConnection,
};

const CERTIFICATES: usize = 500;
const RUNS: usize = 5;
const CONCURRENCY: usize = vault::connection::PER_VAULT_CONCURRENCY;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (vault, connection) = runtime.block_on(async {
        let entry = list_vaults(&app, &NoHost, ()).await.unwrap().remove(0);
        let connection = VaultConnection::open(&entry).unwrap();
        (entry.id, connection)
    });
    let names: Vec<String> = (0..CERTIFICATES).map(|i| format!("bulk-{i:03}")).collect();
    let seeding = Instant::now();
    runtime.block_on(seed(&connection, &names));
    println!(
        "seeded {CERTIFICATES} self-signed EC certificates in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );

    let mut times: [Vec<Duration>; 5] = Default::default();
    let mut days = 30;
    for run in 0..=RUNS {
        for k in 0..4 {
            let which = (run + k) % 4;
            days += 1;
            let took = runtime.block_on(async {
                match which {
                    0 => bare(&connection, &names, days, false).await,
                    1 => bare(&connection, &names, days, true).await,
                    2 => apply(&app, vault, &names, days).await,
                    _ => {
                        let start = Instant::now();
                        let args = bulk_args(vault, &names, days);
                        preview_bulk_policy(&app, &NoHost, args, &|_| Ok(()))
                            .await
                            .unwrap();
                        let previewed = start.elapsed();
                        if run > 0 {
                            times[4].push(previewed);
                        }
                        apply(&app, vault, &names, days).await
                    }
                }
            });
            if run > 0 {
                times[which].push(took);
            }
        }
    }
    let [sdk, read_then_update, unpreviewed, certdeck, preview] = times.map(median);
    let line = |label: &str, d: Duration| {
        format!(
            "  {label:<26}{:>8.1} ms ({:>5.0} certificates/s) {:.3}×",
            d.as_secs_f64() * 1000.0,
            CERTIFICATES as f64 / d.as_secs_f64(),
            d.as_secs_f64() / sdk.as_secs_f64()
        )
    };
    println!(
        "bulk policy change of {CERTIFICATES} certificates, {CONCURRENCY} at a time, median of \
         {RUNS} (goal ≤ 1.2×):\n{}\n{}\n{}\n{}\n{}",
        line("bare SDK update", sdk),
        line("CertDeck apply (previewed)", certdeck),
        line("  its preview", preview),
        line("CertDeck apply, no preview", unpreviewed),
        line("bare SDK read + update", read_then_update),
    );
}

/// Creates the certificates (EC keys: fast) and waits until each is issued, so no issuance
/// runs while timing.
async fn seed(connection: &VaultConnection, names: &[String]) {
    let policy = vault::CertificatePolicy {
        key_props: PolicyKey {
            key_type: Some(KeyType::Ec),
            curve: Some(KeyCurve::P256),
            ..Default::default()
        },
        x509_props: PolicyX509 {
            subject: Some("CN=bulk.bench.test".into()),
            validity_months: Some(12),
            ..Default::default()
        },
        issuer: PolicyIssuer {
            name: Some(SELF_ISSUER.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let policy = &policy;
    futures::stream::iter(names)
        .map(|name| async move {
            connection
                .create_certificate(name, policy, &Default::default(), true)
                .await
                .unwrap();
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<()>()
        .await;
    futures::stream::iter(names)
        .map(|name| async move {
            let outcome = connection.wait_for_operation(name, |_| {}).await.unwrap();
            assert!(
                matches!(outcome, OperationOutcome::Issued { .. }),
                "{outcome:?}"
            );
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<()>()
        .await;
}

async fn apply(app: &App, vault: VaultId, names: &[String], days: i32) -> Duration {
    let args = bulk_args(vault, names, days);
    let start = Instant::now();
    let items = apply_bulk_policy(app, &NoHost, args, &|_| Ok(()))
        .await
        .unwrap();
    let took = start.elapsed();
    assert!(
        items
            .iter()
            .all(|item| matches!(item.outcome, BulkOutcome::Changed { .. })),
        "every certificate changes: {:?}",
        items
            .iter()
            .find(|i| !matches!(i.outcome, BulkOutcome::Changed { .. }))
    );
    took
}

/// Every certificate's lifetime action set to AutoRenew `days` before expiry.
fn bulk_args(vault: VaultId, names: &[String], days: i32) -> BulkPolicyArgs {
    BulkPolicyArgs {
        targets: names
            .iter()
            .map(|name| CertificateRef {
                vault,
                name: name.parse().unwrap(),
            })
            .collect(),
        patch: PolicyPatch {
            lifetime_actions: Some(vec![LifetimeAction {
                trigger: LifetimeTrigger::DaysBeforeExpiry(days),
                action: LifetimeActionType::AutoRenew,
            }]),
            ..Default::default()
        },
        request: 1,
    }
}

/// Bare SDK updates setting only the lifetime action; with `read_first`, each policy is read,
/// its lifetime action replaced, and sent back whole, as CertDeck does without its checks.
async fn bare(
    connection: &VaultConnection,
    names: &[String],
    days: i32,
    read_first: bool,
) -> Duration {
    let start = Instant::now();
    futures::stream::iter(names)
        .map(|name| async move {
            let mut policy = if read_first {
                connection
                    .certificates
                    .get_certificate_policy(name, None)
                    .await
                    .unwrap()
                    .into_model()
                    .unwrap()
            } else {
                sdk::CertificatePolicy::default()
            };
            policy.lifetime_actions = Some(renew(days));
            connection
                .certificates
                .update_certificate_policy(name, policy.try_into().unwrap(), None)
                .await
                .unwrap();
        })
        .buffer_unordered(CONCURRENCY)
        .collect::<()>()
        .await;
    start.elapsed()
}

fn renew(days: i32) -> Vec<sdk::LifetimeAction> {
    vec![sdk::LifetimeAction {
        trigger: Some(sdk::LifetimeActionTrigger {
            days_before_expiry: Some(days),
            ..Default::default()
        }),
        action: Some(sdk::LifetimeActionType {
            action_type: Some(sdk::CertificatePolicyAction::AutoRenew),
        }),
    }]
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
