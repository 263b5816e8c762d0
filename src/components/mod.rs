//! Views used by more than one page. Each is a thin view over plain, tested functions.

mod error_panel;
mod extend_buttons;
mod header;
mod microtenant_selector;
mod notice;
mod pager;
mod status_badge;
mod submit_once;
mod viewer_zone;

pub use error_panel::{set_http_status, ErrorPanel};
pub use extend_buttons::ExtendButtons;
pub use header::ConsoleHeader;
pub use microtenant_selector::{scoped_href, use_microtenant, MicrotenantSelector};
pub use notice::Notice;
pub use pager::{Pager, PagerLinks};
pub use status_badge::StatusBadge;
pub use submit_once::SubmitOnce;
#[cfg(feature = "ssr")]
pub use viewer_zone::reader_zone_from_cookie;
pub use viewer_zone::{provide_viewer_zone, use_viewer_zone, ViewerZone};
