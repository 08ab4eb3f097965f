//! A vault's issuer settings: read, create, edit, delete (`list_issuers` is in `create.rs`,
//! where the policy's issuer picker first needed it).

use errors::Result;
use inspect::import::check_name;
use policy::FieldIssue;
use serde::Deserialize;
use vault::IssuerName;
pub use vault::{IssuerAdmin, IssuerDetails, IssuerInput};

use super::VaultId;
use super::contacts::{email_problem, phone_problem};
use super::saved::{Saved, issue, refused_on_field};
use crate::{App, Host};

/// Public CAs Key Vault signs through with an account of the vault owner's.
const ACCOUNT_PROVIDERS: [&str; 2] = ["DigiCert", "GlobalSign"];

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuerArgs {
    pub vault: VaultId,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub name: IssuerName,
}

/// No `Debug`: the issuer may carry a password (zeroized when dropped).
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SaveIssuerArgs {
    pub vault: VaultId,
    pub name: String,
    pub issuer: IssuerInput,
    /// A new issuer (PUT); otherwise an edit of an existing one (PATCH), where a password
    /// left out stays as stored.
    pub create: bool,
}

pub async fn get_issuer(app: &App, _: &dyn Host, args: IssuerArgs) -> Result<IssuerDetails> {
    app.vaults
        .connect(args.vault)
        .await?
        .issuer(&args.name)
        .await
}

/// Checks the form, then creates or updates the issuer; the service's refusal lands on the
/// field its message names.
pub async fn save_issuer(
    app: &App,
    _: &dyn Host,
    args: SaveIssuerArgs,
) -> Result<Saved<IssuerDetails>> {
    let issues = issuer_issues(&args);
    if !issues.is_empty() {
        return Ok(Saved::Refused { issues });
    }
    let connection = app.vaults.connect(args.vault).await?;
    let saved = if args.create {
        connection.set_issuer(&args.name, &args.issuer).await
    } else {
        connection.update_issuer(&args.name, &args.issuer).await
    };
    refused_on_field(saved, field_of_refusal)
}

/// Deletes the issuer; returns it as it was.
pub async fn delete_issuer(app: &App, _: &dyn Host, args: IssuerArgs) -> Result<IssuerDetails> {
    app.vaults
        .connect(args.vault)
        .await?
        .delete_issuer(&args.name)
        .await
}

/// What the service would refuse, on the form's fields.
fn issuer_issues(args: &SaveIssuerArgs) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    // Checked for edits too: the name goes into the request's path either way.
    if let Err(why) = check_name(&args.name) {
        issues.push(issue("name", why));
    } else if args.create && ["self", "unknown"].contains(&args.name.to_ascii_lowercase().as_str())
    {
        issues.push(issue(
            "name",
            format!(
                "'{}' is reserved for policies; name the issuer otherwise.",
                args.name
            ),
        ));
    }
    let input = &args.issuer;
    if input.provider.trim().is_empty() {
        issues.push(issue(
            "provider",
            "Choose the provider that issues the certificates.",
        ));
    }
    let provider = input.provider.trim();
    if ACCOUNT_PROVIDERS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(provider))
    {
        if input.account_id.trim().is_empty() {
            issues.push(issue(
                "account_id",
                format!("{provider} signs through your account with it: enter its account id."),
            ));
        }
        if args.create && input.password.as_deref().is_none_or(str::is_empty) {
            issues.push(issue(
                "password",
                format!("{provider} needs the account's password (its API key)."),
            ));
        }
    }
    for (index, admin) in input.admins.iter().enumerate() {
        let field = |name: &str| format!("admins.{index}.{name}");
        if let Some(why) = email_problem(&admin.email) {
            issues.push(issue(field("email"), why));
        }
        if let Some(why) = phone_problem(&admin.phone) {
            issues.push(issue(field("phone"), why));
        }
    }
    issues
}

/// The form field a service 400 is about, from its (lowercased) message.
fn field_of_refusal(message: &str) -> &'static str {
    [
        ("provider", "provider"),
        ("issuer name", "name"),
        ("account", "account_id"),
        ("password", "password"),
        ("pwd", "password"),
        ("organization", "organization_id"),
        ("admin", "admins"),
        ("email", "admins"),
    ]
    .into_iter()
    .find(|(word, _)| message.contains(word))
    .map_or("", |(_, field)| field)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(name: &str, provider: &str, password: Option<&str>, create: bool) -> SaveIssuerArgs {
        SaveIssuerArgs {
            vault: VaultId(1),
            name: name.into(),
            issuer: IssuerInput {
                provider: provider.into(),
                account_id: String::new(),
                password: password.map(Into::into),
                organization_id: String::new(),
                admins: vec![IssuerAdmin {
                    email: "admin@".into(),
                    phone: "555 0100".into(),
                    ..Default::default()
                }],
                enabled: true,
            },
            create,
        }
    }

    fn fields(args: &SaveIssuerArgs) -> Vec<String> {
        issuer_issues(args).into_iter().map(|i| i.field).collect()
    }

    #[test]
    fn a_new_issuer_is_checked_field_by_field() {
        assert_eq!(
            fields(&args("Self", "", None, true)),
            ["name", "provider", "admins.0.email"]
        );
        assert_eq!(
            fields(&args("digi cert", "DigiCert", None, true)),
            ["name", "account_id", "password", "admins.0.email"]
        );
    }

    #[test]
    fn an_edit_keeps_the_stored_password_and_name() {
        assert_eq!(
            fields(&args("Self", "DigiCert", None, false)),
            ["account_id", "admins.0.email"]
        );
        assert_eq!(
            fields(&args("ca", "CertDeckLocalCA", None, true)),
            ["admins.0.email"]
        );
    }

    #[test]
    fn service_refusals_land_on_the_field_they_name() {
        assert_eq!(
            field_of_refusal("the issuer provider is required."),
            "provider"
        );
        assert_eq!(
            field_of_refusal("the request uri contains an invalid issuer name: x"),
            "name"
        );
        assert_eq!(field_of_refusal("something else"), "");
    }
}
