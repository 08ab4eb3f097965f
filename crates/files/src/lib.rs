//! Files only their owner may read (mode 0600 on Unix), written whole or not at all: a
//! temporary file beside the target is written and synced, then renamed (replace) or linked
//! (no overwrite) into place, so a crash or a full disk never leaves half a key file or a
//! truncated `vaults.json`, and a replaced file never keeps a wider mode.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes `bytes` to `path`, replacing a file there.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    std::fs::rename(&tmp, path)
        .inspect_err(|_| drop(std::fs::remove_file(&tmp)))
        .and_then(|()| sync_dir(path))
}

/// Writes `bytes` to `path`, which must not exist (`ErrorKind::AlreadyExists` otherwise).
pub fn create_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(path, bytes)?;
    // A hard link fails where a file exists, atomically: no check-then-write race.
    let linked = std::fs::hard_link(&tmp, path);
    std::fs::remove_file(&tmp)?;
    linked.and_then(|()| sync_dir(path))
}

/// A new, synced, owner-only file beside `path`.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = path.with_file_name(tmp_name);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written {
        Ok(()) => Ok(tmp),
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            Err(err)
        }
    }
}

/// Makes the rename or link itself durable (Windows cannot open a directory as a file).
fn sync_dir(path: &Path) -> io::Result<()> {
    if cfg!(unix)
        && let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
    {
        File::open(dir)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_replaced_file_is_narrowed_to_its_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("web.pfx");
        std::fs::write(&path, b"old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        write_private(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert_eq!(
            entries(dir.path()),
            ["web.pfx"],
            "no temporary file is left"
        );
    }

    #[test]
    fn create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("web.kvbackup");
        create_private(&path, b"first").unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let err = create_private(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(entries(dir.path()), ["web.kvbackup"]);
    }

    #[test]
    fn a_failed_write_leaves_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("x.json");
        assert!(write_private(&path, b"x").is_err());
        assert!(create_private(&path, b"x").is_err());
        assert!(entries(dir.path()).is_empty());
    }
}
