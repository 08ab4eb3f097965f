//! Azure-only behaviour through the real SDK pipeline, with an in-process transport answering
//! from a script: throttling and Retry-After (listing and import), RBAC denials, the
//! challenge-resource check, deleted-but-recoverable names and names still being deleted after
//! a purge. No network, no local vault: these answers come from Azure alone (our local vault
//! never throttles nor challenges for a foreign resource).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use azure_core::http::headers::{AUTHORIZATION, HeaderName, Headers};
use azure_core::http::{AsyncRawResponse, HttpClient, Method, Request, StatusCode, Transport};
use azure_core::time::OffsetDateTime;
use azure_security_keyvault_certificates::models::CreateCertificateParameters;
use errors::{Code, Error};
use futures::{StreamExt, TryStreamExt};
use vault::{
    CertificateStatus, CredentialKind, VaultConnection, VaultEntry, VaultId, list_certificates,
};

const VAULT_URL: &str = "https://contoso.vault.azure.net/";
const TOKEN: &str = "fake-entra-token";

/// What Key Vault answers a request without a token (as recorded from the real service).
const CHALLENGE: &str = r#"Bearer authorization="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.azure.net""#;
const UNAUTHORIZED: &str = r#"{"error":{"code":"Unauthorized","message":"AKV10000: Request is missing a Bearer or PoP token."}}"#;
const THROTTLED: &str = r#"{"error":{"code":"Throttled","message":"Operations per second is over the limit.","innererror":{"code":"TooManyRequests"}}}"#;
const FORBIDDEN_BY_RBAC: &str = r#"{"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=00000000-0000-0000-0000-000000000000;iss=https://sts.windows.net/00000000-0000-0000-0000-000000000000/\r\nAction: 'Microsoft.KeyVault/vaults/certificates/list/action'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/microsoft.keyvault/vaults/contoso'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: contoso;location=westeurope\r\n","innererror":{"code":"ForbiddenByRbac"}}}"#;
const DELETED_BUT_RECOVERABLE: &str = r#"{"error":{"code":"Conflict","message":"Certificate web is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the certificate can only be recovered or purged.","innererror":{"code":"ObjectIsDeletedButRecoverable"}}}"#;
/// One list page holding one issued certificate (x5t = bytes 0..20).
const PAGE: &str = r#"{"value":[{"id":"https://contoso.vault.azure.net/certificates/web","x5t":"AAECAwQFBgcICQoLDA0ODxAREhM","attributes":{"enabled":true,"nbf":1767225600,"exp":4102444800,"created":1767225600,"updated":1767225600,"recoveryLevel":"Recoverable+Purgeable","recoverableDays":90},"tags":{"team":"web"}}],"nextLink":null}"#;

/// A scripted answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Reply {
    fn json(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "application/json; charset=utf-8".to_owned())],
            body: body.to_owned(),
        }
    }

    fn challenge(www_authenticate: &str) -> Reply {
        Reply::json(401, UNAUTHORIZED).header("www-authenticate", www_authenticate)
    }

    fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// A request as the transport saw it.
#[derive(Debug, Clone)]
struct Seen {
    at: Instant,
    method: Method,
    url: String,
    authorization: Option<String>,
    body_len: usize,
}

/// An `HttpClient` answering each request with the next scripted reply and recording it.
/// An unscripted request fails with a non-retried error, so a surplus request shows up.
#[derive(Debug, Default)]
struct Scripted {
    replies: Mutex<VecDeque<Reply>>,
    seen: Mutex<Vec<Seen>>,
}

impl Scripted {
    fn new(replies: Vec<Reply>) -> Arc<Scripted> {
        Arc::new(Scripted {
            replies: Mutex::new(replies.into()),
            seen: Mutex::default(),
        })
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn left(&self) -> usize {
        self.replies.lock().unwrap().len()
    }
}

#[async_trait::async_trait]
impl HttpClient for Scripted {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        self.seen.lock().unwrap().push(Seen {
            at: Instant::now(),
            method: request.method(),
            url: request.url().to_string(),
            authorization: request
                .headers()
                .get_optional_str(&AUTHORIZATION)
                .map(str::to_owned),
            body_len: azure_core::Bytes::from(request.body()).len(),
        });
        let Some(reply) = self.replies.lock().unwrap().pop_front() else {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Other,
                format!("unscripted request {}", request.url()),
            ));
        };
        let mut headers = Headers::new();
        for (name, value) in reply.headers {
            headers.insert(HeaderName::from_static(name), value);
        }
        Ok(AsyncRawResponse::from_bytes(
            StatusCode::from(reply.status),
            headers,
            reply.body,
        ))
    }
}

