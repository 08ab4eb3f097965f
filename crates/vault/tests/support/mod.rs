//! The local vault for crates/vault's tests, and certificates made through the SDK.
#![allow(dead_code)] // each test binary uses part of it

use std::time::Duration;

use azure_security_keyvault_certificates::models::{
    CertificatePolicy, CreateCertificateParameters, CurveName, IssuerParameters, KeyProperties,
    KeyType, X509CertificateProperties,
};
use futures::TryStreamExt;
use local_vault::{Config, LocalVault};
use vault::{
    CertificateSummary, CredentialKind, VaultConnection, VaultEntry, VaultId, list_certificates,
};

pub struct Local {
    pub server: LocalVault,
    dir: tempfile::TempDir,
}

impl Local {
    pub async fn start(vaults: &[&str]) -> Local {
        Self::with_deletion_delay(vaults, Duration::ZERO).await
    }

    /// Deletions and recoveries settle after `deletion_delay`, as on the real service.
    pub async fn with_deletion_delay(vaults: &[&str], deletion_delay: Duration) -> Local {
        let dir = tempfile::tempdir().unwrap();
        let server = LocalVault::start(Config {
            data_dir: dir.path().join("data"),
            vaults: vaults.iter().map(|v| v.to_string()).collect(),
            first_port: None,
            operation_delay: Duration::from_millis(20),
            deletion_delay,
            vault_settings: Default::default(),
        })
        .await
        .unwrap();
        Local { server, dir }
    }

    pub fn entry(&self, name: &str) -> VaultEntry {
        let url = self
            .server
            .vaults()
            .into_iter()
            .find(|v| v.name == name)
            .unwrap()
            .url;
        VaultEntry {
            id: VaultId(0),
            name: name.into(),
            url,
            credential: CredentialKind::LocalVault {
                data_dir: self.dir.path().join("data"),
            },
            color: None,
            local_name: Some(name.into()),
        }
    }

    pub fn connect(&self, name: &str) -> VaultConnection {
        VaultConnection::open(&self.entry(name)).unwrap()
    }
}

/// The SDK's policy for a self-signed EC P-256 certificate (a fast key) for `subject`.
pub fn self_signed_ec(subject: &str, exportable: bool) -> CertificatePolicy {
    CertificatePolicy {
        x509_certificate_properties: Some(X509CertificateProperties {
            subject: Some(subject.to_owned()),
            validity_in_months: Some(12),
            ..Default::default()
        }),
        issuer_parameters: Some(IssuerParameters {
            name: Some("Self".into()),
            ..Default::default()
        }),
        key_properties: Some(KeyProperties {
            key_type: Some(KeyType::Ec),
            curve: Some(CurveName::P256),
            exportable: Some(exportable),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Creates self-signed EC certificates (fast keys) named `{prefix}-{i:02}`.
pub async fn create(vault: &VaultConnection, prefix: &str, count: usize) {
    let creates = (0..count).map(|i| {
        let body = CreateCertificateParameters {
            certificate_policy: Some(self_signed_ec(&format!("CN={prefix}-{i}.test"), true)),
            ..Default::default()
        };
        let name = format!("{prefix}-{i:02}");
        async move {
            vault
                .certificates
                .begin_create_certificate(&name, body.try_into().unwrap(), None)
                .unwrap()
                .await
                .unwrap_or_else(|err| panic!("create {name}: {err}"));
        }
    });
    futures::future::join_all(creates).await;
}

pub async fn list_all(vault: &VaultConnection) -> Vec<CertificateSummary> {
    let pages: Vec<Vec<CertificateSummary>> = list_certificates(vault).try_collect().await.unwrap();
    pages.into_iter().flatten().collect()
}

/// A policy for a fast EC P-256 certificate for `host`, signed by `issuer`.
pub fn ec_policy(issuer: &str, host: &str) -> vault::CertificatePolicy {
    use vault::{KeyCurve, KeyType, PolicyIssuer, PolicyKey, PolicySans, PolicyX509};
    vault::CertificatePolicy {
        key_props: PolicyKey {
            key_type: Some(KeyType::Ec),
            curve: Some(KeyCurve::P256),
            exportable: Some(true),
            ..Default::default()
        },
        x509_props: PolicyX509 {
            subject: Some(format!("CN={host}")),
            sans: PolicySans {
                dns_names: vec![host.to_owned()],
                ..Default::default()
            },
            validity_months: Some(12),
            ..Default::default()
        },
        issuer: PolicyIssuer {
            name: Some(issuer.to_owned()),
            ..Default::default()
        },
        ..Default::default()
    }
}
