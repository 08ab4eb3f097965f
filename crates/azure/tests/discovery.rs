//! Discovery against the Azure mock over real HTTPS: tenants (one needing interaction),
//! subscriptions and vault lists paged by `nextLink`, Resource Graph past five subscriptions,
//! a subscription the user may not read; and a vault's tenant read from a real local vault's
//! challenge.

use std::collections::HashMap;
use std::sync::Arc;

use azure::cloud::{Cloud, Overrides};
use azure::discovery::{
    DiscoveredSubscription, DiscoveredTenant, Discovery, TenantState, TenantTokens, discover_with,
    vault_tenant_with,
};
use azure::http::{Network, client_with};
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::time::OffsetDateTime;
use azure_mock::config::{Config, Subscription, User, Vault};
use azure_mock::testing::{ADA, CONTOSO, FABRIKAM, local_vault, subscription, tenant, vault};
use azure_mock::{MockAzure, Running};
use errors::{Code, Error, Result};
use url::Url;

const BIG: &str = "33333333-3333-3333-3333-333333333333";

/// Contoso (home): Prod with three vaults (two pages), Dev the user may not read, Empty.
/// Fabrikam needs MFA. Big has six subscriptions, so Resource Graph lists its five vaults.
fn config() -> Config {
    let mut subscriptions = vec![
        subscription("sub-prod", "Prod", CONTOSO),
        Subscription {
            denied: vec![ADA.into()],
            ..subscription("sub-dev", "Dev", CONTOSO)
        },
        subscription("sub-empty", "Empty", CONTOSO),
        subscription("sub-fab", "Fabrikam main", FABRIKAM),
    ];
    for n in 1..=6 {
        subscriptions.push(subscription(
            &format!("sub-big-{n}"),
            &format!("Big {n}"),
            BIG,
        ));
    }
    let mut vaults = vec![
        Vault {
            rbac: true,
            purge_protection: true,
            retention_days: Some(7),
            public_network_access: Some("Disabled".into()),
            sku: "premium".into(),
            ..vault("kv-prod-web", "sub-prod")
        },
        Vault {
            soft_delete: false,
            ..vault("kv-prod-api", "sub-prod")
        },
        vault("kv-prod-old", "sub-prod"),
        vault("kv-dev", "sub-dev"),
        vault("kv-fab", "sub-fab"),
    ];
    for (name, sub) in [
        ("kv-big-a", 1),
        ("kv-big-b", 1),
        ("kv-big-c", 3),
        ("kv-big-d", 6),
        ("kv-big-e", 6),
    ] {
        vaults.push(vault(name, &format!("sub-big-{sub}")));
    }
    Config {
        tenants: vec![
            tenant(CONTOSO, "Contoso", false),
            tenant(FABRIKAM, "Fabrikam", true),
            tenant(BIG, "Big", false),
        ],
        users: vec![User {
            oid: ADA.into(),
            home_tenant: CONTOSO.into(),
            username: "ada@contoso.onmicrosoft.com".into(),
            name: "Ada".into(),
            tenants: vec![FABRIKAM.into(), BIG.into()],
        }],
        subscriptions,
        vaults,
        vault_access_token: None,
    }
}

/// A credential handing out one fixed token, or failing as a refresh needing MFA does.
#[derive(Debug)]
struct Fixed(std::result::Result<String, Error>);

#[async_trait::async_trait]
impl TokenCredential for Fixed {
    async fn get_token(
        &self,
        _scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        match &self.0 {
            Ok(token) => Ok(AccessToken::new(
                token.clone(),
                OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
            )),
            Err(err) => Err(azure_core::Error::new(
                azure_core::error::ErrorKind::Credential,
                err.clone(),
            )),
        }
    }
}

/// Ada's tokens: an ARM token per tenant from the mock's table; Fabrikam's refresh needs MFA.
struct Tokens(HashMap<String, Arc<dyn TokenCredential>>);

impl Tokens {
    fn for_ada(mock: &Running) -> Self {
        let mut map: HashMap<String, Arc<dyn TokenCredential>> = HashMap::new();
        for tenant in [CONTOSO, BIG] {
            let token = mock.issue_token(ADA, tenant, &format!("{}.default", mock.url));
            map.insert(tenant.into(), Arc::new(Fixed(Ok(token))));
        }
        let mfa = Error::new(
            Code::SignInRequired,
            "AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.",
        )
        .with_hint("Sign in again");
        map.insert(FABRIKAM.into(), Arc::new(Fixed(Err(mfa))));
        Self(map)
    }
}

impl TenantTokens for Tokens {
    fn home_tenant(&self) -> String {
        CONTOSO.into()
    }

