//! The microtenant selector in the header of every page.
//!
//! It is a plain GET form, so it works without JavaScript (pick, then "Switch"); with
//! JavaScript, picking is enough. Switching starts over in the chosen microtenant: the new
//! approval form stays the new approval form, every other page goes to the list, because an
//! approval of one microtenant is not found in another.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use crate::api::ConsoleInfo;
use crate::model::{microtenant_from_url, scoped, MicrotenantChoice, DEFAULT_MICROTENANT};

/// The view's microtenant, from the `microtenant` value of the current URL.
pub fn use_microtenant() -> Memo<Option<u64>> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|map| microtenant_from_url(map.get("microtenant").as_deref())))
}

/// A link inside the view's microtenant.
pub fn scoped_href(path: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let microtenant = use_microtenant();
    move || scoped(path, microtenant.get())
}

/// One option of the selector: its value, its label, and whether it is the current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectorOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// What the selector offers. Without a configured microtenant the first choice is the whole
/// tenant; with one, that microtenant is what a view without a choice shows. A microtenant the
/// URL or configuration names but the list lacks is still offered, so the selector never
/// claims a scope the page is not in.
pub fn selector_options(
    listed: &[MicrotenantChoice],
    configured: Option<u64>,
    current: Option<u64>,
) -> Vec<SelectorOption> {
    let shown = current.or(configured);
    let option = |value: String, label: String, id: Option<u64>| SelectorOption {
        value,
        label,
        selected: id == shown,
    };
    let mut options = Vec::new();
    if configured.is_none() {
        options.push(option(String::new(), "All microtenants".into(), None));
    }
    options.push(option(
        DEFAULT_MICROTENANT.to_string(),
        "Default".into(),
        Some(DEFAULT_MICROTENANT),
    ));
    for choice in listed.iter().filter(|choice| choice.id != DEFAULT_MICROTENANT) {
        options.push(option(choice.id.to_string(), choice.name.clone(), Some(choice.id)));
    }
    for unlisted in [configured, current].into_iter().flatten() {
        let known = options.iter().any(|option| option.value == unlisted.to_string());
        if !known {
            let label = format!("Microtenant {unlisted}");
            options.push(option(unlisted.to_string(), label, Some(unlisted)));
        }
    }
    options
}

/// Where switching leads from `path`.
pub fn switch_target(path: &str) -> &'static str {
    if path.trim_end_matches('/') == "/approvals/new" {
        "/approvals/new"
    } else {
        "/approvals"
    }
}

#[component]
pub fn MicrotenantSelector(info: ConsoleInfo) -> impl IntoView {
    let location = use_location();
    let current = use_microtenant();
    let form = NodeRef::<leptos::html::Form>::new();
    let target = move || switch_target(&location.pathname.get());
    let options = move || {
        selector_options(&info.microtenants, info.configured_microtenant, current.get())
            .into_iter()
            .map(|option| {
                view! { <option value=option.value selected=option.selected>{option.label}</option> }
            })
            .collect_view()
    };
    let switch_now = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(form) = form.get() {
            let _ = form.request_submit();
        }
    };
    view! {
        <form class="microtenant-selector" method="get" action=target node_ref=form>
            <label for="microtenant-choice">"Microtenant"</label>
            <select id="microtenant-choice" name="microtenant" on:change=switch_now>
                {options}
            </select>
            <button type="submit" class="button small">"Switch"</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed() -> Vec<MicrotenantChoice> {
        vec![
            MicrotenantChoice { id: 145, name: "Contractors".into() },
            MicrotenantChoice { id: 216, name: "EMEA Operations".into() },
        ]
    }

    fn labels(options: &[SelectorOption]) -> Vec<&str> {
        options.iter().map(|option| option.label.as_str()).collect()
    }

    fn selected(options: &[SelectorOption]) -> Vec<&str> {
        options.iter().filter(|option| option.selected).map(|o| o.label.as_str()).collect()
    }

    #[test]
    fn an_unscoped_view_offers_the_whole_tenant_first() {
        let options = selector_options(&listed(), None, None);
        assert_eq!(
            labels(&options),
            ["All microtenants", "Default", "Contractors", "EMEA Operations"]
        );
        assert_eq!(selected(&options), ["All microtenants"]);
        assert_eq!(options[0].value, "");
        assert_eq!(options[1].value, "0");
        assert_eq!(selected(&selector_options(&listed(), None, Some(216))), ["EMEA Operations"]);
        assert_eq!(selected(&selector_options(&listed(), None, Some(0))), ["Default"]);
    }

    #[test]
    fn a_configured_microtenant_is_the_default_scope() {
        let options = selector_options(&listed(), Some(145), None);
        assert_eq!(labels(&options), ["Default", "Contractors", "EMEA Operations"]);
        assert_eq!(selected(&options), ["Contractors"]);
    }

    #[test]
    fn a_scope_the_list_lacks_is_still_shown() {
        let options = selector_options(&[], Some(99), Some(42));
        assert_eq!(labels(&options), ["Default", "Microtenant 99", "Microtenant 42"]);
        assert_eq!(selected(&options), ["Microtenant 42"]);
    }

    #[test]
    fn switching_keeps_the_new_form_and_otherwise_goes_to_the_list() {
        assert_eq!(switch_target("/approvals/new"), "/approvals/new");
        assert_eq!(switch_target("/approvals/20001"), "/approvals");
        assert_eq!(switch_target("/approvals/20001/edit"), "/approvals");
        assert_eq!(switch_target("/approvals"), "/approvals");
    }
}
