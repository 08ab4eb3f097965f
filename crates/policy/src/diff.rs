//! Field-by-field differences between two policies, in the policy form's order, as text for
//! people.

use std::collections::BTreeSet;

use vault::{CertificatePolicy, LifetimeAction, LifetimeActionType, LifetimeTrigger};

use crate::FieldChange;
use crate::names::{content_type_label, eku_label, key_usage_label};
use crate::subject::canonical_subject;

/// The text of an unset value.
pub const NO_VALUE: &str = "—";
/// The text of a list that is set but empty (where unset means the service's default).
pub const EMPTY_LIST: &str = "none";

/// One field: its path, label, whether it changed and its texts.
struct Row {
    field: &'static str,
    label: &'static str,
    changed: bool,
    before: String,
    after: String,
}

fn text<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
    value.map_or_else(|| NO_VALUE.to_owned(), show)
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.to_owned()
}

fn months(months: i32) -> String {
    if months == 1 {
        "1 month".to_owned()
    } else {
        format!("{months} months")
    }
}

fn days(days: i32) -> String {
    if days == 1 {
        "1 day".to_owned()
    } else {
        format!("{days} days")
    }
}

/// A lifetime action in words: "AutoRenew at 80 % of lifetime", "EmailContacts 30 days
/// before expiry".
pub fn lifetime_action_text(action: &LifetimeAction) -> String {
    let what = match action.action {
        LifetimeActionType::AutoRenew => "AutoRenew",
        LifetimeActionType::EmailContacts => "EmailContacts",
    };
    match action.trigger {
        LifetimeTrigger::LifetimePercentage(p) => format!("{what} at {p} % of lifetime"),
        LifetimeTrigger::DaysBeforeExpiry(d) => format!("{what} {} before expiry", days(d)),
    }
}

/// A list's text: its items joined, "—" when empty.
fn joined(items: impl IntoIterator<Item = String>, separator: &str) -> String {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        NO_VALUE.to_owned()
    } else {
        items.join(separator)
    }
}

/// An optional list's text: "—" unset, "none" empty.
fn optional_list<T>(list: Option<&Vec<T>>, show: impl Fn(&T) -> String, sep: &str) -> String {
    match list {
        None => NO_VALUE.to_owned(),
        Some(list) if list.is_empty() => EMPTY_LIST.to_owned(),
        Some(list) => list.iter().map(show).collect::<Vec<_>>().join(sep),
    }
}

fn set_of<'a, T: Ord + 'a>(list: impl IntoIterator<Item = &'a T>) -> BTreeSet<&'a T> {
    list.into_iter().collect()
}

/// Whether two optional lists differ as sets (unset differs from empty).
fn sets_differ<T: Ord>(a: Option<&Vec<T>>, b: Option<&Vec<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => set_of(a) != set_of(b),
        (a, b) => a.is_some() != b.is_some(),
    }
}

fn subject_text(subject: Option<&str>) -> String {
    match subject {
        None | Some("") => NO_VALUE.to_owned(),
        Some(subject) => subject.to_owned(),
    }
}

/// Subjects differ unless they are the same name (compared in canonical form when both parse).
fn subjects_differ(a: Option<&str>, b: Option<&str>) -> bool {
    let a = a.unwrap_or("");
    let b = b.unwrap_or("");
    match (canonical_subject(a), canonical_subject(b)) {
        (Some(a), Some(b)) => a != b,
        _ => a != b,
    }
}

