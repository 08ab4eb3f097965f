//! Names and versions from the view are checked where the args are deserialized, as the IPC
//! layer does: `../keys/x`, `a/b` or a version `..` never become a command's args, so no
//! request is made with them (the SDK would put them into the request path as they are).

mod support;

use app::commands::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use support::{FakeHost, ec_policy, issue, load};

const VERSION: &str = "0123456789abcdef0123456789abcdef";

/// The deserialization error for `args`, as the IPC layer would meet it.
fn refused<T: DeserializeOwned>(args: Value) -> String {
    match serde_json::from_value::<T>(args.clone()) {
        Ok(_) => panic!("accepted {args}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn path_like_names_are_refused_by_every_command_naming_a_certificate() {
    for bad in ["../keys/x", "a/b", "web?api-version=1", ""] {
        let rule = |message: String| {
            assert!(message.contains("is not a certificate name"), "{message}");
        };
        rule(refused::<CertificateArgs>(json!({"vault": 1, "name": bad})));
        rule(refused::<GetCertificateArgs>(
            json!({"vault": 1, "name": bad, "version": null}),
        ));
        rule(refused::<DownloadArgs>(json!({
            "vault": 1, "name": bad, "version": null, "format": "Cer", "password": null,
        })));
        rule(refused::<SetEnabledArgs>(
            json!({"vault": 1, "name": bad, "version": null, "enabled": false}),
        ));
        rule(refused::<SetTagsArgs>(
            json!({"vault": 1, "name": bad, "tags": {}}),
        ));
        rule(refused::<SavePolicyArgs>(
            json!({"vault": 1, "name": bad, "policy": {}}),
        ));
        rule(refused::<RecoverArgs>(
            json!({"vault": 1, "name": bad, "request": 1}),
        ));
        rule(refused::<WatchOperationArgs>(
            json!({"vault": 1, "name": bad, "request": 1}),
        ));
        rule(refused::<MergeArgs>(
            json!({"vault": 1, "name": bad, "files": []}),
        ));
        rule(refused::<CopyArgs>(
            json!({"vault": 1, "name": bad, "target": 2}),
        ));
        rule(refused::<BulkActionArgs>(json!({
            "targets": [{"vault": 1, "name": "fine"}, {"vault": 1, "name": bad}],
            "action": {"action": "Enable"},
            "request": 1,
        })));
    }
    let message = refused::<CertificateArgs>(json!({"vault": 1, "name": "a/b"}));
    assert!(message.contains("'/' is not allowed"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn path_like_issuer_names_are_refused_before_any_request() {
    let message = refused::<IssuerArgs>(json!({"vault": 1, "name": "../../certificates/web"}));
    assert!(message.contains("is not an issuer name"), "{message}");

    // An edit's name is checked too (a create's always was): refused on its field, unsent.
    let dir = tempfile::tempdir().unwrap();
    let app = load(dir.path());
    let host = FakeHost::default();
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    let edit = serde_json::from_value(json!({
        "vault": vault,
        "name": "a/b",
        "issuer": {
            "provider": "CertDeckLocalCA", "account_id": "ops", "password": null,
            "organization_id": "", "admins": [], "enabled": true,
        },
        "create": false,
    }))
    .unwrap();
    let saved = save_issuer(&app, &host, edit).await.unwrap();
    let Saved::Refused { issues } = saved else {
        panic!("{saved:?}");
    };
    assert_eq!(issues[0].field, "name");
    assert!(
        issues[0].message.contains("'/' is not allowed"),
        "{issues:?}"
    );
}

#[test]
fn versions_other_than_32_lowercase_hex_are_refused() {
    for bad in [
        "..",
        "../../keys/x",
        &VERSION.to_uppercase(),
        &VERSION[2..],
        "",
    ] {
        for message in [
            refused::<GetCertificateArgs>(json!({"vault": 1, "name": "web", "version": bad})),
            refused::<SetEnabledArgs>(
                json!({"vault": 1, "name": "web", "version": bad, "enabled": true}),
            ),
            refused::<DownloadArgs>(json!({
                "vault": 1, "name": "web", "version": bad, "format": "Cer", "password": null,
            })),
        ] {
            assert!(message.contains("32 lowercase hex"), "{bad}: {message}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn checked_names_and_versions_reach_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let app = load(dir.path());
    let host = FakeHost::default();
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    issue(&app, &host, vault, "web", ec_policy("Self", "web.test")).await;
    let current =
        serde_json::from_value(json!({"vault": vault, "name": "web", "version": null})).unwrap();
    let current = get_certificate(&app, &host, current).await.unwrap();
    let version = current.summary.version.clone().expect("a current version");
    let args =
        serde_json::from_value(json!({"vault": vault, "name": "web", "version": version})).unwrap();
    let read = get_certificate(&app, &host, args).await.unwrap();
    assert_eq!(read.summary.version.as_deref(), Some(version.as_str()));
    assert_eq!(read.summary.name, "web");
}
