//! The bin E2E starts: one JSON line naming the URL and the CA file, then ARM-shaped answers
//! over HTTPS that only that CA vouches for, until it is killed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_bin_prints_where_it_serves_and_answers_arm_shaped_errors_there() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        r#"{"tenants":[{"id":"t1","name":"T","domain":"t.example"}]}"#,
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_certdeck-azure-mock"))
        .arg(&config)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let printed: serde_json::Value = serde_json::from_str(&line).unwrap();
    let url = printed["url"].as_str().unwrap().to_string();
    let ca_file = printed["ca_file"].as_str().unwrap().to_string();
    let ca = std::fs::read(&ca_file).unwrap();
    assert!(
        url.starts_with("https://127.0.0.1:") && url.ends_with('/'),
        "{url}"
    );

    let http = reqwest::Client::builder()
        .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&ca).unwrap())
        .build()
        .unwrap();
    let response = http
        .get(format!("{url}tenants?api-version=2022-12-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer ")
    );
    let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(body["error"]["code"], "AuthenticationFailed");

    // Without the mock's CA the server is not trusted.
    let plain = reqwest::Client::builder().build().unwrap();
    assert!(plain.get(&url).send().await.is_err());

    // SIGTERM stops it cleanly, taking its CA file along.
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    assert!(child.wait().unwrap().success());
    assert!(!std::path::Path::new(&ca_file).exists());
}

#[test]
fn a_missing_config_is_an_error_naming_it() {
    let output = Command::new(env!("CARGO_BIN_EXE_certdeck-azure-mock"))
        .arg("/nonexistent/config.json")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/nonexistent/config.json"), "{stderr}");
}
