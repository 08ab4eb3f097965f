//! `certdeck-cli accounts …` and `vaults …` as the built binary, against the Entra/ARM mock
//! over HTTPS (named by CERTDECK_AUTHORITY_HOST, CERTDECK_ARM_ENDPOINT and
//! CERTDECK_EXTRA_CA_FILE) and a real local vault standing in for the vault ARM lists. Sign-ins
//! are kept in memory (CERTDECK_KEY_STORE=memory), so each run signs in with `--sign-in`.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use azure_mock::testing::{CONTOSO, FABRIKAM, NIL_TENANT, Stage, browser, play_browser};

/// The mock, with a local vault serving `team`.
struct World {
    stage: Stage,
}

impl World {
    async fn start() -> World {
        World {
            stage: Stage::start(&["team"], |_| {}).await,
        }
    }

    fn team_url(&self) -> String {
        self.stage.url_of("team")
    }

    fn cli(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_certdeck-cli"));
        command
            .args(args)
            .env("CERTDECK_CONFIG_DIR", self.stage.root.path().join("config"))
            .env("CERTDECK_DATA_DIR", self.stage.root.path().join("data"))
            .env("CERTDECK_AUTHORITY_HOST", &self.stage.mock.url)
            .env("CERTDECK_ARM_ENDPOINT", &self.stage.mock.url)
            .env("CERTDECK_EXTRA_CA_FILE", &self.stage.roots)
            .env("CERTDECK_KEY_STORE", "memory")
            .stdin(Stdio::null());
        command
    }

    /// Runs the CLI to its end off the runtime the mock serves on.
    async fn run(&self, args: &[&str]) -> (Output, String, String) {
        let mut command = self.cli(args);
        let output = tokio::task::spawn_blocking(move || command.output().unwrap())
            .await
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output, stdout, stderr)
    }
}

fn vault_list(root: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(root.join("config/vaults.json")).unwrap()).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn discover_and_add_with_a_device_code_sign_in() {
    let world = World::start().await;
    let sign_in = ["--sign-in", "--device-code"];

    // No account yet: said so, with what to run.
    let (out, _, stderr) = world.run(&["vaults", "discover"]).await;
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("NotSignedIn") && stderr.contains("accounts login"),
        "{stderr}"
    );

    // Added by URL: the tenant comes from the vault's challenge.
    let team = world.team_url();
    let (out, stdout, stderr) = world
        .run(&[&["vaults", "add", team.as_str()][..], &sign_in].concat())
        .await;
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("enter the code"),
        "the device code is shown: {stdout}"
    );
    assert!(
        stdout.contains(&format!("({team}) in tenant {NIL_TENANT}")),
        "{stdout}"
    );
    assert!(stderr.contains("for this run only"), "{stderr}");
    let list = vault_list(world.stage.root.path());
    let added = &list["vaults"][0];
    assert_eq!(added["url"], team.as_str());
    assert_eq!(added["credential"]["kind"], "account");
    assert_eq!(added["credential"]["account"], format!("oid-ada.{CONTOSO}"));

    // The tree: Contoso's vault (marked added), Fabrikam needing sign-in.
    let (out, stdout, stderr) = world
        .run(&[&["vaults", "discover"][..], &sign_in].concat())
        .await;
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let tree = stdout
        .split_once("Contoso")
        .map(|(_, tree)| tree)
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(tree.contains("Prod (sub-prod)"), "{stdout}");
    assert!(
        tree.contains(&format!(
            "team  {team}  access policies  westeurope  (added)"
        )),
        "{stdout}"
    );
    assert!(
        tree.contains("Fabrikam") && tree.contains("needs sign-in to see its subscriptions"),
        "{stdout}"
    );

    // JSON for scripts: the same discovery.
    let (out, stdout, _) = world
        .run(&[&["vaults", "discover", "--json"][..], &sign_in].concat())
        .await;
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let tenants = json["tenants"].as_array().unwrap();
    assert_eq!(tenants.len(), 3, "{json}");
    let fabrikam = tenants.iter().find(|t| t["id"] == FABRIKAM).unwrap();
    assert_eq!(fabrikam["subscriptions"]["state"], "needs_sign_in");

    // Nothing was kept: the next run knows no account, and logout says so.
    let (out, stdout, _) = world.run(&["accounts", "list"]).await;
    assert!(
        out.status.success() && stdout.contains("No account is signed in"),
        "{stdout}"
    );
    let (out, _, stderr) = world.run(&["accounts", "logout", "nobody"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("NotSignedIn"), "{stderr}");
    assert!(
        !world
            .stage
            .root
            .path()
            .join("data/accounts")
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()),
        "no cache on disk without a keyring"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn browser_login_prints_the_page_and_waits_for_the_redirect() {
    let world = World::start().await;
    let mut child = world
        .cli(&[
            "accounts",
            "login",
            "--no-browser",
            "--tenant",
            "contoso.onmicrosoft.com",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (authorize, mut lines) = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let url = lines
            .by_ref()
            .map(Result::unwrap)
            .find(|line| line.starts_with("https://"))
            .expect("the sign-in page's address");
        (url, lines)
    })
    .await
    .unwrap();
    assert!(
        authorize.contains("/contoso.onmicrosoft.com/oauth2/v2.0/authorize?"),
        "{authorize}"
    );

    // The browser: the mock approves and redirects to the CLI's loopback listener.
    let page = play_browser(&browser(&world.stage.roots), &authorize, |url| url).await;
    assert!(page.status.is_success(), "{}", page.status);

    let rest = tokio::task::spawn_blocking(move || {
        let rest: Vec<String> = lines.by_ref().map(Result::unwrap).collect();
        (rest, child.wait().unwrap())
    })
    .await
    .unwrap();
    let (rest, status) = rest;
    assert!(status.success(), "{rest:?}");
    assert!(
        rest.iter().any(|l| l.starts_with(&format!(
            "Signed in as oid-ada.{CONTOSO}  ada@contoso.onmicrosoft.com"
        ))),
        "{rest:?}"
    );

    // A tenant that is neither an id nor a domain is refused before anything is sent.
    let (out, _, stderr) = world
        .run(&[
            "accounts",
            "login",
            "--no-browser",
            "--tenant",
            "not a tenant",
        ])
        .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("InvalidInput") && stderr.contains("not a tenant"),
        "{stderr}"
    );
}
