//! A version's enabled flag and a certificate's tags, changed through the service's
//! update-certificate-properties call (a PATCH on one version, or on the current one).

use std::collections::{BTreeMap, HashMap};

use azure_security_keyvault_certificates::models::{
    CertificateAttributes, CertificateClientUpdateCertificatePropertiesOptions,
    UpdateCertificatePropertiesParameters,
};

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};
use crate::import::check_tags;
use crate::listing::{CertificateSummary, now};

impl VaultConnection {
    /// Enables or disables one version of `name` (`None`: the current one); returns that
    /// version's row as the service stored it.
    pub async fn set_enabled(
        &self,
        name: &str,
        version: Option<&str>,
        enabled: bool,
    ) -> Result<CertificateSummary, Error> {
        let parameters = UpdateCertificatePropertiesParameters {
            certificate_attributes: Some(CertificateAttributes {
                enabled: Some(enabled),
                ..Default::default()
            }),
            ..Default::default()
        };
        self.update_properties(name, version, parameters).await
    }

    /// Replaces the tags of `name`'s current version (an empty map removes them all), after
    /// checking the service's limits; returns the row as the service stored it.
    pub async fn set_tags(
        &self,
        name: &str,
        tags: &BTreeMap<String, String>,
    ) -> Result<CertificateSummary, Error> {
        check_tags(tags)?;
        let parameters = UpdateCertificatePropertiesParameters {
            // Always sent, even empty: an absent map would leave the tags as they are.
            tags: Some(tags.clone().into_iter().collect::<HashMap<_, _>>()),
            ..Default::default()
        };
        self.update_properties(name, None, parameters).await
    }

    async fn update_properties(
        &self,
        name: &str,
        version: Option<&str>,
        parameters: UpdateCertificatePropertiesParameters,
    ) -> Result<CertificateSummary, Error> {
        let body = parameters
            .try_into()
            .map_err(|err: azure_core::Error| Error::new(Code::InvalidInput, err.to_string()))?;
        let options = CertificateClientUpdateCertificatePropertiesOptions {
            certificate_version: version.map(str::to_owned),
            ..Default::default()
        };
        let response = {
            let _permit = self.permit().await;
            self.certificates
                .update_certificate_properties(name, body, Some(options))
                .await
                .and_then(|response| response.into_model())
        };
        let certificate = response.map_err(|err| from_azure(&err, &self.entry.name, "update"))?;
        CertificateSummary::from_certificate(certificate, now())
            .ok_or_else(|| self.without_id(name))
    }
}
