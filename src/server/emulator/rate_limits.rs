//! ZPA's own rate limits: per customer and source address, 20 GETs and 10 writes (POST, PUT,
//! DELETE) per 10 seconds, each window starting at its first call. A call over the limit gets
//! ZPA's 429 `invalid.toomanyrequests` with `retry-after: Ns`, the whole seconds (rounded up)
//! until its window ends.
//!
//! Off unless the emulator is built with them, so that tests which are not about rate limits
//! can call as fast as they like. Only authenticated API calls count: sign-in is not limited,
//! and a refused token is answered before the limits are consulted.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use super::connection::Connection;
use super::errors::too_many_requests;
use super::Emulator;

/// ZPA's window and the calls allowed in one.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(10);
const READS_PER_WINDOW: u32 = 20;
const WRITES_PER_WINDOW: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Read,
    Write,
}

#[derive(Debug)]
struct Window {
    start: Instant,
    calls: u32,
}

/// The open windows of every caller, and how long a window lasts.
#[derive(Debug)]
pub struct RateLimits {
    window: Duration,
    windows: HashMap<(u64, IpAddr, Kind), Window>,
}

impl RateLimits {
    pub fn new(window: Duration) -> Self {
        Self { window, windows: HashMap::new() }
    }

    /// Counts one call; `Err` holds the time until the caller's window ends.
    fn admit(
        &mut self,
        customer: u64,
        peer: IpAddr,
        method: &Method,
        now: Instant,
    ) -> Result<(), Duration> {
        let window_length = self.window;
        self.windows.retain(|_, window| now.duration_since(window.start) < window_length);

        let kind =
            if matches!(*method, Method::GET | Method::HEAD) { Kind::Read } else { Kind::Write };
        let limit = match kind {
            Kind::Read => READS_PER_WINDOW,
            Kind::Write => WRITES_PER_WINDOW,
        };
        let window =
            self.windows.entry((customer, peer, kind)).or_insert(Window { start: now, calls: 0 });
        if window.calls >= limit {
            return Err(window_length.saturating_sub(now.duration_since(window.start)));
        }
        window.calls += 1;
        Ok(())
    }
}

/// Refuses a call over the limit, when the emulator has limits.
pub async fn enforce(State(emulator): State<Emulator>, request: Request, next: Next) -> Response {
    let peer = peer_ip(&request);
    let customer = emulator.credentials().customer_id;
    let verdict = emulator
        .rate_limits()
        .as_mut()
        .map_or(Ok(()), |limits| limits.admit(customer, peer, request.method(), Instant::now()));
    match verdict {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = (wait.as_secs_f64().ceil() as u64).max(1);
            tracing::info!(method = %request.method(), path = request.uri().path(), seconds, "emulator rate limit hit");
            too_many_requests(&format!("{seconds}s"))
        }
    }
}

/// The caller's address: from the emulator's own accept loop, or from axum's connect info
/// when the router is served some other way.
fn peer_ip(request: &Request) -> IpAddr {
    let extensions = request.extensions();
    extensions
        .get::<Connection>()
        .map(|connection| connection.peer.ip())
        .or_else(|| extensions.get::<ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip()))
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMER: u64 = 216_196_257_331_281_920;
    const HERE: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    #[test]
    fn reads_and_writes_have_separate_windows_that_start_at_the_first_call() {
        let mut limits = RateLimits::new(DEFAULT_WINDOW);
        let start = Instant::now();
        for _ in 0..20 {
            assert_eq!(limits.admit(CUSTOMER, HERE, &Method::GET, start), Ok(()));
        }
        let later = start + Duration::from_millis(6_500);
        assert_eq!(
            limits.admit(CUSTOMER, HERE, &Method::GET, later),
            Err(Duration::from_millis(3_500))
        );
        for _ in 0..10 {
            assert_eq!(limits.admit(CUSTOMER, HERE, &Method::DELETE, later), Ok(()));
        }
        assert!(limits.admit(CUSTOMER, HERE, &Method::POST, later).is_err());

        let elsewhere = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
        assert_eq!(limits.admit(CUSTOMER, elsewhere, &Method::GET, later), Ok(()));
        assert_eq!(limits.admit(CUSTOMER, HERE, &Method::GET, start + DEFAULT_WINDOW), Ok(()));
        assert!(limits.admit(CUSTOMER, HERE, &Method::PUT, start + DEFAULT_WINDOW).is_err());
    }
}
