//! Soft delete: delete, list/get deleted, the 409 for a deleted name, recover and purge.

mod support;

use support::{Server, collect, create, self_policy, status_of};

#[tokio::test]
async fn delete_recover_purge_cycle() {
    let server = Server::single().await;
    let url = server.first_url();
    let client = server.certificates(&url);
    let created = create(&client, "doomed", self_policy("doomed")).await;

    let deleted = client
        .delete_certificate("doomed", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert!(
        deleted
            .recovery_id
            .as_deref()
            .unwrap()
            .ends_with("/deletedcertificates/doomed")
    );
    assert!(deleted.deleted_date.is_some());
    let (d, p) = (
        deleted.deleted_date.unwrap(),
        deleted.scheduled_purge_date.unwrap(),
    );
    assert_eq!((p - d).whole_days(), 90, "default retention is 90 days");
    assert_eq!(
        status_of(&client.get_certificate("doomed", None).await.unwrap_err()),
        404
    );

    let listed = collect(client.list_deleted_certificate_properties(None).unwrap()).await;
    assert_eq!(listed.len(), 1);
    assert!(
        listed[0]
            .recovery_id
            .as_deref()
            .unwrap()
            .ends_with("/deletedcertificates/doomed")
    );
    let got = client
        .get_deleted_certificate("doomed", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(got.cer, created.cer);

    // The name is taken while deleted-but-recoverable.
    let raw = server.raw(&url);
    let reply = raw
        .post("certificates/doomed/create", &serde_json::json!({"policy": {"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=x"}}}))
        .await;
    assert_eq!(reply.status.as_u16(), 409);
    assert_eq!(reply.body["error"]["code"], "Conflict");
    assert_eq!(
        reply.body["error"]["innererror"]["code"],
        "ObjectIsDeletedButRecoverable"
    );

    let recovered = client
        .recover_deleted_certificate("doomed", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(recovered.cer, created.cer);
    let back = client
        .get_certificate("doomed", None)
        .await
        .unwrap()
        .into_model()
        .unwrap();
    assert_eq!(back.id, created.id);
    assert!(
        collect(client.list_deleted_certificate_properties(None).unwrap())
            .await
            .is_empty()
    );

    client.delete_certificate("doomed", None).await.unwrap();
    let purged = client
        .purge_deleted_certificate("doomed", None)
        .await
        .unwrap();
    assert_eq!(u16::from(purged.status()), 204);
    assert_eq!(
        status_of(
            &client
                .get_deleted_certificate("doomed", None)
                .await
                .unwrap_err()
        ),
        404
    );
    let again = create(&client, "doomed", self_policy("doomed")).await;
    assert_ne!(again.id, created.id, "a purged name can be reused");
}

#[tokio::test]
async fn purge_or_recover_of_unknown_names_is_404() {
    let server = Server::single().await;
    let client = server.certificates(&server.first_url());
    assert_eq!(
        status_of(
            &client
                .purge_deleted_certificate("ghost", None)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(
            &client
                .recover_deleted_certificate("ghost", None)
                .await
                .unwrap_err()
        ),
        404
    );
    assert_eq!(
        status_of(&client.delete_certificate("ghost", None).await.unwrap_err()),
        404
    );
}
