//! Re-keys the PKCS#12-PBE parts of a PFX between the two "no password" encodings: the NULL
//! password Key Vault uses and the BMP empty string p12-keystore reads and writes. Bag contents,
//! salts, iterations and attributes stay as they are; PBES2 parts need nothing (PBKDF2 sees the
//! same empty byte string for both). The caller owns the MAC.

use der::asn1::{Any, ContextSpecific, OctetString};
use der::{Decode, Encode};
use pkcs12::AuthenticatedSafe;
use pkcs12::cms::encrypted_data::EncryptedData;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeContents;

use crate::Error;
use crate::pkcs12_pbe::{self, PbePassword};

const DATA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");

/// Re-encrypts every PKCS#12-PBE safe and shrouded key bag of `pfx` from `from` to `to`.
pub(crate) fn rekey(pfx: &mut Pfx, from: PbePassword, to: PbePassword) -> Result<(), Error> {
    let outer = OctetString::from_der(&pfx.auth_safe.content.to_der().map_err(Error::corrupt)?)
        .map_err(Error::corrupt)?;
    let mut safes = AuthenticatedSafe::from_der(outer.as_bytes()).map_err(Error::corrupt)?;
    for safe in &mut safes {
        let content = safe.content.to_der().map_err(Error::corrupt)?;
        safe.content = match safe.content_type {
            DATA => {
                let bags = OctetString::from_der(&content).map_err(Error::corrupt)?;
                match rekey_bags(bags.as_bytes(), from, to)? {
                    Some(rekeyed) => any(&octets(rekeyed)?)?,
                    None => continue,
                }
            }
            ENCRYPTED_DATA => {
                let mut data = EncryptedData::from_der(&content).map_err(Error::corrupt)?;
                let info = &mut data.enc_content_info;
                if pkcs12_pbe::supports(info.content_enc_alg.oid) {
                    let sealed = info
                        .encrypted_content
                        .as_ref()
                        .ok_or_else(|| Error::corrupt("encrypted safe without content"))?;
                    let plain =
                        pkcs12_pbe::decrypt(&info.content_enc_alg, from, sealed.as_bytes())?;
                    let bags = rekey_bags(&plain, from, to)?;
                    let bags = bags.as_deref().unwrap_or(&plain);
                    let resealed = pkcs12_pbe::encrypt(&info.content_enc_alg, to, bags)?;
                    info.encrypted_content =
                        Some(OctetString::new(resealed).map_err(Error::corrupt)?);
                }
                any(&data.to_der().map_err(Error::corrupt)?)?
            }
            _ => continue,
        };
    }
    pfx.auth_safe.content = any(&octets(safes.to_der().map_err(Error::corrupt)?)?)?;
    Ok(())
}

/// Re-encrypts the shrouded key bags of a `SafeContents`; `None` when none needed it.
fn rekey_bags(der: &[u8], from: PbePassword, to: PbePassword) -> Result<Option<Vec<u8>>, Error> {
    let mut bags = SafeContents::from_der(der).map_err(Error::corrupt)?;
    let mut changed = false;
    for bag in &mut bags {
        // Decoding keeps the `[0]` wrapper in `bag_value`; encoding adds it: unwrap every bag.
        let inner = ContextSpecific::<Any>::from_der(&bag.bag_value)
            .map_err(Error::corrupt)?
            .value;
        bag.bag_value = inner.to_der().map_err(Error::corrupt)?;
        if bag.bag_id != pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
            continue;
        }
        let mut info = EncryptedPrivateKeyInfo::from_der(&bag.bag_value).map_err(Error::corrupt)?;
        if !pkcs12_pbe::supports(info.encryption_algorithm.oid) {
            continue;
        }
        let plain = pkcs12_pbe::decrypt(
            &info.encryption_algorithm,
            from,
            info.encrypted_data.as_bytes(),
        )?;
        let sealed = pkcs12_pbe::encrypt(&info.encryption_algorithm, to, &plain)?;
        info.encrypted_data = OctetString::new(sealed).map_err(Error::corrupt)?;
        bag.bag_value = info.to_der().map_err(Error::corrupt)?;
        changed = true;
    }
    if !changed {
        return Ok(None);
    }
    bags.to_der().map(Some).map_err(Error::corrupt)
}

