//! Errors from Key Vault, mapped to stable codes and hints an administrator can act on.

use azure_core::error::ErrorKind;
use azure_core::http::StatusCode;
use serde::{Deserialize, Serialize};

/// Stable, machine-readable codes; the UI branches on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorCode {
    InvalidVaultUrl,
    InvalidInput,
    NotSignedIn,
    Forbidden,
    NotFound,
    DeletedButRecoverable,
    Conflict,
    Throttled,
    Offline,
    Tls,
    Service,
    Io,
}

/// An error with a message written for the user and, where there is one, what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct VaultError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: Option<String>,
}

impl VaultError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Maps an SDK error for an operation on `vault` that needs the certificates permission
    /// `permission` (access-policy name, e.g. "list", "get", "import").
    pub fn from_azure(err: &azure_core::Error, vault: &str, permission: &str) -> Self {
        match err.kind() {
            ErrorKind::HttpResponse {
                status,
                error_code,
                raw_response,
            } => {
                let body = raw_response
                    .as_ref()
                    .and_then(|raw| serde_json::from_slice::<ServiceError>(raw.body()).ok());
                from_status(*status, error_code.as_deref(), body, vault, permission)
            }
            ErrorKind::Credential => VaultError::new(
                ErrorCode::NotSignedIn,
                format!("Could not sign in to {vault}: {err}"),
            )
            .with_hint(
                "Run `az login` (or `azd auth login`) and retry, or pick another credential for this vault.",
            ),
            ErrorKind::Connection | ErrorKind::Io => from_transport(err, vault),
            ErrorKind::DataConversion | ErrorKind::Other => {
                VaultError::new(ErrorCode::Service, format!("{vault}: {err}"))
            }
        }
    }
}

/// The service's error body: `{"error":{"code","message","innererror":{"code"}}}`.
#[derive(Debug, Deserialize)]
struct ServiceError {
    error: ServiceErrorBody,
}

#[derive(Debug, Deserialize)]
struct ServiceErrorBody {
    code: Option<String>,
    message: Option<String>,
    innererror: Option<InnerError>,
}

#[derive(Debug, Deserialize)]
struct InnerError {
    code: Option<String>,
}

fn from_status(
    status: StatusCode,
    error_code: Option<&str>,
    body: Option<ServiceError>,
    vault: &str,
    permission: &str,
) -> VaultError {
    let service_message = body
        .as_ref()
        .and_then(|b| b.error.message.clone())
        .unwrap_or_else(|| format!("{vault} answered {status}"));
    let inner = body
        .as_ref()
        .and_then(|b| b.error.innererror.as_ref())
        .and_then(|i| i.code.as_deref());
    let code = body
        .as_ref()
        .and_then(|b| b.error.code.as_deref())
        .or(error_code);
    match u16::from(status) {
        401 => VaultError::new(ErrorCode::NotSignedIn, service_message).with_hint(
            "Sign in again (`az login`), or check that the credential belongs to the vault's tenant.",
        ),
        403 => VaultError::new(ErrorCode::Forbidden, service_message).with_hint(format!(
            "Your identity lacks the certificates \"{permission}\" permission on {vault}. With Azure RBAC, ask for \"Key Vault Certificates Officer\" (or \"Key Vault Reader\" to only view); with access policies, ask for the certificate permission \"{permission}\"."
        )),
        404 => VaultError::new(ErrorCode::NotFound, service_message)
            .with_hint("It may have been deleted or renamed: refresh the list."),
        409 if inner == Some("ObjectIsDeletedButRecoverable") => {
            VaultError::new(ErrorCode::DeletedButRecoverable, service_message).with_hint(
                "A deleted certificate holds this name: recover it, or purge it to reuse the name.",
            )
        }
        409 => VaultError::new(ErrorCode::Conflict, service_message),
        429 => VaultError::new(ErrorCode::Throttled, service_message).with_hint(
            "Key Vault is throttling requests to this vault; CertDeck slows down and retries. Wait a moment.",
        ),
        400 => VaultError::new(ErrorCode::InvalidInput, service_message),
        _ => VaultError::new(
            ErrorCode::Service,
            match code {
                Some(code) => format!("{service_message} ({code})"),
                None => service_message,
            },
        ),
    }
}

/// A request that got no HTTP answer: refused, DNS, TLS.
pub(crate) fn from_transport(err: &(dyn std::error::Error + 'static), vault: &str) -> VaultError {
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
        VaultError::new(
            ErrorCode::Tls,
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
        VaultError::new(
            ErrorCode::Offline,
            format!("{vault} could not be found: {detail}"),
        )
        .with_hint("Check the vault URL and your network connection.")
    } else {
        VaultError::new(
            ErrorCode::Offline,
            format!("Could not reach {vault}: {detail}"),
        )
        .with_hint("Check your network connection, VPN or proxy, then retry.")
    }
}
