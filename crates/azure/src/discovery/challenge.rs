//! The tenant of a vault added by URL, from the 401 challenge Key Vault answers an
//! unauthenticated request with: `WWW-Authenticate: Bearer
//! authorization="https://login.microsoftonline.com/{tenant}", resource="https://vault.azure.net"`.
//! No token is sent, and the host is checked first so the request goes only to a vault.

use errors::{Code, Error, Result};
use url::{Host, Url};

use crate::cloud::Cloud;
use crate::http::{Network, transport_error};

const API_VERSION: &str = "2025-07-01";

/// Whether `url` is a vault address of `cloud` (`https://{name}{suffix}/`) or a loopback one
/// (a local vault).
pub fn is_vault_url(cloud: Cloud, url: &Url) -> bool {
    if url.scheme() != "https" {
        return false;
    }
    match url.host() {
        Some(Host::Domain(name)) => {
            let name = name.to_ascii_lowercase();
            let suffix = cloud.endpoints_with(&Default::default()).vault_suffix;
            name == "localhost"
                || name
                    .strip_suffix(suffix)
                    .is_some_and(|label| !label.is_empty() && !label.contains('.'))
        }
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// The tenant id (or domain) of the vault at `url`, with the environment's HTTP client.
pub async fn vault_tenant(cloud: Cloud, url: &str) -> Result<String> {
    vault_tenant_with(&Network::from_env()?.http, cloud, url).await
}

/// The tenant of the vault at `url`, asked through `http`.
pub async fn vault_tenant_with(http: &reqwest::Client, cloud: Cloud, url: &str) -> Result<String> {
    let parsed = Url::parse(url.trim())
        .ok()
        .filter(|u| is_vault_url(cloud, u))
        .ok_or_else(|| not_a_vault_url(cloud, url))?;
    let host = parsed.host_str().unwrap_or_default().to_string();
    let mut probe = parsed;
    probe.set_path("/certificates");
    probe.set_query(Some(&format!("api-version={API_VERSION}")));
    probe.set_fragment(None);
    let response = http
        .get(probe)
        .send()
        .await
        .map_err(|err| transport_error(&err, &host))?;
    let status = response.status();
    let challenge = response
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .and_then(tenant_of_challenge);
    match (status.as_u16(), challenge) {
        (401, Some(tenant)) => Ok(tenant),
        _ => Err(Error::new(
            Code::InvalidVaultUrl,
            format!("{host} did not answer like a key vault (HTTP {status}, no sign-in challenge naming a tenant)."),
        )
        .with_hint("Check the vault URL: it is the vault's \"Vault URI\" in the Azure portal.")),
    }
}

fn not_a_vault_url(cloud: Cloud, url: &str) -> Error {
    let suffix = cloud.endpoints_with(&Default::default()).vault_suffix;
    Error::new(
        Code::InvalidVaultUrl,
        format!("\"{url}\" is not a key vault address in {cloud}."),
    )
    .with_hint(format!(
        "A vault's address looks like https://NAME{suffix}/ (its \"Vault URI\" in the Azure portal)."
    ))
}

/// The tenant in a bearer challenge's `authorization` (or `authorization_uri`) parameter: the
/// authority URL's first path segment.
fn tenant_of_challenge(header: &str) -> Option<String> {
    let params = header.trim().strip_prefix("Bearer")?;
    params
        .split(',')
        .filter_map(|param| param.split_once('='))
        .find(|(key, _)| matches!(key.trim(), "authorization" | "authorization_uri"))
        .and_then(|(_, value)| Url::parse(value.trim().trim_matches('"')).ok())
        .and_then(|authority| {
            let tenant = authority
                .path_segments()?
                .find(|s| !s.is_empty())?
                .to_string();
            let plausible = tenant
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
            plausible.then_some(tenant)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tenant_is_the_authority_path_of_either_parameter_name() {
        assert_eq!(
            tenant_of_challenge(
                r#"Bearer authorization="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net""#
            )
            .as_deref(),
            Some("72f988bf-86f1-41af-91ab-2d7cd011db47")
        );
        assert_eq!(
            tenant_of_challenge(
                r#"Bearer authorization_uri="https://login.windows.net/contoso.com/""#
            )
            .as_deref(),
            Some("contoso.com")
        );
        assert_eq!(
            tenant_of_challenge(r#"Bearer authorization="https://login.windows.net/""#),
            None
        );
        assert_eq!(tenant_of_challenge(r#"Basic realm="x""#), None);
    }

    #[test]
    fn only_the_clouds_vault_hosts_and_loopback_are_vault_urls() {
        let yes = |cloud, url: &str| is_vault_url(cloud, &Url::parse(url).unwrap());
        assert!(yes(Cloud::AzurePublic, "https://kv-prod.vault.azure.net/"));
        assert!(yes(Cloud::AzurePublic, "https://KV.Vault.Azure.Net"));
        assert!(yes(Cloud::AzureChina, "https://kv.vault.azure.cn/"));
        assert!(yes(Cloud::AzurePublic, "https://127.0.0.1:8443/"));
        assert!(yes(Cloud::AzurePublic, "https://localhost:8443/"));
        assert!(!yes(Cloud::AzureChina, "https://kv.vault.azure.net/"));
        assert!(!yes(Cloud::AzurePublic, "https://vault.azure.net/"));
        assert!(!yes(
            Cloud::AzurePublic,
            "https://evil.com/.vault.azure.net/"
        ));
        assert!(!yes(Cloud::AzurePublic, "https://a.b.vault.azure.net/"));
        assert!(!yes(Cloud::AzurePublic, "http://kv.vault.azure.net/"));
    }
}
