//! The service's error vocabulary: an HTTP status, a code, a message and an optional inner
//! code (the response shape is `http/errors.rs`).

use crate::error::Error;

/// An error answered to a client in Key Vault's JSON shape.
#[derive(Debug)]
pub struct ApiError {
    status: u16,
    code: &'static str,
    message: String,
    inner: Option<&'static str>,
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            inner: None,
        }
    }

    /// 400 `BadParameter`: the request is malformed or out of range.
    pub fn bad_parameter(message: impl Into<String>) -> Self {
        Self::new(400, "BadParameter", message)
    }

    /// 400 with a specific code, such as the service's `Malformed backup blob`.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(400, code, message)
    }

    /// 404 with a specific code such as `CertificateNotFound`.
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(404, code, message)
    }

    /// 409 `Conflict`, optionally with an inner code.
    pub fn conflict(message: impl Into<String>, inner: Option<&'static str>) -> Self {
        ApiError {
            inner,
            ..Self::new(409, "Conflict", message)
        }
    }

    /// 403 `Forbidden`: the vault's settings do not allow the operation.
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(403, "Forbidden", message)
    }

    /// 401 `Unauthorized`.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(401, "Unauthorized", message)
    }

    /// 413: the body exceeds the size cap.
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            413,
            "RequestTooLarge",
            format!("The request body exceeds the limit of {limit} bytes."),
        )
    }

    /// 408: the request's body did not arrive in time (the connection is closed after it).
    pub fn request_timeout() -> Self {
        Self::new(
            408,
            "RequestTimeout",
            "The request body did not arrive in time.",
        )
    }

    /// 429 `Throttled`, the service's answer when too much work is queued (clients retry
    /// after the `Retry-After` the response carries).
    pub fn throttled(message: impl Into<String>) -> Self {
        Self::new(429, "Throttled", message)
    }

    /// 405 for a known path with an unsupported method.
    pub fn method_not_allowed() -> Self {
        Self::new(
            405,
            "MethodNotAllowed",
            "The HTTP method is not allowed on this path.",
        )
    }

    /// 500: storage or another internal failure (never caused by input).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, "InternalError", message)
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error's code, for logs and tests.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The error's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The inner error code, if any.
    pub fn inner(&self) -> Option<&'static str> {
        self.inner
    }
}

/// A storage failure while answering is the service's fault: a 500.
impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::internal(format!("Storage failed: {e}"))
    }
}
