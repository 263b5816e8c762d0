//! The application segment picker: a server search as the reader types, the chosen segments
//! as removable chips, select-all-shown and clear, and each segment's domains.
//!
//! Without JavaScript it is a list of every segment as checkboxes. With it, the list narrows
//! to the server's matches, and chosen segments outside the matches travel as hidden inputs.

use leptos::prelude::*;

use super::errors::field_error;
use crate::api::search_segments;
use crate::model::{ApplicationSegment, Field, FieldError, MAX_SEGMENTS};

#[component]
pub fn SegmentPicker(
    segments: Vec<ApplicationSegment>,
    chosen: Vec<String>,
    errors: RwSignal<Vec<FieldError>>,
    microtenant: Option<u64>,
    hydrated: RwSignal<bool>,
) -> impl IntoView {
    let known = StoredValue::new(segments.clone());
    let chosen =
        RwSignal::new(chosen.iter().filter_map(|id| id.parse::<u64>().ok()).collect::<Vec<_>>());
    let search = RwSignal::new(String::new());
    let matches = Resource::new(
        move || search.get(),
        move |text| async move {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                search_segments(text, microtenant).await.map(Some)
            }
        },
    );
    let shown = Memo::new(move |_| match matches.get() {
        Some(Ok(Some(found))) => found,
        _ => known.get_value(),
    });
    let name_of = move |id: u64| {
        known
            .with_value(|all| all.iter().find(|s| s.id == id).map(|s| s.display_name()))
            .unwrap_or_else(|| format!("Segment {id}"))
    };
    let toggle = move |id: u64| {
        chosen.update(|list| match list.iter().position(|chosen| *chosen == id) {
            Some(index) => {
                list.remove(index);
            }
            None => list.push(id),
        })
    };
    let chips = move || {
        chosen.get().into_iter().map(|id| view! {
            <li class="chip">
                {name_of(id)}
                <button type="button" class="chip-remove" aria-label=format!("Remove {}", name_of(id))
                    on:click=move |_| toggle(id)>"×"</button>
            </li>
        }).collect_view()
    };
    let hidden_chosen = move || {
        let shown_ids: Vec<u64> = shown.with(|list| list.iter().map(|s| s.id).collect());
        chosen
            .get()
            .into_iter()
            .filter(|id| !shown_ids.contains(id))
            .map(|id| view! { <input type="hidden" name="segment" value=id.to_string()/> })
            .collect_view()
    };
    let initially: Vec<u64> = chosen.get_untracked();
    let options = move || {
        shown.get().into_iter().map(|segment| {
            let id = segment.id;
            let input_id = format!("segment-{id}");
            let domains = segment.domains.join(", ");
            view! {
                <li>
                    <input type="checkbox" name="segment" id=input_id.clone() value=id.to_string()
                        checked=initially.contains(&id)
                        prop:checked=move || chosen.with(|list| list.contains(&id))
                        on:change=move |_| toggle(id)/>
                    <label for=input_id>{segment.display_name()}</label>
                    <span class="muted small">" " {domains}</span>
                </li>
            }
        }).collect_view()
    };
    let select_shown = move |_| {
        let ids: Vec<u64> = shown.with(|list| list.iter().map(|s| s.id).collect());
        chosen.update(|list| {
            for id in ids {
                if !list.contains(&id) && list.len() < MAX_SEGMENTS {
                    list.push(id);
                }
            }
        })
    };
    view! {
        <fieldset class="field segment-picker" id="field-segments">
            <legend>"Application segments"</legend>
            <p class="hint">{format!("Between 1 and {MAX_SEGMENTS}. ")}{move || format!("{} chosen.", chosen.with(Vec::len))}</p>
            <ul class="chips" aria-label="Chosen segments" hidden=move || !hydrated.get()>{chips}</ul>
            <div class="picker-tools" hidden=move || !hydrated.get()>
                <label for="segment-search">"Find segments"</label>
                <input id="segment-search" type="search" autocomplete="off" placeholder="Part of a segment name"
                    on:input=move |event| search.set(event_target_value(&event))/>
                <button type="button" on:click=select_shown>"Select all shown"</button>
                <button type="button" on:click=move |_| chosen.set(Vec::new())>"Clear"</button>
            </div>
            {hidden_chosen}
            <ul class="segment-options">{options}</ul>
            {field_error(errors, Field::Segments)}
        </fieldset>
    }
}
