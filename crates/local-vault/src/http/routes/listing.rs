//! The lists of latest versions: `GET /certificates` and `GET /deletedcertificates`.

use axum::http::Uri;
use axum::response::Response;

use crate::domain::error::ApiResult;
use crate::http::body::QueryMap;
use crate::http::context::Ctx;
use crate::http::{paging, render};

/// A page of the latest versions of the live (or, with `deleted`, the soft-deleted)
/// certificates at collection `path`; pending ones only with `includePending=true`. A
/// deletion or recovery still settling shows in neither.
pub async fn latest_page(
    ctx: &Ctx,
    base: &str,
    uri: &Uri,
    deleted: bool,
    path: &str,
) -> ApiResult<Response> {
    ctx.cached_json(base, uri, |state| {
        let query = QueryMap::from_uri(uri)?;
        let include_pending = query.flag("includepending")?;
        let latest = state
            .certs
            .values()
            .filter(|c| c.transition.is_none() && c.deleted.is_some() == deleted)
            .filter(|c| include_pending || c.issued())
            .filter_map(|c| c.latest().map(|v| (c, v)));
        render::json_body(&paging::page(
            latest,
            |(c, v)| render::item(base, c, v, false, state),
            &query,
            base,
            path,
        )?)
    })
    .await
}
