//! How CertDeck signs in to a vault. Azure vaults use `azure_identity` credentials; the
//! built-in local vault uses the bearer token kept in its data dir.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::time::{Duration, OffsetDateTime};
use azure_identity::{
    AzureCliCredential, AzureCliCredentialOptions, ClientSecretCredential,
    DeveloperToolsCredential, ManagedIdentityCredential, ManagedIdentityCredentialOptions,
    UserAssignedId,
};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::client_secret;
use crate::error::{Code, Error};

/// The credential a vault uses, as stored in the registry (never a secret itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CredentialKind {
    /// The Azure CLI, then the Azure Developer CLI: whoever is signed in there.
    DeveloperTools,
    /// The Azure CLI, optionally in a chosen tenant.
    AzureCli { tenant_id: Option<String> },
    /// An Entra app registration with a client secret, which lives in the OS keyring.
    ServicePrincipal {
        tenant_id: String,
        client_id: String,
    },
    /// The managed identity of the machine, optionally a user-assigned one by client id.
    ManagedIdentity { client_id: Option<String> },
    /// A CertDeck local vault: its token and CA live in `data_dir`.
    LocalVault { data_dir: PathBuf },
    /// An account signed in from CertDeck, in one of the tenants it reaches. Its tokens live
    /// in the app's encrypted account cache, so the app resolves it to a credential and opens
    /// the vault with [`crate::VaultConnection::with_transport`].
    Account { account: String, tenant_id: String },
}

impl CredentialKind {
    /// Builds the credential. Local vaults read their token file now, so a missing or
    /// unreadable data dir is reported when the vault is opened, not on the first call.
    pub fn build(&self) -> Result<Arc<dyn TokenCredential>, Error> {
        Ok(match self {
            CredentialKind::DeveloperTools => {
                azure_credential(DeveloperToolsCredential::new(None))?
            }
            CredentialKind::AzureCli { tenant_id } => {
                azure_credential(AzureCliCredential::new(Some(AzureCliCredentialOptions {
                    tenant_id: tenant_id.clone(),
                    ..Default::default()
                })))?
            }
            CredentialKind::ServicePrincipal {
                tenant_id,
                client_id,
            } => azure_credential(ClientSecretCredential::new(
                tenant_id,
                client_id.clone(),
                Secret::from(client_secret::load(tenant_id, client_id)?.to_string()),
                None,
            ))?,
            CredentialKind::ManagedIdentity { client_id } => azure_credential(
                ManagedIdentityCredential::new(Some(ManagedIdentityCredentialOptions {
                    user_assigned_id: client_id.clone().map(UserAssignedId::ClientId),
                    ..Default::default()
                })),
            )?,
            CredentialKind::LocalVault { data_dir } => Arc::new(LocalVaultToken::read(data_dir)?),
            CredentialKind::Account { account, .. } => {
                return Err(Error::internal(format!(
                    "The credential of account {account} comes from the app's accounts."
                )));
            }
        })
    }

    /// The local vault skips the challenge-resource check: 127.0.0.1 can never pass it.
    pub fn verifies_challenge_resource(&self) -> bool {
        !matches!(self, CredentialKind::LocalVault { .. })
    }
}

fn azure_credential<T: TokenCredential + 'static>(
    result: azure_core::Result<Arc<T>>,
) -> Result<Arc<dyn TokenCredential>, Error> {
    Ok(result.map_err(|err| {
        Error::new(
            Code::NotSignedIn,
            format!("Could not set up sign-in: {err}"),
        )
    })?)
}

/// The local vault's bearer token, read once from `DATA/token`.
pub struct LocalVaultToken(Zeroizing<String>);

impl std::fmt::Debug for LocalVaultToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LocalVaultToken(***)")
    }
}

impl LocalVaultToken {
    pub fn read(data_dir: &Path) -> Result<Self, Error> {
        let path = data_dir.join("token");
        let token = std::fs::read_to_string(&path).map_err(|err| {
            Error::new(
                Code::NotSignedIn,
                format!(
                    "Could not read the local vault's token {}: {err}",
                    path.display()
                ),
            )
            .with_hint("Start the local vault once so it creates its data dir, then retry.")
        })?;
        Ok(Self(Zeroizing::new(token.trim().to_owned())))
    }

    pub(crate) fn secret(&self) -> &str {
        &self.0
    }
}

#[async_trait::async_trait]
impl TokenCredential for LocalVaultToken {
    async fn get_token(
        &self,
        _scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        // Valid for a day: the SDK refreshes tokens expiring within 5 minutes on every call.
        Ok(AccessToken::new(
            self.0.as_str().to_owned(),
            OffsetDateTime::now_utc() + Duration::days(1),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_is_tagged_and_secret_free() {
        let kind = CredentialKind::AzureCli {
            tenant_id: Some("contoso.onmicrosoft.com".into()),
        };
        assert_eq!(
            serde_json::to_value(&kind).unwrap(),
            serde_json::json!({"kind": "azure_cli", "tenant_id": "contoso.onmicrosoft.com"})
        );
        assert!(kind.verifies_challenge_resource());
        assert!(
            !CredentialKind::LocalVault {
                data_dir: "/x".into()
            }
            .verifies_challenge_resource()
        );
    }

    #[test]
    fn an_account_is_stored_by_ids_and_resolved_by_the_app() {
        let kind = CredentialKind::Account {
            account: "oid.tid".into(),
            tenant_id: "tid".into(),
        };
        let stored = serde_json::to_value(&kind).unwrap();
        assert_eq!(
            stored,
            serde_json::json!({"kind": "account", "account": "oid.tid", "tenant_id": "tid"})
        );
        assert_eq!(
            serde_json::from_value::<CredentialKind>(stored).unwrap(),
            kind
        );
        assert!(kind.verifies_challenge_resource());
        assert_eq!(kind.build().unwrap_err().code, Code::Internal);
    }

    #[test]
    fn a_missing_local_token_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let err = CredentialKind::LocalVault {
            data_dir: dir.path().to_owned(),
        }
        .build()
        .unwrap_err();
        assert_eq!(err.code, Code::NotSignedIn);
        assert!(err.hint.unwrap().contains("Start the local vault"));
    }

    #[test]
    fn local_token_is_trimmed_and_hidden_from_debug() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("token"), "s3cr3t\n").unwrap();
        let token = LocalVaultToken::read(dir.path()).unwrap();
        assert_eq!(token.0.as_str(), "s3cr3t");
        assert!(!format!("{token:?}").contains("s3cr3t"));
    }
}
