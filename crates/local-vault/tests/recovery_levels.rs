//! Per-vault soft-delete settings, chosen when a vault is created through the admin API:
//! the recovery level certificates report, a final delete without soft delete, and purge
//! refused under purge protection as the service refuses it.

mod support;

use serde_json::{Value, json};
use support::{Server, collect, create, self_policy, status_of};

/// Creates vault `name` with `settings` through the admin API; returns its URL.
async fn new_vault(server: &Server, name: &str, settings: Value) -> String {
    let mut body = settings;
    body["name"] = json!(name);
    let reply = server
        .raw(&server.first_url())
        .post("_certdeck/vaults", &body)
        .await;
    assert_eq!(reply.status.as_u16(), 201, "{}", reply.body);
    reply.body["url"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn certificates_report_the_vaults_recovery_level_and_retention() {
    let server = Server::single().await;
    for (name, settings, level, days) in [
        ("default", json!({}), "Recoverable+Purgeable", Some(90)),
        (
            "short",
            json!({"retention_days": 30}),
            "CustomizedRecoverable+Purgeable",
            Some(30),
        ),
        (
            "protected",
            json!({"recovery_level": "Recoverable"}),
            "Recoverable",
            Some(90),
        ),
        (
            "protected-short",
            json!({"recovery_level": "CustomizedRecoverable", "retention_days": 7}),
            "CustomizedRecoverable",
            Some(7),
        ),
        (
            "final",
            json!({"recovery_level": "Purgeable"}),
            "Purgeable",
            None,
        ),
    ] {
        let url = new_vault(&server, name, settings).await;
        let client = server.certificates(&url);
        create(&client, "web", self_policy("web")).await;
        let got = server.raw(&url).get("certificates/web/").await.body;
        assert_eq!(got["attributes"]["recoveryLevel"], level, "{name}");
        assert_eq!(
            got["attributes"]["recoverableDays"].as_i64(),
            days,
            "{name}"
        );
        let listed = server.raw(&url).get("certificates").await.body;
        assert!(
            listed["value"][0]["attributes"]
                .get("recoveryLevel")
                .is_none(),
            "list items carry no recovery level: {listed}"
        );
    }
}

#[tokio::test]
async fn settings_that_do_not_fit_are_refused() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    for body in [
        json!({"name": "a", "recovery_level": "Recoverable", "retention_days": 30}),
        json!({"name": "b", "recovery_level": "CustomizedRecoverable"}),
        json!({"name": "c", "recovery_level": "Recoverable+ProtectedSubscription"}),
        json!({"name": "d", "retention_days": 91}),
    ] {
        let reply = raw.post("_certdeck/vaults", &body).await;
        assert_eq!(reply.status.as_u16(), 400, "{body}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], "BadParameter");
    }
}

#[tokio::test]
async fn purge_protection_refuses_purge_but_allows_recovery() {
    let server = Server::single().await;
    let url = new_vault(&server, "guarded", json!({"recovery_level": "Recoverable"})).await;
    let client = server.certificates(&url);
    create(&client, "kept", self_policy("kept")).await;
    client.delete_certificate("kept", None).await.unwrap();

    let refused = server.raw(&url).delete("deletedcertificates/kept").await;
    assert_eq!(refused.status.as_u16(), 403, "{}", refused.body);
    assert_eq!(refused.body["error"]["code"], "Forbidden");
    let message = refused.body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "Operation \"purge\" is not allowed because purge protection is enabled for this vault."
        ),
        "{message}"
    );
    let deleted = collect(client.list_deleted_certificate_properties(None).unwrap()).await;
    assert_eq!(deleted.len(), 1, "still there after the refused purge");

    client
        .recover_deleted_certificate("kept", None)
        .await
        .expect("recovery is allowed");
    client.get_certificate("kept", None).await.expect("back");
}

#[tokio::test]
async fn without_soft_delete_a_delete_is_final() {
    let server = Server::single().await;
    let url = new_vault(&server, "bare", json!({"recovery_level": "Purgeable"})).await;
    let client = server.certificates(&url);
    create(&client, "gone", self_policy("gone")).await;
    let deleted = server.raw(&url).delete("certificates/gone").await;
    assert_eq!(deleted.status.as_u16(), 200, "{}", deleted.body);
    assert_eq!(deleted.body["attributes"]["recoveryLevel"], "Purgeable");
    assert!(deleted.body.get("recoveryId").is_none(), "{}", deleted.body);
    assert!(deleted.body.get("scheduledPurgeDate").is_none());

    assert_eq!(
        status_of(
            &client
                .get_deleted_certificate("gone", None)
                .await
                .unwrap_err()
        ),
        404
    );
    assert!(
        collect(client.list_deleted_certificate_properties(None).unwrap())
            .await
            .is_empty()
    );
    let again = create(&client, "gone", self_policy("gone")).await;
    assert!(again.id.is_some(), "the name is free at once");
}
