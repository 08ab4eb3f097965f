//! What a restored backup must be before anything is written: a live certificate whose policy
//! passes the create rules and whose every version is an issued certificate paired with its
//! own key, its dates those of the certificate and within X.509's range. A blob is
//! authenticated, but only as sound as the record that was sealed; these are the checks the
//! create and import paths make.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use inspect::PrivateKey;

use crate::domain::certinfo;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::model::{CertRecord, Version, check_name};
use crate::domain::policy::{PEM, PKCS12};

/// The times X.509 can state, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z: no date of a
/// record (a shifted vault clock included) lies outside.
const EARLIEST: i64 = -62_135_596_800;
const LATEST: i64 = 253_402_300_799;
/// The most tags a version carries, as on the service.
const MAX_TAGS: usize = 15;

fn invalid(why: impl std::fmt::Display) -> ApiError {
    ApiError::bad_parameter(format!(
        "The backup blob holds an invalid certificate: {why}."
    ))
}

fn date(what: &str, at: i64) -> ApiResult<()> {
    if (EARLIEST..=LATEST).contains(&at) {
        Ok(())
    } else {
        Err(invalid(format!("{what} {at} is outside the years 1–9999")))
    }
}

/// Checks a record decoded from a backup.
pub fn check(cert: &CertRecord) -> ApiResult<()> {
    check_name(&cert.name)?;
    cert.policy
        .validate()
        .map_err(|e| invalid(format!("its policy: {}", e.message())))?;
    date("policy creation", cert.policy_created)?;
    date("policy update", cert.policy_updated)?;
    if cert.deleted.is_some() || cert.operation.is_some() || cert.transition.is_some() {
        return Err(invalid(
            "a backup holds a live certificate without a pending operation",
        ));
    }
    if cert.versions.is_empty() {
        return Err(invalid("it has no version"));
    }
    cert.versions.iter().try_for_each(check_version)
}

fn check_version(version: &Version) -> ApiResult<()> {
    let id = &version.id;
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid("a version id is not 32 hex digits"));
    }
    let leaf = version
        .cer_der()
        .ok_or_else(|| invalid(format!("version {id} has no certificate")))?;
    for cert in version.chain() {
        let der = STANDARD
            .decode(cert)
            .map_err(|_| invalid(format!("version {id} has a chain entry that is not base64")))?;
        certinfo::validity(&der).map_err(|e| invalid(format!("version {id}: {}", e.message())))?;
    }
    let (nbf, exp) = certinfo::validity(&leaf)?;
    if (version.nbf, version.exp) != (nbf, exp) {
        return Err(invalid(format!(
            "version {id} has dates that are not its certificate's"
        )));
    }
    date("a not-before date", nbf)?;
    date("an expiry", exp)?;
    if nbf >= exp {
        return Err(invalid(format!("version {id} expires before it starts")));
    }
    date("a creation time", version.created)?;
    date("an update time", version.updated)?;
    let key = PrivateKey::from_pkcs8_der(&version.key_der())
        .map_err(|_| invalid(format!("version {id} has no readable PKCS#8 key")))?;
    if !key.matches(&leaf) {
        return Err(invalid(format!(
            "the key of version {id} is not its certificate's key"
        )));
    }
    if ![PEM, PKCS12].contains(&version.content_type.as_str()) {
        return Err(invalid(format!("version {id} has an unknown content type")));
    }
    if version.tags.len() > MAX_TAGS {
        return Err(invalid(format!(
            "version {id} has more than {MAX_TAGS} tags"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::{decode, encode};
    use crate::domain::model::{Deletion, test_leaf};
    use crate::domain::policy::{Action, LifetimeAction, Policy, Trigger};

    /// The server's backup key, for blobs sealed by the server's own code.
    const KEY: [u8; 32] = [9; 32];

    fn record() -> CertRecord {
        let (key, der) = test_leaf();
        let policy = Policy::default().with_defaults();
        let mut version = Version::pending(&key, &policy, 100, Default::default());
        version
            .issue(std::slice::from_ref(&der), 0, true, 100)
            .expect("issued");
        let mut cert = CertRecord::new("restored", policy, 100);
        cert.versions.push(version);
        cert
    }

    /// `cert` sealed as a backup of this server, then restored.
    fn restore(cert: &CertRecord) -> ApiResult<CertRecord> {
        let blob = encode(cert, &KEY)?.expect("an issued version");
        decode(&blob, &KEY)
    }

    fn refused(cert: &CertRecord, words: &str) {
        let Err(e) = restore(cert) else {
            panic!("restored although {words}")
        };
        assert_eq!((e.status(), e.code()), (400, "BadParameter"));
        assert!(e.message().contains(words), "{}", e.message());
    }

    #[test]
    fn a_sound_backup_restores() {
        let restored = restore(&record()).expect("restores");
        assert_eq!(restored.versions.len(), 1);
    }

    #[test]
    fn authentic_blobs_with_unsound_fields_are_refused() {
        let mut trigger = record();
        trigger.policy.lifetime_actions = Some(vec![LifetimeAction {
            trigger: Trigger {
                lifetime_percentage: Some(-50),
                days_before_expiry: None,
            },
            action: Action {
                action_type: "AutoRenew".into(),
            },
        }]);
        refused(&trigger, "lifetime_percentage");

        let mut foreign = record();
        let (other, _) = test_leaf();
        foreign.versions[0].key = STANDARD.encode(&other);
        refused(&foreign, "is not its certificate's key");

        let mut far = record();
        far.versions[0].exp = 1 << 62;
        refused(&far, "not its certificate's");

        let mut created = record();
        created.versions[0].created = i64::MIN;
        refused(&created, "outside the years 1–9999");

        let mut renamed = record();
        renamed.versions[0].id = "../../x".into();
        refused(&renamed, "32 hex digits");

        let mut deleted = record();
        deleted.deleted = Some(Deletion {
            deleted_date: 100,
            scheduled_purge_date: 200,
        });
        refused(&deleted, "live certificate");
    }
}
