//! Remembers window size and position. The plugin writes its file only on a clean exit; a
//! session ended by the OS, a crash or a kill would forget the last layout. So the state is
//! also saved shortly after the user stops moving or resizing the window.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// How long the window must stay still before its state is written.
const SETTLE: Duration = Duration::from_millis(400);

static GENERATION: AtomicU64 = AtomicU64::new(0);

pub fn on_window_event<R: Runtime>(app: &AppHandle<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let generation = GENERATION.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if GENERATION.load(Ordering::SeqCst) == generation
            && let Err(err) = app.save_window_state(StateFlags::all())
        {
            tracing::warn!("could not save the window state: {err}");
        }
    });
}
