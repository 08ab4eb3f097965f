//! PKCS#7 / CMS SignedData certificate bundles (`.p7b`), DER or inside PEM `PKCS7` blocks.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use pkcs12::cms::cert::CertificateChoices;
use pkcs12::cms::content_info::ContentInfo;
use pkcs12::cms::signed_data::SignedData;

use crate::Error;

const SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");

/// Whether `der` is a CMS ContentInfo holding SignedData.
pub(crate) fn is_pkcs7(der: &[u8]) -> bool {
    ContentInfo::from_der(der).is_ok_and(|ci| ci.content_type == SIGNED_DATA)
}

/// The DER certificates of a SignedData bundle, in stored order.
pub(crate) fn certificates(der: &[u8]) -> Result<Vec<Vec<u8>>, Error> {
    let info = ContentInfo::from_der(der).map_err(|e| Error::corrupt(format!("PKCS#7: {e}")))?;
    if info.content_type != SIGNED_DATA {
        return Err(Error::NotACertificate);
    }
    let signed = info
        .content
        .decode_as::<SignedData>()
        .map_err(|e| Error::corrupt(format!("PKCS#7 SignedData: {e}")))?;
    let Some(set) = signed.certificates else {
        return Ok(Vec::new());
    };
    set.0
        .iter()
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(cert) => Some(cert.to_der().map_err(Error::corrupt)),
            CertificateChoices::Other(_) => None,
        })
        .collect()
}
