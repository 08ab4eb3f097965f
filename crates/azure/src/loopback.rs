//! The loopback redirect listener of browser sign-in: `http://localhost:{ephemeral}` on
//! 127.0.0.1. Browsers open several connections (pre-connects, the favicon), so every request
//! gets a small page; the first one carrying `code` or `error` ends the wait.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse};
use errors::{Code, Error, Result};
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use zeroize::Zeroizing;

/// What the redirect brought: the authorization code, or why there is none.
pub(crate) type Redirect = Result<Zeroizing<String>>;

pub(crate) struct Loopback {
    listener: TcpListener,
    pub redirect_uri: String,
}

struct Shared {
    state: Zeroizing<String>,
    done: Mutex<Option<oneshot::Sender<Redirect>>>,
}

impl Loopback {
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|err| {
            Error::new(
                Code::Io,
                format!("Could not listen on 127.0.0.1 for the sign-in redirect: {err}"),
            )
            .with_hint("Use a code instead (device code sign-in).")
        })?;
        let port = listener
            .local_addr()
            .map_err(|err| Error::internal(format!("loopback address: {err}")))?
            .port();
        // Entra matches `http://localhost` registrations on any port (RFC 8252 §7.3).
        Ok(Self {
            listener,
            redirect_uri: format!("http://localhost:{port}"),
        })
    }

    /// Serves until a request carries `code` or `error` for `state`, then stops listening.
    pub async fn wait(self, state: Zeroizing<String>) -> Redirect {
        let (tx, rx) = oneshot::channel();
        let shared = Arc::new(Shared {
            state,
            done: Mutex::new(Some(tx)),
        });
        let stop = Arc::new(Notify::new());
        let router = Router::new().fallback(answer).with_state(shared);
        let server = axum::serve(self.listener, router).with_graceful_shutdown({
            let stop = stop.clone();
            async move { stop.notified().await }
        });
        // The server keeps running while the browser's page is sent; it stops on its own
        // once told to, or with the runtime.
        tokio::spawn(async move {
            if let Err(err) = server.await {
                tracing::debug!("sign-in redirect listener: {err}");
            }
        });
        let redirect = rx
            .await
            .unwrap_or_else(|_| Err(Error::internal("the sign-in redirect listener stopped")));
        stop.notify_one();
        redirect
    }
}

async fn answer(State(shared): State<Arc<Shared>>, RawQuery(query): RawQuery) -> impl IntoResponse {
    let params: HashMap<String, Zeroizing<String>> =
        url::form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes())
            .map(|(key, value)| (key.into_owned(), Zeroizing::new(value.into_owned())))
            .collect();
    let page = if params.contains_key("code") || params.contains_key("error") {
        let redirect = read_redirect(&params, &shared.state);
        let page = match &redirect {
            Ok(_) => page(
                "You are signed in",
                "You can close this tab and return to CertDeck.",
            ),
            Err(err) => page("Sign-in failed", &err.message),
        };
        let sender = shared
            .done
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        match sender {
            Some(sender) => {
                let _ = sender.send(redirect);
                page
            }
            // A second redirect (a reload) after the first one was taken.
            None => page_already_done(),
        }
    } else {
        page_already_done()
    };
    ([(header::CONNECTION, "close")], page)
}

fn read_redirect(params: &HashMap<String, Zeroizing<String>>, state: &str) -> Redirect {
    if params.get("state").map(|s| s.as_str()) != Some(state) {
        return Err(Error::new(
            Code::NotSignedIn,
            "The sign-in answer did not carry this sign-in's state, so it was refused.",
        )
        .with_hint(
            "Start the sign-in again from CertDeck (and complete it in the tab it opens).",
        ));
    }
    if let Some(error) = params.get("error") {
        let description = params
            .get("error_description")
            .map(|d| d.lines().next().unwrap_or_default().trim().to_owned())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| format!("The sign-in was refused ({}).", error.as_str()));
        let code = match error.as_str() {
            "access_denied" => Code::Cancelled,
            "interaction_required" | "login_required" | "consent_required" => Code::SignInRequired,
            _ => Code::NotSignedIn,
        };
        return Err(Error::new(code, description).with_hint(
            "Sign in again; if the message names the app or its redirect URI, check the client id in Settings → Accounts.",
        ));
    }
    match params.get("code").filter(|code| !code.is_empty()) {
        Some(code) => Ok(code.clone()),
        None => Err(
            Error::new(Code::Service, "The sign-in answer carried an empty code.")
                .with_hint("Sign in again."),
        ),
    }
}

fn page_already_done() -> Html<String> {
    page(
        "CertDeck sign-in",
        "You can close this tab and return to CertDeck.",
    )
}

fn page(title: &str, text: &str) -> Html<String> {
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>{title}</h1><p>{}</p></body></html>",
        escape(text)
    ))
}

/// The error text comes from the query string: it is shown as text, never as markup.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, Zeroizing<String>> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Zeroizing::new(v.to_string())))
            .collect()
    }

    #[test]
    fn the_code_is_taken_only_with_the_right_state() {
        let ok = read_redirect(&params(&[("code", "c1"), ("state", "s")]), "s").unwrap();
        assert_eq!(ok.as_str(), "c1");
        let wrong = read_redirect(&params(&[("code", "c1"), ("state", "x")]), "s").unwrap_err();
        assert_eq!(wrong.code, Code::NotSignedIn);
        assert!(wrong.message.contains("state"), "{}", wrong.message);
        let missing = read_redirect(&params(&[("code", "c1")]), "s").unwrap_err();
        assert_eq!(missing.code, Code::NotSignedIn);
    }

    #[test]
    fn error_redirects_show_the_aadsts_line() {
        let err = read_redirect(
            &params(&[
                ("error", "invalid_request"),
                (
                    "error_description",
                    "AADSTS50011: The redirect URI does not match.\r\nTrace ID: 1",
                ),
                ("state", "s"),
            ]),
            "s",
        )
        .unwrap_err();
        assert_eq!(err.message, "AADSTS50011: The redirect URI does not match.");
        let denied = read_redirect(&params(&[("error", "access_denied"), ("state", "s")]), "s");
        assert_eq!(denied.unwrap_err().code, Code::Cancelled);
    }

    #[test]
    fn page_text_is_escaped() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }
}
