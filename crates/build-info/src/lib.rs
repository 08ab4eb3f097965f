//! For build scripts: the short git commit a binary is built from, so About and `--version`
//! can say `0.1.0 (abc1234)`. Only the leaf binaries' build scripts call it, so a new commit
//! rebuilds them, not the crates under them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The variable [`emit_commit`] sets for the crate being built, and which a packager may set
/// instead (building from a source tarball, where there is no git to ask).
pub const COMMIT_ENV: &str = "CERTDECK_COMMIT";

/// What the commit reads as when neither git nor [`COMMIT_ENV`] says.
pub const UNKNOWN: &str = "unknown";

/// Sets `CERTDECK_COMMIT` for the crate being built, and tells Cargo to run the build script
/// again only when the commit can have changed: `HEAD` moved or the branch it names did.
/// Whether the tree is dirty is left out on purpose: knowing it would mean rerunning (and
/// relinking) on every edit to any file.
pub fn emit_commit() {
    println!("cargo::rerun-if-env-changed={COMMIT_ENV}");
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let dir = manifest_dir.as_deref().unwrap_or(Path::new("."));
    let from_env = std::env::var(COMMIT_ENV)
        .ok()
        .filter(|c| !c.trim().is_empty());
    let commit = match from_env {
        Some(commit) => commit.trim().to_owned(),
        None => {
            for file in watched_files(dir) {
                println!("cargo::rerun-if-changed={}", file.display());
            }
            commit_in(dir).unwrap_or_else(|| UNKNOWN.to_owned())
        }
    };
    println!("cargo::rustc-env={COMMIT_ENV}={commit}");
}

/// The short commit of the checkout around `dir`; `None` without git or outside a checkout.
pub fn commit_in(dir: &Path) -> Option<String> {
    git(dir, &["rev-parse", "--short=7", "HEAD"])
}

/// The files whose change means another commit: `HEAD`, and the branch it points to (its
/// loose ref, or `packed-refs` once git has packed it). Absolute, and right for worktrees.
/// Empty outside a checkout: then nothing in git can change the answer.
fn watched_files(dir: &Path) -> Vec<PathBuf> {
    let git_path = |name: &str| {
        git(
            dir,
            &["rev-parse", "--path-format=absolute", "--git-path", name],
        )
        .map(PathBuf::from)
    };
    let mut files: Vec<PathBuf> = git_path("HEAD").into_iter().collect();
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        match git_path(&branch) {
            Some(loose) if loose.exists() => files.push(loose),
            _ => files.extend(git_path("packed-refs")),
        }
    }
    files
}

/// Runs git in `dir`; its trimmed output when it succeeded and said something.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn a_checkout_names_its_commit_and_the_refs_that_move_it() {
        let repo = tempfile::tempdir().unwrap();
        let dir = repo.path();
        run(dir, &["init", "-q", "-b", "main"]);
        std::fs::write(dir.join("a"), "a").unwrap();
        run(dir, &["add", "a"]);
        let author = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
        run(dir, &[&author[..], &["commit", "-q", "-m", "a"]].concat());

        let commit = commit_in(dir).expect("a commit");
        assert_eq!(commit.len(), 7, "{commit}");
        assert!(commit.chars().all(|c| c.is_ascii_hexdigit()), "{commit}");
        let git_dir = dir.canonicalize().unwrap().join(".git");
        assert_eq!(
            watched_files(dir),
            [git_dir.join("HEAD"), git_dir.join("refs/heads/main")]
        );
        // Once the branch is packed, its loose ref is gone: packed-refs is what moves.
        run(dir, &["pack-refs", "--all"]);
        assert_eq!(
            watched_files(dir),
            [git_dir.join("HEAD"), git_dir.join("packed-refs")]
        );
    }

    #[test]
    fn outside_a_checkout_the_commit_is_unknown_and_nothing_is_watched() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(commit_in(dir.path()), None);
        assert!(watched_files(dir.path()).is_empty());
    }
}
