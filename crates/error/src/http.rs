//! An Azure service's HTTP error answer (Key Vault's, ARM's): its status as a [`Code`], and
//! what its `{"error":{"code","message","innererror":{"code"}}}` body says. Each caller keeps
//! its own words and hints; the reading is the same for all.

use serde::Deserialize;

use crate::Code;

impl Code {
    /// The code of an HTTP error status, before a caller reads the answer more closely.
    pub fn from_http_status(status: u16) -> Code {
        match status {
            400 => Code::InvalidInput,
            401 => Code::NotSignedIn,
            403 => Code::Forbidden,
            404 => Code::NotFound,
            409 => Code::Conflict,
            429 => Code::Throttled,
            _ => Code::Service,
        }
    }
}

/// What an error answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorAnswer {
    pub status: u16,
    /// The service's error code (`Forbidden`, `AuthorizationFailed`): the body's, else the
    /// one the SDK took from the headers.
    pub error_code: Option<String>,
    /// The service's message, which says best what went wrong.
    pub message: Option<String>,
    /// The inner error's code (`ForbiddenByFirewall`, `ObjectIsDeletedButRecoverable`).
    pub inner_code: Option<String>,
}

#[derive(Deserialize)]
struct Body {
    error: Detail,
}

#[derive(Deserialize)]
struct Detail {
    code: Option<String>,
    message: Option<String>,
    innererror: Option<Inner>,
}

#[derive(Deserialize)]
struct Inner {
    code: Option<String>,
}

impl ErrorAnswer {
    /// Reads an answer of `status` whose headers named `header_code`; a body that is not
    /// the usual JSON says nothing.
    pub fn read(status: u16, header_code: Option<&str>, body: Option<&[u8]>) -> Self {
        let detail = body
            .and_then(|body| serde_json::from_slice::<Body>(body).ok())
            .map(|body| body.error);
        let (code, message, inner_code) = match detail {
            Some(d) => (d.code, d.message, d.innererror.and_then(|i| i.code)),
            None => (None, None, None),
        };
        Self {
            status,
            error_code: code.or_else(|| header_code.map(str::to_owned)),
            message,
            inner_code,
        }
    }

    /// The answer an SDK error carries, if it is one.
    #[cfg(feature = "azure")]
    pub fn of(err: &azure_core::Error) -> Option<Self> {
        match err.kind() {
            azure_core::error::ErrorKind::HttpResponse {
                status,
                error_code,
                raw_response,
            } => {
                let body = raw_response.as_ref().map(|raw| raw.body().as_ref());
                Some(Self::read(u16::from(*status), error_code.as_deref(), body))
            }
            _ => None,
        }
    }

    pub fn code(&self) -> Code {
        Code::from_http_status(self.status)
    }

    /// `text` with the service's error code after it, for failures with no better name.
    pub fn with_error_code(&self, text: String) -> String {
        match &self.error_code {
            Some(code) => format!("{text} ({code})"),
            None => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_the_codes_callers_act_on() {
        for (status, code) in [
            (400, Code::InvalidInput),
            (401, Code::NotSignedIn),
            (403, Code::Forbidden),
            (404, Code::NotFound),
            (409, Code::Conflict),
            (429, Code::Throttled),
            (500, Code::Service),
            (503, Code::Service),
            (418, Code::Service),
        ] {
            assert_eq!(Code::from_http_status(status), code, "{status}");
        }
    }

    #[test]
    fn the_body_says_more_than_the_headers() {
        let body = br#"{"error":{"code":"Forbidden","message":"Caller is not authorized","innererror":{"code":"ForbiddenByFirewall"}}}"#;
        let answer = ErrorAnswer::read(403, Some("FromHeaders"), Some(body));
        assert_eq!(answer.code(), Code::Forbidden);
        assert_eq!(answer.error_code.as_deref(), Some("Forbidden"));
        assert_eq!(answer.message.as_deref(), Some("Caller is not authorized"));
        assert_eq!(answer.inner_code.as_deref(), Some("ForbiddenByFirewall"));

        let bare = ErrorAnswer::read(502, Some("BadGateway"), Some(b"<html>proxy</html>"));
        assert_eq!((&bare.message, &bare.inner_code), (&None, &None));
        assert_eq!(
            bare.with_error_code("It failed".into()),
            "It failed (BadGateway)"
        );
        let nothing = ErrorAnswer::read(500, None, None);
        assert_eq!(nothing.with_error_code("It failed".into()), "It failed");
    }
}
