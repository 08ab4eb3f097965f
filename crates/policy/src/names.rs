//! Names for people: extended key usages (OIDs), key usages, key types and content types.

use vault::{KeyUsage, SecretContentType};

/// TLS server authentication.
pub const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
/// TLS client authentication.
pub const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";

/// Extended key usages by OID, with the short name tools write and a label.
pub const EKUS: &[(&str, &str, &str)] = &[
    (SERVER_AUTH, "serverAuth", "Server authentication"),
    (CLIENT_AUTH, "clientAuth", "Client authentication"),
    ("1.3.6.1.5.5.7.3.3", "codeSigning", "Code signing"),
    ("1.3.6.1.5.5.7.3.4", "emailProtection", "E-mail protection"),
    ("1.3.6.1.5.5.7.3.8", "timeStamping", "Time stamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSPSigning", "OCSP signing"),
    (
        "1.3.6.1.4.1.311.20.2.2",
        "smartcardLogon",
        "Smart card logon",
    ),
    (
        "1.3.6.1.4.1.311.10.3.12",
        "documentSigning",
        "Document signing",
    ),
    (
        "1.3.6.1.4.1.311.80.1",
        "documentEncryption",
        "Document encryption",
    ),
    ("2.5.29.37.0", "anyExtendedKeyUsage", "Any purpose"),
];

/// The label of an EKU OID, or the OID itself when unknown.
pub fn eku_label(oid: &str) -> String {
    EKUS.iter()
        .find(|(known, _, _)| *known == oid)
        .map_or_else(|| oid.to_owned(), |(_, _, label)| (*label).to_owned())
}

/// The OID of an EKU written by its short name (`serverAuth`), case-insensitively.
pub fn eku_oid_of_name(name: &str) -> Option<&'static str> {
    EKUS.iter()
        .find(|(_, short, _)| short.eq_ignore_ascii_case(name))
        .map(|(oid, _, _)| *oid)
}

/// Whether `oid` is a dotted OID as the service takes EKUs: at least two arcs of decimal
/// digits, each fitting 64 bits.
pub fn is_dotted_oid(oid: &str) -> bool {
    oid.split('.').count() >= 2
        && oid.split('.').all(|arc| {
            !arc.is_empty() && arc.chars().all(|c| c.is_ascii_digit()) && arc.parse::<u64>().is_ok()
        })
}

/// Key usages in RFC 5280 bit order, with labels.
pub const KEY_USAGES: &[(KeyUsage, &str)] = &[
    (KeyUsage::DigitalSignature, "Digital signature"),
    (KeyUsage::NonRepudiation, "Non-repudiation"),
    (KeyUsage::KeyEncipherment, "Key encipherment"),
    (KeyUsage::DataEncipherment, "Data encipherment"),
    (KeyUsage::KeyAgreement, "Key agreement"),
    (KeyUsage::KeyCertSign, "Certificate signing"),
    (KeyUsage::CrlSign, "CRL signing"),
    (KeyUsage::EncipherOnly, "Encipher only"),
    (KeyUsage::DecipherOnly, "Decipher only"),
];

/// The label of a key usage; an unknown one as the service spells it.
pub fn key_usage_label(usage: &KeyUsage) -> String {
    KEY_USAGES
        .iter()
        .find(|(known, _)| known == usage)
        .map_or_else(
            || usage.as_str().to_owned(),
            |(_, label)| (*label).to_owned(),
        )
}

/// A content type for people.
pub fn content_type_label(content_type: &SecretContentType) -> String {
    match content_type {
        SecretContentType::Pkcs12 => "PKCS #12".to_owned(),
        SecretContentType::Pem => "PEM".to_owned(),
        SecretContentType::Other(other) => other.clone(),
    }
}

/// The known spelling of `value` among `known` when it differs only in case.
pub fn spelling_of<'a>(value: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(value) && **k != value)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ekus_by_oid_and_name() {
        assert_eq!(eku_label(SERVER_AUTH), "Server authentication");
        assert_eq!(eku_label("1.2.3.4"), "1.2.3.4");
        assert_eq!(eku_oid_of_name("ServerAuth"), Some(SERVER_AUTH));
        assert!(is_dotted_oid("1.3.6.1.5.5.7.3.1"));
        for bad in [
            "",
            "1",
            "1.",
            ".1",
            "1..2",
            "+1.2",
            "1.2a",
            "serverAuth",
            "1.99999999999999999999",
        ] {
            assert!(!is_dotted_oid(bad), "{bad}");
        }
        assert_eq!(key_usage_label(&KeyUsage::CrlSign), "CRL signing");
        assert_eq!(spelling_of("crlsign", &["cRLSign"]), Some("cRLSign"));
        assert_eq!(spelling_of("cRLSign", &["cRLSign"]), None);
    }
}
