//! Requests the UI may cancel (a listing it no longer shows), by the number it gave them.

use std::collections::HashMap;
use std::sync::Mutex;

use errors::{Code, Error, Result};
use futures::future::{AbortHandle, AbortRegistration, Abortable};

use crate::commands::Events;

#[derive(Default)]
pub struct Requests {
    /// Each running request's abort handle, with the serial number of the run that holds it.
    running: Mutex<HashMap<u32, (u64, AbortHandle)>>,
    serial: std::sync::atomic::AtomicU64,
}

/// A request registered for cancelling, not yet run.
pub struct Request<'r> {
    requests: &'r Requests,
    id: u32,
    serial: u64,
    handle: AbortHandle,
    registration: AbortRegistration,
}

impl Requests {
    /// Registers request `request`, which [`Requests::cancel`] stops. A request number reused
    /// while running cancels the earlier one.
    pub fn start(&self, request: u32) -> Request<'_> {
        let (handle, registration) = AbortHandle::new_pair();
        let serial = self
            .serial
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some((_, previous)) = self.lock().insert(request, (serial, handle.clone())) {
            previous.abort();
        }
        Request {
            requests: self,
            id: request,
            serial,
            handle,
            registration,
        }
    }

    pub fn cancel(&self, request: u32) {
        if let Some((_, handle)) = self.lock().remove(&request) {
            handle.abort();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u32, (u64, AbortHandle)>> {
        self.running.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Request<'_> {
    /// `events` for this request: once it is cancelled, an event is not sent but fails as
    /// cancelled. The abort alone is seen only between polls, and on loopback every read can
    /// be ready within the poll whose event made the UI cancel, so the work would run on to
    /// its end, sending all the while.
    pub fn events<'e, E>(
        &self,
        events: &'e Events<'e, E>,
    ) -> impl Fn(E) -> Result<()> + Send + Sync + use<'e, E> {
        let handle = self.handle.clone();
        move |event| {
            if handle.is_aborted() {
                Err(cancelled())
            } else {
                events(event)
            }
        }
    }

    /// Runs `work` until it ends or the request is cancelled.
    pub async fn run<T>(self, work: impl Future<Output = Result<T>>) -> Result<T> {
        let outcome = Abortable::new(work, self.registration).await;
        let mut running = self.requests.lock();
        // A run that reused the number holds it now: its registration stays.
        if running
            .get(&self.id)
            .is_some_and(|(serial, _)| *serial == self.serial)
        {
            running.remove(&self.id);
        }
        outcome.unwrap_or_else(|_| Err(cancelled()))
    }
}

fn cancelled() -> Error {
    Error::new(Code::Cancelled, "Stopped: you moved on before it finished.")
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
            async move {
                let request = requests.start(7);
                request.run(std::future::pending::<Result<()>>()).await
            }
        });
        while requests.lock().is_empty() {
            tokio::task::yield_now().await;
        }
        requests.cancel(7);
        let err = running.await.unwrap().unwrap_err();
        assert_eq!(err.code, Code::Cancelled);
        assert!(requests.lock().is_empty());
    }

    #[tokio::test]
    async fn nothing_is_sent_after_a_cancel_even_within_one_poll() {
        let requests = Requests::default();
        let sent = Mutex::new(0);
        // The UI cancels on the first event it gets.
        let ui = |_: u32| {
            *sent.lock().unwrap() += 1;
            requests.cancel(1);
            Ok(())
        };
        let request = requests.start(1);
        let events = &request.events(&ui);
        // Work that never waits: it sends everything within the poll that sent the first.
        let err = request
            .run(async {
                for n in 0..3 {
                    events(n)?;
                }
                Ok(())
            })
            .await
            .unwrap_err();
        assert_eq!(err.code, Code::Cancelled);
        assert_eq!(*sent.lock().unwrap(), 1);
    }

    #[tokio::test]
    async fn a_finished_earlier_run_leaves_the_reused_numbers_registration() {
        let requests = Requests::default();
        let first = requests.start(3);
        let second = requests.start(3);
        assert_eq!(
            first.run(async { Ok(()) }).await.unwrap_err().code,
            Code::Cancelled
        );
        requests.cancel(3);
        let second = second.run(std::future::pending::<Result<()>>());
        let err = tokio::time::timeout(std::time::Duration::from_secs(5), second)
            .await
            .expect("the cancel reached the second run")
            .unwrap_err();
        assert_eq!(err.code, Code::Cancelled);
    }
}