fn rows(before: &CertificatePolicy, after: &CertificatePolicy) -> Vec<Row> {
    let (bk, ak) = (&before.key_props, &after.key_props);
    let (bx, ax) = (&before.x509_props, &after.x509_props);
    let (bs, as_) = (&bx.sans, &ax.sans);
    let mut rows = vec![
        Row {
            field: "key_props.key_type",
            label: "Key type",
            changed: bk.key_type != ak.key_type,
            before: text(bk.key_type.as_ref(), |t| t.as_str().to_owned()),
            after: text(ak.key_type.as_ref(), |t| t.as_str().to_owned()),
        },
        Row {
            field: "key_props.key_size",
            label: "RSA key size",
            changed: bk.key_size != ak.key_size,
            before: text(bk.key_size, |s| format!("{s} bits")),
            after: text(ak.key_size, |s| format!("{s} bits")),
        },
        Row {
            field: "key_props.curve",
            label: "Curve",
            changed: bk.curve != ak.curve,
            before: text(bk.curve.as_ref(), |c| c.as_str().to_owned()),
            after: text(ak.curve.as_ref(), |c| c.as_str().to_owned()),
        },
        Row {
            field: "key_props.exportable",
            label: "Exportable",
            changed: bk.exportable != ak.exportable,
            before: text(bk.exportable, yes_no),
            after: text(ak.exportable, yes_no),
        },
        Row {
            field: "key_props.reuse_key",
            label: "Reuse key on renewal",
            changed: bk.reuse_key != ak.reuse_key,
            before: text(bk.reuse_key, yes_no),
            after: text(ak.reuse_key, yes_no),
        },
        Row {
            field: "secret_props.content_type",
            label: "Content type",
            changed: before.secret_props.content_type != after.secret_props.content_type,
            before: text(
                before.secret_props.content_type.as_ref(),
                content_type_label,
            ),
            after: text(after.secret_props.content_type.as_ref(), content_type_label),
        },
        Row {
            field: "x509_props.subject",
            label: "Subject",
            changed: subjects_differ(bx.subject.as_deref(), ax.subject.as_deref()),
            before: subject_text(bx.subject.as_deref()),
            after: subject_text(ax.subject.as_deref()),
        },
    ];
    let sans: [(&'static str, &'static str, &Vec<String>, &Vec<String>); 5] = [
        (
            "x509_props.sans.dns_names",
            "DNS names",
            &bs.dns_names,
            &as_.dns_names,
        ),
        ("x509_props.sans.emails", "E-mails", &bs.emails, &as_.emails),
        ("x509_props.sans.upns", "UPNs", &bs.upns, &as_.upns),
        ("x509_props.sans.uris", "URIs", &bs.uris, &as_.uris),
        (
            "x509_props.sans.ip_addresses",
            "IP addresses",
            &bs.ip_addresses,
            &as_.ip_addresses,
        ),
    ];
    for (field, label, b, a) in sans {
        // DNS names are case-insensitive.
        let fold = |list: &Vec<String>| -> BTreeSet<String> {
            list.iter()
                .map(|v| {
                    if field.ends_with("dns_names") {
                        v.to_ascii_lowercase()
                    } else {
                        v.clone()
                    }
                })
                .collect()
        };
        rows.push(Row {
            field,
            label,
            changed: fold(b) != fold(a),
            before: joined(b.iter().cloned(), ", "),
            after: joined(a.iter().cloned(), ", "),
        });
    }
    let usage_key = |u: &vault::KeyUsage| u.as_str().to_owned();
    let b_usages = bx
        .key_usage
        .as_ref()
        .map(|l| l.iter().map(usage_key).collect::<Vec<_>>());
    let a_usages = ax
        .key_usage
        .as_ref()
        .map(|l| l.iter().map(usage_key).collect::<Vec<_>>());
    rows.extend([
        Row {
            field: "x509_props.ekus",
            label: "Extended key usages",
            changed: sets_differ(bx.ekus.as_ref(), ax.ekus.as_ref()),
            before: optional_list(bx.ekus.as_ref(), |e| eku_label(e), ", "),
            after: optional_list(ax.ekus.as_ref(), |e| eku_label(e), ", "),
        },
        Row {
            field: "x509_props.key_usage",
            label: "Key usages",
            changed: sets_differ(b_usages.as_ref(), a_usages.as_ref()),
            before: optional_list(bx.key_usage.as_ref(), key_usage_label, ", "),
            after: optional_list(ax.key_usage.as_ref(), key_usage_label, ", "),
        },
        Row {
            field: "x509_props.validity_months",
            label: "Validity",
            changed: bx.validity_months != ax.validity_months,
            before: text(bx.validity_months, months),
            after: text(ax.validity_months, months),
        },
        Row {
            field: "lifetime_actions",
            label: "Lifetime actions",
            changed: before.lifetime_actions != after.lifetime_actions,
            before: optional_list(before.lifetime_actions.as_ref(), lifetime_action_text, "; "),
            after: optional_list(after.lifetime_actions.as_ref(), lifetime_action_text, "; "),
        },
        Row {
            field: "issuer.name",
            label: "Issuer",
            changed: before.issuer.name != after.issuer.name,
            before: text(before.issuer.name.clone(), |n| n),
            after: text(after.issuer.name.clone(), |n| n),
        },
        Row {
            field: "issuer.certificate_type",
            label: "Certificate type",
            changed: before.issuer.certificate_type != after.issuer.certificate_type,
            before: text(before.issuer.certificate_type.clone(), |n| n),
            after: text(after.issuer.certificate_type.clone(), |n| n),
        },
        Row {
            field: "issuer.certificate_transparency",
            label: "Certificate transparency",
            changed: before.issuer.certificate_transparency
                != after.issuer.certificate_transparency,
            before: text(before.issuer.certificate_transparency, yes_no),
            after: text(after.issuer.certificate_transparency, yes_no),
        },
        Row {
            field: "attributes.enabled",
            label: "Enabled",
            changed: before.attributes.enabled != after.attributes.enabled,
            before: text(before.attributes.enabled, yes_no),
            after: text(after.attributes.enabled, yes_no),
        },
    ]);
    rows
}

