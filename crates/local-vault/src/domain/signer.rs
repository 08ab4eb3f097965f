//! Who signs a certificate for an issuer name, and signing with it.

use rcgen::KeyPair;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::issuance;
use crate::domain::model::OpError;
use crate::domain::policy::{LOCAL_CA_PROVIDER, Policy, SELF, UNKNOWN};
use crate::domain::vault::{Vault, VaultState};
use crate::storage::state::key_of;

/// Who signs certificates for an issuer name.
#[derive(Clone, Debug, PartialEq)]
pub enum Signer {
    /// Self-signed.
    SelfSigned,
    /// The data directory's CA (`CertDeckLocalCA` provider).
    LocalCa,
    /// The user merges a certificate signed elsewhere.
    Manual,
    /// A configured issuer whose provider cannot be reached from here.
    Unsupported(String),
}

/// The signer of `issuer`, or 400 when the issuer is not configured.
pub fn signer(state: &VaultState, issuer: &str) -> ApiResult<Signer> {
    if issuer.eq_ignore_ascii_case(SELF) {
        return Ok(Signer::SelfSigned);
    }
    if issuer.eq_ignore_ascii_case(UNKNOWN) {
        return Ok(Signer::Manual);
    }
    let configured = state.issuers.get(&key_of(issuer)).ok_or_else(|| {
        ApiError::bad_parameter(format!(
            "Issuer '{issuer}' was not found in this key vault."
        ))
    })?;
    Ok(
        if configured.provider.eq_ignore_ascii_case(LOCAL_CA_PROVIDER) {
            Signer::LocalCa
        } else {
            Signer::Unsupported(configured.provider.clone())
        },
    )
}

/// Signs a certificate for `key` under `policy`; returns the chain, leaf first.
pub fn sign(
    vault: &Vault,
    signer: &Signer,
    policy: &Policy,
    key: &KeyPair,
    now: i64,
) -> Result<Vec<Vec<u8>>, OpError> {
    let failed = |e: ApiError| OpError {
        code: "CertificateIssuanceFailed".into(),
        message: e.message().to_string(),
    };
    let params = issuance::params(policy, now).map_err(failed)?;
    match signer {
        Signer::SelfSigned => issuance::self_signed(&params, key)
            .map(|c| vec![c])
            .map_err(failed),
        Signer::LocalCa => issuance::ca_signed(&params, key, &vault.ca).map_err(failed),
        Signer::Manual => Err(OpError {
            code: "PendingCertificateMerge".into(),
            message: "Issuer Unknown: merge a signed certificate.".into(),
        }),
        Signer::Unsupported(provider) => Err(OpError {
            code: "ProviderNotSupported".into(),
            message: format!(
                "The issuer provider '{provider}' cannot be reached by the local vault; only {LOCAL_CA_PROVIDER}, Self \
                 and Unknown issuers work offline."
            ),
        }),
    }
}

/// Generates a key for `policy` on the blocking pool.
pub async fn generate_key(policy: &Policy) -> ApiResult<KeyPair> {
    let policy = policy.clone();
    tokio::task::spawn_blocking(move || issuance::generate_key(&policy))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
}
