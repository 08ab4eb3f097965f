//! The user's preferences.

use errors::Result;
use serde::Deserialize;

use crate::settings::{Settings, ThemePreference};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetThemeArgs {
    pub theme: ThemePreference,
}

pub async fn get_settings(app: &App, _: &dyn Host, _: ()) -> Result<Settings> {
    Ok(app.settings().clone())
}

pub async fn set_theme(app: &App, _: &dyn Host, args: SetThemeArgs) -> Result<Settings> {
    app.update_settings(|settings| settings.theme = args.theme)
}
