//! A certificate's secret: its chain and, when the key is exportable, its private key, as Key
//! Vault hands them out (a PFX with the NULL password and 3DES bags, or PEM). Reading it is a
//! secrets permission, which the certificate roles do not all carry; the 403 says which.

use azure_security_keyvault_certificates::models::CertificateClientGetCertificateOptions;
use azure_security_keyvault_secrets::models::SecretClientGetSecretOptions;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use inspect::{Material, PrivateKey};
use zeroize::Zeroizing;

use crate::connection::VaultConnection;
use crate::error::{Code, Error, from_azure};

/// The content type of a PFX secret; anything else is PEM text.
const PKCS12: &str = "application/x-pkcs12";

/// A certificate version's secret, read and opened locally.
pub struct CertificateSecret {
    /// The certificate's name.
    pub name: String,
    /// Whether Key Vault keeps it as PFX (else PEM).
    pub pkcs12: bool,
    /// The file exactly as Key Vault keeps it: DER PFX (NULL password) or PEM text.
    pub stored: Zeroizing<Vec<u8>>,
    /// Its certificates and, when exportable, its key.
    pub material: Material,
}

impl CertificateSecret {
    /// The private key, or why Key Vault did not hand it out.
    pub fn key(&self) -> Result<&PrivateKey, Error> {
        self.material.keys.first().ok_or_else(|| {
            Error::new(
                Code::InvalidInput,
                format!(
                    "The private key of {} is not exportable: Key Vault returned the certificate without it.",
                    self.name
                ),
            )
            .with_hint(
                "Key Vault never hands out a non-exportable (or HSM) key. Download the certificate without its key, or create a new version whose policy has an exportable key.",
            )
        })
    }
}

/// Reads the secret of `name` at `version` (the latest when `None`): a certificate's secret has
/// its name and version.
pub async fn read_certificate_secret(
    vault: &VaultConnection,
    name: &str,
    version: Option<&str>,
) -> Result<CertificateSecret, Error> {
    let vault_name = &vault.entry.name;
    let options = SecretClientGetSecretOptions {
        secret_version: version.map(str::to_owned),
        ..Default::default()
    };
    let secret = {
        let _permit = vault.permit().await;
        vault
            .secrets
            .get_secret(name, Some(options))
            .await
            .and_then(|response| response.into_model())
            .map_err(|err| secret_error(&err, vault_name))?
    };
    let value = Zeroizing::new(secret.value.unwrap_or_default());
    if value.is_empty() {
        return Err(Error::new(
            Code::Service,
            format!("{vault_name} sent the secret of {name} without its value."),
        ));
    }
    let pkcs12 = secret.content_type.as_deref() == Some(PKCS12);
    let stored = if pkcs12 {
        let compact: Zeroizing<String> =
            Zeroizing::new(value.chars().filter(|c| !c.is_whitespace()).collect());
        Zeroizing::new(STANDARD.decode(compact.as_bytes()).map_err(|_| {
            Error::new(
                Code::Service,
                format!("{vault_name} sent the PFX of {name} in a form that is not base64."),
            )
        })?)
    } else {
        Zeroizing::new(value.as_bytes().to_vec())
    };
    let material = inspect::read_material(&stored, None).map_err(|err| {
        let err = errors::Error::from(err);
        Error::new(
            err.code,
            format!(
                "The secret of {name} in {vault_name} cannot be read: {}",
                err.message
            ),
        )
    })?;
    Ok(CertificateSecret {
        name: name.to_owned(),
        pkcs12,
        stored,
        material,
    })
}

/// The DER certificate of `name` at `version` (the latest when `None`): the certificates `get`
/// permission is enough, no secret is read.
pub async fn read_certificate_der(
    vault: &VaultConnection,
    name: &str,
    version: Option<&str>,
) -> Result<Vec<u8>, Error> {
    let options = CertificateClientGetCertificateOptions {
        certificate_version: version.map(str::to_owned),
        ..Default::default()
    };
    let certificate = {
        let _permit = vault.permit().await;
        vault
            .certificates
            .get_certificate(name, Some(options))
            .await
            .and_then(|response| response.into_model())
            .map_err(|err| from_azure(&err, &vault.entry.name, "get"))?
    };
    certificate.cer.filter(|cer| !cer.is_empty()).ok_or_else(|| {
        Error::new(
            Code::InvalidInput,
            format!("{name} has no certificate yet: its creation is still pending."),
        )
        .with_hint("Wait for the pending operation to complete (or merge the signed certificate), then download it.")
    })
}

/// Maps a failed secret read; a 403 names the secrets permission and the roles that carry it.
fn secret_error(err: &azure_core::Error, vault: &str) -> Error {
    let err = from_azure(err, vault, "get");
    let firewall = err.hint.as_deref().is_some_and(|h| h.contains("firewall"));
    if err.code != Code::Forbidden || firewall {
        return err;
    }
    Error::new(Code::Forbidden, err.message).with_hint(format!(
        "Downloading the private key reads the certificate's secret: on {vault} ask for the access-policy secret permission \"get\", or with Azure RBAC the role \"Key Vault Secrets User\" (or \"Key Vault Certificate User\"). \"Key Vault Certificates Officer\" alone cannot."
    ))
}

#[cfg(test)]
mod tests {
    use azure_core::error::ErrorKind;
    use azure_core::http::headers::Headers;
    use azure_core::http::{RawResponse, StatusCode};

    use super::*;

    /// As Key Vault words an access-policy denial of a secret read.
    const NO_SECRET_GET: &str = r#"{"error":{"code":"Forbidden","message":"The user, group or application 'appid=1;oid=2;iss=https://sts.windows.net/3/' does not have secrets get permission on key vault 'contoso;location=westeurope'. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287","innererror":{"code":"AccessDenied"}}}"#;

    fn http_error(status: u16, body: &str) -> azure_core::Error {
        let status = StatusCode::from(status);
        let raw = RawResponse::from_bytes(status, Headers::new(), body.to_owned());
        azure_core::Error::with_message(
            ErrorKind::HttpResponse {
                status,
                error_code: Some("Forbidden".into()),
                raw_response: Some(Box::new(raw)),
            },
            "from the service",
        )
    }

    #[test]
    fn a_denied_secret_read_names_the_secret_permission_and_roles() {
        let err = secret_error(&http_error(403, NO_SECRET_GET), "contoso");
        assert_eq!(err.code, Code::Forbidden);
        assert!(err.message.contains("does not have secrets get permission"));
        let hint = err.hint.unwrap();
        assert!(hint.contains(r#"secret permission "get""#), "{hint}");
        assert!(hint.contains("Key Vault Secrets User"), "{hint}");
        assert!(hint.contains("Key Vault Certificate User"), "{hint}");
        assert!(
            hint.contains("\"Key Vault Certificates Officer\" alone cannot"),
            "{hint}"
        );
        assert!(hint.contains("contoso"), "{hint}");
    }

    #[test]
    fn other_failures_keep_their_own_hint() {
        let body = r#"{"error":{"code":"SecretNotFound","message":"A secret with (name/id) web was not found in this key vault."}}"#;
        let err = secret_error(&http_error(404, body), "contoso");
        assert_eq!(err.code, Code::NotFound);
        assert!(!err.hint.unwrap_or_default().contains("Secrets User"));
    }
}
