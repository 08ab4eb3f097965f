//! Files opened from the file manager ("Open with CertDeck", `certdeck FILE…`) go where a drop
//! on the window goes, in the running app. The first launch's own files wait until the UI
//! asks for them; a second launch with the same profile hands its command line and folder to
//! the running app (the single-instance plugin, over the D-Bus session bus) and exits.
//!
//! The instance is one per profile: the D-Bus name carries a hash of the config and data
//! folders, so apps on other folders (E2E suites side by side, each with its own
//! `CERTDECK_CONFIG_DIR`) never merge. Without a session bus the plugin lets every launch
//! start on its own.

use std::path::{Path, PathBuf};

use app::{App, AppDirs};
use tauri::{AppHandle, Emitter, Manager, Wry, plugin::TauriPlugin};

use crate::window;

/// What the UI hears about files to import, after their paths are granted: the event of a
/// native drop, which the page cannot forge. Only the window's drop event, the file dialog and
/// the command line create a grant.
const FILES_DROPPED: &str = "certdeck://files-dropped";

/// Hands `paths` (granted) to the UI's drop intake.
pub fn announce(to: &impl Emitter<Wry>, paths: &[PathBuf]) {
    if let Err(err) = to.emit(FILES_DROPPED, paths) {
        tracing::warn!("could not announce files to import: {err}");
    }
}

/// Keeps this launch's own files for the UI, which asks once it listens.
pub fn at_launch(app: &App) {
    let cwd = std::env::current_dir().unwrap_or_default();
    // Nothing listens yet, so they wait (`None`) for the UI's `take_opened_files`.
    let _ = app.files_opened(std::env::args_os(), &cwd);
}

/// The single-instance plugin for the app `identifier` on this profile; register it before any
/// other plugin, so a second launch exits before the others start.
pub fn single_instance(identifier: &str, dirs: &AppDirs) -> TauriPlugin<Wry> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(identifier, dirs))
        .callback(|app, argv, cwd| second_launch(app, argv, Path::new(&cwd)))
        .build()
}

/// A second launch's files go to the drop intake, and the window comes to the front.
fn second_launch(app: &AppHandle, argv: Vec<String>, cwd: &Path) {
    tracing::info!(files = argv.len().saturating_sub(1), "opened again");
    if let Some(window) = app.get_webview_window(window::MAIN) {
        let shown = window
            .unminimize()
            .and_then(|()| window.show())
            .and_then(|()| window.set_focus());
        if let Err(err) = shown {
            tracing::warn!("could not bring the window to the front: {err}");
        }
    }
    if let Some(paths) = app.state::<App>().files_opened(argv, cwd) {
        announce(app, &paths);
    }
}

/// The D-Bus name's base: the app's identifier and this profile's folders.
fn instance_id(identifier: &str, dirs: &AppDirs) -> String {
    let folder = |dir: &Path| dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    let profile = format!(
        "{}\0{}",
        folder(&dirs.config).display(),
        folder(&dirs.data).display()
    );
    // An element of a D-Bus name may not start with a digit.
    format!("{identifier}.p{:016x}", fnv1a(profile.as_bytes()))
}

/// FNV-1a: stable across builds and Rust versions (unlike `DefaultHasher`), so an upgraded
/// CertDeck still finds the one already running.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(config: &str, data: &str) -> String {
        let dirs = AppDirs {
            config: config.into(),
            data: data.into(),
        };
        instance_id("app.certdeck.desktop", &dirs)
    }

    #[test]
    fn each_profile_is_its_own_instance() {
        let one = id("/nowhere/a/config", "/nowhere/a/data");
        assert_eq!(one, id("/nowhere/a/config", "/nowhere/a/data"));
        assert_ne!(one, id("/nowhere/b/config", "/nowhere/a/data"));
        assert_ne!(one, id("/nowhere/a/config", "/nowhere/b/data"));
        // A valid D-Bus name: elements of [A-Za-z0-9_-], none starting with a digit.
        assert!(one.starts_with("app.certdeck.desktop.p"), "{one}");
        for element in one.split('.') {
            assert!(!element.starts_with(|c: char| c.is_ascii_digit()), "{one}");
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric()), "{one}");
        }
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
