//! Background jobs of a vault, on its state alone: completing asynchronous issuance, lifetime
//! actions (AutoRenew, EmailContacts) and scheduled purges.

use std::sync::Arc;
use std::time::Duration;

use crate::clock::DAY;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::issuance;
use crate::domain::model::{CertRecord, Notification, OpError, OpStatus, Transition, Version};
use crate::domain::policy::{Policy, UNKNOWN};
use crate::domain::signer::{Signer, generate_key, sign, signer};
use crate::domain::vault::{Change, Vault, VaultState};

/// Completes operation `request_id` of certificate `key` after the vault's delay.
pub fn complete_later(vault: Arc<Vault>, key: String, request_id: String) {
    tokio::spawn(async move {
        tokio::time::sleep(vault.delays.operation).await;
        if let Err(e) = complete(&vault, &key, &request_id).await {
            tracing::warn!(vault = %vault.name, certificate = %key, "completing operation failed: {}", e.message());
        }
    });
}

async fn complete(vault: &Vault, key: &str, request_id: &str) -> ApiResult<()> {
    let mut state = vault.write().await;
    let Some(mut cert) = state.certs.get(key).cloned() else {
        return Ok(());
    };
    let Some(mut op) = cert.operation.clone().filter(|o| {
        o.request_id == request_id && o.status == OpStatus::InProgress && !o.cancellation_requested
    }) else {
        return Ok(());
    };
    let now = state.now();
    let key_pair = cert
        .version(&op.version)
        .map(|v| issuance::load_key(&v.key_der()))
        .transpose()?;
    let signed = match (key_pair, signer(&state, &op.issuer)) {
        (Some(key_pair), Ok(signer)) => sign(vault, &signer, &cert.policy, &key_pair, now),
        (None, _) => Err(OpError {
            code: "PendingVersionMissing".into(),
            message: "The pending version is gone.".into(),
        }),
        (_, Err(e)) => Err(OpError {
            code: "IssuerNotFound".into(),
            message: e.message().to_string(),
        }),
    };
    match signed {
        Ok(chain) => {
            let version = cert
                .version_mut(&op.version)
                .ok_or_else(|| ApiError::internal("version vanished"))?;
            version.issue(&chain, 0, op.target_enabled, now)?;
            op.status = OpStatus::Completed;
            op.status_details = None;
        }
        Err(error) => {
            // A failed renewal leaves the issued version current; a failed create leaves the
            // certificate listed as pending (disabled, no CER) until it is deleted, as Key
            // Vault shows it.
            if cert.issued() {
                cert.versions.retain(|v| v.id != op.version);
            }
            op.status = OpStatus::Failed;
            op.status_details = Some(error.message.clone());
            op.error = Some(error);
        }
    }
    cert.operation = Some(op);
    vault
        .commit(
            &mut state,
            vec![Change::Cert(key.to_string(), Some(Box::new(cert)))],
        )
        .await?;
    Ok(())
}

/// Ends the deletion or recovery of certificate `key` after the vault's deletion delay.
pub fn settle_later(vault: Arc<Vault>, key: String, transition: Transition) {
    tokio::spawn(async move {
        tokio::time::sleep(vault.delays.deletion).await;
        if let Err(e) = settle(&vault, &key, transition).await {
            tracing::warn!(vault = %vault.name, certificate = %key, "settling {transition:?} failed: {}", e.message());
        }
    });
}

async fn settle(vault: &Vault, key: &str, transition: Transition) -> ApiResult<()> {
    let mut state = vault.write().await;
    let Some(mut cert) = state
        .certs
        .get(key)
        .filter(|c| c.transition == Some(transition))
        .cloned()
    else {
        return Ok(());
    };
    cert.transition = None;
    vault
        .commit(
            &mut state,
            vec![Change::Cert(key.to_string(), Some(Box::new(cert)))],
        )
        .await?;
    Ok(())
}

/// Background work of one vault: resume interrupted operations, deletions and recoveries,
/// then evaluate lifetime actions and purges every `tick`.
pub async fn run(vault: Arc<Vault>, tick: Duration) {
    {
        let state = vault.read().await;
        for (key, cert) in &state.certs {
            if let Some(transition) = cert.transition {
                settle_later(vault.clone(), key.clone(), transition);
            }
            if let Some(op) = cert.operation.as_ref().filter(|o| {
                o.status == OpStatus::InProgress && !o.cancellation_requested && o.issuer != UNKNOWN
            }) {
                complete_later(vault.clone(), key.clone(), op.request_id.clone());
            }
        }
    }
    let mut interval = tokio::time::interval(tick);
    loop {
        interval.tick().await;
        if let Err(e) = evaluate(&vault).await {
            tracing::warn!(vault = %vault.name, "lifetime actions failed: {}", e.message());
        }
    }
}

