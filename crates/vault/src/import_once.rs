//! An import is a POST, and the SDK's retry policy resends a request after any transport
//! error — also after a connection that dropped once the service had imported (the answer
//! was lost, the import was not): the certificate then got two versions. When a try of an
//! import ends without an answer, or with a server error (which may come after the work was
//! done), [`ImportOnce`] reads the certificate: when its current version is new since the
//! import began and holds the imported certificate, that version is the answer, so the SDK
//! sends nothing again and the caller sees the import done.

use std::sync::Arc;

use azure_core::error::ErrorKind;
use azure_core::http::headers::AUTHORIZATION;
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::{AsyncRawResponse, Context, Method, Request, StatusCode};
use inspect::Password;
use serde::Deserialize;
use zeroize::Zeroizing;

/// Marks an import request (in its context): what to compare a re-read with.
pub(crate) struct ImportGuard {
    /// The version current before the import, if the name was in use.
    before: Option<String>,
    /// The import's `value` and password, read again only when a resend is due.
    value: Zeroizing<String>,
    password: Option<Password>,
}

impl ImportGuard {
    pub(crate) fn new(
        before: Option<String>,
        value: Zeroizing<String>,
        password: Option<Password>,
    ) -> ImportGuard {
        ImportGuard {
            before,
            value,
            password,
        }
    }

    /// Whether the certificate read back (`id` and `x5t`) is this import, landed.
    fn landed(&self, read: &Read) -> bool {
        let version = read.id.rsplit('/').next();
        if version.is_none() || version == self.before.as_deref() {
            return false;
        }
        let Some(x5t) = read.x5t.as_deref() else {
            return false;
        };
        inspect::inspect(self.value.as_bytes(), self.password.as_ref())
            .is_ok_and(|report| report.certificates.iter().any(|c| c.x5t == x5t))
    }
}

#[derive(Deserialize)]
struct Read {
    id: String,
    x5t: Option<String>,
}

/// The per-try policy (after the token is set) checking marked imports whose answer is lost.
#[derive(Debug)]
pub(crate) struct ImportOnce;

#[async_trait::async_trait]
impl Policy for ImportOnce {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        // The challenge's first, bare try carries no token and never reaches a handler.
        let (Some(guard), Some(token)) = (
            ctx.value::<ImportGuard>(),
            request
                .headers()
                .get_optional_str(&AUTHORIZATION)
                .map(str::to_string),
        ) else {
            return next[0].send(ctx, request, &next[1..]).await;
        };
        let result = next[0].send(ctx, request, &next[1..]).await;
        let maybe_landed = match &result {
            Ok(response) => response.status().is_server_error(),
            Err(err) => matches!(err.kind(), ErrorKind::Io | ErrorKind::Connection),
        };
        if !maybe_landed {
            return result;
        }
        let mut read = Request::new(certificate_url(request), Method::Get);
        read.insert_header(AUTHORIZATION, token);
        // A failed read is no answer: the try's own outcome stands (the SDK may resend).
        if let Ok(response) = next[0].send(ctx, &mut read, &next[1..]).await
            && response.status() == StatusCode::Ok
        {
            let (status, headers, body) = response.deconstruct();
            let bytes = body.collect().await?;
            if serde_json::from_slice::<Read>(&bytes).is_ok_and(|read| guard.landed(&read)) {
                tracing::debug!("an import whose answer was lost had landed");
                return Ok(AsyncRawResponse::from_bytes(status, headers, bytes));
            }
        }
        result
    }
}

/// `…/certificates/{name}/import?api-version=…` → `…/certificates/{name}?api-version=…`.
fn certificate_url(import: &Request) -> azure_core::http::Url {
    let mut url = import.url().clone();
    let path = url.path().trim_end_matches('/');
    let path = path.strip_suffix("/import").unwrap_or(path).to_string();
    url.set_path(&path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_read_goes_to_the_certificate_with_the_same_query() {
        let url = "https://v.vault.azure.net/certificates/web/import?api-version=2025-07-01";
        let request = Request::new(url.parse().unwrap(), Method::Post);
        assert_eq!(
            certificate_url(&request).as_str(),
            "https://v.vault.azure.net/certificates/web?api-version=2025-07-01"
        );
    }
}
