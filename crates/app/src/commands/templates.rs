//! Policy templates: the built-in ones and the user's, kept in the config directory.

use errors::Result;
pub use policy::PolicyTemplate;
use serde::Deserialize;

use super::CertificatePolicy;
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaveTemplateArgs {
    pub name: String,
    pub description: String,
    pub policy: CertificatePolicy,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateArgs {
    pub id: String,
}

/// The built-in templates, then the user's.
pub async fn list_templates(_: &App, _: &dyn Host, _: ()) -> Result<Vec<PolicyTemplate>> {
    todo!("list_templates")
}

/// Saves a user template (a name in use is replaced); returns every template.
pub async fn save_template(
    _: &App,
    _: &dyn Host,
    _args: SaveTemplateArgs,
) -> Result<Vec<PolicyTemplate>> {
    todo!("save_template")
}

pub async fn delete_template(
    _: &App,
    _: &dyn Host,
    _args: TemplateArgs,
) -> Result<Vec<PolicyTemplate>> {
    todo!("delete_template")
}
