//! One module per page.

mod approval;
mod approvals;
mod not_found;
mod purge;
mod revoke;

pub use approval::ApprovalPage;
pub use approvals::ApprovalsPage;
pub use not_found::NotFound;
pub use purge::PurgePage;
pub use revoke::RevokePage;
