//! `certdeck-cli`: the command-line face of CertDeck's crates.

mod accounts_cmd;
mod app_host;
mod convert_cmd;
mod inspect_cmd;
mod list_cmd;
mod local_vault_cmd;
mod policy_cmd;
mod report_text;
mod target;
mod vaults_cmd;

use clap::{Parser, Subcommand};

/// `0.1.0 (abc1234)`: the workspace version and the commit, as the app's About says them.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("CERTDECK_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(name = "certdeck-cli", version = VERSION, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Key Vault-compatible local vault.
    #[command(subcommand)]
    LocalVault(local_vault_cmd::LocalVaultCommand),
    /// Inspect a certificate file: contents, chain, Key Vault verdict.
    Inspect(inspect_cmd::InspectArgs),
    /// Convert or repair a certificate file into what Key Vault imports.
    Convert(convert_cmd::ConvertArgs),
    /// List a vault's certificates (name, status, expiry, thumbprint), streamed page by page.
    List(list_cmd::ListArgs),
    /// Read or write a certificate's policy as JSON.
    #[command(subcommand)]
    Policy(policy_cmd::PolicyCommand),
    /// Accounts signed in from CertDeck (shared with the app): login, list, logout.
    #[command(subcommand)]
    Accounts(accounts_cmd::AccountsCommand),
    /// The app's vault list: discover an account's vaults, add vaults by URL.
    #[command(subcommand)]
    Vaults(vaults_cmd::VaultsCommand),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::LocalVault(command) => local_vault_cmd::run(command),
        Command::Inspect(args) => inspect_cmd::run(args),
        Command::Convert(args) => convert_cmd::run(args),
        Command::List(args) => list_cmd::run(args),
        Command::Policy(command) => policy_cmd::run(command),
        Command::Accounts(command) => accounts_cmd::run(command),
        Command::Vaults(command) => vaults_cmd::run(command),
    }
}
