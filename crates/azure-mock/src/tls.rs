//! A throwaway CA and its server certificate for the loopback names; the CA's PEM goes to a
//! file the client trusts through `CERTDECK_EXTRA_CA_FILE`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use axum_server::tls_rustls::RustlsConfig;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};

/// The server's TLS configuration and where the CA's PEM was written.
pub struct Tls {
    pub config: RustlsConfig,
    pub ca_file: PathBuf,
}

/// Makes a CA and a server certificate for `localhost`, `127.0.0.1` and `::1`, writing the CA
/// to `dir/azure-mock-ca.pem`.
pub async fn make(dir: &Path) -> anyhow::Result<Tls> {
    let ca_key = KeyPair::generate()?;
    let mut ca = CertificateParams::default();
    ca.distinguished_name
        .push(DnType::CommonName, "CertDeck Azure mock CA");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key)?;
    let issuer = Issuer::from_params(&ca, &ca_key);

    let key = KeyPair::generate()?;
    let mut server = CertificateParams::new(vec!["localhost".to_string()])?;
    server
        .subject_alt_names
        .push(SanType::IpAddress([127, 0, 0, 1].into()));
    server
        .subject_alt_names
        .push(SanType::IpAddress(std::net::Ipv6Addr::LOCALHOST.into()));
    server
        .distinguished_name
        .push(DnType::CommonName, "CertDeck Azure mock");
    server.is_ca = IsCa::ExplicitNoCa;
    let cert = server.signed_by(&key, &issuer)?;

    let ca_file = dir.join("azure-mock-ca.pem");
    std::fs::write(&ca_file, ca_cert.pem())
        .with_context(|| format!("writing {}", ca_file.display()))?;
    let chain = format!("{}{}", cert.pem(), ca_cert.pem());
    let config = RustlsConfig::from_pem(chain.into_bytes(), key.serialize_pem().into_bytes())
        .await
        .context("TLS configuration")?;
    Ok(Tls { config, ca_file })
}