    fn credential(&self, tenant_id: &str) -> Result<Arc<dyn TokenCredential>> {
        self.0
            .get(tenant_id)
            .cloned()
            .ok_or_else(|| Error::new(Code::SignInRequired, format!("no token for {tenant_id}")))
    }
}

fn network(mock: &Running) -> Network {
    let url = Url::parse(&mock.url).unwrap();
    Network {
        overrides: Overrides {
            authority_host: Some(url.clone()),
            arm: Some(url),
        },
        http: client_with(Some(&mock.ca_file)).unwrap(),
    }
}

fn tenant_of<'a>(discovery: &'a Discovery, id: &str) -> &'a DiscoveredTenant {
    discovery.tenants.iter().find(|t| t.id == id).unwrap()
}

fn listed(tenant: &DiscoveredTenant) -> &[DiscoveredSubscription] {
    match &tenant.subscriptions {
        TenantState::Listed { subscriptions } => subscriptions,
        other => panic!("{} not listed: {other:?}", tenant.id),
    }
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| name(i).to_string()).collect()
}

#[tokio::test]
async fn discovery_lists_every_tenant_subscription_and_vault_keeping_failures_where_they_happen() {
    let mock = MockAzure::start(config()).await.unwrap();
    let tokens = Tokens::for_ada(&mock);
    let discovery = discover_with(&network(&mock), Cloud::AzurePublic, &tokens)
        .await
        .unwrap();

    // Three tenants over two pages of /tenants, in ARM's order, with their names and domains.
    assert_eq!(
        names(&discovery.tenants, |t| &t.id),
        [CONTOSO, FABRIKAM, BIG]
    );
    let contoso = tenant_of(&discovery, CONTOSO);
    assert_eq!(contoso.name.as_deref(), Some("Contoso"));
    assert_eq!(
        contoso.default_domain.as_deref(),
        Some("contoso.onmicrosoft.com")
    );

    // Fabrikam needs interaction: listed as such, with the service's words.
    match &tenant_of(&discovery, FABRIKAM).subscriptions {
        TenantState::NeedsSignIn { message } => {
            assert!(message.contains("AADSTS50076"), "{message}")
        }
        other => panic!("Fabrikam: {other:?}"),
    }

    // Contoso: sorted by name; Dev's 403 is Dev's alone; Prod's three vaults came in two pages.
    let subs = listed(contoso);
    assert_eq!(names(subs, |s| &s.name), ["Dev", "Empty", "Prod"]);
    let dev = &subs[0];
    let forbidden = dev.error.as_ref().expect("Dev is not readable");
    assert_eq!(forbidden.code, Code::Forbidden);
    assert!(forbidden.message.contains("Dev"), "{}", forbidden.message);
    assert!(forbidden.hint.as_deref().unwrap().contains("Reader"));
    assert!(dev.vaults.is_empty());
    assert!(subs[1].error.is_none() && subs[1].vaults.is_empty());
    let prod = &subs[2];
    assert!(prod.error.is_none());
    assert_eq!(
        names(&prod.vaults, |v| &v.name),
        ["kv-prod-api", "kv-prod-old", "kv-prod-web"]
    );

    // ARM's settings are mapped, absent ones as ARM means them.
    let web = &prod.vaults[2];
    assert_eq!(web.uri, "https://kv-prod-web.vault.azure.net/");
    assert_eq!(web.tenant_id, CONTOSO);
    assert_eq!(web.subscription_id, "sub-prod");
    assert_eq!(web.resource_group, "RG-Certs");
    assert_eq!(web.location, "westeurope");
    assert_eq!(web.sku, "premium");
    assert!(web.rbac && web.soft_delete && web.purge_protection);
    assert_eq!(web.retention_days, Some(7));
    assert_eq!(web.public_network_access.as_deref(), Some("Disabled"));
    let api = &prod.vaults[0];
    assert!(!api.rbac && !api.soft_delete && !api.purge_protection && !api.added);
    assert_eq!(api.retention_days, None);
    assert_eq!(api.public_network_access, None);

    // Big: six subscriptions, so one Resource Graph query (three pages), no per-subscription
    // lists there; a vault's group keeps the id's casing, not the graph's lower case.
    let big = listed(tenant_of(&discovery, BIG));
    assert_eq!(big.len(), 6);
    let per_sub: Vec<(String, Vec<String>)> = big
        .iter()
        .map(|s| (s.id.clone(), names(&s.vaults, |v| &v.name)))
        .collect();
    assert_eq!(
        per_sub[0],
        (
            "sub-big-1".to_string(),
            vec!["kv-big-a".to_string(), "kv-big-b".to_string()]
        )
    );
    assert_eq!(per_sub[2].1, ["kv-big-c"]);
    assert_eq!(per_sub[5].1, ["kv-big-d", "kv-big-e"]);
    assert!(per_sub[1].1.is_empty() && per_sub[3].1.is_empty());
    assert_eq!(big[0].vaults[0].resource_group, "RG-Certs");
    assert_eq!(big[0].vaults[0].tenant_id, BIG);

    let requests = mock.mock.requests();
    let count = |needle: &str| requests.iter().filter(|r| r.contains(needle)).count();
    assert_eq!(
        count("POST /providers/Microsoft.ResourceGraph/resources"),
        3,
        "{requests:#?}"
    );
    assert_eq!(count("/subscriptions/sub-big-"), 0, "{requests:#?}");
    // The nextLinks were followed as given (their opaque $skiptoken included).
    assert_eq!(count("GET /tenants?"), 2, "{requests:#?}");
    assert_eq!(
        count("sub-prod/providers/Microsoft.KeyVault/vaults?"),
        2,
        "{requests:#?}"
    );
    assert!(
        requests.iter().any(|r| r.contains(
            "sub-prod/providers/Microsoft.KeyVault/vaults?api-version=2025-05-01&$skiptoken="
        )),
        "{requests:#?}"
    );
    mock.shutdown().await;
}

