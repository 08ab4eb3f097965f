//! Every command the UI can call, declared once in [`with_commands!`](crate::with_commands)
//! (`list.rs`). From that one list the shell registers its handlers, `build.rs` names their
//! permissions, and the bindings test writes the TypeScript `Commands` map; a test fails when
//! the capability file disagrees.
//!
//! A command is `async fn name(app: &App, host: &dyn Host, args: NameArgs) -> Result<T>`; a
//! streaming one also takes `events: &Events<E>` (the shell's channel). Adding one: write the
//! function and its args struct in the module it belongs to, add its line to `list.rs` and its
//! permission to `src-tauri/capabilities/main.json`, then regenerate the bindings.

mod about;
mod accounts;
mod attention;
mod backup;
mod bulk;
mod bulk_actions;
mod certificates;
mod contacts;
mod create;
mod deletion;
mod desktop;
mod discovery;
mod download;
mod files;
mod import;
mod issuers;
mod policy;
mod properties;
mod saved;
mod settings;
mod templates;
mod vaults;

pub use about::*;
pub use accounts::*;
pub use attention::*;
pub use backup::*;
pub use bulk::*;
pub use bulk_actions::*;
pub use certificates::*;
pub use contacts::*;
pub use create::*;
pub use deletion::*;
pub use desktop::*;
pub use discovery::*;
pub use download::*;
pub use files::*;
pub use import::*;
pub use issuers::*;
pub use policy::*;
pub use properties::*;
pub use saved::Saved;
pub use settings::*;
pub use templates::*;
pub use vaults::*;

/// Where a streaming command sends what it produces as it goes (the UI's channel).
pub type Events<'a, E> = dyn Fn(E) -> errors::Result<()> + Send + Sync + 'a;

include!("list.rs");
