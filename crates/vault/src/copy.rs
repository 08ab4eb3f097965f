//! Copying a certificate to another vault: by backup and restore where the service allows it,
//! else by export with the private key and import, with the policy carried over. The plan is
//! shown before anything is sent.

use std::collections::HashMap;

use azure_security_keyvault_certificates::models::{
    Certificate, CertificateAttributes, ImportCertificateParameters,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::backup::{backup_certificate, restore_certificate};
use crate::connection::VaultConnection;
use crate::credential::CredentialKind;
use crate::download::read_certificate_secret;
use crate::error::{Code, Error, from_azure};
use crate::import::NameStatus;
use crate::listing::{CertificateSummary, now};

/// How a certificate travels to another vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CopyMethod {
    /// Backup then restore: every version, the key never leaves the service in clear.
    BackupRestore,
    /// Backup and restore first; if the target refuses the backup (another subscription or
    /// geography), export with the key and import.
    BackupRestoreOrExport,
    /// Export the current version with its key (the certificate's secret), import it with
    /// the source's policy, enabled state and tags.
    ExportImport,
}

/// What a copy will do, said before it runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CopyPlan {
    pub name: String,
    pub method: CopyMethod,
    /// Why this method, in words.
    pub explanation: String,
    /// Why the copy cannot run, when it cannot; nothing is sent then.
    pub refused: Option<Error>,
}

/// Plans copying certificate `name` from `source` to `target` (reads only).
pub async fn plan_copy(
    source: &VaultConnection,
    target: &VaultConnection,
    name: &str,
) -> Result<CopyPlan, Error> {
    let exportable = source.policy(name).await?.key_props.exportable == Some(true);
    let (method, explanation) = method_between(source, target);
    let refused = match target.name_status(name).await? {
        NameStatus::Exists { .. } => Some(
            Error::new(
                Code::AlreadyExists,
                format!(
                    "A certificate named {name} exists in {}.",
                    target.entry.name
                ),
            )
            .with_hint("Delete and purge it there first, or copy into another vault."),
        ),
        NameStatus::Deleted { .. } => Some(
            Error::new(
                Code::DeletedButRecoverable,
                format!(
                    "A deleted certificate holds the name {name} in {}.",
                    target.entry.name
                ),
            )
            .with_hint("Purge it there (or recover it) first, then copy again."),
        ),
        NameStatus::Free if method == CopyMethod::ExportImport && !exportable => {
            Some(not_exportable(name))
        }
        NameStatus::Free => None,
    };
    Ok(CopyPlan {
        name: name.to_owned(),
        method,
        explanation: explanation.to_owned(),
        refused,
    })
}

/// Copies certificate `name` from `source` to `target` as [`plan_copy`] says; returns the
/// copy's row in the target. The key is held only in zeroizing memory, never on disk.
pub async fn copy_certificate(
    source: &VaultConnection,
    target: &VaultConnection,
    name: &str,
) -> Result<CertificateSummary, Error> {
    let plan = plan_copy(source, target, name).await?;
    if let Some(refused) = plan.refused {
        return Err(refused);
    }
    if plan.method == CopyMethod::ExportImport {
        return export_import(source, target, name).await;
    }
    let mut blob = backup_certificate(source, name).await?;
    let restored = restore_certificate(target, &blob).await;
    blob.zeroize();
    match restored {
        Err(err)
            if err.code == Code::BackupNotRestorable
                && plan.method == CopyMethod::BackupRestoreOrExport =>
        {
            if source.policy(name).await?.key_props.exportable != Some(true) {
                return Err(not_exportable(name));
            }
            export_import(source, target, name).await
        }
        result => result,
    }
}

/// The method two vaults allow, and why.
fn method_between(
    source: &VaultConnection,
    target: &VaultConnection,
) -> (CopyMethod, &'static str) {
    use CredentialKind::LocalVault;
    match (&source.entry.credential, &target.entry.credential) {
        (LocalVault { data_dir: a }, LocalVault { data_dir: b }) if a == b => (
            CopyMethod::BackupRestore,
            "Both vaults belong to the same local vault server, which restores each other's backups: every version is copied by backup and restore.",
        ),
        (LocalVault { .. }, _) | (_, LocalVault { .. }) => (
            CopyMethod::ExportImport,
            "A backup restores only where it was made (on Azure: the same subscription and geography), so the current version is exported with its private key and imported, with its policy, enabled state and tags.",
        ),
        _ => (
            CopyMethod::BackupRestoreOrExport,
            "Key Vault restores a backup only into a vault of the same subscription and geography, which the vault addresses do not tell: CertDeck tries backup and restore (every version) and, if the target refuses, exports the current version with its private key and imports it with its policy.",
        ),
    }
}

fn not_exportable(name: &str) -> Error {
    Error::new(
        Code::InvalidInput,
        format!("The private key of {name} is not exportable, so it cannot be copied by export and import."),
    )
    .with_hint("Key Vault never hands out a non-exportable (or HSM) key: such a certificate can only move by backup and restore between vaults of the same subscription and geography.")
}

/// Exports the current version (certificate, chain and key, as its secret holds them) and
/// imports it into `target` with the source's policy, enabled state and tags.
async fn export_import(
    source: &VaultConnection,
    target: &VaultConnection,
    name: &str,
) -> Result<CertificateSummary, Error> {
    let certificate = {
        let _permit = source.permit().await;
        source
            .certificates
            .get_certificate(name, None)
            .await
            .and_then(|response| response.into_model())
            .map_err(|err| from_azure(&err, &source.entry.name, "get"))?
    };
    // The version just read: its secret has the same version.
    let version = certificate.id.as_deref().and_then(|id| id.rsplit_once('/'));
    let secret = read_certificate_secret(source, name, version.map(|(_, v)| v)).await?;
    secret.key()?;
    // Import takes base64 of a PFX, or PEM text.
    let value = Zeroizing::new(if secret.pkcs12 {
        STANDARD.encode(&*secret.stored)
    } else {
        String::from_utf8_lossy(&secret.stored).into_owned()
    });
    drop(secret);
    let Certificate {
        attributes,
        policy,
        tags,
        ..
    } = certificate;
    let parameters = ImportCertificateParameters {
        // The SDK takes a plain String and serialises it; that copy is not zeroized.
        base64_encoded_certificate: Some(value.to_string()),
        password: None,
        certificate_policy: policy,
        certificate_attributes: Some(CertificateAttributes {
            enabled: attributes.and_then(|a| a.enabled),
            ..Default::default()
        }),
        tags: tags.filter(|tags| !tags.is_empty()).map(HashMap::from_iter),
        preserve_cert_order: None,
    };
    drop(value);
    let body = parameters
        .try_into()
        .map_err(|err: azure_core::Error| Error::internal(err))?;
    let imported = {
        let _permit = target.permit().await;
        target
            .certificates
            .import_certificate(name, body, None)
            .await
            .and_then(|response| response.into_model())
            .map_err(|err| from_azure(&err, &target.entry.name, "import"))?
    };
    CertificateSummary::from_certificate(imported, now()).ok_or_else(|| {
        Error::new(
            Code::Service,
            format!("{} imported {name} without an id.", target.entry.name),
        )
    })
}
