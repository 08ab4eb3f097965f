//! A vault's issuers and certificate contacts through the commands, against the embedded
//! local vault: checked before sending, stored, read back without the password, deleted.

mod support;

use app::commands::*;
use app::{App, Code};
use support::{FakeHost, load};

async fn local_vault(app: &App, host: &FakeHost) -> VaultId {
    list_vaults(app, host, ()).await.unwrap()[0].id
}

fn local_ca(account: &str, password: Option<&str>) -> IssuerInput {
    IssuerInput {
        provider: "CertDeckLocalCA".into(),
        account_id: account.into(),
        password: password.map(Into::into),
        organization_id: String::new(),
        admins: vec![IssuerAdmin {
            first_name: "Ada".into(),
            last_name: "Admin".into(),
            email: "ada@contoso.test".into(),
            phone: "+1 425 555 0100".into(),
        }],
        enabled: true,
    }
}

fn save(vault: VaultId, name: &str, issuer: IssuerInput, create: bool) -> SaveIssuerArgs {
    SaveIssuerArgs {
        vault,
        name: name.into(),
        issuer,
        create,
    }
}

fn lab_ca(vault: VaultId) -> IssuerArgs {
    IssuerArgs {
        vault,
        name: "lab-ca".parse().unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_issuer_is_created_edited_listed_and_deleted() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;

    let created = save_issuer(
        &app,
        &host,
        save(vault, "lab-ca", local_ca("ops", Some("pw")), true),
    )
    .await
    .unwrap();
    let Saved::Saved { value: created } = created else {
        panic!("{created:?}");
    };
    assert_eq!(created.provider.as_deref(), Some("CertDeckLocalCA"));
    let listed = list_issuers(&app, &host, VaultArgs { vault })
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
        ["lab-ca"]
    );

    let mut edit = local_ca("ops2", None);
    edit.enabled = false;
    let edited = save_issuer(&app, &host, save(vault, "lab-ca", edit, false))
        .await
        .unwrap();
    assert!(
        matches!(&edited, Saved::Saved { value } if !value.enabled),
        "{edited:?}"
    );
    let read = get_issuer(&app, &host, lab_ca(vault)).await.unwrap();
    assert_eq!(read.account_id.as_deref(), Some("ops2"));
    assert_eq!(read.admins[0].email, "ada@contoso.test");

    delete_issuer(&app, &host, lab_ca(vault)).await.unwrap();
    let gone = get_issuer(&app, &host, lab_ca(vault)).await.unwrap_err();
    assert_eq!(gone.code, Code::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_issuer_is_refused_on_its_fields_and_nothing_is_sent() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    let mut bad = local_ca("", None);
    bad.provider = "DigiCert".into();
    bad.admins[0].email = "ada".into();
    let refused = save_issuer(&app, &host, save(vault, "unknown", bad, true))
        .await
        .unwrap();
    let Saved::Refused { issues } = refused else {
        panic!("{refused:?}");
    };
    let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["name", "account_id", "password", "admins.0.email"]);
    assert!(
        list_issuers(&app, &host, VaultArgs { vault })
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn contacts_are_set_re_read_and_deleted() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    assert!(
        get_contacts(&app, &host, VaultArgs { vault })
            .await
            .unwrap()
            .is_empty()
    );

    let contacts = vec![CertificateContact {
        email: "pki@contoso.test".into(),
        name: "PKI team".into(),
        phone: String::new(),
    }];
    let args = |contacts| SetContactsArgs { vault, contacts };
    let set = set_contacts(&app, &host, args(contacts.clone()))
        .await
        .unwrap();
    assert!(
        matches!(&set, Saved::Saved { value } if *value == contacts),
        "{set:?}"
    );
    assert_eq!(
        get_contacts(&app, &host, VaultArgs { vault })
            .await
            .unwrap(),
        contacts
    );

    let bad = vec![CertificateContact {
        email: "pki".into(),
        ..Default::default()
    }];
    let refused = set_contacts(&app, &host, args(bad)).await.unwrap();
    assert!(
        matches!(&refused, Saved::Refused { issues } if issues[0].field == "contacts.0.email"),
        "{refused:?}"
    );
    assert_eq!(
        get_contacts(&app, &host, VaultArgs { vault })
            .await
            .unwrap(),
        contacts,
        "unchanged"
    );

    let removed = delete_contacts(&app, &host, VaultArgs { vault })
        .await
        .unwrap();
    assert_eq!(removed, contacts);
    assert!(
        get_contacts(&app, &host, VaultArgs { vault })
            .await
            .unwrap()
            .is_empty()
    );
    // Saving an empty list is deleting them all (again: not an error).
    let none = set_contacts(&app, &host, args(Vec::new())).await.unwrap();
    assert!(
        matches!(&none, Saved::Saved { value } if value.is_empty()),
        "{none:?}"
    );
}
