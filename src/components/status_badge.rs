//! An approval's status as a coloured badge that also reads well without colour.

use leptos::prelude::*;

use crate::model::ApprovalStatus;

/// The status word in a badge; the word itself carries the meaning, colour only repeats it.
#[component]
pub fn StatusBadge(status: ApprovalStatus) -> impl IntoView {
    let class = format!("badge badge-{}", status.wire_name().to_ascii_lowercase());
    view! { <span class=class>{status.label()}</span> }
}
