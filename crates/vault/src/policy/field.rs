//! Which policy field a service 400 is about, so the editor can put the message next to it.

/// Words of a BadParameter message, lowercase, and the field they name, most specific first:
/// a lifetime action's message also mentions validity_months (its range depends on it), and
/// "Invalid key_usage" is not about the key type.
const FIELDS: &[(&[&str], &str)] = &[
    (
        &[
            "lifetime_percentage",
            "days_before_expiry",
            "lifetime action",
            "action_type",
            "autorenew",
        ],
        "lifetime_actions",
    ),
    (&["key_size", "key size"], "key_props.key_size"),
    (
        &["validity_months", "validity"],
        "x509_props.validity_months",
    ),
    (&["key_usage", "key usage"], "x509_props.key_usage"),
    (&["eku", "enhanced key usage"], "x509_props.ekus"),
    (&["kty", "key type"], "key_props.key_type"),
    (&["crv", "curve"], "key_props.curve"),
    (&["exportable"], "key_props.exportable"),
    (
        &["contenttype", "content type"],
        "secret_props.content_type",
    ),
    (&["dns name", "dns_names"], "x509_props.sans.dns_names"),
    (&["e-mail", "email"], "x509_props.sans.emails"),
    (&["upn", "user principal"], "x509_props.sans.upns"),
    (&["subject"], "x509_props.subject"),
    (&["issuer"], "issuer.name"),
];

/// The field of [`crate::CertificatePolicy`] (a dotted path of its JSON, e.g.
/// `x509_props.validity_months`) that a service error message is about, if it names one.
/// Matches the field names and words Key Vault's BadParameter messages use, as the local
/// vault words them.
pub fn policy_field_of(message: &str) -> Option<&'static str> {
    let message = message.to_lowercase();
    FIELDS
        .iter()
        .find(|(words, _)| words.iter().any(|word| message.contains(word)))
        .map(|(_, field)| *field)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The local vault's messages (crates/local-vault/src/domain/policy/rules.rs and
    /// issuance.rs, signer.rs), which mirror the service's rules.
    #[test]
    fn the_vaults_messages_name_their_field() {
        let cases = [
            (
                "Invalid key_size 1024: RSA keys must be 2048, 3072 or 4096 bits.",
                "key_props.key_size",
            ),
            (
                "Invalid validity_months 0: must be 1–1200.",
                "x509_props.validity_months",
            ),
            (
                "Invalid days_before_expiry 55: must be between 1 and 54 (27 × validity_months).",
                "lifetime_actions",
            ),
            (
                "Invalid lifetime_percentage 100: must be between 1 and 99.",
                "lifetime_actions",
            ),
            (
                "A lifetime action trigger must set exactly one of lifetime_percentage or days_before_expiry.",
                "lifetime_actions",
            ),
            (
                "AutoRenew is not supported with issuer Unknown; use EmailContacts.",
                "lifetime_actions",
            ),
            ("Invalid key type (kty) 'DSA'.", "key_props.key_type"),
            ("Invalid curve 'P-192'.", "key_props.curve"),
            (
                "Curve P-256K is not supported by the local vault; use P-256, P-384 or P-521.",
                "key_props.curve",
            ),
            ("HSM keys cannot be exportable.", "key_props.exportable"),
            (
                "Invalid contentType 'text/plain': use application/x-pkcs12 or application/x-pem-file.",
                "secret_props.content_type",
            ),
            (
                "Invalid key_usage 'keyEncipherment2'.",
                "x509_props.key_usage",
            ),
            (
                "Invalid EKU 'serverAuth': expected a dotted OID.",
                "x509_props.ekus",
            ),
            (
                "Invalid subject 'www.contoso.com': expected NAME=value parts.",
                "x509_props.subject",
            ),
            (
                "The policy needs x509_props.subject or sans.",
                "x509_props.subject",
            ),
            ("Invalid DNS name 'a b'.", "x509_props.sans.dns_names"),
            ("Invalid e-mail 'nope'.", "x509_props.sans.emails"),
            (
                "Issuer 'digi' was not found in this key vault.",
                "issuer.name",
            ),
        ];
        for (message, field) in cases {
            assert_eq!(policy_field_of(message), Some(field), "{message}");
        }
    }

    #[test]
    fn messages_about_no_field_map_to_none() {
        for message in [
            "The request URI contains an invalid name: create_invalid_certificate",
            "x5c is required: the signed certificate chain.",
            "The request body is not valid: expected value at line 1 column 1",
        ] {
            assert_eq!(policy_field_of(message), None, "{message}");
        }
    }
}
