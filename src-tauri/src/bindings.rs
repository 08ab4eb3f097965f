//! The IPC contract in TypeScript: every type a command takes or returns, generated with
//! ts-rs into `ui/src/ipc/bindings/`. The test below fails when the committed files are stale;
//! `UPDATE_BINDINGS=1 cargo test -p certdeck bindings` rewrites them.

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use ts_rs::{Config, TS};

    use crate::commands::about::AboutInfo;
    use crate::error::AppError;
    use crate::settings::Settings;

    /// Every root type of the contract; their dependencies come along.
    fn export_all(cfg: &Config) {
        AboutInfo::export_all(cfg).unwrap();
        AppError::export_all(cfg).unwrap();
        Settings::export_all(cfg).unwrap();
        vault::VaultEntry::export_all(cfg).unwrap();
        vault::CertificateSummary::export_all(cfg).unwrap();
        vault::CertificateDetails::export_all(cfg).unwrap();
        inspect::Report::export_all(cfg).unwrap();
        crate::commands::files::OpenedFileInfo::export_all(cfg).unwrap();
        inspect::import::ImportPlan::export_all(cfg).unwrap();
        vault::NameStatus::export_all(cfg).unwrap();
        vault::ImportOptions::export_all(cfg).unwrap();
    }

    fn committed_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/ipc/bindings")
    }

    fn read_tree(dir: &Path) -> BTreeMap<String, String> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return BTreeMap::new();
        };
        entries
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read_to_string(&path).unwrap())
            })
            .collect()
    }

    fn config(dir: &Path) -> Config {
        // Times and sizes fit in a JS number; bigint would leak into every view.
        Config::new().with_out_dir(dir).with_large_int("number")
    }

    #[test]
    fn typescript_bindings_are_fresh() {
        let fresh = tempfile::tempdir().unwrap();
        export_all(&config(fresh.path()));
        let expected = read_tree(fresh.path());
        assert!(expected.contains_key("AppError.ts"));

        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            let dir = committed_dir();
            let _ = std::fs::remove_dir_all(&dir);
            export_all(&config(&dir));
            return;
        }
        let committed = read_tree(&committed_dir());
        assert!(
            committed == expected,
            "ui/src/ipc/bindings is stale: run `UPDATE_BINDINGS=1 cargo test -p certdeck bindings` \
             and commit the result (stale or missing: {:?})",
            expected
                .iter()
                .filter(|(name, text)| committed.get(*name) != Some(text))
                .map(|(name, _)| name)
                .chain(
                    committed
                        .keys()
                        .filter(|name| !expected.contains_key(*name))
                )
                .collect::<Vec<_>>()
        );
    }
}
