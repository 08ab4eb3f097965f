//! Reading and updating a certificate's policy through crates/vault, over HTTPS from the
//! local vault, and policies the service refuses, mapped to the field they are about.

mod support;

use std::collections::BTreeMap;

use errors::Code;
use support::{Local, ec_policy};
use vault::{
    CertificatePolicy, KeyType, LifetimeAction, LifetimeActionType, LifetimeTrigger,
    OperationOutcome, SELF_ISSUER, SecretContentType, VaultConnection, policy_field_of,
};

async fn issue(vault: &VaultConnection, name: &str, policy: &CertificatePolicy) {
    vault
        .create_certificate(name, policy, &BTreeMap::new(), true)
        .await
        .unwrap();
    let outcome = vault.wait_for_operation(name, |_| {}).await.unwrap();
    assert!(
        matches!(outcome, OperationOutcome::Issued { .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_policy_reads_updates_and_reads_back_as_sent() {
    let local = Local::start(&["policy"]).await;
    let vault = local.connect("policy");
    let sent = ec_policy(SELF_ISSUER, "www.contoso.test");
    issue(&vault, "web", &sent).await;

    let read = vault.policy("web").await.unwrap();
    assert_eq!(read.key_props.key_type, Some(KeyType::Ec));
    assert_eq!(read.key_props.curve, sent.key_props.curve);
    assert_eq!(read.key_props.exportable, Some(true));
    assert_eq!(read.x509_props.subject, sent.x509_props.subject);
    assert_eq!(read.x509_props.sans, sent.x509_props.sans);
    assert_eq!(read.x509_props.validity_months, Some(12));
    assert_eq!(read.issuer.name.as_deref(), Some(SELF_ISSUER));
    // What the service filled in, as Key Vault does for a policy that leaves them out.
    assert_eq!(
        read.secret_props.content_type,
        Some(SecretContentType::Pkcs12)
    );
    assert!(read.x509_props.ekus.is_some() && read.x509_props.key_usage.is_some());
    assert!(
        read.lifetime_actions
            .as_ref()
            .is_some_and(|a| !a.is_empty())
    );
    assert_eq!(read.attributes.enabled, Some(true));
    assert!(read.attributes.created.is_some());

    let mut edited = read.clone();
    edited
        .x509_props
        .sans
        .dns_names
        .push("api.contoso.test".into());
    edited.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(30),
        action: LifetimeActionType::EmailContacts,
    }]);
    let stored = vault.update_policy("web", &edited).await.unwrap();
    let reread = vault.policy("web").await.unwrap();
    assert_eq!(stored, reread, "the PATCH answers what a GET reads");

    // Equal to what was sent, except the read-only time of the change.
    let mut expected = edited;
    expected.attributes.updated = stored.attributes.updated;
    assert_eq!(stored, expected);
    assert!(stored.attributes.updated >= read.attributes.updated);
}

#[tokio::test]
async fn refused_policies_are_invalid_input_naming_the_field() {
    let local = Local::start(&["rules"]).await;
    let vault = local.connect("rules");

    let mut no_validity = ec_policy(SELF_ISSUER, "a.test");
    no_validity.x509_props.validity_months = Some(0);
    let mut rsa_1024 = ec_policy(SELF_ISSUER, "b.test");
    rsa_1024.key_props.key_type = Some(KeyType::Rsa);
    rsa_1024.key_props.curve = None;
    rsa_1024.key_props.key_size = Some(1024);
    let mut late_action = ec_policy(SELF_ISSUER, "c.test");
    late_action.lifetime_actions = Some(vec![LifetimeAction {
        trigger: LifetimeTrigger::DaysBeforeExpiry(1000),
        action: LifetimeActionType::AutoRenew,
    }]);
    for (policy, field) in [
        (&no_validity, "x509_props.validity_months"),
        (&rsa_1024, "key_props.key_size"),
        (&late_action, "lifetime_actions"),
    ] {
        let err = vault
            .create_certificate("refused", policy, &BTreeMap::new(), true)
            .await
            .unwrap_err();
        assert_eq!(err.code, Code::InvalidInput, "{err:?}");
        assert_eq!(policy_field_of(&err.message), Some(field), "{err:?}");
    }

    // An update is checked the same way, and changes nothing when refused.
    issue(&vault, "kept", &ec_policy(SELF_ISSUER, "kept.test")).await;
    let before = vault.policy("kept").await.unwrap();
    let err = vault.update_policy("kept", &no_validity).await.unwrap_err();
    assert_eq!(err.code, Code::InvalidInput, "{err:?}");
    assert_eq!(
        policy_field_of(&err.message),
        Some("x509_props.validity_months")
    );
    assert_eq!(vault.policy("kept").await.unwrap(), before);
}

#[tokio::test]
async fn a_missing_certificate_has_no_policy() {
    let local = Local::start(&["empty"]).await;
    let err = local.connect("empty").policy("nope").await.unwrap_err();
    assert_eq!(err.code, Code::NotFound, "{err:?}");
}
