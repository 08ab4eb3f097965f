//! Tauri commands: thin adapters that unwrap state, call the logic, and map errors.

pub mod about;
pub mod settings;
