//! Patches (bulk changes, compliance fixes) and when a lifetime action fires.

use vault::{CertificatePolicy, KeyCurve, KeyType, LifetimeTrigger};

use crate::PolicyPatch;

/// Seconds in a day.
const DAY: i128 = 86_400;

/// See [`crate::apply`].
pub fn apply(patch: &PolicyPatch, policy: &CertificatePolicy) -> CertificatePolicy {
    let mut p = policy.clone();
    let key = &mut p.key_props;
    if let Some(key_type) = &patch.key_type {
        key.key_type = Some(key_type.clone());
    }
    if let Some(size) = patch.key_size {
        key.key_size = Some(size);
    }
    if let Some(curve) = &patch.curve {
        key.curve = Some(curve.clone());
    }
    // Keep the key's fields those of its type (unknown types are left alone).
    match &patch.key_type {
        Some(KeyType::Ec | KeyType::EcHsm) => {
            let curve = key.curve.get_or_insert(KeyCurve::P256);
            let bits = match curve {
                KeyCurve::P256 | KeyCurve::P256K => Some(256),
                KeyCurve::P384 => Some(384),
                KeyCurve::P521 => Some(521),
                KeyCurve::Other(_) => None,
            };
            if patch.key_size.is_none() && key.key_size.is_some() && key.key_size != bits {
                key.key_size = None;
            }
        }
        Some(KeyType::Rsa | KeyType::RsaHsm) => {
            if patch.curve.is_none() {
                key.curve = None;
            }
            key.key_size.get_or_insert(2048);
        }
        _ => {}
    }
    if let Some(exportable) = patch.exportable {
        key.exportable = Some(exportable);
    }
    if let Some(reuse_key) = patch.reuse_key {
        key.reuse_key = Some(reuse_key);
    }
    if let Some(content_type) = &patch.content_type {
        p.secret_props.content_type = Some(content_type.clone());
    }
    if let Some(ekus) = &patch.ekus {
        p.x509_props.ekus = Some(ekus.clone());
    }
    if let Some(key_usage) = &patch.key_usage {
        p.x509_props.key_usage = Some(key_usage.clone());
    }
    if let Some(months) = patch.validity_months {
        p.x509_props.validity_months = Some(months);
    }
    if let Some(actions) = &patch.lifetime_actions {
        p.lifetime_actions = Some(actions.clone());
    }
    if let Some(name) = &patch.issuer_name {
        p.issuer.name = Some(name.clone());
    }
    if let Some(enabled) = patch.enabled {
        p.attributes.enabled = Some(enabled);
    }
    p
}

/// See [`crate::patch_from`].
pub fn patch_from(template: &CertificatePolicy) -> PolicyPatch {
    let key = &template.key_props;
    let x509 = &template.x509_props;
    PolicyPatch {
        key_type: key.key_type.clone(),
        key_size: key.key_size,
        curve: key.curve.clone(),
        exportable: key.exportable,
        reuse_key: key.reuse_key,
        content_type: template.secret_props.content_type.clone(),
        ekus: x509.ekus.clone(),
        key_usage: x509.key_usage.clone(),
        validity_months: x509.validity_months,
        lifetime_actions: template.lifetime_actions.clone(),
        issuer_name: template.issuer.name.clone(),
        enabled: template.attributes.enabled,
    }
}

/// The dotted fields (as [`crate::diff`] names them) that `patch` sets.
pub fn patched_fields(patch: &PolicyPatch) -> Vec<&'static str> {
    [
        ("key_props.key_type", patch.key_type.is_some()),
        ("key_props.key_size", patch.key_size.is_some()),
        ("key_props.curve", patch.curve.is_some()),
        ("key_props.exportable", patch.exportable.is_some()),
        ("key_props.reuse_key", patch.reuse_key.is_some()),
        ("secret_props.content_type", patch.content_type.is_some()),
        ("x509_props.ekus", patch.ekus.is_some()),
        ("x509_props.key_usage", patch.key_usage.is_some()),
        (
            "x509_props.validity_months",
            patch.validity_months.is_some(),
        ),
        ("lifetime_actions", patch.lifetime_actions.is_some()),
        ("issuer.name", patch.issuer_name.is_some()),
        ("attributes.enabled", patch.enabled.is_some()),
    ]
    .into_iter()
    .filter_map(|(field, set)| set.then_some(field))
    .collect()
}

/// See [`crate::changed_sections`].
pub fn changed_sections(
    before: &CertificatePolicy,
    after: &CertificatePolicy,
) -> CertificatePolicy {
    fn pick<T: Default>(changed: bool, section: T) -> T {
        if changed { section } else { T::default() }
    }
    CertificatePolicy {
        key_props: pick(before.key_props != after.key_props, after.key_props.clone()),
        secret_props: pick(
            before.secret_props != after.secret_props,
            after.secret_props.clone(),
        ),
        x509_props: pick(
            before.x509_props != after.x509_props,
            after.x509_props.clone(),
        ),
        lifetime_actions: (before.lifetime_actions != after.lifetime_actions)
            .then(|| after.lifetime_actions.clone())
            .flatten(),
        issuer: pick(before.issuer != after.issuer, after.issuer.clone()),
        // Created and updated are the service's to set.
        attributes: vault::PolicyAttributes {
            enabled: after
                .attributes
                .enabled
                .filter(|_| before.attributes.enabled != after.attributes.enabled),
            ..Default::default()
        },
    }
}

