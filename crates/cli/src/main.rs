//! `certdeck-cli`: the command-line face of CertDeck's crates.

mod local_vault_cmd;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "certdeck-cli", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Key Vault-compatible local vault.
    #[command(subcommand)]
    LocalVault(local_vault_cmd::LocalVaultCommand),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::LocalVault(command) => local_vault_cmd::run(command),
    }
}
