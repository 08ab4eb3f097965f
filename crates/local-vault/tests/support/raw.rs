//! A plain HTTPS client for the local vault: trusts its CA, never follows redirects, and speaks
//! JSON. Shared by the integration tests, the CLI crash test and the benchmark (kept free of
//! anything but reqwest, serde_json and tokio so those can include it with `#[path]`).

use reqwest::{Method, StatusCode};
use serde_json::Value;

/// The api-version Microsoft's Rust SDK sends.
pub const API_VERSION: &str = "2025-07-01";

/// A reqwest client that trusts the PEM CA (and nothing is followed on redirects).
pub fn https_client(ca_pem: &[u8]) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(ca_pem).expect("ca.pem parses");
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([ca])
        .build()
        .expect("reqwest client builds")
}

/// One vault, reached with a bearer token.
#[derive(Clone)]
pub struct Raw {
    pub client: reqwest::Client,
    /// `https://127.0.0.1:PORT/`
    pub base: String,
    pub token: String,
}

/// A response: status, headers and the JSON body (`Value::Null` when empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Raw {
    pub fn new(client: reqwest::Client, base: &str, token: &str) -> Raw {
        let base = if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
        Raw {
            client,
            base,
            token: token.to_string(),
        }
    }

    /// `path` is relative to the vault (no leading slash) and may carry a query; the
    /// api-version is appended unless the path is under `_certdeck/` or already has one.
    pub fn url(&self, path: &str) -> String {
        let mut url = format!("{}{}", self.base, path.trim_start_matches('/'));
        if !path.contains("api-version=") && !path.trim_start_matches('/').starts_with("_certdeck/")
        {
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str("api-version=");
            url.push_str(API_VERSION);
        }
        url
    }

    /// Sends a request with this token (or without `Authorization` when `token` is `None`).
    pub async fn send_as(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Reply {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .expect("request reaches the local vault");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("response body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Reply {
        self.send_as(Some(&self.token.clone()), method, path, body)
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.send(Method::DELETE, path, None).await
    }
}
