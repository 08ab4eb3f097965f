//! One action on many certificates picked in a vault's table (enable, disable, set or remove
//! a tag, delete, back up to a folder), a result streamed per certificate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use errors::{Code, Error, Result};
use futures::StreamExt;
use policy::FieldChange;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{BulkOutcome, CertificateRef, CertificateSummary, Events};
use crate::{App, Host};

/// Certificates worked on at once across vaults; each vault's own limit (4 requests in
/// flight) still holds beneath it.
const CONCURRENCY: usize = 8;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action")]
pub enum CertificateAction {
    Enable,
    Disable,
    /// Adds the tag, or changes its value.
    SetTag {
        name: String,
        value: String,
    },
    RemoveTag {
        name: String,
    },
    /// Deletes every version (soft delete where the vault has it on).
    Delete,
    /// Writes `<name>.kvbackup` files into a folder the user picks when the run starts.
    Backup,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkActionArgs {
    pub targets: Vec<CertificateRef>,
    pub action: CertificateAction,
    /// `cancel_request` with it stops what has not started.
    pub request: u32,
}

/// What the action did to one certificate.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BulkActionItem {
    pub target: CertificateRef,
    /// `Changed`, `Unchanged` (already so) or `Failed`.
    pub outcome: BulkOutcome,
    /// The certificate's row as stored after a change of its properties, for the listing.
    pub row: Option<CertificateSummary>,
}

/// Runs `action` on every target, a bounded number at a time; streams each result as it
/// lands. A backup first asks for the folder; cancelling that runs nothing.
pub async fn bulk_certificate_action(
    app: &App,
    host: &dyn Host,
    args: BulkActionArgs,
    events: &Events<'_, BulkActionItem>,
) -> Result<Vec<BulkActionItem>> {
    let folder = match args.action {
        CertificateAction::Backup => Some(host.pick_folder().await.ok_or_else(|| {
            Error::new(Code::Cancelled, "No folder chosen; nothing was backed up.")
        })?),
        _ => None,
    };
    let action = &args.action;
    let folder = folder.as_deref();
    let request = app.requests.start(args.request);
    let events: &Events<_> = &request.events(events);
    request
        .run(async {
            let mut items = futures::stream::iter(args.targets)
                .map(|target| async move {
                    let (outcome, row) = match act(app, &target, action, folder).await {
                        Ok((changes, _)) if changes.is_empty() => (BulkOutcome::Unchanged, None),
                        Ok((changes, row)) => (BulkOutcome::Changed { changes }, row),
                        Err(error) => (BulkOutcome::Failed { error }, None),
                    };
                    BulkActionItem {
                        target,
                        outcome,
                        row,
                    }
                })
                .buffer_unordered(CONCURRENCY);
            let mut done = Vec::new();
            while let Some(item) = items.next().await {
                events(item.clone())?;
                done.push(item);
            }
            Ok(done)
        })
        .await
}

/// What `action` changed on one certificate (nothing: it was already so), and its row after.
async fn act(
    app: &App,
    target: &CertificateRef,
    action: &CertificateAction,
    folder: Option<&Path>,
) -> Result<(Vec<FieldChange>, Option<CertificateSummary>)> {
    let connection = app.vaults.connect(target.vault).await?;
    let name: &str = &target.name;
    if let Some(folder) = folder {
        let blob = Zeroizing::new(vault::backup_certificate(&connection, name).await?);
        let path = write_backup(folder, name, &blob)?;
        return Ok((
            vec![change(
                "backup",
                "Backup file",
                None::<&str>,
                Some(path.display()),
            )],
            None,
        ));
    }
    if let CertificateAction::Delete = action {
        let deleted = vault::deletion::delete_certificate(&connection, name).await?;
        let state = if deleted.recovery_id.is_some() {
            "Deleted, recoverable"
        } else {
            "Deleted for good"
        };
        return Ok((
            vec![change("state", "State", Some("Active"), Some(state))],
            None,
        ));
    }
    let current = connection.certificate(name, None).await?.summary;
    let (enabled, tags) = wanted(action, &current);
    let row = if enabled != current.enabled {
        connection.set_enabled(name, None, enabled).await?
    } else if tags != current.tags {
        connection.set_tags(name, &tags).await?
    } else {
        // Already so: nothing sent.
        return Ok((Vec::new(), None));
    };
    Ok((property_changes(&current, &row), Some(row)))
}

