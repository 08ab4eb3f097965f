//! Files named on CertDeck's command line: a file manager's "Open with" (`certdeck %F`), or a
//! second launch handing its own command line to the running app. They go where a drop on
//! the window goes; those that come before the UI listens wait for it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file arguments of `argv` (the program first, as the OS passes it), made absolute
/// against `cwd` (the launching process's, which may not be ours). Flags are not files.
pub fn file_args<I>(argv: I, cwd: &Path) -> Vec<PathBuf>
where
    I: IntoIterator,
    I::Item: Into<PathBuf>,
{
    argv.into_iter()
        .skip(1)
        .map(Into::into)
        .filter(|arg| !arg.as_os_str().as_encoded_bytes().starts_with(b"-"))
        .map(|path| cwd.join(path))
        .collect()
}

/// Opened files the UI has not been told about yet.
#[derive(Default)]
pub struct WaitingFiles {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Set once the UI has asked for the waiting files: from then on it hears of new ones
    /// as they come.
    listening: bool,
    waiting: Vec<PathBuf>,
}

impl WaitingFiles {
    /// `paths` to announce now (the UI listens), or `None` when they wait for [`Self::take`].
    pub fn arrived(&self, paths: Vec<PathBuf>) -> Option<Vec<PathBuf>> {
        let mut state = self.lock();
        if state.listening {
            return Some(paths);
        }
        state.waiting.extend(paths);
        None
    }

    /// The files that came before the UI listened; from now on [`Self::arrived`] hands them
    /// out at once.
    pub fn take(&self) -> Vec<PathBuf> {
        let mut state = self.lock();
        state.listening = true;
        std::mem::take(&mut state.waiting)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_resolved_against_the_launch_folder_and_flags_dropped() {
        let argv = [
            "/usr/bin/certdeck",
            "--verbose",
            "web.pfx",
            "/abs/api.pem",
            "-x",
        ];
        assert_eq!(
            file_args(argv, Path::new("/home/me/certs")),
            [
                PathBuf::from("/home/me/certs/web.pfx"),
                PathBuf::from("/abs/api.pem")
            ]
        );
        assert!(file_args(["certdeck"], Path::new("/")).is_empty());
    }

    #[test]
    fn files_wait_until_the_ui_listens_then_pass_straight_through() {
        let files = WaitingFiles::default();
        assert_eq!(files.arrived(vec!["/a".into()]), None);
        assert_eq!(files.arrived(vec!["/b".into()]), None);
        assert_eq!(files.take(), [PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(
            files.arrived(vec!["/c".into()]),
            Some(vec![PathBuf::from("/c")])
        );
        assert!(files.take().is_empty(), "each file is handed out once");
    }
}
