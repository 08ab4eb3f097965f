//! A client that gives up on an import mid-flight leaves it all or nothing: after a restart on
//! the same data directory the vault holds exactly the certificates it listed before.

mod support;

use std::time::{Duration, Instant};

use local_vault::{Config, LocalVault};
use serde_json::json;
use support::{Server, collect, fixtures::Leaf};

const IMPORTS: u32 = 60;

async fn names(server: &Server) -> Vec<String> {
    let client = server.certificates(&server.first_url());
    let mut names: Vec<String> = collect(client.list_certificate_properties(None).unwrap())
        .await
        .into_iter()
        .filter_map(|c| c.id.map(|id| support::id_name(&id)))
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn imports_cancelled_mid_flight_are_all_or_nothing_across_a_restart() {
    let server = Server::single().await;
    let raw = server.raw(&server.first_url());
    let body = json!({ "value": Leaf::new("cancelled.test").pem_bundle() });

    // How long one import takes; the cancellations are spread over it, the commit at its end.
    let started = Instant::now();
    assert_eq!(
        raw.post("certificates/whole/import", &body).await.status,
        200
    );
    let whole = started.elapsed();

    let mut cancelled = 0;
    for i in 1..=IMPORTS {
        let wait = whole.mul_f64(f64::from(i) / f64::from(IMPORTS) * 1.2);
        let path = format!("certificates/cancelled-{i}/import");
        if tokio::time::timeout(wait, raw.post(&path, &body))
            .await
            .is_err()
        {
            cancelled += 1;
        }
    }
    assert!(cancelled > 0, "no import was cancelled");
    // Let handlers the clients abandoned finish.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = names(&server).await;

    let Server { vault, dir, ca_pem } = server;
    vault.shutdown().await;
    let vault = LocalVault::start(Config::new(dir.path().join("data")))
        .await
        .expect("restarts");
    let restarted = Server { vault, dir, ca_pem };
    let after = names(&restarted).await;
    assert_eq!(before, after, "{cancelled} cancelled imports");
}
