//! Sign-in, accounts and the token cache against the Entra mock over real HTTPS (its CA
//! trusted explicitly, never through the process-wide environment): the test plays the
//! browser by following the authorize redirect to the loopback listener.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use azure::accounts::{Account, Accounts};
use azure::cloud::{Cloud, Overrides};
use azure::http::{Network, client_with};
use azure::keys::{CacheKey, KeyStore, KeyringStore, MemoryKeyStore};
use azure::signin::{self, DeviceCode, SignInConfig, SignedIn};
use azure_mock::testing::{ADA, CONTOSO as HOME, FABRIKAM as GUEST, ada, play_browser};
use azure_mock::{MockAzure, Running};
use errors::{Code, Result};
use tokio::sync::oneshot;
use url::Url;

const VAULT_TOKEN: &str = "local-vault-token";
const VAULT_SCOPE: &str = "https://vault.azure.net/.default";

async fn start() -> (Running, Network) {
    let running = MockAzure::start(ada(VAULT_TOKEN)).await.unwrap();
    let network = Network {
        overrides: Overrides::parse(Some(&running.url), Some(&running.url)).unwrap(),
        http: client_with(Some(&running.ca_file)).unwrap(),
    };
    (running, network)
}

fn sign_in_config(tenant: Option<&str>) -> SignInConfig {
    SignInConfig {
        client_id: "test-client".into(),
        tenant: tenant.map(str::to_owned),
        cloud: Cloud::AzurePublic,
    }
}

/// Browser sign-in where the test plays the browser; the page it was shown comes back too.
async fn browser(
    network: &Network,
    config: &SignInConfig,
    tamper: fn(Url) -> Url,
) -> (Result<SignedIn>, String) {
    let (tx, rx) = oneshot::channel();
    let http = network.http.clone();
    let browser = tokio::spawn(async move {
        let url: Url = rx.await.unwrap();
        play_browser(&http, url.as_str(), tamper).await.text
    });
    let result = signin::browser_with(
        network,
        config,
        Duration::from_secs(30),
        |url| {
            tx.send(url.clone()).unwrap();
            Ok(())
        },
        std::future::pending(),
    )
    .await;
    (result, browser.await.unwrap())
}

/// Signs in through the browser and remembers the account in a fresh folder under `keys`.
async fn signed_in_account(
    network: &Network,
    keys: Arc<dyn KeyStore>,
) -> (Accounts, Account, tempfile::TempDir) {
    let (signed_in, _) = browser(network, &sign_in_config(None), untouched).await;
    let dir = tempfile::tempdir().unwrap();
    let accounts = Accounts::open_with(dir.path(), keys, network.clone()).unwrap();
    let account = accounts.add(signed_in.unwrap()).unwrap();
    (accounts, account, dir)
}

fn untouched(url: Url) -> Url {
    url
}

/// A keyring stand-in whose keys outlive the `Accounts` (as the OS keyring's do).
#[derive(Default)]
struct Keys(Mutex<HashMap<String, CacheKey>>);

impl KeyStore for Keys {
    fn get(&self, id: &str) -> Result<Option<CacheKey>> {
        Ok(self.0.lock().unwrap().get(id).cloned())
    }
    fn set(&self, id: &str, key: &CacheKey) -> Result<()> {
        self.0.lock().unwrap().insert(id.into(), key.clone());
        Ok(())
    }
    fn delete(&self, id: &str) -> Result<()> {
        self.0.lock().unwrap().remove(id);
        Ok(())
    }
    fn persistent(&self) -> bool {
        true
    }
}

