//! `/approvals/{id}/revoke`: says who loses access to what, and revokes on confirmation.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::RevokeApproval;
use crate::components::{set_http_status, use_microtenant, ErrorPanel};
use crate::model::{scoped, Approval};

#[component]
pub fn RevokePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|map| map.get("id").unwrap_or_default()));
    let microtenant = use_microtenant();
    let approval = Resource::new(
        move || (id.get(), microtenant.get()),
        |(id, microtenant)| super::approval::approval_named(id, microtenant),
    );
    let content = move || {
        Suspend::new(async move {
            match approval.await {
                Ok(approval) => {
                    view! { <Confirmation approval microtenant=microtenant.get_untracked()/> }
                        .into_any()
                }
                Err(error) => {
                    set_http_status(&error);
                    let retry = scoped(
                        &format!("/approvals/{}/revoke", id.get_untracked()),
                        microtenant.get_untracked(),
                    );
                    view! { <ErrorPanel error retry_href=retry/> }.into_any()
                }
            }
        })
    };
    view! {
        <Title text="Revoke approval · ZPA Privileged Approvals"/>
        <Suspense fallback=|| view! { <p class="loading-note">"Loading the approval…"</p> }>
            {content}
        </Suspense>
    }
}

#[component]
fn Confirmation(approval: Approval, microtenant: Option<u64>) -> impl IntoView {
    let revoke = ServerAction::<RevokeApproval>::new();
    let busy = revoke.pending();
    let guard = crate::components::SubmitOnce::new(revoke.version());
    let failure = move || {
        revoke.value().get().and_then(Result::err).map(|error| {
            view! { <p class="field-error" role="alert">{error.headline()} " " {error.advice()}</p> }
        })
    };
    let segments: Vec<String> = approval.segments.iter().map(|s| s.display_name()).collect();
    let back = scoped(&format!("/approvals/{}", approval.id), microtenant);
    view! {
        <h1>"Revoke this approval?"</h1>
        <section class="confirmation">
            <p>
                <strong>{approval.email()}</strong>
                {format!(
                    " loses privileged access to {} application segment{} at once:",
                    segments.len(),
                    if segments.len() == 1 { "" } else { "s" },
                )}
            </p>
            <ul>{segments.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
            <p>"The approval is deleted from ZPA. This cannot be undone; granting access again \
                means creating a new approval."</p>
            <ActionForm action=revoke attr:class="actions">
                <input type="hidden" name="id" value=approval.id.to_string()/>
                {microtenant.map(|m| view! { <input type="hidden" name="microtenant" value=m.to_string()/> })}
                <button type="submit" class="danger" disabled=move || busy.get()
                    on:click=move |event| guard.admit(&event)>
                    {move || if busy.get() { "Revoking…" } else { "Revoke access" }}
                </button>
                " "
                <a class="button" href=back>"Keep it"</a>
            </ActionForm>
            {failure}
        </section>
    }
}
