//! Password-based encryption schemes: readable names for the report, and cost caps enforced
//! before any key derivation so a tiny hostile file cannot make us spin or allocate for minutes.

use der::{Decode, Encode};
use pkcs5::pbes2;
use pkcs12::cms::cert::x509::spki::AlgorithmIdentifierOwned;
use pkcs12::pbe_params::Pkcs12PbeParams;

use crate::Error;

/// Most PBKDF2 / PKCS#12-KDF iterations we run (OpenSSL writes 2048, Windows 2000, Java 10000;
/// 1M takes about 0.3 s optimised). Same cap as p12-keystore, so both layers agree.
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// Most scrypt memory (128 · N · r bytes) we allow: OpenSSL's default (N=16384, r=8) needs 16 MiB.
pub const MAX_SCRYPT_MEMORY: u64 = 128 << 20;
/// Most scrypt parallelism we allow.
pub const MAX_SCRYPT_PARALLELISM: u16 = 16;
/// Most key derivation work for one PKCS#12 file, summed over its MAC and every encrypted
/// part, in iterations (scrypt counts N·r·p): three parts at [`MAX_ITERATIONS`]. Without it a
/// file of many capped bags costs minutes.
pub const MAX_TOTAL_ITERATIONS: u64 = 3 * MAX_ITERATIONS;

const PBES2: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");

/// Which decryptor handles a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Pbes2,
    Pkcs12Pbe,
    Pbes1,
}

/// A recognised, affordable encryption scheme.
pub(crate) struct Scheme {
    pub family: Family,
    pub name: String,
    /// Its key derivation work, in iterations (see [`Budget`]).
    pub cost: u64,
}

/// The key derivation work a whole file may ask for ([`MAX_TOTAL_ITERATIONS`]).
#[derive(Default)]
pub(crate) struct Budget {
    spent: u64,
    parts: usize,
}

impl Budget {
    /// Adds one part's `cost`, failing with `TooExpensive` once the total passes the cap.
    pub fn spend(&mut self, cost: u64) -> Result<(), Error> {
        self.spent = self.spent.saturating_add(cost);
        self.parts += 1;
        if self.spent > MAX_TOTAL_ITERATIONS {
            return Err(Error::TooExpensive(format!(
                "more than {MAX_TOTAL_ITERATIONS} key derivation iterations in total over the \
                 file's MAC and encrypted parts ({} parts counted so far)",
                self.parts
            )));
        }
        Ok(())
    }
}

/// Names `alg` and checks its cost, failing with `UnsupportedEncryption` or `TooExpensive`.
pub(crate) fn scheme(alg: &AlgorithmIdentifierOwned) -> Result<Scheme, Error> {
    let params = alg
        .parameters
        .as_ref()
        .and_then(|p| p.to_der().ok())
        .unwrap_or_default();
    if alg.oid == PBES2 {
        let params = pbes2::Parameters::from_der(&params).map_err(|_| {
            Error::UnsupportedEncryption("PBES2 with an unknown cipher or key derivation".into())
        })?;
        return pbes2_scheme(&params).map(|name| Scheme {
            family: Family::Pbes2,
            name,
            cost: pbes2_cost(&params),
        });
    }
    let (cipher, family) = match (pkcs12_pbe_name(alg.oid), crate::pbes1::name(alg.oid)) {
        (Some(name), _) => (name, Family::Pkcs12Pbe),
        (None, Some(name)) => (name, Family::Pbes1),
        _ => {
            return Err(Error::UnsupportedEncryption(format!(
                "unknown algorithm {}",
                alg.oid
            )));
        }
    };
    let params = Pkcs12PbeParams::from_der(&params).map_err(Error::corrupt)?;
    check_iterations(u64::try_from(params.iterations).unwrap_or(0))?;
    let name = format!("{cipher} ({} iterations)", params.iterations);
    if family == Family::Pkcs12Pbe && !crate::pkcs12_pbe::supports(alg.oid) {
        return Err(Error::UnsupportedEncryption(name));
    }
    Ok(Scheme {
        family,
        name,
        cost: u64::try_from(params.iterations).unwrap_or(0),
    })
}

