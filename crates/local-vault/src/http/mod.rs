//! The HTTP layer: the Key Vault routes, the admin API, authentication, extractors and
//! response shapes. Imports from `domain` and `storage`, never the other way.
//!
//! Literal segments (`contacts`, `issuers`, `restore`, `versions`, `policy`, `pending`) are
//! routed before `{name}/{version}` by the router's static-first rule.

pub mod admin;
pub mod auth;
pub mod body;
pub mod cache;
pub mod context;
pub mod detach;
pub mod errors;
pub mod extract;
pub mod faults;
pub mod limits;
pub mod paging;
pub mod render;
pub mod routes;

use std::time::Duration;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};

use crate::domain::ApiError;
use crate::http::context::Ctx;

/// The router of one vault port; request bodies must arrive within `body_timeout`.
pub fn router(ctx: Ctx, body_timeout: Duration) -> Router {
    use routes::certificates as c;
    use routes::{backup, deleted, downloads, import, operations, policy, settings};
    Router::new()
        .route("/certificates", get(c::list))
        .route(
            "/certificates/contacts",
            get(settings::get_contacts)
                .put(settings::set_contacts)
                .delete(settings::delete_contacts),
        )
        .route("/certificates/issuers", get(settings::list_issuers))
        .route(
            "/certificates/issuers/{issuer}",
            get(settings::get_issuer)
                .put(settings::set_issuer)
                .patch(settings::update_issuer)
                .delete(settings::delete_issuer),
        )
        .route("/certificates/restore", post(backup::restore))
        .route(
            "/certificates/{name}",
            get(c::get).delete(deleted::delete).patch(c::update),
        )
        .route("/certificates/{name}/", get(c::get).patch(c::update))
        .route(
            "/certificates/{name}/{version}",
            get(c::get).patch(c::update),
        )
        .route("/certificates/{name}/versions", get(c::versions))
        .route("/certificates/{name}/backup", post(backup::backup))
        .route("/certificates/{name}/create", post(operations::create))
        .route("/certificates/{name}/import", post(import::import))
        .route(
            "/certificates/{name}/policy",
            get(policy::get_policy).patch(policy::update_policy),
        )
        .route(
            "/certificates/{name}/pending",
            get(operations::get)
                .patch(operations::update)
                .delete(operations::delete),
        )
        .route(
            "/certificates/{name}/pending/merge",
            post(operations::merge),
        )
        .route("/deletedcertificates", get(deleted::list))
        .route(
            "/deletedcertificates/{name}",
            get(deleted::get).delete(deleted::purge),
        )
        .route(
            "/deletedcertificates/{name}/recover",
            post(deleted::recover),
        )
        .route("/secrets/{name}", get(downloads::secret))
        .route("/secrets/{name}/", get(downloads::secret))
        .route("/secrets/{name}/{version}", get(downloads::secret))
        .route("/keys/{name}", get(downloads::key))
        .route("/keys/{name}/", get(downloads::key))
        .route("/keys/{name}/{version}", get(downloads::key))
        .merge(admin::router())
        .fallback(fallback)
        .method_not_allowed_fallback(not_allowed)
        // Innermost: a handler runs to its end once its body is in memory.
        .layer(from_fn(detach::detach))
        // Inner to the guard: unauthenticated bodies are never read.
        .layer(from_fn_with_state(body_timeout, limits::read_body))
        // Inner to the guard: only authenticated requests count towards a fault rule.
        .layer(from_fn_with_state(ctx.clone(), faults::inject))
        .layer(from_fn_with_state(ctx.clone(), auth::guard))
        .with_state(ctx)
}

async fn fallback() -> ApiError {
    ApiError::not_found(
        "NotFound",
        "The requested path is not part of the Key Vault certificates API.",
    )
}

async fn not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}
