//! `certdeck-cli list`: a vault's certificates, streamed page by page through crates/vault.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{ArgGroup, Args, ValueEnum};
use futures::StreamExt;
use serde::Deserialize;
use vault::{
    CertificateStatus, CertificateSummary, CredentialKind, ErrorCode, VaultConnection, VaultEntry,
    VaultError, VaultId, list_certificates,
};

use crate::local_vault_cmd::SERVE_FILE;

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

async fn list(args: &ListArgs) -> Result<(), VaultError> {
    let entry = match (&args.vault_url, &args.local_data_dir, &args.vault) {
        (Some(url), Some(dir), _) => entry(url, url, local_credential(dir)),
        (Some(url), None, _) => entry(url, url, args.credential.into()),
        (None, Some(dir), Some(name)) => {
            let url = local_vault_url(dir, name).await?;
            entry(name, &url, local_credential(dir))
        }
        _ => {
            return Err(VaultError::new(
                ErrorCode::InvalidInput,
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
fn report(error: &VaultError, json: bool) {
    if json {
        eprintln!("{}", serde_json::json!({ "error": error }));
    } else {
        eprintln!("error ({:?}): {}", error.code, error.message);
        if let Some(hint) = &error.hint {
            eprintln!("hint: {hint}");
        }
    }
}

#[derive(Deserialize)]
struct Served {
    vaults: Vec<Endpoint>,
}

#[derive(Deserialize)]
struct Endpoint {
    name: String,
    url: String,
}

/// The URL of vault `name` of the local vault serving `dir`, from its admin API (found
/// through `DIR/serve.json`); its database is never opened here.
async fn local_vault_url(dir: &Path, name: &str) -> Result<String, VaultError> {
    let not_running = |detail: String| {
        VaultError::new(
            ErrorCode::Offline,
            format!("No local vault is running on {}: {detail}", dir.display()),
        )
        .with_hint(format!(
            "Start it with `certdeck-cli local-vault serve --data-dir {}`, or pass the vault's URL with --vault-url.",
            dir.display()
        ))
    };
    let serve_file = dir.join(SERVE_FILE);
    let served: Served = match std::fs::read(&serve_file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
            VaultError::new(
                ErrorCode::Io,
                format!("{} is unreadable: {err}", serve_file.display()),
            )
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(not_running(format!(
                "{} does not exist",
                serve_file.display()
            )));
        }
        Err(err) => {
            return Err(VaultError::new(
                ErrorCode::Io,
                format!("Could not read {}: {err}", serve_file.display()),
            ));
        }
    };
    let admin = served
        .vaults
        .first()
        .ok_or_else(|| not_running(format!("{} lists no vault", serve_file.display())))?;
    let http = local_http(dir)?;
    let token = std::fs::read_to_string(dir.join("token")).map_err(|err| {
        VaultError::new(
            ErrorCode::NotSignedIn,
            format!("Could not read the local vault's token: {err}"),
        )
    })?;
    let url = format!("{}_certdeck/vaults", admin.url);
    let response = http
        .get(&url)
        .bearer_auth(token.trim())
        .send()
        .await
        .map_err(|err| not_running(format!("{url}: {}", deepest(&err))))?;
    let status = response.status();
    let body = response.bytes().await.unwrap_or_default();
    if !status.is_success() {
        return Err(VaultError::new(
            ErrorCode::Service,
            format!(
                "The local vault's admin API answered {status}: {}",
                String::from_utf8_lossy(&body)
            ),
        ));
    }
    #[derive(Deserialize)]
    struct Listed {
        value: Vec<Endpoint>,
    }
    let listed: Listed = serde_json::from_slice(&body).map_err(|err| {
        VaultError::new(
            ErrorCode::Service,
            format!("The local vault's vault list is unreadable: {err}"),
        )
    })?;
    let names: Vec<&str> = listed.value.iter().map(|v| v.name.as_str()).collect();
    listed
        .value
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(name))
        .map(|v| v.url.clone())
        .ok_or_else(|| {
            VaultError::new(
                ErrorCode::NotFound,
                format!(
                    "The local vault on {} has no vault named {name}; it serves: {}.",
                    dir.display(),
                    names.join(", ")
                ),
            )
            .with_hint("Pick one of those, or add it with `local-vault serve --vault NAME`.")
        })
}

/// HTTPS trusting the local vault's CA, following no redirects (as crates/vault does).
fn local_http(dir: &Path) -> Result<reqwest::Client, VaultError> {
    let ca_file = dir.join("ca.pem");
    let tls = |detail: String| {
        VaultError::new(
            ErrorCode::Tls,
            format!(
                "The local vault's CA {} is unusable: {detail}",
                ca_file.display()
            ),
        )
    };
    let pem = std::fs::read(&ca_file).map_err(|err| tls(err.to_string()))?;
    let ca = reqwest::Certificate::from_pem(&pem).map_err(|err| tls(err.to_string()))?;
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([ca])
        .build()
        .map_err(|err| tls(err.to_string()))
}

fn deepest(err: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
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
