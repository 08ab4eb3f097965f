//! Reading certificates and public keys (x509-parser): thumbprints, validity, the policy the
//! service derives on import, and public JWKs.

use aws_lc_rs::digest::{SHA1_FOR_LEGACY_USE_ONLY, digest};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};
use x509_parser::prelude::*;
use x509_parser::public_key::PublicKey;

use crate::domain::error::{ApiError, ApiResult};
use crate::domain::policy::{BasicConstraints, KeyProps, Sans, X509Props};
use crate::domain::usages::{
    self, CLIENT_AUTH, CODE_SIGNING, EMAIL_PROTECTION, OCSP_SIGNING, SERVER_AUTH, TIME_STAMPING,
};

/// `x5t`: base64url SHA-1 of the DER.
pub fn x5t(der: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(digest(&SHA1_FOR_LEGACY_USE_ONLY, der))
}

fn parse(der: &[u8]) -> ApiResult<X509Certificate<'_>> {
    X509Certificate::from_der(der)
        .map(|(_, cert)| cert)
        .map_err(|e| ApiError::bad_parameter(format!("The certificate cannot be parsed: {e}")))
}

/// `(nbf, exp)` of a certificate.
pub fn validity(der: &[u8]) -> ApiResult<(i64, i64)> {
    let cert = parse(der)?;
    Ok((
        cert.validity().not_before.timestamp(),
        cert.validity().not_after.timestamp(),
    ))
}

/// The certificate's SubjectPublicKeyInfo DER.
pub fn spki(der: &[u8]) -> ApiResult<Vec<u8>> {
    Ok(parse(der)?.public_key().raw.to_vec())
}

/// An `iPAddress` SAN's octets as text (4: IPv4, 16: IPv6).
fn ip_address(octets: &[u8]) -> Option<String> {
    let ip: std::net::IpAddr = match octets.len() {
        4 => <[u8; 4]>::try_from(octets).ok()?.into(),
        16 => <[u8; 16]>::try_from(octets).ok()?.into(),
        _ => return None,
    };
    Some(ip.to_string())
}

/// An `otherName` value, `[0] EXPLICIT UTF8String`, as text.
fn utf8_value(value: &[u8]) -> Option<String> {
    use x509_parser::der_parser::asn1_rs::{Any, FromDer, Tag};
    let (_, outer) = Any::from_der(value).ok()?;
    let string = if outer.tag() == Tag::Utf8String {
        outer
    } else {
        Any::from_der(outer.data).ok()?.1
    };
    String::from_utf8(string.data.to_vec()).ok()
}

/// The X.509 section of the policy the service derives from an imported certificate.
pub fn x509_props(der: &[u8]) -> ApiResult<X509Props> {
    let cert = parse(der)?;
    let mut sans = Sans::default();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for name in &ext.value.general_names {
            match name {
                GeneralName::DNSName(d) => sans
                    .dns_names
                    .get_or_insert_with(Vec::new)
                    .push(d.to_string()),
                GeneralName::RFC822Name(e) => {
                    sans.emails.get_or_insert_with(Vec::new).push(e.to_string())
                }
                GeneralName::URI(u) => sans.uris.get_or_insert_with(Vec::new).push(u.to_string()),
                GeneralName::IPAddress(ip) => {
                    if let Some(ip) = ip_address(ip) {
                        sans.ip_addresses.get_or_insert_with(Vec::new).push(ip)
                    }
                }
                GeneralName::OtherName(oid, value)
                    if oid.iter().is_some_and(|arcs| arcs.eq(usages::UPN_OID)) =>
                {
                    if let Some(upn) = utf8_value(value) {
                        sans.upns.get_or_insert_with(Vec::new).push(upn)
                    }
                }
                _ => {}
            }
        }
    }
    let ekus = cert.extended_key_usage().ok().flatten().map(|ext| {
        let e = ext.value;
        let known = [
            (e.server_auth, SERVER_AUTH),
            (e.client_auth, CLIENT_AUTH),
            (e.code_signing, CODE_SIGNING),
            (e.email_protection, EMAIL_PROTECTION),
            (e.time_stamping, TIME_STAMPING),
            (e.ocsp_signing, OCSP_SIGNING),
        ];
        let mut oids: Vec<String> = known
            .iter()
            .filter(|(set, _)| *set)
            .map(|(_, oid)| oid.to_string())
            .collect();
        oids.extend(e.other.iter().map(|o| o.to_id_string()));
        oids
    });
    let key_usage = cert
        .key_usage()
        .ok()
        .flatten()
        .map(|ext| usages::key_usage_names(ext.value.flags));
    let ca = cert
        .basic_constraints()
        .ok()
        .flatten()
        .is_some_and(|b| b.value.ca);
    let (nbf, exp) = (
        cert.validity().not_before.timestamp(),
        cert.validity().not_after.timestamp(),
    );
    // The service rounds the lifetime to whole months (at least one).
    let months = ((exp - nbf) as f64 / (30.4375 * 86400.0)).round().max(1.0) as u32;
    Ok(X509Props {
        subject: Some(cert.subject().to_string()),
        sans: (sans.dns_names.is_some() || sans.emails.is_some()).then_some(sans),
        ekus,
        key_usage,
        validity_months: Some(months),
        basic_constraints: Some(BasicConstraints { ca }),
    })
}

