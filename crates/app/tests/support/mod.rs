//! What the app's command tests share: a fake host, an app on a temporary directory, and
//! certificates made for the tests.
#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use app::{App, AppDirs, Host, HostInfo, Result};

/// Answers dialogs with what the test chose, and records the URLs it was asked to open.
#[derive(Default)]
pub struct FakeHost {
    pub picked: Mutex<Option<Vec<PathBuf>>>,
    pub save_to: Mutex<Option<PathBuf>>,
    pub folder: Mutex<Option<PathBuf>>,
    pub opened: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl Host for FakeHost {
    fn info(&self) -> Result<HostInfo> {
        Ok(HostInfo {
            app_name: "CertDeck".into(),
            app_version: "9.9.9".into(),
            commit: "abc1234".into(),
            runtime_version: "2.0.0".into(),
            webview_engine: "FakeView".into(),
            webview_version: "1.0".into(),
        })
    }

    async fn pick_certificate_files(&self) -> Option<Vec<PathBuf>> {
        self.picked.lock().unwrap().take()
    }

    async fn pick_backup_file(&self) -> Option<PathBuf> {
        self.picked.lock().unwrap().take()?.into_iter().next()
    }

    async fn choose_save_path(&self, _: &str) -> Option<PathBuf> {
        self.save_to.lock().unwrap().take()
    }

    async fn pick_folder(&self) -> Option<PathBuf> {
        self.folder.lock().unwrap().take()
    }

    fn open_url(&self, url: &str) -> Result<()> {
        self.opened.lock().unwrap().push(url.to_owned());
        Ok(())
    }
}

pub fn load(root: &Path) -> App {
    let dirs = AppDirs::resolve(root.join("config"), root.join("data")).unwrap();
    let log = dirs.log_dir().join("certdeck.log");
    App::load(dirs, log).unwrap()
}

/// A self-signed EC certificate with its key, as one PEM file.
pub fn pem_with_key(cn: &str) -> Vec<u8> {
    let out = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
        ])
        .args([
            "-nodes",
            "-subj",
            &format!("/CN={cn}"),
            "-keyout",
            "-",
            "-out",
            "-",
        ])
        .output()
        .expect("openssl");
    assert!(out.status.success());
    out.stdout
}

/// A self-signed EC policy for `host` from `issuer` (`Self`, `Unknown`).
pub fn ec_policy(issuer: &str, host: &str) -> vault::CertificatePolicy {
    use vault::{KeyCurve, KeyType, PolicyIssuer, PolicyKey, PolicySans, PolicyX509};
    vault::CertificatePolicy {
        key_props: PolicyKey {
            key_type: Some(KeyType::Ec),
            curve: Some(KeyCurve::P256),
            exportable: Some(true),
            ..Default::default()
        },
        x509_props: PolicyX509 {
            subject: Some(format!("CN={host}")),
            sans: PolicySans {
                dns_names: vec![host.to_owned()],
                ..Default::default()
            },
            validity_months: Some(12),
            ..Default::default()
        },
        issuer: PolicyIssuer {
            name: Some(issuer.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Grants `path` as the file dialog would (the host "picks" it).
pub async fn grant(app: &App, host: &FakeHost, path: &Path) {
    *host.picked.lock().unwrap() = Some(vec![path.to_owned()]);
    app::commands::pick_files(app, host, ()).await.unwrap();
}

static NEXT_REQUEST: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1000);

/// Creates self-signed EC certificate `name` under `policy` and waits until it is issued.
pub async fn issue(
    app: &App,
    host: &FakeHost,
    vault: app::commands::VaultId,
    name: &str,
    policy: vault::CertificatePolicy,
) {
    use app::commands::*;
    let args = CreateCertificateArgs {
        vault,
        name: name.parse().unwrap(),
        policy,
        tags: Default::default(),
        enabled: true,
        deleted_name: None,
    };
    let started = create_certificate(app, host, args).await.unwrap();
    assert!(
        matches!(started, CreateResult::Started { .. }),
        "{started:?}"
    );
    let events = |_| Ok(());
    let watch = WatchOperationArgs {
        vault,
        name: name.parse().unwrap(),
        // Its own request: a number reused while running cancels the earlier watch.
        request: NEXT_REQUEST.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
    };
    let outcome = watch_operation(app, host, watch, &events).await.unwrap();
    assert!(
        matches!(outcome, OperationOutcome::Issued { .. }),
        "{outcome:?}"
    );
}

/// One certificate of a vault, as bulk commands name it.
pub fn target(vault: app::commands::VaultId, name: &str) -> app::commands::CertificateRef {
    app::commands::CertificateRef {
        vault,
        name: name.parse().unwrap(),
    }
}

/// Runs a bulk command; returns its result and the items it streamed.
pub async fn streamed<T>(
    run: impl AsyncFnOnce(&app::commands::Events<'_, T>) -> app::Result<Vec<T>>,
) -> (Vec<T>, Vec<T>)
where
    T: Send,
{
    let seen = Mutex::new(Vec::new());
    let events = |item: T| {
        seen.lock().unwrap().push(item);
        Ok(())
    };
    let returned = run(&events).await.unwrap();
    (returned, seen.into_inner().unwrap())
}

/// Adds local vault `name` next to the default one; returns its id.
pub async fn add_local(app: &App, host: &FakeHost, name: &str) -> app::commands::VaultId {
    let args = app::commands::AddLocalVaultArgs { name: name.into() };
    app::commands::add_local_vault(app, host, args)
        .await
        .unwrap()
        .id
}
