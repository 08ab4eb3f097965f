//! Names of key usages and extended key usages, kept once here so that every crate (reports,
//! policies, issuance) spells them the same way.

/// Key usage names as Key Vault's policies write them (RFC 5280's), in bit order: bit `i` of the
/// KeyUsage extension is `KEY_USAGES[i]`.
pub const KEY_USAGES: &[&str] = &[
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/// Extended key usages by OID with RFC 5280's names (what OpenSSL's `extendedKeyUsage=` takes).
/// The first seven are x509-parser's named fields in its order, which reports list before other
/// OIDs: add new entries after them.
pub const EXTENDED_KEY_USAGES: &[(&str, &str)] = &[
    ("2.5.29.37.0", "anyExtendedKeyUsage"),
    ("1.3.6.1.5.5.7.3.1", "serverAuth"),
    ("1.3.6.1.5.5.7.3.2", "clientAuth"),
    ("1.3.6.1.5.5.7.3.3", "codeSigning"),
    ("1.3.6.1.5.5.7.3.4", "emailProtection"),
    ("1.3.6.1.5.5.7.3.8", "timeStamping"),
    ("1.3.6.1.5.5.7.3.9", "OCSPSigning"),
];
