//! The vault's certificate contacts, whom `EmailContacts` lifetime actions email.

use errors::Result;
use policy::FieldIssue;
use serde::Deserialize;
pub use vault::CertificateContact;

use super::saved::{Saved, issue, refused_on_field};
use super::{VaultArgs, VaultId};
use crate::{App, Host};

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SetContactsArgs {
    pub vault: VaultId,
    /// An empty list deletes every contact.
    pub contacts: Vec<CertificateContact>,
}

/// The vault's contacts; none for a vault that never had any.
pub async fn get_contacts(
    app: &App,
    _: &dyn Host,
    args: VaultArgs,
) -> Result<Vec<CertificateContact>> {
    app.vaults.connect(args.vault).await?.contacts().await
}

/// Replaces the contacts after checking each e-mail address (the service needs one per contact).
pub async fn set_contacts(
    app: &App,
    _: &dyn Host,
    args: SetContactsArgs,
) -> Result<Saved<Vec<CertificateContact>>> {
    let issues = contact_issues(&args.contacts);
    if !issues.is_empty() {
        return Ok(Saved::Refused { issues });
    }
    let connection = app.vaults.connect(args.vault).await?;
    let stored = if args.contacts.is_empty() {
        connection.delete_contacts().await.map(|_| Vec::new())
    } else {
        connection.set_contacts(&args.contacts).await
    };
    refused_on_field(stored, |_| "contacts")
}

/// Deletes every contact; returns what was removed.
pub async fn delete_contacts(
    app: &App,
    _: &dyn Host,
    args: VaultArgs,
) -> Result<Vec<CertificateContact>> {
    app.vaults
        .connect(args.vault)
        .await?
        .delete_contacts()
        .await
}

/// Each contact needs a valid e-mail; a phone takes digits and `+ - ( ) .` and spaces.
fn contact_issues(contacts: &[CertificateContact]) -> Vec<FieldIssue> {
    contacts
        .iter()
        .enumerate()
        .flat_map(|(index, contact)| {
            let field = |name: &str| format!("contacts.{index}.{name}");
            let email = email_problem(&contact.email).map(|why| issue(field("email"), why));
            let phone = phone_problem(&contact.phone).map(|why| issue(field("phone"), why));
            email.into_iter().chain(phone)
        })
        .collect()
}

pub(crate) fn email_problem(email: &str) -> Option<String> {
    if email.trim().is_empty() {
        return Some("Enter an e-mail address: Key Vault needs one for each contact.".into());
    }
    policy::email(email.trim()).err()
}

pub(crate) fn phone_problem(phone: &str) -> Option<String> {
    phone
        .chars()
        .find(|c| !(c.is_ascii_digit() || " +-().".contains(*c)))
        .map(|bad| {
            format!("A phone number takes digits, spaces and + - ( ) .; '{bad}' is not allowed.")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(email: &str, phone: &str) -> CertificateContact {
        CertificateContact {
            email: email.into(),
            name: String::new(),
            phone: phone.into(),
        }
    }

    #[test]
    fn each_contact_needs_a_valid_email_and_a_plausible_phone() {
        let issues = contact_issues(&[
            contact("pki@contoso.com", "+1 (425) 555-0100"),
            contact("", ""),
            contact("not-an-address", "call me"),
        ]);
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            ["contacts.1.email", "contacts.2.email", "contacts.2.phone"]
        );
        assert!(issues[0].message.contains("needs one"), "{issues:?}");
    }
}
