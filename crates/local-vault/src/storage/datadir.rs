//! The data directory: mode 0700, secrets in 0600 files, created once and reused.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;

/// Paths of the files the local vault keeps in its data directory.
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Creates (or tightens) the directory to mode 0700.
    pub fn open(root: &Path) -> Result<DataDir, Error> {
        fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        fs::set_permissions(root, fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(root, e))?;
        Ok(DataDir {
            root: root.to_path_buf(),
        })
    }

    /// `DATA/NAME`.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Reads `name`, or creates it with `make()` and mode `mode` when absent.
    /// The file is written under a temporary name and renamed so a crash never leaves half a file.
    pub fn read_or_create(
        &self,
        name: &str,
        mode: u32,
        make: impl FnOnce() -> Result<Zeroizing<Vec<u8>>, Error>,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let path = self.path(name);
        match fs::read(&path) {
            Ok(bytes) => return Ok(Zeroizing::new(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let bytes = make()?;
        let tmp = self.path(&format!(".{name}.tmp"));
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(mode)
            .open(&tmp)
            .map_err(|e| Error::io(&tmp, e))?;
        file.write_all(&bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| Error::io(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(bytes)
    }

    /// Creates an empty file with mode 0600 if absent, so SQLite (which copies the database
    /// file's mode onto its -wal and -shm files) never creates key-bearing files world-readable.
    pub fn touch_private(&self, name: &str) -> Result<PathBuf, Error> {
        let path = self.path(name);
        OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600))
            .map_err(|e| Error::io(&path, e))?;
        Ok(path)
    }
}

/// Takes the data directory's exclusive lock (released when the file closes, even on SIGKILL):
/// two processes serving one directory would each keep diverging state in memory.
pub fn lock(dir: &DataDir) -> Result<std::fs::File, Error> {
    let path = dir.path("lock");
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(&path)
        .map_err(|e| Error::io(&path, e))?;
    file.try_lock().map_err(|_| Error::Busy(dir.root.clone()))?;
    Ok(file)
}

/// 32 random bytes as 64 hex characters.
pub fn random_token() -> Result<Zeroizing<Vec<u8>>, Error> {
    let bytes = crate::ids::random_bytes::<32>();
    Ok(Zeroizing::new(crate::ids::hex(&bytes).into_bytes()))
}
