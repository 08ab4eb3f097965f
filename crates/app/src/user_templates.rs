//! The user's policy templates, kept in `templates.json` in the config directory. Written
//! atomically (a crash leaves the old file or the new, never half of one); a damaged file is
//! an error, never silently replaced, as it may hold hours of work.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use errors::{Code, Error, Result};
use policy::PolicyTemplate;
use serde::{Deserialize, Serialize};

pub struct UserTemplates {
    path: PathBuf,
    /// Serializes read-change-write cycles, so two saves never lose one another.
    lock: Mutex<()>,
}

#[derive(Default, Serialize, Deserialize)]
struct TemplatesFile {
    templates: Vec<PolicyTemplate>,
}

impl UserTemplates {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }

    pub fn list(&self) -> Result<Vec<PolicyTemplate>> {
        let _held = self.lock();
        read(&self.path)
    }

    /// Saves `template` under the id of its name, replacing a template of that id.
    pub fn save(
        &self,
        name: &str,
        description: &str,
        policy: vault::CertificatePolicy,
    ) -> Result<()> {
        let name = name.trim();
        let slug = slug(name);
        if slug.is_empty() {
            return Err(Error::new(
                Code::InvalidInput,
                "Give the template a name with at least one letter or digit.",
            ));
        }
        let template = PolicyTemplate {
            id: format!("user:{slug}"),
            name: name.to_owned(),
            description: description.trim().to_owned(),
            builtin: false,
            policy,
        };
        let _held = self.lock();
        let mut templates = read(&self.path)?;
        match templates.iter_mut().find(|t| t.id == template.id) {
            Some(existing) => *existing = template,
            None => templates.push(template),
        }
        write(&self.path, templates)
    }

    /// Deletes the user template `id`; NotFound when there is none.
    pub fn delete(&self, id: &str) -> Result<()> {
        let _held = self.lock();
        let mut templates = read(&self.path)?;
        let before = templates.len();
        templates.retain(|t| t.id != id);
        if templates.len() == before {
            return Err(Error::new(
                Code::NotFound,
                format!("There is no template {id}."),
            ));
        }
        write(&self.path, templates)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `Web server (contoso)` → `web-server-contoso`.
fn slug(name: &str) -> String {
    let lowered = name.to_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    words.join("-")
}

fn read(path: &Path) -> Result<Vec<PolicyTemplate>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(Error::io("read", path, &err)),
    };
    let file: TemplatesFile = serde_json::from_slice(&bytes).map_err(|err| {
        Error::new(
            Code::Io,
            format!("Your templates file {} is damaged: {err}", path.display()),
        )
        .with_hint("Fix the file or move it away; CertDeck does not overwrite it.")
    })?;
    Ok(file.templates)
}

/// Whole or not at all; readable by the user only.
fn write(path: &Path, templates: Vec<PolicyTemplate>) -> Result<()> {
    let json = serde_json::to_vec_pretty(&TemplatesFile { templates }).map_err(Error::internal)?;
    files::write_private(path, &json).map_err(|err| Error::io("write", path, &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_ids() {
        assert_eq!(slug("  Web server (Contoso) "), "web-server-contoso");
        assert_eq!(slug("Ärzte 2048"), "ärzte-2048");
        assert_eq!(slug("--"), "");
    }
}
