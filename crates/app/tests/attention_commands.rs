//! Needs attention over two local vaults and one that cannot be reached: each seeded problem is
//! found once, the healthy certificates are not, the requests are only those the rules need,
//! and the missing vault is a row of its own.

mod support;

use std::sync::Mutex;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, add_local, ec_policy, issue, load};
use vault::{
    CertificateContact, IssuerInput, LifetimeAction, LifetimeActionType, LifetimeTrigger,
    SELF_ISSUER, UNKNOWN_ISSUER, VaultConnection,
};

fn with_action(host: &str, action: LifetimeActionType, months: i32) -> vault::CertificatePolicy {
    let mut policy = ec_policy(SELF_ISSUER, host);
    policy.x509_props.validity_months = Some(months);
    policy.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(5),
        action,
    }]);
    policy
}

/// Vault A (with contacts): the samples, a CSR waiting two days, a create its issuer failed, a
/// certificate expiring soon that AutoRenew will renew. Vault B (no contacts): a policy that
/// emails contacts, one that renews, and one expiring soon that emails contacts.
async fn seed(app: &App, host: &FakeHost) -> (VaultId, VaultId) {
    let entry = list_vaults(app, host, ()).await.unwrap().remove(0);
    let a = VaultConnection::open(&entry).unwrap();
    a.add_samples().await.unwrap();
    a.set_contacts(&[CertificateContact {
        email: "pki@example.test".into(),
        ..Default::default()
    }])
    .await
    .unwrap();
    a.shift_clock(-2).await.unwrap();
    a.create_certificate(
        "stale-csr",
        &ec_policy(UNKNOWN_ISSUER, "csr.test"),
        &Default::default(),
        true,
    )
    .await
    .unwrap();
    a.shift_clock(2).await.unwrap();
    let issuer = IssuerInput {
        provider: "DigiCert".into(),
        account_id: String::new(),
        password: None,
        organization_id: String::new(),
        admins: Vec::new(),
        enabled: true,
    };
    a.set_issuer("digi", &issuer).await.unwrap();
    a.create_certificate(
        "failed-digi",
        &ec_policy("digi", "digi.test"),
        &Default::default(),
        true,
    )
    .await
    .unwrap();
    let outcome = a.wait_for_operation("failed-digi", |_| {}).await.unwrap();
    assert!(
        matches!(outcome, OperationOutcome::Failed { .. }),
        "{outcome:?}"
    );
    let b = add_local(app, host, "Second").await;
    tokio::join!(
        issue(
            app,
            host,
            entry.id,
            "soon-renews",
            with_action("soon.test", LifetimeActionType::AutoRenew, 1)
        ),
        issue(
            app,
            host,
            b,
            "mailer",
            with_action("mail.test", LifetimeActionType::EmailContacts, 12)
        ),
        issue(
            app,
            host,
            b,
            "renewer",
            with_action("renew.test", LifetimeActionType::AutoRenew, 12)
        ),
        issue(
            app,
            host,
            b,
            "mailer-soon",
            with_action("mail-soon.test", LifetimeActionType::EmailContacts, 1)
        ),
    );
    (entry.id, b)
}

/// Runs a scan; returns its summary and the batches it streamed.
async fn scan(
    app: &App,
    host: &FakeHost,
    vaults: Vec<VaultId>,
    window_days: Option<u32>,
) -> (AttentionSummary, Vec<AttentionBatch>) {
    let seen = Mutex::new(Vec::new());
    let events = |batch: AttentionBatch| {
        seen.lock().unwrap().push(batch);
        Ok(())
    };
    let args = NeedsAttentionArgs {
        vaults,
        window_days,
        request: 7,
    };
    let summary = needs_attention(app, host, args, &events).await.unwrap();
    (summary, seen.into_inner().unwrap())
}

/// `(vault, name, kind, first fix)` of each row, sorted.
fn found(batches: &[AttentionBatch]) -> Vec<(VaultId, String, String, Option<Fix>)> {
    let mut rows: Vec<_> = batches
        .iter()
        .flat_map(|batch| &batch.rows)
        .map(|row| {
            let kind = serde_json::to_value(&row.problem).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned();
            (
                row.vault,
                row.name.clone().unwrap_or_default(),
                kind,
                row.fixes.first().copied(),
            )
        })
        .collect();
    rows.sort_by(|x, y| (x.0.0, &x.1, &x.2).cmp(&(y.0.0, &y.1, &y.2)));
    rows
}

