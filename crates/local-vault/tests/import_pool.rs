//! Imports parse and derive keys on the blocking pool: while an expensive PFX (key derivation
//! at the per-file budget) is being read, an unrelated `GET /certificates` is answered first.

mod support;

use serde_json::json;
use support::Server;
use support::fixtures::{Leaf, b64, openssl};

/// A PFX whose MAC, certificate safe and key bag each take 1,000,000 iterations: the most one
/// file may cost, about a second of key derivation.
fn expensive_pfx(leaf: &Leaf) -> Vec<u8> {
    openssl(
        leaf.dir.path(),
        &[
            "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-passout", "pass:pw",
            "-iter", "1000000",
        ],
    )
}

// One thread for the test and the server: the server's async workers are all busy as soon as
// one of them parses, as on a loaded machine.
#[tokio::test(flavor = "current_thread")]
async fn a_listing_is_answered_while_an_expensive_import_is_read() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let body = json!({ "value": b64(&expensive_pfx(&Leaf::new("slow.test"))), "pwd": "pw" });
    assert_eq!(raw.get("certificates").await.status, 200);

    let importing = tokio::spawn({
        let raw = raw.clone();
        async move { raw.post("certificates/slow/import", &body).await }
    });
    // Let the import reach the server and start deriving keys.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let listing = raw.get("certificates").await;
    assert_eq!(listing.status, 200);
    assert!(
        !importing.is_finished(),
        "the listing waited for the import to be read"
    );

    let imported = importing.await.expect("import task");
    assert_eq!(imported.status, 200, "{:?}", imported.body);
}
