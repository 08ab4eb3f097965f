//! `certdeck-cli vaults discover|add`: an account's vaults through ARM, and adding vaults to
//! the app's list so that they sign in as that account.

use app::App;
use app::commands::{
    self, AccountArgs, AddAccountVaultArgs, CredentialKind, DiscoveredTenant, Discovery,
    TenantState,
};
use clap::{Args, Subcommand};
use errors::{Code, Error};

use crate::accounts_cmd::{self, SignInOptions};
use crate::app_host::{self, QUIET};
use crate::target;

#[derive(Subcommand)]
pub enum VaultsCommand {
    /// The vaults an account reaches: tenant → subscription → vault.
    Discover {
        #[command(flatten)]
        account: WhichAccount,
        /// The discovery as one JSON object instead of a tree.
        #[arg(long)]
        json: bool,
    },
    /// Add vaults by URL to the app's list, signing in to them as an account (each vault's
    /// tenant is read from its answer to one unauthenticated request).
    Add {
        #[command(flatten)]
        account: WhichAccount,
        #[arg(value_name = "URL", required = true)]
        urls: Vec<String>,
    },
}

/// Which account, or a sign-in first.
#[derive(Args)]
pub struct WhichAccount {
    /// The account's id (default: the only account signed in).
    #[arg(long, value_name = "ID", conflicts_with = "sign_in")]
    account: Option<String>,
    /// Sign in first: where no keyring keeps sign-ins between runs, or for another account.
    #[arg(long)]
    sign_in: bool,
    #[command(flatten)]
    options: SignInOptions,
}

pub fn run(command: VaultsCommand) -> anyhow::Result<()> {
    match command {
        VaultsCommand::Discover { account, json } => target::run(json, async {
            let app = app_host::load()?;
            let account = account.resolve(&app).await?;
            let discovery =
                commands::discover_vaults(&app, &QUIET, AccountArgs { account }).await?;
            if json {
                println!("{}", serde_json::json!(discovery));
            } else {
                print!("{}", tree(&discovery));
            }
            Ok(())
        }),
        VaultsCommand::Add { account, urls } => target::run(false, async {
            let app = app_host::load()?;
            let account = account.resolve(&app).await?;
            let mut failed = 0;
            for url in &urls {
                let args = AddAccountVaultArgs {
                    url: url.clone(),
                    name: None,
                    account: account.clone(),
                    tenant: None,
                };
                match commands::add_account_vault(&app, &QUIET, args).await {
                    Ok(entry) => {
                        let tenant = match &entry.credential {
                            CredentialKind::Account { tenant_id, .. } => tenant_id.as_str(),
                            _ => "?",
                        };
                        println!("Added {} ({}) in tenant {tenant}", entry.name, entry.url);
                    }
                    Err(err) => {
                        failed += 1;
                        eprintln!("{url}:");
                        target::report(&err, false);
                    }
                }
            }
            if failed > 0 {
                return Err(Error::new(
                    Code::InvalidInput,
                    format!("{failed} of {} vaults were not added.", urls.len()),
                ));
            }
            Ok(())
        }),
    }
}

impl WhichAccount {
    async fn resolve(&self, app: &App) -> Result<String, Error> {
        if self.sign_in {
            return Ok(accounts_cmd::sign_in(app, &self.options).await?.id);
        }
        if let Some(id) = &self.account {
            return Ok(id.clone());
        }
        let accounts = commands::list_accounts(app, &QUIET, ()).await?;
        match accounts.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(Error::new(Code::NotSignedIn, "No account is signed in.").with_hint(
                "Run certdeck-cli accounts login first, or add --sign-in (where no keyring keeps sign-ins).",
            )),
            several => Err(Error::new(
                Code::InvalidInput,
                "Several accounts are signed in: choose one with --account ID.",
            )
            .with_hint(format!(
                "The accounts: {}",
                several
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// Tenant → subscription → vault, indented; what could not be listed says why.
fn tree(discovery: &Discovery) -> String {
    let mut out = String::new();
    for tenant in &discovery.tenants {
        out.push_str(&format!("{}\n", tenant_line(tenant)));
        match &tenant.subscriptions {
            TenantState::Listed { subscriptions } if subscriptions.is_empty() => {
                out.push_str("  (no subscriptions)\n");
            }
            TenantState::Listed { subscriptions } => {
                for subscription in subscriptions {
                    out.push_str(&format!("  {} ({})\n", subscription.name, subscription.id));
                    if let Some(error) = &subscription.error {
                        out.push_str(&format!("    cannot list its vaults: {}\n", error.message));
                    }
                    for vault in &subscription.vaults {
                        out.push_str(&format!(
                            "    {}  {}  {}  {}{}\n",
                            vault.name,
                            vault.uri,
                            if vault.rbac {
                                "Azure RBAC"
                            } else {
                                "access policies"
                            },
                            vault.location,
                            if vault.added { "  (added)" } else { "" }
                        ));
                    }
                }
            }
            TenantState::NeedsSignIn { message } => {
                out.push_str(&format!(
                    "  needs sign-in to see its subscriptions (certdeck-cli accounts login --tenant {}): {message}\n",
                    tenant.id
                ));
            }
            TenantState::Failed { error } => {
                out.push_str(&format!("  could not be listed: {}\n", error.message));
            }
        }
    }
    out
}

fn tenant_line(tenant: &DiscoveredTenant) -> String {
    let name = tenant.name.as_deref().unwrap_or("(unnamed tenant)");
    match &tenant.default_domain {
        Some(domain) => format!("{name} ({domain}) {}", tenant.id),
        None => format!("{name} {}", tenant.id),
    }
}
