//! The quick-extend buttons (+1 h, +4 h, +1 day) on the detail page and in list rows.

use leptos::prelude::*;

use crate::api::{ExtendApproval, EXTENSIONS_HOURS};

fn label(hours: u32) -> String {
    if hours.is_multiple_of(24) {
        format!("+{} day", hours / 24)
    } else {
        format!("+{hours} h")
    }
}

/// One small form per extension, so each works as a plain POST without JavaScript. While one
/// is saving, all are disabled, so a double click cannot extend twice.
#[component]
pub fn ExtendButtons(id: u64, microtenant: Option<u64>, return_to: String) -> impl IntoView {
    let extend = ServerAction::<ExtendApproval>::new();
    let busy = extend.pending();
    let guard = crate::components::SubmitOnce::new(extend.version());
    let failure = move || {
        extend.value().get().and_then(Result::err).map(|error| {
            view! { <p class="field-error" role="alert">{error.headline()} " " {error.advice()}</p> }
        })
    };
    let buttons = EXTENSIONS_HOURS
        .into_iter()
        .map(|hours| {
            let return_to = return_to.clone();
            view! {
                <ActionForm action=extend attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string()/>
                    <input type="hidden" name="hours" value=hours.to_string()/>
                    {microtenant.map(|m| view! { <input type="hidden" name="microtenant" value=m.to_string()/> })}
                    <input type="hidden" name="return_to" value=return_to/>
                    <button type="submit" class="small-button" disabled=move || busy.get()
                        on:click=move |event| guard.admit(&event)
                        aria-label=format!("Extend approval {id} by {}", label(hours).trim_start_matches('+'))>
                        {label(hours)}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    view! {
        <div class="extend-buttons" role="group" aria-label="Extend the end">
            {buttons}
            <span class="muted small" hidden=move || !busy.get()>"Saving…"</span>
        </div>
        {failure}
    }
}
