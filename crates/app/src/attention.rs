//! What makes a certificate need attention, decided from what the cheapest request tells: the
//! listing row first, then — only for the rows that need it — the pending operation or the
//! policy, and the vault's contacts once. No network here.

use serde::Serialize;
use vault::{CertificatePolicy, CertificateSummary, LifetimeActionType, OperationError};

/// A pending operation is stale once it is this old.
pub const STALE_PENDING_SECS: i64 = 86_400;
pub const DAY_SECS: i64 = 86_400;

/// What is wrong with one certificate, with the facts that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind")]
pub enum Problem {
    Expired {
        expires: i64,
    },
    /// Expires within the chosen window and no AutoRenew action will renew it.
    ExpiresSoon {
        expires: i64,
    },
    /// Its pending operation ended with an error.
    RenewalFailed {
        error: OperationError,
        /// When the pending version was created (Unix seconds).
        created: Option<i64>,
    },
    /// Its pending operation has waited more than a day (a CSR never merged, a stuck issuer).
    StalePending {
        created: i64,
        issuer: Option<String>,
    },
    /// The latest version is disabled: nothing can use it.
    Disabled {
        expires: Option<i64>,
    },
    /// An EmailContacts lifetime action in a vault without contacts: the mail reaches nobody.
    /// Said of the certificates expiring within the window (their policies are read anyway);
    /// the vault as a whole is [`Problem::VaultWithoutContacts`].
    NoContacts,
    /// The vault has certificates and no certificate contacts: any EmailContacts action in it
    /// mails nobody. One row for the vault, not one per certificate: telling which policies
    /// email would take a policy read per certificate, and the fix is the vault's.
    VaultWithoutContacts,
    /// The vault, or this certificate's policy or operation, could not be read.
    CheckFailed {
        error: errors::Error,
    },
}

/// An action that fixes a problem, the first one the usual fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Fix {
    Renew,
    EditPolicy,
    OpenOperation,
    Enable,
    SetContacts,
}

impl Problem {
    pub fn fixes(&self) -> Vec<Fix> {
        match self {
            Problem::Expired { .. } => vec![Fix::Renew, Fix::EditPolicy],
            Problem::ExpiresSoon { .. } => vec![Fix::EditPolicy, Fix::Renew],
            Problem::RenewalFailed { .. } | Problem::StalePending { .. } => {
                vec![Fix::OpenOperation]
            }
            Problem::Disabled { .. } => vec![Fix::Enable],
            Problem::NoContacts => vec![Fix::SetContacts, Fix::EditPolicy],
            Problem::VaultWithoutContacts => vec![Fix::SetContacts],
            Problem::CheckFailed { .. } => Vec::new(),
        }
    }
}

/// The checks of one scan: its clock and window.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub now: i64,
    pub window_secs: i64,
}

/// What a listing row tells at once, and what it still needs read.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Triage {
    pub problems: Vec<Problem>,
    /// Pending: its operation tells whether it failed or is stale.
    pub read_operation: bool,
    /// Expiring within the window: its policy tells whether AutoRenew renews it.
    pub read_policy: bool,
}

impl Rules {
    pub fn new(now: i64, window_days: u32) -> Self {
        Self {
            now,
            window_secs: i64::from(window_days) * DAY_SECS,
        }
    }

    /// Judges a listing row.
    pub fn triage(&self, row: &CertificateSummary) -> Triage {
        // No thumbprint: nothing issued yet, only the operation can be wrong.
        if row.thumbprint.is_none() {
            return Triage {
                read_operation: true,
                ..Triage::default()
            };
        }
        let mut problems = Vec::new();
        let expired = row.expires.is_some_and(|expires| expires <= self.now);
        match row.expires {
            Some(expires) if expired => problems.push(Problem::Expired { expires }),
            _ if !row.enabled => problems.push(Problem::Disabled {
                expires: row.expires,
            }),
            _ => {}
        }
        Triage {
            problems,
            read_operation: false,
            read_policy: self.expiring(row),
        }
    }

    /// Within the window and not yet expired.
    fn expiring(&self, row: &CertificateSummary) -> bool {
        row.expires
            .is_some_and(|expires| expires > self.now && expires - self.now <= self.window_secs)
    }

    /// The problems a policy shows, for an expiring row [`Rules::triage`] asked it for.
    pub fn policy_problems(
        &self,
        row: &CertificateSummary,
        policy: &CertificatePolicy,
        has_contacts: bool,
    ) -> Vec<Problem> {
        let has = |wanted: LifetimeActionType| {
            policy
                .lifetime_actions
                .iter()
                .flatten()
                .any(|action| action.action == wanted)
        };
        let mut problems = Vec::new();
        if let Some(expires) = row.expires
            && !has(LifetimeActionType::AutoRenew)
        {
            problems.push(Problem::ExpiresSoon { expires });
        }
        if !has_contacts && has(LifetimeActionType::EmailContacts) {
            problems.push(Problem::NoContacts);
        }
        problems
    }