/// Key properties (`kty`, `key_size`/`crv`) of a SubjectPublicKeyInfo.
pub fn key_props(spki_der: &[u8]) -> ApiResult<KeyProps> {
    let jwk = public_jwk(spki_der, "")?;
    let mut props = KeyProps {
        kty: jwk["kty"].as_str().map(str::to_string),
        ..KeyProps::default()
    };
    if let Some(n) = jwk["n"].as_str() {
        props.key_size = Some((URL_SAFE_NO_PAD.decode(n).map(|n| n.len()).unwrap_or(0) * 8) as u32);
    } else {
        props.crv = jwk["crv"].as_str().map(str::to_string);
    }
    Ok(props)
}

/// The public JWK of a SubjectPublicKeyInfo, with `kid`.
pub fn public_jwk(spki_der: &[u8], kid: &str) -> ApiResult<Value> {
    let (_, spki) = SubjectPublicKeyInfo::from_der(spki_der)
        .map_err(|e| ApiError::bad_parameter(format!("The public key cannot be parsed: {e}")))?;
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => Ok(json!({
            "kid": kid, "kty": "RSA",
            "key_ops": ["encrypt", "decrypt", "sign", "verify", "wrapKey", "unwrapKey"],
            "n": b64(strip_zeros(rsa.modulus)), "e": b64(strip_zeros(rsa.exponent)),
        })),
        Ok(PublicKey::EC(point)) => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            let crv = match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "P-256",
                Some("1.3.132.0.34") => "P-384",
                Some("1.3.132.0.35") => "P-521",
                Some("1.3.132.0.10") => "P-256K",
                _ => {
                    return Err(ApiError::bad_parameter(
                        "The EC key uses an unsupported curve.",
                    ));
                }
            };
            // Uncompressed point: 0x04 || X || Y.
            let data = point.data();
            if data.len() < 3 || data[0] != 4 {
                return Err(ApiError::bad_parameter(
                    "The EC public key is not an uncompressed point.",
                ));
            }
            let half = data.len().saturating_sub(1) / 2;
            Ok(json!({
                "kid": kid, "kty": "EC", "key_ops": ["sign", "verify"], "crv": crv,
                "x": b64(&data[1..1 + half]), "y": b64(&data[1 + half..]),
            }))
        }
        _ => Err(ApiError::bad_parameter(
            "Only RSA and EC keys are supported.",
        )),
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(bytes.len().saturating_sub(1));
    &bytes[start..]
}

/// Whether two SubjectPublicKeyInfos hold the same key (compares the key bits, ignoring
/// encoding differences in the algorithm parameters).
pub fn same_public_key(a: &[u8], b: &[u8]) -> bool {
    match (
        SubjectPublicKeyInfo::from_der(a),
        SubjectPublicKeyInfo::from_der(b),
    ) {
        (Ok((_, a)), Ok((_, b))) => a.subject_public_key.data == b.subject_public_key.data,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use rcgen::{CertificateParams, KeyPair, SanType};

    use super::*;

    #[test]
    fn an_imported_certificate_s_sans_are_read_by_kind() {
        let mut params = CertificateParams::new(vec!["a.example.test".to_owned()]).unwrap();
        params.subject_alt_names.extend([
            SanType::OtherName((usages::UPN_OID.to_vec(), "svc@corp.example.test".into())),
            SanType::URI("spiffe://example.test/a".try_into().unwrap()),
            SanType::IpAddress("2001:db8::1".parse().unwrap()),
        ]);
        let cert = params.self_signed(&KeyPair::generate().unwrap()).unwrap();
        let sans = x509_props(cert.der()).unwrap().sans.unwrap();
        assert_eq!(sans.dns_names.unwrap(), ["a.example.test"]);
        assert_eq!(sans.upns.unwrap(), ["svc@corp.example.test"]);
        assert_eq!(sans.uris.unwrap(), ["spiffe://example.test/a"]);
        assert_eq!(sans.ip_addresses.unwrap(), ["2001:db8::1"]);
        assert_eq!(sans.emails, None);
    }
}
