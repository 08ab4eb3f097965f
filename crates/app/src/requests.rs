//! Requests the UI may cancel (a listing it no longer shows), by the number it gave them.

use std::collections::HashMap;
use std::sync::Mutex;

use errors::{Code, Error, Result};
use futures::future::{AbortHandle, Abortable};

#[derive(Default)]
pub struct Requests {
    running: Mutex<HashMap<u32, AbortHandle>>,
}

impl Requests {
    /// Runs `work` as request `request`, which [`Requests::cancel`] stops. A request number
    /// reused while running cancels the earlier one.
    pub async fn run<T>(&self, request: u32, work: impl Future<Output = Result<T>>) -> Result<T> {
        let (handle, registration) = AbortHandle::new_pair();
        if let Some(previous) = self.lock().insert(request, handle) {
            previous.abort();
        }
        let outcome = Abortable::new(work, registration).await;
        self.lock().remove(&request);
        outcome.unwrap_or_else(|_| {
            Err(Error::new(
                Code::Cancelled,
                "Stopped: you moved on before it finished.",
            ))
        })
    }

    pub fn cancel(&self, request: u32) {
        if let Some(handle) = self.lock().remove(&request) {
            handle.abort();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, AbortHandle>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn cancelling_a_request_ends_it_as_cancelled() {
        let requests = Arc::new(Requests::default());
        let running = tokio::spawn({
            let requests = requests.clone();
            async move { requests.run(7, std::future::pending::<Result<()>>()).await }
        });
        while requests.lock().is_empty() {
            tokio::task::yield_now().await;
        }
        requests.cancel(7);
        let err = running.await.unwrap().unwrap_err();
        assert_eq!(err.code, Code::Cancelled);
        assert!(requests.lock().is_empty());
    }
}
