//! The Key Vault challenge, bearer-token check and api-version check, run before any handler
//! (so before bodies are read: a client's first request arrives with its body stripped).

use aws_lc_rs::constant_time::verify_slices_are_equal;
use axum::extract::{Request, State};
use axum::http::{Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::error::ApiError;
use crate::http::body::QueryMap;
use crate::http::context::Ctx;

/// api-versions official clients send.
pub const API_VERSIONS: &[&str] = &["7.4", "7.5", "7.6", "2025-07-01", "2026-04-01"];

/// Admin paths live under this prefix, which no Key Vault path uses.
pub const ADMIN_PREFIX: &str = "/_certdeck/";

/// Middleware: challenge, then token, then api-version.
pub async fn guard(State(ctx): State<Ctx>, mut request: Request, next: Next) -> Response {
    // HTTP/2 carries the host in the URI authority: expose it as `Host` for id building.
    if !request.headers().contains_key(header::HOST)
        && let Some(host) = request
            .uri()
            .authority()
            .and_then(|a| header::HeaderValue::from_str(a.as_str()).ok())
    {
        request.headers_mut().insert(header::HOST, host);
    }
    let Some(auth) = request.headers().get(header::AUTHORIZATION) else {
        return ApiError::unauthorized("AKV10000: Request is missing a Bearer or PoP token.")
            .into_response();
    };
    let presented = auth
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .trim();
    if verify_slices_are_equal(presented.as_bytes(), ctx.host.token().as_bytes()).is_err() {
        return ApiError::unauthorized(
            "AKV10032: Invalid issuer or token: the bearer token is not this vault's token.",
        )
        .into_response();
    }
    if !request.uri().path().starts_with(ADMIN_PREFIX)
        && let Err(e) = check_api_version(request.uri())
    {
        return e.into_response();
    }
    next.run(request).await
}

fn check_api_version(uri: &Uri) -> Result<(), ApiError> {
    let query = QueryMap::from_uri(uri)?;
    match query.0.get("api-version").map(String::as_str) {
        None => Err(ApiError::bad_parameter(
            "The api-version query parameter (?api-version=) is required for all requests.",
        )),
        Some(v) if API_VERSIONS.contains(&v) => Ok(()),
        Some(v) => Err(ApiError::bad_parameter(format!(
            "The specified version ({v}) is not recognized. Consider using the latest supported version (2025-07-01)."
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_versions() {
        let check = |uri: &str| check_api_version(&uri.parse().unwrap()).is_ok();
        assert!(check("/c?api-version=2025-07-01"));
        assert!(check("/c?maxresults=2&api%2Dversion=7.4"));
        assert!(!check("/c?api-version=7.0"));
        assert!(!check("/c"));
    }
}
