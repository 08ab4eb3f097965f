//! The local vault's request bodies, parsed and validated as the server does.
//!
//! Input: one byte choosing the operation (`Body::ALL`), then the body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use local_vault::fuzzing::{Body, request_body};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let kind = Body::ALL[usize::from(selector) % Body::ALL.len()];
    let _ = request_body(kind, body);
});
