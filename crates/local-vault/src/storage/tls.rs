//! The data directory's CA (created once) and the loopback server certificate it signs.

use axum_server::tls_rustls::RustlsConfig;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use zeroize::Zeroizing;

use crate::clock;
use crate::error::Error;
use crate::storage::datadir::DataDir;

/// The local certificate authority: trusted by clients through `DATA/ca.pem`, it signs the
/// server certificate and the certificates of the `CertDeckLocalCA` issuer.
pub struct LocalCa {
    cert_pem: String,
    key: KeyPair,
}

const CA_CERT: &str = "ca.pem";
const CA_KEY: &str = "ca-key.pem";

impl LocalCa {
    /// Loads the CA of `dir`, creating it on first use (key file mode 0600).
    pub fn load_or_create(dir: &DataDir) -> Result<LocalCa, Error> {
        // Create the key first: a crash between the two files leaves a key without a
        // certificate, from which the certificate is simply made again.
        let key_pem = dir.read_or_create(CA_KEY, 0o600, || {
            let key = KeyPair::generate().map_err(Error::crypto)?;
            Ok(Zeroizing::new(key.serialize_pem().into_bytes()))
        })?;
        let key_pem = std::str::from_utf8(&key_pem).map_err(|_| Error::Corrupt(CA_KEY.into()))?;
        let key = KeyPair::from_pem(key_pem).map_err(|_| Error::Corrupt(CA_KEY.into()))?;
        let cert_pem = dir.read_or_create(CA_CERT, 0o644, || {
            let cert = ca_params().self_signed(&key).map_err(Error::crypto)?;
            Ok(Zeroizing::new(cert.pem().into_bytes()))
        })?;
        let cert_pem =
            String::from_utf8(cert_pem.to_vec()).map_err(|_| Error::Corrupt(CA_CERT.into()))?;
        Ok(LocalCa { cert_pem, key })
    }

    /// The key sealing this data directory's backup blobs, derived from the CA key: every
    /// vault of the server restores them, no other server can (as Azure seals a backup to
    /// its subscription and geography).
    pub fn backup_key(&self) -> Zeroizing<[u8; 32]> {
        let key = Zeroizing::new(self.key.serialize_der());
        let mut context = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
        context.update(b"certdeck local vault backup key v1");
        context.update(&key);
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(context.finish().as_ref());
        out
    }

    /// The CA certificate as DER.
    pub fn cert_der(&self) -> Result<Vec<u8>, rcgen::Error> {
        Ok(self.issuer()?.der_of_ca())
    }

    /// An rcgen issuer signing with the CA key.
    pub fn issuer(&self) -> Result<CaIssuer<'_>, rcgen::Error> {
        Ok(CaIssuer {
            issuer: Issuer::from_ca_cert_pem(&self.cert_pem, &self.key)?,
            pem: &self.cert_pem,
        })
    }

    /// A rustls configuration with a fresh server certificate for `localhost` and `127.0.0.1`.
    pub async fn server_tls(&self) -> Result<RustlsConfig, Error> {
        let key = KeyPair::generate().map_err(Error::crypto)?;
        let mut params =
            CertificateParams::new(vec!["localhost".to_string()]).map_err(Error::crypto)?;
        params
            .subject_alt_names
            .push(SanType::IpAddress([127, 0, 0, 1].into()));
        params.distinguished_name = DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, "CertDeck local vault");
        let now = clock::real_now();
        params.not_before = clock::to_offset(now - 3600);
        params.not_after = clock::to_offset(now + 397 * 86400);
        let issuer = self.issuer().map_err(Error::crypto)?;
        let cert = params
            .signed_by(&key, &issuer.issuer)
            .map_err(Error::crypto)?;
        let chain = format!("{}{}", cert.pem(), self.cert_pem);
        RustlsConfig::from_pem(chain.into_bytes(), key.serialize_pem().into_bytes())
            .await
            .map_err(|e| Error::Tls(e.to_string()))
    }
}

/// The CA as an rcgen issuer, with its PEM for building chains.
pub struct CaIssuer<'a> {
    /// Signs certificates.
    pub issuer: Issuer<'a, &'a KeyPair>,
    pem: &'a str,
}

impl CaIssuer<'_> {
    fn der_of_ca(&self) -> Vec<u8> {
        x509_parser::pem::parse_x509_pem(self.pem.as_bytes())
            .map(|(_, pem)| pem.contents)
            .unwrap_or_default()
    }
}

fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, "CertDeck Local Vault CA");
    params
        .distinguished_name
        .push(DnType::OrganizationName, "CertDeck");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let now = clock::real_now();
    params.not_before = clock::to_offset(now - 86400);
    params.not_after = clock::to_offset(now + 10 * 365 * 86400);
    params
}
