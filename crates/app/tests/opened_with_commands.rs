//! Files opened with CertDeck (its command line, a second launch's) reach the import like a
//! drop: granted, resolved against the launching folder, and kept until the UI listens.

mod support;

use std::path::{Path, PathBuf};

use app::Code;
use app::commands::*;
use support::{FakeHost, load, pem_with_key};

fn open(path: &Path) -> OpenFileArgs {
    OpenFileArgs {
        path: path.to_owned(),
        password: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn files_opened_before_the_ui_listens_wait_for_it_then_come_as_drops() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let certs = root.path().canonicalize().unwrap().join("certs");
    std::fs::create_dir(&certs).unwrap();
    let web = certs.join("web.pem");
    std::fs::write(&web, pem_with_key("web.contoso.com")).unwrap();

    // The first launch: `certdeck --flag web.pem missing.pfx` from the certs folder.
    let argv = ["/usr/bin/certdeck", "--flag", "web.pem", "missing.pfx"];
    assert_eq!(
        app.files_opened(argv, &certs),
        None,
        "the UI is not listening"
    );
    let missing = certs.join("missing.pfx");
    assert_eq!(
        take_opened_files(&app, &host, ()).await.unwrap(),
        [web.clone(), missing.clone()]
    );
    assert_eq!(
        open_file(&app, &host, open(&web)).await.unwrap().file_name,
        "web.pem"
    );

    // A file named but not there fails as a dropped file that went away does.
    let err = open_file(&app, &host, open(&missing)).await.unwrap_err();
    let dropped = certs.join("dropped.pem");
    std::fs::write(&dropped, b"x").unwrap();
    assert_eq!(
        app.files_dropped([dropped.clone()]),
        std::slice::from_ref(&dropped)
    );
    std::fs::remove_file(&dropped).unwrap();
    let gone = open_file(&app, &host, open(&dropped)).await.unwrap_err();
    assert_eq!((err.code, gone.code), (Code::Io, Code::Io));
    assert_eq!(
        err.message.replace("missing.pfx", "dropped.pem"),
        gone.message
    );
    assert!(err.message.contains(&*missing.to_string_lossy()), "{err:?}");

    // A second launch once the UI listens: its files come at once, as a drop's would.
    let api = certs.join("api.pem");
    std::fs::write(&api, pem_with_key("api.contoso.com")).unwrap();
    let second = ["certdeck", "api.pem"].map(PathBuf::from);
    assert_eq!(app.files_opened(second, &certs), Some(vec![api.clone()]));
    assert!(open_file(&app, &host, open(&api)).await.is_ok());
    assert!(
        take_opened_files(&app, &host, ()).await.unwrap().is_empty(),
        "nothing waits once the UI listens"
    );
    assert_eq!(
        app.files_opened(["certdeck", "--new-window"], &certs),
        None,
        "flags alone open nothing"
    );
}
