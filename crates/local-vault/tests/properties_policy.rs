//! Get (latest and by version), versions, property updates, and policy get/update/validation.

mod support;

use azure_security_keyvault_certificates::models::{
    CertificateAttributes, CertificateClientGetCertificateOptions,
    CertificateClientUpdateCertificatePropertiesOptions, CertificatePolicyAction, LifetimeAction,
    LifetimeActionTrigger, LifetimeActionType, UpdateCertificatePropertiesParameters,
};
use std::collections::HashMap;
use support::{Server, collect, create, id_version, self_policy, status_of};

#[tokio::test]
async fn versions_get_and_update_properties() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let v1 = create(&client, "versioned", self_policy("versioned")).await;
    let v2 = create(&client, "versioned", self_policy("versioned")).await;
    let (id1, id2) = (v1.id.unwrap(), v2.id.unwrap());
    assert_ne!(id1, id2);
    assert_eq!(id_version(&id1).len(), 32);

    let latest = client
        .get_certificate("versioned", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(latest.id.as_deref(), Some(id2.as_str()));
    let options = CertificateClientGetCertificateOptions {
        certificate_version: Some(id_version(&id1)),
        ..Default::default()
    };
    let first = client
        .get_certificate("versioned", Some(options))
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(first.id.as_deref(), Some(id1.as_str()));
    assert_eq!(first.cer, v1.cer);

    let versions = collect(
        client
            .list_certificate_properties_versions("versioned", None)
            .unwrap(),
    )
    .await;
    let mut ids: Vec<_> = versions.into_iter().map(|p| p.id.unwrap()).collect();
    ids.sort();
    let mut expected = vec![id1.clone(), id2.clone()];
    expected.sort();
    assert_eq!(ids, expected, "version list items carry versioned ids");

    let params = UpdateCertificatePropertiesParameters {
        certificate_attributes: Some(CertificateAttributes {
            enabled: Some(false),
            ..Default::default()
        }),
        tags: Some(HashMap::from([("env".to_string(), "test".to_string())])),
        ..Default::default()
    };
    let options = CertificateClientUpdateCertificatePropertiesOptions {
        certificate_version: Some(id_version(&id1)),
        ..Default::default()
    };
    let updated = client
        .update_certificate_properties("versioned", params.try_into().unwrap(), Some(options))
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(updated.attributes.unwrap().enabled, Some(false));
    assert_eq!(
        updated.tags.unwrap().get("env").map(String::as_str),
        Some("test")
    );
    let latest = client
        .get_certificate("versioned", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(
        latest.attributes.unwrap().enabled,
        Some(true),
        "only version 1 was disabled"
    );

    let err = client
        .get_certificate("never-created", None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);
}

fn action(trigger: LifetimeActionTrigger, kind: CertificatePolicyAction) -> LifetimeAction {
    LifetimeAction {
        trigger: Some(trigger),
        action: Some(LifetimeActionType {
            action_type: Some(kind),
        }),
    }
}

#[tokio::test]
async fn policy_get_update_and_validation() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    create(&client, "with-policy", self_policy("with-policy")).await;
    let policy = client
        .get_certificate_policy("with-policy", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert!(
        policy
            .id
            .unwrap()
            .ends_with("/certificates/with-policy/policy")
    );
    assert_eq!(
        policy.issuer_parameters.unwrap().name.as_deref(),
        Some("Self")
    );

    let mut changed = self_policy("with-policy");
    changed
        .x509_certificate_properties
        .as_mut()
        .unwrap()
        .validity_in_months = Some(24);
    changed.lifetime_actions = Some(vec![action(
        LifetimeActionTrigger {
            days_before_expiry: Some(30),
            ..Default::default()
        },
        CertificatePolicyAction::EmailContacts,
    )]);
    client
        .update_certificate_policy("with-policy", changed.try_into().unwrap(), None)
        .await
        .unwrap();
    let reread = client
        .get_certificate_policy("with-policy", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(
        reread
            .x509_certificate_properties
            .unwrap()
            .validity_in_months,
        Some(24)
    );
    let actions = reread.lifetime_actions.unwrap();
    assert_eq!(
        actions[0].trigger.as_ref().unwrap().days_before_expiry,
        Some(30)
    );

    let invalid = [
        LifetimeActionTrigger {
            lifetime_percentage: Some(0),
            ..Default::default()
        },
        LifetimeActionTrigger {
            lifetime_percentage: Some(100),
            ..Default::default()
        },
        LifetimeActionTrigger {
            lifetime_percentage: Some(50),
            days_before_expiry: Some(10),
        },
        LifetimeActionTrigger::default(),
        LifetimeActionTrigger {
            days_before_expiry: Some(12 * 27 + 1),
            ..Default::default()
        },
    ];
    for trigger in invalid {
        let mut bad = self_policy("with-policy");
        let described = format!("{trigger:?}");
        bad.lifetime_actions = Some(vec![action(trigger, CertificatePolicyAction::AutoRenew)]);
        let err = client
            .update_certificate_policy("with-policy", bad.try_into().unwrap(), None)
            .await
            .expect_err(&described);
        assert_eq!(status_of(&err), 400, "{described}");
    }
    let unchanged = client
        .get_certificate_policy("with-policy", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(
        unchanged
            .x509_certificate_properties
            .unwrap()
            .validity_in_months,
        Some(24)
    );
}
