//! `/approvals/purge`: how many expired approvals will go, and purging them on confirmation.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::{list_approvals, PurgeExpired};
use crate::components::{scoped_href, use_microtenant, ErrorPanel};
use crate::model::{scoped, ApprovalStatus, ListQuery};

#[component]
pub fn PurgePage() -> impl IntoView {
    let microtenant = use_microtenant();
    let list_href = scoped_href("/approvals");
    let expired = Resource::new(
        move || ListQuery {
            page: 1,
            status: Some(ApprovalStatus::Expired),
            microtenant: microtenant.get(),
            ..Default::default()
        },
        list_approvals,
    );
    let purge = ServerAction::<PurgeExpired>::new();
    let busy = purge.pending();
    let guard = crate::components::SubmitOnce::new(purge.version());
    let content = move || {
        Suspend::new(async move {
            match expired.await {
                Ok(page) if page.total_count == 0 => view! {
                    <p>"There are no expired approvals: nothing to purge."</p>
                    <p><a class="button" href=list_href>"Back to the approvals"</a></p>
                }
                .into_any(),
                Ok(page) => {
                    let count = page.total_count;
                    let noun = if count == 1 { "approval" } else { "approvals" };
                    view! {
                        <p>{format!("{count} expired {noun} will be deleted from ZPA. Expired \
                                     approvals grant no access; purging only tidies the list.")}</p>
                        <ActionForm action=purge attr:class="actions">
                            {microtenant.get_untracked().map(|m| view! { <input type="hidden" name="microtenant" value=m.to_string()/> })}
                            <button type="submit" class="danger" disabled=move || busy.get()
                                on:click=move |event| guard.admit(&event)>
                                {move || if busy.get() { "Purging…".to_string() } else { format!("Purge {count} expired {noun}") }}
                            </button>
                            " "
                            <a class="button" href=list_href>"Cancel"</a>
                        </ActionForm>
                    }
                    .into_any()
                }
                Err(error) => {
                    let retry = scoped("/approvals/purge", microtenant.get_untracked());
                    view! { <ErrorPanel error retry_href=retry/> }.into_any()
                }
            }
        })
    };
    let failure = move || {
        purge.value().get().and_then(Result::err).map(|error| {
            view! { <p class="field-error" role="alert">{error.headline()} " " {error.advice()}</p> }
        })
    };
    view! {
        <Title text="Purge expired approvals · ZPA Privileged Approvals"/>
        <h1>"Purge expired approvals"</h1>
        <section class="confirmation">
            <Suspense fallback=|| view! { <p class="loading-note">"Counting expired approvals…"</p> }>
                {content}
            </Suspense>
            {failure}
        </section>
    }
}
