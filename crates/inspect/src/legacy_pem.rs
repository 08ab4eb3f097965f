//! OpenSSL's traditional encrypted PEM keys (`Proc-Type: 4,ENCRYPTED` and `DEK-Info: CIPHER,IV`
//! above an `RSA`/`EC`/`DSA PRIVATE KEY` block): the body is the key in CBC mode under
//! EVP_BytesToKey(MD5, password, salt = the IV's first 8 bytes, 1 round).

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipherDecrypt, BlockModeDecrypt, KeyInit, KeyIvInit};
use md5::{Digest, Md5};
use zeroize::Zeroizing;

use crate::{Error, Password};

/// The ciphers OpenSSL writes there (`openssl rsa -aes256`, `-des3`, …): key and IV lengths.
fn cipher(name: &str) -> Option<(usize, usize)> {
    Some(match name {
        "AES-128-CBC" => (16, 16),
        "AES-192-CBC" => (24, 16),
        "AES-256-CBC" => (32, 16),
        "DES-EDE3-CBC" => (24, 8),
        "DES-CBC" => (8, 8),
        _ => return None,
    })
}

/// Decrypts a block's body; a password that does not fit gives `WrongPassword`.
pub(crate) fn decrypt(
    dek_info: &str,
    body: &[u8],
    password: Option<&Password>,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    let (name, iv_hex) = dek_info
        .split_once(',')
        .ok_or_else(|| Error::corrupt(format!("PEM DEK-Info `{dek_info}`")))?;
    let name = name.trim().to_ascii_uppercase();
    let (key_len, iv_len) = cipher(&name).ok_or_else(|| {
        Error::UnsupportedEncryption(format!(
            "legacy OpenSSL PEM encryption {name}; convert the key with `openssl pkey -in KEY -out key.pem`"
        ))
    })?;
    let iv = hex(iv_hex.trim())
        .filter(|iv| iv.len() == iv_len)
        .ok_or_else(|| Error::corrupt(format!("PEM DEK-Info IV `{}`", iv_hex.trim())))?;
    let password = password.ok_or(Error::PasswordRequired)?;
    let key = bytes_to_key(password.as_str().as_bytes(), &iv[..8], key_len);
    let plain = match name.as_str() {
        "AES-128-CBC" => cbc_decrypt::<aes::Aes128>(&key, &iv, body),
        "AES-192-CBC" => cbc_decrypt::<aes::Aes192>(&key, &iv, body),
        "AES-256-CBC" => cbc_decrypt::<aes::Aes256>(&key, &iv, body),
        "DES-EDE3-CBC" => cbc_decrypt::<des::TdesEde3>(&key, &iv, body),
        _ => cbc_decrypt::<des::Des>(&key, &iv, body),
    }?;
    Ok(Zeroizing::new(plain))
}

/// OpenSSL's EVP_BytesToKey with MD5 and one round: D_i = MD5(D_{i-1} || password || salt).
fn bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut block = Zeroizing::new(Vec::new());
    while key.len() < len {
        let mut md5 = Md5::new();
        md5.update(&*block);
        md5.update(password);
        md5.update(salt);
        *block = md5.finalize().to_vec();
        key.extend_from_slice(&block);
    }
    key.truncate(len);
    key
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Vec<u8>, Error>
where
    C: KeyInit + BlockCipherDecrypt,
{
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| Error::corrupt("PEM cipher key length"))?
        .decrypt_padded_vec::<Pkcs7>(data)
        .map_err(|_| Error::WrongPassword)
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `openssl enc -P -md md5 -aes-256-cbc -S 0001020304050607 -pass pass:secret` prints this key.
    #[test]
    fn bytes_to_key_matches_openssl() {
        let key = bytes_to_key(b"secret", &[0, 1, 2, 3, 4, 5, 6, 7], 32);
        assert_eq!(hex_string(&key), OPENSSL_KEY);
    }

    const OPENSSL_KEY: &str = "035FB8145B73CF111570DC936112BE9C375A5D3D8B915BC213BDBEF9DBFB7851";

    fn hex_string(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }
}
