//! Fault injection, for testing clients against a misbehaving service: throttling (429 with
//! `Retry-After`), 500 and 503, dropped connections (before the handler runs, or after it ran
//! so that its write landed but the answer is lost), slow answers, and an expired token (401
//! with the Key Vault challenge). Rules are set per vault through the admin API
//! (`/_certdeck/faults`) and apply to authenticated Key Vault requests only, never the admin
//! API. A rule hits "the next `count` matching requests", or a `fraction` of them decided by
//! a seeded generator (so a run is reproducible: the n-th matching request always gets the
//! same decision), or both (a fraction, at most `count` times).

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::domain::ApiError;
use crate::http::auth::ADMIN_PREFIX;
use crate::http::context::Ctx;

/// Longest delay or `Retry-After` a rule may ask for.
const MAX_WAIT_SECS: u64 = 60;

/// What a hit request gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// 429 `Throttled` with `Retry-After: retry_after_secs`.
    Throttle {
        #[serde(default = "one_second")]
        retry_after_secs: u64,
    },
    /// 500 `InternalServerError`.
    Internal,
    /// 503 `ServiceUnavailable`, with `Retry-After` when given.
    Unavailable {
        #[serde(default)]
        retry_after_secs: Option<u64>,
    },
    /// The connection closes without an answer; the request never reaches its handler.
    DropBefore,
    /// The handler runs to its end (a write lands), then the connection closes unanswered.
    DropAfter,
    /// The answer comes `delay_ms` late.
    Delay { delay_ms: u64 },
    /// 401 with the challenge, as when a token expires: clients fetch a token and resend.
    ExpiredToken,
}

fn one_second() -> u64 {
    1
}

/// One rule: which requests, how many or how often, and the fault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    #[serde(flatten)]
    pub fault: Fault,
    /// Only requests of this method (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Only paths starting with this (any when absent), e.g. `/certificates/web/import`.
    #[serde(default)]
    pub path_prefix: Option<String>,
    /// At most this many hits (unbounded when absent).
    #[serde(default)]
    pub count: Option<u32>,
    /// The share of matching requests hit, in (0, 1] (every one when absent).
    #[serde(default)]
    pub fraction: Option<f64>,
    /// Seeds the fraction's generator.
    #[serde(default)]
    pub seed: u64,
}

impl Rule {
    fn check(&self) -> Result<(), String> {
        if let Some(p) = self.fraction
            && !(p > 0.0 && p <= 1.0)
        {
            return Err(format!("fraction must be in (0, 1], not {p}."));
        }
        let wait = match &self.fault {
            Fault::Throttle { retry_after_secs } => *retry_after_secs,
            Fault::Unavailable { retry_after_secs } => retry_after_secs.unwrap_or(0),
            Fault::Delay { delay_ms } => delay_ms / 1000,
            _ => 0,
        };
        if wait > MAX_WAIT_SECS {
            return Err(format!("A fault may wait at most {MAX_WAIT_SECS} s."));
        }
        Ok(())
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self
                .path_prefix
                .as_deref()
                .is_none_or(|prefix| path.starts_with(prefix))
    }
}

/// A rule in force, with its generator and what it did so far.
#[derive(Debug, Clone, Serialize)]
pub struct Armed {
    #[serde(flatten)]
    pub rule: Rule,
    /// Requests hit so far.
    pub injected: u32,
    #[serde(skip)]
    state: u64,
}

impl Armed {
    fn new(rule: Rule) -> Armed {
        Armed {
            state: rule.seed,
            rule,
            injected: 0,
        }
    }

    /// Whether this matching request is hit; advances the generator once per call.
    fn hits(&mut self) -> bool {
        if self.rule.count.is_some_and(|count| self.injected >= count) {
            return false;
        }
        let hit = self
            .rule
            .fraction
            .is_none_or(|p| unit(splitmix64(&mut self.state)) < p);
        if hit {
            self.injected += 1;
        }
        hit
    }
}

/// SplitMix64: a tiny, well-mixed, seedable generator (determinism, not secrecy).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The top 53 bits as a number in [0, 1).
fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// The rules of one vault port.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Armed>>,
}

impl Faults {
    /// Replaces the rules (all checked first: a bad one changes nothing).
    pub fn set(&self, rules: Vec<Rule>) -> Result<(), String> {
        for rule in &rules {
            rule.check()?;
        }
        *self.lock() = rules.into_iter().map(Armed::new).collect();
        Ok(())
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().clear();
    }

    /// The rules in force with their hit counts.
    pub fn report(&self) -> Vec<Armed> {
        self.lock().clone()
    }

