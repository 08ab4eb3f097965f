//! Encrypted PKCS#8 keys (PEM `ENCRYPTED PRIVATE KEY` or DER): PBES2 with PBKDF2 or scrypt and
//! AES or 3DES, cost-capped before decrypting.

use der::Decode;

use crate::keys::PrivateKey;
use crate::pbe::{self, Family};
use crate::{Error, Password};

/// Decrypts an `EncryptedPrivateKeyInfo` with `password`.
pub(crate) fn decrypt(der: &[u8], password: Option<&Password>) -> Result<PrivateKey, Error> {
    let info =
        pkcs12::pbe_params::EncryptedPrivateKeyInfo::from_der(der).map_err(Error::corrupt)?;
    let scheme = pbe::scheme(&info.encryption_algorithm)?;
    if scheme.family != Family::Pbes2 {
        return Err(Error::UnsupportedEncryption(format!(
            "{} on a standalone key; re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc`",
            scheme.name
        )));
    }
    let password = password.ok_or(Error::PasswordRequired)?;
    let encrypted = pkcs8::EncryptedPrivateKeyInfoRef::try_from(der).map_err(Error::corrupt)?;
    let plain = encrypted
        .decrypt(password.as_str().as_bytes())
        .map_err(|_| Error::WrongPassword)?;
    // Padding that happens to check out under a wrong password still yields garbage DER.
    PrivateKey::from_pkcs8_der(plain.as_bytes()).map_err(|_| Error::WrongPassword)
}
