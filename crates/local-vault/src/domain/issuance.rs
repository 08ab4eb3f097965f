//! Keys, CSRs and certificates for create, renew and the local CA issuer (rcgen).

use rcgen::{
    CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PKCS_ECDSA_P521_SHA512,
    PKCS_RSA_SHA256, RsaKeySize, SanType, SerialNumber, SignatureAlgorithm,
};
use rustls_pki_types::PrivatePkcs8KeyDer;

use crate::clock;
use crate::domain::error::{ApiError, ApiResult};
use crate::domain::policy::Policy;
use crate::domain::usages::{self, UPN_OID};
use crate::storage::tls::LocalCa;

/// The signature algorithm for the policy's key type.
fn algorithm(policy: &Policy) -> ApiResult<&'static SignatureAlgorithm> {
    let key = policy.key();
    if key.kty.as_deref().is_some_and(|k| k.starts_with("EC")) {
        return match key.crv.as_deref().unwrap_or("P-256") {
            "P-256" => Ok(&PKCS_ECDSA_P256_SHA256),
            "P-384" => Ok(&PKCS_ECDSA_P384_SHA384),
            "P-521" => Ok(&PKCS_ECDSA_P521_SHA512),
            other => Err(ApiError::bad_parameter(format!(
                "Curve {other} is not supported by the local vault."
            ))),
        };
    }
    Ok(&PKCS_RSA_SHA256)
}

/// A new key for `policy` (blocking: RSA generation takes a while).
pub fn generate_key(policy: &Policy) -> ApiResult<KeyPair> {
    let alg = algorithm(policy)?;
    let result = if alg == &PKCS_RSA_SHA256 {
        let size = match policy.key().key_size.unwrap_or(2048) {
            3072 => RsaKeySize::_3072,
            4096 => RsaKeySize::_4096,
            _ => RsaKeySize::_2048,
        };
        KeyPair::generate_rsa_for(alg, size)
    } else {
        KeyPair::generate_for(alg)
    };
    result.map_err(|e| ApiError::internal(format!("Key generation failed: {e}")))
}

/// Loads a stored PKCS#8 key, choosing the algorithm from the key itself.
pub fn load_key(pkcs8: &[u8]) -> ApiResult<KeyPair> {
    let der = PrivatePkcs8KeyDer::from(pkcs8);
    for alg in [
        &PKCS_RSA_SHA256,
        &PKCS_ECDSA_P256_SHA256,
        &PKCS_ECDSA_P384_SHA384,
        &PKCS_ECDSA_P521_SHA512,
    ] {
        if let Ok(key) = KeyPair::from_pkcs8_der_and_sign_algo(&der, alg) {
            return Ok(key);
        }
    }
    Err(ApiError::bad_parameter(
        "The private key type is not supported (RSA or EC P-256/P-384/P-521 expected).",
    ))
}

/// Parses a subject such as `CN=example, O=Org, C=US` into a distinguished name.
pub fn parse_subject(subject: &str) -> ApiResult<DistinguishedName> {
    let mut dn = DistinguishedName::new();
    for part in subject
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (attr, value) = part.split_once('=').ok_or_else(|| {
            ApiError::bad_parameter(format!(
                "Invalid subject '{subject}': expected NAME=value parts."
            ))
        })?;
        let kind = match attr.trim().to_ascii_uppercase().as_str() {
            "CN" => DnType::CommonName,
            "O" => DnType::OrganizationName,
            "OU" => DnType::OrganizationalUnitName,
            "C" => DnType::CountryName,
            "ST" | "S" => DnType::StateOrProvinceName,
            "L" => DnType::LocalityName,
            "E" | "EMAIL" | "EMAILADDRESS" => {
                DnType::CustomDnType(vec![1, 2, 840, 113549, 1, 9, 1])
            }
            other => {
                return Err(ApiError::bad_parameter(format!(
                    "Unsupported subject attribute '{other}'."
                )));
            }
        };
        dn.push(kind, value.trim());
    }
    if dn.iter().next().is_none() {
        return Err(ApiError::bad_parameter(
            "The policy's x509_props.subject must not be empty.",
        ));
    }
    Ok(dn)
}

/// `nbf` and `exp` of a certificate issued `now` under `policy`, like the service's: from ten
/// minutes ago for the policy's calendar months. A pending version shows them already.
pub fn validity(policy: &Policy, now: i64) -> (i64, i64) {
    (now - 600, clock::add_months(now, policy.validity_months()))
}

