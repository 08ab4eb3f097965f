//! A certificate's pending operation (create, renew): reading, cancelling and deleting it, and
//! waiting for it with progress reports.

use std::time::Duration;

use azure_core::http::headers::{Headers, RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS};
use azure_core::http::policies::get_retry_after;
use azure_core::time::OffsetDateTime;
use azure_security_keyvault_certificates::models::{
    CertificateOperation, UpdateCertificateOperationParameter,
};
use serde::Serialize;

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::listing::{CertificateSummary, now};
use crate::policy::UNKNOWN_ISSUER;

/// The operation that issues a certificate's next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PendingOperation {
    /// The certificate's name.
    pub name: String,
    pub status: OperationStatus,
    /// The service's words, e.g. "Pending certificate created. …".
    pub status_details: Option<String>,
    pub cancellation_requested: bool,
    /// The certificate signing request, PEM (`CERTIFICATE REQUEST`).
    pub csr: Option<String>,
    /// The policy's issuer: `Self`, `Unknown` or a configured issuer's name.
    pub issuer: Option<String>,
    pub error: Option<OperationError>,
    /// The certificate's URL once completed.
    pub target: Option<String>,
    pub request_id: Option<String>,
}

service_strings!(
    /// Where the operation stands.
    OperationStatus {
        InProgress = "inProgress",
        Completed = "completed",
        Cancelled = "cancelled",
        Failed = "failed",
    }
);

/// Why an operation failed, as the service (or the issuer's provider) put it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OperationError {
    pub code: Option<String>,
    pub message: Option<String>,
}

/// How waiting for an operation ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "outcome")]
pub enum OperationOutcome {
    /// The new version is issued: its row, and the operation unless it was already gone.
    Issued {
        certificate: CertificateSummary,
        operation: Option<PendingOperation>,
    },
    /// Issuer `Unknown`: nothing happens until the user merges a certificate signed for the CSR.
    AwaitingMerge {
        operation: PendingOperation,
    },
    Failed {
        operation: PendingOperation,
    },
    /// Cancelled, or cancellation requested: Key Vault keeps such an operation `inProgress`
    /// and never issues it; deleting the operation clears it.
    Cancelled {
        operation: PendingOperation,
    },
    /// The operation was deleted before it issued anything; the certificate, if it is still
    /// there, has no issued version from it.
    OperationDeleted {
        certificate: Option<CertificateSummary>,
    },
}

impl PendingOperation {
    pub(crate) fn new(name: &str, operation: CertificateOperation) -> Self {
        Self {
            name: name.to_owned(),
            status: operation.status.as_deref().map_or_else(
                || OperationStatus::Other(String::new()),
                OperationStatus::from,
            ),
            status_details: operation.status_details,
            cancellation_requested: operation.cancellation_requested.unwrap_or(false),
            csr: operation
                .csr
                .filter(|der| !der.is_empty())
                .map(|der| csr_pem(&der)),
            issuer: operation.issuer_parameters.and_then(|issuer| issuer.name),
            error: operation.error.map(|error| OperationError {
                code: error.code,
                message: error.message,
            }),
            target: operation.target,
            request_id: operation.request_id,
        }
    }

    /// Issuer `Unknown`, in progress and not cancelled: waiting for a merge, not for the
    /// service.
    pub fn awaits_merge(&self) -> bool {
        self.status == OperationStatus::InProgress
            && !self.cancellation_requested
            && self
                .issuer
                .as_deref()
                .is_some_and(|issuer| issuer.eq_ignore_ascii_case(UNKNOWN_ISSUER))
    }
}

fn csr_pem(der: &[u8]) -> String {
    let base64 = azure_core::base64::encode(der);
    let mut pem = String::from("-----BEGIN CERTIFICATE REQUEST-----\n");
    for line in base64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE REQUEST-----\n");
    pem
}