    /// The problem a pending certificate's operation shows, if any.
    pub fn operation_problem(
        &self,
        row: &CertificateSummary,
        operation: &vault::PendingOperation,
    ) -> Option<Problem> {
        if let Some(error) = &operation.error {
            return Some(Problem::RenewalFailed {
                error: error.clone(),
                created: row.created,
            });
        }
        let created = row.created?;
        (self.now - created > STALE_PENDING_SECS).then(|| Problem::StalePending {
            created,
            issuer: operation.issuer.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use vault::{LifetimeAction, LifetimeTrigger, OperationStatus, PendingOperation};

    use super::*;

    const NOW: i64 = 2_000_000_000;

    fn row(enabled: bool, expires_in_days: Option<i64>, issued: bool) -> CertificateSummary {
        CertificateSummary {
            name: "web".into(),
            id: "https://v/certificates/web".into(),
            version: None,
            enabled,
            not_before: None,
            expires: expires_in_days.map(|days| NOW + days * DAY_SECS),
            created: Some(NOW - 2 * DAY_SECS),
            updated: None,
            thumbprint: issued.then(|| "AB".into()),
            tags: Default::default(),
            status: vault::CertificateStatus::Healthy,
        }
    }

    fn policy(actions: &[LifetimeActionType]) -> CertificatePolicy {
        CertificatePolicy {
            lifetime_actions: Some(
                actions
                    .iter()
                    .map(|&action| LifetimeAction {
                        trigger: LifetimeTrigger::DaysBeforeExpiry(10),
                        action,
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn the_listing_alone_shows_expired_and_disabled_and_asks_for_policies_only_when_needed() {
        let rules = Rules::new(NOW, 30);
        let expired = rules.triage(&row(false, Some(-1), true));
        assert_eq!(
            expired.problems,
            [Problem::Expired {
                expires: NOW - DAY_SECS
            }],
            "expired outranks disabled"
        );
        assert!(!expired.read_policy);
        let disabled = rules.triage(&row(false, Some(200), true));
        assert_eq!(
            disabled.problems,
            [Problem::Disabled {
                expires: Some(NOW + 200 * DAY_SECS)
            }]
        );
        assert!(!disabled.read_policy && !disabled.read_operation);
        assert!(rules.triage(&row(true, Some(30), true)).read_policy);
        assert!(!rules.triage(&row(true, Some(31), true)).read_policy);
        let pending = rules.triage(&row(false, None, false));
        assert_eq!(
            pending,
            Triage {
                problems: vec![],
                read_operation: true,
                read_policy: false
            }
        );
    }

    #[test]
    fn autorenew_spares_an_expiring_certificate_and_contacts_matter_only_when_missing() {
        let rules = Rules::new(NOW, 30);
        let soon = row(true, Some(10), true);
        let email = policy(&[LifetimeActionType::EmailContacts]);
        let renew = policy(&[LifetimeActionType::AutoRenew]);
        assert_eq!(
            rules.policy_problems(&soon, &email, true),
            [Problem::ExpiresSoon {
                expires: NOW + 10 * DAY_SECS
            }]
        );
        assert_eq!(rules.policy_problems(&soon, &renew, false), []);
        assert_eq!(
            rules.policy_problems(&soon, &email, false),
            [
                Problem::ExpiresSoon {
                    expires: NOW + 10 * DAY_SECS
                },
                Problem::NoContacts
            ]
        );
    }

    #[test]
    fn an_operation_is_a_problem_when_it_failed_or_waited_over_a_day() {
        let rules = Rules::new(NOW, 30);
        let mut operation = PendingOperation {
            name: "web".into(),
            status: OperationStatus::InProgress,
            status_details: None,
            cancellation_requested: false,
            csr: None,
            issuer: Some("Unknown".into()),
            error: None,
            target: None,
            request_id: None,
        };
        let mut fresh = row(false, None, false);
        fresh.created = Some(NOW - 3_600);
        assert_eq!(rules.operation_problem(&fresh, &operation), None);
        let stale = row(false, None, false);
        assert_eq!(
            rules.operation_problem(&stale, &operation),
            Some(Problem::StalePending {
                created: NOW - 2 * DAY_SECS,
                issuer: Some("Unknown".into())
            })
        );
        let error = OperationError {
            code: Some("ProviderNotSupported".into()),
            message: Some("No network.".into()),
        };
        operation.error = Some(error.clone());
        assert_eq!(
            rules.operation_problem(&fresh, &operation),
            Some(Problem::RenewalFailed {
                error,
                created: Some(NOW - 3_600)
            })
        );
    }
}
