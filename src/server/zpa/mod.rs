//! The ZPA management API client, server only.
//!
//! `wire` is ZPA's format as it travels (digit strings, epoch seconds, camelCase); `client`
//! sends requests and decodes replies into the shared domain types, with `sign_in` for the
//! token, `budget` for ZPA's rate limit and `reads` for reads shared between readers; `error`
//! turns every failure into one typed error that maps once to what a user sees.

mod budget;
mod client;
mod error;
mod listing;
mod reads;
mod sign_in;
mod wire;

pub use client::ZpaClient;
pub use error::ZpaError;
pub use wire::{
    decode_approval, decode_page, decode_segment, WireApproval, WireErrorBody, WirePage,
    WireSegment, WireToken,
};
