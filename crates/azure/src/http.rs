//! The one HTTP client every request of this crate goes through: the system's roots plus,
//! when `CERTDECK_EXTRA_CA_FILE` names a PEM file, every certificate in it (tests serve the
//! authority and ARM from a local CA). Redirects are never followed: `nextLink`s are followed
//! by their callers and a token endpoint has no business redirecting.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use azure_core::http::Transport;
use errors::{Code, Error, Result};

use crate::cloud::{Cloud, Endpoints, Overrides};

pub const EXTRA_CA_FILE_ENV: &str = "CERTDECK_EXTRA_CA_FILE";

/// The client, trusting the extra roots `CERTDECK_EXTRA_CA_FILE` names, if set.
pub fn client() -> Result<reqwest::Client> {
    client_with(extra_ca_file().as_deref())
}

/// The PEM file of extra roots the environment names, if any.
pub fn extra_ca_file() -> Option<PathBuf> {
    std::env::var_os(EXTRA_CA_FILE_ENV)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

/// The client, also trusting every certificate in the PEM file `extra_ca` (tests pass theirs
/// here rather than through the process-wide environment).
pub fn client_with(extra_ca: Option<&Path>) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(20))
        .timeout(Duration::from_secs(60));
    if let Some(path) = extra_ca {
        builder = builder.tls_certs_merge(read_roots(path)?);
    }
    builder.build().map_err(|err| {
        Error::new(Code::Tls, format!("Could not set up HTTPS: {err}"))
            .with_hint("Check the TLS setup of this machine.")
    })
}

/// How this crate reaches Azure: the endpoint overrides and the HTTP client. `from_env` is the
/// app's and the CLI's; tests build theirs explicitly (tests run in parallel threads).
#[derive(Debug, Clone)]
pub struct Network {
    pub overrides: Overrides,
    pub http: reqwest::Client,
}

impl Network {
    /// The overrides and extra roots the environment sets.
    pub fn from_env() -> Result<Self> {
        Ok(Self {
            overrides: Overrides::from_env()?,
            http: client()?,
        })
    }

    /// `cloud`'s endpoints, with the overrides applied.
    pub fn endpoints(&self, cloud: Cloud) -> Endpoints {
        cloud.endpoints_with(&self.overrides)
    }
}

/// A failed request to `host` as the user reads it: offline, or TLS (a proxy inspecting it).
pub fn transport_error(err: &reqwest::Error, host: &str) -> Error {
    let mut chain = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(cause) = next {
        chain.push(cause.to_string());
        next = cause.source();
    }
    let detail = chain.join(": ");
    let lower = detail.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        Error::new(
            Code::Tls,
            format!("The secure connection to {host} failed: {detail}"),
        )
        .with_hint(format!(
            "If a proxy inspects TLS here, add its CA certificate to a PEM file named by {EXTRA_CA_FILE_ENV}."
        ))
    } else {
        Error::new(Code::Offline, format!("Could not reach {host}: {detail}"))
            .with_hint("Check the network connection (and proxy settings), then retry.")
    }
}

/// `client` as an `azure_core` transport, for requests made through an SDK pipeline.
pub fn transport(client: &reqwest::Client) -> Transport {
    Transport::new(Arc::new(client.clone()))
}

fn read_roots(path: &Path) -> Result<Vec<reqwest::Certificate>> {
    let unusable = |why: String| {
        Error::new(
            Code::Tls,
            format!(
                "The extra CA file {} ({EXTRA_CA_FILE_ENV}) is unusable: {why}",
                path.display()
            ),
        )
        .with_hint(format!(
            "Point {EXTRA_CA_FILE_ENV} at a readable PEM file of CA certificates, or unset it."
        ))
    };
    let pem = std::fs::read(path).map_err(|err| unusable(err.to_string()))?;
    let roots = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|err| unusable(format!("not PEM certificates ({err})")))?;
    if roots.is_empty() {
        return Err(unusable("it holds no PEM certificate".into()));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ca_pem() -> String {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).unwrap().pem()
    }

    fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn extra_ca_problems_are_tls_errors_naming_the_file_and_variable() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let empty = file(dir.path(), "empty.pem", "no certificates here\n");
        for path in [&missing, &empty] {
            let err = client_with(Some(path)).unwrap_err();
            assert_eq!(err.code, Code::Tls, "{err:?}");
            assert!(
                err.message.contains(&*path.to_string_lossy()),
                "{}",
                err.message
            );
            assert!(err.message.contains(EXTRA_CA_FILE_ENV), "{}", err.message);
            assert!(err.hint.is_some());
        }
    }

    #[test]
    fn a_pem_bundle_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let two = file(dir.path(), "two.pem", &format!("{}{}", ca_pem(), ca_pem()));
        assert_eq!(read_roots(&two).unwrap().len(), 2);
        assert!(client_with(Some(&two)).is_ok());
        assert!(client_with(None).is_ok());
    }
}