    /// The fault for this request: that of the first matching rule that hits (rules after
    /// it are not consulted, so their generators do not advance).
    pub fn pick(&self, method: &str, path: &str) -> Option<Fault> {
        self.lock().iter_mut().find_map(|armed| {
            (armed.rule.matches(method, path) && armed.hits()).then(|| armed.rule.fault.clone())
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Armed>> {
        self.rules.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Middleware (inside the token check, so a client's unauthenticated first request is not
/// counted): applies the fault the rules pick, if any.
pub async fn inject(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path.starts_with(ADMIN_PREFIX) {
        return next.run(request).await;
    }
    let Some(fault) = ctx.faults.pick(request.method().as_str(), path) else {
        return next.run(request).await;
    };
    tracing::debug!(?fault, %path, "injecting a fault");
    match fault {
        Fault::Throttle { retry_after_secs } => with_retry_after(
            ApiError::throttled("Injected fault: too many requests.").into_response(),
            Some(retry_after_secs),
        ),
        Fault::Internal => ApiError::internal("Injected fault: internal error.").into_response(),
        Fault::Unavailable { retry_after_secs } => with_retry_after(
            error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "ServiceUnavailable",
                "Injected fault: the service is unavailable.",
            ),
            retry_after_secs,
        ),
        Fault::DropBefore => dropped(),
        Fault::DropAfter => {
            // The answer is produced (so any write landed), then thrown away.
            drop(next.run(request).await);
            dropped()
        }
        Fault::Delay { delay_ms } => {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            next.run(request).await
        }
        Fault::ExpiredToken => ApiError::unauthorized(
            "AKV10032: Invalid issuer or token: the token has expired (injected fault).",
        )
        .into_response(),
    }
}

fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "error": { "code": code, "message": message } })),
    )
        .into_response()
}

fn with_retry_after(mut response: Response, secs: Option<u64>) -> Response {
    if let Some(secs) = secs {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    response
}

/// A response whose body fails before its first byte: the server then closes the
/// connection without writing the status line, as a dropped connection looks to a client.
fn dropped() -> Response {
    Response::new(Body::new(Broken))
}

struct Broken;

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Ready(Some(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected fault: connection dropped",
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: serde_json::Value) -> Rule {
        serde_json::from_value(json).expect("rule parses")
    }

    #[test]
    fn count_hits_the_next_n_matching_requests_only() {
        let faults = Faults::default();
        faults
            .set(vec![rule(json!({
                "kind": "internal", "method": "post", "path_prefix": "/certificates/a/", "count": 2
            }))])
            .unwrap();
        assert_eq!(faults.pick("GET", "/certificates/a/import"), None);
        assert_eq!(faults.pick("POST", "/certificates/b/import"), None);
        assert_eq!(
            faults.pick("POST", "/certificates/a/import"),
            Some(Fault::Internal)
        );
        assert_eq!(
            faults.pick("POST", "/certificates/a/import"),
            Some(Fault::Internal)
        );
        assert_eq!(faults.pick("POST", "/certificates/a/import"), None);
        assert_eq!(faults.report()[0].injected, 2);
    }

    fn decisions(seed: u64, n: usize) -> Vec<bool> {
        let faults = Faults::default();
        faults
            .set(vec![rule(
                json!({ "kind": "drop_before", "fraction": 0.3, "seed": seed }),
            )])
            .unwrap();
        (0..n)
            .map(|_| faults.pick("GET", "/certificates").is_some())
            .collect()
    }

    #[test]
    fn a_fraction_is_reproducible_from_its_seed() {
        let first = decisions(7, 1000);
        assert_eq!(first, decisions(7, 1000));
        assert_ne!(first, decisions(8, 1000));
        let hits = first.iter().filter(|hit| **hit).count();
        assert!((250..350).contains(&hits), "{hits} of 1000 hit at 0.3");
    }

    #[test]
    fn a_fraction_with_a_count_stops_at_the_count() {
        let faults = Faults::default();
        faults
            .set(vec![rule(
                json!({ "kind": "delay", "delay_ms": 1, "fraction": 0.5, "count": 3, "seed": 1 }),
            )])
            .unwrap();
        let hits = (0..100)
            .filter(|_| faults.pick("GET", "/x").is_some())
            .count();
        assert_eq!(hits, 3);
    }

    #[test]
    fn bad_rules_change_nothing() {
        let faults = Faults::default();
        faults
            .set(vec![rule(json!({ "kind": "internal" }))])
            .unwrap();
        let bad = [
            json!({ "kind": "internal", "fraction": 0.0 }),
            json!({ "kind": "internal", "fraction": 1.5 }),
            json!({ "kind": "throttle", "retry_after_secs": 3600 }),
        ];
        for bad in bad {
            assert!(faults.set(vec![rule(bad)]).is_err());
        }
        assert_eq!(faults.report().len(), 1);
        assert!(serde_json::from_value::<Rule>(json!({ "kind": "teapot" })).is_err());
    }
}
