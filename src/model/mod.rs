//! The console's own vocabulary, shared by the server and the browser.
//!
//! These are domain types, not the ZPA wire format: ids are integers, instants are UTC
//! timestamps, and optional wire fields are `Option`s. The server's ZPA client decodes the wire
//! into these once, at its boundary; pages never see a wire string.

mod approval;
mod approval_draft;
mod approval_request;
mod error;
mod list_query;
mod microtenant;

pub use approval::{
    ApplicationSegment, Approval, ApprovalPage, ApprovalStatus, PortRange, WorkingHours,
};
pub use approval_draft::ApprovalDraft;
pub use approval_request::{
    check_person, check_request, is_plausible_email, ApprovalRequest, Field, FieldError,
    PurgeOutcome, WorkingHoursRequest, MAX_LENGTH, MAX_SEGMENTS, START_GRACE,
};
pub use error::ConsoleError;
pub use list_query::{ListQuery, PageSize, SortDir, SortField, Sorting};
pub use microtenant::{microtenant_from_url, scoped, MicrotenantChoice, DEFAULT_MICROTENANT};