/// An Entra credential stand-in that records the scopes it is asked for.
#[derive(Debug, Default)]
struct FakeCredential {
    scopes: Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl TokenCredential for FakeCredential {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        self.scopes
            .lock()
            .unwrap()
            .extend(scopes.iter().map(|s| s.to_string()));
        Ok(AccessToken::new(
            TOKEN.to_owned(),
            OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1),
        ))
    }
}

/// A real-looking Azure vault (challenge verification on, as for every non-local credential)
/// whose requests go to `transport`.
fn contoso(transport: &Arc<Scripted>, credential: &Arc<FakeCredential>) -> VaultConnection {
    let entry = VaultEntry {
        id: VaultId(1),
        name: "contoso".into(),
        url: VAULT_URL.into(),
        credential: CredentialKind::DeveloperTools,
        color: None,
        local_name: None,
    };
    assert!(entry.credential.verifies_challenge_resource());
    VaultConnection::with_transport(
        &entry,
        credential.clone(),
        Transport::new(transport.clone()),
    )
    .unwrap()
}

async fn first_page(vault: &VaultConnection) -> Result<Vec<vault::CertificateSummary>, Error> {
    list_certificates(vault)
        .next()
        .await
        .expect("the stream yields a page or an error")
}

fn bearer() -> Option<String> {
    Some(format!("Bearer {TOKEN}"))
}

#[tokio::test]
async fn a_throttled_page_is_retried_after_retry_after_and_succeeds() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(429, THROTTLED).header("retry-after", "1"),
        Reply::json(200, PAGE),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let started = Instant::now();
    let pages: Vec<_> = list_certificates(&vault).try_collect().await.unwrap();
    let elapsed = started.elapsed();

    let rows: Vec<_> = pages.into_iter().flatten().collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "web");
    assert_eq!(
        rows[0].thumbprint.as_deref(),
        Some("000102030405060708090A0B0C0D0E0F10111213")
    );
    assert_eq!(rows[0].status, CertificateStatus::Healthy);

    let seen = transport.seen();
    assert_eq!(seen.len(), 3, "{seen:#?}");
    assert!(seen.iter().all(|s| {
        s.method == Method::Get
            && s.url
                .starts_with("https://contoso.vault.azure.net/certificates?")
    }));
    assert_eq!(
        seen[0].authorization, None,
        "the first request asks for the challenge"
    );
    assert_eq!(seen[1].authorization, bearer());
    assert_eq!(seen[2].authorization, bearer(), "the retry is signed too");
    let waited = seen[2].at - seen[1].at;
    assert!(
        waited >= Duration::from_millis(950),
        "the retry waited {waited:?}, less than Retry-After: 1"
    );
    assert!(elapsed >= Duration::from_millis(950));
    assert!(
        waited < Duration::from_secs(5),
        "the retry waited {waited:?}: far more than asked"
    );
    assert_eq!(
        *credential.scopes.lock().unwrap(),
        ["https://vault.azure.net/.default"],
        "one token, for the scope the challenge named"
    );
}

#[tokio::test]
async fn throttled_three_times_is_reported_as_throttled_with_a_hint() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(429, THROTTLED).header("retry-after", "1"),
        Reply::json(429, THROTTLED).header("retry-after", "1"),
        Reply::json(429, THROTTLED).header("retry-after", "1"),
        Reply::json(200, PAGE),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let err = first_page(&vault).await.unwrap_err();
    assert_eq!(err.code, Code::Throttled, "{err:?}");
    assert_eq!(err.message, "Operations per second is over the limit.");
    assert!(
        err.hint.as_deref().unwrap().contains("throttling"),
        "{err:?}"
    );

    let seen = transport.seen();
    assert_eq!(
        seen.len(),
        4,
        "one challenge, then three tries (the interactive budget): {seen:#?}"
    );
    assert_eq!(transport.left(), 1, "no fourth try");
    for pair in seen[1..].windows(2) {
        assert!(pair[1].at - pair[0].at >= Duration::from_millis(950));
    }
}

