//! The data directory's two CAs (created once) and the loopback server certificate.
//!
//! The TLS CA (`ca.pem`, the file clients trust) signs only the server's own certificate and
//! is name-constrained to the loopback names; the issuing CA signs the certificates of the
//! `CertDeckLocalCA` issuer. Keeping them apart means a certificate the vault issues for any
//! name never verifies as a TLS server against `ca.pem`.

use std::fs;

use axum_server::tls_rustls::RustlsConfig;
use rcgen::{
    BasicConstraints, CertificateParams, CidrSubnet, DistinguishedName, DnType, GeneralSubtree,
    IsCa, Issuer, KeyPair, KeyUsagePurpose, NameConstraints, SanType,
};
use zeroize::Zeroizing;

use crate::clock;
use crate::error::Error;
use crate::storage::datadir::DataDir;

/// The local certificate authorities of a data directory.
pub struct LocalCa {
    tls: Authority,
    issuing: Authority,
}

/// One CA: its certificate (PEM) and key.
struct Authority {
    cert_pem: String,
    key: KeyPair,
}

const TLS_CERT: &str = "ca.pem";
const TLS_KEY: &str = "ca-key.pem";
const ISSUING_CERT: &str = "issuing-ca.pem";
const ISSUING_KEY: &str = "issuing-ca-key.pem";

/// The only names the server answers on: the TLS CA may vouch for nothing else.
const LOOPBACK_DNS: &str = "localhost";
const LOOPBACK_V4: [u8; 4] = [127, 0, 0, 1];
const LOOPBACK_V6: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

impl LocalCa {
    /// Loads the CAs of `dir`, creating them on first use (key files mode 0600). A data
    /// directory from before the split had one CA doing both jobs: it becomes the issuing CA
    /// (so issued chains and sealed backups stay valid) and a new TLS CA replaces `ca.pem`.
    pub fn load_or_create(dir: &DataDir) -> Result<LocalCa, Error> {
        adopt_single_ca(dir)?;
        let issuing = Authority::load_or_create(dir, ISSUING_KEY, ISSUING_CERT, issuing_params)?;
        let tls = Authority::load_or_create(dir, TLS_KEY, TLS_CERT, tls_params)?;
        Ok(LocalCa { tls, issuing })
    }

    /// The key sealing this data directory's backup blobs, derived from the issuing CA key
    /// (the single CA's key before the split): every vault of the server restores them, no
    /// other server can (as Azure seals a backup to its subscription and geography).
    pub fn backup_key(&self) -> Zeroizing<[u8; 32]> {
        let key = Zeroizing::new(self.issuing.key.serialize_der());
        let mut context = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
        context.update(b"certdeck local vault backup key v1");
        context.update(&key);
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(context.finish().as_ref());
        out
    }

    /// The issuing CA's certificate as DER.
    pub fn cert_der(&self) -> Result<Vec<u8>, rcgen::Error> {
        Ok(self.issuer()?.der_of_ca())
    }

    /// An rcgen issuer signing with the issuing CA key.
    pub fn issuer(&self) -> Result<CaIssuer<'_>, rcgen::Error> {
        self.issuing.issuer()
    }

    /// A rustls configuration with a fresh server certificate for `localhost` and `127.0.0.1`,
    /// signed by the TLS CA.
    pub async fn server_tls(&self) -> Result<RustlsConfig, Error> {
        let key = KeyPair::generate().map_err(Error::crypto)?;
        let mut params =
            CertificateParams::new(vec![LOOPBACK_DNS.to_string()]).map_err(Error::crypto)?;
        params
            .subject_alt_names
            .push(SanType::IpAddress(LOOPBACK_V4.into()));
        params.distinguished_name = DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CommonName, "CertDeck local vault");
        params.is_ca = IsCa::ExplicitNoCa;
        let now = clock::real_now();
        params.not_before = clock::to_offset(now - 3600);
        params.not_after = clock::to_offset(now + 397 * 86400);
        let issuer = self.tls.issuer().map_err(Error::crypto)?;
        let cert = params
            .signed_by(&key, &issuer.issuer)
            .map_err(Error::crypto)?;
        let chain = format!("{}{}", cert.pem(), self.tls.cert_pem);
        RustlsConfig::from_pem(chain.into_bytes(), key.serialize_pem().into_bytes())
            .await
            .map_err(|e| Error::Tls(e.to_string()))
    }
}

