//! Accounts signed in from CertDeck: list, sign in (browser or device code), sign out.

use azure::signin::{BROWSER_TIMEOUT, DEFAULT_CLIENT_ID, SignInConfig};
use errors::Result;
use serde::{Deserialize, Serialize};

pub use azure::accounts::Account;
pub use azure::cloud::Cloud;

use super::Events;
use crate::settings::tenant_setting;
use crate::{App, Host};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SignInMethod {
    /// The system browser, back through a loopback redirect.
    Browser,
    /// A code the user enters on any device (remote sessions).
    DeviceCode,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignInArgs {
    pub method: SignInMethod,
    /// A tenant id or domain for this sign-in; `None`: the one in Settings, if any.
    pub tenant: Option<String>,
    pub cloud: Cloud,
    /// The UI's number for this sign-in; `cancel_request` with it stops waiting.
    pub request: u32,
}

/// Where the user must go to finish signing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SignInEvent {
    /// The authorize page, opened in the browser (shown too, should the browser not come up).
    OpenedBrowser { url: String },
    DeviceCode {
        user_code: String,
        verification_uri: String,
        /// The service's own instructions.
        message: String,
    },
}

/// Names one account.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountArgs {
    pub account: String,
}

pub async fn list_accounts(app: &App, _: &dyn Host, _: ()) -> Result<Vec<Account>> {
    Ok(app.accounts.get()?.list())
}

/// Signs in with the client id and tenant of Settings and remembers the account.
pub async fn sign_in(
    app: &App,
    host: &dyn Host,
    args: SignInArgs,
    events: &Events<'_, SignInEvent>,
) -> Result<Account> {
    let settings = app.settings();
    let config = SignInConfig {
        client_id: settings
            .sign_in_client_id
            .unwrap_or_else(|| DEFAULT_CLIENT_ID.to_owned()),
        tenant: tenant_setting(args.tenant.as_deref())?.or(settings.sign_in_tenant),
        cloud: args.cloud,
    };
    let accounts = app.accounts.get()?;
    let network = app.accounts.network()?;
    // Cancelling drops the flow, and with it the loopback listener or the polling.
    let never = std::future::pending();
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    let signed_in = request
        .run(async {
            match args.method {
                SignInMethod::Browser => {
                    let open = |url: &_| {
                        events(SignInEvent::OpenedBrowser {
                            url: format!("{url}"),
                        })?;
                        // The dialog shows the link too: a browser that does not come up is
                        // no reason to give up waiting.
                        if let Err(err) = host.open_url(&format!("{url}")) {
                            tracing::warn!("could not open the browser: {err}");
                        }
                        Ok(())
                    };
                    azure::signin::browser_with(network, &config, BROWSER_TIMEOUT, open, never)
                        .await
                }
                SignInMethod::DeviceCode => {
                    let show = |code: azure::signin::DeviceCode| {
                        let shown = events(SignInEvent::DeviceCode {
                            user_code: code.user_code,
                            verification_uri: code.verification_uri,
                            message: code.message,
                        });
                        if let Err(err) = shown {
                            tracing::warn!("could not show the device code: {err}");
                        }
                    };
                    azure::signin::device_code_with(network, &config, show, never).await
                }
            }
        })
        .await?;
    let account = accounts.add(signed_in)?;
    tracing::info!(account = %account.id, cloud = ?account.cloud, "signed in");
    Ok(account)
}

/// Signs the account out (its token cache and key go); returns the accounts left. Its vaults
/// stay in the list and ask for a sign-in when next opened.
pub async fn sign_out(app: &App, _: &dyn Host, args: AccountArgs) -> Result<Vec<Account>> {
    let accounts = app.accounts.get()?;
    accounts.remove(&args.account)?;
    app.vaults.forget_account(&args.account);
    tracing::info!(account = %args.account, "signed out");
    Ok(accounts.list())
}
