//! The ZPA management API client, server only.
//!
//! `wire` is ZPA's format as it travels (digit strings, epoch seconds, camelCase); `client`
//! signs in, sends requests and decodes replies into the shared domain types; `error` turns
//! every failure into one typed error that maps once to what a user sees.

mod budget;
mod client;
mod error;
mod listing;
mod reads;
mod sign_in;
mod wire;

pub use budget::{RateBudget, READS_PER_WINDOW, WRITES_PER_WINDOW, ZPA_WINDOW};
pub use client::{ZpaClient, CONNECT_TIMEOUT, PATIENCE, READ_TIMEOUT, WRITE_TIMEOUT};
pub use error::ZpaError;
pub use reads::FRESH_FOR;
pub use wire::{
    decode_approval, decode_page, decode_segment, WireApproval, WireErrorBody, WirePage,
    WireSegment, WireToken,
};
