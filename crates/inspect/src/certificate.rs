//! Certificate details through x509-parser, in the forms OpenSSL and Key Vault show them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use base64::Engine;
use der::asn1::ObjectIdentifier;
use sha1::{Digest, Sha1};
use sha2::Sha256;
use time::format_description::well_known::Rfc3339;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;

use crate::Error;
use crate::keys::{key_info, uint_bits};
use crate::report::{CertificateInfo, KeyInfo, San};
use crate::usages::{EXTENDED_KEY_USAGES, KEY_USAGES};

const UPN: &str = "1.3.6.1.4.1.311.20.2.3";

/// Parses one DER certificate as every reader and report does.
fn parse(der: &[u8]) -> Result<X509Certificate<'_>, Error> {
    X509Certificate::from_der(der)
        .map(|(_, cert)| cert)
        .map_err(|e| Error::corrupt(format!("certificate: {e}")))
}

/// Refuses a certificate x509-parser cannot read. Some containers' own decoders (CMS for
/// P7B) do not look inside the key: without this, such a file read fine and then failed in
/// its own conversion.
pub(crate) fn check(der: &[u8]) -> Result<(), Error> {
    parse(der).map(drop)
}

/// Describes one DER certificate.
pub fn describe(der: &[u8]) -> Result<CertificateInfo, Error> {
    let cert = parse(der)?;
    let sha1 = Sha1::digest(der);
    let validity = cert.validity();
    let rfc3339 =
        |t: x509_parser::time::ASN1Time| t.to_datetime().format(&Rfc3339).map_err(Error::corrupt);
    let extensions = Extensions::of(&cert);
    Ok(CertificateInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        serial: serial_hex(cert.raw_serial()),
        not_before: rfc3339(validity.not_before)?,
        not_after: rfc3339(validity.not_after)?,
        sha1: hex_upper(&sha1),
        sha256: hex_upper(&Sha256::digest(der)),
        x5t: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha1),
        san: extensions.san,
        key: public_key(&cert),
        key_usage: extensions.key_usage,
        extended_key_usage: extensions.extended_key_usage,
        is_ca: extensions.is_ca,
        self_signed: cert.subject().as_raw() == cert.issuer().as_raw(),
    })
}

/// Uppercase hex, as thumbprints are shown in Windows and Key Vault.
fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Serial without leading zero bytes (the DER sign byte), as OpenSSL prints it.
fn serial_hex(raw: &[u8]) -> String {
    let start = raw
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(raw.len().saturating_sub(1));
    hex_upper(&raw[start..])
}

fn public_key(cert: &X509Certificate) -> KeyInfo {
    let spki = cert.public_key();
    let oid = |o: &x509_parser::der_parser::oid::Oid| ObjectIdentifier::new(&o.to_id_string()).ok();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .and_then(|o| oid(&o));
    let rsa_bits = match spki.parsed() {
        Ok(PublicKey::RSA(rsa)) => Some(uint_bits(rsa.modulus)),
        Ok(PublicKey::DSA(_)) => pkcs8::spki::SubjectPublicKeyInfoRef::try_from(spki.raw)
            .ok()
            .and_then(|spki| spki.algorithm.parameters)
            .and_then(|params| der::Encode::to_der(&params).ok())
            .and_then(|der| crate::keys::dsa_bits(&der)),
        _ => None,
    };
    match oid(&spki.algorithm.algorithm) {
        Some(alg) => key_info(alg, curve.filter(|_| alg == crate::keys::EC), rsa_bits),
        None => KeyInfo {
            key_type: spki.algorithm.algorithm.to_id_string(),
            bits: None,
            curve: None,
        },
    }
}

#[derive(Default)]
struct Extensions {
    san: San,
    key_usage: Vec<String>,
    extended_key_usage: Vec<String>,
    is_ca: bool,
}

impl Extensions {
    fn of(cert: &X509Certificate) -> Self {
        let mut out = Extensions::default();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(d) => out.san.dns.push((*d).to_string()),
                    GeneralName::RFC822Name(e) => out.san.email.push((*e).to_string()),
                    GeneralName::URI(u) => out.san.uri.push((*u).to_string()),
                    GeneralName::IPAddress(ip) => out.san.ip.push(ip_text(ip)),
                    GeneralName::OtherName(oid, value) if oid.to_id_string() == UPN => {
                        out.san.upn.extend(utf8_other_name(value));
                    }
                    _ => {}
                }
            }
        }
        if let Ok(Some(ku)) = cert.key_usage() {
            let flags = ku.value.flags;
            out.key_usage = (0u16..)
                .zip(KEY_USAGES)
                .filter(|(bit, _)| (flags >> bit) & 1 == 1)
                .map(|(_, name)| (*name).to_string())
                .collect();
        }
        if let Ok(Some(eku)) = cert.extended_key_usage() {
            let eku = eku.value;
            // x509-parser's named fields, in the order of EXTENDED_KEY_USAGES; it lists any
            // other OID in `other`, which follows.
            let named = [
                eku.any,
                eku.server_auth,
                eku.client_auth,
                eku.code_signing,
                eku.email_protection,
                eku.time_stamping,
                eku.ocsp_signing,
            ];
            out.extended_key_usage = EXTENDED_KEY_USAGES
                .iter()
                .zip(named)
                .filter(|(_, on)| *on)
                .map(|((oid, _), _)| (*oid).to_string())
                .collect();
            out.extended_key_usage
                .extend(eku.other.iter().map(|o| o.to_id_string()));
        }
        if let Ok(Some(bc)) = cert.basic_constraints() {
            out.is_ca = bc.value.ca;
        }
        out
    }
}

fn ip_text(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => IpAddr::V4(Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3])).to_string(),
        16 => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(bytes);
            IpAddr::V6(Ipv6Addr::from(octets)).to_string()
        }
        _ => hex_upper(bytes),
    }
}

/// A UPN otherName value: `[0] EXPLICIT UTF8String`, with or without the outer tag.
fn utf8_other_name(value: &[u8]) -> Option<String> {
    use der::Decode;
    use der::asn1::{ContextSpecific, Utf8StringRef};
    ContextSpecific::<Utf8StringRef>::from_der(value)
        .map(|cs| cs.value.to_string())
        .or_else(|_| Utf8StringRef::from_der(value).map(|s| s.to_string()))
        .ok()
}
