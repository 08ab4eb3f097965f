//! Issuer and contacts bodies are checked against the service's types (`IssuerBundle`,
//! `OrganizationDetails`, `AdministratorDetails`, `Contacts`): a wrong type or an unknown key
//! is refused with 400 `BadParameter`, nothing is stored, and the unknown key is not echoed.

mod support;

use reqwest::Method;
use serde_json::{Value, json};
use support::{Raw, Server};

const ISSUER: &str = "certificates/issuers/digicert";

fn issuer(org_details: Value) -> Value {
    json!({
        "provider": "DigiCert",
        "credentials": { "account_id": "acct", "pwd": "secret" },
        "org_details": org_details,
        "attributes": { "enabled": true },
    })
}

/// Sends `body`, expecting 400 `BadParameter` whose answer never names the `unknown` key.
async fn refused(raw: &Raw, method: Method, path: &str, body: &Value, unknown: Option<&str>) {
    let reply = raw.send(method.clone(), path, Some(body)).await;
    assert_eq!(reply.status, 400, "{method} {body}: {:?}", reply.body);
    assert_eq!(reply.body["error"]["code"], "BadParameter", "{body}");
    if let Some(key) = unknown {
        assert!(
            !reply.body.to_string().contains(key),
            "the answer repeats {key}: {:?}",
            reply.body
        );
    }
}

#[tokio::test]
async fn issuer_bodies_of_the_wrong_shape_are_refused_and_not_stored() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let bad = [
        (
            issuer(json!({ "admin_details": [{ "first_name": true }] })),
            None,
        ),
        (issuer(json!({ "id": 7 })), None),
        (issuer(json!({ "planted_key": "x" })), Some("planted_key")),
        (
            issuer(json!({ "admin_details": [{ "email": "a@b.c", "planted_key": 1 }] })),
            Some("planted_key"),
        ),
        (issuer(json!("not an object")), None),
        (
            json!({ "provider": "DigiCert", "planted_key": "x" }),
            Some("planted_key"),
        ),
        (json!({ "provider": 5 }), None),
        (
            json!({ "provider": "DigiCert", "credentials": { "pwd": 12 } }),
            None,
        ),
        (
            json!({ "provider": "DigiCert", "attributes": { "enabled": "yes" } }),
            None,
        ),
    ];
    for (body, unknown) in &bad {
        refused(&raw, Method::PUT, ISSUER, body, *unknown).await;
    }
    assert_eq!(raw.get(ISSUER).await.status, 404, "nothing was stored");

    let good = issuer(
        json!({ "id": "org-1", "admin_details": [{ "first_name": "Jane", "email": "jane@contoso.com" }] }),
    );
    let set = raw.send(Method::PUT, ISSUER, Some(&good)).await;
    assert_eq!(set.status, 200, "{:?}", set.body);
    let expected = json!({ "zip": 0, "id": "org-1", "admin_details": [{ "first_name": "Jane", "email": "jane@contoso.com" }] });
    assert_eq!(set.body["org_details"], expected);
    for (body, unknown) in &bad {
        refused(&raw, Method::PATCH, ISSUER, body, *unknown).await;
    }
    // What a client read (with the service's `zip`) can be sent back as it is.
    let echoed =
        json!({ "org_details": set.body["org_details"], "attributes": set.body["attributes"] });
    let patched = raw.send(Method::PATCH, ISSUER, Some(&echoed)).await;
    assert_eq!(patched.status, 200, "{:?}", patched.body);
    assert_eq!(raw.get(ISSUER).await.body["org_details"], expected);
}

#[tokio::test]
async fn contacts_of_the_wrong_shape_are_refused_and_not_stored() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let path = "certificates/contacts";
    for (body, unknown) in [
        (json!({ "contacts": [{ "email": 5 }] }), None),
        (
            json!({ "contacts": [{ "email": "a@contoso.com", "planted_key": "x" }] }),
            Some("planted_key"),
        ),
        (
            json!({ "contacts": [{ "email": "a@contoso.com" }], "planted_key": 1 }),
            Some("planted_key"),
        ),
        (json!({ "contacts": { "email": "a@contoso.com" } }), None),
    ] {
        refused(&raw, Method::PUT, path, &body, unknown).await;
    }
    assert_eq!(raw.get(path).await.status, 404, "nothing was stored");
    let good = json!({ "contacts": [{ "email": "a@contoso.com", "name": "A", "phone": "1" }] });
    let set = raw.send(Method::PUT, path, Some(&good)).await;
    assert_eq!(set.status, 200, "{:?}", set.body);
    assert_eq!(set.body["contacts"], good["contacts"]);
}
