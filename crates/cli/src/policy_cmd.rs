//! `certdeck-cli policy get|set`: a certificate's policy as JSON (CertDeck's policy model, the
//! one the app edits), read and written through crates/vault.

use std::io::Read;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use errors::{Code, Error};
use vault::CertificatePolicy;

use crate::target::{self, VaultTarget};

#[derive(Subcommand)]
pub enum PolicyCommand {
    /// Print a certificate's policy as JSON.
    Get(GetArgs),
    /// Replace a certificate's policy with a JSON file's, then print what the vault stored;
    /// fields it stored otherwise than sent are listed on stderr.
    Set(SetArgs),
}

#[derive(Args)]
pub struct GetArgs {
    #[command(flatten)]
    target: VaultTarget,
    /// The certificate's name.
    name: String,
}

#[derive(Args)]
pub struct SetArgs {
    #[command(flatten)]
    target: VaultTarget,
    /// The certificate's name.
    name: String,
    /// The policy as JSON (as `policy get` prints it); `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    file: PathBuf,
}

/// Runs `policy`; failures are printed on stderr as JSON and exit with code 1.
pub fn run(command: PolicyCommand) -> anyhow::Result<()> {
    let stored = match command {
        PolicyCommand::Get(args) => target::run(true, get(args))?,
        PolicyCommand::Set(args) => target::run(true, set(args))?,
    };
    println!("{}", serde_json::to_string_pretty(&stored)?);
    Ok(())
}

async fn get(args: GetArgs) -> Result<CertificatePolicy, Error> {
    args.target.connect().await?.policy(&args.name).await
}

async fn set(args: SetArgs) -> Result<CertificatePolicy, Error> {
    let sent = read_policy(&args.file)?;
    let vault = args.target.connect().await?;
    vault.update_policy(&args.name, &sent).await?;
    let stored = vault.policy(&args.name).await?;
    for change in policy::diff(&sent, &stored) {
        eprintln!(
            "stored differently: {} ({}): sent {}, stored {}",
            change.label, change.field, change.before, change.after
        );
    }
    Ok(stored)
}

fn read_policy(file: &PathBuf) -> Result<CertificatePolicy, Error> {
    let mut text = String::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(drop)
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|err| Error::io("read", file, &err))?;
    serde_json::from_str(&text).map_err(|err| {
        Error::new(
            Code::InvalidInput,
            format!("{} is not a policy: {err}", file.display()),
        )
        .with_hint("Start from what `certdeck-cli policy get` prints.")
    })
}
