//! Accounts and discovery through the commands, against the Entra/ARM mock over HTTPS and a
//! real local vault standing in for the Azure vaults it lists: sign in (the test plays the
//! browser the host was asked to open), discover, add, use the vaults as the account, sign
//! out.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::commands::*;
use app::{App, Code};
use azure::cloud::Overrides;
use azure::http::{Network, client_with};
use azure::keys::{CacheKey, KeyStore};
use azure_mock::testing::{ADA, CONTOSO, FABRIKAM, NIL_TENANT, Stage, play_browser};
use support::{FakeHost, ec_policy, issue, load};

/// Keys kept in memory but claimed persistent, so the sealed cache files are written and the
/// test can look at them (the OS keyring is not the test's to fill).
#[derive(Default)]
struct Keys(Mutex<HashMap<String, CacheKey>>);

impl KeyStore for Keys {
    fn get(&self, id: &str) -> app::Result<Option<CacheKey>> {
        Ok(self.0.lock().unwrap().get(id).cloned())
    }
    fn set(&self, id: &str, key: &CacheKey) -> app::Result<()> {
        self.0.lock().unwrap().insert(id.into(), key.clone());
        Ok(())
    }
    fn delete(&self, id: &str) -> app::Result<()> {
        self.0.lock().unwrap().remove(id);
        Ok(())
    }
    fn persistent(&self) -> bool {
        true
    }
}

/// The mock (its `team` vault RBAC), a local vault with `team` and `direct`, and an app
/// reaching both.
struct World {
    app: App,
    host: FakeHost,
    stage: Stage,
    http: reqwest::Client,
}

impl World {
    async fn start() -> World {
        let stage = Stage::start(&["team", "direct"], |config| {
            config.vaults[0].rbac = true;
            config.vaults[0].retention_days = Some(90);
        })
        .await;
        let http = client_with(Some(&stage.roots)).unwrap();
        let url = stage.mock.url.as_str();
        let network = Network {
            overrides: Overrides::parse(Some(url), Some(url)).unwrap(),
            http: http.clone(),
        };
        let app =
            load(&stage.root.path().join("app")).with_azure(network, Arc::new(Keys::default()));
        World {
            app,
            host: FakeHost::default(),
            stage,
            http,
        }
    }

    /// Signs in through the browser, playing it: the authorize page the host was asked to
    /// open redirects (the mock approves) to the app's loopback listener.
    async fn sign_in(&self, request: u32) -> (app::Result<Account>, Vec<SignInEvent>) {
        let events = Mutex::new(Vec::new());
        let record = |event| {
            events.lock().unwrap().push(event);
            Ok(())
        };
        let args = SignInArgs {
            method: SignInMethod::Browser,
            tenant: None,
            cloud: Cloud::AzurePublic,
            request,
        };
        let (result, ()) = tokio::join!(
            sign_in(&self.app, &self.host, args, &record),
            self.play_browser()
        );
        (result, events.into_inner().unwrap())
    }

    async fn play_browser(&self) {
        let authorize = self.opened_url().await;
        let page = play_browser(&self.http, &authorize, |redirect| redirect).await;
        assert!(page.status.is_success(), "{}", page.status);
    }

