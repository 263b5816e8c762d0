//! One module per page.

mod approval;
mod approval_form;
mod approvals;
mod not_found;
mod purge;
mod revoke;

pub use approval::ApprovalPage;
pub use approval_form::ApprovalFormPage;
pub use approvals::ApprovalsPage;
pub use not_found::NotFound;
pub use purge::PurgePage;
pub use revoke::RevokePage;