/// When the latest issued version's lifetime action fires, if it has one of `action_type`.
fn trigger_time(policy: &Policy, version: &Version, action_type: &str) -> Option<i64> {
    let action = policy
        .lifetime_actions
        .iter()
        .flatten()
        .find(|a| a.action.action_type == action_type)?;
    // In i128: dates and triggers come from stored (and restored) records, whatever their
    // range; a time past i64 is never due.
    let (nbf, exp) = (i128::from(version.nbf), i128::from(version.exp));
    let at = match (
        action.trigger.lifetime_percentage,
        action.trigger.days_before_expiry,
    ) {
        (Some(p), _) => nbf + (exp - nbf) * i128::from(p) / 100,
        (None, Some(d)) => exp - i128::from(d) * i128::from(DAY),
        _ => return None,
    };
    Some(i64::try_from(at).unwrap_or(if at < 0 { i64::MIN } else { i64::MAX }))
}

/// Runs due lifetime actions and purges whose date passed, at the vault clock.
pub async fn evaluate(vault: &Vault) -> ApiResult<()> {
    let mut state = vault.write().await;
    let now = state.now();
    let mut changes = Vec::new();
    let contacts: Vec<String> = state
        .contacts
        .as_ref()
        .and_then(|c| c.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|c| c["email"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for (key, cert) in &state.certs {
        if cert
            .deleted
            .as_ref()
            .is_some_and(|d| now >= d.scheduled_purge_date)
        {
            changes.push(Change::Cert(key.clone(), None));
            continue;
        }
        let Some(latest) = cert
            .versions
            .iter()
            .rev()
            .find(|v| v.cer().is_some())
            .filter(|_| cert.live())
        else {
            continue;
        };
        let mut updated: Option<CertRecord> = None;
        if trigger_time(&cert.policy, latest, "EmailContacts").is_some_and(|t| now >= t)
            && !cert.notified.contains(&latest.id)
        {
            let mut next = cert.clone();
            next.notified.push(latest.id.clone());
            updated = Some(next);
            changes.push(Change::Notify(Notification {
                certificate: cert.name.clone(),
                action: "EmailContacts".into(),
                at: now,
                contacts: contacts.clone(),
            }));
        }
        if trigger_time(&cert.policy, latest, "AutoRenew").is_some_and(|t| now >= t)
            && !cert.in_progress()
        {
            let mut next = updated.take().unwrap_or_else(|| cert.clone());
            if renew(vault, &state, &mut next, now).await.is_ok() {
                updated = Some(next);
            }
        }
        if let Some(next) = updated {
            changes.push(Change::Cert(key.clone(), Some(Box::new(next))));
        }
    }
    if changes.is_empty() {
        return Ok(());
    }
    vault.commit(&mut state, changes).await?;
    Ok(())
}

/// Adds a newly issued version (same key when `reuse_key`).
async fn renew(
    vault: &Vault,
    state: &VaultState,
    cert: &mut CertRecord,
    now: i64,
) -> ApiResult<()> {
    let signer = signer(state, cert.policy.issuer_name())?;
    if !matches!(signer, Signer::SelfSigned | Signer::LocalCa) {
        return Err(ApiError::bad_parameter(
            "Only Self and local CA certificates renew automatically.",
        ));
    }
    let key = match cert
        .latest()
        .filter(|_| cert.policy.key().reuse_key == Some(true))
    {
        Some(latest) => issuance::load_key(&latest.key_der())?,
        None => generate_key(&cert.policy).await?,
    };
    let chain = sign(vault, &signer, &cert.policy, &key, now)
        .map_err(|e| ApiError::bad_parameter(e.message))?;
    let tags = cert.latest().map(|v| v.tags.clone()).unwrap_or_default();
    let mut version = Version::pending(&key.serialize_der(), &cert.policy, now, tags);
    version.issue(&chain, 0, cert.policy.enabled(), now)?;
    cert.versions.push(version);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::test_leaf;
    use crate::domain::policy::{Action, LifetimeAction, Trigger};

    fn with_trigger(percentage: Option<i64>, days: Option<i64>) -> Policy {
        Policy {
            lifetime_actions: Some(vec![LifetimeAction {
                trigger: Trigger {
                    lifetime_percentage: percentage,
                    days_before_expiry: days,
                },
                action: Action {
                    action_type: "EmailContacts".into(),
                },
            }]),
            ..Policy::default()
        }
    }

    #[test]
    fn trigger_times_never_overflow() {
        let (key, _) = test_leaf();
        let policy = with_trigger(Some(80), None);
        let mut version = Version::pending(&key, &policy, 0, Default::default());
        version.nbf = 0;
        version.exp = 1 << 62;
        let at = trigger_time(&policy, &version, "EmailContacts");
        assert_eq!(at, Some(((1i128 << 62) * 80 / 100) as i64));
        version.nbf = i64::MIN;
        version.exp = i64::MAX;
        for policy in [
            with_trigger(Some(99), None),
            with_trigger(Some(-50), None),
            with_trigger(None, Some(i64::MAX)),
            with_trigger(None, Some(i64::MIN)),
        ] {
            let at = trigger_time(&policy, &version, "EmailContacts");
            assert!(at.is_some(), "a trigger time, clamped");
        }
        assert_eq!(
            trigger_time(
                &with_trigger(None, Some(i64::MAX)),
                &version,
                "EmailContacts"
            ),
            Some(i64::MIN)
        );
    }
}
