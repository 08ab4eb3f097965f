//! Random identifiers: version ids, request ids, serial numbers, tokens.

use aws_lc_rs::rand::{SecureRandom, SystemRandom};

/// `N` bytes from the system CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The system RNG only fails if the OS has no entropy source at all: nothing can go on then.
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("system random number generator");
    bytes
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 32-hex-digit id, the shape of Key Vault's version and request ids.
pub fn new_id() -> String {
    hex(&random_bytes::<16>())
}
