//! Tauri commands: thin adapters that unwrap state, call the logic, and map errors.

pub mod about;
pub mod certificates;
pub mod desktop;
pub mod files;
pub mod import;
pub mod settings;
pub mod vaults;

use crate::error::{AppError, AppResult, ErrorCode};

/// Runs CPU-heavy work (key derivation, PFX writing) off the IPC thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> AppResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|err| AppError::new(ErrorCode::Internal, err.to_string()))?
}
