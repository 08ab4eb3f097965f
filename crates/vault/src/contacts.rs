//! The vault's certificate contacts: who Key Vault emails when a lifetime action says so.

use azure_security_keyvault_certificates::models::{Contact, Contacts};
use serde::{Deserialize, Serialize};

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::issuers::non_empty;

/// One certificate contact; an empty name or phone is not sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CertificateContact {
    pub email: String,
    pub name: String,
    pub phone: String,
}

impl VaultConnection {
    /// Whether the vault has certificate contacts with an email address (an `EmailContacts`
    /// lifetime action reaches nobody without one).
    pub async fn has_contacts(&self) -> Result<bool, Error> {
        Ok(self
            .contacts()
            .await?
            .iter()
            .any(|contact| !contact.email.is_empty()))
    }

    /// The vault's contacts; none (not an error) for a vault that never had any, which the
    /// service answers with 404 ContactsNotFound.
    pub async fn contacts(&self) -> Result<Vec<CertificateContact>, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_contacts(None)
                .await
                .and_then(|response| response.into_model())
        };
        none_if_missing(response, &self.entry.name)
    }

    /// Replaces the vault's contacts; returns them as stored.
    pub async fn set_contacts(
        &self,
        contacts: &[CertificateContact],
    ) -> Result<Vec<CertificateContact>, Error> {
        let failed = |err: azure_core::Error| from_azure(&err, &self.entry.name, "managecontacts");
        let body = Contacts {
            contact_list: Some(contacts.iter().map(to_model).collect()),
            id: None,
        };
        let stored = {
            let _permit = self.permit().await;
            self.certificates
                .set_contacts(body.try_into().map_err(failed)?, None)
                .await
                .and_then(|response| response.into_model())
        };
        stored.map(from_model).map_err(failed)
    }

    /// Deletes every contact; returns what was removed (none when there were none).
    pub async fn delete_contacts(&self) -> Result<Vec<CertificateContact>, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .delete_contacts(None)
                .await
                .and_then(|response| response.into_model())
        };
        none_if_missing(response, &self.entry.name)
    }
}

/// A vault without contacts answers 404 ContactsNotFound: that is none, not an error.
fn none_if_missing(
    response: azure_core::Result<Contacts>,
    vault: &str,
) -> Result<Vec<CertificateContact>, Error> {
    match response {
        Ok(contacts) => Ok(from_model(contacts)),
        Err(err) => match from_azure(&err, vault, "managecontacts") {
            err if err.code == Code::NotFound => Ok(Vec::new()),
            err => Err(err),
        },
    }
}

fn to_model(contact: &CertificateContact) -> Contact {
    Contact {
        email: non_empty(&contact.email),
        name: non_empty(&contact.name),
        phone: non_empty(&contact.phone),
    }
}

fn from_model(contacts: Contacts) -> Vec<CertificateContact> {
    contacts
        .contact_list
        .unwrap_or_default()
        .into_iter()
        .map(|contact| CertificateContact {
            email: contact.email.unwrap_or_default(),
            name: contact.name.unwrap_or_default(),
            phone: contact.phone.unwrap_or_default(),
        })
        .collect()
}