#[tokio::test]
async fn an_rbac_denial_is_forbidden_naming_the_role_and_the_permission() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(403, FORBIDDEN_BY_RBAC),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let err = first_page(&vault).await.unwrap_err();
    assert_eq!(err.code, Code::Forbidden, "{err:?}");
    assert!(
        err.message
            .starts_with("Caller is not authorized to perform action on resource."),
        "{}",
        err.message
    );
    let hint = err.hint.unwrap();
    assert!(hint.contains("Key Vault Certificates Officer"), "{hint}");
    assert!(hint.contains(r#"certificate permission "list""#), "{hint}");
    assert_eq!(transport.seen().len(), 2, "a 403 is not retried");
}

/// Downloading the key reads the certificate's secret: a role that may read certificates but not
/// secrets (Certificates Officer) gets a 403 that names what is missing.
#[tokio::test]
async fn a_denied_secret_read_names_the_secret_permission_and_roles() {
    let denied = FORBIDDEN_BY_RBAC.replace(
        "vaults/certificates/list/action",
        "vaults/secrets/getSecret/action",
    );
    let transport = Scripted::new(vec![Reply::challenge(CHALLENGE), Reply::json(403, &denied)]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let err = vault::read_certificate_secret(&vault, "web", Some("0123456789abcdef"))
        .await
        .err()
        .unwrap();
    assert_eq!(err.code, Code::Forbidden, "{err:?}");
    assert!(
        err.message.contains("secrets/getSecret/action"),
        "{}",
        err.message
    );
    let hint = err.hint.unwrap();
    assert!(hint.contains(r#"secret permission "get""#), "{hint}");
    assert!(hint.contains("Key Vault Secrets User"), "{hint}");
    assert!(hint.contains("Key Vault Certificate User"), "{hint}");
    assert!(
        hint.contains("Certificates Officer\" alone cannot"),
        "{hint}"
    );
    let seen = transport.seen();
    assert!(
        seen[1].url.contains("/secrets/web/0123456789abcdef"),
        "{}",
        seen[1].url
    );
}

#[tokio::test]
async fn a_challenge_for_a_foreign_resource_gets_no_token() {
    let impostor = r#"Bearer authorization="https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", resource="https://vault.impostor.example""#;
    let transport = Scripted::new(vec![Reply::challenge(impostor), Reply::challenge(impostor)]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let err = first_page(&vault).await.unwrap_err();
    assert_eq!(err.code, Code::NotSignedIn, "{err:?}");
    assert!(
        err.message.contains("vault.impostor.example"),
        "{}",
        err.message
    );
    assert!(
        err.hint.as_deref().unwrap().contains("vault URL"),
        "{err:?}"
    );

    // The refused scope must not be cached: the next call asks for a challenge again and
    // sends no token (azure_security_keyvault_certificates 1.0.0 sent one here).
    let again = first_page(&vault).await.unwrap_err();
    assert_eq!(again.code, Code::NotSignedIn, "{again:?}");
    let seen = transport.seen();
    assert_eq!(seen.len(), 2, "{seen:#?}");
    assert!(
        seen.iter().all(|s| s.authorization.is_none()),
        "a token went out: {seen:#?}"
    );
    assert!(
        credential.scopes.lock().unwrap().is_empty(),
        "no token was even requested for the impostor: {:?}",
        credential.scopes.lock().unwrap()
    );
}

#[tokio::test]
async fn creating_over_a_deleted_name_is_deleted_but_recoverable() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(409, DELETED_BUT_RECOVERABLE),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let body = CreateCertificateParameters::default().try_into().unwrap();
    let err = vault
        .certificates
        .begin_create_certificate("web", body, None)
        .unwrap()
        .await
        .unwrap_err();
    let err = vault::error::from_azure(&err, "contoso", "create");
    assert_eq!(err.code, Code::DeletedButRecoverable, "{err:?}");
    assert!(err.message.contains("deleted but recoverable"));
    assert!(err.hint.unwrap().contains("recover it, or purge it"));

    let seen = transport.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].method, Method::Post);
    assert!(
        seen[0].url.contains("/certificates/web/create?"),
        "{}",
        seen[0].url
    );
    assert_eq!(seen[0].body_len, 0, "the challenge request carries no body");
    assert!(seen[1].body_len > 0, "the signed request carries the body");
    assert_eq!(seen[1].authorization, bearer());
}

/// What an import answers: the new version.
const IMPORTED: &str = r#"{"id":"https://contoso.vault.azure.net/certificates/web/0123456789abcdef","x5t":"AAECAwQFBgcICQoLDA0ODxAREhM","attributes":{"enabled":true,"nbf":1767225600,"exp":4102444800,"created":1767225600,"updated":1767225600}}"#;
const NOT_FOUND: &str = r#"{"error":{"code":"CertificateNotFound","message":"A certificate with (name/id) web was not found in this key vault."}}"#;
/// Azure's answer for a few seconds after a purge (our local vault frees the name at once).
const BEING_DELETED: &str = r#"{"error":{"code":"Conflict","message":"Certificate web is currently being deleted.","innererror":{"code":"ObjectIsBeingDeleted"}}}"#;

fn any_payload() -> inspect::import::Payload {
    inspect::import::Payload {
        content_type: inspect::import::ContentType::Pfx,
        value: zeroize::Zeroizing::new("MIIB".into()),
        password: None,
    }
}

fn import_web(deleted_name: Option<vault::DeletedName>) -> vault::ImportOptions {
    vault::ImportOptions {
        name: "web".into(),
        enabled: true,
        tags: Default::default(),
        deleted_name,
    }
}

#[tokio::test]
async fn a_throttled_import_is_retried_after_retry_after() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        // The version current before the import: none.
        Reply::json(404, NOT_FOUND),
        Reply::json(429, THROTTLED).header("retry-after", "1"),
        Reply::json(200, IMPORTED),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);
    let row = vault
        .import_certificate(&any_payload(), &import_web(None))
        .await
        .unwrap();
    assert_eq!(row.version.as_deref(), Some("0123456789abcdef"));
    let seen = transport.seen();
    assert_eq!(seen.len(), 4, "{seen:#?}");
    assert!(seen[1].method == Method::Get && seen[1].url.contains("/certificates/web/?"));
    assert!(
        seen[2..]
            .iter()
            .all(|s| s.method == Method::Post && s.url.contains("/certificates/web/import?"))
    );
    assert!(
        seen[3].at - seen[2].at >= Duration::from_millis(950),
        "Retry-After honoured"
    );
}

