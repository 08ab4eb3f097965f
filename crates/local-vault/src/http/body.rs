//! Request bodies and query strings, parsed into the service's error shape on failure.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::domain::error::ApiError;

/// Bodies larger than this are refused (a PFX of a long chain fits easily).
pub const MAX_BODY: usize = 1024 * 1024;

/// A JSON body of type `T`; an empty body reads as `{}`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, ApiError> {
        let bytes: Bytes = axum::body::to_bytes(request.into_body(), MAX_BODY)
            .await
            .map_err(|_| ApiError::too_large(MAX_BODY))?;
        parse(&bytes).map(JsonBody)
    }
}

/// A read body as `T`; an empty body reads as `{}`.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(bytes).map_err(invalid)
}

/// 400 for a body that does not parse as `T`. An unknown key is not repeated back: the
/// message says where it is, never what it is.
fn invalid(e: serde_json::Error) -> ApiError {
    if e.to_string().starts_with("unknown field") {
        ApiError::bad_parameter(format!(
            "The request body has a property this operation does not define (line {}, column {}).",
            e.line(),
            e.column()
        ))
    } else {
        ApiError::bad_parameter(format!("The request body is not valid: {e}"))
    }
}

/// The query string as a map; parameter names compare case-insensitively.
pub struct QueryMap(pub HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        QueryMap::from_uri(&parts.uri)
    }
}

impl QueryMap {
    /// Decodes the query of `uri` (clients percent-encode even names: `api%2Dversion`).
    pub fn from_uri(uri: &axum::http::Uri) -> Result<QueryMap, ApiError> {
        let pairs =
            axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|_| {
                ApiError::bad_parameter(format!(
                    "The query string '{}' is malformed.",
                    uri.query().unwrap_or("")
                ))
            })?;
        Ok(QueryMap(
            pairs
                .0
                .into_iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v))
                .collect(),
        ))
    }
    /// A boolean parameter (`true`/`false`), default false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.0.get(name).map(String::as_str) {
            None => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(v) => Err(ApiError::bad_parameter(format!(
                "Invalid value '{v}' for {name}: expected true or false."
            ))),
        }
    }
}
