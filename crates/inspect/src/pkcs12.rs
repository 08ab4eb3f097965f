//! PKCS#12 (PFX/P12) through p12-keystore's raw `Pkcs12Archive`, plus what it lacks: a report of
//! the encryption used, cost caps checked up front, and the NULL (zero-length) empty password
//! that Key Vault's PFX secrets use, with PBES2 or PKCS#12-PBE (3DES, RC2) bags (p12-keystore
//! only tries the BMP-encoded empty string).

use der::asn1::{ContextSpecific, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use hmac::{KeyInit, Mac, SimpleHmac};
use p12_keystore::Pkcs12Archive;
use p12_keystore::error::Error as P12Error;
use pkcs12::cms::content_info::ContentInfo;
use pkcs12::cms::encrypted_data::EncryptedData;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeContents;
use pkcs12::{AuthenticatedSafe, MacData};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::keys::PrivateKey;
use crate::material::Material;
use crate::pbe::Family;
use crate::pkcs12_pbe::{self, PbePassword};
use crate::report::Pkcs12Encryption;
use crate::{Error, Password, pbe, rekey};

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const SHA1_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
const SHA224_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.4");

/// Reads a DER PFX: its certificates and keys in file order, and the encryption it uses.
pub(crate) fn read(
    der: &[u8],
    password: Option<&Password>,
) -> Result<(Material, Pkcs12Encryption), Error> {
    let pfx = Pfx::from_der(der).map_err(|e| Error::corrupt(format!("PKCS#12 structure: {e}")))?;
    let text = password.map(Password::as_str).unwrap_or("");
    let encryption = survey(&pfx, text)?;
    let archive = match Pkcs12Archive::from_pkcs12(der, text) {
        Err(P12Error::MacError(_)) if text.is_empty() => open_with_null_password(pfx, &encryption)?,
        other => other.map_err(|e| map_error(e, &encryption, text.is_empty()))?,
    };
    let keys = archive
        .keys
        .iter()
        .map(|bag| PrivateKey::from_pkcs8_der(bag.key.as_der()))
        .collect::<Result<_, _>>()?;
    let certificates = archive
        .certs
        .iter()
        .map(|bag| bag.cert.as_der().to_vec())
        .collect();
    Ok((Material { certificates, keys }, encryption))
}

/// Opens a file whose MAC verifies with the NULL password: once we have checked the MAC, its
/// PKCS#12-PBE parts are re-keyed to the BMP empty string p12-keystore reads, and the archive
/// is read without the MAC.
fn open_with_null_password(
    mut pfx: Pfx,
    encryption: &Pkcs12Encryption,
) -> Result<Pkcs12Archive, Error> {
    let mac_data = pfx.mac_data.take().ok_or(Error::PasswordRequired)?;
    let expected = null_password_mac(&mac_data, pfx.auth_safe.content.value())?;
    if expected.as_slice() != mac_data.mac.digest.as_bytes() {
        return Err(Error::PasswordRequired);
    }
    // A verified MAC with failing bags means damage, not a wrong password.
    let damaged = |e: Error| match e {
        Error::WrongPassword => Error::corrupt("a bag does not decrypt with the NULL password"),
        other => other,
    };
    rekey::rekey(&mut pfx, PbePassword::Null, PbePassword::Text("")).map_err(damaged)?;
    let unsigned = pfx.to_der().map_err(Error::corrupt)?;
    Pkcs12Archive::from_pkcs12(&unsigned, "").map_err(|e| map_error(e, encryption, true))
}

/// Computes the MAC of `data` keyed from the NULL (zero-length) password.
pub(crate) fn null_password_mac(mac_data: &MacData, data: &[u8]) -> Result<Vec<u8>, Error> {
    let salt = mac_data.mac_salt.as_bytes();
    let rounds = mac_data.iterations;
    Ok(match mac_data.mac.algorithm.oid {
        SHA1_OID => hmac_null::<Sha1>(salt, rounds, data),
        SHA224_OID => hmac_null::<Sha224>(salt, rounds, data),
        SHA256_OID => hmac_null::<Sha256>(salt, rounds, data),
        SHA384_OID => hmac_null::<Sha384>(salt, rounds, data),
        SHA512_OID => hmac_null::<Sha512>(salt, rounds, data),
        other => return Err(Error::UnsupportedEncryption(format!("MAC digest {other}"))),
    })
}

fn hmac_null<D>(salt: &[u8], rounds: i32, data: &[u8]) -> Vec<u8>
where
    D: sha2::Digest
        + sha2::digest::FixedOutputReset
        + sha2::digest::block_api::BlockSizeUser
        + Clone,
{
    let size = <D as sha2::Digest>::output_size();
    let key =
        pkcs12::kdf::derive_key::<D>(&[], salt, pkcs12::kdf::Pkcs12KeyType::Mac, rounds, size);
    // HMAC takes keys of any length; an empty result would simply never match.
    let Ok(mut mac) = <SimpleHmac<D> as KeyInit>::new_from_slice(&key) else {
        return Vec::new();
    };
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

/// Walks the structure to name the MAC and bag encryption and to refuse files whose key
/// derivation would cost more than the caps, per part and in total (key bags inside encrypted
/// safes counted with `password`).
fn survey(pfx: &Pfx, password: &str) -> Result<Pkcs12Encryption, Error> {
    let mut report = Pkcs12Encryption::default();
    let mut budget = pbe::Budget::default();
    if let Some(mac) = &pfx.mac_data {
        let iterations = u64::try_from(mac.iterations).unwrap_or(0);
        pbe::check_iterations(iterations)?;
        budget.spend(iterations)?;
        report.mac = Some(format!(
            "HMAC-{} ({} iterations)",
            digest_name(mac.mac.algorithm.oid),
            mac.iterations
        ));
    }
    if pfx.auth_safe.content_type != DATA {
        return Err(Error::UnsupportedEncryption(
            "public-key protected PKCS#12 (signed)".into(),
        ));
    }
    let outer = OctetString::from_der(&pfx.auth_safe.content.to_der().map_err(Error::corrupt)?)
        .map_err(Error::corrupt)?;
    let safes = AuthenticatedSafe::from_der(outer.as_bytes()).map_err(Error::corrupt)?;
    for safe in &safes {
        survey_safe(safe, &mut report, &mut budget, password)?;
    }
    Ok(report)
}

fn survey_safe(
    safe: &ContentInfo,
    report: &mut Pkcs12Encryption,
    budget: &mut pbe::Budget,
    password: &str,
) -> Result<(), Error> {
    let content = safe.content.to_der().map_err(Error::corrupt)?;
    match safe.content_type {
        ENCRYPTED_DATA => {
            let data = EncryptedData::from_der(&content).map_err(Error::corrupt)?;
            let scheme = pbe::scheme(&data.enc_content_info.content_enc_alg)?;
            budget.spend(scheme.cost)?;
            report.certificates.get_or_insert(scheme.name);
            // Key bags sealed inside cost their own derivations once opened: open the safe
            // (its cost is paid above) and count them. A safe that does not open, or opens to
            // garbage, is left to p12-keystore to report; only the budget speaks here.
            if let Some(bags) = open_safe(&data, scheme.family, password)
                && let Err(too_much @ Error::TooExpensive(_)) = survey_bags(&bags, report, budget)
            {
                return Err(too_much);
            }
        }
        DATA => {
            let bytes = OctetString::from_der(&content).map_err(Error::corrupt)?;
            survey_bags(bytes.as_bytes(), report, budget)?;
        }
        other => {
            return Err(Error::UnsupportedEncryption(format!(
                "PKCS#12 content type {other}"
            )));
        }
    }
    Ok(())
}

/// Names and budgets the bags of a `SafeContents`.
fn survey_bags(
    der: &[u8],
    report: &mut Pkcs12Encryption,
    budget: &mut pbe::Budget,
) -> Result<(), Error> {
    for bag in SafeContents::from_der(der).map_err(Error::corrupt)? {
        match bag.bag_id {
            pkcs12::PKCS_12_PKCS8_KEY_BAG_OID => {
                let info = ContextSpecific::<EncryptedPrivateKeyInfo>::from_der(&bag.bag_value)
                    .map_err(Error::corrupt)?;
                let scheme = pbe::scheme(&info.value.encryption_algorithm)?;
                budget.spend(scheme.cost)?;
                report.keys.get_or_insert(scheme.name);
            }
            pkcs12::PKCS_12_KEY_BAG_OID => {
                report.keys.get_or_insert_with(|| "none".into());
            }
            pkcs12::PKCS_12_CERT_BAG_OID => {
                report.certificates.get_or_insert_with(|| "none".into());
            }
            _ => {}
        }
    }
    Ok(())
}

/// The plaintext `SafeContents` of an encrypted safe, if `password` opens it (an empty one
/// also as the NULL password of Key Vault's PKCS#12-PBE files).
fn open_safe(data: &EncryptedData, family: Family, password: &str) -> Option<Zeroizing<Vec<u8>>> {
    let info = &data.enc_content_info;
    let alg = &info.content_enc_alg;
    let sealed = info.encrypted_content.as_ref()?.as_bytes();
    match family {
        Family::Pbes2 => {
            let params = alg.parameters.as_ref()?.to_der().ok()?;
            let params = pkcs5::pbes2::Parameters::from_der(&params).ok()?;
            params
                .decrypt(password.as_bytes(), sealed)
                .ok()
                .map(Zeroizing::new)
        }
        Family::Pkcs12Pbe => {
            let null = password.is_empty().then_some(PbePassword::Null);
            [Some(PbePassword::Text(password)), null]
                .into_iter()
                .flatten()
                .find_map(|p| pkcs12_pbe::decrypt(alg, p, sealed).ok())
        }
        Family::Pbes1 => None,
    }
}

fn digest_name(oid: ObjectIdentifier) -> String {
    match oid {
        SHA1_OID => "SHA1".into(),
        SHA224_OID => "SHA224".into(),
        SHA256_OID => "SHA256".into(),
        SHA384_OID => "SHA384".into(),
        SHA512_OID => "SHA512".into(),
        other => other.to_string(),
    }
}

/// A MAC failure or a decryption failure both mean the password does not fit; structure
/// errors after a verified MAC mean damage.
fn map_error(e: P12Error, encryption: &Pkcs12Encryption, no_password: bool) -> Error {
    let refused = || {
        if no_password {
            Error::PasswordRequired
        } else {
            Error::WrongPassword
        }
    };
    match e {
        P12Error::MacError(_) | P12Error::UnpadError | P12Error::Pkcs5Error(_) => refused(),
        P12Error::UnsupportedEncryptionScheme | P12Error::UnsupportedMacAlgorithm => {
            Error::UnsupportedEncryption("PKCS#12 algorithm not supported".into())
        }
        P12Error::InvalidParameters => Error::TooExpensive(format!(
            "encryption parameters above the limits ({} iterations, {} MiB scrypt)",
            pbe::MAX_ITERATIONS,
            pbe::MAX_SCRYPT_MEMORY >> 20
        )),
        // Without a MAC, a wrong password decrypts to garbage that fails to parse.
        _ if encryption.mac.is_none() && encryption.is_encrypted() => refused(),
        other => Error::corrupt(other),
    }
}
