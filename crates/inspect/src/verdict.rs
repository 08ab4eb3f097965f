//! Key Vault's import rules applied to a report: problems block the import, warnings inform.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::chain::Chain;
use crate::keys::key_vault_curve;
use crate::report::{CertificateInfo, Finding, FindingCode, KeyInfo, PrivateKeyInfo, Verdict};

/// What the verdict is computed from (certificates leaf-first).
pub(crate) struct Facts<'a> {
    pub certificates: &'a [CertificateInfo],
    pub private_keys: &'a [PrivateKeyInfo],
    pub chain: &'a Chain,
    pub key_needs_conversion: bool,
    pub now: OffsetDateTime,
}

/// Judges the file as Key Vault's import would.
pub(crate) fn judge(facts: &Facts) -> Verdict {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let add = |list: &mut Vec<Finding>, code, message: String| list.push(Finding { code, message });
    let leaf = facts.certificates.first();
    match leaf {
        None => add(
            &mut problems,
            FindingCode::NoCertificate,
            "The file holds no certificate.".into(),
        ),
        Some(leaf) => {
            if let Some(message) = key_type_problem(&leaf.key) {
                add(&mut problems, FindingCode::UnsupportedKeyType, message);
            }
            if let Some(message) = weak_rsa(&leaf.key) {
                add(&mut problems, FindingCode::WeakRsaKey, message);
            }
            let parse = |s: &str| OffsetDateTime::parse(s, &Rfc3339).ok();
            if parse(&leaf.not_after).is_some_and(|t| t < facts.now) {
                add(
                    &mut warnings,
                    FindingCode::Expired,
                    format!("The certificate expired on {}.", leaf.not_after),
                );
            }
            if parse(&leaf.not_before).is_some_and(|t| t > facts.now) {
                add(
                    &mut warnings,
                    FindingCode::NotYetValid,
                    format!("The certificate is valid only from {}.", leaf.not_before),
                );
            }
        }
    }
    match facts.private_keys {
        [] => add(
            &mut problems,
            FindingCode::NoPrivateKey,
            "The file holds no private key; Key Vault imports a certificate with its key.".into(),
        ),
        [key] if leaf.is_some() && key.matches_certificate != Some(0) => add(
            &mut problems,
            FindingCode::KeyDoesNotMatch,
            "The private key does not belong to the leaf certificate.".into(),
        ),
        [_] => {}
        keys => add(
            &mut problems,
            FindingCode::MultipleKeys,
            format!(
                "The file holds {} private keys; Key Vault imports one.",
                keys.len()
            ),
        ),
    }
    if facts.chain.leaves.len() > 1 {
        add(
            &mut problems,
            FindingCode::MultipleLeaves,
            format!(
                "The file holds {} unrelated certificates that are not one chain.",
                facts.chain.leaves.len()
            ),
        );
    }
    if facts.key_needs_conversion {
        add(&mut problems, FindingCode::PemKeyNeedsConversion, "Key Vault's PEM import needs an unencrypted PKCS#8 key; convert the file (certdeck-cli convert --to pem).".into());
    }
    if facts.chain.order.iter().enumerate().any(|(i, &f)| i != f) {
        add(
            &mut warnings,
            FindingCode::ChainOutOfOrder,
            "The certificates are not stored leaf first; they will be reordered.".into(),
        );
    }
    if leaf.is_some() && !facts.chain.complete {
        let message = match facts.chain.missing_issuers.as_slice() {
            [] => "The chain does not reach a root certificate.".to_string(),
            missing => format!("The chain is missing its issuer: {}.", missing.join("; ")),
        };
        add(&mut warnings, FindingCode::IncompleteChain, message);
    }
    Verdict {
        importable: problems.is_empty(),
        problems,
        warnings,
    }
}

fn key_type_problem(key: &KeyInfo) -> Option<String> {
    match (key.key_type.as_str(), key.curve.as_deref()) {
        ("RSA", _) => None,
        ("EC", Some(curve)) if key_vault_curve(curve) => None,
        ("EC", curve) => Some(format!(
            "Key Vault does not support the EC curve {}.",
            curve.unwrap_or("(unnamed)")
        )),
        (other, _) => Some(format!(
            "Key Vault does not support {other} keys (only RSA and EC P-256, P-384, P-521, P-256K)."
        )),
    }
}

fn weak_rsa(key: &KeyInfo) -> Option<String> {
    match (key.key_type.as_str(), key.bits) {
        ("RSA", Some(bits)) if bits < 2048 => Some(format!(
            "RSA {bits}-bit keys are too weak; Key Vault needs 2048 bits or more."
        )),
        _ => None,
    }
}
