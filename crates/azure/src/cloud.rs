//! The Azure clouds an account can live in, and the endpoints of each: where to sign in
//! (authority host), the control plane (ARM), the vault DNS suffix and the token scopes.
//! `CERTDECK_AUTHORITY_HOST` and `CERTDECK_ARM_ENDPOINT` point every cloud elsewhere (tests
//! serve both from a local mock), like the Azure SDKs' `AZURE_AUTHORITY_HOST`.

use std::fmt;
use std::str::FromStr;

use errors::{Code, Error, Result};
use serde::{Deserialize, Serialize};
use url::Url;

pub const AUTHORITY_HOST_ENV: &str = "CERTDECK_AUTHORITY_HOST";
pub const ARM_ENDPOINT_ENV: &str = "CERTDECK_ARM_ENDPOINT";

/// An Azure cloud, chosen per account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    #[default]
    AzurePublic,
    AzureUsGovernment,
    AzureChina,
}

/// Where a cloud's services are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Entra ID, e.g. `https://login.microsoftonline.com/` (always ends with `/`).
    pub authority_host: Url,
    /// Azure Resource Manager, e.g. `https://management.azure.com/` (always ends with `/`).
    pub arm: Url,
    /// The DNS suffix of the cloud's vaults, with its leading dot.
    pub vault_suffix: &'static str,
    /// The scope of ARM tokens: `{arm}/.default`.
    pub arm_scope: String,
    /// The scope of Key Vault tokens.
    pub vault_scope: String,
}

impl Endpoints {
    /// `{authority_host}/{tenant}/oauth2/v2.0/{endpoint}` (`authorize`, `token`, `devicecode`).
    pub fn oauth(&self, tenant: &str, endpoint: &str) -> Result<Url> {
        self.authority_host
            .join(&format!("{tenant}/oauth2/v2.0/{endpoint}"))
            .map_err(|err| Error::internal(format!("authority URL for {tenant}: {err}")))
    }
}

/// Endpoints that replace every cloud's own (for tests and private mirrors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub authority_host: Option<Url>,
    pub arm: Option<Url>,
}

impl Overrides {
    /// The overrides `CERTDECK_AUTHORITY_HOST` and `CERTDECK_ARM_ENDPOINT` set, if any.
    pub fn from_env() -> Result<Self> {
        Self::parse(
            std::env::var(AUTHORITY_HOST_ENV).ok().as_deref(),
            std::env::var(ARM_ENDPOINT_ENV).ok().as_deref(),
        )
    }

    /// Overrides from the two variables' values (empty means unset).
    pub fn parse(authority_host: Option<&str>, arm: Option<&str>) -> Result<Self> {
        Ok(Self {
            authority_host: parse_override(AUTHORITY_HOST_ENV, authority_host)?,
            arm: parse_override(ARM_ENDPOINT_ENV, arm)?,
        })
    }
}

fn parse_override(name: &str, value: Option<&str>) -> Result<Option<Url>> {
    let Some(value) = value.map(str::trim).filter(|value| !value.is_empty()) else {
        return Ok(None);
    };
    let invalid = |why: String| {
        Error::new(
            Code::InvalidInput,
            format!("{name} is not a usable endpoint ({value}): {why}."),
        )
        .with_hint(format!(
            "Set {name} to an https URL such as https://localhost:8443/, or unset it."
        ))
    };
    let url = Url::parse(value).map_err(|err| invalid(err.to_string()))?;
    if url.scheme() != "https" {
        return Err(invalid("only https is allowed, tokens travel there".into()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it has a query or fragment".into()));
    }
    Ok(Some(with_trailing_slash(url)))
}

/// A base URL that `Url::join` extends instead of replacing its last path segment.
fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

impl Cloud {
    pub const ALL: [Cloud; 3] = [
        Cloud::AzurePublic,
        Cloud::AzureUsGovernment,
        Cloud::AzureChina,
    ];

    /// This cloud's endpoints, with the environment's overrides applied.
    pub fn endpoints(self) -> Result<Endpoints> {
        Ok(self.endpoints_with(&Overrides::from_env()?))
    }

    /// This cloud's endpoints with `overrides` applied (tests pass theirs explicitly).
    pub fn endpoints_with(self, overrides: &Overrides) -> Endpoints {
        let (authority, arm, vault_suffix, vault_scope) = match self {
            Cloud::AzurePublic => (
                "https://login.microsoftonline.com/",
                "https://management.azure.com/",
                ".vault.azure.net",
                "https://vault.azure.net/.default",
            ),
            Cloud::AzureUsGovernment => (
                "https://login.microsoftonline.us/",
                "https://management.usgovcloudapi.net/",
                ".vault.usgovcloudapi.net",
                "https://vault.usgovcloudapi.net/.default",
            ),
            Cloud::AzureChina => (
                "https://login.chinacloudapi.cn/",
                "https://management.chinacloudapi.cn/",
                ".vault.azure.cn",
                "https://vault.azure.cn/.default",
            ),
        };
        let builtin = |url: &str| Url::parse(url).expect("built-in endpoints are valid URLs");
        let authority_host = overrides
            .authority_host
            .clone()
            .unwrap_or_else(|| builtin(authority));
        let arm = overrides.arm.clone().unwrap_or_else(|| builtin(arm));
        let arm_scope = format!("{}/.default", arm.as_str().trim_end_matches('/'));
        Endpoints {
            authority_host,
            arm,
            vault_suffix,
            arm_scope,
            vault_scope: vault_scope.to_owned(),
        }
    }

    /// The name the CLI and the config use (`azure_public`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::AzurePublic => "azure_public",
            Cloud::AzureUsGovernment => "azure_us_government",
            Cloud::AzureChina => "azure_china",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cloud::AzurePublic => "Azure",
            Cloud::AzureUsGovernment => "Azure US Government",
            Cloud::AzureChina => "Azure China",
        })
    }
}