/// PBKDF2's iterations, or scrypt's N·r·p.
fn pbes2_cost(params: &pbes2::Parameters) -> u64 {
    match &params.kdf {
        pbes2::Kdf::Pbkdf2(p) => u64::from(p.iteration_count),
        pbes2::Kdf::Scrypt(p) => p
            .cost_parameter
            .saturating_mul(u64::from(p.block_size))
            .saturating_mul(u64::from(p.parallelization.max(1))),
        _ => 0,
    }
}

/// Names a PBES2 scheme and checks its key derivation cost.
pub(crate) fn pbes2_scheme(params: &pbes2::Parameters) -> Result<String, Error> {
    let kdf = match &params.kdf {
        pbes2::Kdf::Pbkdf2(p) => {
            check_iterations(u64::from(p.iteration_count))?;
            let prf = match p.prf {
                pbes2::Pbkdf2Prf::HmacWithSha1 => "SHA1",
                pbes2::Pbkdf2Prf::HmacWithSha224 => "SHA224",
                pbes2::Pbkdf2Prf::HmacWithSha256 => "SHA256",
                pbes2::Pbkdf2Prf::HmacWithSha384 => "SHA384",
                pbes2::Pbkdf2Prf::HmacWithSha512 => "SHA512",
                _ => {
                    return Err(Error::UnsupportedEncryption(
                        "PBKDF2 with an unknown PRF".into(),
                    ));
                }
            };
            format!("PBKDF2-HMAC-{prf}, {} iterations", p.iteration_count)
        }
        pbes2::Kdf::Scrypt(p) => {
            let n = p.cost_parameter;
            let memory = 128u64
                .saturating_mul(n)
                .saturating_mul(u64::from(p.block_size))
                .saturating_mul(u64::from(p.parallelization.max(1)));
            if memory > MAX_SCRYPT_MEMORY || p.parallelization > MAX_SCRYPT_PARALLELISM {
                return Err(Error::TooExpensive(format!(
                    "scrypt N={n} r={} p={} (limit {} MiB)",
                    p.block_size,
                    p.parallelization,
                    MAX_SCRYPT_MEMORY >> 20
                )));
            }
            format!("scrypt N={n} r={} p={}", p.block_size, p.parallelization)
        }
        _ => {
            return Err(Error::UnsupportedEncryption(
                "PBES2 with an unknown key derivation".into(),
            ));
        }
    };
    let cipher = match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { .. } => "AES-128-CBC",
        pbes2::EncryptionScheme::Aes192Cbc { .. } => "AES-192-CBC",
        pbes2::EncryptionScheme::Aes256Cbc { .. } => "AES-256-CBC",
        pbes2::EncryptionScheme::Aes128Gcm { .. } => "AES-128-GCM",
        pbes2::EncryptionScheme::Aes256Gcm { .. } => "AES-256-GCM",
        pbes2::EncryptionScheme::DesEde3Cbc { .. } => "DES-EDE3-CBC",
        _ => "an unsupported cipher",
    };
    Ok(format!("PBES2 {cipher} ({kdf})"))
}

/// Fails with `TooExpensive` above [`MAX_ITERATIONS`].
pub(crate) fn check_iterations(iterations: u64) -> Result<(), Error> {
    if iterations > MAX_ITERATIONS {
        return Err(Error::TooExpensive(format!(
            "{iterations} key derivation iterations (limit {MAX_ITERATIONS})"
        )));
    }
    Ok(())
}

fn pkcs12_pbe_name(oid: der::oid::ObjectIdentifier) -> Option<&'static str> {
    Some(match oid {
        pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => "pbeWithSHA1And3-KeyTripleDES-CBC",
        pkcs12::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC => "pbeWithSHA1And2-KeyTripleDES-CBC",
        pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => "pbeWithSHA1And40BitRC2-CBC",
        pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => "pbeWithSHA1And128BitRC2-CBC",
        pkcs12::PKCS_12_PBE_WITH_SHAAND40_BIT_RC4 => "pbeWithSHA1And40BitRC4",
        pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC4 => "pbeWithSHA1And128BitRC4",
        _ => return None,
    })
}
