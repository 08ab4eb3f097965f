//! `certdeck-cli list`: a vault's certificates, streamed page by page through crates/vault.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, ValueEnum};
use errors::{Code, Error};
use futures::StreamExt;
use vault::{
    CertificateStatus, CertificateSummary, CredentialKind, VaultConnection, VaultEntry, VaultId,
    list_certificates, served_vault_url,
};

/// Options of `list`.
#[derive(Args)]
#[command(group(ArgGroup::new("target").required(true).args(["vault_url", "vault"])))]
pub struct ListArgs {
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
    /// One JSON object per certificate and line, instead of a table.
    #[arg(long)]
    json: bool,
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

/// Runs `list`; failures are printed on stderr (code, message, hint) and exit with code 1.
pub fn run(args: ListArgs) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    let result = runtime.block_on(list(&args));
    drop(runtime);
    match result {
        Ok(()) => Ok(()),
        Err(error) => {
            report(&error, args.json);
            std::process::exit(1)
        }
    }
}

async fn list(args: &ListArgs) -> Result<(), Error> {
    let entry = match (&args.vault_url, &args.local_data_dir, &args.vault) {
        (Some(url), Some(dir), _) => entry(url, url, local_credential(dir)),
        (Some(url), None, _) => entry(url, url, args.credential.into()),
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
    let vault = VaultConnection::open(&entry)?;
    let mut out = Output::new(args.json);
    let mut pages = list_certificates(&vault);
    while let Some(page) = pages.next().await {
        if !out.page(&page?) {
            // The reader went away (`| head`): dropping the stream stops the listing.
            return Ok(());
        }
    }
    out.finish();
    Ok(())
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

/// Writes rows to stdout as they arrive, flushing after each page.
struct Output {
    json: bool,
    header_done: bool,
    rows: usize,
}

impl Output {
    fn new(json: bool) -> Self {
        Self {
            json,
            header_done: json,
            rows: 0,
        }
    }

    /// Prints a page; false once stdout is closed.
    fn page(&mut self, page: &[CertificateSummary]) -> bool {
        let mut text = String::new();
        if !self.header_done {
            self.header_done = true;
            text.push_str(&row("NAME", "STATUS", "EXPIRES", "THUMBPRINT"));
        }
        for cert in page {
            if self.json {
                let line = serde_json::to_string(cert).expect("summaries always serialize");
                text.push_str(&line);
                text.push('\n');
            } else {
                text.push_str(&row(
                    &cert.name,
                    status_text(cert.status),
                    &cert.expires.map_or_else(|| "-".to_owned(), date),
                    cert.thumbprint.as_deref().unwrap_or("-"),
                ));
            }
        }
        self.rows += page.len();
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .is_ok()
    }

    fn finish(&mut self) {
        if self.rows == 0 && !self.json {
            self.page(&[]);
            eprintln!("No certificates.");
        }
    }
}

fn row(name: &str, status: &str, expires: &str, thumbprint: &str) -> String {
    format!("{name:<40} {status:<12} {expires:<10} {thumbprint}\n")
}

fn status_text(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Expired => "Expired",
        CertificateStatus::ExpiresSoon => "Expires soon",
        CertificateStatus::Pending => "Pending",
        CertificateStatus::Disabled => "Disabled",
        CertificateStatus::Healthy => "Healthy",
    }
}

/// Unix seconds as `YYYY-MM-DD` (UTC).
fn date(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|t| t.date().to_string())
        .unwrap_or_else(|_| unix.to_string())
}

/// Prints an error on stderr: text (code, message, hint) or one JSON object with `--json`.
fn report(error: &Error, json: bool) {
    if json {
        eprintln!("{}", serde_json::json!({ "error": error }));
    } else {
        eprintln!("error ({:?}): {}", error.code, error.message);
        if let Some(hint) = &error.hint {
            eprintln!("hint: {hint}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_line_up_and_dates_are_utc_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(4_102_444_799), "2099-12-31");
        let line = row("web", "Expires soon", "2030-01-01", "AB");
        assert_eq!(&line[41..53], "Expires soon");
        assert_eq!(&line[54..64], "2030-01-01");
        assert!(line.ends_with(" AB\n"));
    }

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
