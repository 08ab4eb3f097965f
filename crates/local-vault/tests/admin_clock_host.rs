//! The admin clock's bounds and the ids' host: a shift that overflows or drifts the clock
//! beyond ±100 years is refused with 400, and a request's `Host` header never reaches ids.

mod support;

use serde_json::json;
use support::Server;

#[tokio::test]
async fn overflowing_and_unbounded_clock_shifts_are_refused() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    for days in [i64::MIN, i64::MAX, -36_526, 36_526] {
        let reply = raw
            .post("_certdeck/clock", &json!({ "shift_days": days }))
            .await;
        assert_eq!(reply.status, 400, "shift of {days} days: {:?}", reply.body);
        assert_eq!(reply.body["error"]["code"], "BadParameter");
    }
    let first = raw
        .post("_certdeck/clock", &json!({ "shift_days": 36_500 }))
        .await;
    assert_eq!(first.status, 200, "{:?}", first.body);
    let second = raw
        .post("_certdeck/clock", &json!({ "shift_days": 36_500 }))
        .await;
    assert_eq!(second.status, 400, "{:?}", second.body);
    assert!(
        second.body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("already shifted by 36500 days")),
        "{:?}",
        second.body
    );
    // The refused shift changed nothing; the way back is open.
    let back = raw
        .post("_certdeck/clock", &json!({ "shift_days": -36_500 }))
        .await;
    assert_eq!(back.status, 200, "{:?}", back.body);
    assert_eq!(back.body["shift_days"], 0);
}

#[tokio::test]
async fn ids_use_the_configured_address_whatever_the_host_header() {
    let server = Server::single().await;
    let url = server.first_url();
    let raw = server.raw(&url);
    let reply = raw
        .client
        .put(raw.url("certificates/contacts"))
        .bearer_auth(&raw.token)
        .header("Host", "attacker.example")
        .json(&json!({ "contacts": [{ "email": "admin@contoso.com" }] }))
        .send()
        .await
        .expect("answered");
    assert_eq!(reply.status(), 200);
    let body: serde_json::Value = reply.json().await.expect("json");
    assert_eq!(
        body["id"],
        format!("{}certificates/contacts", url),
        "the id is on the configured address"
    );
}
