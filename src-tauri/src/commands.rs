//! The Tauri commands, generated from the app core's one list ([`app::with_commands!`]): each
//! is a one-line adapter that hands the core its state, a [`TauriHost`] and the args.

use app::App;
use tauri::ipc::Channel;
use tauri::{AppHandle, State, WebviewWindow};

use crate::host::TauriHost;

macro_rules! adapters {
    ($($name:ident($args:ty) => $result:ty $(, events $event:ty)?;)*) => {
        $(adapter!($name($args) => $result $(, $event)?);)*

        /// The handler of every command in the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

macro_rules! adapter {
    ($name:ident($args:ty) => $result:ty) => {
        #[tauri::command]
        async fn $name(
            handle: AppHandle,
            window: WebviewWindow,
            app: State<'_, App>,
            args: $args,
        ) -> app::Result<$result> {
            app::commands::$name(&app, &TauriHost::new(handle, window), args).await
        }
    };
    ($name:ident($args:ty) => $result:ty, $event:ty) => {
        #[tauri::command]
        async fn $name(
            handle: AppHandle,
            window: WebviewWindow,
            app: State<'_, App>,
            args: $args,
            on_event: Channel<$event>,
        ) -> app::Result<$result> {
            let events = |event: $event| {
                on_event
                    .send(event)
                    .map_err(|err| app::Error::internal(format!("The view went away: {err}")))
            };
            app::commands::$name(&app, &TauriHost::new(handle, window), args, &events).await
        }
    };
}

app::with_commands!(adapters);
