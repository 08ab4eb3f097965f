//! Lifetime actions driven by the admin clock shift, notifications, and the sample seeder.

mod support;

use azure_security_keyvault_certificates::models::{
    CertificatePolicyAction, LifetimeAction, LifetimeActionTrigger, LifetimeActionType,
};
use serde_json::json;
use support::{Server, collect, create, self_policy};

fn with_action(
    cn: &str,
    trigger: LifetimeActionTrigger,
    kind: CertificatePolicyAction,
    reuse_key: bool,
) -> azure_security_keyvault_certificates::models::CertificatePolicy {
    let mut p = self_policy(cn);
    p.key_properties.as_mut().unwrap().reuse_key = Some(reuse_key);
    p.lifetime_actions = Some(vec![LifetimeAction {
        trigger: Some(trigger),
        action: Some(LifetimeActionType {
            action_type: Some(kind),
        }),
    }]);
    p
}

fn public_key(der: &[u8]) -> Vec<u8> {
    support::fixtures::with_cert(der, |c| c.public_key().raw.to_vec())
}

#[tokio::test]
async fn auto_renew_and_email_contacts_follow_the_clock() {
    let server = Server::single().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let raw = server.raw(&url);
    let pct = LifetimeActionTrigger {
        lifetime_percentage: Some(80),
        ..Default::default()
    };
    let renewing = create(
        &client,
        "renews",
        with_action(
            "renews",
            pct.clone(),
            CertificatePolicyAction::AutoRenew,
            true,
        ),
    )
    .await;
    let fresh_key = create(
        &client,
        "renews-newkey",
        with_action(
            "renews-newkey",
            pct,
            CertificatePolicyAction::AutoRenew,
            false,
        ),
    )
    .await;
    let days = LifetimeActionTrigger {
        days_before_expiry: Some(30),
        ..Default::default()
    };
    create(
        &client,
        "mails",
        with_action("mails", days, CertificatePolicyAction::EmailContacts, false),
    )
    .await;

    let shifted = raw
        .post("_certdeck/clock", &json!({"shift_days": 100}))
        .await;
    assert_eq!(shifted.status.as_u16(), 200);
    assert_eq!(shifted.body["shift_days"], 100);
    assert!(shifted.body["now"].is_i64());
    assert_eq!(
        collect(
            client
                .list_certificate_properties_versions("renews", None)
                .unwrap()
        )
        .await
        .len(),
        1,
        "not due yet"
    );
    assert!(
        raw.get("_certdeck/notifications").await.body["value"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let shifted = raw
        .post("_certdeck/clock", &json!({"shift_days": 250}))
        .await;
    assert_eq!(shifted.body["shift_days"], 350);
    let versions = collect(
        client
            .list_certificate_properties_versions("renews", None)
            .unwrap(),
    )
    .await;
    assert_eq!(
        versions.len(),
        2,
        "AutoRenew added a version past 80 % of the lifetime"
    );
    let latest = client
        .get_certificate("renews", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_ne!(latest.id, renewing.id);
    assert_eq!(
        public_key(latest.cer.as_deref().unwrap()),
        public_key(renewing.cer.as_deref().unwrap()),
        "reuse_key keeps the key"
    );
    let other = client
        .get_certificate("renews-newkey", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_ne!(other.id, fresh_key.id);
    assert_ne!(
        public_key(other.cer.as_deref().unwrap()),
        public_key(fresh_key.cer.as_deref().unwrap()),
        "a new key otherwise"
    );

    let notes = raw.get("_certdeck/notifications").await;
    let list = notes.body["value"].as_array().unwrap();
    let mail = list
        .iter()
        .find(|n| n["certificate"] == "mails")
        .expect("EmailContacts recorded a notification");
    assert_eq!(mail["action"], "EmailContacts");
    assert!(mail["at"].is_number() || mail["at"].is_string());
    assert!(mail["contacts"].is_array());
    assert_eq!(
        collect(
            client
                .list_certificate_properties_versions("mails", None)
                .unwrap()
        )
        .await
        .len(),
        1,
        "EmailContacts does not renew"
    );
}

#[tokio::test]
async fn samples_are_seeded() {
    let server = Server::single().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let reply = server.raw(&url).post("_certdeck/samples", &json!({})).await;
    assert_eq!(reply.status.as_u16(), 200);
    let mut names: Vec<_> = reply.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "sample-disabled",
            "sample-expired",
            "sample-expiring",
            "sample-healthy",
            "sample-pending"
        ]
    );
    let now = azure_core::time::OffsetDateTime::now_utc();
    let get = |name: &'static str| {
        let client = &client;
        async move {
            client
                .get_certificate(name, None)
                .await
                .unwrap()
                .into_model()
                .unwrap()
                .attributes
                .unwrap()
        }
    };
    assert!(get("sample-expired").await.expires.unwrap() < now);
    let expiring = get("sample-expiring").await.expires.unwrap();
    assert!(expiring > now && (expiring - now).whole_days() <= 30);
    assert!((get("sample-healthy").await.expires.unwrap() - now).whole_days() > 30);
    assert_eq!(get("sample-disabled").await.enabled, Some(false));
    let op = client
        .get_certificate_operation("sample-pending", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(op.status.as_deref(), Some("inProgress"));
}
