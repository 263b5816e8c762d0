//! One module per page.

mod approval;
mod approvals;
mod not_found;

pub use approval::ApprovalPage;
pub use approvals::ApprovalsPage;
pub use not_found::NotFound;
