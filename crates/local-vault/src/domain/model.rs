//! What a vault stores: certificates with their versions and operation, issuers, contacts,
//! notifications, and the name rule. Storage keeps them as JSON documents (`storage/state.rs`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::certinfo;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::policy::Policy;
use crate::ids;

/// A certificate: its policy, versions (oldest first), operation and deletion state.
#[derive(Clone, Serialize, Deserialize)]
pub struct CertRecord {
    /// The name as first given (lookups are case-insensitive).
    pub name: String,
    /// The policy, with defaults filled in.
    pub policy: Policy,
    /// Policy creation and update times.
    pub policy_created: i64,
    /// Last policy update.
    pub policy_updated: i64,
    /// Versions, oldest first; a version without a certificate is pending.
    pub versions: Vec<Version>,
    /// The latest create/renew operation.
    pub operation: Option<Operation>,
    /// Set while soft-deleted.
    pub deleted: Option<Deletion>,
    /// Set while a deletion or recovery is still settling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transition: Option<Transition>,
    /// Version ids for which an `EmailContacts` notification was recorded.
    #[serde(default)]
    pub notified: Vec<String>,
}

/// One version of a certificate, with its key and secret.
#[derive(Clone, Serialize, Deserialize)]
pub struct Version {
    /// 32 hex digits.
    pub id: String,
    /// PKCS#8 private key, base64.
    pub key: String,
    /// Whether the secret may carry the private key.
    pub exportable: bool,
    /// `application/x-pkcs12` or `application/x-pem-file`.
    pub content_type: String,
    /// DER certificates (base64) in download order; empty while pending. Private so that only
    /// `issue` changes it, which keeps `thumbprint` in step.
    chain: Vec<String>,
    /// Index of the leaf in `chain`.
    leaf: usize,
    /// Whether enabled.
    pub enabled: bool,
    /// Validity start/end (from the certificate).
    pub nbf: i64,
    /// Validity end.
    pub exp: i64,
    /// Creation time (vault clock).
    pub created: i64,
    /// Last update (vault clock).
    pub updated: i64,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// `x5t` of the leaf, computed on first use: every list item shows it, and hashing each
    /// certificate on every list dominated listing.
    #[serde(skip)]
    thumbprint: OnceLock<Option<String>>,
}

impl Version {
    /// A new pending version holding `key` (PKCS#8 DER), shaped by `policy`.
    pub fn pending(
        key: &[u8],
        policy: &Policy,
        now: i64,
        tags: BTreeMap<String, String>,
    ) -> Version {
        Version {
            id: ids::new_id(),
            key: STANDARD.encode(key),
            exportable: policy.key().exportable.unwrap_or(true),
            content_type: policy.content_type().to_string(),
            chain: Vec::new(),
            leaf: 0,
            enabled: false,
            nbf: 0,
            exp: 0,
            created: now,
            updated: now,
            tags,
            thumbprint: OnceLock::new(),
        }
    }

    /// Stores an issued chain (DER, leaf at `leaf`) and takes the validity from the leaf.
    pub fn issue(
        &mut self,
        chain: &[Vec<u8>],
        leaf: usize,
        enabled: bool,
        now: i64,
    ) -> ApiResult<()> {
        let leaf_der = chain
            .get(leaf)
            .ok_or_else(|| ApiError::bad_parameter("The chain is empty."))?;
        let (nbf, exp) = certinfo::validity(leaf_der)?;
        self.chain = chain.iter().map(|c| STANDARD.encode(c)).collect();
        self.leaf = leaf;
        self.thumbprint = OnceLock::new();
        self.nbf = nbf;
        self.exp = exp;
        self.enabled = enabled;
        self.updated = now;
        Ok(())
    }

    /// The leaf certificate, base64, if issued.
    pub fn cer(&self) -> Option<&str> {
        self.chain.get(self.leaf).map(String::as_str)
    }

    /// The certificates (base64 DER) in download order; empty while pending.
    pub fn chain(&self) -> &[String] {
        &self.chain
    }

    /// `x5t` (base64url SHA-1) of the leaf, if issued.
    pub fn x5t(&self) -> Option<&str> {
        self.thumbprint
            .get_or_init(|| self.cer_der().map(|der| certinfo::x5t(&der)))
            .as_deref()
    }

    /// The leaf certificate as DER.
    pub fn cer_der(&self) -> Option<Vec<u8>> {
        self.cer().and_then(|c| STANDARD.decode(c).ok())
    }

    /// The PKCS#8 key as DER.
    pub fn key_der(&self) -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(STANDARD.decode(&self.key).unwrap_or_default())
    }
}

/// A certificate operation (create, renew, merge target).
#[derive(Clone, Serialize, Deserialize)]
pub struct Operation {
    /// The version the operation issues.
    pub version: String,
    /// Issuer name from the policy.
    pub issuer: String,
    /// The CSR, base64 DER.
    pub csr: String,
    /// Where it stands.
    pub status: OpStatus,
    /// Human-readable status.
    pub status_details: Option<String>,
    /// Set by cancel: the operation then stays `inProgress` and never issues.
    pub cancellation_requested: bool,
    /// Error of a failed operation.
    pub error: Option<OpError>,
    /// 32 hex digits.
    pub request_id: String,
    /// Whether the issued version starts enabled.
    pub target_enabled: bool,
}

/// Where an operation stands; stored and answered as `inProgress`, `completed` or `failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OpStatus {
    /// Issuing, or waiting for a merge; also a cancelled operation, which Key Vault keeps
    /// `inProgress` with `cancellation_requested`. Data dirs written before that stored
    /// cancelled operations as `cancelled` (always with `cancellation_requested`).
    #[serde(alias = "cancelled")]
    InProgress,
    /// Issued (created or merged).
    Completed,
    /// The issuer could not sign.
    Failed,
}

