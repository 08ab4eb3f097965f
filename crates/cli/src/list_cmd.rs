//! `certdeck-cli list`: a vault's certificates, streamed page by page through crates/vault.

use std::io::Write;

use clap::Args;
use errors::Error;
use futures::StreamExt;
use vault::{CertificateStatus, CertificateSummary, list_certificates};

use crate::target::{self, VaultTarget};

/// Options of `list`.
#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    target: VaultTarget,
    /// One JSON object per certificate and line, instead of a table.
    #[arg(long)]
    json: bool,
}

/// Runs `list`; failures are printed on stderr (code, message, hint) and exit with code 1.
pub fn run(args: ListArgs) -> anyhow::Result<()> {
    target::run(args.json, list(&args))
}

async fn list(args: &ListArgs) -> Result<(), Error> {
    let vault = args.target.connect().await?;
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
}
