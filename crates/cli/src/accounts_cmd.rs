//! `certdeck-cli accounts login|list|logout`: the app's accounts, through its commands and
//! its token cache.

use std::str::FromStr;

use app::App;
use app::commands::{self, Account, AccountArgs, Cloud, SignInArgs, SignInEvent, SignInMethod};
use clap::{Args, Subcommand};
use errors::Error;

use crate::app_host::{self, CliHost, QUIET};
use crate::target;

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// Sign in through the browser (or with a device code) and remember the account.
    Login(LoginArgs),
    /// The signed-in accounts.
    List {
        /// One JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Sign an account out: its cached tokens and key are deleted.
    Logout {
        /// The account's id, as `accounts list` shows it.
        id: String,
    },
}

/// How to sign in.
#[derive(Args)]
pub struct SignInOptions {
    /// Sign in with a code entered on any device, instead of this machine's browser.
    #[arg(long)]
    device_code: bool,
    /// A tenant id or domain to sign in to (default: Settings', else any work or school account).
    #[arg(long, value_name = "TENANT")]
    tenant: Option<String>,
    /// azure_public, azure_us_government or azure_china.
    #[arg(long, value_parser = Cloud::from_str, default_value = "azure_public")]
    cloud: Cloud,
    /// Print the sign-in page's address instead of opening the browser.
    #[arg(long)]
    no_browser: bool,
}

#[derive(Args)]
pub struct LoginArgs {
    #[command(flatten)]
    sign_in: SignInOptions,
}

pub fn run(command: AccountsCommand) -> anyhow::Result<()> {
    match command {
        AccountsCommand::Login(args) => target::run(false, async {
            let app = app_host::load()?;
            let account = sign_in(&app, &args.sign_in).await?;
            println!("Signed in as {}", describe(&account));
            Ok(())
        }),
        AccountsCommand::List { json } => target::run(json, async {
            let app = app_host::load()?;
            let accounts = commands::list_accounts(&app, &QUIET, ()).await?;
            if json {
                println!("{}", serde_json::json!(accounts));
            } else if accounts.is_empty() {
                println!("No account is signed in: certdeck-cli accounts login");
            } else {
                for account in &accounts {
                    println!("{}", describe(account));
                }
            }
            Ok(())
        }),
        AccountsCommand::Logout { id } => target::run(false, async {
            let app = app_host::load()?;
            commands::sign_out(
                &app,
                &QUIET,
                AccountArgs {
                    account: id.clone(),
                },
            )
            .await?;
            println!("Signed out of {id}");
            Ok(())
        }),
    }
}

/// Signs in as `options` say, telling the user on stdout where to go; then says whether the
/// sign-in outlives this run.
pub async fn sign_in(app: &App, options: &SignInOptions) -> Result<Account, Error> {
    let args = SignInArgs {
        method: if options.device_code {
            SignInMethod::DeviceCode
        } else {
            SignInMethod::Browser
        },
        tenant: options.tenant.clone(),
        cloud: options.cloud,
        request: 1,
    };
    let show = |event| {
        match event {
            SignInEvent::OpenedBrowser { url } => {
                println!("Sign in at this address (waiting up to 5 minutes):\n{url}");
            }
            SignInEvent::DeviceCode { message, .. } => println!("{message}"),
        }
        Ok(())
    };
    let host = CliHost {
        open_browser: !options.no_browser,
    };
    let account = commands::sign_in(app, &host, args, &show).await?;
    if !app.keeps_sign_ins() {
        eprintln!(
            "note: no OS keyring answers, so this sign-in lasts for this run only (nothing was written to disk)."
        );
    }
    Ok(account)
}

fn describe(account: &Account) -> String {
    format!(
        "{}  {} ({}, {}, home tenant {})",
        account.id, account.username, account.name, account.cloud, account.home_tenant
    )
}
