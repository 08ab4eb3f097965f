//! `tracing` into a size-capped file in the data dir: `certdeck.log`, rotated once to
//! `certdeck.log.1` when it passes the cap, so logs never grow without bound.
//! Nothing secret is ever logged: passwords, tokens and keys never reach a `tracing` call.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Largest size of one log file before it is rotated.
pub const LOG_CAP_BYTES: u64 = 5 * 1024 * 1024;
const LOG_FILE: &str = "certdeck.log";

/// A log file that rotates itself when it reaches `cap` bytes.
pub struct CappedLog {
    path: PathBuf,
    file: File,
    written: u64,
    cap: u64,
}

impl CappedLog {
    pub fn open(dir: &Path, cap: u64) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(LOG_FILE);
        let file = OpenOptions::new().create(true).append(true).open(&path)?;
        let written = file.metadata()?.len();
        Ok(Self {
            path,
            file,
            written,
            cap,
        })
    }

    fn rotate(&mut self) -> io::Result<()> {
        let mut rotated = self.path.clone().into_os_string();
        rotated.push(".1");
        std::fs::rename(&self.path, rotated)?;
        self.file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        self.written = 0;
        Ok(())
    }
}

impl Write for CappedLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written > 0 && self.written + buf.len() as u64 > self.cap {
            self.rotate()?;
        }
        let n = self.file.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Installs the global subscriber. `RUST_LOG` overrides the default level (info).
pub fn init(log_dir: &Path) -> io::Result<PathBuf> {
    let log = CappedLog::open(log_dir, LOG_CAP_BYTES)?;
    let path = log.path.clone();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // A second init (tests) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(log))
        .try_init();
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotates_at_the_cap_and_keeps_one_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = CappedLog::open(dir.path(), 100).unwrap();
        for _ in 0..5 {
            log.write_all(&[b'x'; 40]).unwrap();
        }
        let current = std::fs::metadata(dir.path().join(LOG_FILE)).unwrap().len();
        let old = std::fs::metadata(dir.path().join("certdeck.log.1"))
            .unwrap()
            .len();
        assert!(current <= 100, "current log is {current} bytes");
        assert_eq!(old, 80);
        assert_eq!(current, 40);
    }

    #[test]
    fn appends_to_an_existing_log() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOG_FILE), b"earlier\n").unwrap();
        let mut log = CappedLog::open(dir.path(), 1000).unwrap();
        log.write_all(b"later\n").unwrap();
        let text = std::fs::read_to_string(dir.path().join(LOG_FILE)).unwrap();
        assert_eq!(text, "earlier\nlater\n");
    }
}
