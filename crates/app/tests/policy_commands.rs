//! Editing a certificate's policy through the commands, against the embedded local vault:
//! saved as sent, refused on its field before sending, linted against the vault's contacts.

mod support;

use std::sync::Mutex;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, ec_policy, issue, load};
use vault::{LifetimeAction, LifetimeActionType, LifetimeTrigger, SELF_ISSUER};

/// An issued self-signed certificate `name` in the local vault.
async fn issued(app: &App, host: &FakeHost, name: &str) -> VaultId {
    let vault = list_vaults(app, host, ()).await.unwrap()[0].id;
    issue(
        app,
        host,
        vault,
        name,
        ec_policy(SELF_ISSUER, &format!("{name}.test")),
    )
    .await;
    vault
}

fn certificate(vault: VaultId, name: &str) -> CertificateArgs {
    CertificateArgs {
        vault,
        name: name.parse().unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_edited_policy_is_saved_as_sent() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = issued(&app, &host, "edited").await;

    let mut policy = get_policy(&app, &host, certificate(vault, "edited"))
        .await
        .unwrap();
    policy
        .x509_props
        .sans
        .dns_names
        .push("www.edited.test".into());
    policy.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(30),
        action: LifetimeActionType::AutoRenew,
    }]);
    let args = SavePolicyArgs {
        vault,
        name: "edited".parse().unwrap(),
        policy: policy.clone(),
    };
    let saved = save_policy(&app, &host, args).await.unwrap();
    let SavedPolicy::Saved {
        policy: stored,
        differences,
    } = saved
    else {
        panic!("{saved:?}");
    };
    assert!(differences.is_empty(), "{differences:?}");
    assert_eq!(
        stored.x509_props.sans.dns_names,
        policy.x509_props.sans.dns_names
    );
    assert_eq!(stored.lifetime_actions, policy.lifetime_actions);
    let reread = get_policy(&app, &host, certificate(vault, "edited"))
        .await
        .unwrap();
    assert_eq!(reread.lifetime_actions, policy.lifetime_actions);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rule_breaking_policy_is_refused_on_its_field_and_not_sent() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = issued(&app, &host, "strict").await;
    let before = get_policy(&app, &host, certificate(vault, "strict"))
        .await
        .unwrap();

    let mut policy = before.clone();
    policy.x509_props.validity_months = Some(12);
    policy.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::LifetimePercentage(100),
        action: LifetimeActionType::AutoRenew,
    }]);
    let args = SavePolicyArgs {
        vault,
        name: "strict".parse().unwrap(),
        policy,
    };
    let saved = save_policy(&app, &host, args).await.unwrap();
    let SavedPolicy::Refused { issues } = saved else {
        panic!("{saved:?}");
    };
    assert!(
        issues
            .iter()
            .all(|i| i.field.starts_with("lifetime_actions")),
        "{issues:?}"
    );
    assert!(!issues.is_empty());
    let after = get_policy(&app, &host, certificate(vault, "strict"))
        .await
        .unwrap();
    assert_eq!(after, before, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn lint_knows_whether_the_vault_has_contacts() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    let mut policy = ec_policy(SELF_ISSUER, "mail.test");
    policy.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(30),
        action: LifetimeActionType::EmailContacts,
    }]);
    let check = |vault| CheckPolicyArgs {
        vault,
        policy: policy.clone(),
    };
    let issues = check_policy(&app, &host, check(Some(vault))).await.unwrap();
    assert!(
        issues
            .iter()
            .any(|i| i.field == "lifetime_actions.0.action"),
        "the local vault has no contacts: {issues:?}"
    );
    let issues = check_policy(&app, &host, check(None)).await.unwrap();
    assert!(
        issues
            .iter()
            .all(|i| i.field != "lifetime_actions.0.action"),
        "no vault, no contacts warning: {issues:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn subjects_parse_or_say_where_they_break() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let parse = |subject: &str| ParseSubjectArgs {
        subject: subject.into(),
    };
    let attributes = parse_subject(&app, &host, parse("CN=a.test, O=Contoso\\, Ltd"))
        .await
        .unwrap();
    assert_eq!(attributes.len(), 2);
    assert_eq!(attributes[1].value, "Contoso, Ltd");
    let written = format_subject(&app, &host, FormatSubjectArgs { attributes })
        .await
        .unwrap();
    let again = parse_subject(&app, &host, parse(&written)).await.unwrap();
    assert_eq!(again[1].value, "Contoso, Ltd");
    let broken = parse_subject(&app, &host, parse("CN")).await.unwrap_err();
    assert_eq!(broken.code, Code::InvalidInput);
    assert!(!broken.message.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn renewing_starts_a_new_version_under_the_current_policy() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = issued(&app, &host, "renewed").await;
    let operation = renew_certificate(&app, &host, certificate(vault, "renewed"))
        .await
        .unwrap();
    assert_eq!(operation.issuer.as_deref(), Some(SELF_ISSUER));
    let seen = Mutex::new(0);
    let events = |_| {
        *seen.lock().unwrap() += 1;
        Ok(())
    };
    let watch = WatchOperationArgs {
        vault,
        name: "renewed".parse().unwrap(),
        request: 3,
    };
    let outcome = watch_operation(&app, &host, watch, &events).await.unwrap();
    assert!(
        matches!(outcome, OperationOutcome::Issued { .. }),
        "{outcome:?}"
    );
    assert!(*seen.lock().unwrap() > 0);
    let versions = list_versions(&app, &host, certificate(vault, "renewed"))
        .await
        .unwrap();
    assert_eq!(versions.len(), 2);
}
