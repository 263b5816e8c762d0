//! The HTML shell and the console's routes, in one place.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::{provide_viewer_zone, ConsoleHeader};
use crate::pages::{
    ApprovalFormPage, ApprovalPage, ApprovalsPage, NotFound, PurgePage, RevokePage,
};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="referrer" content="same-origin"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Routes render fully on the server before anything is sent (`SsrMode::Async`), so a
/// missing approval or a ZPA failure is served with its real HTTP status.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_viewer_zone();
    view! {
        <Stylesheet id="leptos" href="/pkg/zpa-approvals.css"/>
        <Title text="ZPA Privileged Approvals"/>
        <Router>
            <ConsoleHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/approvals") view=ApprovalsPage ssr=SsrMode::Async/>
                    <Route path=path!("/approvals/purge") view=PurgePage ssr=SsrMode::Async/>
                    <Route path=path!("/approvals/new") view=ApprovalFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/approvals/:id/edit") view=ApprovalFormPage ssr=SsrMode::Async/>
                    <Route path=path!("/approvals/:id") view=ApprovalPage ssr=SsrMode::Async/>
                    <Route path=path!("/approvals/:id/revoke") view=RevokePage ssr=SsrMode::Async/>
                </Routes>
            </main>
        </Router>
    }
}