#[tokio::test]
async fn without_a_usable_arm_token_discovery_fails_as_not_signed_in() {
    let mock = MockAzure::start(config()).await.unwrap();
    // A Key Vault token is no ARM token.
    let vault_token = mock.issue_token(ADA, CONTOSO, "https://vault.azure.net/.default");
    let mut tokens = Tokens::for_ada(&mock);
    tokens
        .0
        .insert(CONTOSO.into(), Arc::new(Fixed(Ok(vault_token))));
    let err = discover_with(&network(&mock), Cloud::AzurePublic, &tokens)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn, "{err:?}");
    assert!(err.message.contains("wrong audience"), "{}", err.message);
    assert!(err.hint.is_some());
}

#[tokio::test]
async fn a_tenant_whose_token_arm_refuses_is_kept_as_failed_and_the_others_are_listed() {
    let mock = MockAzure::start(config()).await.unwrap();
    let mut tokens = Tokens::for_ada(&mock);
    tokens
        .0
        .insert(BIG.into(), Arc::new(Fixed(Ok("not-a-token".into()))));
    let discovery = discover_with(&network(&mock), Cloud::AzurePublic, &tokens)
        .await
        .unwrap();
    assert_eq!(listed(tenant_of(&discovery, CONTOSO)).len(), 3);
    match &tenant_of(&discovery, BIG).subscriptions {
        TenantState::Failed { error } => {
            assert_eq!(error.code, Code::NotSignedIn, "{error:?}");
            assert!(
                error.message.contains("subscriptions of tenant Big"),
                "{}",
                error.message
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_vaults_tenant_comes_from_its_unauthenticated_challenge() {
    let dir = tempfile::tempdir().unwrap();
    let server = local_vault(&dir.path().join("data"), &["probe"]).await;
    let url = server.vaults()[0].url.clone();
    let http = client_with(Some(&server.ca_file())).unwrap();
    let tenant = vault_tenant_with(&http, Cloud::AzurePublic, &url)
        .await
        .unwrap();
    // The local vault's challenge names the nil tenant, as its recordings' real vaults do.
    assert_eq!(tenant, "00000000-0000-0000-0000-000000000000");
    server.shutdown().await;
    drop(dir);
}

#[tokio::test]
async fn a_host_that_is_no_vault_is_refused() {
    // Not a vault host of the cloud: refused before any request.
    let http = client_with(None).unwrap();
    for url in [
        "https://example.com/",
        "https://kv.vault.azure.net.evil.com/",
        "not a url",
    ] {
        let err = vault_tenant_with(&http, Cloud::AzurePublic, url)
            .await
            .unwrap_err();
        assert_eq!(err.code, Code::InvalidVaultUrl, "{url}: {err:?}");
        assert!(
            err.hint.as_deref().unwrap().contains(".vault.azure.net"),
            "{err:?}"
        );
    }
    // A loopback server that answers no challenge (the ARM mock) is no vault either.
    let mock = MockAzure::start(Config::default()).await.unwrap();
    let http = client_with(Some(&mock.ca_file)).unwrap();
    let err = vault_tenant_with(&http, Cloud::AzurePublic, &mock.url)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::InvalidVaultUrl, "{err:?}");
    assert!(
        err.message.contains("did not answer like a key vault"),
        "{}",
        err.message
    );
}
