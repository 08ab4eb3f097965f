//! `certdeck-cli inspect` and `convert`, run as the built binary over the inspect fixtures.

#[path = "../../inspect/tests/support/mod.rs"]
mod support;

use std::process::{Command, Output, Stdio};

use support::{PW, openssl, path};

fn cli(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certdeck-cli"));
    command.args(args).env("FIXTURE_PW", PW);
    command
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn inspect_json_matches_openssl() {
    let file = path("modern.pfx");
    let out = cli(&[
        "inspect",
        file.to_str().unwrap(),
        "--password-env",
        "FIXTURE_PW",
        "--json",
    ])
    .output()
    .unwrap();
    assert!(out.status.success());
    let report = json(&out);
    let serial = openssl(&[
        "x509",
        "-in",
        path("leaf.pem").to_str().unwrap(),
        "-noout",
        "-serial",
    ]);
    assert_eq!(
        format!(
            "serial={}\n",
            report["certificates"][0]["serial"].as_str().unwrap()
        ),
        serial
    );
    assert_eq!(report["format"], "pkcs12");
    assert_eq!(report["private_keys"][0]["matches_certificate"], 0);
    assert_eq!(report["key_vault"]["importable"], true);
}

#[test]
fn inspect_human_output_and_password_stdin() {
    let file = path("legacy.pfx");
    let mut child = cli(&["inspect", file.to_str().unwrap(), "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PW}").unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("CN=www.contoso.com") && text.contains("Key Vault: importable"),
        "{text}"
    );
    assert!(text.contains("pbeWithSHA1And3-KeyTripleDES-CBC"), "{text}");
}

#[test]
fn failures_exit_2_with_coded_json() {
    let cases = [
        ("modern.pfx", None, "PasswordRequired"),
        ("random.bin", None, "NotACertificate"),
        ("truncated.pfx", Some("FIXTURE_PW"), "Corrupt"),
        ("huge-iterations.pfx", Some("FIXTURE_PW"), "TooExpensive"),
    ];
    for (name, env, code) in cases {
        let file = path(name);
        let mut args = vec!["inspect", file.to_str().unwrap(), "--json"];
        if let Some(var) = env {
            args.extend(["--password-env", var]);
        }
        let out = cli(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert_eq!(json(&out)["error"]["code"], code, "{name}");
        assert!(json(&out)["error"]["message"].is_string());
    }
    let out = cli(&["inspect", "/nonexistent/file.pfx", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        (out.status.code(), json(&out)["error"]["code"].as_str()),
        (Some(2), Some("Io"))
    );
}

/// Runs the CLI and asserts success.
fn run_ok(args: &[&str]) {
    let out = cli(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
}

#[test]
fn convert_to_pem_and_pfx() {
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("out.pem");
    let pem = pem.to_str().unwrap();
    let input = path("pem-encrypted-aes.pem");
    let input = input.to_str().unwrap();
    run_ok(&[
        "convert",
        input,
        "--to",
        "pem",
        "--out",
        pem,
        "--password-env",
        "FIXTURE_PW",
    ]);
    openssl(&["pkey", "-in", pem, "-noout"]);
    let pfx = dir.path().join("out.pfx");
    let pfx = pfx.to_str().unwrap();
    run_ok(&[
        "convert",
        pem,
        "--to",
        "pfx",
        "--legacy",
        "--out",
        pfx,
        "--out-password-env",
        "FIXTURE_PW",
    ]);
    let dump = openssl(&[
        "pkcs12",
        "-in",
        pfx,
        "-passin",
        &format!("pass:{PW}"),
        "-nodes",
    ]);
    assert!(dump.contains("BEGIN PRIVATE KEY") && dump.contains("BEGIN CERTIFICATE"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(pfx).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // Without --out-password-env: Key Vault's NULL password, opened by `openssl -passin pass:`.
    // It replaces a file that others could read: the key inside must not inherit that.
    std::fs::set_permissions(pfx, std::fs::Permissions::from_mode(0o644)).unwrap();
    run_ok(&["convert", pem, "--to", "pfx", "--out", pfx]);
    openssl(&["pkcs12", "-in", pfx, "-passin", "pass:", "-nodes"]);
    let mode = std::fs::metadata(pfx).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "a replaced file is narrowed too");
}
