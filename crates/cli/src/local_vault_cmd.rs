//! `certdeck-cli local-vault serve`: run the local vault standalone until SIGINT/SIGTERM.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};
use local_vault::{Config, LocalVault, VaultSettings};
use vault::SERVE_FILE;

/// `local-vault` subcommands.
#[derive(Subcommand)]
pub enum LocalVaultCommand {
    /// Serve vaults over HTTPS on 127.0.0.1; prints one JSON line once they accept connections.
    Serve(ServeArgs),
}

/// Options of `local-vault serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Data directory (CA, token, database); created with mode 0700. While serving, its
    /// `serve.json` tells `certdeck-cli list --local-data-dir` where the vaults listen.
    #[arg(long)]
    data_dir: PathBuf,
    /// A vault to serve (repeatable); default `local`.
    #[arg(long = "vault")]
    vaults: Vec<String>,
    /// First port (then N+1, …); default: chosen by the OS.
    #[arg(long)]
    port: Option<u16>,
    /// Delay before asynchronous creates and signings complete, in milliseconds.
    #[arg(long, default_value_t = 1000)]
    operation_delay_ms: u64,
    /// How long deletions and recoveries take to settle, in milliseconds (Key Vault's are
    /// asynchronous); 0 settles them at once.
    #[arg(long, default_value_t = 0)]
    deletion_delay_ms: u64,
    /// Soft-delete retention of the vaults this creates, 7–90 days; default 90.
    #[arg(long)]
    retention_days: Option<i64>,
    /// Recovery level of the vaults this creates: Purgeable (soft delete off),
    /// Recoverable+Purgeable (default), Recoverable (purge protection), or their
    /// CustomizedRecoverable forms with --retention-days under 90.
    #[arg(long)]
    recovery_level: Option<String>,
}

/// Runs a `local-vault` subcommand.
pub fn run(command: LocalVaultCommand) -> anyhow::Result<()> {
    match command {
        LocalVaultCommand::Serve(args) => tokio::runtime::Runtime::new()?.block_on(serve(args)),
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let vaults = if args.vaults.is_empty() {
        vec!["local".to_string()]
    } else {
        args.vaults
    };
    let server = LocalVault::start(Config {
        data_dir: args.data_dir.clone(),
        vaults,
        first_port: args.port,
        operation_delay: Duration::from_millis(args.operation_delay_ms),
        deletion_delay: Duration::from_millis(args.deletion_delay_ms),
        vault_settings: VaultSettings {
            retention_days: args.retention_days,
            recovery_level: args.recovery_level,
        },
    })
    .await?;
    let ready = serde_json::json!({
        "vaults": server.vaults(),
        "ca_file": server.ca_file(),
        "token_file": server.token_file(),
    });
    // Where `certdeck-cli list --local-data-dir` finds this process's admin API.
    let serve_file = args.data_dir.join(SERVE_FILE);
    write_atomically(&serve_file, format!("{ready}\n").as_bytes())?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{ready}")?;
    stdout.flush()?;
    drop(stdout);
    let signal = shutdown_signal().await;
    let _ = std::fs::remove_file(&serve_file);
    server.shutdown().await;
    signal
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

async fn shutdown_signal() -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result?,
        _ = term.recv() => {}
    }
    Ok(())
}
