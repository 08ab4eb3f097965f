//! Creating a certificate from a policy (self-signed, by a configured issuer, or as a CSR for
//! issuer `Unknown`) and merging the certificate signed for a CSR.

use std::collections::BTreeMap;
use std::sync::Arc;

use azure_core::http::headers::{RETRY_AFTER, RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS};
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::poller::PollerOptions;
use azure_core::http::{AsyncRawResponse, Context, Request};
use azure_security_keyvault_certificates::models::{
    CertificateAttributes, CertificateClientCreateCertificateOptions, CreateCertificateParameters,
    MergeCertificateParameters,
};
use futures::StreamExt;
use inspect::names::check_name;

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::import::check_tags;
use crate::listing::{CertificateSummary, now};
use crate::operation::PendingOperation;
use crate::policy::CertificatePolicy;

impl VaultConnection {
    /// Starts creating certificate `name` (or its next version) under `policy` and returns
    /// the pending operation as soon as the vault accepts it; follow it with
    /// [`VaultConnection::wait_for_operation`].
    pub async fn create_certificate(
        &self,
        name: &str,
        policy: &CertificatePolicy,
        tags: &BTreeMap<String, String>,
        enabled: bool,
    ) -> Result<PendingOperation, Error> {
        check_name(name).map_err(|message| Error::new(Code::InvalidInput, message))?;
        check_tags(tags)?;
        let body = CreateCertificateParameters {
            certificate_attributes: Some(CertificateAttributes {
                enabled: Some(enabled),
                ..Default::default()
            }),
            certificate_policy: Some(policy.into()),
            preserve_cert_order: None,
            tags: sdk_tags(tags),
        }
        .try_into()
        .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let options = CertificateClientCreateCertificateOptions {
            method_options: PollerOptions {
                context: Context::new().with_value(AnswerNow),
                ..Default::default()
            },
        };
        let failed = |err: azure_core::Error| from_azure(&err, &self.entry.name, "create");
        let first = {
            let _permit = self.permit().await;
            let mut poller = self
                .certificates
                .begin_create_certificate(name, body, Some(options))
                .map_err(failed)?;
            // The first item is the create request's own answer; dropping the poller then
            // sends nothing more.
            poller.next().await
        };
        let operation = first
            .ok_or_else(|| {
                Error::new(
                    Code::Service,
                    format!("{} did not answer the create of {name}.", self.entry.name),
                )
            })?
            .and_then(|response| response.into_model())
            .map_err(failed)?;
        Ok(PendingOperation::new(name, operation))
    }

    /// Completes the pending operation of certificate `name` (issuer `Unknown`) with the
    /// certificate signed for its CSR: `x5c` is DER, leaf first, then its chain if wanted.
    /// Empty `tags` keep those given at create; `enabled` None lets the service decide.
    /// Returns the new version's row.
    pub async fn merge_certificate(
        &self,
        name: &str,
        x5c: Vec<Vec<u8>>,
        tags: &BTreeMap<String, String>,
        enabled: Option<bool>,
    ) -> Result<CertificateSummary, Error> {
        check_name(name).map_err(|message| Error::new(Code::InvalidInput, message))?;
        check_tags(tags)?;
        if x5c.is_empty() {
            return Err(Error::new(
                Code::InvalidInput,
                "Choose the signed certificate to merge.",
            ));
        }
        let body = MergeCertificateParameters {
            certificate_attributes: enabled.map(|enabled| CertificateAttributes {
                enabled: Some(enabled),
                ..Default::default()
            }),
            tags: sdk_tags(tags),
            x509_certificates: Some(x5c),
        }
        .try_into()
        .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .merge_certificate(name, body, None)
                .await
                .and_then(|response| response.into_model())
        };
        let certificate = response.map_err(|err| from_azure(&err, &self.entry.name, "create"))?;
        CertificateSummary::from_certificate(certificate, now())
            .ok_or_else(|| self.without_id(name))
    }
}

fn sdk_tags(tags: &BTreeMap<String, String>) -> Option<std::collections::HashMap<String, String>> {
    (!tags.is_empty()).then(|| tags.clone().into_iter().collect())
}

/// Marks a create request whose answer is wanted at once.
#[derive(Debug)]
struct AnswerNow;

/// The SDK's create poller sleeps for the service's Retry-After (10 s on Azure) before it
/// yields even the create request's own answer. For requests marked [`AnswerNow`] this policy
/// asks it for no delay, so a new certificate shows as pending right away. Per call, so the
/// retry policy inside still sees the real headers of a 429 or 503.
#[derive(Debug)]
pub(crate) struct AnswerCreateNow;

#[async_trait::async_trait]
impl Policy for AnswerCreateNow {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let response = next[0].send(ctx, request, &next[1..]).await?;
        // Errors keep their headers: only an accepted create is handed over early.
        if ctx.value::<AnswerNow>().is_none() || !response.status().is_success() {
            return Ok(response);
        }
        let (status, mut headers, body) = response.deconstruct();
        for name in [RETRY_AFTER, X_MS_RETRY_AFTER_MS] {
            headers.remove(name);
        }
        headers.insert(RETRY_AFTER_MS, "0");
        Ok(AsyncRawResponse::from_bytes(
            status,
            headers,
            body.collect().await?,
        ))
    }
}