/// Polling starts fast (a self-signed certificate takes a second or two) and backs off.
const FIRST_POLL: Duration = Duration::from_millis(250);
const MAX_POLL: Duration = Duration::from_secs(5);
/// A Retry-After is honoured within these bounds (Azure asks for 10 s while issuing).
const MIN_RETRY_AFTER: Duration = Duration::from_millis(100);
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// How long to wait before the next poll: what the service asked for, else our back-off.
fn next_delay(retry_after: Option<Duration>, backoff: Duration) -> Duration {
    retry_after.map_or(backoff, |asked| {
        asked.clamp(MIN_RETRY_AFTER, MAX_RETRY_AFTER)
    })
}

fn retry_after(headers: &Headers) -> Option<Duration> {
    get_retry_after(
        headers,
        OffsetDateTime::now_utc,
        &[RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS, RETRY_AFTER],
    )
    .map(|delay| Duration::try_from(delay).unwrap_or_default())
}

impl VaultConnection {
    /// The pending operation of certificate `name` (the last one, even once completed).
    pub async fn pending_operation(&self, name: &str) -> Result<PendingOperation, Error> {
        self.poll_operation(name)
            .await
            .map(|(operation, _)| operation)
    }

    async fn poll_operation(
        &self,
        name: &str,
    ) -> Result<(PendingOperation, Option<Duration>), Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_certificate_operation(name, None)
                .await
        };
        let response = response.map_err(|err| from_azure(&err, &self.entry.name, "get"))?;
        let retry_after = retry_after(response.headers());
        let operation = response
            .into_model()
            .map_err(|err| from_azure(&err, &self.entry.name, "get"))?;
        Ok((PendingOperation::new(name, operation), retry_after))
    }

    /// Asks the service to cancel the operation. Key Vault only flags it
    /// (`cancellation_requested`, the status stays `inProgress`) and does not issue it; the
    /// operation and the certificate's pending version stay until the operation is deleted.
    pub async fn cancel_operation(&self, name: &str) -> Result<PendingOperation, Error> {
        let body = UpdateCertificateOperationParameter {
            cancellation_requested: Some(true),
        }
        .try_into()
        .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .update_certificate_operation(name, body, None)
                .await
                .and_then(|response| response.into_model())
        };
        response
            .map(|operation| PendingOperation::new(name, operation))
            .map_err(|err| from_azure(&err, &self.entry.name, "update"))
    }

    /// Deletes the operation and returns it as it was. The certificate stays, without the
    /// version the operation would have issued.
    pub async fn delete_operation(&self, name: &str) -> Result<PendingOperation, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .delete_certificate_operation(name, None)
                .await
                .and_then(|response| response.into_model())
        };
        response
            .map(|operation| PendingOperation::new(name, operation))
            .map_err(|err| from_azure(&err, &self.entry.name, "update"))
    }

    /// Polls the operation of certificate `name` until it ends, passing each poll's state to
    /// `on_progress`. The first poll is immediate; the next waits 250 ms, doubling up to 5 s,
    /// unless the service asks for another delay (Retry-After). Returns at once, after one report, for an operation
    /// awaiting a merge. Dropping the future stops waiting (not the operation).
    pub async fn wait_for_operation(
        &self,
        name: &str,
        mut on_progress: impl FnMut(&PendingOperation),
    ) -> Result<OperationOutcome, Error> {
        let mut backoff = FIRST_POLL;
        loop {
            let (operation, retry_after) = match self.poll_operation(name).await {
                Ok(polled) => polled,
                Err(err) if err.code == Code::NotFound => {
                    return self.without_operation(name).await;
                }
                Err(err) => return Err(err),
            };
            on_progress(&operation);
            let outcome = match &operation.status {
                OperationStatus::Completed => OperationOutcome::Issued {
                    certificate: self.certificate_row(name).await?,
                    operation: Some(operation),
                },
                // Like the SDK's poller: an error ends the operation whatever its status says.
                _ if operation.status == OperationStatus::Failed || operation.error.is_some() => {
                    OperationOutcome::Failed { operation }
                }
                // Key Vault answers a cancel with the operation still `inProgress`, flagged,
                // and never issues it: the flag is the end.
                _ if operation.status == OperationStatus::Cancelled
                    || operation.cancellation_requested =>
                {
                    OperationOutcome::Cancelled { operation }
                }
                _ if operation.awaits_merge() => OperationOutcome::AwaitingMerge { operation },
                _ => {
                    tokio::time::sleep(next_delay(retry_after, backoff)).await;
                    backoff = (backoff * 2).min(MAX_POLL);
                    continue;
                }
            };
            return Ok(outcome);
        }
    }

    /// The operation is gone: the certificate tells whether it issued.
    async fn without_operation(&self, name: &str) -> Result<OperationOutcome, Error> {
        match self.certificate_row(name).await {
            Ok(row) if row.thumbprint.is_some() => Ok(OperationOutcome::Issued {
                certificate: row,
                operation: None,
            }),
            Ok(row) => Ok(OperationOutcome::OperationDeleted {
                certificate: Some(row),
            }),
            Err(err) if err.code == Code::NotFound => {
                Ok(OperationOutcome::OperationDeleted { certificate: None })
            }
            Err(err) => Err(err),
        }
    }

    /// The row of certificate `name`'s latest version.
    pub(crate) async fn certificate_row(&self, name: &str) -> Result<CertificateSummary, Error> {
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .get_certificate(name, None)
                .await
                .and_then(|response| response.into_model())
        };
        let certificate = response.map_err(|err| from_azure(&err, &self.entry.name, "get"))?;
        CertificateSummary::from_certificate(certificate, now())
            .ok_or_else(|| self.without_id(name))
    }

    pub(crate) fn without_id(&self, name: &str) -> Error {
        Error::new(
            Code::Service,
            format!(
                "{} answered for {name} without a certificate id.",
                self.entry.name
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operation(json: &str) -> PendingOperation {
        PendingOperation::new("web", serde_json::from_str(json).unwrap())
    }

    #[test]
    fn a_recorded_operation_reads_with_its_csr_as_pem() {
        // Shaped like the service's (recordings); the CSR bytes only show the PEM framing.
        let op = operation(
            r#"{"id": "https://v.vault.azure.net/certificates/web/pending", "issuer": {"name": "Unknown"},
            "csr": "MIIBHzCBxQIBADAY", "cancellation_requested": false, "status": "inProgress",
            "status_details": "Pending certificate created.", "request_id": "128f09f0"}"#,
        );
        assert_eq!(op.status, OperationStatus::InProgress);
        assert_eq!(
            op.csr.as_deref(),
            Some(
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIBHzCBxQIBADAY\n-----END CERTIFICATE REQUEST-----\n"
            )
        );
        assert!(op.awaits_merge());
        assert_eq!(op.request_id.as_deref(), Some("128f09f0"));

        let failed = operation(
            r#"{"status": "failed", "issuer": {"name": "digi"},
            "error": {"code": "ProviderNotSupported", "message": "No network."}}"#,
        );
        assert_eq!(failed.status, OperationStatus::Failed);
        assert_eq!(
            failed.error.unwrap().code.as_deref(),
            Some("ProviderNotSupported")
        );
        assert_eq!(
            operation(r#"{"status": "paused"}"#).status,
            OperationStatus::Other("paused".into())
        );
    }

    #[test]
    fn long_csrs_wrap_at_64_columns() {
        let pem = csr_pem(&[0u8; 100]);
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(lines[1].len(), 64);
    }

    #[test]
    fn the_service_paces_polls_within_bounds() {
        let backoff = Duration::from_millis(500);
        assert_eq!(next_delay(None, backoff), backoff);
        assert_eq!(
            next_delay(Some(Duration::from_secs(10)), backoff),
            Duration::from_secs(10)
        );
        assert_eq!(next_delay(Some(Duration::ZERO), backoff), MIN_RETRY_AFTER);
        assert_eq!(
            next_delay(Some(Duration::from_secs(3600)), backoff),
            MAX_RETRY_AFTER
        );
        let mut headers = Headers::new();
        headers.insert(RETRY_AFTER, "10");
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(10)));
        headers.insert(RETRY_AFTER_MS, "20");
        assert_eq!(retry_after(&headers), Some(Duration::from_millis(20)));
    }
}