/// Certificate parameters from a policy, valid from `now` for the policy's months.
pub fn params(policy: &Policy, now: i64) -> ApiResult<CertificateParams> {
    let x509 = policy.x509_props.clone().unwrap_or_default();
    let sans = x509.sans.clone().unwrap_or_default();
    let subject = x509.subject.clone().unwrap_or_default();
    if subject.is_empty() && sans.dns_names.as_ref().is_none_or(Vec::is_empty) {
        return Err(ApiError::bad_parameter(
            "The policy needs x509_props.subject or sans.",
        ));
    }
    let mut params = CertificateParams::default();
    params.distinguished_name = if subject.is_empty() {
        DistinguishedName::new()
    } else {
        parse_subject(&subject)?
    };
    for dns in sans.dns_names.iter().flatten() {
        params.subject_alt_names.push(SanType::DnsName(
            dns.clone()
                .try_into()
                .map_err(|_| ApiError::bad_parameter(format!("Invalid DNS name '{dns}'.")))?,
        ));
    }
    for email in sans.emails.iter().flatten() {
        params.subject_alt_names.push(SanType::Rfc822Name(
            email
                .clone()
                .try_into()
                .map_err(|_| ApiError::bad_parameter(format!("Invalid e-mail '{email}'.")))?,
        ));
    }
    for upn in sans.upns.iter().flatten() {
        params
            .subject_alt_names
            .push(SanType::OtherName((UPN_OID.to_vec(), upn.as_str().into())));
    }
    for uri in sans.uris.iter().flatten() {
        params.subject_alt_names.push(SanType::URI(
            uri.clone()
                .try_into()
                .map_err(|_| ApiError::bad_parameter(format!("Invalid URI '{uri}'.")))?,
        ));
    }
    for ip in sans.ip_addresses.iter().flatten() {
        params
            .subject_alt_names
            .push(SanType::IpAddress(ip.parse().map_err(|_| {
                ApiError::bad_parameter(format!("Invalid IP address '{ip}'."))
            })?));
    }
    params.key_usages = x509
        .key_usage
        .iter()
        .flatten()
        .filter_map(|u| usages::key_usage(u))
        .collect();
    params.extended_key_usages = x509
        .ekus
        .iter()
        .flatten()
        .filter_map(|e| usages::parse_oid(e))
        .map(ExtendedKeyUsagePurpose::Other)
        .collect();
    if x509.basic_constraints.is_some_and(|b| b.ca) {
        params.is_ca = IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    } else {
        params.is_ca = IsCa::ExplicitNoCa;
    }
    let (not_before, not_after) = validity(policy, now);
    params.not_before = clock::to_offset(not_before);
    params.not_after = clock::to_offset(not_after);
    let mut serial = crate::ids::random_bytes::<16>();
    serial[0] &= 0x7f;
    params.serial_number = Some(SerialNumber::from_slice(&serial));
    Ok(params)
}

/// A CSR (DER) for `params` signed by `key`.
pub fn csr(params: &CertificateParams, key: &KeyPair) -> ApiResult<Vec<u8>> {
    // A CSR carries no serial number: the issuer picks it.
    let mut params = params.clone();
    params.serial_number = None;
    params
        .serialize_request(key)
        .map(|csr| csr.der().to_vec())
        .map_err(|e| ApiError::bad_parameter(format!("Cannot build a CSR from the policy: {e}")))
}

/// A self-signed certificate (DER).
pub fn self_signed(params: &CertificateParams, key: &KeyPair) -> ApiResult<Vec<u8>> {
    params
        .self_signed(key)
        .map(|c| c.der().to_vec())
        .map_err(|e| ApiError::bad_parameter(format!("Cannot issue the certificate: {e}")))
}

/// A certificate for `key` signed by the local issuing CA; returns the chain leaf first. Unless
/// the policy asks for a CA, it is a leaf: CA:false and no certificate or CRL signing, even
/// when the policy's key usages list them.
pub fn ca_signed(
    params: &CertificateParams,
    key: &KeyPair,
    ca: &LocalCa,
) -> ApiResult<Vec<Vec<u8>>> {
    let mut params = params.clone();
    if !matches!(params.is_ca, IsCa::Ca(_)) {
        params.is_ca = IsCa::ExplicitNoCa;
        params
            .key_usages
            .retain(|u| !matches!(u, KeyUsagePurpose::KeyCertSign | KeyUsagePurpose::CrlSign));
    }
    let issuer = ca
        .issuer()
        .map_err(|e| ApiError::internal(format!("The local CA is unusable: {e}")))?;
    let cert = params
        .signed_by(key, &issuer.issuer)
        .map_err(|e| ApiError::bad_parameter(format!("Cannot issue the certificate: {e}")))?;
    let ca_der = ca
        .cert_der()
        .map_err(|e| ApiError::internal(e.to_string()))?;
    Ok(vec![cert.der().to_vec(), ca_der])
}

/// The SubjectPublicKeyInfo DER of a key.
pub fn public_key_der(key: &KeyPair) -> Vec<u8> {
    use rcgen::PublicKeyData;
    key.subject_public_key_info()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certinfo;

    #[test]
    fn issued_certificates_carry_the_policy() {
        let policy: Policy = serde_json::from_value(serde_json::json!({
            "issuer": {"name": "Self"},
            "key_props": {"kty": "EC", "crv": "P-256"},
            "x509_props": {"subject": "CN=t, O=CertDeck", "sans": {"dns_names": ["t.example"]}, "validity_months": 3},
        }))
        .unwrap();
        let policy = policy.with_defaults();
        let key = generate_key(&policy).unwrap();
        let params = params(&policy, 1_800_000_000).unwrap();
        assert!(!csr(&params, &key).unwrap().is_empty());
        let der = self_signed(&params, &key).unwrap();
        let props = certinfo::x509_props(&der).unwrap();
        assert_eq!(props.subject.as_deref(), Some("CN=t, O=CertDeck"));
        assert_eq!(props.sans.unwrap().dns_names.unwrap(), vec!["t.example"]);
        assert_eq!(props.validity_months, Some(3));
        let spki = certinfo::spki(&der).unwrap();
        assert!(certinfo::same_public_key(&spki, &public_key_der(&key)));
        assert_eq!(certinfo::public_jwk(&spki, "k").unwrap()["crv"], "P-256");
        assert_eq!(
            load_key(&key.serialize_der()).unwrap().public_key_raw(),
            key.public_key_raw()
        );
    }

    #[test]
    fn subjects_are_parsed_or_refused() {
        assert!(parse_subject("CN=a, OU=b, C=US").is_ok());
        assert!(parse_subject("nonsense").is_err());
        assert!(parse_subject("XX=1").is_err());
    }
}
