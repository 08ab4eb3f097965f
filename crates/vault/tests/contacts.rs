//! Certificate contacts against the local vault: none until set, then some.

mod support;

use azure_security_keyvault_certificates::models::{Contact, Contacts};
use support::Local;

#[tokio::test(flavor = "multi_thread")]
async fn a_vault_has_contacts_once_they_are_set() {
    let local = Local::start(&["contacts"]).await;
    let vault = local.connect("contacts");
    assert!(
        !vault.has_contacts().await.unwrap(),
        "404 ContactsNotFound: none"
    );

    let contacts = Contacts {
        contact_list: Some(vec![Contact {
            email: Some("pki@contoso.test".into()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    vault
        .certificates
        .set_contacts(contacts.try_into().unwrap(), None)
        .await
        .unwrap();
    assert!(vault.has_contacts().await.unwrap());
}
