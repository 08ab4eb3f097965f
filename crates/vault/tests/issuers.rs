//! Issuer settings against the local vault: create, read, update and delete, admins included,
//! and a password that is sent but never read back.

mod support;

use errors::Code;
use support::Local;
use vault::{IssuerAdmin, IssuerInput};

fn input(account: &str, password: Option<&str>) -> IssuerInput {
    IssuerInput {
        provider: "DigiCert".into(),
        account_id: account.into(),
        password: password.map(Into::into),
        organization_id: "org-42".into(),
        admins: vec![IssuerAdmin {
            first_name: "John".into(),
            last_name: "Doe".into(),
            email: "admin@contoso.test".into(),
            phone: "4255555555".into(),
        }],
        enabled: true,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_issuer_round_trips_with_its_admins() {
    let local = Local::start(&["issuers"]).await;
    let vault = local.connect("issuers");

    let created = vault
        .set_issuer("digicert", &input("keyvaultuser", Some("s3cret")))
        .await
        .unwrap();
    assert_eq!(created.name, "digicert");
    assert_eq!(created.provider.as_deref(), Some("DigiCert"));
    assert_eq!(created.account_id.as_deref(), Some("keyvaultuser"));
    assert!(created.created.is_some() && created.enabled);

    let read = vault.issuer("digicert").await.unwrap();
    assert_eq!(read.organization_id.as_deref(), Some("org-42"));
    assert_eq!(read.admins, input("", None).admins);
    let listed = vault.issuers().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].provider.as_deref(), Some("DigiCert"));

    let mut changed = input("keyvaultuser2", None);
    changed.enabled = false;
    changed.admins.push(IssuerAdmin {
        email: "second@contoso.test".into(),
        ..Default::default()
    });
    let updated = vault.update_issuer("digicert", &changed).await.unwrap();
    assert_eq!(updated.account_id.as_deref(), Some("keyvaultuser2"));
    assert!(!updated.enabled);
    let reread = vault.issuer("digicert").await.unwrap();
    assert_eq!(reread.admins.len(), 2);
    assert_eq!(reread.admins[1].email, "second@contoso.test");
    assert_eq!(reread.admins[1].first_name, "", "empty fields are not sent");

    // An edit that leaves the account and password alone keeps them.
    let mut renamed_admin = changed;
    renamed_admin.admins[0].first_name = "Jane".into();
    let kept = vault
        .update_issuer("digicert", &renamed_admin)
        .await
        .unwrap();
    assert_eq!(kept.account_id.as_deref(), Some("keyvaultuser2"));
    assert_eq!(kept.admins[0].first_name, "Jane");

    let deleted = vault.delete_issuer("digicert").await.unwrap();
    assert_eq!(deleted.account_id.as_deref(), Some("keyvaultuser2"));
    let gone = vault.issuer("digicert").await.unwrap_err();
    assert_eq!(gone.code, Code::NotFound);
    assert!(vault.issuers().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_password_is_never_read_back() {
    let local = Local::start(&["issuers"]).await;
    let vault = local.connect("issuers");
    vault
        .set_issuer("globalsign", &input("acct", Some("p@ss-w0rd")))
        .await
        .unwrap();
    let text = vault
        .certificates
        .get_issuer("globalsign", None)
        .await
        .unwrap()
        .into_body()
        .into_string()
        .unwrap();
    assert!(text.contains("\"account_id\":\"acct\""), "{text}");
    assert!(
        !text.contains("p@ss-w0rd") && !text.contains("pwd"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_issuer_cannot_be_updated_and_self_is_refused() {
    let local = Local::start(&["issuers"]).await;
    let vault = local.connect("issuers");
    let missing = vault
        .update_issuer("nobody", &input("a", None))
        .await
        .unwrap_err();
    assert_eq!(missing.code, Code::NotFound);
    let reserved = vault
        .set_issuer("Self", &input("a", None))
        .await
        .unwrap_err();
    assert_eq!(reserved.code, Code::InvalidInput, "{reserved:?}");
}
