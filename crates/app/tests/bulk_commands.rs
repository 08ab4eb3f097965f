//! Policies of many certificates at once, across two local vaults: a preview, the apply it
//! announced (a missing certificate fails on its own, an already-right one is left alone),
//! and compliance against a template before and after.

mod support;

use std::sync::Mutex;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, ec_policy, issue, load, streamed, target};
use vault::{LifetimeAction, LifetimeActionType, LifetimeTrigger, SELF_ISSUER};

fn renew_30_days() -> Vec<LifetimeAction> {
    vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(30),
        action: LifetimeActionType::AutoRenew,
    }]
}

fn outcome_of<'a>(items: &'a [BulkItem], vault: VaultId, name: &str) -> &'a BulkOutcome {
    &items
        .iter()
        .find(|item| item.target == target(vault, name))
        .unwrap_or_else(|| panic!("{name} in {items:?}"))
        .outcome
}

async fn two_vaults(app: &App, host: &FakeHost) -> (VaultId, VaultId) {
    let a = list_vaults(app, host, ()).await.unwrap()[0].id;
    let b = add_local_vault(
        app,
        host,
        AddLocalVaultArgs {
            name: "Second".into(),
        },
    )
    .await
    .unwrap()
    .id;
    let mut done = ec_policy(SELF_ISSUER, "done.test");
    done.lifetime_actions = Some(renew_30_days());
    tokio::join!(
        issue(app, host, a, "web", ec_policy(SELF_ISSUER, "web.test")),
        issue(app, host, b, "api", ec_policy(SELF_ISSUER, "api.test")),
        issue(app, host, b, "done", done),
    );
    (a, b)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_change_is_previewed_then_applied_across_vaults() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (a, b) = two_vaults(&app, &host).await;
    let args = || BulkPolicyArgs {
        targets: vec![
            target(a, "web"),
            target(a, "missing"),
            target(b, "api"),
            target(b, "done"),
        ],
        patch: PolicyPatch {
            lifetime_actions: Some(renew_30_days()),
            ..Default::default()
        },
        request: 5,
    };

    let (preview, seen) =
        streamed(async |events| preview_bulk_policy(&app, &host, args(), events).await).await;
    assert_eq!(preview.len(), 4);
    assert_eq!(seen.len(), 4, "each item is streamed");
    for (vault, name) in [(a, "web"), (b, "api")] {
        let BulkOutcome::WouldChange { changes } = outcome_of(&preview, vault, name) else {
            panic!("{preview:?}");
        };
        assert!(
            changes
                .iter()
                .all(|c| c.field.starts_with("lifetime_actions")),
            "{changes:?}"
        );
        assert!(!changes.is_empty());
    }
    let BulkOutcome::Failed { error } = outcome_of(&preview, a, "missing") else {
        panic!("{preview:?}");
    };
    assert_eq!(error.code, Code::NotFound);
    assert!(matches!(
        outcome_of(&preview, b, "done"),
        BulkOutcome::Unchanged
    ));
    let unchanged_policy = get_policy(
        &app,
        &host,
        CertificateArgs {
            vault: a,
            name: "web".parse().unwrap(),
        },
    )
    .await
    .unwrap();
    assert_ne!(
        unchanged_policy.lifetime_actions,
        Some(renew_30_days()),
        "a preview sends nothing"
    );

    // Changed elsewhere after the preview: apply sends only the lifetime actions it changes,
    // so this survives although the apply reuses the preview's read.
    let mut elsewhere = unchanged_policy.clone();
    elsewhere.x509_props.validity_months = Some(7);
    save_policy(
        &app,
        &host,
        SavePolicyArgs {
            vault: a,
            name: "web".parse().unwrap(),
            policy: elsewhere,
        },
    )
    .await
    .unwrap();

    let (applied, seen) =
        streamed(async |events| apply_bulk_policy(&app, &host, args(), events).await).await;
    assert_eq!(seen.len(), 4);
    for (vault, name) in [(a, "web"), (b, "api")] {
        assert!(
            matches!(outcome_of(&applied, vault, name), BulkOutcome::Changed { changes } if !changes.is_empty()),
            "{applied:?}"
        );
        let stored = get_policy(
            &app,
            &host,
            CertificateArgs {
                vault,
                name: name.parse().unwrap(),
            },
        )
        .await
        .unwrap();
        assert_eq!(stored.lifetime_actions, Some(renew_30_days()));
        let months = if vault == a { 7 } else { 12 };
        assert_eq!(stored.x509_props.validity_months, Some(months), "{name}");
    }
    assert!(matches!(
        outcome_of(&applied, a, "missing"),
        BulkOutcome::Failed { .. }
    ));
    assert!(matches!(
        outcome_of(&applied, b, "done"),
        BulkOutcome::Unchanged
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn compliance_lists_each_certificates_deviations() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let (a, b) = two_vaults(&app, &host).await;
    let mut template = ec_policy(SELF_ISSUER, "template.test");
    template.lifetime_actions = Some(renew_30_days());

    let seen = Mutex::new(Vec::new());
    let events = |row: ComplianceRow| {
        seen.lock().unwrap().push(row);
        Ok(())
    };
    let args = ComplianceArgs {
        vaults: vec![a, b],
        template,
        request: 6,
    };
    let count = check_compliance(&app, &host, args, &events).await.unwrap();
    let rows = seen.into_inner().unwrap();
    assert_eq!(count, rows.len());
    let row = |vault, name: &str| {
        rows.iter()
            .find(|r| r.target == target(vault, name))
            .unwrap_or_else(|| panic!("{name} in {rows:?}"))
    };
    for (vault, name) in [(a, "web"), (b, "api")] {
        let row = row(vault, name);
        assert!(row.error.is_none());
        assert!(
            row.deviations
                .iter()
                .any(|d| d.field.starts_with("lifetime_actions")),
            "{row:?}"
        );
    }
    let done = row(b, "done");
    assert!(
        done.deviations.is_empty() && done.error.is_none(),
        "{done:?}"
    );

    let streamed = Mutex::new(0);
    let events = |_| {
        *streamed.lock().unwrap() += 1;
        Ok(())
    };
    let args = ComplianceArgs {
        vaults: vec![VaultId(999), b],
        template: ec_policy(SELF_ISSUER, "template.test"),
        request: 7,
    };
    let err = check_compliance(&app, &host, args, &events)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::NotFound, "a vault not listed is an error");
    assert_eq!(
        *streamed.lock().unwrap(),
        2,
        "the other vault's rows still came"
    );
}
