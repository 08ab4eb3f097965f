//! Errors from Key Vault, mapped to stable codes and hints an administrator can act on.

use azure_core::error::ErrorKind;

use errors::ErrorAnswer;
pub(crate) use errors::{Code, Error};

/// Maps an SDK error for an operation on `vault` that needs the certificates permission
/// `permission` (access-policy name, e.g. "list", "get", "import").
pub fn from_azure(err: &azure_core::Error, vault: &str, permission: &str) -> Error {
    if let Some(answer) = ErrorAnswer::of(err) {
        return from_answer(&answer, vault, permission);
    }
    match err.kind() {
        ErrorKind::Credential => match own_error(err) {
            // A credential of CertDeck's own (an account's) says what it means itself.
            Some(ours) => Error {
                message: format!("{vault}: {}", ours.message),
                ..ours
            },
            None => Error::new(
                Code::NotSignedIn,
                format!("Could not sign in to {vault}: {}", detail(err)),
            )
            .with_hint(
                "Run `az login` (or `azd auth login`) and retry, or pick another credential for this vault.",
            ),
        },
        ErrorKind::Connection | ErrorKind::Io => from_transport(err, vault),
        // An `HttpResponse` is an answer, read above.
        ErrorKind::HttpResponse { .. } | ErrorKind::DataConversion | ErrorKind::Other => {
            let detail = detail(err);
            if detail.contains("doesn't match the requested domain") {
                // The SDK refused to send a token to the resource a 401 challenge named.
                Error::new(
                    Code::NotSignedIn,
                    format!("{vault} asked for a token meant for another service, so none was sent: {detail}"),
                )
                .with_hint(
                    "Check the vault URL: a real vault's address ends in its cloud's vault domain (e.g. .vault.azure.net). A proxy rewriting Azure sign-in challenges can also cause this.",
                )
            } else {
                Error::new(Code::Service, format!("{vault}: {detail}"))
            }
        }
    }
}

/// The `errors::Error` a credential put in the cause chain, if any.
fn own_error(err: &azure_core::Error) -> Option<Error> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = next {
        if let Some(ours) = cause.downcast_ref::<Error>() {
            return Some(ours.clone());
        }
        next = cause.source();
    }
    None
}

/// What went wrong, from the whole cause chain: the SDK's retry policy wraps the real cause
/// (a refused challenge, a CLI's sign-in error) in a generic message of its own.
fn detail(err: &azure_core::Error) -> String {
    const WRAPPERS: [&str; 2] = [
        "non-transport error occurred which will not be retried",
        "retry policy expired and the request will no longer be retried",
    ];
    let mut parts: Vec<String> = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = next {
        let text = cause.to_string();
        if !WRAPPERS.contains(&text.as_str()) && !parts.contains(&text) {
            parts.push(text);
        }
        next = cause.source();
    }
    if parts.is_empty() {
        err.kind().to_string()
    } else {
        parts.join(": ")
    }
}

/// Key Vault's error answer in its words, with what an administrator can do about it.
fn from_answer(answer: &ErrorAnswer, vault: &str, permission: &str) -> Error {
    let message = answer
        .message
        .clone()
        .unwrap_or_else(|| format!("{vault} answered {}", answer.status));
    match (answer.code(), answer.inner_code.as_deref()) {
        (Code::NotSignedIn, _) => Error::new(Code::NotSignedIn, message).with_hint(
            "Sign in again (`az login`), or check that the credential belongs to the vault's tenant.",
        ),
        (Code::Forbidden, Some("ForbiddenByFirewall")) => {
            Error::new(Code::Forbidden, message).with_hint(
                "The vault's firewall does not allow your network address: ask for it to be added under the vault's Networking settings, or connect through the allowed network (VPN, private endpoint).",
            )
        }
        (Code::Forbidden, _) => Error::new(Code::Forbidden, message).with_hint(format!(
            "Your identity lacks the certificates \"{permission}\" permission on {vault}. With Azure RBAC, ask for \"Key Vault Certificates Officer\" (or \"Key Vault Reader\" to only view); with access policies, ask for the certificate permission \"{permission}\"."
        )),
        (Code::NotFound, _) => Error::new(Code::NotFound, message)
            .with_hint("It may have been deleted or renamed: refresh the list."),
        (Code::Conflict, Some("ObjectIsDeletedButRecoverable")) => {
            Error::new(Code::DeletedButRecoverable, message).with_hint(
                "A deleted certificate holds this name: recover it, or purge it to reuse the name.",
            )
        }
        (Code::Conflict, Some("ObjectIsBeingDeleted")) => {
            Error::new(Code::BeingDeleted, message).with_hint(
                "Key Vault is still deleting this certificate (it takes a few seconds): wait a moment and retry.",
            )
        }
        (Code::Throttled, _) => Error::new(Code::Throttled, message).with_hint(
            "Key Vault is throttling requests to this vault; CertDeck slows down and retries. Wait a moment.",
        ),
        (code @ (Code::Conflict | Code::InvalidInput), _) => Error::new(code, message),
        _ => {
            let err = Error::new(Code::Service, answer.with_error_code(message));
            if answer.status >= 500 {
                err.with_hint(
                    "The vault failed on its side, also when CertDeck tried again: retry in a moment.",
                )
            } else {
                err
            }
        }
    }
}

