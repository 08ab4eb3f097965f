//! The commands as the UI calls them, without a webview: a fake host stands in for the
//! dialogs and the browser, and the embedded local vault is real (HTTPS, the Azure SDK).

mod support;

use std::path::Path;
use std::sync::Mutex;

use app::commands::*;
use app::{Code, ThemePreference};
use support::{FakeHost, load, pem_with_key};

#[tokio::test(flavor = "multi_thread")]
async fn a_first_start_shows_the_local_vault_and_streams_its_certificates() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());

    let vaults = list_vaults(&app, &host, ()).await.unwrap();
    assert_eq!(vaults.len(), 1);
    assert_eq!(vaults[0].name, "Local vault");
    let vault = vaults[0].id;
    let samples = add_samples(&app, &host, VaultArgs { vault }).await.unwrap();
    assert_eq!(samples.len(), 5);

    let batches = Mutex::new(Vec::new());
    let events = |rows: Vec<CertificateSummary>| {
        batches.lock().unwrap().push(rows);
        Ok(())
    };
    let args = ListCertificatesArgs { vault, request: 1 };
    let total = list_certificates(&app, &host, args, &events).await.unwrap();
    let rows: Vec<_> = batches.into_inner().unwrap().concat();
    assert_eq!((total, rows.len()), (5, 5), "the count is what was sent");
    let mut names: Vec<_> = rows.iter().map(|r| r.name.clone()).collect();
    names.sort();
    let mut expected = samples.clone();
    expected.sort();
    assert_eq!(names, expected);

    let name = rows
        .iter()
        .find(|r| r.thumbprint.is_some())
        .unwrap()
        .name
        .clone();
    let details = get_certificate(
        &app,
        &host,
        GetCertificateArgs {
            vault,
            name: name.parse().unwrap(),
            version: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(details.summary.name, name);
    let name = name.parse().unwrap();
    let versions = list_versions(&app, &host, CertificateArgs { vault, name })
        .await
        .unwrap();
    assert!(!versions.is_empty());
    assert!(
        versions.windows(2).all(|w| w[0].created >= w[1].created),
        "newest first"
    );

    let missing = VaultArgs {
        vault: VaultId(999),
    };
    assert_eq!(
        add_samples(&app, &host, missing).await.unwrap_err().code,
        Code::NotFound
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn only_granted_files_open_and_an_import_sends_its_plan_once() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    let file = root.path().canonicalize().unwrap().join("web.pem");
    std::fs::write(&file, pem_with_key("web.contoso.com")).unwrap();
    let open = |path: &Path| OpenFileArgs {
        path: path.to_owned(),
        password: None,
    };

    let refused = open_file(&app, &host, open(&file)).await.unwrap_err();
    assert_eq!(refused.code, Code::Forbidden, "not dropped, not picked");

    *host.picked.lock().unwrap() = Some(vec![file.clone()]);
    assert_eq!(
        pick_files(&app, &host, ()).await.unwrap(),
        std::slice::from_ref(&file)
    );
    let opened = open_file(&app, &host, open(&file)).await.unwrap();
    assert_eq!(opened.file_name, "web.pem");
    let files = vec![opened.id];

    let plan = plan_import(
        &app,
        &host,
        PlanImportArgs {
            files: files.clone(),
            content_type: None,
        },
    )
    .await
    .unwrap();
    let name = plan.suggested_name.clone().unwrap();
    assert_eq!(name, "web-contoso-com");
    let status = check_certificate_name(
        &app,
        &host,
        CertificateArgs {
            vault,
            name: name.parse().unwrap(),
        },
    )
    .await
    .unwrap();
    assert!(matches!(status, NameStatus::Free), "{status:?}");

    let import = |files: Vec<u32>| ImportCertificateArgs {
        vault,
        files,
        content_type: None,
        options: ImportOptions {
            name: name.clone(),
            enabled: true,
            tags: Default::default(),
            deleted_name: None,
        },
    };
    let row = import_certificate(&app, &host, import(files.clone()))
        .await
        .unwrap();
    assert_eq!(row.name, name);
    assert_eq!(
        row.thumbprint.as_deref(),
        Some(plan.report.certificates[0].sha1.as_str())
    );
    // Imported files are closed: their keys are gone, and so is their plan.
    let again = import_certificate(&app, &host, import(files))
        .await
        .unwrap_err();
    assert_eq!(again.code, Code::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn dialogs_and_the_browser_go_through_the_host() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let target = root.path().join("expiry.csv");
    let save = || SaveTextFileArgs {
        suggested_name: "expiry.csv".into(),
        contents: "name,expires\n".into(),
    };
    assert_eq!(
        save_text_file(&app, &host, save()).await.unwrap(),
        None,
        "cancelled"
    );
    *host.save_to.lock().unwrap() = Some(target.clone());
    let saved = save_text_file(&app, &host, save()).await.unwrap();
    assert_eq!(saved.as_deref(), target.to_str());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "name,expires\n");

    let local = list_vaults(&app, &host, ()).await.unwrap().remove(0);
    let portal = OpenInPortalArgs {
        vault: local.id,
        id: format!("{}certificates/web", local.url),
    };
    let err = open_in_portal(&app, &host, portal).await.unwrap_err();
    assert_eq!(
        err.code,
        Code::InvalidInput,
        "a local vault has no portal page"
    );
    let azure = add_azure_vault(
        &app,
        &host,
        AddAzureVaultArgs {
            url: "https://contoso.vault.azure.net".into(),
            name: None,
            credential: CredentialKind::DeveloperTools,
            client_secret: None,
        },
    )
    .await
    .unwrap();
    let elsewhere = OpenInPortalArgs {
        vault: azure.id,
        id: "https://evil.example/certificates/web".into(),
    };
    assert_eq!(
        open_in_portal(&app, &host, elsewhere)
            .await
            .unwrap_err()
            .code,
        Code::InvalidInput
    );
    let own = OpenInPortalArgs {
        vault: azure.id,
        id: "https://contoso.vault.azure.net/certificates/web".into(),
    };
    open_in_portal(&app, &host, own).await.unwrap();
    assert_eq!(
        *host.opened.lock().unwrap(),
        [
            "https://portal.azure.com/#asset/Microsoft_Azure_KeyVault/Certificate/https://contoso.vault.azure.net/certificates/web"
        ]
    );

    let about = about_info(&app, &host, ()).await.unwrap();
    assert_eq!(
        (
            about.app_version.as_str(),
            about.commit.as_str(),
            about.webview_engine.as_str()
        ),
        ("9.9.9", "abc1234", "FakeView"),
        "About says what the host was built as"
    );
    assert_eq!(
        about.config_dir,
        root.path().join("config").display().to_string()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_are_saved_before_they_apply_and_survive_a_restart() {
    let root = tempfile::tempdir().unwrap();
    let host = FakeHost::default();
    {
        let app = load(root.path());
        assert_eq!(
            get_settings(&app, &host, ()).await.unwrap().theme,
            ThemePreference::System
        );
        let args = SetThemeArgs {
            theme: ThemePreference::Dark,
        };
        assert_eq!(
            set_theme(&app, &host, args).await.unwrap().theme,
            ThemePreference::Dark
        );
        let zoom = |percent| set_zoom(&app, &host, SetZoomArgs { percent });
        assert_eq!(zoom(200).await.unwrap().zoom_percent, Some(200));
        let refused = zoom(20).await.unwrap_err();
        assert_eq!(refused.code, Code::InvalidInput);
        assert!(refused.message.contains("20 %"), "{}", refused.message);
    }
    let app = load(root.path());
    let settings = get_settings(&app, &host, ()).await.unwrap();
    assert_eq!(settings.theme, ThemePreference::Dark);
    assert_eq!(
        settings.zoom_percent,
        Some(200),
        "the refused zoom changed nothing"
    );
    let reset = set_zoom(&app, &host, SetZoomArgs { percent: 100 }).await;
    assert_eq!(reset.unwrap().zoom_percent, None, "100 % is the default");
    // The vault list keeps no second default: the first start happened already.
    assert_eq!(list_vaults(&app, &host, ()).await.unwrap().len(), 1);
}
