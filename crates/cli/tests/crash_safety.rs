//! Crash safety of `certdeck-cli local-vault serve`: SIGKILL during concurrent writes, restart on
//! the same data dir, and check that every acknowledged write survived and that nothing
//! half-written appears.

// Shared with the local vault's tests; this test uses only part of it.
#[allow(dead_code)]
#[path = "../../local-vault/tests/support/raw.rs"]
mod raw;

use raw::Raw;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn cli_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_certdeck-cli"))
}

struct Serve {
    child: Child,
    raw: Raw,
}

fn serve(binary: &Path, data_dir: &Path) -> Serve {
    let mut child = Command::new(binary)
        .args([
            "local-vault",
            "serve",
            "--vault",
            "crash",
            "--operation-delay-ms",
            "20",
            "--data-dir",
        ])
        .arg(data_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("certdeck-cli starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("ready line");
    let ready: Value =
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("ready line {line:?}: {e}"));
    let url = ready["vaults"][0]["url"].as_str().expect("vault url");
    let ca = std::fs::read(ready["ca_file"].as_str().unwrap()).unwrap();
    let token = std::fs::read_to_string(ready["token_file"].as_str().unwrap()).unwrap();
    let raw = Raw::new(raw::https_client(&ca), url, token.trim());
    Serve { child, raw }
}

fn issuer_body(name: &str) -> Value {
    json!({"provider": "Test", "credentials": {"account_id": name}, "org_details": {"admin_details": [{"first_name": name, "email": format!("{name}@example.test")}]}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_sigkill() {
    let binary = cli_binary();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut first = serve(&binary, &data);

    let acked_issuers = Arc::new(Mutex::new(Vec::<String>::new()));
    let acked_certs = Arc::new(Mutex::new(Vec::<String>::new()));
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut writers = vec![];
    for task in 0..6 {
        let (raw, acked) = (first.raw.clone(), acked_issuers.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..10_000 {
                let name = format!("issuer-{task}-{i}");
                let sent = raw
                    .client
                    .put(raw.url(&format!("certificates/issuers/{name}")))
                    .bearer_auth(&raw.token)
                    .json(&issuer_body(&name))
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status() == 200 => acked.lock().unwrap().push(name),
                    Ok(r) => panic!("unexpected {} for {name}", r.status()),
                    Err(_) => return, // the server is gone
                }
                if Instant::now() > deadline {
                    return;
                }
            }
        }));
    }
    for task in 0..2 {
        let (raw, acked) = (first.raw.clone(), acked_certs.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..10_000 {
                let name = format!("cert-{task}-{i}");
                let body = json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": format!("CN={name}")}, "key_props": {"kty": "EC", "crv": "P-256"}}});
                let sent = raw.client.post(raw.url(&format!("certificates/{name}/create"))).bearer_auth(&raw.token).json(&body).send().await;
                match sent {
                    Ok(r) if r.status() == 202 => acked.lock().unwrap().push(name),
                    Ok(r) => panic!("unexpected {} for {name}", r.status()),
                    Err(_) => return,
                }
                if Instant::now() > deadline { return; }
            }
        }));
    }
    // Kill mid-way: once a fair number of writes were acknowledged, while writers still run.
    while acked_issuers.lock().unwrap().len() < 150 || acked_certs.lock().unwrap().len() < 10 {
        assert!(
            Instant::now() < deadline,
            "writes too slow to reach the kill point"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.child.kill().expect("SIGKILL");
    first.child.wait().unwrap();
    for writer in writers {
        writer.await.expect("writer task");
    }
    let issuers = acked_issuers.lock().unwrap().clone();
    let certs = acked_certs.lock().unwrap().clone();

    let mut second = serve(&binary, &data);
    let raw = second.raw.clone();
    for name in &issuers {
        let got = raw.get(&format!("certificates/issuers/{name}")).await;
        assert_eq!(got.status.as_u16(), 200, "acknowledged issuer {name} lost");
        assert_eq!(got.body["credentials"]["account_id"], name.as_str());
    }
    // Nothing half-written: every stored issuer is whole, acknowledged or not.
    let mut next = Some(raw.url("certificates/issuers"));
    let mut stored = 0;
    while let Some(link) = next.take() {
        let page = raw.get(&link[raw.base.len()..]).await;
        assert_eq!(page.status.as_u16(), 200);
        for item in page.body["value"].as_array().unwrap() {
            stored += 1;
            let name = item["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let got = raw.get(&format!("certificates/issuers/{name}")).await;
            assert_eq!(got.body["provider"], "Test", "{name}");
            assert_eq!(
                got.body["credentials"]["account_id"],
                name.as_str(),
                "{name} is whole"
            );
            assert_eq!(
                got.body["org_details"]["admin_details"][0]["first_name"],
                name.as_str()
            );
        }
        next = page.body["nextLink"].as_str().map(str::to_string);
    }
    assert!(stored >= issuers.len());
    assert!(
        stored <= issuers.len() + 6,
        "at most one unacknowledged write per writer"
    );
    for name in &certs {
        let op = raw.get(&format!("certificates/{name}/pending")).await;
        assert_eq!(op.status.as_u16(), 200, "acknowledged create {name} lost");
        let status = op.body["status"].as_str().unwrap().to_string();
        assert!(
            ["inProgress", "completed"].contains(&status.as_str()),
            "{name}: {status}"
        );
    }
    // Creates interrupted by the kill finish after the restart, and completed ones are readable.
    for name in &certs {
        let mut done = false;
        for _ in 0..200 {
            let got = raw.get(&format!("certificates/{name}/")).await;
            if got.status.as_u16() == 200
                && got.body["cer"].is_string()
                && got.body["attributes"]["enabled"] == true
            {
                done = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(done, "{name} never completed after the restart");
    }
    sigterm(&second.child);
    let status = second.child.wait().unwrap();
    assert!(status.success(), "SIGTERM is a clean exit: {status:?}");
}

/// Sends SIGTERM through the `kill` command (no libc dependency needed).
fn sigterm(child: &Child) {
    let ok = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
}
