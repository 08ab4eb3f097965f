//! `certdeck-cli accounts …` and `vaults …` as the built binary, against the Entra/ARM mock
//! over HTTPS (named by CERTDECK_AUTHORITY_HOST, CERTDECK_ARM_ENDPOINT and
//! CERTDECK_EXTRA_CA_FILE) and a real local vault standing in for the vault ARM lists. Sign-ins
//! are kept in memory (CERTDECK_KEY_STORE=memory), so each run signs in with `--sign-in`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use azure_mock::config::{Config, Subscription, Tenant, User, Vault};
use azure_mock::{MockAzure, Running};

const CONTOSO: &str = "11111111-1111-1111-1111-111111111111";
const FABRIKAM: &str = "22222222-2222-2222-2222-222222222222";
const NIL_TENANT: &str = "00000000-0000-0000-0000-000000000000";

fn tenant(id: &str, name: &str, requires_interaction: bool) -> Tenant {
    Tenant {
        id: id.into(),
        name: name.into(),
        domain: format!("{}.onmicrosoft.com", name.to_lowercase()),
        requires_interaction,
    }
}

/// Ada: home in Contoso (whose Prod subscription holds `team`), guest in Fabrikam (needs
/// MFA) and in the tenant local vaults' challenges name.
fn config(team_url: &str, vault_token: &str) -> Config {
    Config {
        tenants: vec![
            tenant(CONTOSO, "Contoso", false),
            tenant(FABRIKAM, "Fabrikam", true),
            tenant(NIL_TENANT, "Local", false),
        ],
        users: vec![User {
            oid: "oid-ada".into(),
            home_tenant: CONTOSO.into(),
            username: "ada@contoso.onmicrosoft.com".into(),
            name: "Ada Lovelace".into(),
            tenants: vec![FABRIKAM.into(), NIL_TENANT.into()],
        }],
        subscriptions: vec![Subscription {
            id: "sub-prod".into(),
            name: "Prod".into(),
            tenant: CONTOSO.into(),
            denied: Vec::new(),
        }],
        vaults: vec![Vault {
            name: "team".into(),
            uri: team_url.into(),
            subscription: "sub-prod".into(),
            resource_group: "rg-certs".into(),
            location: "westeurope".into(),
            sku: "standard".into(),
            rbac: false,
            public_network_access: None,
            soft_delete: true,
            purge_protection: false,
            retention_days: None,
        }],
        vault_access_token: Some(vault_token.into()),
    }
}

struct World {
    mock: Running,
    local: local_vault::LocalVault,
    roots: PathBuf,
    root: tempfile::TempDir,
}

impl World {
    async fn start() -> World {
        let root = tempfile::tempdir().unwrap();
        let local = local_vault::LocalVault::start(local_vault::Config {
            data_dir: root.path().join("local"),
            vaults: vec!["team".into()],
            first_port: None,
            operation_delay: Duration::from_millis(20),
            deletion_delay: Duration::ZERO,
            vault_settings: Default::default(),
        })
        .await
        .unwrap();
        let token = std::fs::read_to_string(root.path().join("local/token")).unwrap();
        let mock = MockAzure::start(config(&local.vaults()[0].url, token.trim()))
            .await
            .unwrap();
        let roots = root.path().join("roots.pem");
        let mut pem = std::fs::read(&mock.ca_file).unwrap();
        pem.extend(std::fs::read(local.ca_file()).unwrap());
        std::fs::write(&roots, pem).unwrap();
        World {
            mock,
            local,
            roots,
            root,
        }
    }

    fn team_url(&self) -> String {
        self.local.vaults()[0].url.clone()
    }

    fn cli(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_certdeck-cli"));
        command
            .args(args)
            .env("CERTDECK_CONFIG_DIR", self.root.path().join("config"))
            .env("CERTDECK_DATA_DIR", self.root.path().join("data"))
            .env("CERTDECK_AUTHORITY_HOST", &self.mock.url)
            .env("CERTDECK_ARM_ENDPOINT", &self.mock.url)
            .env("CERTDECK_EXTRA_CA_FILE", &self.roots)
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
    let list = vault_list(world.root.path());
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
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge(
            reqwest::Certificate::from_pem_bundle(&std::fs::read(&world.roots).unwrap()).unwrap(),
        )
        .build()
        .unwrap();
    let answer = http.get(&authorize).send().await.unwrap();
    let back = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with("http://localhost:"), "{back}");
    assert!(reqwest::get(&back).await.unwrap().status().is_success());

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
