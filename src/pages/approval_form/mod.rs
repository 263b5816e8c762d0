//! `/approvals/new` and `/approvals/{id}/edit`: one form for creating and editing an approval.
//!
//! The form is plain HTML that posts to its own address, so it works without JavaScript: the
//! server saves it, or renders it again with everything as typed and each error beside its
//! field. With JavaScript the same form saves through a server function without a reload,
//! shows progress, and ignores a second click while saving.

mod errors;
mod picker;
mod schedule;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

use crate::api::{start_form, FormStart};
use crate::components::{set_http_status, use_microtenant, ErrorPanel};
use crate::model::{scoped, ApprovalDraft, ConsoleError, Field};
use errors::{field_error, ErrorSummary};
use picker::SegmentPicker;
use schedule::{WindowFields, WorkingHoursFields};

#[component]
pub fn ApprovalFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id =
        Memo::new(move |_| params.with(|map| map.get("id").and_then(|id| id.parse::<u64>().ok())));
    let microtenant = use_microtenant();
    let email = Memo::new(move |_| query.with(|map| map.get("email")));
    let start = Resource::new(
        move || (id.get(), microtenant.get(), email.get()),
        |(id, microtenant, email)| start_form(id, microtenant, email),
    );
    let content = move || {
        Suspend::new(async move {
            let (id, microtenant) = (id.get_untracked(), microtenant.get_untracked());
            match start.await {
                Ok(start) => view! { <ApprovalForm start id microtenant/> }.into_any(),
                Err(error) => {
                    let retry = match id {
                        Some(id) => scoped(&format!("/approvals/{id}/edit"), microtenant),
                        None => scoped("/approvals/new", microtenant),
                    };
                    view! { <ErrorPanel error retry_href=retry/> }.into_any()
                }
            }
        })
    };
    let heading = move || if id.get().is_some() { "Edit approval" } else { "New approval" };
    view! {
        <Title text=move || format!("{} · ZPA Privileged Approvals", heading())/>
        <h1>{heading}</h1>
        <Suspense fallback=|| view! { <p class="loading-note">"Loading the form…"</p> }>{content}</Suspense>
    }
}

#[component]
fn ApprovalForm(start: FormStart, id: Option<u64>, microtenant: Option<u64>) -> impl IntoView {
    let FormStart { draft, segments, problem, start_locked, zones, zone_guessed, home_microtenant } =
        start;
    if let Some(problem) = &problem {
        set_http_status(problem);
    }
    let (field_errors, top_problem) = match problem {
        Some(ConsoleError::InvalidFields(list)) => (list, None),
        other => (Vec::new(), other),
    };
    let errors = RwSignal::new(field_errors);
    let problem = RwSignal::new(top_problem);
    let saving = RwSignal::new(false);
    let live = RwSignal::new(draft.clone());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let action = match id {
        Some(id) => scoped(&format!("/approvals/{id}/edit"), microtenant),
        None => scoped("/approvals/new", microtenant),
    };
    let cancel = match id {
        Some(id) => scoped(&format!("/approvals/{id}"), microtenant),
        None => scoped("/approvals", microtenant),
    };
    let navigate = use_navigate();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let Some(draft) = read_form(&event) else { return };
        saving.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match crate::api::save_approval(id, microtenant, draft).await {
                Ok(saved) => navigate(
                    &scoped(&format!("/approvals/{saved}?saved={saved}"), microtenant),
                    Default::default(),
                ),
                Err(ConsoleError::InvalidFields(list)) => {
                    errors.set(list);
                    problem.set(None);
                    saving.set(false);
                }
                Err(other) => {
                    problem.set(Some(other));
                    saving.set(false);
                }
            }
        });
    };
    let on_input = move |event: leptos::ev::Event| {
        if let Some(draft) = read_form(&event) {
            live.set(draft);
        }
    };
    let zone_options =
        zones.iter().map(|zone| view! { <option value=zone.clone()></option> }).collect_view();
    view! {
        <form class="approval-form" method="post" action=action novalidate on:submit=on_submit on:input=on_input on:change=on_input>
            <ErrorSummary errors problem/>
            <div class="field" id="field-email">
                <label for="email">"User email"</label>
                <p class="hint" id="email-hint">"One address; ZPA grants each approval to one person."</p>
                <input id="email" name="email" type="email" autocomplete="off" value=draft.email.clone()
                    aria-describedby="email-hint" aria-invalid=move || errors.with(|e| e.iter().any(|e| e.field == Field::Email)).to_string()/>
                {field_error(errors, Field::Email)}
            </div>
            <SegmentPicker segments chosen=draft.segment_ids.clone() errors microtenant=Some(home_microtenant) hydrated/>
            {(id.is_none() && microtenant.is_none()).then(|| view! {
                <p class="hint">"New approvals go to the Default microtenant; to create one in another \
                    microtenant, choose it at the top of the page first."</p>
            })}
            <WindowFields draft=draft.clone() start_locked errors live hydrated zone_guessed/>
            <WorkingHoursFields draft errors live zone_guessed/>
            <datalist id="zones">{zone_options}</datalist>
            <p class="actions">
                <button type="submit" disabled=move || saving.get()>
                    {move || if saving.get() { "Saving…" } else { "Save approval" }}
                </button>
                " "
                <a class="button" href=cancel>"Cancel"</a>
            </p>
        </form>
    }
}

/// The form's fields as a draft, read from the form an event happened in (browser only).
fn read_form(event: &leptos::ev::Event) -> Option<ApprovalDraft> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let target = event.current_target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
        let data = web_sys::FormData::new_with_form(&target).ok()?;
        let mut pairs = Vec::new();
        for entry in js_sys::try_iter(&data).ok()??.flatten() {
            let entry: js_sys::Array = entry.dyn_into().ok()?;
            if let (Some(key), Some(value)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                pairs.push((key, value));
            }
        }
        Some(ApprovalDraft::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))))
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = event;
        None
    }
}
