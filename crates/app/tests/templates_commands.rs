//! Policy templates: the built-in ones, then the user's, kept in templates.json.

mod support;

use app::Code;
use app::commands::*;
use support::{FakeHost, ec_policy, load};
use vault::SELF_ISSUER;

fn save(name: &str, validity: i32) -> SaveTemplateArgs {
    let mut policy = ec_policy(SELF_ISSUER, "t.test");
    policy.x509_props.validity_months = Some(validity);
    SaveTemplateArgs {
        name: name.into(),
        description: "Web servers".into(),
        policy,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn user_templates_are_saved_replaced_and_deleted() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let builtin = list_templates(&app, &host, ()).await.unwrap();
    assert!(!builtin.is_empty() && builtin.iter().all(|t| t.builtin));

    let all = save_template(&app, &host, save("Web (Contoso)", 12))
        .await
        .unwrap();
    assert_eq!(all.len(), builtin.len() + 1);
    let mine = all.last().unwrap();
    assert_eq!(
        (mine.id.as_str(), mine.builtin),
        ("user:web-contoso", false)
    );

    let all = save_template(&app, &host, save("Web (Contoso)", 6))
        .await
        .unwrap();
    assert_eq!(all.len(), builtin.len() + 1, "the same name is replaced");
    assert_eq!(
        all.last().unwrap().policy.x509_props.validity_months,
        Some(6)
    );
    save_template(&app, &host, save("API", 3)).await.unwrap();

    let file = root.path().join("config/templates.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let reloaded = load(root.path());
    let listed = list_templates(&reloaded, &host, ()).await.unwrap();
    assert_eq!(listed.len(), builtin.len() + 2, "kept across restarts");

    let refused = delete_template(
        &reloaded,
        &host,
        TemplateArgs {
            id: builtin[0].id.clone(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, Code::InvalidInput);
    let left = delete_template(
        &reloaded,
        &host,
        TemplateArgs {
            id: "user:web-contoso".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(left.last().unwrap().name, "API");
    assert_eq!(left.len(), builtin.len() + 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_templates_file_is_reported_and_kept() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let file = root.path().join("config/templates.json");
    std::fs::write(&file, "{ not json").unwrap();

    let err = list_templates(&app, &host, ()).await.unwrap_err();
    assert_eq!(err.code, Code::Io);
    assert!(err.hint.is_some());
    let err = save_template(&app, &host, save("New", 12))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::Io);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{ not json",
        "never silently replaced"
    );
}
