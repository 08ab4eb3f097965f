//! A cancel the UI sends on an event stops a streaming command there, even when every read
//! after it is ready at once (loopback): nothing more is sent, and the command says so.

mod support;

use std::sync::Mutex;

use app::Code;
use app::commands::*;
use support::{FakeHost, load, target};

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_bulk_preview_sends_nothing_after_the_cancel() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = list_vaults(&app, &host, ()).await.unwrap()[0].id;
    let samples = add_samples(&app, &host, VaultArgs { vault }).await.unwrap();
    let args = || BulkPolicyArgs {
        targets: samples.iter().map(|name| target(vault, name)).collect(),
        patch: PolicyPatch {
            validity_months: Some(6),
            ..Default::default()
        },
        request: 4,
    };

    // Uncancelled, it sends an item per certificate.
    let sent = Mutex::new(0);
    let count = |_: BulkItem| {
        *sent.lock().unwrap() += 1;
        Ok(())
    };
    preview_bulk_policy(&app, &host, args(), &count)
        .await
        .unwrap();
    assert_eq!(*sent.lock().unwrap(), samples.len());
    assert!(samples.len() > 1);

    // Cancelled on its first item: no second one.
    let sent = Mutex::new(0);
    let cancel_on_first = |_: BulkItem| {
        *sent.lock().unwrap() += 1;
        let cancel = CancelRequestArgs { request: 4 };
        futures::executor::block_on(cancel_request(&app, &host, cancel))
    };
    let err = preview_bulk_policy(&app, &host, args(), &cancel_on_first)
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::Cancelled, "{err:?}");
    assert_eq!(*sent.lock().unwrap(), 1, "nothing after the cancel");
}
