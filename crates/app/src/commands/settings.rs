//! The user's preferences.

use errors::{Code, Error, Result};
use serde::Deserialize;

use crate::settings::{Settings, ThemePreference, ZOOM_PERCENT, client_id_setting, tenant_setting};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetThemeArgs {
    pub theme: ThemePreference,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetZoomArgs {
    pub percent: u16,
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

pub async fn set_zoom(app: &App, _: &dyn Host, args: SetZoomArgs) -> Result<Settings> {
    if !ZOOM_PERCENT.contains(&args.percent) {
        return Err(Error::new(
            Code::InvalidInput,
            format!(
                "A zoom of {} % is out of range: CertDeck zooms from {} % to {} %.",
                args.percent,
                ZOOM_PERCENT.start(),
                ZOOM_PERCENT.end()
            ),
        )
        .with_hint("Ctrl+0 goes back to 100 %."));
    }
    app.update_settings(|settings| {
        settings.zoom_percent = (args.percent != 100).then_some(args.percent);
    })
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
