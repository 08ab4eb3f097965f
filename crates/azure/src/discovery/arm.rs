//! ARM requests of one tenant through an `azure_core` pipeline (bearer token for the ARM
//! scope, retries honouring `Retry-After`), over the crate's one HTTP client. Lists follow
//! `nextLink` verbatim, but only to the ARM endpoint itself: the token goes nowhere else.

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use azure_core::http::policies::auth::BearerTokenAuthorizationPolicy;
use azure_core::http::{
    ClientOptions, Context, ExponentialRetryOptions, Method, Pipeline, Request, RetryOptions,
};
use azure_core::time::Duration;
use errors::{Code, Error, Result};
use serde::de::DeserializeOwned;
use url::Url;

use crate::cloud::Endpoints;
use crate::discovery::failure;
use crate::discovery::resources::Page;
use crate::http::{Network, transport};

/// More pages than any real listing has: a service that keeps answering with `nextLink`s is
/// stopped rather than followed forever.
const MAX_PAGES: usize = 1000;

/// An ARM client signed in to one tenant.
pub(crate) struct Arm {
    pipeline: Pipeline,
    base: Url,
}

impl Arm {
    pub fn new(
        network: &Network,
        endpoints: &Endpoints,
        credential: Arc<dyn TokenCredential>,
    ) -> Self {
        let auth = BearerTokenAuthorizationPolicy::new(credential, [endpoints.arm_scope.clone()]);
        let options = ClientOptions {
            transport: Some(transport(&network.http)),
            // Three tries within ~10 s: discovery is interactive.
            retry: RetryOptions::exponential(ExponentialRetryOptions {
                initial_delay: Duration::milliseconds(200),
                max_retries: 2,
                max_total_elapsed: Duration::seconds(10),
                max_delay: Duration::seconds(5),
            }),
            ..Default::default()
        };
        let pipeline = Pipeline::new(
            option_env!("CARGO_PKG_NAME"),
            option_env!("CARGO_PKG_VERSION"),
            options,
            Vec::new(),
            vec![Arc::new(auth)],
            None,
        );
        Self {
            pipeline,
            base: endpoints.arm.clone(),
        }
    }

    /// `path_and_query` under the ARM endpoint.
    pub fn url(&self, path_and_query: &str) -> Result<Url> {
        self.base
            .join(path_and_query)
            .map_err(|err| Error::internal(format!("ARM URL {path_and_query}: {err}")))
    }

    /// Every item of the list at `path_and_query`, following `nextLink`s; `what` names the list
    /// in errors ("the subscriptions of tenant X").
    pub async fn list<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
        what: &str,
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut next = Some(self.url(path_and_query)?);
        let mut pages = 0;
        while let Some(url) = next.take() {
            pages += 1;
            if pages > MAX_PAGES {
                return Err(Error::new(
                    Code::Service,
                    format!("Listing {what} did not end after {MAX_PAGES} pages."),
                ));
            }
            let page: Page<T> = self.send(Request::new(url, Method::Get), what).await?;
            items.extend(page.value);
            next = page
                .next_link
                .filter(|link| !link.is_empty())
                .map(|link| self.next_link(&link, what))
                .transpose()?;
        }
        Ok(items)
    }

    /// POSTs `body` as JSON to `path_and_query`.
    pub async fn post<T: DeserializeOwned>(
        &self,
        path_and_query: &str,
        body: &serde_json::Value,
        what: &str,
    ) -> Result<T> {
        let mut request = Request::new(self.url(path_and_query)?, Method::Post);
        request.insert_header("content-type", "application/json");
        request.set_body(serde_json::to_vec(body).map_err(Error::internal)?);
        self.send(request, what).await
    }

    async fn send<T: DeserializeOwned>(&self, mut request: Request, what: &str) -> Result<T> {
        let response = self
            .pipeline
            .send(&Context::new(), &mut request, None)
            .await
            .map_err(|err| failure::from_azure(&err, what))?;
        serde_json::from_slice(response.body()).map_err(|err| {
            Error::new(
                Code::Service,
                format!("Azure Resource Manager answered {what} with something unreadable: {err}"),
            )
        })
    }

    /// A `nextLink` as given, if it stays on the ARM endpoint (scheme, host and port).
    fn next_link(&self, link: &str, what: &str) -> Result<Url> {
        let url = Url::parse(link).ok().filter(|url| {
            url.scheme() == self.base.scheme()
                && url.host() == self.base.host()
                && url.port_or_known_default() == self.base.port_or_known_default()
        });
        url.ok_or_else(|| {
            Error::new(
                Code::Service,
                format!("Listing {what} returned a next page elsewhere than Azure Resource Manager ({link}); it was not followed."),
            )
        })
    }
}
