//! Which vault a command works on, and how to sign in to it: `--vault-url URL
//! [--credential …]`, or a vault of a running local vault (`--local-data-dir DIR --vault NAME`).

use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, ValueEnum};
use errors::{Code, Error};
use vault::{CredentialKind, VaultConnection, VaultEntry, VaultId, served_vault_url};

#[derive(Args)]
#[command(group(ArgGroup::new("target").required(true).args(["vault_url", "vault"])))]
pub struct VaultTarget {
    /// The vault's URL, e.g. https://contoso.vault.azure.net/
    #[arg(long, value_name = "URL", conflicts_with = "vault")]
    vault_url: Option<String>,
    /// How to sign in to the vault at --vault-url.
    #[arg(long, value_enum, default_value_t = Credential::DeveloperTools, conflicts_with = "local_data_dir")]
    credential: Credential,
    /// A local vault's data directory: sign in with its token and trust its CA.
    #[arg(long, value_name = "DIR")]
    local_data_dir: Option<PathBuf>,
    /// A vault of the local vault running on --local-data-dir (`certdeck-cli local-vault serve`).
    #[arg(long, value_name = "NAME", requires = "local_data_dir")]
    vault: Option<String>,
}

/// Azure credentials for `--vault-url`.
#[derive(Clone, Copy, ValueEnum)]
enum Credential {
    /// The Azure CLI, then the Azure Developer CLI.
    DeveloperTools,
    /// The Azure CLI.
    AzureCli,
    /// The machine's (system-assigned) managed identity.
    ManagedIdentity,
}

impl From<Credential> for CredentialKind {
    fn from(credential: Credential) -> Self {
        match credential {
            Credential::DeveloperTools => CredentialKind::DeveloperTools,
            Credential::AzureCli => CredentialKind::AzureCli { tenant_id: None },
            Credential::ManagedIdentity => CredentialKind::ManagedIdentity { client_id: None },
        }
    }
}

impl VaultTarget {
    /// Opens the vault through crates/vault, as the app does.
    pub async fn connect(&self) -> Result<VaultConnection, Error> {
        let entry = match (&self.vault_url, &self.local_data_dir, &self.vault) {
            (Some(url), Some(dir), _) => entry(url, url, local_credential(dir)),
            (Some(url), None, _) => entry(url, url, self.credential.into()),
            (None, Some(dir), Some(name)) => {
                let url = served_vault_url(dir, name).await?;
                entry(name, &url, local_credential(dir))
            }
            _ => {
                return Err(Error::new(
                    Code::InvalidInput,
                    "Name the vault: --vault-url URL, or --local-data-dir DIR --vault NAME.",
                ));
            }
        };
        VaultConnection::open(&entry)
    }
}

fn entry(name: &str, url: &str, credential: CredentialKind) -> VaultEntry {
    VaultEntry {
        id: VaultId(0),
        name: name
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_owned(),
        url: url.to_owned(),
        credential,
        color: None,
        local_name: None,
    }
}

fn local_credential(dir: &Path) -> CredentialKind {
    CredentialKind::LocalVault {
        data_dir: dir.to_owned(),
    }
}

/// Prints an error on stderr: text (code, message, hint) or one JSON object with `--json`.
pub fn report(error: &Error, json: bool) {
    if json {
        eprintln!("{}", serde_json::json!({ "error": error }));
    } else {
        eprintln!("error ({:?}): {}", error.code, error.message);
        if let Some(hint) = &error.hint {
            eprintln!("hint: {hint}");
        }
    }
}

/// Runs `work` on a fresh runtime; a failure is reported on stderr and exits with code 1.
pub fn run<T>(json: bool, work: impl Future<Output = Result<T, Error>>) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Runtime::new()?;
    let result = runtime.block_on(work);
    drop(runtime);
    result.or_else(|error| {
        report(&error, json);
        std::process::exit(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_are_the_vault_host() {
        let e = entry(
            "https://contoso.vault.azure.net/",
            "https://contoso.vault.azure.net/",
            CredentialKind::DeveloperTools,
        );
        assert_eq!(e.name, "contoso.vault.azure.net");
    }
}
