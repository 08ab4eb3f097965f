//! Backing a certificate up into Key Vault's opaque blob, and restoring one into a vault.
//!
//! The blob holds every version with its private key, encrypted by the service to the source
//! vault's subscription and geography: only a vault of the same subscription and geography can
//! restore it, and it cannot be read on the client (not even the certificate's name).

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::listing::{CertificateSummary, now};
use azure_security_keyvault_certificates::models::RestoreCertificateParameters;

/// The backup blob of certificate `name` (all its versions), as the service returns it: the
/// bytes a `.kvbackup` file holds. It carries the private keys: zeroize it after use.
pub async fn backup_certificate(conn: &VaultConnection, name: &str) -> Result<Vec<u8>, Error> {
    inspect::names::check_name(name).map_err(|message| Error::new(Code::InvalidInput, message))?;
    let response = {
        let _permit = conn.permit().await;
        conn.certificates
            .backup_certificate(name, None)
            .await
            .and_then(|response| response.into_model())
    };
    let blob = response
        .map_err(|err| from_azure(&err, &conn.entry.name, "backup"))?
        .value
        .filter(|blob| !blob.is_empty());
    blob.ok_or_else(|| {
        Error::new(
            Code::Service,
            format!("{} sent an empty backup of {name}.", conn.entry.name),
        )
    })
}

/// Restores `backup` (a `.kvbackup` file's bytes) into `conn`'s vault and returns the
/// restored certificate's row. A name already in use, and a blob the vault may not restore
/// (another subscription or geography, or damaged), get their own codes and hints.
pub async fn restore_certificate(
    conn: &VaultConnection,
    backup: &[u8],
) -> Result<CertificateSummary, Error> {
    if backup.is_empty() {
        return Err(Error::new(Code::InvalidInput, "The backup file is empty.")
            .with_hint("Choose a .kvbackup file saved by CertDeck, the Azure portal or `az keyvault certificate backup`."));
    }
    // The SDK takes an owned buffer and serialises it; its copies are not zeroized (the
    // blob is encrypted by the service; the local vault's blob is not, see its backup.rs).
    let parameters = RestoreCertificateParameters {
        certificate_backup: Some(backup.to_vec()),
    };
    let body = parameters
        .try_into()
        .map_err(|err: azure_core::Error| Error::internal(err))?;
    let response = {
        let _permit = conn.permit().await;
        conn.certificates
            .restore_certificate(body, None)
            .await
            .and_then(|response| response.into_model())
    };
    let certificate = response.map_err(|err| {
        restore_error(
            from_azure(&err, &conn.entry.name, "restore"),
            &conn.entry.name,
        )
    })?;
    CertificateSummary::from_certificate(certificate, now()).ok_or_else(|| {
        Error::new(
            Code::Service,
            format!("{} restored a certificate without an id.", conn.entry.name),
        )
    })
}

/// Names the two refusals a restore meets, from the service's generic mapping.
pub(crate) fn restore_error(err: Error, vault: &str) -> Error {
    match err.code {
        Code::Conflict => {
            let name = conflicting_name(&err.message);
            let what = name.map_or_else(
                || "A certificate of the same name".to_owned(),
                |name| format!("A certificate named {name}"),
            );
            Error::new(
                Code::AlreadyExists,
                format!("{what} exists in {vault}, so the backup cannot be restored there."),
            )
            .with_hint(
                "Delete it and purge it first, or restore the backup into another vault.",
            )
        }
        Code::InvalidInput => Error::new(
            Code::BackupNotRestorable,
            format!("{vault} refused the backup: {}", err.message),
        )
        .with_hint(
            "Key Vault restores a backup only into a vault of the same Azure subscription and geography as the vault it came from (and the file must be unaltered). To move a certificate elsewhere, copy it by export and import instead (exportable keys only).",
        ),
        _ => err,
    }
}

/// The certificate name in the service's conflict message ("Conflict while restoring
/// certificate https://v/certificates/NAME/VERSION - certificate already exists ...").
fn conflicting_name(message: &str) -> Option<&str> {
    let after = message.split_once("/certificates/")?.1;
    let name = after.split(['/', ' ', '\'', '"']).next()?;
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_restore_conflict_names_the_certificate_and_the_way_out() {
        let service = Error::new(
            Code::Conflict,
            "Conflict while restoring certificate https://v.vault.azure.net/certificates/web/0123 - certificate already exists or concurrent access",
        );
        let err = restore_error(service, "contoso");
        assert_eq!(err.code, Code::AlreadyExists);
        assert_eq!(
            err.message,
            "A certificate named web exists in contoso, so the backup cannot be restored there."
        );
        assert!(err.hint.unwrap().contains("purge it first"));

        let unnamed = restore_error(Error::new(Code::Conflict, "Conflict."), "contoso");
        assert!(
            unnamed
                .message
                .starts_with("A certificate of the same name")
        );
    }

    #[test]
    fn a_refused_blob_explains_the_subscription_and_geography_rule() {
        let err = restore_error(
            Error::new(Code::InvalidInput, "Cannot decrypt backup blob"),
            "contoso",
        );
        assert_eq!(err.code, Code::BackupNotRestorable);
        assert!(err.message.contains("Cannot decrypt backup blob"));
        assert!(
            err.hint
                .unwrap()
                .contains("same Azure subscription and geography")
        );

        let other = restore_error(Error::new(Code::Forbidden, "no"), "contoso");
        assert_eq!(other.code, Code::Forbidden);
    }
}
