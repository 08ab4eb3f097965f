//! Key usages and extended key usages: the one table that validating policies, issuing
//! certificates and reading imported ones share.

use rcgen::KeyUsagePurpose;

/// A user principal name SAN: an `otherName` of this type (Microsoft's), holding a UTF8String.
pub const UPN_OID: [u64; 10] = [1, 3, 6, 1, 4, 1, 311, 20, 2, 3];

/// Key usage names as policies spell them, in RFC 5280 bit order (`digitalSignature` is bit
/// 0), with the purpose rcgen issues for each.
pub const KEY_USAGES: [(&str, KeyUsagePurpose); 9] = [
    ("digitalSignature", KeyUsagePurpose::DigitalSignature),
    ("nonRepudiation", KeyUsagePurpose::ContentCommitment),
    ("keyEncipherment", KeyUsagePurpose::KeyEncipherment),
    ("dataEncipherment", KeyUsagePurpose::DataEncipherment),
    ("keyAgreement", KeyUsagePurpose::KeyAgreement),
    ("keyCertSign", KeyUsagePurpose::KeyCertSign),
    ("cRLSign", KeyUsagePurpose::CrlSign),
    ("encipherOnly", KeyUsagePurpose::EncipherOnly),
    ("decipherOnly", KeyUsagePurpose::DecipherOnly),
];

/// The purpose of a key usage name, if it is one.
pub fn key_usage(name: &str) -> Option<KeyUsagePurpose> {
    KEY_USAGES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, purpose)| *purpose)
}

/// The key usage names set in a key usage extension's bits (x509-parser's `flags`).
pub fn key_usage_names(flags: u16) -> Vec<String> {
    KEY_USAGES
        .iter()
        .enumerate()
        .filter(|(bit, _)| flags >> bit & 1 == 1)
        .map(|(_, (name, _))| name.to_string())
        .collect()
}

/// TLS server authentication.
pub const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
/// TLS client authentication.
pub const CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";
/// Code signing.
pub const CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
/// E-mail protection.
pub const EMAIL_PROTECTION: &str = "1.3.6.1.5.5.7.3.4";
/// Time stamping.
pub const TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
/// OCSP signing.
pub const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";

/// Parses a dotted OID such as `1.3.6.1.5.5.7.3.1` (how policies give EKUs).
pub fn parse_oid(oid: &str) -> Option<Vec<u64>> {
    let arcs: Option<Vec<u64>> = oid.split('.').map(|a| a.parse().ok()).collect();
    arcs.filter(|a| a.len() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_follow_the_table() {
        assert_eq!(
            key_usage_names(0b1_0000_0101),
            ["digitalSignature", "keyEncipherment", "decipherOnly"]
        );
        assert_eq!(key_usage("cRLSign"), Some(KeyUsagePurpose::CrlSign));
        assert_eq!(key_usage("crlSign"), None);
    }
}
