//! CertDeck's one error vocabulary: stable [`Code`]s and the [`Error`] value that carries one
//! with a message written for the user and, where there is one, a hint saying what to do.
//! Every layer (file inspection, vault access, the app core, the CLI, the IPC edge) uses it.

mod http;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use http::ErrorAnswer;

/// Stable, machine-readable codes; callers (the UI, scripts using the CLI's JSON) branch on
/// these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ErrorCode"))]
pub enum Code {
    /// Reading or writing a local file or directory failed.
    Io,
    /// A bug or an unexpected state in CertDeck itself.
    Internal,
    InvalidVaultUrl,
    /// The request itself is wrong (a name, a field); the message says which part.
    InvalidInput,
    NotSignedIn,
    /// The account's sign-in has lapsed or needs interaction (MFA, Conditional Access,
    /// a revoked or rotated-away refresh token): sign in again. Never prompted silently.
    SignInRequired,
    Forbidden,
    NotFound,
    /// A soft-deleted certificate holds the name: recover or purge it first.
    DeletedButRecoverable,
    /// The name's certificate is still being deleted, purged or recovered: wait, then retry.
    BeingDeleted,
    /// The vault's purge protection keeps a deleted certificate until its scheduled purge date.
    PurgeProtected,
    Conflict,
    /// A certificate of that name already exists where it would be restored or copied.
    AlreadyExists,
    /// The vault refuses a backup: from another subscription or geography, or altered.
    BackupNotRestorable,
    Throttled,
    Offline,
    Tls,
    /// Key Vault answered with an error CertDeck has no better name for.
    Service,
    /// The user moved on; the work was stopped.
    Cancelled,
    /// The built-in local vault could not start.
    LocalVaultUnavailable,
    /// The file is protected: ask for its password.
    PasswordRequired,
    /// The password does not open the file (or the file is damaged).
    WrongPassword,
    /// Not a certificate, key, PFX or PKCS#7 file at all.
    NotACertificate,
    /// A recognised format whose structure is broken.
    Corrupt,
    /// Encrypted with an algorithm CertDeck does not read.
    UnsupportedEncryption,
    /// Opening it would cost more work than the caps allow (a hostile file).
    TooExpensive,
    /// Larger than any certificate file should be.
    TooLarge,
}

/// An error as every caller receives it: `{code, message, hint}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AppError"))]
#[error("{message}")]
pub struct Error {
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
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

    /// A bug or an unexpected state: what went wrong, for the log and the report.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::new(Code::Internal, detail.to_string())
    }

    /// An I/O failure on `path`, doing `what` ("read", "write", "create the folder").
    pub fn io(what: &str, path: &Path, err: &std::io::Error) -> Self {
        Self::new(
            Code::Io,
            format!("Could not {what} {}: {err}", path.display()),
        )
        .with_hint("Check that the folder exists and that you may write to it.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_message_hint() {
        let err = Error::new(Code::Io, "Could not write /cfg/settings.json")
            .with_hint("Check the folder.");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "Io",
                "message": "Could not write /cfg/settings.json",
                "hint": "Check the folder."
            })
        );
        let none = serde_json::to_value(Error::new(Code::Cancelled, "Stopped.")).unwrap();
        assert_eq!(none["hint"], serde_json::Value::Null);
    }

    #[test]
    fn io_errors_name_the_path_and_what_to_check() {
        let err = Error::io(
            "write",
            Path::new("/nope/settings.json"),
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(err.code, Code::Io);
        assert!(
            err.message.contains("/nope/settings.json"),
            "{}",
            err.message
        );
        assert!(err.hint.is_some());
    }
}
