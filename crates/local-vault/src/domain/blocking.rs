//! CPU-heavy work (parsing imported files, their key derivation) on tokio's blocking pool, so
//! the async workers that answer every other request never wait for it. At most [`WORKERS`]
//! run at once and [`QUEUED`] more wait; beyond that the request is throttled (429).

use tokio::sync::Semaphore;

use crate::domain::error::{ApiError, ApiResult};

/// Heavy jobs running at once.
pub const WORKERS: usize = 4;
/// Heavy jobs waiting for a worker: bursts of imports (the paging test sends 60 at once) wait
/// rather than fail; each holds at most one request body.
pub const QUEUED: usize = 252;

static RUNNING: Semaphore = Semaphore::const_new(WORKERS);
static ADMITTED: Semaphore = Semaphore::const_new(WORKERS + QUEUED);

/// Runs `work` on the blocking pool once a worker is free. The permits travel with the job:
/// a request dropped meanwhile does not free its worker before the job ends.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    let admitted = ADMITTED.try_acquire().map_err(|_| {
        ApiError::throttled("Too many certificate files are being read; retry shortly.")
    })?;
    let running = RUNNING
        .acquire()
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let _permits = (admitted, running);
        work()
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading the certificate file failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use tokio::sync::oneshot;

    use super::*;

    #[tokio::test]
    async fn work_beyond_the_queue_is_throttled_until_it_drains() {
        // Every job blocks until its sender is dropped.
        let (gates, jobs): (Vec<_>, Vec<_>) = (0..WORKERS + QUEUED)
            .map(|_| {
                let (gate, wait) = oneshot::channel::<()>();
                let job = tokio::spawn(run(move || {
                    let _ = wait.blocking_recv();
                    Ok(())
                }));
                (gate, job)
            })
            .unzip();
        while ADMITTED.available_permits() > 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let refused = run(|| Ok(())).await.expect_err("the queue is full");
        assert_eq!(refused.status(), 429);
        assert_eq!(refused.code(), "Throttled");
        drop(gates);
        for job in jobs {
            job.await.expect("job").expect("ran");
        }
        run(|| Ok(())).await.expect("admitted again");
    }
}