#[tokio::test(flavor = "multi_thread")]
async fn each_seeded_problem_is_found_once_and_nothing_else() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (a, b) = seed(&app, &host).await;
    let gone = VaultId(999);

    let (summary, batches) = scan(&app, &host, vec![a, b, gone], Some(60)).await;
    let row = |vault, name: &str, kind: &str, fix| (vault, name.to_owned(), kind.to_owned(), fix);
    assert_eq!(
        found(&batches),
        [
            row(a, "failed-digi", "RenewalFailed", Some(Fix::OpenOperation)),
            row(a, "sample-disabled", "Disabled", Some(Fix::Enable)),
            row(a, "sample-expired", "Expired", Some(Fix::Renew)),
            row(a, "sample-expiring", "ExpiresSoon", Some(Fix::EditPolicy)),
            row(a, "stale-csr", "StalePending", Some(Fix::OpenOperation)),
            // B has no contacts: one row for the vault, not a policy read per certificate;
            // the certificate expiring soon (its policy read anyway) is said by name too.
            row(b, "", "VaultWithoutContacts", Some(Fix::SetContacts)),
            row(b, "mailer-soon", "ExpiresSoon", Some(Fix::EditPolicy)),
            row(b, "mailer-soon", "NoContacts", Some(Fix::SetContacts)),
            row(gone, "", "CheckFailed", None),
        ]
    );
    let failed = batches.iter().find(|batch| batch.vault == gone).unwrap();
    let Problem::CheckFailed { error } = &failed.rows[0].problem else {
        panic!("{failed:?}");
    };
    assert_eq!(error.code, Code::NotFound);
    // Each vault ends with one last batch; the missing one checked nothing.
    for vault in [a, b, gone] {
        let of_vault: Vec<_> = batches.iter().filter(|b| b.vault == vault).collect();
        let done: Vec<bool> = of_vault.iter().map(|b| b.done).collect();
        assert_eq!(
            done.iter().filter(|&&d| d).count(),
            1,
            "{vault:?}: {done:?}"
        );
        assert_eq!(done.last(), Some(&true), "{vault:?}: {done:?}");
    }
    let count = |vault| {
        batches
            .iter()
            .find(|b| b.vault == vault && b.done)
            .unwrap()
            .certificates
    };
    assert_eq!(
        count(a),
        Some(8),
        "5 samples, stale-csr, failed-digi, soon-renews"
    );
    assert_eq!(count(b), Some(3));
    assert_eq!(count(gone), None);
    assert_eq!(
        summary,
        AttentionSummary {
            certificates: 11,
            rows: 9,
            failed_vaults: 1,
            requests: AttentionRequests {
                listing_pages: 2,
                contacts: 2,
                // The three pending certificates of A.
                operations: 3,
                // The certificates expiring within 60 days: two in A, one in B.
                policies: 3,
            },
        }
    );

    // A 5-day window leaves the sample expiring in 10 days alone, and reads no policy in A.
    let (summary, batches) = scan(&app, &host, vec![a], Some(5)).await;
    assert!(
        !found(&batches)
            .iter()
            .any(|(_, name, _, _)| name == "sample-expiring")
    );
    assert_eq!(summary.requests.policies, 0);
    assert_eq!(summary.rows, 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_window_out_of_range_is_refused_with_a_hint() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let args = NeedsAttentionArgs {
        vaults: Vec::new(),
        window_days: Some(0),
        request: 1,
    };
    let err = needs_attention(&app, &host, args, &|_| Ok(()))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.message.contains("0 days"), "{}", err.message);
    assert!(err.hint.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_scan_stops_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    add_samples(&app, &host, VaultArgs { vault }).await.unwrap();
    // Cancelled as its first rows arrive, while its reads are still to come.
    let batches = Mutex::new(0);
    let events = |_: AttentionBatch| {
        *batches.lock().unwrap() += 1;
        let cancel = CancelRequestArgs { request: 9 };
        futures::executor::block_on(cancel_request(&app, &host, cancel))
    };
    let args = NeedsAttentionArgs {
        vaults: vec![vault],
        window_days: None,
        request: 9,
    };
    let err = needs_attention(&app, &host, args, &events)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::Cancelled);
    assert_eq!(*batches.lock().unwrap(), 1, "nothing after the cancel");
}
