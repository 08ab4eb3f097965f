//! `certdeck-cli list` against `certdeck-cli local-vault serve`, both run as the built binary.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::Value;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_certdeck-cli"))
}

/// A running `local-vault serve`, stopped with SIGTERM when dropped (also when a test fails).
struct Serve {
    child: Child,
    ready: Value,
}

impl Serve {
    fn start(data_dir: &Path, vaults: &[&str]) -> Serve {
        let mut command = cli();
        command.args([
            "local-vault",
            "serve",
            "--operation-delay-ms",
            "20",
            "--data-dir",
        ]);
        command.arg(data_dir);
        for vault in vaults {
            command.args(["--vault", vault]);
        }
        let mut child = command
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
        Serve { child, ready }
    }

    fn url(&self, vault: &str) -> String {
        self.ready["vaults"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == vault)
            .unwrap_or_else(|| panic!("{vault} in {}", self.ready))["url"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        self.stop();
    }
}

/// POST /_certdeck/samples on `url` with the data dir's token, trusting its CA.
async fn add_samples(data_dir: &Path, url: &str) {
    let ca = std::fs::read(data_dir.join("ca.pem")).unwrap();
    let token = std::fs::read_to_string(data_dir.join("token")).unwrap();
    let client = reqwest::Client::builder()
        .tls_certs_merge([reqwest::Certificate::from_pem(&ca).unwrap()])
        .build()
        .unwrap();
    let response = client
        .post(format!("{url}_certdeck/samples"))
        .bearer_auth(token.trim())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

fn list(args: &[&str], data_dir: Option<&PathBuf>) -> Output {
    let mut command = cli();
    command.arg("list").args(args);
    if let Some(dir) = data_dir {
        command.arg("--local-data-dir").arg(dir);
    }
    command.stdin(Stdio::null()).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const SAMPLES: [(&str, &str, &str); 5] = [
    ("sample-disabled", "Disabled", "Disabled"),
    ("sample-expired", "Expired", "Expired"),
    ("sample-expiring", "ExpiresSoon", "Expires soon"),
    ("sample-healthy", "Healthy", "Healthy"),
    ("sample-pending", "Pending", "Pending"),
];

#[tokio::test]
async fn lists_the_samples_of_a_running_local_vault() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let serve = Serve::start(&data, &["other", "samples"]);
    add_samples(&data, &serve.url("samples")).await;

    // --json: one object per certificate and line.
    let out = list(&["--vault", "samples", "--json"], Some(&data));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut rows: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}")))
        .collect();
    rows.sort_by_key(|r| r["name"].as_str().unwrap().to_owned());
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    let want: Vec<(&str, &str)> = SAMPLES.iter().map(|s| (s.0, s.1)).collect();
    assert_eq!(got, want);
    let healthy = &rows[3];
    assert_eq!(healthy["thumbprint"].as_str().unwrap().len(), 40);
    assert!(healthy["expires"].is_i64());
    assert!(
        healthy["id"]
            .as_str()
            .unwrap()
            .starts_with(&serve.url("samples"))
    );
    assert!(
        rows[4]["thumbprint"].is_null(),
        "pending has no certificate yet"
    );

    // The table: a header, then one row per certificate.
    let out = list(&["--vault", "SAMPLES"], Some(&data));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for column in ["NAME", "STATUS", "EXPIRES", "THUMBPRINT"] {
        assert!(header.contains(column), "{header}");
    }
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), 5, "{table}");
    for (name, _, status) in SAMPLES {
        let line = body
            .iter()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in {table}"));
        assert!(line.contains(status), "{line}");
    }

    // The other vault is empty; an unknown one names the ones there are.
    let out = list(&["--vault", "other", "--json"], Some(&data));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let out = list(&["--vault", "nope"], Some(&data));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("NotFound"), "{stderr}");
    assert!(stderr.contains("other, samples"), "{stderr}");

    // --vault-url with the data dir's credential reaches the same vault.
    let url = serve.url("samples");
    let out = list(&["--vault-url", &url, "--json"], Some(&data));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 5);
}

#[tokio::test]
async fn an_unreachable_vault_is_offline_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut serve = Serve::start(&data, &["gone"]);
    let url = serve.url("gone");
    // A port nothing listens on: bind one, then let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nowhere = format!("https://127.0.0.1:{port}/");

    let out = list(&["--vault-url", &nowhere], Some(&data));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error (Offline): "), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
    assert!(stderr.contains("\nhint: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // --json errors are one JSON object on stderr.
    let out = list(&["--vault-url", &nowhere, "--json"], Some(&data));
    assert_eq!(out.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(error["error"]["code"], "Offline");
    assert!(error["error"]["message"].is_string());
    assert!(error["error"]["hint"].is_string());

    // An Azure credential needs no sign-in to find out: the challenge request already fails.
    let out = list(
        &["--vault-url", &nowhere, "--credential", "azure-cli"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error (Offline): "));

    // Once the local vault stops, listing it by name says it is not running.
    serve.stop();
    let out = list(&["--vault", "gone"], Some(&data));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error (Offline): "), "{stderr}");
    assert!(stderr.contains("local-vault serve --data-dir"), "{stderr}");
    let out = list(&["--vault-url", &url], Some(&data));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with("error (Offline): "));
}

#[test]
fn a_vault_must_be_named() {
    let out = list(&[], None);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let out = list(&["--vault", "x"], None);
    assert_eq!(out.status.code(), Some(2), "--vault needs --local-data-dir");
}
