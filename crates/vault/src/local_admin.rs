//! The local vault's admin API (`/_certdeck/`), reached over HTTPS like its Key Vault API.

use serde::Deserialize;

use crate::connection::VaultConnection;
use crate::error::{ErrorCode, VaultError, from_transport};

#[derive(Deserialize)]
struct Names {
    value: Vec<String>,
}

impl VaultConnection {
    /// Seeds the local vault's sample certificates (healthy, expiring in 10 days, expired,
    /// disabled, pending) that are not there yet; returns their names.
    pub async fn add_samples(&self) -> Result<Vec<String>, VaultError> {
        let Some(local) = &self.local else {
            return Err(VaultError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{} is not a local vault: only local vaults have samples.",
                    self.entry.name
                ),
            ));
        };
        let _permit = self.permit().await;
        let failed = |detail: String| {
            VaultError::new(
                ErrorCode::Service,
                format!("Could not add samples to {}: {detail}", self.entry.name),
            )
        };
        let response = local
            .http
            .post(
                local
                    .url
                    .join("_certdeck/samples")
                    .expect("a fixed relative path"),
            )
            .bearer_auth(local.token.secret())
            .send()
            .await
            .map_err(|err| from_transport(&err, &self.entry.name))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(failed(format!("{status} {body}")));
        }
        let body = response
            .bytes()
            .await
            .map_err(|err| failed(err.to_string()))?;
        let names: Names = serde_json::from_slice(&body).map_err(|err| failed(err.to_string()))?;
        Ok(names.value)
    }
}
