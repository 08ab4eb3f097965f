//! Policies a bulk preview has just read, kept for the apply that usually follows, so applying
//! costs one request per certificate instead of two. Apply sends only the sections its patch
//! changes (`policy::changed_sections`), so a policy changed elsewhere since the preview keeps
//! its other sections; a read older than [`FRESH`] is read again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use vault::{CertificatePolicy, VaultId};

const FRESH: Duration = Duration::from_secs(5 * 60);

#[derive(Default)]
pub struct PreviewedPolicies(Mutex<HashMap<(VaultId, String), (Instant, CertificatePolicy)>>);

impl PreviewedPolicies {
    pub fn keep(&self, vault: VaultId, name: &str, policy: &CertificatePolicy) {
        let mut reads = self.0.lock().unwrap_or_else(|e| e.into_inner());
        reads.retain(|_, (read, _)| read.elapsed() < FRESH);
        reads.insert((vault, name.to_owned()), (Instant::now(), policy.clone()));
    }

    /// The policy a preview read less than [`FRESH`] ago; each read serves one apply.
    pub fn take(&self, vault: VaultId, name: &str) -> Option<CertificatePolicy> {
        let mut reads = self.0.lock().unwrap_or_else(|e| e.into_inner());
        reads
            .remove(&(vault, name.to_owned()))
            .filter(|(read, _)| read.elapsed() < FRESH)
            .map(|(_, policy)| policy)
    }
}
