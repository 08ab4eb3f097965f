//! CPU-heavy work (key derivation, PFX writing) off the async workers.

use errors::{Error, Result};

pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Error::internal)?
}
