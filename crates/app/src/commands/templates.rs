//! Policy templates: the built-in ones and the user's, kept in the config directory.

use errors::{Code, Error, Result};
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
pub async fn list_templates(app: &App, _: &dyn Host, _: ()) -> Result<Vec<PolicyTemplate>> {
    all(app)
}

/// Saves a user template (a name in use is replaced); returns every template.
pub async fn save_template(
    app: &App,
    _: &dyn Host,
    args: SaveTemplateArgs,
) -> Result<Vec<PolicyTemplate>> {
    app.templates
        .save(&args.name, &args.description, args.policy)?;
    all(app)
}

/// Deletes a user template (built-in ones stay); returns every template.
pub async fn delete_template(
    app: &App,
    _: &dyn Host,
    args: TemplateArgs,
) -> Result<Vec<PolicyTemplate>> {
    if policy::builtin_templates().iter().any(|t| t.id == args.id) {
        return Err(Error::new(
            Code::InvalidInput,
            "Built-in templates cannot be deleted.",
        ));
    }
    app.templates.delete(&args.id)?;
    all(app)
}

fn all(app: &App) -> Result<Vec<PolicyTemplate>> {
    let mut templates = policy::builtin_templates();
    templates.extend(app.templates.list()?);
    Ok(templates)
}
