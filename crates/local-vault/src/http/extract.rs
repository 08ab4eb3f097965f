//! Extractors for what handlers start with: the request's base URL and the certificate the
//! path names, its name checked with the service's rule.

use std::convert::Infallible;

use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::domain::error::ApiResult;
use crate::domain::model::{CertRecord, check_name};
use crate::domain::vault::{self, VaultState};
use crate::http::body::JsonBody;
use crate::http::context::Ctx;
use crate::http::render;

/// The vault's base URL, which ids are absolute on.
pub struct Base(pub String);

impl FromRequestParts<Ctx> for Base {
    type Rejection = Infallible;

    async fn from_request_parts(_parts: &mut Parts, ctx: &Ctx) -> Result<Self, Infallible> {
        Ok(Base(render::base(&ctx.vault)))
    }
}

/// The `{name}` and optional `{version}` path segments (a missing version means the latest).
#[derive(Deserialize)]
pub struct Segments {
    /// The object's name.
    pub name: String,
    /// The version, empty for the latest.
    #[serde(default)]
    pub version: String,
}

/// The certificate a request is about: its name (valid, or the request is refused with the
/// service's 400), the version asked for and the base URL.
pub struct Target {
    /// The name as given.
    pub name: String,
    /// The version, empty for the latest.
    pub version: String,
    /// The request's base URL.
    pub base: String,
}

impl FromRequestParts<Ctx> for Target {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, ctx: &Ctx) -> Result<Self, Response> {
        let Path(Segments { name, version }) = Path::from_request_parts(parts, ctx)
            .await
            .map_err(IntoResponse::into_response)?;
        check_name(&name).map_err(IntoResponse::into_response)?;
        Ok(Target {
            name,
            version,
            base: render::base(&ctx.vault),
        })
    }
}

impl Target {
    /// The live certificate, or the service's 404 naming it (`name/versions/version` when a
    /// version was asked for).
    pub fn active<'a>(&self, state: &'a VaultState) -> ApiResult<&'a CertRecord> {
        if self.version.is_empty() {
            vault::active(state, &self.name)
        } else {
            vault::active(state, &self.name).map_err(|_| {
                vault::cert_not_found(&format!("{}/versions/{}", self.name, self.version))
            })
        }
    }
}

/// A [`Target`] with a JSON body. The body is read (and refused) before the name is checked,
/// the order these requests have always been answered in.
pub struct WithBody<T> {
    /// The certificate.
    pub target: Target,
    /// The body.
    pub body: T,
}

impl<T: DeserializeOwned + Send> FromRequest<Ctx> for WithBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, ctx: &Ctx) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let JsonBody(body) = JsonBody::from_request(Request::new(body), ctx)
            .await
            .map_err(IntoResponse::into_response)?;
        let target = Target::from_request_parts(&mut parts, ctx).await?;
        Ok(WithBody { target, body })
    }
}
