//! `certdeck-cli --version`: the workspace version and the commit, as the app's About says them.

use std::process::Command;

#[test]
fn version_names_the_workspace_version_and_the_commit() {
    let out = Command::new(env!("CARGO_BIN_EXE_certdeck-cli"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let commit = env!("CERTDECK_COMMIT");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("certdeck-cli {} ({commit})\n", env!("CARGO_PKG_VERSION"))
    );
    let known = commit.len() >= 7 && commit.chars().all(|c| c.is_ascii_hexdigit());
    assert!(known || commit == "unknown", "{commit}");
}
