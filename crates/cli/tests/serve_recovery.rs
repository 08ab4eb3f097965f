//! `local-vault serve --recovery-level/--retention-days`: the vaults it creates report those
//! settings as Key Vault does; settings that do not fit stop it with the reason.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

fn serve(data_dir: &std::path::Path, settings: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdeck-cli"));
    command
        .args(["local-vault", "serve", "--vault", "guarded", "--data-dir"])
        .arg(data_dir)
        .args(settings)
        .stdin(Stdio::null());
    command
}

#[tokio::test]
async fn created_vaults_take_the_recovery_level_and_retention() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut child = serve(
        &data,
        &[
            "--recovery-level",
            "CustomizedRecoverable",
            "--retention-days",
            "7",
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let ready: Value = serde_json::from_str(&line).unwrap();
    let url = ready["vaults"][0]["url"].as_str().unwrap().to_owned();

    let ca = std::fs::read(data.join("ca.pem")).unwrap();
    let token = std::fs::read_to_string(data.join("token")).unwrap();
    let client = reqwest::Client::builder()
        .tls_certs_merge([reqwest::Certificate::from_pem(&ca).unwrap()])
        .build()
        .unwrap();
    let seeded = client
        .post(format!("{url}_certdeck/samples"))
        .bearer_auth(token.trim())
        .send()
        .await
        .unwrap();
    assert_eq!(seeded.status(), 200);
    let got: Value = client
        .get(format!(
            "{url}certificates/sample-healthy/?api-version=2025-07-01"
        ))
        .bearer_auth(token.trim())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    assert_eq!(
        got["attributes"]["recoveryLevel"], "CustomizedRecoverable",
        "{got}"
    );
    assert_eq!(got["attributes"]["recoverableDays"], 7, "{got}");
}

#[test]
fn a_level_that_does_not_fit_the_retention_stops_serve() {
    let dir = tempfile::tempdir().unwrap();
    let out = serve(
        &dir.path().join("data"),
        &["--recovery-level", "Recoverable", "--retention-days", "30"],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not fit retention_days 30"),
        "{stderr}"
    );
}
