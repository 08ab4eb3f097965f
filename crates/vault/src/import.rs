//! Importing a planned certificate (see `inspect::import`) into a vault, and the name checks
//! that come first: a name in use gets a new version, a deleted name is recovered or purged.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use azure_core::http::{ClientMethodOptions, Context};
use azure_security_keyvault_certificates::models::{
    CertificateAttributes, CertificateClientImportCertificateOptions, CertificatePolicy,
    ImportCertificateParameters, SecretProperties,
};
use inspect::import::Payload;
use inspect::names::check_name;
use serde::{Deserialize, Serialize};

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::import_once::ImportGuard;
use crate::listing::{CertificateSummary, now};

/// What a certificate name stands for in a vault right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state")]
pub enum NameStatus {
    /// Unused: the import creates the certificate.
    Free,
    /// In use: the import adds a new version.
    Exists {
        enabled: bool,
        /// Unix seconds, of the current version.
        expires: Option<i64>,
    },
    /// Deleted but recoverable: recover or purge it before importing.
    Deleted {
        /// Unix seconds.
        deleted_on: Option<i64>,
        scheduled_purge: Option<i64>,
    },
}

/// What to do with a deleted-but-recoverable name before importing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeletedName {
    /// Bring the deleted certificate back; the import becomes its new version.
    Recover,
    /// Delete it for good (cannot be undone), then import under the free name.
    Purge,
}

/// The choices of an import besides the file.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportOptions {
    pub name: String,
    pub enabled: bool,
    pub tags: BTreeMap<String, String>,
    /// Required when the name is deleted but recoverable.
    pub deleted_name: Option<DeletedName>,
}

/// Key Vault's limits on tags.
const MAX_TAGS: usize = 15;
const MAX_TAG_NAME: usize = 512;
const MAX_TAG_VALUE: usize = 256;

/// How long a recover or purge may take to settle (Azure takes seconds to a minute).
const SETTLE_TIMEOUT: Duration = Duration::from_secs(90);
const SETTLE_POLL: Duration = Duration::from_millis(500);

impl VaultConnection {
    /// Whether `name` is free, in use or deleted (one GET, two for a free name).
    pub async fn name_status(&self, name: &str) -> Result<NameStatus, Error> {
        check_name(name).map_err(|message| Error::new(Code::InvalidInput, message))?;
        let _permit = self.permit().await;
        match self.certificates.get_certificate(name, None).await {
            Ok(response) => {
                let attributes = response
                    .into_model()
                    .map_err(|err| self.error(&err, "get"))?
                    .attributes
                    .unwrap_or_default();
                return Ok(NameStatus::Exists {
                    enabled: attributes.enabled.unwrap_or(false),
                    expires: attributes.expires.map(|t| t.unix_timestamp()),
                });
            }
            Err(err) => {
                let err = self.error(&err, "get");
                if err.code != Code::NotFound {
                    return Err(err);
                }
            }
        }
        match self.certificates.get_deleted_certificate(name, None).await {
            Ok(response) => {
                let deleted = response
                    .into_model()
                    .map_err(|err| self.error(&err, "get"))?;
                Ok(NameStatus::Deleted {
                    deleted_on: deleted.deleted_date.map(|t| t.unix_timestamp()),
                    scheduled_purge: deleted.scheduled_purge_date.map(|t| t.unix_timestamp()),
                })
            }
            Err(err) => match self.error(&err, "get") {
                // Vaults without soft delete answer 404 (or 400 on some API versions) here.
                e if matches!(e.code, Code::NotFound | Code::InvalidInput) => Ok(NameStatus::Free),
                e => Err(e),
            },
        }
    }

    /// Imports `payload` as `options.name`, recovering or purging a deleted name first when
    /// asked. Returns the new version's row.
    pub async fn import_certificate(
        &self,
        payload: &Payload,
        options: &ImportOptions,
    ) -> Result<CertificateSummary, Error> {
        let name = options.name.as_str();
        check_name(name).map_err(|message| Error::new(Code::InvalidInput, message))?;
        check_tags(&options.tags)?;
        self.after_deleted_name(name, options.deleted_name, || {
            self.send_import(payload, options)
        })
        .await
    }

    /// Recovers or purges deleted name `name` as `deleted_name` says, then sends `send`
    /// (an import or a create under that name). Just after a delete or a purge the service
    /// still says the name is being deleted (409), so `send` is retried until that settles:
    /// then it succeeds, or says the name is deleted but recoverable.
    pub async fn after_deleted_name<T, F>(
        &self,
        name: &str,
        deleted_name: Option<DeletedName>,
        send: impl Fn() -> F,
    ) -> Result<T, Error>
    where
        F: Future<Output = Result<T, Error>>,
    {
        match deleted_name {
            Some(DeletedName::Recover) => self.recover(name).await?,
            Some(DeletedName::Purge) => self.purge(name).await?,
            None => {}
        }
        let deadline = tokio::time::Instant::now() + SETTLE_TIMEOUT;
        loop {
            match send().await {
                Err(err)
                    if (err.code == Code::BeingDeleted
                        || deleted_name == Some(DeletedName::Purge)
                            && err.code == Code::Conflict)
                        && tokio::time::Instant::now() < deadline =>
                {
                    tokio::time::sleep(SETTLE_POLL).await;
                }
                result => return result,
            }
        }
    }