fn cache_files(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[tokio::test]
async fn browser_sign_in_gives_an_account_whose_credential_reaches_arm_and_key_vault() {
    let (running, network) = start().await;
    let (signed_in, page) = browser(&network, &sign_in_config(None), untouched).await;
    let signed_in = signed_in.unwrap();
    assert!(
        page.contains("You can close this tab and return to CertDeck"),
        "{page}"
    );
    assert_eq!(signed_in.claims.oid, ADA);
    assert_eq!(signed_in.home_tenant(), HOME);
    assert!(!format!("{signed_in:?}").contains(signed_in.refresh_token.as_str()));

    let dir = tempfile::tempdir().unwrap();
    let accounts =
        Accounts::open_with(dir.path(), Arc::new(Keys::default()), network.clone()).unwrap();
    let account = accounts.add(signed_in).unwrap();
    assert_eq!(account.id, format!("{ADA}.{HOME}"));
    assert_eq!(account.username, "ada@contoso.onmicrosoft.com");
    assert_eq!(account.name, "Ada Lovelace");
    assert_eq!(accounts.list(), vec![account.clone()]);

    let vault = accounts.credential(&account.id, HOME, VAULT_SCOPE).unwrap();
    let token = vault.get_token(&[VAULT_SCOPE], None).await.unwrap();
    assert_eq!(token.token.secret(), VAULT_TOKEN);
    let arm_scope = network.endpoints(Cloud::AzurePublic).arm_scope;
    let arm = accounts.credential(&account.id, HOME, &arm_scope).unwrap();
    let arm_token = arm.get_token(&[], None).await.unwrap();
    let grant = running.mock.grant(arm_token.token.secret()).unwrap();
    assert_eq!((grant.user.as_str(), grant.tenant.as_str()), (ADA, HOME));
    // A second call within the token's lifetime is served from memory: no new token.
    let again = arm.get_token(&[], None).await.unwrap();
    assert_eq!(again.token.secret(), arm_token.token.secret());
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused() {
    let (_running, network) = start().await;
    let (result, page) = browser(&network, &sign_in_config(None), |mut url| {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "state" {
                    "forged".into()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        url
    })
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn);
    assert!(err.message.contains("state"), "{}", err.message);
    assert!(page.contains("Sign-in failed"), "{page}");
}

#[tokio::test]
async fn an_error_redirect_shows_the_aadsts_text() {
    let (_running, network) = start().await;
    let (result, page) = browser(
        &network,
        &sign_in_config(Some("fabrikam.onmicrosoft.com")),
        untouched,
    )
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.code, Code::SignInRequired);
    assert!(err.message.starts_with("AADSTS50076:"), "{}", err.message);
    assert!(!err.message.contains("Trace ID"), "{}", err.message);
    assert!(page.contains("AADSTS50076"), "{page}");
}

#[tokio::test]
async fn browser_sign_in_can_be_cancelled_and_times_out() {
    let (_running, network) = start().await;
    let (opened_tx, opened_rx) = oneshot::channel();
    let cancelled = signin::browser_with(
        &network,
        &sign_in_config(None),
        Duration::from_secs(30),
        |_| {
            opened_tx.send(()).unwrap();
            Ok(())
        },
        async {
            opened_rx.await.unwrap();
        },
    )
    .await;
    assert_eq!(cancelled.unwrap_err().code, Code::Cancelled);

    let started = Instant::now();
    let timed_out = signin::browser_with(
        &network,
        &sign_in_config(None),
        Duration::from_millis(300),
        |_| Ok(()),
        std::future::pending(),
    )
    .await
    .unwrap_err();
    assert_eq!(timed_out.code, Code::Cancelled);
    assert!(
        timed_out.message.contains("did not finish"),
        "{}",
        timed_out.message
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn device_code_sign_in_polls_through_pending_answers() {
    let (_running, network) = start().await;
    let shown: Arc<Mutex<Option<DeviceCode>>> = Arc::default();
    let started = Instant::now();
    let signed_in = signin::device_code_with(
        &network,
        &sign_in_config(None),
        |code| *shown.lock().unwrap() = Some(code),
        std::future::pending(),
    )
    .await
    .unwrap();
    assert_eq!(signed_in.claims.oid, ADA);
    let code = shown.lock().unwrap().clone().unwrap();
    assert!(code.message.contains(&code.user_code), "{}", code.message);
    assert!(
        code.verification_uri.ends_with("/devicelogin"),
        "{}",
        code.verification_uri
    );
    // Two pending answers, one second apart (the interval the service asked for), then tokens.
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );

    let blocked = signin::device_code_with(
        &network,
        &sign_in_config(Some(GUEST)),
        |_| {},
        std::future::pending(),
    )
    .await
    .unwrap_err();
    assert_eq!(blocked.code, Code::Forbidden);
    assert!(
        blocked.message.starts_with("AADSTS53003:"),
        "{}",
        blocked.message
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_only_the_newest_is_kept_sealed_on_disk() {
    let (running, network) = start().await;
    let (signed_in, _) = browser(&network, &sign_in_config(None), untouched).await;
    let signed_in = signed_in.unwrap();
    let first = signed_in.refresh_token.to_string();
    let dir = tempfile::tempdir().unwrap();
    let keys = Arc::new(Keys::default());
    let accounts = Accounts::open_with(dir.path(), keys.clone(), network.clone()).unwrap();
    let account = accounts.add(signed_in).unwrap();

    accounts
        .token(&account.id, HOME, VAULT_SCOPE)
        .await
        .unwrap();
    let live = running.mock.live_refresh_tokens();
    assert_eq!(live.len(), 1);
    let newest = live[0].clone();
    assert_ne!(newest, first);

    // The rotated-away token is refused by the service.
    let token_url = network
        .endpoints(Cloud::AzurePublic)
        .oauth(HOME, "token")
        .unwrap();
    let refused = network
        .http
        .post(token_url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs([
                    ("client_id", "test-client"),
                    ("grant_type", "refresh_token"),
                    ("refresh_token", first.as_str()),
                    ("scope", VAULT_SCOPE),
                ])
                .finish(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), reqwest::StatusCode::BAD_REQUEST);
    let body: serde_json::Value = serde_json::from_str(&refused.text().await.unwrap()).unwrap();
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(body["error_codes"][0], 70008);

    // The cache on disk: sealed, owner-only, no token in it; a fresh process reads the newest.
    let files = cache_files(dir.path());
    assert_eq!(files.len(), 1);
    let bytes = std::fs::read(&files[0]).unwrap();
    for secret in [&first, &newest] {
        assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }
    assert!(
        !bytes.windows(5).any(|w| w == b"ada@c"),
        "display claims are sealed too"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let reopened = Accounts::open_with(dir.path(), keys, network.clone()).unwrap();
    assert_eq!(reopened.list(), vec![account.clone()]);
    let arm_scope = network.endpoints(Cloud::AzurePublic).arm_scope;
    reopened.token(&account.id, HOME, &arm_scope).await.unwrap();
}

#[tokio::test]
async fn a_tenant_requiring_interaction_is_sign_in_required_never_a_prompt() {
    let (_running, network) = start().await;
    let (accounts, account, _dir) = signed_in_account(&network, Arc::new(Keys::default())).await;
    let credential = accounts
        .credential(&account.id, GUEST, VAULT_SCOPE)
        .unwrap();
    let err = credential
        .get_token(&[VAULT_SCOPE], None)
        .await
        .unwrap_err();
    assert!(matches!(
        err.kind(),
        azure_core::error::ErrorKind::Credential
    ));
    // The app reads our error back out of the SDK's.
    let ours = std::error::Error::source(&err)
        .and_then(|source| source.downcast_ref::<errors::Error>())
        .cloned()
        .unwrap_or_else(|| panic!("no errors::Error in {err:?}"));
    assert_eq!(ours.code, Code::SignInRequired);
    assert!(
        ours.message.contains(GUEST) && ours.message.contains("AADSTS50076"),
        "{}",
        ours.message
    );
    assert_eq!(ours.hint.as_deref(), Some("Sign in again."));
    // The home tenant still works with the same account.
    accounts
        .token(&account.id, HOME, VAULT_SCOPE)
        .await
        .unwrap();
}

#[tokio::test]
async fn sign_out_removes_the_cache_file_and_key() {
    let (_running, network) = start().await;
    let keys = Arc::new(Keys::default());
    let (accounts, account, dir) = signed_in_account(&network, keys.clone()).await;
    assert_eq!(cache_files(dir.path()).len(), 1);
    assert!(keys.get(&account.id).unwrap().is_some());

    accounts.remove(&account.id).unwrap();
    assert!(cache_files(dir.path()).is_empty());
    assert!(keys.get(&account.id).unwrap().is_none());
    assert!(accounts.list().is_empty());
    let err = accounts
        .credential(&account.id, HOME, VAULT_SCOPE)
        .unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn);
    assert_eq!(
        accounts.remove(&account.id).unwrap_err().code,
        Code::NotSignedIn
    );
}

#[tokio::test]
async fn without_a_keyring_nothing_is_written_and_tokens_work_for_this_run() {
    let (_running, network) = start().await;
    let keys = Arc::new(MemoryKeyStore::default());
    let (accounts, account, dir) = signed_in_account(&network, keys).await;
    let token = accounts
        .token(&account.id, HOME, VAULT_SCOPE)
        .await
        .unwrap();
    assert_eq!(token.token.secret(), VAULT_TOKEN);
    assert!(!dir.path().exists() || cache_files(dir.path()).is_empty());
}

/// The key in the OS keyring itself, a Secret Service: `scripts/keyring-test.sh` runs this in
/// a private D-Bus session with gnome-keyring. Elsewhere there may be no keyring to talk to.
#[tokio::test]
async fn an_account_outlives_a_restart_with_its_key_in_the_os_keyring() {
    if std::env::var_os("CERTDECK_REAL_KEYRING").is_none() {
        eprintln!("skipped: needs a Secret Service (scripts/keyring-test.sh)");
        return;
    }
    let (_running, network) = start().await;
    let (accounts, account, dir) = signed_in_account(&network, Arc::new(KeyringStore)).await;
    assert!(KeyringStore.get(&account.id).unwrap().is_some());
    drop(accounts);

    // As after a restart: the cache opens with the keyring's key, and its refresh token works.
    let again = Accounts::open_with(dir.path(), Arc::new(KeyringStore), network.clone()).unwrap();
    assert_eq!(again.list(), std::slice::from_ref(&account));
    let token = again.token(&account.id, HOME, VAULT_SCOPE).await.unwrap();
    assert_eq!(token.token.secret(), VAULT_TOKEN);

    again.remove(&account.id).unwrap();
    assert!(KeyringStore.get(&account.id).unwrap().is_none());
}
