//! The user's preferences.

use errors::Result;
use serde::Deserialize;

use crate::settings::{Settings, ThemePreference, client_id_setting, tenant_setting};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetThemeArgs {
    pub theme: ThemePreference,
}

/// Sign-in's app registration and tenant; empty or missing means the default.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetSignInArgs {
    pub client_id: Option<String>,
    pub tenant: Option<String>,
}

pub async fn get_settings(app: &App, _: &dyn Host, _: ()) -> Result<Settings> {
    Ok(app.settings().clone())
}

pub async fn set_theme(app: &App, _: &dyn Host, args: SetThemeArgs) -> Result<Settings> {
    app.update_settings(|settings| settings.theme = args.theme)
}

/// Checks both fields before saving either.
pub async fn set_sign_in(app: &App, _: &dyn Host, args: SetSignInArgs) -> Result<Settings> {
    let client_id = client_id_setting(args.client_id.as_deref())?;
    let tenant = tenant_setting(args.tenant.as_deref())?;
    app.update_settings(|settings| {
        settings.sign_in_client_id = client_id;
        settings.sign_in_tenant = tenant;
    })
}