impl FromStr for Cloud {
    type Err = Error;

    /// The config names, plus the short ones a CLI user types (`public`, `usgov`, `china`).
    fn from_str(value: &str) -> Result<Self> {
        let key = value.trim().to_ascii_lowercase().replace('-', "_");
        match key.as_str() {
            "azure_public" | "public" | "azurecloud" => Ok(Cloud::AzurePublic),
            "azure_us_government" | "usgov" | "us_government" | "azureusgovernment" => {
                Ok(Cloud::AzureUsGovernment)
            }
            "azure_china" | "china" | "azurechinacloud" => Ok(Cloud::AzureChina),
            _ => Err(
                Error::new(Code::InvalidInput, format!("Unknown cloud \"{value}\"."))
                    .with_hint("Use azure_public, azure_us_government or azure_china."),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_has_its_own_endpoints_and_vault_suffix() {
        let none = Overrides::default();
        let public = Cloud::AzurePublic.endpoints_with(&none);
        assert_eq!(
            public.authority_host.as_str(),
            "https://login.microsoftonline.com/"
        );
        assert_eq!(public.arm_scope, "https://management.azure.com/.default");
        assert_eq!(public.vault_suffix, ".vault.azure.net");
        assert_eq!(public.vault_scope, "https://vault.azure.net/.default");
        let gov = Cloud::AzureUsGovernment.endpoints_with(&none);
        assert_eq!(
            gov.authority_host.as_str(),
            "https://login.microsoftonline.us/"
        );
        assert_eq!(
            gov.arm_scope,
            "https://management.usgovcloudapi.net/.default"
        );
        assert_eq!(gov.vault_suffix, ".vault.usgovcloudapi.net");
        assert_eq!(gov.vault_scope, "https://vault.usgovcloudapi.net/.default");
        let china = Cloud::AzureChina.endpoints_with(&none);
        assert_eq!(
            china.authority_host.as_str(),
            "https://login.chinacloudapi.cn/"
        );
        assert_eq!(china.arm.as_str(), "https://management.chinacloudapi.cn/");
        assert_eq!(china.vault_suffix, ".vault.azure.cn");
        assert_eq!(china.vault_scope, "https://vault.azure.cn/.default");
    }

    #[test]
    fn overrides_replace_authority_and_arm_for_every_cloud() {
        let overrides = Overrides::parse(
            Some("https://127.0.0.1:4443/mock"),
            Some(" https://127.0.0.1:4443 "),
        )
        .unwrap();
        for cloud in Cloud::ALL {
            let endpoints = cloud.endpoints_with(&overrides);
            assert_eq!(
                endpoints.authority_host.as_str(),
                "https://127.0.0.1:4443/mock/"
            );
            assert_eq!(endpoints.arm.as_str(), "https://127.0.0.1:4443/");
            assert_eq!(endpoints.arm_scope, "https://127.0.0.1:4443/.default");
            assert_eq!(
                endpoints.oauth("contoso.com", "token").unwrap().as_str(),
                "https://127.0.0.1:4443/mock/contoso.com/oauth2/v2.0/token"
            );
        }
        // The vault side is not overridden: local vaults are reached by their own URLs.
        assert_eq!(
            Cloud::AzureChina.endpoints_with(&overrides).vault_suffix,
            ".vault.azure.cn"
        );
        assert_eq!(
            Overrides::parse(Some(""), None).unwrap(),
            Overrides::default()
        );
    }

    #[test]
    fn unusable_overrides_are_refused_naming_the_variable() {
        for (authority, arm, named) in [
            (Some("http://127.0.0.1:80/"), None, AUTHORITY_HOST_ENV),
            (None, Some("not a url"), ARM_ENDPOINT_ENV),
            (None, Some("https://host/?x=1"), ARM_ENDPOINT_ENV),
        ] {
            let err = Overrides::parse(authority, arm).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput);
            assert!(err.message.contains(named), "{}", err.message);
            assert!(err.hint.is_some());
        }
    }

    #[test]
    fn clouds_parse_from_config_and_short_names() {
        for cloud in Cloud::ALL {
            assert_eq!(cloud.as_str().parse::<Cloud>().unwrap(), cloud);
            let json = serde_json::to_string(&cloud).unwrap();
            assert_eq!(json, format!("\"{}\"", cloud.as_str()));
        }
        assert_eq!("usgov".parse::<Cloud>().unwrap(), Cloud::AzureUsGovernment);
        assert_eq!("China".parse::<Cloud>().unwrap(), Cloud::AzureChina);
        assert_eq!(
            "moon".parse::<Cloud>().unwrap_err().code,
            Code::InvalidInput
        );
    }
}
