//! The one error type that crosses IPC: `{code, message, hint}`.

use serde::Serialize;
use ts_rs::TS;

/// Stable, machine-readable error codes. The UI branches on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum ErrorCode {
    /// Reading or writing a local file or directory failed.
    Io,
    /// A bug or an unexpected state in CertDeck itself.
    Internal,
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
}

/// An error as the UI receives it: a stable `code`, a `message` written for the user and,
/// when there is one, a `hint` saying what the user can do about it.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub hint: Option<String>,
}

impl AppError {
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

    /// An I/O failure on `path`, doing `what`.
    pub fn io(what: &str, path: &std::path::Path, err: &std::io::Error) -> Self {
        Self::new(
            ErrorCode::Io,
            format!("Could not {what} {}: {err}", path.display()),
        )
        .with_hint("Check that the folder exists and that you may write to it.")
    }
}

impl From<tauri::Error> for AppError {
    fn from(err: tauri::Error) -> Self {
        Self::new(ErrorCode::Internal, err.to_string())
    }
}

impl From<vault::VaultError> for AppError {
    fn from(err: vault::VaultError) -> Self {
        use vault::ErrorCode as V;
        let code = match err.code {
            V::InvalidVaultUrl => ErrorCode::InvalidVaultUrl,
            V::InvalidInput => ErrorCode::InvalidInput,
            V::NotSignedIn => ErrorCode::NotSignedIn,
            V::Forbidden => ErrorCode::Forbidden,
            V::NotFound => ErrorCode::NotFound,
            V::DeletedButRecoverable => ErrorCode::DeletedButRecoverable,
            V::Conflict => ErrorCode::Conflict,
            V::Throttled => ErrorCode::Throttled,
            V::Offline => ErrorCode::Offline,
            V::Tls => ErrorCode::Tls,
            V::Service => ErrorCode::Service,
            V::Io => ErrorCode::Io,
        };
        Self {
            code,
            message: err.message,
            hint: err.hint,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_message_hint() {
        let err = AppError::new(ErrorCode::Io, "Could not write /cfg/settings.json")
            .with_hint("Check the folder.");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "Io",
                "message": "Could not write /cfg/settings.json",
                "hint": "Check the folder."
            })
        );
    }

    #[test]
    fn io_error_names_the_path() {
        let err = AppError::io(
            "write",
            std::path::Path::new("/nope/settings.json"),
            &std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(err.code, ErrorCode::Io);
        assert!(
            err.message.contains("/nope/settings.json"),
            "{}",
            err.message
        );
        assert!(err.hint.is_some());
    }
}