#[tokio::test]
async fn an_import_after_a_purge_waits_while_the_name_is_still_being_deleted() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(204, ""),
        Reply::json(404, NOT_FOUND),
        Reply::json(404, NOT_FOUND),
        Reply::json(404, NOT_FOUND),
        Reply::json(409, BEING_DELETED),
        Reply::json(404, NOT_FOUND),
        Reply::json(200, IMPORTED),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);
    let row = vault
        .import_certificate(&any_payload(), &import_web(Some(vault::DeletedName::Purge)))
        .await
        .unwrap();
    assert_eq!(row.name, "web");
    let seen: Vec<_> = transport
        .seen()
        .into_iter()
        .map(|s| (s.method, s.url.split('?').next().unwrap().to_owned()))
        .collect();
    let url = |path: &str| format!("https://contoso.vault.azure.net/{path}");
    assert_eq!(
        seen,
        [
            (Method::Delete, url("deletedcertificates/web")),
            (Method::Delete, url("deletedcertificates/web")),
            (Method::Get, url("certificates/web/")),
            (Method::Get, url("deletedcertificates/web")),
            (Method::Get, url("certificates/web/")),
            (Method::Post, url("certificates/web/import")),
            (Method::Get, url("certificates/web/")),
            (Method::Post, url("certificates/web/import")),
        ]
    );
}

/// The pending operation as Key Vault words it while it issues, and once done.
fn operation(status: &str) -> String {
    let target = if status == "completed" {
        r#","target":"https://contoso.vault.azure.net/certificates/web""#
    } else {
        ""
    };
    format!(
        r#"{{"id":"https://contoso.vault.azure.net/certificates/web/pending","issuer":{{"name":"Self"}},"csr":"MIIBHzCBxQIBADAY","cancellation_requested":false,"status":"{status}","status_details":"Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later.","request_id":"128f09f092a74a81bebbf34f2ee56f07"{target}}}"#
    )
}

/// Azure asks for `Retry-After: 10` while it issues. The create still answers at once (the
/// SDK's poller alone would sleep those 10 s before handing over the 202), and the waiter
/// then polls at the pace the service asks for rather than its own back-off.
#[tokio::test]
async fn a_create_answers_at_once_and_the_wait_honours_retry_after() {
    let transport = Scripted::new(vec![
        Reply::challenge(CHALLENGE),
        Reply::json(202, &operation("inProgress")).header("retry-after", "10"),
        Reply::json(200, &operation("inProgress")).header("retry-after", "1"),
        Reply::json(200, &operation("completed")),
        Reply::json(200, IMPORTED),
    ]);
    let credential = Arc::new(FakeCredential::default());
    let vault = contoso(&transport, &credential);

    let started = Instant::now();
    let policy = vault::CertificatePolicy::default();
    let created = vault
        .create_certificate("web", &policy, &Default::default(), true)
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(created.status, vault::OperationStatus::InProgress);
    assert_eq!(
        created.request_id.as_deref(),
        Some("128f09f092a74a81bebbf34f2ee56f07")
    );

    let mut seen = Vec::new();
    let outcome = vault
        .wait_for_operation("web", |op| seen.push(op.status.clone()))
        .await
        .unwrap();
    assert_eq!(
        seen,
        [
            vault::OperationStatus::InProgress,
            vault::OperationStatus::Completed
        ]
    );
    let vault::OperationOutcome::Issued { certificate, .. } = outcome else {
        panic!("{outcome:?}");
    };
    assert_eq!(certificate.version.as_deref(), Some("0123456789abcdef"));

    let polls: Vec<Seen> = transport
        .seen()
        .into_iter()
        .filter(|s| s.method == Method::Get && s.url.contains("/certificates/web/pending?"))
        .collect();
    assert_eq!(polls.len(), 2);
    assert!(
        polls[1].at - polls[0].at >= Duration::from_secs(1),
        "the second poll waited for Retry-After"
    );
    assert_eq!(transport.left(), 0);
}
