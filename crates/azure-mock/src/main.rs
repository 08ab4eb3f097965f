//! `certdeck-azure-mock CONFIG.json`: serves the mock, prints `{"url":…,"ca_file":…}` on one
//! line, and serves until killed (SIGINT or SIGTERM stop it cleanly, removing the CA file).

use anyhow::Context;
use azure_mock::{Config, MockAzure};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .context("usage: certdeck-azure-mock CONFIG.json")?;
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("reading {}", path.to_string_lossy()))?;
    let config: Config = serde_json::from_str(&text)
        .with_context(|| format!("parsing {}", path.to_string_lossy()))?;
    let running = MockAzure::start(config).await?;
    println!(
        "{}",
        serde_json::json!({ "url": running.url, "ca_file": running.ca_file })
    );
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    running.shutdown().await;
    Ok(())
}
