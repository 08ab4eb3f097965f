//! The sample certificates the admin API seeds: healthy, expiring, expired, disabled and
//! pending, to try the app against.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use crate::clock::{self, DAY};
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, OpStatus, Operation, Version};
use crate::domain::policy::Policy;
use crate::domain::vault::{Change, Vault, key_of};
use crate::domain::{issuance, signer};
use crate::ids;

/// (name, validity start and end relative to now in days, enabled, pending)
const SAMPLES: &[(&str, i64, i64, bool, bool)] = &[
    ("sample-healthy", -30, 335, true, false),
    ("sample-expiring", -355, 10, true, false),
    ("sample-expired", -400, -35, true, false),
    ("sample-disabled", -30, 335, false, false),
    ("sample-pending", 0, 0, false, true),
];

/// Adds the sample certificates that are not there yet; returns every sample's name.
pub async fn seed(vault: &Vault) -> ApiResult<Vec<&'static str>> {
    let mut state = vault.write().await;
    let now = state.now();
    let mut changes = Vec::new();
    for &(name, from, to, enabled, pending) in SAMPLES {
        if state.certs.contains_key(&key_of(name)) {
            continue;
        }
        changes.push(Change::Cert(
            key_of(name),
            Some(Box::new(
                sample(name, now, from, to, enabled, pending).await?,
            )),
        ));
    }
    vault.commit(&mut state, changes).await?;
    Ok(SAMPLES.iter().map(|s| s.0).collect())
}

async fn sample(
    name: &str,
    now: i64,
    from: i64,
    to: i64,
    enabled: bool,
    pending: bool,
) -> ApiResult<CertRecord> {
    let issuer = if pending { "Unknown" } else { "Self" };
    // EmailContacts, not AutoRenew: the samples must stay expired/expiring to be useful.
    let policy: Policy = serde_json::from_value(json!({
        "issuer": { "name": issuer },
        "x509_props": { "subject": format!("CN={name}.certdeck.local"), "sans": { "dns_names": [format!("{name}.certdeck.local")] } },
        "lifetime_actions": [{ "trigger": { "lifetime_percentage": 80 }, "action": { "action_type": "EmailContacts" } }],
    }))
    .map_err(|e| ApiError::internal(e.to_string()))?;
    let policy = policy.with_defaults();
    let key = signer::generate_key(&policy).await?;
    let mut version = Version::pending(&key.serialize_der(), &policy, now, Default::default());
    let mut params = issuance::params(&policy, now)?;
    let mut operation = None;
    if pending {
        operation = Some(Operation {
            version: version.id.clone(),
            issuer: issuer.into(),
            csr: STANDARD.encode(issuance::csr(&params, &key)?),
            status: OpStatus::InProgress,
            status_details: Some(
                "Pending certificate created. Please merge the signed certificate.".into(),
            ),
            cancellation_requested: false,
            error: None,
            request_id: ids::new_id(),
            target_enabled: true,
        });
    } else {
        params.not_before = clock::to_offset(now + from * DAY);
        params.not_after = clock::to_offset(now + to * DAY);
        version.issue(&[issuance::self_signed(&params, &key)?], 0, enabled, now)?;
    }
    let mut cert = CertRecord::new(name, policy, now);
    cert.versions.push(version);
    cert.operation = operation;
    Ok(cert)
}
