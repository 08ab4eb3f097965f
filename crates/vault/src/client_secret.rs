//! Service-principal client secrets, kept in the OS keyring (Secret Service, Keychain,
//! Credential Manager) under the tenant and client id — never in the vault list.

use zeroize::Zeroizing;

use crate::error::{Code, Error};

const SERVICE: &str = "CertDeck service principal";

fn entry(tenant_id: &str, client_id: &str) -> Result<keyring::Entry, Error> {
    keyring::Entry::new(SERVICE, &format!("{tenant_id}/{client_id}")).map_err(unavailable)
}

/// Stores (or replaces) the secret of app `client_id` in `tenant_id`.
pub fn save(tenant_id: &str, client_id: &str, secret: &str) -> Result<(), Error> {
    if secret.trim().is_empty() {
        return Err(Error::new(
            Code::InvalidInput,
            "The client secret is empty.",
        ));
    }
    entry(tenant_id, client_id)?
        .set_password(secret)
        .map_err(unavailable)
}

pub(crate) fn load(tenant_id: &str, client_id: &str) -> Result<Zeroizing<String>, Error> {
    match entry(tenant_id, client_id)?.get_password() {
        Ok(secret) => Ok(Zeroizing::new(secret)),
        Err(keyring::Error::NoEntry) => Err(Error::new(
            Code::NotSignedIn,
            format!("No client secret is stored for app {client_id} in tenant {tenant_id}."),
        )
        .with_hint("Remove the vault and add it again with the app's client secret.")),
        Err(err) => Err(unavailable(err)),
    }
}

fn unavailable(err: keyring::Error) -> Error {
    Error::new(
        Code::NotSignedIn,
        format!("The OS keyring is unavailable: {err}"),
    )
    .with_hint(
        "CertDeck keeps client secrets only in the OS keyring: unlock it (or install a Secret Service such as GNOME Keyring), or use the Azure CLI credential.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_round_trip_through_the_keyring_and_missing_ones_say_what_to_do() {
        keyring::set_default_credential_builder(keyring::mock::default_credential_builder());
        // The mock keeps nothing between entries, so only errors are checked across calls.
        let err = load("tenant", "app").unwrap_err();
        assert_eq!(err.code, Code::NotSignedIn);
        assert!(err.message.contains("app"), "{}", err.message);
        assert_eq!(
            save("tenant", "app", "  ").unwrap_err().code,
            Code::InvalidInput
        );
        save("tenant", "app", "s3cret").unwrap();
    }
}
