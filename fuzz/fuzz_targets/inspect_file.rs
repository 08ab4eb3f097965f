//! File inspection end to end, as `certdeck-cli inspect` and `convert` run it: sniff → parse →
//! explain, then every conversion, whose output must read back.
//!
//! Input: one byte choosing the password (and the PFX encryption), then the file.
#![no_main]

use inspect::convert::{PfxEncryption, PfxPassword, to_encrypted_pem, to_pem, to_pfx};
use inspect::{Password, inspect, read_material};
use libfuzzer_sys::fuzz_target;

/// The passwords the test fixtures use, the empty one, and none (PKCS#12's NULL password).
fn password(selector: u8) -> Option<Password> {
    match selector % 4 {
        0 => None,
        1 => Some(Password::empty()),
        2 => Some(Password::new("Secret-123".into())),
        _ => Some(Password::new("pässwörd€".into())),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let password = password(selector);
    // Errors are answers; only panics, hangs and runaway memory are findings.
    let _ = inspect(file, password.as_ref());
    let Ok(material) = read_material(file, password.as_ref()) else {
        return;
    };
    let certificates = material.leaf_first().len();
    let keys = usize::from(!material.keys.is_empty());
    if let Ok(pem) = to_pem(&material) {
        let again = read_material(pem.as_bytes(), None).expect("converted PEM reads back");
        assert_eq!(again.certificates.len(), certificates, "certificates lost");
        assert_eq!(again.keys.len(), keys, "the key lost");
    }
    // The password-based writers derive keys (thousands of iterations): one per input.
    let out_password = password.unwrap_or_else(Password::empty);
    if selector & 4 == 0 {
        if let Ok(pem) = to_encrypted_pem(&material, &out_password) {
            let again = read_material(pem.as_bytes(), Some(&out_password))
                .expect("encrypted PEM reads back with its password");
            assert_eq!(again.keys.len(), 1, "the encrypted key lost");
        }
    } else {
        let (pfx_password, encryption) = if selector & 8 == 0 {
            (PfxPassword::Null, PfxEncryption::Legacy)
        } else {
            (PfxPassword::Text(&out_password), PfxEncryption::Modern)
        };
        if let Ok(pfx) = to_pfx(&material, pfx_password, encryption) {
            let read_with = match pfx_password {
                PfxPassword::Null => None,
                PfxPassword::Text(p) => Some(p),
            };
            let again = read_material(&pfx, read_with).expect("converted PFX reads back");
            assert_eq!(again.certificates.len(), certificates, "certificates lost");
            assert_eq!(again.keys.len(), keys, "the key lost");
        }
    }
});
