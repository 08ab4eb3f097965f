//! The request body, read whole before any handler runs: bounded in size and in the time it
//! may take to arrive, so a client that stalls mid-body cannot hold a connection.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::ApiError;
use crate::http::body::MAX_BODY;

/// Reads the body within `timeout` (else 408, closing the connection) and at most
/// [`MAX_BODY`] bytes (else 413), then hands the request on with the body in memory.
pub async fn read_body(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, MAX_BODY)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => ApiError::too_large(MAX_BODY).into_response(),
        Err(_) => {
            let mut response = ApiError::request_timeout().into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}
