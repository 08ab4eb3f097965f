//! Dropping a listing stream stops the listing: no page is fetched ahead, and the request in
//! flight is abandoned. Counted at the transport, against the local vault over HTTPS.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use azure_core::http::{AsyncRawResponse, HttpClient, Request, Transport};
use futures::{StreamExt, TryStreamExt};
use support::{Local, create};
use vault::{CertificateSummary, VaultConnection, list_certificates};

/// The real HTTPS transport (trusting the local vault's CA), counting certificate-list
/// requests and, for pages after the first, waiting `later_pages_delay` before sending.
#[derive(Debug)]
struct Counting {
    http: reqwest::Client,
    later_pages_delay: Duration,
    lists: AtomicUsize,
    finished: Arc<AtomicUsize>,
    abandoned: Arc<AtomicUsize>,
}

/// Counts a request as abandoned unless it finished.
struct InFlight {
    abandoned: Arc<AtomicUsize>,
    done: bool,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if !self.done {
            self.abandoned.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[async_trait::async_trait]
impl HttpClient for Counting {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        let url = request.url();
        let is_list = url.path() == "/certificates";
        if !is_list {
            return self.http.execute_request(request).await;
        }
        self.lists.fetch_add(1, Ordering::SeqCst);
        let mut in_flight = InFlight {
            abandoned: self.abandoned.clone(),
            done: false,
        };
        if url.query_pairs().any(|(k, _)| k == "$skiptoken") {
            tokio::time::sleep(self.later_pages_delay).await;
        }
        let response = self.http.execute_request(request).await;
        in_flight.done = true;
        self.finished.fetch_add(1, Ordering::SeqCst);
        response
    }
}

impl Counting {
    fn lists(&self) -> usize {
        self.lists.load(Ordering::SeqCst)
    }
}

/// A connection to `name` whose list requests go through a fresh [`Counting`] transport.
fn counted(
    local: &Local,
    name: &str,
    later_pages_delay: Duration,
) -> (VaultConnection, Arc<Counting>) {
    let ca = std::fs::read(local.server.ca_file()).unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .tls_certs_merge([reqwest::Certificate::from_pem(&ca).unwrap()])
        .build()
        .unwrap();
    let counting = Arc::new(Counting {
        http,
        later_pages_delay,
        lists: AtomicUsize::new(0),
        finished: Arc::default(),
        abandoned: Arc::default(),
    });
    let entry = local.entry(name);
    let vault = VaultConnection::with_transport(
        &entry,
        entry.credential.build().unwrap(),
        Transport::new(counting.clone()),
    )
    .unwrap();
    (vault, counting)
}

#[tokio::test]
async fn dropping_the_stream_after_a_page_fetches_no_further_page() {
    let local = Local::start(&["paged"]).await;
    create(&local.connect("paged"), "row", 100).await;
    let (vault, counting) = counted(&local, "paged", Duration::ZERO);

    // The whole listing: four pages of 25, each one request (plus the first challenge).
    let pages: Vec<Vec<CertificateSummary>> =
        list_certificates(&vault).try_collect().await.unwrap();
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [25, 25, 25, 25]
    );
    assert_eq!(counting.lists(), 5, "one challenge and four pages");

    // One page, then the reader goes away.
    let before = counting.lists();
    let mut stream = list_certificates(&vault);
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.len(), 25);
    assert_eq!(
        counting.lists() - before,
        1,
        "the first page is one request"
    );
    drop(stream);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        counting.lists() - before,
        1,
        "pages were fetched after the stream was dropped"
    );
}

#[tokio::test]
async fn dropping_the_stream_mid_page_abandons_the_request_in_flight() {
    let local = Local::start(&["slow"]).await;
    create(&local.connect("slow"), "row", 100).await;
    let delay = Duration::from_millis(1_000);
    let (vault, counting) = counted(&local, "slow", delay);

    let mut stream = list_certificates(&vault);
    assert_eq!(stream.next().await.unwrap().unwrap().len(), 25);
    let lists_after_first = counting.lists();
    let finished_after_first = counting.finished.load(Ordering::SeqCst);

    // The reader gives up while the second page is on its way.
    let waited = tokio::time::timeout(Duration::from_millis(200), stream.next()).await;
    assert!(waited.is_err(), "the second page came early: {waited:?}");
    assert_eq!(
        counting.lists(),
        lists_after_first + 1,
        "the second page was asked for"
    );
    drop(stream);

    tokio::time::sleep(delay + Duration::from_millis(500)).await;
    assert_eq!(
        counting.abandoned.load(Ordering::SeqCst),
        1,
        "the second page's request kept running after the stream was dropped"
    );
    assert_eq!(
        counting.finished.load(Ordering::SeqCst),
        finished_after_first,
        "a request finished after the stream was dropped"
    );
    assert_eq!(
        counting.lists(),
        lists_after_first + 1,
        "a third page was asked for"
    );

    // The connection stays usable: a new listing gets everything.
    let all: Vec<Vec<CertificateSummary>> = tokio::time::timeout(
        Duration::from_secs(30),
        list_certificates(&vault).try_collect(),
    )
    .await
    .expect("a later listing is not held up by the abandoned one")
    .unwrap();
    assert_eq!(all.into_iter().flatten().count(), 100);
}
