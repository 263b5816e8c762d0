//! The emulator's own accept loop, so that a request can end its connection without a reply.
//!
//! Each connection is served in its own task. Every request on it carries a [`Connection`]
//! extension: the peer's address (ZPA's rate limits are per source address) and a switch that
//! closes the connection at once, dropping whatever the handlers were doing and whatever they
//! had not yet written. That is how a fault shows a client a connection lost mid-request.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tower::ServiceExt;

/// The connection a request arrived on.
#[derive(Clone, Debug)]
pub struct Connection {
    pub peer: SocketAddr,
    closer: Arc<Notify>,
}

impl Connection {
    /// Closes the connection without a reply. The request's handling is dropped with it, so the
    /// caller should not expect to run much longer.
    pub fn close(&self) {
        // A stored permit: the close happens even if the connection task is not waiting yet.
        self.closer.notify_one();
    }
}

/// Accepts connections on `listener` and serves each with `router` until the process ends.
pub async fn serve(listener: TcpListener, router: Router) {
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                tokio::spawn(serve_connection(stream, peer, router.clone()));
            }
            Err(cause) => {
                // Usually out of file descriptors; waiting lets some close before the next try.
                tracing::error!(%cause, "the ZPA emulator could not accept a connection");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn serve_connection(stream: TcpStream, peer: SocketAddr, router: Router) {
    let connection = Connection { peer, closer: Arc::new(Notify::new()) };
    let closer = Arc::clone(&connection.closer);
    let service = router.map_request(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(connection.clone());
        request
    });
    let builder = Builder::new(TokioExecutor::new());
    let serving = builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));

    tokio::select! {
        served = serving => {
            if let Err(cause) = served {
                tracing::debug!(%cause, %peer, "emulator connection ended with an error");
            }
        }
        () = closer.notified() => {
            tracing::debug!(%peer, "emulator closed a connection without replying");
        }
    }
}
