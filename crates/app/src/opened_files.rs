//! Files opened for import, held (with their passwords and keys, all zeroizing) until they
//! are imported or the import panel closes. The UI names them by handle, so a password
//! crosses IPC once, when its file is opened.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use inspect::import::OpenedFile;

use crate::error::{AppError, AppResult, ErrorCode};

#[derive(Default)]
pub struct OpenedFiles {
    files: Mutex<HashMap<u32, Arc<OpenedFile>>>,
    next: AtomicU32,
}

impl OpenedFiles {
    pub fn insert(&self, file: OpenedFile) -> u32 {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        lock(&self.files).insert(id, Arc::new(file));
        id
    }

    /// The files behind `ids`, in order.
    pub fn get(&self, ids: &[u32]) -> AppResult<Vec<Arc<OpenedFile>>> {
        let files = lock(&self.files);
        ids.iter()
            .map(|id| {
                files.get(id).cloned().ok_or_else(|| {
                    AppError::new(
                        ErrorCode::NotFound,
                        "This file is no longer open (the import panel was closed).",
                    )
                    .with_hint("Drop or pick the file again.")
                })
            })
            .collect()
    }

    /// Forgets `ids`; their bytes, keys and passwords are zeroized once no import uses them.
    pub fn close(&self, ids: &[u32]) {
        let mut files = lock(&self.files);
        for id in ids {
            files.remove(id);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
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
        let (a, b) = (store.insert(open()), store.insert(open()));
        assert_ne!(a, b);
        assert_eq!(store.get(&[b, a]).unwrap().len(), 2);
        store.close(&[a]);
        let err = store.get(&[a, b]).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.hint.is_some());
        assert!(store.get(&[b]).is_ok());
    }
}