/// An operation's error.
#[derive(Clone, Serialize, Deserialize)]
pub struct OpError {
    /// Error code.
    pub code: String,
    /// Message.
    pub message: String,
}

/// Soft-deletion state.
#[derive(Clone, Serialize, Deserialize)]
pub struct Deletion {
    /// When deleted (vault clock).
    pub deleted_date: i64,
    /// When it will be purged.
    pub scheduled_purge_date: i64,
}

/// A deletion or recovery Key Vault has acknowledged but not finished: meanwhile the
/// certificate answers neither as live nor as deleted, and its name cannot be reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Transition {
    /// Deleted, not yet listed or readable as deleted (nor purgeable).
    Deleting,
    /// Recovered, not yet readable as live.
    Recovering,
}

/// A certificate issuer configured with the issuers API.
#[derive(Clone, Serialize, Deserialize)]
pub struct IssuerRecord {
    /// Name as given.
    pub name: String,
    /// Provider, e.g. `CertDeckLocalCA`.
    pub provider: String,
    /// `credentials.account_id` (the password is never stored).
    pub account_id: Option<String>,
    /// `org_details` as sent.
    pub org_details: Option<Value>,
    /// Enabled flag.
    pub enabled: bool,
    /// Creation time.
    pub created: i64,
    /// Last update.
    pub updated: i64,
}

/// A recorded `EmailContacts` lifetime action.
#[derive(Clone, Serialize, Deserialize)]
pub struct Notification {
    /// Certificate name.
    pub certificate: String,
    /// `EmailContacts`.
    pub action: String,
    /// Vault time of the notification.
    pub at: i64,
    /// Contact e-mail addresses at that time.
    pub contacts: Vec<String>,
}

/// The service's name rule for vaults, certificates and issuers: 1–127 of `0-9a-zA-Z-`.
pub fn valid_name(name: &str) -> bool {
    (1..=127).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// [`valid_name`] as the service answers a name in a request URI that breaks it.
pub fn check_name(name: &str) -> ApiResult<()> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(ApiError::bad_parameter(format!(
            "The request URI contains an invalid name: {name}"
        )))
    }
}

impl CertRecord {
    /// A new certificate without versions, its policy created `now`.
    pub fn new(name: &str, policy: Policy, now: i64) -> CertRecord {
        CertRecord {
            name: name.to_string(),
            policy,
            policy_created: now,
            policy_updated: now,
            versions: Vec::new(),
            operation: None,
            deleted: None,
            transition: None,
            notified: Vec::new(),
        }
    }

    /// The version clients see as latest: the newest issued one, else the newest pending.
    pub fn latest(&self) -> Option<&Version> {
        self.versions
            .iter()
            .rev()
            .find(|v| v.cer().is_some())
            .or_else(|| self.versions.last())
    }

    /// A version by id (case-insensitive).
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.id.eq_ignore_ascii_case(id))
    }

    /// Mutable access to a version by id.
    pub fn version_mut(&mut self, id: &str) -> Option<&mut Version> {
        self.versions
            .iter_mut()
            .find(|v| v.id.eq_ignore_ascii_case(id))
    }

    /// Whether it is live: neither deleted nor settling a deletion or recovery.
    pub fn live(&self) -> bool {
        self.deleted.is_none() && self.transition.is_none()
    }

    /// Whether an operation is still running.
    pub fn in_progress(&self) -> bool {
        self.operation
            .as_ref()
            .is_some_and(|o| o.status == OpStatus::InProgress)
    }

    /// Whether the certificate has an issued version.
    pub fn issued(&self) -> bool {
        self.versions.iter().any(|v| v.cer().is_some())
    }
}

/// A fresh key (PKCS#8 DER) and a self-signed certificate for it (DER), for unit tests.
#[cfg(test)]
pub fn test_leaf() -> (Vec<u8>, Vec<u8>) {
    let key = rcgen::KeyPair::generate().unwrap();
    let der = rcgen::CertificateParams::new(vec!["leaf.test".to_string()])
        .unwrap()
        .self_signed(&key)
        .unwrap()
        .der()
        .to_vec();
    (key.serialize_der(), der)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pending version listed before it is issued must not keep its empty thumbprint.
    #[test]
    fn issuing_refreshes_the_thumbprint() {
        let (key, der) = test_leaf();
        let mut version = Version::pending(&key, &Policy::default(), 0, BTreeMap::new());
        assert_eq!(version.x5t(), None);
        version
            .issue(std::slice::from_ref(&der), 0, true, 1)
            .unwrap();
        assert_eq!(
            version.x5t(),
            Some(crate::domain::certinfo::x5t(&der).as_str())
        );
    }

    /// Stored operations and responses spell the status as they did when it was a string.
    #[test]
    fn statuses_keep_their_spelling() {
        for (status, text) in [
            (OpStatus::InProgress, "inProgress"),
            (OpStatus::Completed, "completed"),
            (OpStatus::Failed, "failed"),
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), text);
            assert_eq!(
                serde_json::from_value::<OpStatus>(text.into()).unwrap(),
                status
            );
        }
        // Stored by earlier versions for a cancelled operation, which the service keeps
        // in progress.
        assert_eq!(
            serde_json::from_value::<OpStatus>("cancelled".into()).unwrap(),
            OpStatus::InProgress
        );
    }

    #[test]
    fn names_follow_the_service_rule() {
        assert!(valid_name("a-Z-0"));
        assert!(valid_name(&"n".repeat(127)));
        assert!(!valid_name(&"n".repeat(128)));
        assert!(!valid_name(""));
        assert!(!valid_name("under_score"));
        assert!(check_name("dot.ted").is_err());
    }
}
