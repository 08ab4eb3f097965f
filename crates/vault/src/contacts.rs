//! The vault's certificate contacts: who Key Vault emails when a lifetime action says so.

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};

impl VaultConnection {
    /// Whether the vault has certificate contacts with an email address (an `EmailContacts`
    /// lifetime action reaches nobody without one). A vault that never had contacts answers
    /// 404 ContactsNotFound: none.
    pub async fn has_contacts(&self) -> Result<bool, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_contacts(None)
                .await
                .and_then(|response| response.into_model())
        };
        match response {
            Ok(contacts) => Ok(contacts
                .contact_list
                .unwrap_or_default()
                .iter()
                .any(|contact| contact.email.as_deref().is_some_and(|e| !e.is_empty()))),
            Err(err) => match from_azure(&err, &self.entry.name, "managecontacts") {
                err if err.code == Code::NotFound => Ok(false),
                err => Err(err),
            },
        }
    }
}