/// See [`crate::next_action_at`].
pub fn next_action_at(policy: &CertificatePolicy, not_before: i64, expires: i64) -> Option<i64> {
    let action = policy.lifetime_actions.as_ref()?.first()?;
    let (not_before, expires) = (i128::from(not_before), i128::from(expires));
    let at = match action.trigger {
        LifetimeTrigger::LifetimePercentage(p) => {
            not_before + (expires - not_before) * i128::from(p) / 100
        }
        LifetimeTrigger::DaysBeforeExpiry(d) => expires - i128::from(d) * DAY,
    };
    Some(at.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{builtin_templates, check, diff};
    use vault::{LifetimeAction, LifetimeActionType, SecretContentType};

    fn portal() -> CertificatePolicy {
        builtin_templates().remove(0).policy
    }

    #[test]
    fn changed_sections_carry_only_what_differs() {
        let policy = portal();
        assert_eq!(
            changed_sections(&policy, &policy),
            CertificatePolicy::default()
        );
        let patched = apply(
            &PolicyPatch {
                lifetime_actions: Some(vec![LifetimeAction {
                    trigger: LifetimeTrigger::DaysBeforeExpiry(30),
                    action: LifetimeActionType::AutoRenew,
                }]),
                enabled: Some(false),
                ..Default::default()
            },
            &policy,
        );
        let sent = changed_sections(&policy, &patched);
        assert_eq!(sent.lifetime_actions, patched.lifetime_actions);
        assert_eq!(sent.attributes.enabled, Some(false));
        assert_eq!(sent.key_props, Default::default());
        assert_eq!(sent.x509_props, Default::default());
        assert_eq!(sent.issuer, Default::default());
        // Removing every action is a change too.
        let cleared = CertificatePolicy {
            lifetime_actions: Some(Vec::new()),
            ..policy.clone()
        };
        assert_eq!(
            changed_sections(&policy, &cleared).lifetime_actions,
            Some(Vec::new())
        );
    }

    #[test]
    fn apply_sets_only_what_the_patch_sets() {
        let policy = portal();
        assert_eq!(apply(&PolicyPatch::default(), &policy), policy);
        let patch = PolicyPatch {
            validity_months: Some(6),
            issuer_name: Some("DigiCert".into()),
            enabled: Some(false),
            content_type: Some(SecretContentType::Pem),
            ..Default::default()
        };
        let patched = apply(&patch, &policy);
        assert_eq!(patched.x509_props.validity_months, Some(6));
        assert_eq!(patched.issuer.name.as_deref(), Some("DigiCert"));
        assert_eq!(patched.attributes.enabled, Some(false));
        assert_eq!(
            patched.secret_props.content_type,
            Some(SecretContentType::Pem)
        );
        let fields: Vec<String> = diff(&policy, &patched)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(
            fields,
            [
                "secret_props.content_type",
                "x509_props.validity_months",
                "issuer.name",
                "attributes.enabled"
            ]
        );
        // Pure: the input is untouched.
        assert_eq!(policy, portal());
    }

    #[test]
    fn key_type_changes_keep_the_key_consistent() {
        let rsa = portal();
        let to_ec = PolicyPatch {
            key_type: Some(KeyType::Ec),
            ..Default::default()
        };
        let ec = apply(&to_ec, &rsa);
        assert_eq!(ec.key_props.key_size, None);
        assert_eq!(ec.key_props.curve, Some(KeyCurve::P256));
        assert_eq!(check(&ec), []);

        let to_p384 = PolicyPatch {
            key_type: Some(KeyType::Ec),
            curve: Some(KeyCurve::P384),
            ..Default::default()
        };
        let mut ec_256 = ec.clone();
        ec_256.key_props.key_size = Some(256);
        let p384 = apply(&to_p384, &ec_256);
        assert_eq!(p384.key_props.key_size, None, "256 bits no longer fits");
        assert_eq!(
            apply(&to_ec, &ec_256).key_props.key_size,
            Some(256),
            "still fits"
        );

        let back = apply(
            &PolicyPatch {
                key_type: Some(KeyType::Rsa),
                ..Default::default()
            },
            &p384,
        );
        assert_eq!(back.key_props.curve, None);
        assert_eq!(back.key_props.key_size, Some(2048));
        assert_eq!(check(&back), []);
        let rsa_4096 = PolicyPatch {
            key_type: Some(KeyType::RsaHsm),
            key_size: Some(4096),
            exportable: Some(false),
            ..Default::default()
        };
        let hsm = apply(&rsa_4096, &p384);
        assert_eq!(hsm.key_props.key_size, Some(4096));
        assert_eq!(check(&hsm), []);
    }

    /// `diff(policy, apply(patch_from(t), policy))` lists exactly the fields `t` sets where
    /// `policy` differs from `t`, and their new values are `t`'s.
    #[test]
    fn patch_from_a_template_fixes_exactly_the_deviations() {
        let mut policies = vec![CertificatePolicy::default()];
        for template in builtin_templates() {
            let mut drifted = template.policy.clone();
            drifted.x509_props.subject = Some("CN=www.contoso.com".into());
            drifted.x509_props.sans.dns_names = vec!["www.contoso.com".into()];
            policies.push(drifted.clone());
            drifted.x509_props.validity_months = Some(24);
            drifted.key_props.reuse_key = Some(true);
            if let Some(ekus) = drifted.x509_props.ekus.as_mut() {
                ekus.reverse();
            }
            drifted.lifetime_actions = None;
            drifted.issuer.name = Some("Unknown".into());
            drifted.attributes.enabled = None;
            policies.push(drifted);
        }
        for template in builtin_templates() {
            let t = &template.policy;
            let patch = patch_from(t);
            let set = patched_fields(&patch);
            assert_eq!(set.len(), 11, "all but the curve or the size: {set:?}");
            for policy in &policies {
                let fixed = apply(&patch, policy);
                let got: Vec<String> = diff(policy, &fixed).into_iter().map(|c| c.field).collect();
                let mut expected: Vec<String> = diff(policy, t)
                    .into_iter()
                    .map(|c| c.field)
                    .filter(|f| set.contains(&f.as_str()))
                    .collect();
                // Leaving the other key family also clears that family's field.
                let family_change = policy.key_props.key_type.is_some()
                    && crate::rules::is_ec(&policy.key_props) != crate::rules::is_ec(&t.key_props);
                if family_change {
                    let other = if crate::rules::is_ec(&t.key_props) {
                        "key_props.key_size"
                    } else {
                        "key_props.curve"
                    };
                    expected.push(other.to_owned());
                    let order = |f: &String| {
                        [
                            "key_props.key_type",
                            "key_props.key_size",
                            "key_props.curve",
                        ]
                        .iter()
                        .position(|k| k == f)
                        .unwrap_or(usize::MAX)
                    };
                    expected.sort_by_key(order);
                }
                assert_eq!(got, expected, "{} on {policy:?}", template.id);
                assert_eq!(diff(&fixed, &apply(&patch, &fixed)), []);
                assert_eq!(
                    diff(t, &fixed)
                        .into_iter()
                        .filter(|c| set.contains(&c.field.as_str()))
                        .collect::<Vec<_>>(),
                    []
                );
            }
        }
    }

    #[test]
    fn next_action_times() {
        let mut p = portal();
        assert_eq!(next_action_at(&p, 1_000, 2_000), Some(1_800));
        p.lifetime_actions = Some(vec![
            LifetimeAction {
                trigger: LifetimeTrigger::DaysBeforeExpiry(30),
                action: LifetimeActionType::EmailContacts,
            },
            LifetimeAction {
                trigger: LifetimeTrigger::LifetimePercentage(10),
                action: LifetimeActionType::AutoRenew,
            },
        ]);
        assert_eq!(
            next_action_at(&p, 0, 100 * 86_400),
            Some(70 * 86_400),
            "the first action"
        );
        p.lifetime_actions = Some(vec![]);
        assert_eq!(next_action_at(&p, 0, 1), None);
        p.lifetime_actions = None;
        assert_eq!(next_action_at(&p, 0, 1), None);

        // Extremes saturate instead of overflowing.
        let at = |trigger| {
            let policy = CertificatePolicy {
                lifetime_actions: Some(vec![LifetimeAction {
                    trigger,
                    action: LifetimeActionType::AutoRenew,
                }]),
                ..Default::default()
            };
            move |nb, exp| next_action_at(&policy, nb, exp)
        };
        let percent = at(LifetimeTrigger::LifetimePercentage(80));
        assert_eq!(
            percent(i64::MIN, i64::MAX),
            Some((i128::from(i64::MIN) + i128::from(u64::MAX) * 80 / 100) as i64)
        );
        assert_eq!(
            at(LifetimeTrigger::LifetimePercentage(i32::MAX))(0, i64::MAX),
            Some(i64::MAX)
        );
        assert_eq!(
            at(LifetimeTrigger::DaysBeforeExpiry(i32::MAX))(0, i64::MIN),
            Some(i64::MIN)
        );
        assert_eq!(
            at(LifetimeTrigger::DaysBeforeExpiry(-1))(0, i64::MAX),
            Some(i64::MAX)
        );
        assert_eq!(at(LifetimeTrigger::DaysBeforeExpiry(1))(0, 86_400), Some(0));
    }
}
