//! ARM failures as the user reads them: which role is missing, that a tenant wants a fresh
//! sign-in, that the network is down.

use azure_core::error::ErrorKind;
use errors::{Code, Error, ErrorAnswer};

/// Maps a pipeline error for a request about `what`.
pub(crate) fn from_azure(err: &azure_core::Error, what: &str) -> Error {
    // A credential of this crate fails with our own error (SignInRequired and its hint):
    // keep it as it is, wherever the pipeline wrapped it.
    if let Some(ours) = find::<Error>(err) {
        return ours.clone();
    }
    if let Some(answer) = ErrorAnswer::of(err) {
        return from_answer(&answer, what);
    }
    match err.kind() {
        ErrorKind::Credential => Error::new(
            Code::NotSignedIn,
            format!("Could not get a token to list {what}: {err}"),
        )
        .with_hint("Sign in to this account again."),
        ErrorKind::Io | ErrorKind::Connection => match find::<reqwest::Error>(err) {
            Some(cause) => crate::http::transport_error(cause, "Azure Resource Manager"),
            None => Error::new(
                Code::Offline,
                format!("Could not reach Azure Resource Manager to list {what}: {err}"),
            )
            .with_hint("Check the network connection (and proxy settings), then retry."),
        },
        _ => Error::new(Code::Service, format!("Listing {what} failed: {err}")),
    }
}

/// ARM's error answer in its words, with what the user can do about it.
fn from_answer(answer: &ErrorAnswer, what: &str) -> Error {
    let message = answer
        .message
        .clone()
        .unwrap_or_else(|| format!("Azure Resource Manager answered {}", answer.status));
    let text = format!("Listing {what} failed: {message}");
    match (answer.code(), answer.error_code.as_deref()) {
        (Code::NotSignedIn, _) => Error::new(Code::NotSignedIn, text)
            .with_hint("Sign in to this account again; the token was not accepted for this tenant."),
        (Code::Forbidden, Some("AuthorizationFailed") | None) => Error::new(Code::Forbidden, text).with_hint(
            "You need Reader (or any role allowing Microsoft.KeyVault/vaults/read) on the subscription to list its vaults. With Key Vault data roles only, vaults are not listed here: use Add by URL.",
        ),
        (Code::Forbidden, _) => Error::new(Code::Forbidden, text)
            .with_hint("Azure refused the listing; ask an administrator of the subscription, or use Add by URL."),
        (Code::NotFound, _) => Error::new(Code::NotFound, text)
            .with_hint("It may have been moved to another tenant or cancelled: discover again."),
        (Code::Throttled, _) => Error::new(Code::Throttled, text)
            .with_hint("Azure Resource Manager is throttling this account: wait a minute, then discover again."),
        _ if answer.status >= 500 => Error::new(Code::Service, answer.with_error_code(text))
            .with_hint("Azure Resource Manager failed on its side, also when retried: discover again in a moment."),
        // A listing that is refused as a bad request or a conflict has no better name.
        _ => Error::new(Code::Service, answer.with_error_code(text)),
    }
}

/// The first error of type `T` in `err`'s cause chain, `err` included.
fn find<T: std::error::Error + 'static>(err: &azure_core::Error) -> Option<&T> {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = next {
        if let Some(found) = cause.downcast_ref::<T>() {
            return Some(found);
        }
        next = cause.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_reader_role_says_which_role_and_offers_add_by_url() {
        let body = br#"{"error":{"code":"AuthorizationFailed","message":"The client 'a@b' ..."}}"#;
        let answer = ErrorAnswer::read(403, None, Some(body));
        let err = from_answer(&answer, "the vaults of subscription Prod");
        assert_eq!(err.code, Code::Forbidden);
        assert!(err.message.contains("subscription Prod"), "{}", err.message);
        let hint = err.hint.unwrap();
        assert!(
            hint.contains("Reader") && hint.contains("Add by URL"),
            "{hint}"
        );
    }

    #[test]
    fn our_own_errors_pass_through_the_pipeline_unchanged() {
        let ours = Error::new(Code::SignInRequired, "AADSTS50076: MFA").with_hint("Sign in again");
        let wrapped = azure_core::Error::new(
            ErrorKind::Other,
            azure_core::Error::new(ErrorKind::Credential, ours.clone()),
        );
        assert_eq!(from_azure(&wrapped, "x"), ours);
    }
}
