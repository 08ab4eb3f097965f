//! Creating certificates through the commands, against the embedded local vault: self-signed
//! and watched to the end, a CSR signed here and merged from an opened file, a foreign
//! certificate refused before sending, and an operation cancelled then deleted.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use app::commands::*;
use app::{App, Code};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DnType, IsCa, Issuer,
    KeyPair,
};
use support::{FakeHost, ec_policy, grant, load, pem_with_key};
use vault::{OperationStatus, SELF_ISSUER, UNKNOWN_ISSUER};

async fn local_vault(app: &App, host: &FakeHost) -> VaultId {
    list_vaults(app, host, ()).await.unwrap()[0].id
}

fn create(vault: VaultId, name: &str, policy: CertificatePolicy) -> CreateCertificateArgs {
    CreateCertificateArgs {
        vault,
        name: name.parse().unwrap(),
        policy,
        tags: BTreeMap::from([("team".into(), "web".into())]),
        enabled: true,
        deleted_name: None,
    }
}

async fn started(app: &App, host: &FakeHost, args: CreateCertificateArgs) -> PendingOperation {
    match create_certificate(app, host, args).await.unwrap() {
        CreateResult::Started { operation } => operation,
        refused => panic!("{refused:?}"),
    }
}

async fn watch(
    app: &App,
    host: &FakeHost,
    vault: VaultId,
    name: &str,
) -> (OperationOutcome, Vec<PendingOperation>) {
    let seen = Mutex::new(Vec::new());
    let events = |operation: PendingOperation| {
        seen.lock().unwrap().push(operation);
        Ok(())
    };
    let args = WatchOperationArgs {
        vault,
        name: name.parse().unwrap(),
        request: 1,
    };
    let outcome = watch_operation(app, host, args, &events).await.unwrap();
    (outcome, seen.into_inner().unwrap())
}

/// Writes `pem` to a file in `dir`, grants it and opens it; returns its handle.
async fn open_pem(app: &App, host: &FakeHost, dir: &Path, file: &str, pem: &[u8]) -> u32 {
    let path = dir.canonicalize().unwrap().join(file);
    std::fs::write(&path, pem).unwrap();
    grant(app, host, &path).await;
    let args = OpenFileArgs {
        path,
        password: None,
    };
    open_file(app, host, args).await.unwrap().id
}