/// See [`crate::diff`]. Lists whose order means nothing (SANs, EKUs, key usages) compare as
/// sets, DNS names ignoring case; subjects compare in canonical form; an unset list differs
/// from an empty one ("—" and "none"); `created` and `updated` are ignored.
pub fn diff(before: &CertificatePolicy, after: &CertificatePolicy) -> Vec<FieldChange> {
    rows(before, after)
        .into_iter()
        .filter(|row| row.changed)
        .map(|row| FieldChange {
            field: row.field.to_owned(),
            label: row.label.to_owned(),
            before: row.before,
            after: row.after,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vault::{KeyCurve, KeyType, KeyUsage, SecretContentType};

    fn portal() -> CertificatePolicy {
        crate::builtin_templates().remove(0).policy
    }

    fn change(field: &str, label: &str, before: &str, after: &str) -> FieldChange {
        FieldChange {
            field: field.into(),
            label: label.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    #[test]
    fn nothing_changed() {
        assert_eq!(diff(&portal(), &portal()), []);
        assert_eq!(
            diff(&CertificatePolicy::default(), &CertificatePolicy::default()),
            []
        );
        let mut read_only = portal();
        read_only.attributes.created = Some(1);
        read_only.attributes.updated = Some(2);
        assert_eq!(diff(&portal(), &read_only), []);
    }

    #[test]
    fn every_field_in_form_order_with_labels_and_text() {
        let before = portal();
        let mut after = portal();
        after.key_props.key_type = Some(KeyType::EcHsm);
        after.key_props.key_size = None;
        after.key_props.curve = Some(KeyCurve::P384);
        after.key_props.exportable = Some(false);
        after.key_props.reuse_key = Some(true);
        after.secret_props.content_type = Some(SecretContentType::Pem);
        after.x509_props.subject = Some("CN=www.contoso.com".into());
        after.x509_props.sans.dns_names = vec!["www.contoso.com".into(), "contoso.com".into()];
        after.x509_props.sans.emails = vec!["ops@contoso.com".into()];
        after.x509_props.sans.upns = vec!["a@contoso.com".into()];
        after.x509_props.sans.uris = vec!["spiffe://contoso/web".into()];
        after.x509_props.sans.ip_addresses = vec!["10.0.0.1".into()];
        after.x509_props.ekus = Some(vec![
            "1.3.6.1.5.5.7.3.1".into(),
            "1.3.6.1.4.1.99999.1".into(),
        ]);
        after.x509_props.key_usage = Some(vec![KeyUsage::DigitalSignature]);
        after.x509_props.validity_months = Some(1);
        after.lifetime_actions = Some(vec![
            LifetimeAction {
                trigger: LifetimeTrigger::LifetimePercentage(90),
                action: LifetimeActionType::AutoRenew,
            },
            LifetimeAction {
                trigger: LifetimeTrigger::DaysBeforeExpiry(30),
                action: LifetimeActionType::EmailContacts,
            },
        ]);
        after.issuer.name = Some("DigiCert".into());
        after.issuer.certificate_type = Some("OV-SSL".into());
        after.issuer.certificate_transparency = Some(true);
        after.attributes.enabled = Some(false);
        let expected = vec![
            change("key_props.key_type", "Key type", "RSA", "EC-HSM"),
            change("key_props.key_size", "RSA key size", "2048 bits", "—"),
            change("key_props.curve", "Curve", "—", "P-384"),
            change("key_props.exportable", "Exportable", "Yes", "No"),
            change("key_props.reuse_key", "Reuse key on renewal", "No", "Yes"),
            change(
                "secret_props.content_type",
                "Content type",
                "PKCS #12",
                "PEM",
            ),
            change("x509_props.subject", "Subject", "CN=", "CN=www.contoso.com"),
            change(
                "x509_props.sans.dns_names",
                "DNS names",
                "—",
                "www.contoso.com, contoso.com",
            ),
            change("x509_props.sans.emails", "E-mails", "—", "ops@contoso.com"),
            change("x509_props.sans.upns", "UPNs", "—", "a@contoso.com"),
            change("x509_props.sans.uris", "URIs", "—", "spiffe://contoso/web"),
            change(
                "x509_props.sans.ip_addresses",
                "IP addresses",
                "—",
                "10.0.0.1",
            ),
            change(
                "x509_props.ekus",
                "Extended key usages",
                "Server authentication, Client authentication",
                "Server authentication, 1.3.6.1.4.1.99999.1",
            ),
            change(
                "x509_props.key_usage",
                "Key usages",
                "Digital signature, Key encipherment",
                "Digital signature",
            ),
            change(
                "x509_props.validity_months",
                "Validity",
                "12 months",
                "1 month",
            ),
            change(
                "lifetime_actions",
                "Lifetime actions",
                "AutoRenew at 80 % of lifetime",
                "AutoRenew at 90 % of lifetime; EmailContacts 30 days before expiry",
            ),
            change("issuer.name", "Issuer", "Self", "DigiCert"),
            change("issuer.certificate_type", "Certificate type", "—", "OV-SSL"),
            change(
                "issuer.certificate_transparency",
                "Certificate transparency",
                "—",
                "Yes",
            ),
            change("attributes.enabled", "Enabled", "Yes", "No"),
        ];
        assert_eq!(diff(&before, &after), expected);
        // And back.
        let back = diff(&after, &before);
        assert_eq!(back.len(), expected.len());
        assert_eq!(back[0].before, "EC-HSM");
    }

    #[test]
    fn sets_subjects_and_unset_lists() {
        let mut a = portal();
        let mut b = portal();
        a.x509_props.sans.dns_names = vec!["A.com".into(), "b.com".into()];
        b.x509_props.sans.dns_names = vec!["b.com".into(), "a.com".into(), "b.com".into()];
        a.x509_props.ekus.as_mut().unwrap().reverse();
        b.x509_props.key_usage.as_mut().unwrap().reverse();
        a.x509_props.subject = Some("CN=a,O=b".into());
        b.x509_props.subject = Some("cn=a, o=b".into());
        assert_eq!(diff(&a, &b), []);

        b.x509_props.subject = Some("CN=a, O=c".into());
        assert_eq!(diff(&a, &b)[0].field, "x509_props.subject");

        let mut unset = portal();
        unset.x509_props.ekus = None;
        unset.lifetime_actions = Some(vec![]);
        let changes = diff(&portal(), &unset);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].after, "—");
        assert_eq!(changes[1].after, "none");
        let mut none = portal();
        none.x509_props.ekus = Some(vec![]);
        assert_eq!(diff(&unset, &none)[0].before, "—");
        assert_eq!(diff(&unset, &none)[0].after, "none");
    }

    #[test]
    fn lifetime_actions_in_words() {
        let one_day = LifetimeAction {
            trigger: LifetimeTrigger::DaysBeforeExpiry(1),
            action: LifetimeActionType::EmailContacts,
        };
        assert_eq!(
            lifetime_action_text(&one_day),
            "EmailContacts 1 day before expiry"
        );
    }
}
