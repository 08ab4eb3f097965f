//! Slow and idle clients: half a header or a stalled body is cut off after the configured
//! timeouts, connections beyond the cap are closed on accept, and only HTTP/1.1 is offered.

use std::sync::Arc;
use std::time::Duration;

use local_vault::{Config, Limits, LocalVault};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::rustls::{ClientConfig, RootCertStore, crypto};

/// Longer than any timeout under test: a read still blocked after it means nobody cut it off.
const PATIENCE: Duration = Duration::from_secs(15);

struct Running {
    vault: LocalVault,
    _dir: tempfile::TempDir,
    port: u16,
    connector: TlsConnector,
}

async fn start(limits: Limits) -> Running {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = LocalVault::start_limited(Config::new(dir.path().join("data")), limits)
        .await
        .expect("local vault starts");
    let url = vault.vaults()[0].url.clone();
    let port = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("url has a port");
    let ca = std::fs::read(vault.ca_file()).expect("ca.pem");
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&ca) {
        roots.add(cert.expect("ca parses")).expect("ca added");
    }
    let mut config =
        ClientConfig::builder_with_provider(Arc::new(crypto::aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("protocol versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Running {
        vault,
        _dir: dir,
        port,
        connector: TlsConnector::from(Arc::new(config)),
    }
}

impl Running {
    async fn connect(&self) -> std::io::Result<TlsStream<TcpStream>> {
        let tcp = TcpStream::connect(("127.0.0.1", self.port)).await?;
        let name = ServerName::try_from("127.0.0.1").expect("server name");
        self.connector.connect(name, tcp).await
    }
}

/// Reads until the server closes the connection; what it sent before closing.
async fn until_closed(stream: &mut TlsStream<TcpStream>) -> String {
    let mut received = Vec::new();
    let closed = tokio::time::timeout(PATIENCE, stream.read_to_end(&mut received)).await;
    assert!(closed.is_ok(), "the server still holds the connection");
    String::from_utf8_lossy(&received).into_owned()
}

fn short() -> Limits {
    Limits {
        header_timeout: Duration::from_millis(300),
        body_timeout: Duration::from_millis(300),
        max_connections: 16,
    }
}

#[tokio::test]
async fn half_a_header_is_disconnected() {
    let server = start(short()).await;
    let mut stream = server.connect().await.expect("connects");
    stream
        .write_all(b"GET /certificates?api-version=2025-07-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("half a header sent");
    let answer = until_closed(&mut stream).await;
    assert!(!answer.contains(" 200 "), "{answer}");
    server.vault.shutdown().await;
}

#[tokio::test]
async fn a_stalled_body_gets_408_and_the_connection_closes() {
    let server = start(short()).await;
    let mut stream = server.connect().await.expect("connects");
    let head = format!(
        "PUT /certificates/contacts?api-version=2025-07-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n\
         Authorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n\
         {{\"contacts\":",
        server.vault.token()
    );
    stream.write_all(head.as_bytes()).await.expect("sent");
    let answer = until_closed(&mut stream).await;
    assert!(answer.starts_with("HTTP/1.1 408 "), "{answer}");
    assert!(answer.contains("RequestTimeout"), "{answer}");
    server.vault.shutdown().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_are_closed_and_only_http1_is_offered() {
    let server = start(Limits {
        header_timeout: Duration::from_secs(30),
        max_connections: 2,
        ..Limits::default()
    })
    .await;
    let first = server.connect().await.expect("first connects");
    assert_eq!(first.get_ref().1.alpn_protocol(), Some(&b"http/1.1"[..]));
    let _second = server.connect().await.expect("second connects");
    let mut third = server.connect().await.ok();
    if let Some(stream) = third.as_mut() {
        // A handshake may complete on the client's side before the server's close arrives.
        assert_eq!(until_closed(stream).await, "");
    }
    drop(first);
    // The slot frees once the server sees the first connection closed.
    let reconnected = tokio::time::timeout(PATIENCE, async {
        loop {
            if let Ok(mut stream) = server.connect().await {
                let probe = stream
                    .write_all(b"GET /certificates HTTP/1.1\r\nHost: x\r\n\r\n")
                    .await;
                let mut reply = [0u8; 12];
                if probe.is_ok() && stream.read_exact(&mut reply).await.is_ok() {
                    return reply;
                }
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("a connection is accepted again once one closes");
    assert_eq!(&reconnected, b"HTTP/1.1 401");
    server.vault.shutdown().await;
}
