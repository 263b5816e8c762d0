//! The page for an address the console does not have, served with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{scoped_href, set_http_status};
use crate::model::ConsoleError;

#[component]
pub fn NotFound() -> impl IntoView {
    set_http_status(&ConsoleError::NotFound { what: "This page".into() });
    view! {
        <Title text="Not found · ZPA Privileged Approvals"/>
        <section class="error-panel">
            <h1>"Page not found"</h1>
            <p>"The console has no page at this address. The link may be mistyped or out of date."</p>
            <p><a class="button" href=scoped_href("/approvals")>"Go to the approvals list"</a></p>
        </section>
    }
}
