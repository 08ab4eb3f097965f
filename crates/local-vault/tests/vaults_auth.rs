//! Several vaults per process, the admin vault API, tokens and the 401 challenge, api-versions.

mod support;

use reqwest::Method;
use serde_json::json;
use support::{Server, create, self_policy, status_of};

#[tokio::test]
async fn vaults_are_isolated_and_managed_through_the_admin_api() {
    let server = Server::start(&["alpha", "beta"]).await;
    let (a, b) = (server.url("alpha"), server.url("beta"));
    assert_ne!(a, b, "one port per vault");
    assert!(a.starts_with("https://127.0.0.1:") && a.ends_with('/'));
    create(&server.certificates(&a), "only-in-alpha", self_policy("x")).await;
    let err = server
        .certificates(&b)
        .get_certificate("only-in-alpha", None)
        .await
        .unwrap_err();
    assert_eq!(status_of(&err), 404);

    let added = server.vault.add_vault("gamma").await.unwrap();
    assert_eq!(added.name, "gamma");
    let raw = server.raw(&a);
    let created = raw
        .post(
            "_certdeck/vaults",
            &json!({"name": "delta", "retention_days": 7}),
        )
        .await;
    assert_eq!(created.status.as_u16(), 201);
    let delta = created.body["url"].as_str().unwrap().to_string();
    let listed = raw.get("_certdeck/vaults").await;
    let names: Vec<_> = listed.body["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect();
    for name in ["alpha", "beta", "gamma", "delta"] {
        assert!(names.contains(&name.to_string()), "{name} in {names:?}");
    }
    let delta_client = server.certificates(&delta);
    create(&delta_client, "short-lived", self_policy("x")).await;
    let deleted = delta_client
        .delete_certificate("short-lived", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let days = (deleted.scheduled_purge_date.unwrap() - deleted.deleted_date.unwrap()).whole_days();
    assert_eq!(days, 7, "the vault's retention applies");
    assert_eq!(
        raw.post(
            "_certdeck/vaults",
            &json!({"name": "bad", "retention_days": 3})
        )
        .await
        .status
        .as_u16(),
        400
    );
    assert_eq!(
        raw.delete("_certdeck/vaults/delta").await.status.as_u16(),
        204
    );
    let after = raw.get("_certdeck/vaults").await;
    assert!(!after.body.to_string().contains("\"delta\""));
}

#[tokio::test]
async fn tokens_and_challenge() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let none = raw.send_as(None, Method::GET, "certificates", None).await;
    assert_eq!(none.status.as_u16(), 401);
    let challenge = none.headers["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with("Bearer authorization=\"https://login."),
        "{challenge}"
    );
    assert!(
        challenge.contains("resource=\"https://vault.azure.net\""),
        "{challenge}"
    );
    assert_eq!(none.body["error"]["code"], "Unauthorized");
    assert!(
        none.body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("AKV10000")
    );

    // The challenge comes before the body is looked at (clients send it empty first).
    let empty = raw
        .send_as(None, Method::POST, "certificates/x/create", None)
        .await;
    assert_eq!(empty.status.as_u16(), 401);

    for token in ["wrong", "", &format!("{}x", server.vault.token())] {
        let reply = raw
            .send_as(Some(token), Method::GET, "certificates", None)
            .await;
        assert_eq!(reply.status.as_u16(), 401, "token {token:?}");
    }
    let admin = raw
        .send_as(Some("wrong"), Method::GET, "_certdeck/vaults", None)
        .await;
    assert_eq!(
        admin.status.as_u16(),
        401,
        "the admin API needs the token too"
    );
    assert_eq!(raw.get("certificates").await.status.as_u16(), 200);

    let token_file = std::fs::read_to_string(server.vault.token_file()).unwrap();
    assert_eq!(token_file.trim(), server.vault.token());
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(server.vault.token_file())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0, "token file is private");
}

#[tokio::test]
async fn api_versions() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    for version in ["7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"] {
        let reply = raw
            .get(&format!("certificates?api-version={version}"))
            .await;
        assert_eq!(reply.status.as_u16(), 200, "{version}");
    }
    for version in ["7.0", "2099-01-01", "garbage"] {
        let reply = raw
            .get(&format!("certificates?api-version={version}"))
            .await;
        assert_eq!(reply.status.as_u16(), 400, "{version}");
        assert!(reply.body["error"]["code"].is_string());
    }
    let missing = raw
        .send(Method::GET, "certificates?api-version=", None)
        .await;
    assert_eq!(missing.status.as_u16(), 400);
}
