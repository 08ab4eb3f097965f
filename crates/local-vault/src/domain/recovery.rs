//! A vault's soft-delete settings: its recovery level as the service names it, and the
//! refusals that follow from it.

use serde::Deserialize;

use crate::domain::error::ApiError;
use crate::storage::state::{Recovery, VaultMeta};

/// Default and longest soft-delete retention; below it the service says "Customized".
pub const DEFAULT_RETENTION_DAYS: i64 = 90;
const MIN_RETENTION_DAYS: i64 = 7;

/// A new vault's soft-delete settings, as asked for (admin API, [`crate::LocalVault`]).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct VaultSettings {
    /// 7–90 days; 90 when not given.
    pub retention_days: Option<i64>,
    /// One of Key Vault's recovery levels (`Purgeable`, `Recoverable+Purgeable`,
    /// `Recoverable`, and their `CustomizedRecoverable` forms for retentions under 90 days);
    /// `Recoverable+Purgeable` (or its customized form) when not given.
    pub recovery_level: Option<String>,
}

impl VaultSettings {
    /// The retention and recovery these settings stand for, or why they are invalid.
    pub fn resolve(&self) -> Result<(i64, Recovery), String> {
        let retention = self.retention_days.unwrap_or(DEFAULT_RETENTION_DAYS);
        if !(MIN_RETENTION_DAYS..=DEFAULT_RETENTION_DAYS).contains(&retention) {
            return Err(format!("Invalid retention_days {retention}: must be 7–90."));
        }
        let Some(level) = self.recovery_level.as_deref() else {
            return Ok((retention, Recovery::Purgeable));
        };
        let recovery = match level.strip_prefix("Customized").unwrap_or(level) {
            "Purgeable" if level == "Purgeable" => Recovery::SoftDeleteOff,
            "Recoverable+Purgeable" => Recovery::Purgeable,
            "Recoverable" => Recovery::PurgeProtected,
            _ => {
                return Err(format!(
                    "Unsupported recovery_level '{level}': use Purgeable, Recoverable+Purgeable, Recoverable, \
                     CustomizedRecoverable+Purgeable or CustomizedRecoverable."
                ));
            }
        };
        let customized = level.starts_with("Customized");
        if recovery != Recovery::SoftDeleteOff && customized != (retention < DEFAULT_RETENTION_DAYS)
        {
            return Err(format!(
                "recovery_level '{level}' does not fit retention_days {retention}: the CustomizedRecoverable levels \
                 are for 7–89 days, the Recoverable ones for 90."
            ));
        }
        Ok((retention, recovery))
    }
}

/// The vault's `recoveryLevel`, as the service reports it in certificate attributes.
pub fn level(meta: &VaultMeta) -> &'static str {
    let customized = meta.retention_days < DEFAULT_RETENTION_DAYS;
    match (meta.recovery, customized) {
        (Recovery::SoftDeleteOff, _) => "Purgeable",
        (Recovery::Purgeable, false) => "Recoverable+Purgeable",
        (Recovery::Purgeable, true) => "CustomizedRecoverable+Purgeable",
        (Recovery::PurgeProtected, false) => "Recoverable",
        (Recovery::PurgeProtected, true) => "CustomizedRecoverable",
    }
}

/// `recoverableDays`: none where a delete is final.
pub fn recoverable_days(meta: &VaultMeta) -> Option<i64> {
    (meta.recovery != Recovery::SoftDeleteOff).then_some(meta.retention_days)
}

/// 403 for a purge under purge protection, in the service's words.
pub fn purge_forbidden(vault: &str) -> ApiError {
    ApiError::forbidden(format!(
        "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault \
         service will automatically purge it after the retention period has passed.\r\nVault: {vault};location=local"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(retention: Option<i64>, level: Option<&str>) -> Result<(i64, Recovery), String> {
        VaultSettings {
            retention_days: retention,
            recovery_level: level.map(str::to_owned),
        }
        .resolve()
    }

    #[test]
    fn levels_resolve_with_their_retention() {
        assert_eq!(resolve(None, None), Ok((90, Recovery::Purgeable)));
        assert_eq!(resolve(Some(7), None), Ok((7, Recovery::Purgeable)));
        assert_eq!(
            resolve(None, Some("Purgeable")),
            Ok((90, Recovery::SoftDeleteOff))
        );
        assert_eq!(
            resolve(None, Some("Recoverable")),
            Ok((90, Recovery::PurgeProtected))
        );
        assert_eq!(
            resolve(Some(30), Some("CustomizedRecoverable")),
            Ok((30, Recovery::PurgeProtected))
        );
        assert_eq!(
            resolve(Some(30), Some("CustomizedRecoverable+Purgeable")),
            Ok((30, Recovery::Purgeable))
        );
    }

    #[test]
    fn mismatched_or_unknown_levels_are_refused() {
        assert!(
            resolve(Some(30), Some("Recoverable"))
                .unwrap_err()
                .contains("7–89")
        );
        assert!(resolve(None, Some("CustomizedRecoverable")).is_err());
        assert!(resolve(None, Some("CustomizedPurgeable")).is_err());
        assert!(
            resolve(None, Some("Recoverable+ProtectedSubscription"))
                .unwrap_err()
                .contains("Unsupported")
        );
        assert!(resolve(Some(3), None).unwrap_err().contains("7–90"));
    }

    #[test]
    fn the_level_names_customized_retentions() {
        let meta = |retention_days, recovery| VaultMeta::new(retention_days, recovery, false);
        assert_eq!(
            level(&meta(90, Recovery::Purgeable)),
            "Recoverable+Purgeable"
        );
        assert_eq!(
            level(&meta(7, Recovery::PurgeProtected)),
            "CustomizedRecoverable"
        );
        assert_eq!(level(&meta(30, Recovery::SoftDeleteOff)), "Purgeable");
        assert_eq!(recoverable_days(&meta(30, Recovery::SoftDeleteOff)), None);
        assert_eq!(
            recoverable_days(&meta(30, Recovery::PurgeProtected)),
            Some(30)
        );
    }
}
