//! Tauri commands: thin adapters that unwrap state, call the logic, and map errors.

pub mod about;
pub mod certificates;
pub mod desktop;
pub mod files;
pub mod import;
pub mod settings;
pub mod vaults;