fn octets(bytes: Vec<u8>) -> Result<Vec<u8>, Error> {
    OctetString::new(bytes)
        .and_then(|o| o.to_der())
        .map_err(Error::corrupt)
}

fn any(der: &[u8]) -> Result<Any, Error> {
    Any::from_der(der).map_err(Error::corrupt)
}

#[cfg(test)]
mod tests {
    use base64::Engine;
    use p12_keystore::{Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm};

    use super::*;

    /// A self-signed P-256 certificate (public material only).
    const CERT: &str = "MIIBgjCCASegAwIBAgIUYcA2zXY9AfabI5VzJt2GDC3QMoYwCgYIKoZIzj0EAwIwFTETMBEGA1UEAwwKcmVrZXkudGVzdDAgFw0yNjEyMDUxNDMzNDlaGA8yMTI2MTExMTE0MzM0OVowFTETMBEGA1UEAwwKcmVrZXkudGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABIVZINfnT6uEHqOuwkDLPQ1gDrlIxqQZKDtv3y9Eum639sLglYXYoqs5M0I5wvqlhp0ur4lOTMM4iyA4JiImZe2jUzBRMB0GA1UdDgQWBBQgzyLSeqwvflXs0hl0l7Chh+uVDjAfBgNVHSMEGDAWgBQgzyLSeqwvflXs0hl0l7Chh+uVDjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQC91OA2z0kfMZxuDhNJmNAKbzwv40LMET6Obm1j0hRHAQIhAKRpSSXVPZk9aVj9+M1wG5sYv/OTzma52nAMElC1IbCj";

    /// A certificate-only PFX with RC2-40 bags, as p12-keystore writes it for the BMP empty
    /// password, and its certificate.
    fn rc2_pfx() -> (Vec<u8>, Vec<u8>) {
        let der = base64::engine::general_purpose::STANDARD
            .decode(CERT)
            .unwrap();
        let mut store = KeyStore::new();
        let cert = Certificate::from_der(&der).unwrap();
        store.add_entry("1", KeyStoreEntry::Certificate(cert));
        let pfx = store
            .writer("")
            .encryption_algorithm(EncryptionAlgorithm::PbeWithShaAnd40BitRc4Cbc)
            .encryption_iterations(2000)
            .mac_algorithm(MacAlgorithm::HmacSha1)
            .mac_iterations(2000)
            .write()
            .unwrap();
        (pfx, der)
    }

    /// RC2 bags under the NULL password (as some tools write "no password") read back, and
    /// re-keying there and back is lossless.
    #[test]
    fn rc2_bags_move_to_the_null_password_and_back() {
        let (original, cert) = rc2_pfx();
        let mut pfx = Pfx::from_der(&original).unwrap();
        rekey(&mut pfx, PbePassword::Text(""), PbePassword::Null).unwrap();
        let mac = pfx.mac_data.as_mut().unwrap();
        let digest = crate::pkcs12::null_password_mac(mac, pfx.auth_safe.content.value()).unwrap();
        mac.mac.digest = OctetString::new(digest).unwrap();
        let null_der = pfx.to_der().unwrap();
        assert_ne!(null_der, original, "the bags are keyed differently");

        let (material, encryption) = crate::pkcs12::read(&null_der, None).unwrap();
        assert_eq!(material.certificates, [cert]);
        assert_eq!(
            encryption.certificates.as_deref(),
            Some("pbeWithSHA1And40BitRC2-CBC (2000 iterations)")
        );

        let mut back = Pfx::from_der(&null_der).unwrap();
        rekey(&mut back, PbePassword::Null, PbePassword::Text("")).unwrap();
        back.mac_data = Pfx::from_der(&original).unwrap().mac_data;
        assert_eq!(back.to_der().unwrap(), original);
    }
}
