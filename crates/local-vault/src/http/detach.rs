//! Requests finish even when their client goes away: each runs in its own task, so a dropped
//! connection (which drops the request's future) cannot stop a handler between its SQLite
//! commit and the in-memory state — a write then reappeared only after a restart.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::domain::ApiError;

/// Runs the rest of the request (its body already read) in a task of its own.
pub async fn detach(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(e) => ApiError::internal(format!("the request stopped: {e}")).into_response(),
    }
}