    async fn send_import(
        &self,
        payload: &Payload,
        options: &ImportOptions,
    ) -> Result<CertificateSummary, Error> {
        let parameters = ImportCertificateParameters {
            base64_encoded_certificate: Some(payload.value.to_string()),
            // The SDK takes plain strings; its copies of value and password are not zeroized.
            password: payload.password.as_ref().map(|p| p.as_str().to_owned()),
            certificate_policy: Some(CertificatePolicy {
                secret_properties: Some(SecretProperties {
                    content_type: Some(payload.content_type.mime().into()),
                }),
                ..Default::default()
            }),
            certificate_attributes: Some(CertificateAttributes {
                enabled: Some(options.enabled),
                ..Default::default()
            }),
            tags: (!options.tags.is_empty())
                .then(|| options.tags.clone().into_iter().collect::<HashMap<_, _>>()),
            preserve_cert_order: None,
        };
        let body = parameters
            .try_into()
            .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let response = {
            let _permit = self.permit().await;
            let guard = ImportGuard::new(
                self.current_version(&options.name).await?,
                payload.value.clone(),
                payload.password.clone(),
            );
            let sdk_options = CertificateClientImportCertificateOptions {
                method_options: ClientMethodOptions {
                    context: Context::new().with_value(guard),
                },
            };
            self.certificates
                .import_certificate(&options.name, body, Some(sdk_options))
                .await
                .and_then(|response| response.into_model())
        };
        let certificate = response.map_err(|err| self.error(&err, "import"))?;
        CertificateSummary::from_certificate(certificate, now())
            .ok_or_else(|| self.without_id(&options.name))
    }

    /// The current version of certificate `name`, none while the name is free or deleted:
    /// what a resent import compares the certificate with (see `import_once`).
    async fn current_version(&self, name: &str) -> Result<Option<String>, Error> {
        match self.certificates.get_certificate(name, None).await {
            Ok(response) => Ok(response
                .into_model()
                .map_err(|err| self.error(&err, "get"))?
                .id
                .and_then(|id| id.rsplit('/').next().map(str::to_string))),
            Err(err) => match self.error(&err, "get") {
                e if e.code == Code::NotFound => Ok(None),
                e => Err(e),
            },
        }
    }

    /// Recovers a deleted certificate and waits until it answers again.
    pub async fn recover(&self, name: &str) -> Result<(), Error> {
        {
            let _permit = self.permit().await;
            self.certificates
                .recover_deleted_certificate(name, None)
                .await
                .map_err(|err| self.error(&err, "recover"))?;
        }
        self.settle(name, "recovered", |status| {
            matches!(status, NameStatus::Exists { .. })
        })
        .await
    }

    /// Purges a deleted certificate and waits until the deleted entry is gone.
    pub async fn purge(&self, name: &str) -> Result<(), Error> {
        {
            let _permit = self.permit().await;
            self.certificates
                .purge_deleted_certificate(name, None)
                .await
                .map_err(|err| self.error(&err, "purge"))?;
        }
        self.settle(name, "purged", |status| matches!(status, NameStatus::Free))
            .await
    }

    async fn settle(
        &self,
        name: &str,
        what: &str,
        done: impl Fn(&NameStatus) -> bool,
    ) -> Result<(), Error> {
        let deadline = tokio::time::Instant::now() + SETTLE_TIMEOUT;
        while !done(&self.name_status(name).await?) {
            if tokio::time::Instant::now() >= deadline {
                return Err(Error::new(
                    Code::Service,
                    format!(
                        "{name} was {what} in {} but has not settled after {} s.",
                        self.entry.name,
                        SETTLE_TIMEOUT.as_secs()
                    ),
                )
                .with_hint("Refresh in a minute and import again."));
            }
            tokio::time::sleep(SETTLE_POLL).await;
        }
        Ok(())
    }

    fn error(&self, err: &azure_core::Error, permission: &str) -> Error {
        from_azure(err, &self.entry.name, permission)
    }
}

/// Key Vault's limits on a certificate's tags, checked before sending.
pub(crate) fn check_tags(tags: &BTreeMap<String, String>) -> Result<(), Error> {
    let invalid = |message: String| Err(Error::new(Code::InvalidInput, message));
    if tags.len() > MAX_TAGS {
        return invalid(format!(
            "A certificate takes at most {MAX_TAGS} tags; this one has {}.",
            tags.len()
        ));
    }
    for (name, value) in tags {
        if name.trim().is_empty() {
            return invalid("Tag names cannot be empty.".into());
        }
        if name.chars().count() > MAX_TAG_NAME {
            return invalid(format!("Tag names are at most {MAX_TAG_NAME} characters."));
        }
        if value.chars().count() > MAX_TAG_VALUE {
            return invalid(format!(
                "The value of tag {name} is over {MAX_TAG_VALUE} characters."
            ));
        }
    }
    Ok(())
}
