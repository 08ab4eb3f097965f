//! Files opened for import, held (with their passwords and keys, all zeroizing) until they
//! are imported or the import panel closes, with the imports planned from them. The UI names
//! files by handle, so a password crosses IPC once, when its file is opened, and an import
//! sends the payload its plan made: it never plans twice.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use errors::{Code, Error, Result};
use inspect::import::{ContentType, ImportPlan, OpenedFile, Payload, plan};

use crate::blocking::blocking;

#[derive(Default)]
pub struct OpenedFiles {
    state: Mutex<State>,
    next: AtomicU32,
}

#[derive(Default)]
struct State {
    files: HashMap<u32, Arc<OpenedFile>>,
    /// Each file's certificates (DER, file order), for a merge: public, so kept as is.
    certificates: HashMap<u32, Vec<Vec<u8>>>,
    /// Few at a time (one per card and content type), so a list beats a map.
    plans: Vec<(PlanKey, Arc<Planned>)>,
}

#[derive(PartialEq)]
struct PlanKey {
    files: Vec<u32>,
    content_type: Option<ContentType>,
}

/// Opened files planned as one certificate: what the UI is shown, and what is sent.
pub struct Planned {
    pub plan: ImportPlan,
    /// `None` when Key Vault would refuse what would be sent.
    pub payload: Option<Payload>,
}

impl OpenedFiles {
    /// Keeps `file` and its `certificates` (DER, as read from it) under a new handle.
    pub fn insert(&self, file: OpenedFile, certificates: Vec<Vec<u8>>) -> u32 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let mut state = self.lock();
        state.files.insert(id, Arc::new(file));
        state.certificates.insert(id, certificates);
        id
    }

    /// The certificates of the files behind `ids` (DER), file after file.
    pub fn certificates(&self, ids: &[u32]) -> Result<Vec<Vec<u8>>> {
        self.get(ids)?;
        let state = self.lock();
        Ok(ids
            .iter()
            .filter_map(|id| state.certificates.get(id))
            .flatten()
            .cloned()
            .collect())
    }

    /// The files behind `ids`, in order.
    pub fn get(&self, ids: &[u32]) -> Result<Vec<Arc<OpenedFile>>> {
        let state = self.lock();
        ids.iter()
            .map(|id| {
                state.files.get(id).cloned().ok_or_else(|| {
                    Error::new(
                        Code::NotFound,
                        "This file is no longer open (the import panel was closed).",
                    )
                    .with_hint("Drop or pick the file again.")
                })
            })
            .collect()
    }

    /// Plans `ids` as one certificate, or returns the plan made before for the same files
    /// and content type.
    pub async fn plan(
        &self,
        ids: &[u32],
        content_type: Option<ContentType>,
    ) -> Result<Arc<Planned>> {
        let key = PlanKey {
            files: ids.to_vec(),
            content_type,
        };
        if let Some((_, planned)) = self.lock().plans.iter().find(|(k, _)| *k == key) {
            return Ok(planned.clone());
        }
        let files = self.get(ids)?;
        let planned = blocking(move || {
            let refs: Vec<_> = files.iter().map(AsRef::as_ref).collect();
            let (plan, payload) = plan(&refs, content_type)
                .map_err(|err| Error::new(Code::InvalidInput, err.to_string()))?;
            Ok(Arc::new(Planned { plan, payload }))
        })
        .await?;
        let mut state = self.lock();
        // Files closed while planning take their plan with them.
        if ids.iter().all(|id| state.files.contains_key(id)) {
            state.plans.push((key, planned.clone()));
        }
        Ok(planned)
    }

    /// Forgets `ids` and the plans made from them; their bytes, keys and passwords are
    /// zeroized once no import uses them.
    pub fn close(&self, ids: &[u32]) {
        let mut state = self.lock();
        for id in ids {
            state.files.remove(id);
            state.certificates.remove(id);
        }
        state
            .plans
            .retain(|(key, _)| !key.files.iter().any(|id| ids.contains(id)));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::Zeroizing;

    fn pem_with_key() -> Vec<u8> {
        let out = std::process::Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ])
            .args(["-nodes", "-subj", "/CN=t", "-keyout", "-", "-out", "-"])
            .output()
            .expect("openssl");
        assert!(out.status.success());
        out.stdout
    }

    #[test]
    fn files_are_named_by_handle_until_closed() {
        let store = OpenedFiles::default();
        let open = || OpenedFile::open(Zeroizing::new(pem_with_key()), None).unwrap();
        let (a, b) = (
            store.insert(open(), Vec::new()),
            store.insert(open(), Vec::new()),
        );
        assert_ne!(a, b);
        assert_eq!(store.get(&[b, a]).unwrap().len(), 2);
        store.close(&[a]);
        let err = store.get(&[a, b]).unwrap_err();
        assert_eq!(err.code, Code::NotFound);
        assert!(err.hint.is_some());
        assert!(store.get(&[b]).is_ok());
    }

    #[tokio::test]
    async fn a_plan_is_made_once_and_closed_with_its_files() {
        let store = OpenedFiles::default();
        let id = store.insert(
            OpenedFile::open(Zeroizing::new(pem_with_key()), None).unwrap(),
            Vec::new(),
        );
        let first = store.plan(&[id], None).await.unwrap();
        assert!(
            first.payload.is_some(),
            "a certificate with its key is importable"
        );
        let again = store.plan(&[id], None).await.unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the same files plan once");
        let pfx = store.plan(&[id], Some(ContentType::Pfx)).await.unwrap();
        assert!(
            !Arc::ptr_eq(&first, &pfx),
            "another content type is another plan"
        );
        store.close(&[id]);
        assert!(store.lock().plans.is_empty());
        let closed = store
            .plan(&[id], None)
            .await
            .err()
            .expect("closed files cannot plan");
        assert_eq!(closed.code, Code::NotFound);
    }
}
