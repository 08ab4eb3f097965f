//! What the tests of sign-in and discovery share (the `testing` feature): the mock's people
//! and resources, a real local vault standing in for the vault ARM lists, and the browser,
//! played against the authorize page.

use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

use crate::config::{Config, Subscription, Tenant, User, Vault};
use crate::{MockAzure, Running};

/// Ada's object id.
pub const ADA: &str = "oid-ada";
/// Ada's home tenant.
pub const CONTOSO: &str = "11111111-1111-1111-1111-111111111111";
/// A tenant Ada is a guest in, which needs MFA: silent token requests fail there.
pub const FABRIKAM: &str = "22222222-2222-2222-2222-222222222222";
/// The tenant a local vault's challenge names.
pub const NIL_TENANT: &str = "00000000-0000-0000-0000-000000000000";

/// Tenant `name`, whose domain is `{name}.onmicrosoft.com` in lower case.
pub fn tenant(id: &str, name: &str, requires_interaction: bool) -> Tenant {
    Tenant {
        id: id.into(),
        name: name.into(),
        domain: format!("{}.onmicrosoft.com", name.to_lowercase()),
        requires_interaction,
    }
}

/// A subscription everyone who reaches `tenant` may read.
pub fn subscription(id: &str, name: &str, tenant: &str) -> Subscription {
    Subscription {
        id: id.into(),
        name: name.into(),
        tenant: tenant.into(),
        denied: Vec::new(),
    }
}

/// Vault `name` at `https://{name}.vault.azure.net/`: standard, access policies, soft delete
/// without purge protection, ARM's default retention.
pub fn vault(name: &str, subscription: &str) -> Vault {
    Vault {
        name: name.into(),
        uri: format!("https://{name}.vault.azure.net/"),
        subscription: subscription.into(),
        resource_group: "RG-Certs".into(),
        location: "westeurope".into(),
        sku: "standard".into(),
        rbac: false,
        public_network_access: None,
        soft_delete: true,
        purge_protection: false,
        retention_days: None,
    }
}

/// Ada, at home in Contoso, guest in Fabrikam and in the tenant local vaults' challenges
/// name; every Key Vault token issued is `vault_token`.
pub fn ada(vault_token: &str) -> Config {
    Config {
        tenants: vec![
            tenant(CONTOSO, "Contoso", false),
            tenant(FABRIKAM, "Fabrikam", true),
            tenant(NIL_TENANT, "Local", false),
        ],
        users: vec![User {
            oid: ADA.into(),
            home_tenant: CONTOSO.into(),
            username: "ada@contoso.onmicrosoft.com".into(),
            name: "Ada Lovelace".into(),
            tenants: vec![FABRIKAM.into(), NIL_TENANT.into()],
        }],
        vault_access_token: Some(vault_token.into()),
        ..Config::default()
    }
}

/// A local vault serving `vaults` from `data_dir`, quick to finish its operations.
pub async fn local_vault(data_dir: &Path, vaults: &[&str]) -> local_vault::LocalVault {
    local_vault::LocalVault::start(local_vault::Config {
        data_dir: data_dir.to_owned(),
        vaults: vaults.iter().map(|name| name.to_string()).collect(),
        first_port: None,
        operation_delay: Duration::from_millis(20),
        deletion_delay: Duration::ZERO,
        vault_settings: Default::default(),
    })
    .await
    .expect("the local vault starts")
}

/// The mock with Ada (see [`ada`]) and her Prod subscription in Contoso, whose vault `team`
/// is a real local vault's; that local vault also serves the other vaults it was given.
pub struct Stage {
    pub mock: Running,
    pub local: local_vault::LocalVault,
    /// One PEM with the mock's CA and the local vault's, as `CERTDECK_EXTRA_CA_FILE` names.
    pub roots: PathBuf,
    /// The test's folder: the local vault's data in `local/`, the rest is the test's.
    pub root: tempfile::TempDir,
}

impl Stage {
    /// Starts the local vault with `vaults` (`team` among them) and the mock, after `adjust`
    /// had its way with the mock's configuration.
    pub async fn start(vaults: &[&str], adjust: impl FnOnce(&mut Config)) -> Stage {
        let root = tempfile::tempdir().expect("a temporary folder");
        let local = local_vault(&root.path().join("local"), vaults).await;
        let token = std::fs::read_to_string(root.path().join("local/token"))
            .expect("the local vault's token");
        let mut config = ada(token.trim());
        config.subscriptions = vec![subscription("sub-prod", "Prod", CONTOSO)];
        config.vaults = vec![Vault {
            uri: url_of(&local, "team"),
            resource_group: "rg-certs".into(),
            ..vault("team", "sub-prod")
        }];
        adjust(&mut config);
        let mock = MockAzure::start(config).await.expect("the mock starts");
        let roots = root.path().join("roots.pem");
        let mut pem = std::fs::read(&mock.ca_file).expect("the mock's CA");
        pem.extend(std::fs::read(local.ca_file()).expect("the local vault's CA"));
        std::fs::write(&roots, pem).expect("the roots written");
        Stage {
            mock,
            local,
            roots,
            root,
        }
    }

    /// The URL of the local vault's vault `name`.
    pub fn url_of(&self, name: &str) -> String {
        url_of(&self.local, name)
    }
}

fn url_of(local: &local_vault::LocalVault, name: &str) -> String {
    local
        .vaults()
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no local vault {name}"))
        .url
}

/// A client as a browser is one: trusting the CAs in the PEM file `roots`, following no
/// redirect by itself (the test looks at each).
pub fn browser(roots: &Path) -> reqwest::Client {
    let pem = std::fs::read(roots).expect("the roots");
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge(reqwest::Certificate::from_pem_bundle(&pem).expect("PEM roots"))
        .build()
        .expect("a client")
}

/// What the browser showed at the end of a sign-in.
pub struct Page {
    pub status: reqwest::StatusCode,
    pub text: String,
}

/// Plays the browser on the `authorize` page (the mock approves at once): follows its 302
/// to the loopback listener, after `tamper` had its way with the redirect. A favicon
/// request comes first there, as from a real browser.
pub async fn play_browser(
    http: &reqwest::Client,
    authorize: &str,
    tamper: impl FnOnce(Url) -> Url,
) -> Page {
    let answer = http
        .get(authorize)
        .send()
        .await
        .expect("the authorize page");
    assert_eq!(answer.status(), reqwest::StatusCode::FOUND, "{authorize}");
    let location = answer.headers()["location"]
        .to_str()
        .expect("a redirect")
        .to_owned();
    let redirect = tamper(Url::parse(&location).expect("a URL"));
    assert!(
        redirect.as_str().starts_with("http://localhost:"),
        "{redirect}"
    );
    let favicon = redirect.join("/favicon.ico").expect("a URL");
    let favicon = http.get(favicon).send().await.expect("the favicon");
    assert!(favicon.status().is_success(), "{}", favicon.status());
    let page = http.get(redirect).send().await.expect("the redirect page");
    Page {
        status: page.status(),
        text: page.text().await.expect("the page's text"),
    }
}
