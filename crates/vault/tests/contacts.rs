//! Certificate contacts against the local vault: none until set, then some.

mod support;

use azure_security_keyvault_certificates::models::{Contact, Contacts};
use support::Local;
use vault::CertificateContact;

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

#[tokio::test(flavor = "multi_thread")]
async fn contacts_are_set_read_and_deleted() {
    let local = Local::start(&["contacts"]).await;
    let vault = local.connect("contacts");
    assert!(vault.contacts().await.unwrap().is_empty(), "none yet");

    let wanted = vec![
        CertificateContact {
            email: "a@contoso.test".into(),
            name: "A".into(),
            phone: "111111111111".into(),
        },
        CertificateContact {
            email: "b@contoso.test".into(),
            ..Default::default()
        },
    ];
    assert_eq!(vault.set_contacts(&wanted).await.unwrap(), wanted);
    assert_eq!(vault.contacts().await.unwrap(), wanted);

    assert_eq!(
        vault.delete_contacts().await.unwrap(),
        wanted,
        "returns what it removed"
    );
    assert!(vault.contacts().await.unwrap().is_empty());
    assert!(!vault.has_contacts().await.unwrap());
    assert!(
        vault.delete_contacts().await.unwrap().is_empty(),
        "deleting none is not an error"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contact_without_an_email_is_refused() {
    let local = Local::start(&["contacts"]).await;
    let vault = local.connect("contacts");
    let refused = vault
        .set_contacts(&[CertificateContact {
            name: "Nobody".into(),
            ..Default::default()
        }])
        .await
        .unwrap_err();
    assert_eq!(refused.code, errors::Code::InvalidInput, "{refused:?}");
}
