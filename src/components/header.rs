//! The bar at the top of every page: the console's name, the microtenant selector, and the
//! demo-tenant banner when there is no real tenant.

use leptos::prelude::*;

use crate::api::describe_console;
use crate::components::{scoped_href, MicrotenantSelector};

#[component]
pub fn ConsoleHeader() -> impl IntoView {
    let info = OnceResource::new(describe_console());
    let selector = move || {
        Suspend::new(
            async move { info.await.ok().map(|info| view! { <MicrotenantSelector info/> }) },
        )
    };
    let demo_banner = move || {
        Suspend::new(async move {
            let demo = info.await.map(|info| info.demo).unwrap_or(false);
            demo.then(|| {
                view! {
                    <p class="demo-banner" role="note">
                        <strong>"Demo tenant."</strong>
                        " No ZPA credentials are configured, so this console shows the built-in \
                         ZPA emulator's sample data. Changes here reach no real users."
                    </p>
                }
            })
        })
    };
    let list_href = scoped_href("/approvals");
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="console-header">
            <a class="brand" href=list_href>"ZPA Privileged Approvals"</a>
            <nav aria-label="Main">
                <a href=list_href>"Approvals"</a>
            </nav>
            <Suspense fallback=|| ()>{selector}</Suspense>
        </header>
        <Suspense fallback=|| ()>{demo_banner}</Suspense>
    }
}
