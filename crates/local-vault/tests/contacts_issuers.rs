//! Certificate contacts and issuers CRUD.

mod support;

use azure_security_keyvault_certificates::models::{
    AdministratorContact, Contact, Contacts, IssuerCredentials, OrganizationDetails,
    SetIssuerParameters, UpdateIssuerParameters,
};
use support::{Server, collect, status_of};

#[tokio::test]
async fn contacts_set_get_delete() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let err = client.get_contacts(None).await.unwrap_err();
    assert_eq!(status_of(&err), 404, "no contacts yet");
    let contacts = Contacts {
        contact_list: Some(vec![
            Contact {
                email: Some("a@example.test".into()),
                name: Some("A".into()),
                phone: Some("1".into()),
            },
            Contact {
                email: Some("b@example.test".into()),
                name: None,
                phone: None,
            },
        ]),
        id: None,
    };
    let set = client
        .set_contacts(contacts.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert!(set.id.unwrap().ends_with("/certificates/contacts"));
    let got = client
        .get_contacts(None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    let emails: Vec<_> = got
        .contact_list
        .unwrap()
        .into_iter()
        .map(|c| c.email.unwrap())
        .collect();
    assert_eq!(emails, ["a@example.test", "b@example.test"]);
    let deleted = client
        .delete_contacts(None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(
        deleted.contact_list.map(|l| l.len()),
        Some(2),
        "delete returns what was removed"
    );
    assert_eq!(
        status_of(&client.get_contacts(None).await.unwrap_err()),
        404
    );
}

#[tokio::test]
async fn issuers_crud() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    let params = SetIssuerParameters {
        provider: Some("Test".into()),
        credentials: Some(IssuerCredentials {
            account_id: Some("keyvaultuser".into()),
            password: Some("pw".into()),
        }),
        organization_details: Some(OrganizationDetails {
            admin_contacts: Some(vec![AdministratorContact {
                first_name: Some("John".into()),
                last_name: Some("Doe".into()),
                email: Some("admin@example.test".into()),
                phone: Some("4255555555".into()),
            }]),
            id: None,
        }),
        ..Default::default()
    };
    let issuer = client
        .set_issuer("issuer-one", params.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert!(
        issuer
            .id
            .unwrap()
            .ends_with("/certificates/issuers/issuer-one")
    );
    assert_eq!(
        issuer.credentials.unwrap().account_id.as_deref(),
        Some("keyvaultuser")
    );
    let second = SetIssuerParameters {
        provider: Some("CertDeckLocalCA".into()),
        ..Default::default()
    };
    client
        .set_issuer("issuer-two", second.try_into().unwrap(), None)
        .await
        .unwrap();

    let got = client
        .get_issuer("issuer-one", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(got.provider.as_deref(), Some("Test"));
    assert_eq!(got.attributes.unwrap().enabled, Some(true));

    let listed = collect(client.list_issuer_properties(None).unwrap()).await;
    let mut names: Vec<_> = listed
        .iter()
        .map(|i| {
            i.id.clone()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["issuer-one", "issuer-two"]);

    let update = UpdateIssuerParameters {
        provider: Some("Test2".into()),
        ..Default::default()
    };
    let updated = client
        .update_issuer("issuer-one", update.try_into().unwrap(), None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(updated.provider.as_deref(), Some("Test2"));
    assert_eq!(
        updated.credentials.unwrap().account_id.as_deref(),
        Some("keyvaultuser"),
        "PATCH keeps other fields"
    );

    let deleted = client
        .delete_issuer("issuer-one", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(deleted.provider.as_deref(), Some("Test2"));
    assert_eq!(
        status_of(&client.get_issuer("issuer-one", None).await.unwrap_err()),
        404
    );
}
