//! The ZPA Privileged Approvals console: a Leptos app rendered on the server and hydrated in
//! the browser.
//!
//! `model` is shared by both sides; `server` exists only in the server build and holds
//! everything that must never reach a browser: configuration, the ZPA client and the built-in
//! ZPA emulator.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod model;
pub mod pages;
pub mod time;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