/// A CA made here, and `csr` signed by it: (signed leaf PEM, CA PEM).
fn sign(csr: &str) -> (String, String) {
    let ca_key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params
        .distinguished_name
        .push(DnType::CommonName, "App Test CA");
    let ca_cert = params.self_signed(&ca_key).unwrap();
    let ca = Issuer::new(params, ca_key);
    let leaf = CertificateSigningRequestParams::from_pem(csr)
        .unwrap()
        .signed_by(&ca)
        .unwrap();
    (leaf.pem(), ca_cert.pem())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_signed_certificate_is_watched_until_issued() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    let template = list_templates(&app, &host, ()).await.unwrap();
    let mut policy = template
        .iter()
        .find(|t| t.builtin && t.policy.issuer.name.as_deref() == Some(SELF_ISSUER))
        .expect("a built-in self-signed template")
        .policy
        .clone();
    policy.x509_props.subject = Some("CN=web.contoso.test".into());

    let operation = started(&app, &host, create(vault, "web", policy)).await;
    assert_eq!(operation.status, OperationStatus::InProgress);
    let (outcome, seen) = watch(&app, &host, vault, "web").await;
    assert_eq!(
        seen.last().map(|op| &op.status),
        Some(&OperationStatus::Completed),
        "each state is streamed, the last one completed: {seen:?}"
    );
    let OperationOutcome::Issued { certificate, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(certificate.name, "web");
    assert!(certificate.thumbprint.is_some(), "the row the UI caches");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csr_signed_elsewhere_is_planned_and_merged_from_a_file() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    started(
        &app,
        &host,
        create(vault, "signed", ec_policy(UNKNOWN_ISSUER, "csr.test")),
    )
    .await;
    let (outcome, _) = watch(&app, &host, vault, "signed").await;
    let OperationOutcome::AwaitingMerge { operation } = outcome else {
        panic!("{outcome:?}");
    };
    let (leaf, ca) = sign(&operation.csr.unwrap());

    // Root first and the leaf twice: both repaired, and said so.
    let bundle = format!("{ca}{leaf}{leaf}");
    let file = open_pem(&app, &host, root.path(), "signed.pem", bundle.as_bytes()).await;
    let args = || MergeArgs {
        vault,
        name: "signed".parse().unwrap(),
        files: vec![file],
    };
    let plan = plan_merge(&app, &host, args()).await.unwrap();
    assert!(plan.ready, "{plan:?}");
    assert_eq!(plan.chain, ["CN=csr.test", "CN=App Test CA"]);
    assert_eq!(plan.repairs.len(), 2, "{:?}", plan.repairs);
    assert!(plan.problems.is_empty());

    let row = merge_certificate(&app, &host, args()).await.unwrap();
    assert_eq!(row.name, "signed");
    assert!(row.thumbprint.is_some());
    let closed = plan_merge(&app, &host, args()).await.unwrap_err();
    assert_eq!(closed.code, Code::NotFound, "merged files are closed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_foreign_certificate_is_not_merged() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    started(
        &app,
        &host,
        create(vault, "pending", ec_policy(UNKNOWN_ISSUER, "p.test")),
    )
    .await;

    let file = open_pem(
        &app,
        &host,
        root.path(),
        "other.pem",
        &pem_with_key("other.test"),
    )
    .await;
    let args = || MergeArgs {
        vault,
        name: "pending".parse().unwrap(),
        files: vec![file],
    };
    let plan = plan_merge(&app, &host, args()).await.unwrap();
    assert!(!plan.ready);
    assert!(plan.chain.is_empty());
    assert!(
        plan.problems[0].contains("CSR's public key") && plan.problems[0].contains("CN=other.test"),
        "{:?}",
        plan.problems
    );
    let refused = merge_certificate(&app, &host, args()).await.unwrap_err();
    assert_eq!(refused.code, Code::InvalidInput);
    assert_eq!(refused.message, plan.problems[0]);
    assert!(
        plan_merge(&app, &host, args()).await.is_ok(),
        "a refused merge keeps its files"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_operation_is_cancelled_then_deleted() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    started(
        &app,
        &host,
        create(vault, "stopped", ec_policy(SELF_ISSUER, "s.test")),
    )
    .await;
    let name = || CertificateArgs {
        vault,
        name: "stopped".parse().unwrap(),
    };

    let cancelled = cancel_operation(&app, &host, name()).await.unwrap();
    assert!(cancelled.cancellation_requested);
    let (outcome, _) = watch(&app, &host, vault, "stopped").await;
    assert!(
        matches!(outcome, OperationOutcome::Cancelled { .. }),
        "{outcome:?}"
    );

    let deleted = delete_operation(&app, &host, name()).await.unwrap();
    assert_eq!(deleted.name, "stopped");
    let gone = get_operation(&app, &host, name()).await.unwrap_err();
    assert_eq!(gone.code, Code::NotFound);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rule_breaking_create_is_refused_on_its_field() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    let mut policy = ec_policy(SELF_ISSUER, "r.test");
    policy.x509_props.validity_months = Some(0);
    let refused = create_certificate(&app, &host, create(vault, "refused", policy))
        .await
        .unwrap();
    let CreateResult::Refused { issues } = refused else {
        panic!("{refused:?}");
    };
    assert!(
        issues
            .iter()
            .any(|i| i.field == "x509_props.validity_months"),
        "{issues:?}"
    );
    let status = check_certificate_name(
        &app,
        &host,
        CertificateArgs {
            vault,
            name: "refused".parse().unwrap(),
        },
    )
    .await
    .unwrap();
    assert!(matches!(status, NameStatus::Free), "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn cancelling_the_request_stops_watching_not_the_operation() {
    let root = tempfile::tempdir().unwrap();
    let (app, host) = (load(root.path()), FakeHost::default());
    let vault = local_vault(&app, &host).await;
    started(
        &app,
        &host,
        create(vault, "slow", ec_policy(SELF_ISSUER, "slow.test")),
    )
    .await;
    let events = |_| Ok(());
    let args = WatchOperationArgs {
        vault,
        name: "slow".parse().unwrap(),
        request: 42,
    };
    let (watched, _) = tokio::join!(watch_operation(&app, &host, args, &events), async {
        // The local vault issues after 2 s; the UI moves on before.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        cancel_request(&app, &host, CancelRequestArgs { request: 42 }).await
    });
    assert_eq!(watched.unwrap_err().code, Code::Cancelled);
    let (outcome, _) = watch(&app, &host, vault, "slow").await;
    assert!(
        matches!(outcome, OperationOutcome::Issued { .. }),
        "{outcome:?}"
    );
}
