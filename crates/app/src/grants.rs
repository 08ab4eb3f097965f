//! The files the webview may make the backend read: exactly those the user dropped on the
//! window (the native drop event, which the page cannot forge), picked in a file dialog, or
//! opened with CertDeck (its command line).
//! Every command that reads a file goes through [`FileGrants::read`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use errors::{Code, Error, Result};

/// No certificate file comes near this; anything larger is refused before reading.
pub const MAX_FILE_BYTES: u64 = inspect::MAX_INPUT_BYTES as u64;

#[derive(Default)]
pub struct FileGrants {
    /// Canonical paths, so `a/../b` or a symlink cannot name another file.
    granted: Mutex<HashSet<PathBuf>>,
}

impl FileGrants {
    /// Grants `paths` (from a native drop or a dialog); returns the canonical paths of those
    /// that exist, which are what the UI then names.
    pub fn grant(&self, paths: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
        let canonical: Vec<PathBuf> = paths
            .into_iter()
            .filter_map(|path| path.canonicalize().ok())
            .collect();
        self.lock().extend(canonical.iter().cloned());
        canonical
    }

    /// Grants absolute `paths` named on the command line. Unlike a drop, a name there may be
    /// of no file: it is kept as named, so reading it fails with the same "could not read"
    /// a dropped file that went away gets, rather than vanishing unseen.
    pub fn grant_named(&self, paths: impl IntoIterator<Item = PathBuf>) -> Vec<PathBuf> {
        let named: Vec<PathBuf> = paths
            .into_iter()
            .map(|path| path.canonicalize().unwrap_or(path))
            .collect();
        self.lock().extend(named.iter().cloned());
        named
    }

    /// Reads a granted file, at most [`MAX_FILE_BYTES`].
    pub fn read(&self, path: &Path) -> Result<Vec<u8>> {
        let refused = || {
            Error::new(
                Code::Forbidden,
                format!(
                    "CertDeck reads only files you drop or pick; {} was neither.",
                    path.display()
                ),
            )
            .with_hint("Drop the file on the window, or choose it with Import….")
        };
        let io = |err: std::io::Error| {
            Error::io("read", path, &err)
                .with_hint("Check that the file is still there and that you may read it.")
        };
        let canonical = match path.canonicalize() {
            Ok(canonical) => canonical,
            // A granted file that is gone: say so, as for one that cannot be read.
            Err(err) if self.lock().contains(path) => return Err(io(err)),
            Err(_) => return Err(refused()),
        };
        if canonical != path || !self.lock().contains(&canonical) {
            return Err(refused());
        }
        let too_large = |size: u64| {
            Error::new(
                Code::InvalidInput,
                format!(
                    "{} is {size} bytes or more; certificate files are far smaller (limit {MAX_FILE_BYTES}).",
                    path.display()
                ),
            )
        };
        // One open handle for every check and the read, so the file cannot be swapped
        // between them; a symlink put in its place is not followed, and a FIFO does not
        // block the open.
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut options,
            libc::O_NOFOLLOW | libc::O_NONBLOCK,
        );
        let file = options.open(&canonical).map_err(|err| {
            #[cfg(unix)]
            if err.raw_os_error() == Some(libc::ELOOP) {
                return refused();
            }
            io(err)
        })?;
        let metadata = file.metadata().map_err(io)?;
        if !metadata.is_file() {
            return Err(Error::new(
                Code::InvalidInput,
                format!(
                    "{} is not a regular file (a device, a pipe or a folder); CertDeck reads certificate files only.",
                    path.display()
                ),
            ));
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(too_large(metadata.len()));
        }
        // The size said may be stale (a growing file): never read past the limit.
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
            &mut bytes,
        )
        .map_err(io)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.granted.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_granted_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().canonicalize().unwrap();
        let (dropped, other) = (dir.join("web.pfx"), dir.join("secret.key"));
        std::fs::write(&dropped, b"pfx").unwrap();
        std::fs::write(&other, b"key").unwrap();
        let grants = FileGrants::default();
        let granted = grants.grant([dropped.clone(), dir.join("gone.pfx")]);
        assert_eq!(granted, std::slice::from_ref(&dropped));

        assert_eq!(grants.read(&dropped).unwrap(), b"pfx");
        let refused = grants.read(&other).unwrap_err();
        assert_eq!(refused.code, Code::Forbidden);
        assert!(refused.hint.is_some());
        // A path that only resolves to a granted file is still not the granted name.
        let dotted = dir.join("sub/../web.pfx");
        std::fs::create_dir(dir.join("sub")).unwrap();
        assert_eq!(grants.read(&dotted).unwrap_err().code, Code::Forbidden);
    }

    #[test]
    fn a_named_file_that_is_not_there_reads_as_missing_not_as_refused() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().canonicalize().unwrap();
        let (missing, present) = (dir.join("gone.pfx"), dir.join("web.pfx"));
        std::fs::write(&present, b"pfx").unwrap();
        std::fs::create_dir(dir.join("sub")).unwrap();
        let grants = FileGrants::default();
        let named = grants.grant_named([missing.clone(), dir.join("sub/../web.pfx")]);
        assert_eq!(named, [missing.clone(), present.clone()]);
        assert_eq!(grants.read(&present).unwrap(), b"pfx");
        let err = grants.read(&missing).unwrap_err();
        assert_eq!(err.code, Code::Io);
        assert!(
            err.message.starts_with("Could not read") && err.message.contains("gone.pfx"),
            "{}",
            err.message
        );
        assert_eq!(
            err.hint.as_deref(),
            Some("Check that the file is still there and that you may read it.")
        );
        // A missing file nobody named is still refused, not reported missing.
        let other = dir.join("other.pfx");
        assert_eq!(grants.read(&other).unwrap_err().code, Code::Forbidden);
    }

    #[test]
    fn a_granted_name_swapped_for_a_symlink_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path().canonicalize().unwrap();
        let (dropped, other) = (dir.join("web.pfx"), dir.join("id_rsa"));
        std::fs::write(&dropped, b"pfx").unwrap();
        std::fs::write(&other, b"private").unwrap();
        let grants = FileGrants::default();
        grants.grant([dropped.clone()]);
        std::fs::remove_file(&dropped).unwrap();
        std::os::unix::fs::symlink(&other, &dropped).unwrap();
        assert_eq!(grants.read(&dropped).unwrap_err().code, Code::Forbidden);
    }

    #[test]
    fn devices_and_pipes_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().canonicalize().unwrap().join("pipe.pem");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let grants = FileGrants::default();
        grants.grant([fifo.clone(), PathBuf::from("/dev/zero")]);
        for path in [fifo.as_path(), Path::new("/dev/zero")] {
            let err = grants.read(path).unwrap_err();
            assert_eq!(err.code, Code::InvalidInput, "{}", path.display());
            assert!(
                err.message.contains("not a regular file"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().canonicalize().unwrap().join("huge.pem");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_FILE_BYTES + 1)
            .unwrap();
        let grants = FileGrants::default();
        grants.grant([big.clone()]);
        let err = grants.read(&big).unwrap_err();
        assert_eq!(err.code, Code::InvalidInput);
        assert!(err.message.contains("limit"), "{}", err.message);
    }
}
