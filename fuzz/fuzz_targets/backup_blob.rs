//! Backup decoding as `POST /certificates/restore` runs it: a blob (base64url text), or a
//! certificate record's JSON sealed with the fuzzing key first so that decryption succeeds
//! and the record's checks run.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = local_vault::fuzzing::backup_blob(data);
});