/// A request that got no HTTP answer: refused, DNS, TLS.
pub(crate) fn from_transport(err: &(dyn std::error::Error + 'static), vault: &str) -> Error {
    // The deepest cause names the real failure (refused, DNS, certificate); the outer ones
    // repeat the request URL, which would mislead a text match.
    let mut deepest = err;
    let mut refused = false;
    while let Some(cause) = deepest.source() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as Io;
            refused |= matches!(
                io.kind(),
                Io::ConnectionRefused
                    | Io::ConnectionReset
                    | Io::TimedOut
                    | Io::HostUnreachable
                    | Io::NetworkUnreachable
            );
        }
        deepest = cause;
    }
    let detail = deepest.to_string();
    let lower = detail.to_lowercase();
    if !refused
        && ["certificate", "tls", "handshake"]
            .iter()
            .any(|w| lower.contains(w))
    {
        Error::new(
            Code::Tls,
            format!("The TLS connection to {vault} failed: {detail}"),
        )
        .with_hint(
            "A proxy or firewall may intercept HTTPS, or the vault's certificate is not trusted.",
        )
    } else if !refused
        && ["lookup", "dns", "resolve", "name or service"]
            .iter()
            .any(|w| lower.contains(w))
    {
        Error::new(
            Code::Offline,
            format!("{vault} could not be found: {detail}"),
        )
        .with_hint("Check the vault URL and your network connection.")
    } else {
        Error::new(Code::Offline, format!("Could not reach {vault}: {detail}"))
            .with_hint("Check your network connection, VPN or proxy, then retry.")
    }
}

#[cfg(test)]
mod tests {
    use azure_core::http::headers::Headers;
    use azure_core::http::{RawResponse, StatusCode};

    use super::*;