impl Authority {
    /// Loads the CA in `key_file`/`cert_file`, creating either when absent. The key comes
    /// first: a crash between the two files leaves a key without a certificate, from which
    /// the certificate is simply made again.
    fn load_or_create(
        dir: &DataDir,
        key_file: &str,
        cert_file: &str,
        params: fn() -> CertificateParams,
    ) -> Result<Authority, Error> {
        let key_pem = dir.read_or_create(key_file, 0o600, || {
            let key = KeyPair::generate().map_err(Error::crypto)?;
            Ok(Zeroizing::new(key.serialize_pem().into_bytes()))
        })?;
        let corrupt = || Error::Corrupt(key_file.into());
        let key_pem = std::str::from_utf8(&key_pem).map_err(|_| corrupt())?;
        let key = KeyPair::from_pem(key_pem).map_err(|_| corrupt())?;
        let cert_pem = dir.read_or_create(cert_file, 0o644, || {
            let cert = params().self_signed(&key).map_err(Error::crypto)?;
            Ok(Zeroizing::new(cert.pem().into_bytes()))
        })?;
        let cert_pem =
            String::from_utf8(cert_pem.to_vec()).map_err(|_| Error::Corrupt(cert_file.into()))?;
        Ok(Authority { cert_pem, key })
    }

    fn issuer(&self) -> Result<CaIssuer<'_>, rcgen::Error> {
        Ok(CaIssuer {
            issuer: Issuer::from_ca_cert_pem(&self.cert_pem, &self.key)?,
            pem: &self.cert_pem,
        })
    }
}

/// Moves a pre-split single CA (`ca.pem` without name constraints) to the issuing CA's files.
/// Each step is a rename, and the check holds until the last one, so a crash midway resumes.
fn adopt_single_ca(dir: &DataDir) -> Result<(), Error> {
    let old_key = dir.path(TLS_KEY);
    if dir.path(ISSUING_KEY).exists() || !old_key.exists() {
        return Ok(());
    }
    let old_cert = dir.path(TLS_CERT);
    match fs::read(&old_cert) {
        Ok(pem) if name_constrained(&pem) => return Ok(()),
        Ok(_) => {
            fs::rename(&old_cert, dir.path(ISSUING_CERT)).map_err(|e| Error::io(&old_cert, e))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&old_cert, e)),
    }
    fs::rename(&old_key, dir.path(ISSUING_KEY)).map_err(|e| Error::io(&old_key, e))
}

/// Whether a PEM certificate carries name constraints (the TLS CA's mark).
fn name_constrained(pem: &[u8]) -> bool {
    x509_parser::pem::parse_x509_pem(pem)
        .ok()
        .and_then(|(_, pem)| {
            pem.parse_x509()
                .ok()
                .map(|cert| matches!(cert.name_constraints(), Ok(Some(_))))
        })
        .unwrap_or(false)
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

fn ca_params(common_name: &str, basic: BasicConstraints) -> CertificateParams {
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "CertDeck");
    params.is_ca = IsCa::Ca(basic);
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

/// The issuing CA: a policy may still ask it for a sub-CA explicitly.
fn issuing_params() -> CertificateParams {
    ca_params("CertDeck Local Vault CA", BasicConstraints::Unconstrained)
}

/// The TLS CA: no sub-CAs (path length 0) and only the loopback names.
fn tls_params() -> CertificateParams {
    let mut params = ca_params(
        "CertDeck Local Vault TLS CA",
        BasicConstraints::Constrained(0),
    );
    params.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![
            GeneralSubtree::DnsName(LOOPBACK_DNS.into()),
            GeneralSubtree::IpAddress(CidrSubnet::from_v4_prefix(LOOPBACK_V4, 32)),
            GeneralSubtree::IpAddress(CidrSubnet::from_v6_prefix(LOOPBACK_V6, 128)),
        ],
        excluded_subtrees: Vec::new(),
    });
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_ca_data_dir_keeps_its_ca_for_issuing_and_gets_a_constrained_tls_ca() {
        let root = tempfile::tempdir().unwrap();
        let dir = DataDir::open(root.path()).unwrap();
        // The pre-split layout: one unconstrained CA in ca.pem / ca-key.pem.
        let old = Authority::load_or_create(&dir, TLS_KEY, TLS_CERT, issuing_params).unwrap();
        assert!(!name_constrained(old.cert_pem.as_bytes()));

        let ca = LocalCa::load_or_create(&dir).unwrap();
        assert_eq!(ca.issuing.cert_pem, old.cert_pem);
        assert_eq!(ca.issuing.key.serialize_der(), old.key.serialize_der());
        assert_ne!(ca.tls.key.serialize_der(), old.key.serialize_der());
        let tls_pem = fs::read(dir.path(TLS_CERT)).unwrap();
        assert!(name_constrained(&tls_pem));

        // A restart changes nothing.
        let again = LocalCa::load_or_create(&dir).unwrap();
        assert_eq!(again.tls.cert_pem, ca.tls.cert_pem);
        assert_eq!(*again.backup_key(), *ca.backup_key());
    }
}