/// The enabled flag and tags `action` asks for, from the certificate's current ones (a backup
/// or a delete changes neither).
fn wanted(
    action: &CertificateAction,
    current: &CertificateSummary,
) -> (bool, BTreeMap<String, String>) {
    let mut tags = current.tags.clone();
    let enabled = match action {
        CertificateAction::Enable => true,
        CertificateAction::Disable => false,
        CertificateAction::SetTag { name, value } => {
            tags.insert(name.clone(), value.clone());
            current.enabled
        }
        CertificateAction::RemoveTag { name } => {
            tags.remove(name);
            current.enabled
        }
        CertificateAction::Delete | CertificateAction::Backup => current.enabled,
    };
    (enabled, tags)
}

/// The enabled flag and each tag that differ between two rows of a certificate.
fn property_changes(before: &CertificateSummary, after: &CertificateSummary) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    if before.enabled != after.enabled {
        let word = |enabled: bool| if enabled { "Enabled" } else { "Disabled" };
        changes.push(change(
            "attributes.enabled",
            "Enabled",
            Some(word(before.enabled)),
            Some(word(after.enabled)),
        ));
    }
    let names: std::collections::BTreeSet<&String> =
        before.tags.keys().chain(after.tags.keys()).collect();
    for tag in names {
        let (old, new) = (before.tags.get(tag), after.tags.get(tag));
        if old != new {
            changes.push(change(
                &format!("tags.{tag}"),
                &format!("Tag {tag}"),
                old,
                new,
            ));
        }
    }
    changes
}

fn change(
    field: &str,
    label: &str,
    before: Option<impl ToString>,
    after: Option<impl ToString>,
) -> FieldChange {
    let text = |value: Option<String>| value.unwrap_or_else(|| "—".to_owned());
    FieldChange {
        field: field.to_owned(),
        label: label.to_owned(),
        before: text(before.map(|v| v.to_string())),
        after: text(after.map(|v| v.to_string())),
    }
}

/// Writes `<name>.kvbackup` into `folder`, readable by the user alone (it holds the private
/// keys, encrypted by the service); an existing file is never overwritten.
fn write_backup(folder: &Path, name: &str, blob: &[u8]) -> Result<PathBuf> {
    let path = folder.join(format!("{name}.kvbackup"));
    files::create_private(&path, blob).map_err(|err| {
        if err.kind() == std::io::ErrorKind::AlreadyExists {
            Error::new(
                Code::AlreadyExists,
                format!(
                    "{} already exists; CertDeck does not overwrite it.",
                    path.display()
                ),
            )
            .with_hint("Move or rename that file, or back up to another folder.")
        } else {
            Error::io("write", &path, &err)
        }
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn row(enabled: bool, pairs: &[(&str, &str)]) -> CertificateSummary {
        CertificateSummary {
            name: "web".into(),
            id: "https://v/certificates/web".into(),
            version: None,
            enabled,
            not_before: None,
            expires: None,
            created: None,
            updated: None,
            thumbprint: None,
            tags: tags(pairs),
            status: vault::CertificateStatus::Healthy,
        }
    }

    #[test]
    fn changes_name_the_flag_and_each_tag_that_differs() {
        let before = row(true, &[("env", "test"), ("owner", "web")]);
        let after = row(false, &[("env", "prod"), ("team", "ops"), ("owner", "web")]);
        let changes: Vec<_> = property_changes(&before, &after)
            .into_iter()
            .map(|c| format!("{}: {} → {}", c.label, c.before, c.after))
            .collect();
        assert_eq!(
            changes,
            [
                "Enabled: Enabled → Disabled",
                "Tag env: test → prod",
                "Tag team: — → ops"
            ]
        );
    }

    #[test]
    fn a_backup_never_overwrites_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_backup(dir.path(), "web", b"blob").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"blob");
        let err = write_backup(dir.path(), "web", b"other").unwrap_err();
        assert_eq!(err.code, Code::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"blob");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