    async fn opened_url(&self) -> String {
        loop {
            if let Some(url) = self.host.opened.lock().unwrap().pop() {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Every file under the app's directories, with its bytes.
    fn app_files(&self) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        fn walk(dir: &Path, out: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push((path.clone(), std::fs::read(&path).unwrap_or_default()));
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.stage.root.path().join("app"), &mut files);
        files
    }
}

fn listed(discovery: &Discovery, tenant: &str) -> Vec<DiscoveredSubscription> {
    let found = discovery.tenants.iter().find(|t| t.id == tenant).unwrap();
    match &found.subscriptions {
        TenantState::Listed { subscriptions } => subscriptions.clone(),
        other => panic!("{tenant}: {other:?}"),
    }
}

async fn certificate_names(app: &App, host: &FakeHost, vault: VaultId) -> app::Result<Vec<String>> {
    let rows = Mutex::new(Vec::new());
    let events = |page: Vec<CertificateSummary>| {
        rows.lock()
            .unwrap()
            .extend(page.into_iter().map(|c| c.name));
        Ok(())
    };
    let args = ListCertificatesArgs { vault, request: 1 };
    list_certificates(app, host, args, &events).await?;
    Ok(rows.into_inner().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_discover_add_use_and_sign_out() {
    let world = World::start().await;
    let (app, host) = (&world.app, &world.host);
    assert!(list_accounts(app, host, ()).await.unwrap().is_empty());

    let (account, events) = world.sign_in(1).await;
    let account = account.unwrap();
    assert_eq!(account.id, format!("{ADA}.{CONTOSO}"));
    assert_eq!(account.username, "ada@contoso.onmicrosoft.com");
    let [SignInEvent::OpenedBrowser { url }] = events.as_slice() else {
        panic!("{events:?}");
    };
    assert!(
        url.starts_with(&format!(
            "{}organizations/oauth2/v2.0/authorize?",
            world.stage.mock.url
        )),
        "{url}"
    );
    assert_eq!(
        list_accounts(app, host, ()).await.unwrap(),
        std::slice::from_ref(&account)
    );

    // Contoso lists its vault; Fabrikam needs MFA and says so instead of disappearing.
    let by_account = || AccountArgs {
        account: account.id.clone(),
    };
    let discovery = discover_vaults(app, host, by_account()).await.unwrap();
    let prod = listed(&discovery, CONTOSO);
    assert_eq!(prod.len(), 1);
    let team = &prod[0].vaults[0];
    assert_eq!(
        (team.name.as_str(), team.rbac, team.added),
        ("team", true, false)
    );
    let fabrikam = discovery.tenants.iter().find(|t| t.id == FABRIKAM).unwrap();
    assert!(
        matches!(&fabrikam.subscriptions, TenantState::NeedsSignIn { message } if message.contains("AADSTS")),
        "{fabrikam:?}"
    );
    // Said with the account's username, not its `oid.tid` id.
    let TenantState::NeedsSignIn { message } = &fabrikam.subscriptions else {
        unreachable!()
    };
    assert!(
        message.starts_with("ada@contoso.onmicrosoft.com must sign in again")
            && !message.contains(&account.id),
        "{message}"
    );

    // Added with its account and tenant; the same vault twice is skipped and said so.
    let found = || DiscoveredVaultRef {
        url: team.uri.clone(),
        tenant_id: team.tenant_id.clone(),
        name: team.name.clone(),
    };
    let added = add_discovered_vaults(
        app,
        host,
        AddDiscoveredVaultsArgs {
            account: account.id.clone(),
            vaults: vec![found(), found()],
        },
    )
    .await
    .unwrap();
    let entry = added
        .vaults
        .iter()
        .find(|v| v.name == "team")
        .unwrap()
        .clone();
    assert_eq!(
        entry.credential,
        CredentialKind::Account {
            account: account.id.clone(),
            tenant_id: CONTOSO.into()
        }
    );
    assert_eq!(added.skipped.len(), 1, "{added:?}");
    assert_eq!(added.skipped[0].error.code, Code::Conflict);
    let again = discover_vaults(app, host, by_account()).await.unwrap();
    assert!(
        listed(&again, CONTOSO)[0].vaults[0].added,
        "marked as added"
    );

    // The vault works as the account: a certificate created, then listed.
    issue(
        app,
        host,
        entry.id,
        "web",
        ec_policy("Self", "web.contoso.test"),
    )
    .await;
    assert_eq!(
        certificate_names(app, host, entry.id).await.unwrap(),
        ["web"]
    );

    // By URL: the tenant comes from the vault's own challenge.
    let direct = add_account_vault(
        app,
        host,
        AddAccountVaultArgs {
            url: world.stage.url_of("direct"),
            name: None,
            account: account.id.clone(),
            tenant: None,
        },
    )
    .await
    .unwrap();
    assert!(
        matches!(&direct.credential, CredentialKind::Account { tenant_id, .. } if tenant_id == NIL_TENANT),
        "{direct:?}"
    );
    assert!(
        certificate_names(app, host, direct.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Only sealed caches on disk: no refresh token, no ARM token, in any file of the app.
    let secrets: Vec<String> = world
        .stage
        .mock
        .mock
        .live_refresh_tokens()
        .into_iter()
        .chain(world.stage.mock.mock.tokens().keys().cloned())
        .collect();
    assert!(!secrets.is_empty());
    let files = world.app_files();
    let caches: Vec<_> = files
        .iter()
        .filter(|(path, _)| path.starts_with(world.stage.root.path().join("app/data/accounts")))
        .collect();
    assert_eq!(caches.len(), 1, "one cache file for one account");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "a token in {}",
                path.display()
            );
        }
    }

    // Signed out: the cache is gone and the vaults say who must sign in.
    assert!(sign_out(app, host, by_account()).await.unwrap().is_empty());
    assert!(
        !world
            .app_files()
            .iter()
            .any(|(path, _)| path.starts_with(world.stage.root.path().join("app/data/accounts")))
    );
    let err = certificate_names(app, host, entry.id).await.unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn, "{err:?}");
    let err = discover_vaults(app, host, by_account()).await.unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_can_be_cancelled_and_a_device_code_is_shown() {
    let world = World::start().await;
    let (app, host) = (&world.app, &world.host);

    // Cancelled while the browser is open: nothing is signed in.
    let args = SignInArgs {
        method: SignInMethod::Browser,
        tenant: None,
        cloud: Cloud::AzurePublic,
        request: 7,
    };
    let nothing = |_| Ok(());
    let cancel = async {
        world.opened_url().await;
        cancel_request(app, host, CancelRequestArgs { request: 7 })
            .await
            .unwrap();
    };
    let (result, ()) = tokio::join!(sign_in(app, host, args, &nothing), cancel);
    assert_eq!(result.unwrap_err().code, Code::Cancelled);
    assert!(list_accounts(app, host, ()).await.unwrap().is_empty());

    // The device code: the code and link are shown, then the mock approves after its pending
    // polls.
    let shown = Mutex::new(Vec::new());
    let record = |event| {
        shown.lock().unwrap().push(event);
        Ok(())
    };
    let args = SignInArgs {
        method: SignInMethod::DeviceCode,
        tenant: Some("Contoso.onmicrosoft.com".into()),
        cloud: Cloud::AzurePublic,
        request: 8,
    };
    let account = sign_in(app, host, args, &record).await.unwrap();
    assert_eq!(account.home_tenant, CONTOSO);
    let shown = shown.into_inner().unwrap();
    let [
        SignInEvent::DeviceCode {
            user_code,
            verification_uri,
            message,
        },
    ] = shown.as_slice()
    else {
        panic!("{shown:?}");
    };
    assert!(message.contains(user_code.as_str()) && verification_uri.starts_with("https://"));
    assert!(
        host.opened.lock().unwrap().is_empty(),
        "no browser for a device code"
    );

    // A tenant that is no id nor domain is refused before anything is sent.
    let args = SignInArgs {
        method: SignInMethod::Browser,
        tenant: Some("not a tenant".into()),
        cloud: Cloud::AzurePublic,
        request: 9,
    };
    let err = sign_in(app, host, args, &nothing).await.unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    assert!(err.message.contains("not a tenant"), "{err:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_settings_are_checked_and_used() {
    let world = World::start().await;
    let (app, host) = (&world.app, &world.host);
    let err = set_sign_in(
        app,
        host,
        SetSignInArgs {
            client_id: Some("my-app".into()),
            tenant: None,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(err.code, Code::InvalidInput);
    let client_id = "99999999-8888-7777-6666-555555555555";
    let saved = set_sign_in(
        app,
        host,
        SetSignInArgs {
            client_id: Some(client_id.into()),
            tenant: Some("contoso.onmicrosoft.com".into()),
        },
    )
    .await
    .unwrap();
    assert_eq!(saved.sign_in_client_id.as_deref(), Some(client_id));
    let (account, events) = world.sign_in(1).await;
    account.unwrap();
    let [SignInEvent::OpenedBrowser { url }] = events.as_slice() else {
        panic!("{events:?}");
    };
    assert!(url.contains(&format!("client_id={client_id}")), "{url}");
    assert!(url.contains("/contoso.onmicrosoft.com/oauth2/"), "{url}");
}
