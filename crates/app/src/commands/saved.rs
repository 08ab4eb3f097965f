//! What saving a settings form (an issuer, the contacts) answers: stored, or refused on its
//! fields, whether the check before sending or the service refused it.

use errors::{Code, Result};
use policy::{FieldIssue, Severity};
use serde::Serialize;

/// What saving a settings form did: stored (as the service answered), or refused on its fields.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome")]
pub enum Saved<T> {
    Saved {
        value: T,
    },
    /// Refused before sending, or by the service: nothing changed.
    Refused {
        issues: Vec<FieldIssue>,
    },
}

/// An error on `field`, for a form to show beside it.
pub(crate) fn issue(field: impl Into<String>, message: impl Into<String>) -> FieldIssue {
    FieldIssue {
        field: field.into(),
        severity: Severity::Error,
        message: message.into(),
    }
}

/// A service 400 becomes an issue on the field `field_of` reads from its message; any other
/// error stays an error.
pub(crate) fn refused_on_field<T>(
    result: Result<T>,
    field_of: impl Fn(&str) -> &'static str,
) -> Result<Saved<T>> {
    match result {
        Ok(value) => Ok(Saved::Saved { value }),
        Err(err) if err.code == Code::InvalidInput => Ok(Saved::Refused {
            issues: vec![issue(field_of(&err.message.to_lowercase()), err.message)],
        }),
        Err(err) => Err(err),
    }
}