    /// The error the SDK makes of a non-success response (as `check_success` builds it).
    fn http_error(status: u16, body: &str) -> azure_core::Error {
        let status = StatusCode::from(status);
        let code = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| v["error"]["code"].as_str().map(str::to_owned));
        let raw = RawResponse::from_bytes(status, Headers::new(), body.to_owned());
        azure_core::Error::with_message(
            ErrorKind::HttpResponse {
                status,
                error_code: code,
                raw_response: Some(Box::new(raw)),
            },
            "from the service",
        )
    }

    /// As Key Vault words an RBAC denial (the message lines are the service's).
    const FORBIDDEN_BY_RBAC: &str = r#"{"error":{"code":"Forbidden","message":"Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\nCaller: appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;oid=00000000-0000-0000-0000-000000000000;iss=https://sts.windows.net/00000000-0000-0000-0000-000000000000/\r\nAction: 'Microsoft.KeyVault/vaults/certificates/list/action'\r\nResource: '/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg/providers/microsoft.keyvault/vaults/contoso'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\nVault: contoso;location=westeurope\r\n","innererror":{"code":"ForbiddenByRbac"}}}"#;

    #[test]
    fn an_rbac_denial_names_the_role_and_the_access_policy_permission() {
        let err = from_azure(&http_error(403, FORBIDDEN_BY_RBAC), "contoso", "list");
        assert_eq!(err.code, Code::Forbidden);
        assert!(
            err.message.starts_with("Caller is not authorized"),
            "{}",
            err.message
        );
        let hint = err.hint.unwrap();
        assert!(hint.contains("Key Vault Certificates Officer"), "{hint}");
        assert!(hint.contains("Key Vault Reader"), "{hint}");
        assert!(hint.contains(r#"certificate permission "list""#), "{hint}");
        assert!(hint.contains("contoso"), "{hint}");
    }

    #[test]
    fn an_access_policy_denial_names_the_missing_permission() {
        let body = r#"{"error":{"code":"Forbidden","message":"The user, group or application 'appid=1;oid=2;iss=https://sts.windows.net/3/' does not have certificates import permission on key vault 'contoso;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287","innererror":{"code":"AccessDenied"}}}"#;
        let err = from_azure(&http_error(403, body), "contoso", "import");
        assert_eq!(err.code, Code::Forbidden);
        assert!(
            err.message
                .contains("does not have certificates import permission")
        );
        assert!(
            err.hint
                .unwrap()
                .contains(r#"certificate permission "import""#)
        );
    }

    #[test]
    fn a_firewall_denial_is_not_blamed_on_roles() {
        let body = r#"{"error":{"code":"Forbidden","message":"Client address is not authorized and caller is not a trusted service.\r\nClient address: 203.0.113.7\r\nCaller: appid=1;oid=2\r\nVault: contoso;location=westeurope","innererror":{"code":"ForbiddenByFirewall"}}}"#;
        let err = from_azure(&http_error(403, body), "contoso", "list");
        assert_eq!(err.code, Code::Forbidden);
        let hint = err.hint.unwrap();
        assert!(hint.contains("firewall"), "{hint}");
        assert!(!hint.contains("Officer"), "{hint}");
    }

    #[test]
    fn conflicts_tell_a_deleted_name_from_other_clashes() {
        let deleted = r#"{"error":{"code":"Conflict","message":"Certificate web is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the certificate can only be recovered or purged.","innererror":{"code":"ObjectIsDeletedButRecoverable"}}}"#;
        let err = from_azure(&http_error(409, deleted), "contoso", "create");
        assert_eq!(err.code, Code::DeletedButRecoverable);
        assert!(err.hint.unwrap().contains("recover it, or purge it"));

        let being_deleted = r#"{"error":{"code":"Conflict","message":"Certificate is currently being deleted.","innererror":{"code":"ObjectIsBeingDeleted"}}}"#;
        let err = from_azure(&http_error(409, being_deleted), "contoso", "purge");
        assert_eq!(err.code, Code::BeingDeleted);
        assert_eq!(err.message, "Certificate is currently being deleted.");
    }

    #[test]
    fn statuses_map_to_codes_and_unreadable_bodies_keep_the_status() {
        let not_found = r#"{"error":{"code":"CertificateNotFound","message":"A certificate with (name/id) web was not found in this key vault."}}"#;
        let err = from_azure(&http_error(404, not_found), "contoso", "get");
        assert_eq!(err.code, Code::NotFound);
        assert!(err.hint.is_some());

        let throttled = r#"{"error":{"code":"Throttled","message":"Operations per second is over the limit.","innererror":{"code":"TooManyRequests"}}}"#;
        let err = from_azure(&http_error(429, throttled), "contoso", "list");
        assert_eq!(err.code, Code::Throttled);
        assert!(err.hint.unwrap().contains("throttling"));

        let bad = r#"{"error":{"code":"BadParameter","message":"The request URI contains an invalid name: a_b"}}"#;
        let err = from_azure(&http_error(400, bad), "contoso", "create");
        assert_eq!(err.code, Code::InvalidInput);

        let gateway = "<html><body>502 Bad Gateway</body></html>";
        let err = from_azure(&http_error(502, gateway), "contoso", "list");
        assert_eq!(err.code, Code::Service);
        assert!(err.message.contains("502"), "{}", err.message);
        assert!(err.message.contains("contoso"), "{}", err.message);

        let unavailable = r#"{"error":{"code":"ServiceUnavailable","message":"Try later."}}"#;
        let err = from_azure(&http_error(503, unavailable), "contoso", "list");
        assert_eq!(err.code, Code::Service);
        assert_eq!(err.message, "Try later. (ServiceUnavailable)");
        assert!(
            err.hint
                .is_some_and(|hint| hint.contains("retry in a moment"))
        );
    }

    #[test]
    fn errors_reach_the_ui_as_code_message_and_hint() {
        let err = Error::new(Code::Throttled, "Slow down.").with_hint("Wait.");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({"code": "Throttled", "message": "Slow down.", "hint": "Wait."})
        );
        assert_eq!(
            serde_json::to_value(Error::new(Code::Io, "x")).unwrap(),
            serde_json::json!({"code": "Io", "message": "x", "hint": null})
        );
    }

    #[test]
    fn a_credentials_own_error_keeps_its_code_and_hint() {
        let ours = Error::new(Code::SignInRequired, "AADSTS50076: MFA is required.")
            .with_hint("Sign in again.");
        let err = azure_core::Error::new(ErrorKind::Credential, ours);
        let mapped = from_azure(&err, "kv1", "list");
        assert_eq!(mapped.code, Code::SignInRequired);
        assert_eq!(mapped.message, "kv1: AADSTS50076: MFA is required.");
        assert_eq!(mapped.hint.as_deref(), Some("Sign in again."));
    }

    #[test]
    fn the_cause_shows_through_the_retry_policys_wrapper() {
        // As the SDK reports a refused challenge: its message, wrapped by the retry policy.
        let refused = azure_core::Error::with_message(
            ErrorKind::Other,
            "challenge resource 'https://vault.evil.example/.default' doesn't match the requested domain 'contoso.vault.azure.net'.",
        )
        .with_context("non-transport error occurred which will not be retried");
        let err = from_azure(&refused, "contoso", "list");
        assert_eq!(err.code, Code::NotSignedIn);
        assert!(
            err.message.contains("vault.evil.example"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("non-transport"), "{}", err.message);
        assert!(err.hint.unwrap().contains("vault URL"));

        let cli = azure_core::Error::with_message(
            ErrorKind::Credential,
            "AzureCliCredential authentication failed. ERROR: Please run 'az login' to setup account.",
        )
        .with_context("non-transport error occurred which will not be retried");
        let err = from_azure(&cli, "contoso", "list");
        assert_eq!(err.code, Code::NotSignedIn);
        assert!(
            err.message.contains("Please run 'az login'"),
            "{}",
            err.message
        );

        let other = azure_core::Error::with_message(ErrorKind::DataConversion, "bad JSON at 1:7");
        let err = from_azure(&other, "contoso", "list");
        assert_eq!(err.code, Code::Service);
        assert_eq!(err.message, "contoso: bad JSON at 1:7");
    }
}
