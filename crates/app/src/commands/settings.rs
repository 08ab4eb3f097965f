use tauri::State;

use crate::error::AppResult;
use crate::settings::{Settings, ThemePreference};
use crate::state::AppState;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Settings {
    state.settings.lock().expect("settings lock").clone()
}

#[tauri::command]
pub fn set_theme(state: State<'_, AppState>, theme: ThemePreference) -> AppResult<Settings> {
    update(&state, |settings| settings.theme = theme)
}

/// Applies `change`, saves, and only then makes it the current settings.
fn update(state: &AppState, change: impl FnOnce(&mut Settings)) -> AppResult<Settings> {
    let mut current = state.settings.lock().expect("settings lock");
    let mut next = current.clone();
    change(&mut next);
    next.save(&state.dirs.settings_file())?;
    *current = next.clone();
    tracing::info!(theme = ?next.theme, "settings saved");
    Ok(next)
}
