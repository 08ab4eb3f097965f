//! Encrypted PKCS#8 keys (PEM `ENCRYPTED PRIVATE KEY` or DER): PBES2 with PBKDF2 or scrypt and
//! AES or 3DES, PKCS#12 PBE (3DES, RC2) and PBES1 (DES), cost-capped before decrypting.

use der::Decode;

use zeroize::Zeroizing;

use crate::keys::PrivateKey;
use crate::pbe::{self, Family};
use crate::pkcs12_pbe::{self, PbePassword};
use crate::{Error, Password, pbes1};

/// Decrypts an `EncryptedPrivateKeyInfo` with `password`.
pub(crate) fn decrypt(der: &[u8], password: Option<&Password>) -> Result<PrivateKey, Error> {
    let info =
        pkcs12::pbe_params::EncryptedPrivateKeyInfo::from_der(der).map_err(Error::corrupt)?;
    let scheme = pbe::scheme(&info.encryption_algorithm)?;
    let password = password.ok_or(Error::PasswordRequired)?;
    let alg = &info.encryption_algorithm;
    let sealed = info.encrypted_data.as_bytes();
    let plain = match scheme.family {
        Family::Pbes2 => {
            let encrypted =
                pkcs8::EncryptedPrivateKeyInfoRef::try_from(der).map_err(Error::corrupt)?;
            let plain = encrypted
                .decrypt(password.as_str().as_bytes())
                .map_err(|_| Error::WrongPassword)?;
            Zeroizing::new(plain.as_bytes().to_vec())
        }
        Family::Pkcs12Pbe => {
            pkcs12_pbe::decrypt(alg, PbePassword::Text(password.as_str()), sealed)?
        }
        Family::Pbes1 => pbes1::decrypt(alg, password.as_str().as_bytes(), sealed)?,
    };
    // Padding that happens to check out under a wrong password still yields garbage DER.
    PrivateKey::from_pkcs8_der(&plain).map_err(|_| Error::WrongPassword)
}
