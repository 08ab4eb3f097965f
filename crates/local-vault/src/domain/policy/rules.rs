//! The service's policy validation rules: key types and sizes, content types, validity, key
//! usages, EKUs and lifetime actions (exactly one trigger, in range).

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::policy::{LifetimeAction, PEM, PKCS12, Policy, UNKNOWN};
use crate::domain::usages;

impl Policy {
    /// Checks the rules the service enforces; expects defaults filled in.
    pub fn validate(&self) -> ApiResult<()> {
        let key = self.key();
        match key.kty.as_deref().unwrap_or("RSA") {
            "RSA" | "RSA-HSM" => {
                let size = key.key_size.unwrap_or(2048);
                if ![2048, 3072, 4096].contains(&size) {
                    return Err(ApiError::bad_parameter(format!(
                        "Invalid key_size {size}: RSA keys must be 2048, 3072 or 4096 bits."
                    )));
                }
            }
            "EC" | "EC-HSM" => match key.crv.as_deref().unwrap_or("P-256") {
                "P-256" | "P-384" | "P-521" => {}
                "P-256K" => {
                    return Err(ApiError::bad_parameter(
                        "Curve P-256K is not supported by the local vault; use P-256, P-384 or P-521.",
                    ));
                }
                other => return Err(ApiError::bad_parameter(format!("Invalid curve '{other}'."))),
            },
            other => {
                return Err(ApiError::bad_parameter(format!(
                    "Invalid key type (kty) '{other}'."
                )));
            }
        }
        if key.kty.as_deref().is_some_and(|k| k.ends_with("-HSM")) && key.exportable == Some(true) {
            return Err(ApiError::bad_parameter("HSM keys cannot be exportable."));
        }
        let content_type = self.content_type();
        if content_type != PKCS12 && content_type != PEM {
            return Err(ApiError::bad_parameter(format!(
                "Invalid contentType '{content_type}': use {PKCS12} or {PEM}."
            )));
        }
        let months = self.validity_months();
        if !(1..=1200).contains(&months) {
            return Err(ApiError::bad_parameter(format!(
                "Invalid validity_months {months}: must be 1–1200."
            )));
        }
        if let Some(names) = self.x509_props.as_ref().and_then(|x| x.key_usage.as_ref())
            && let Some(bad) = names.iter().find(|u| usages::key_usage(u).is_none())
        {
            return Err(ApiError::bad_parameter(format!(
                "Invalid key_usage '{bad}'."
            )));
        }
        if let Some(ekus) = self.x509_props.as_ref().and_then(|x| x.ekus.as_ref())
            && let Some(bad) = ekus.iter().find(|e| usages::parse_oid(e).is_none())
        {
            return Err(ApiError::bad_parameter(format!(
                "Invalid EKU '{bad}': expected a dotted OID."
            )));
        }
        for action in self.lifetime_actions.iter().flatten() {
            self.validate_action(action, months)?;
        }
        Ok(())
    }

    fn validate_action(&self, action: &LifetimeAction, months: u32) -> ApiResult<()> {
        let max_days = 27 * months as i64;
        match (
            action.trigger.lifetime_percentage,
            action.trigger.days_before_expiry,
        ) {
            (Some(_), Some(_)) | (None, None) => {
                return Err(ApiError::bad_parameter(
                    "A lifetime action trigger must set exactly one of lifetime_percentage or days_before_expiry.",
                ));
            }
            (Some(p), None) if !(1..=99).contains(&p) => {
                return Err(ApiError::bad_parameter(format!(
                    "Invalid lifetime_percentage {p}: must be between 1 and 99."
                )));
            }
            (None, Some(d)) if !(1..=max_days).contains(&d) => {
                return Err(ApiError::bad_parameter(format!(
                    "Invalid days_before_expiry {d}: must be between 1 and {max_days} (27 × validity_months)."
                )));
            }
            _ => {}
        }
        match action.action.action_type.as_str() {
            "AutoRenew" if self.issuer_name().eq_ignore_ascii_case(UNKNOWN) => {
                Err(ApiError::bad_parameter(
                    "AutoRenew is not supported with issuer Unknown; use EmailContacts.",
                ))
            }
            "AutoRenew" | "EmailContacts" => Ok(()),
            other => Err(ApiError::bad_parameter(format!(
                "Invalid action_type '{other}': use AutoRenew or EmailContacts."
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(json: serde_json::Value) -> Policy {
        serde_json::from_value::<Policy>(json)
            .unwrap()
            .with_defaults()
    }

    #[test]
    fn defaults_match_the_service() {
        let p = policy(
            serde_json::json!({"issuer": {"name": "Self"}, "x509_props": {"subject": "CN=a"}}),
        );
        assert_eq!(p.key().key_size, Some(2048));
        assert_eq!(p.content_type(), PKCS12);
        assert_eq!(
            p.lifetime_actions.as_ref().unwrap()[0].action.action_type,
            "AutoRenew"
        );
        p.validate().unwrap();
    }

    #[test]
    fn triggers_are_range_checked() {
        let bad = |trigger: serde_json::Value| {
            policy(serde_json::json!({"issuer": {"name": "Self"}, "x509_props": {"validity_months": 2},
                "lifetime_actions": [{"trigger": trigger, "action": {"action_type": "AutoRenew"}}]}))
            .validate()
            .is_err()
        };
        assert!(bad(serde_json::json!({"lifetime_percentage": 100})));
        assert!(bad(serde_json::json!({"days_before_expiry": 55})));
        assert!(bad(serde_json::json!({})));
        assert!(bad(
            serde_json::json!({"lifetime_percentage": 5, "days_before_expiry": 5})
        ));
        assert!(!bad(serde_json::json!({"days_before_expiry": 54})));
    }
}
