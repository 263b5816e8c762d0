//! The ZPA management API client, server only.
//!
//! `wire` is ZPA's format as it travels (digit strings, epoch seconds, camelCase); `client`
//! signs in, sends requests and decodes replies into the shared domain types; `error` turns
//! every failure into one typed error that maps once to what a user sees.

mod client;
mod error;
mod listing;
mod wire;

pub use client::ZpaClient;
pub use error::ZpaError;
pub use wire::{
    decode_approval, decode_page, decode_segment, WireApproval, WireErrorBody, WirePage,
    WireSegment, WireToken,
};
