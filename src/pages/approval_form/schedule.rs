//! The time window (start, end, their zone, presets, "Start now") and the optional working
//! hours with a preview of the next access windows.

use chrono::{TimeDelta, Utc};
use leptos::html::Input;
use leptos::prelude::*;

use super::errors::{described_by, field_error, invalid};
use crate::components::use_viewer_zone;
use crate::model::{ApprovalDraft, Field, FieldError};
use crate::time::{self, access_windows};

/// The duration presets: label and length.
const PRESETS: [(&str, i64); 6] =
    [("1 h", 1), ("4 h", 4), ("8 h", 8), ("1 day", 24), ("3 days", 72), ("7 days", 168)];

#[component]
pub fn WindowFields(
    draft: ApprovalDraft,
    start_locked: bool,
    errors: RwSignal<Vec<FieldError>>,
    live: RwSignal<ApprovalDraft>,
    hydrated: RwSignal<bool>,
    zone_guessed: bool,
) -> impl IntoView {
    let (start_date, start_time) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    let window_zone = NodeRef::<Input>::new();
    let (end_date, end_time) = (NodeRef::<Input>::new(), NodeRef::<Input>::new());
    // Fills the start (or end) inputs with `at` in the window's zone, and the live draft too.
    let set_inputs = move |is_start: bool, at: chrono::DateTime<Utc>| {
        let (date, clock) = if is_start { (start_date, start_time) } else { (end_date, end_time) };
        let Some(zone) = time::zone(&live.with_untracked(|d| d.window_zone.clone())) else {
            return;
        };
        let local = zone.local(at);
        if let (Some(date), Some(clock)) = (date.get(), clock.get()) {
            date.set_value(&local.format("%Y-%m-%d").to_string());
            clock.set_value(&local.format("%H:%M").to_string());
        }
        live.update(|draft| {
            let (d, t) = (local.format("%Y-%m-%d").to_string(), local.format("%H:%M").to_string());
            if is_start {
                (draft.start_date, draft.start_time) = (d, t);
            } else {
                (draft.end_date, draft.end_time) = (d, t);
            }
        });
    };
    let start_instant = move || {
        live.with(|draft| {
            let zone = time::zone(&draft.window_zone)?;
            let date = chrono::NaiveDate::parse_from_str(&draft.start_date, "%Y-%m-%d").ok()?;
            let clock = chrono::NaiveTime::parse_from_str(&draft.start_time, "%H:%M").ok()?;
            Some(zone.resolve(date.and_time(clock)).earliest())
        })
    };
    let presets = PRESETS.map(|(label, hours)| {
        view! {
            <button type="button" class="small-button" on:click=move |_| {
                if let Some(start) = start_instant() {
                    set_inputs(false, start + TimeDelta::hours(hours));
                }
            }>{label}</button>
        }
    });
    let start_now = move |_| {
        let now = Utc::now();
        let minute = chrono::DateTime::from_timestamp(now.timestamp() / 60 * 60, 0).unwrap_or(now);
        set_inputs(true, minute);
    };
    // A first visit is rendered in UTC; once the browser names its zone, the window is shown
    // in it instead, at the same instants, unless the reader has already chosen a zone.
    if zone_guessed {
        let reader = use_viewer_zone();
        let served = draft.clone();
        Effect::new(move |adopted: Option<bool>| {
            let reader = reader.get();
            if adopted == Some(true) || !hydrated.get() || reader.name() == "UTC" {
                return adopted.unwrap_or(false);
            }
            // The inputs themselves, not the draft: a reader may type before the page has
            // hydrated, when no input event reaches the draft yet.
            let shown = |input: NodeRef<Input>| input.get_untracked().map(|input| input.value());
            let untouched = [
                (window_zone, &served.window_zone),
                (start_date, &served.start_date),
                (start_time, &served.start_time),
                (end_date, &served.end_date),
                (end_time, &served.end_time),
            ]
            .into_iter()
            .all(|(input, served)| shown(input).is_none_or(|value| value == *served));
            if !untouched {
                return true;
            }
            let (Some(start), Some(end)) =
                live.with_untracked(|draft| (draft.start_instant(), draft.end_instant()))
            else {
                return true;
            };
            if let Some(input) = window_zone.get_untracked() {
                input.set_value(reader.name());
            }
            live.update(|draft| draft.window_zone = reader.name().to_string());
            set_inputs(true, start);
            set_inputs(false, end);
            true
        });
    }
    let lock_note = start_locked.then(|| view! {
        <p class="hint">"This approval is active, so ZPA does not allow its start to change; only the end can move."</p>
    });
    view! {
        <fieldset class="field window">
            <legend>"Time window"</legend>
            <div class="field-row">
                <div class="field">
                    <label for="start_date">"Start date"</label>
                    <input id="start_date" name="start_date" aria-invalid=invalid(errors, Field::Start) aria-describedby=described_by(Field::Start) type="date" node_ref=start_date value=draft.start_date.clone() readonly=start_locked/>
                </div>
                <div class="field">
                    <label for="start_time">"Start time"</label>
                    <input id="start_time" name="start_time" aria-invalid=invalid(errors, Field::Start) aria-describedby=described_by(Field::Start) type="time" node_ref=start_time value=draft.start_time.clone() readonly=start_locked/>
                </div>
                <button type="button" class="small-button" hidden=move || !hydrated.get() || start_locked on:click=start_now>"Start now"</button>
            </div>
            {lock_note}
            {field_error(errors, Field::Start)}
            <div class="field-row">
                <div class="field">
                    <label for="end_date">"End date"</label>
                    <input id="end_date" name="end_date" aria-invalid=invalid(errors, Field::End) aria-describedby=described_by(Field::End) type="date" node_ref=end_date value=draft.end_date.clone()/>
                </div>
                <div class="field">
                    <label for="end_time">"End time"</label>
                    <input id="end_time" name="end_time" aria-invalid=invalid(errors, Field::End) aria-describedby=described_by(Field::End) type="time" node_ref=end_time value=draft.end_time.clone()/>
                </div>
                <div class="presets" role="group" aria-label="Set the end from the start" hidden=move || !hydrated.get()>
                    {presets}
                </div>
            </div>
            {field_error(errors, Field::End)}
            <div class="field">
                <label for="window_zone">"Time zone of start and end"</label>
                <input id="window_zone" name="window_zone" aria-invalid=invalid(errors, Field::WindowZone) aria-describedby=described_by(Field::WindowZone) list="zones" autocomplete="off" node_ref=window_zone value=draft.window_zone.clone()/>
                {field_error(errors, Field::WindowZone)}
            </div>
        </fieldset>
    }
}

#[component]
pub fn WorkingHoursFields(
    draft: ApprovalDraft,
    errors: RwSignal<Vec<FieldError>>,
    live: RwSignal<ApprovalDraft>,
    zone_guessed: bool,
) -> impl IntoView {
    // Like the window's zone: a default nobody chose follows the reader's zone once known.
    let hours_zone = NodeRef::<Input>::new();
    let had_hours = draft.working_hours;
    if zone_guessed {
        let reader = use_viewer_zone();
        Effect::new(move |adopted: Option<bool>| {
            let reader = reader.get();
            if adopted == Some(true) || reader.name() == "UTC" {
                return adopted.unwrap_or(false);
            }
            // Read from the input, which a reader may have typed in before the page hydrated.
            let typed = hours_zone.get_untracked().map(|input| input.value());
            // An approval saved with working hours keeps its zone, UTC or not.
            let untouched = !had_hours && typed.is_none_or(|zone| zone == "UTC");
            if untouched {
                if let Some(input) = hours_zone.get_untracked() {
                    input.set_value(reader.name());
                }
                live.update(|draft| draft.hours_zone = reader.name().to_string());
            }
            true
        });
    }
    let days = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"].map(|day| {
        let id = format!("day-{day}");
        let checked = draft.days.iter().any(|chosen| chosen == day);
        view! {
            <span class="day">
                <input type="checkbox" name="days" id=id.clone() value=day checked=checked/>
                <label for=id>{day[..1].to_string() + &day[1..].to_lowercase()}</label>
            </span>
        }
    });
    let on = move || live.with(|draft| draft.working_hours);
    view! {
        <fieldset class="field working-hours">
            <legend>"Working hours"</legend>
            <p>
                <input type="checkbox" id="working_hours" name="working_hours" value="on" checked=draft.working_hours/>
                <label for="working_hours">"Only during working hours (off: any time in the window)"</label>
            </p>
            <div class="hours-fields" class:muted=move || !on()>
                <div class="field" id="field-days">
                    <span class="label">"Days"</span>
                    <div class="days">{days}</div>
                    {field_error(errors, Field::Days)}
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="hours_from">"From"</label>
                        <input id="hours_from" name="hours_from" aria-invalid=invalid(errors, Field::From) aria-describedby=described_by(Field::From) type="time" value=draft.hours_from.clone()/>
                        {field_error(errors, Field::From)}
                    </div>
                    <div class="field">
                        <label for="hours_to">"To"</label>
                        <input id="hours_to" name="hours_to" aria-invalid=invalid(errors, Field::To) aria-describedby=described_by(Field::To) type="time" value=draft.hours_to.clone()/>
                        {field_error(errors, Field::To)}
                    </div>
                    <div class="field">
                        <label for="hours_zone">"Time zone"</label>
                        <input id="hours_zone" name="hours_zone" aria-invalid=invalid(errors, Field::TimeZone) aria-describedby=described_by(Field::TimeZone) list="zones" autocomplete="off" node_ref=hours_zone value=draft.hours_zone.clone()/>
                        {field_error(errors, Field::TimeZone)}
                    </div>
                </div>
                <Preview live/>
            </div>
        </fieldset>
    }
}

/// The next access windows the form would grant, in the approval's zone and the reader's.
#[component]
fn Preview(live: RwSignal<ApprovalDraft>) -> impl IntoView {
    let reader = use_viewer_zone();
    let windows = move || {
        let draft = live.get();
        let request = draft.to_request().ok()?;
        let hours = request.working_hours.as_ref()?;
        let zone = time::zone(&hours.time_zone)?;
        let found =
            access_windows(&hours.days, hours.from, hours.to, &zone, request.start, request.end, 5);
        let reader = reader.get();
        if found.is_empty() {
            return Some(view! {
                <div class="preview" aria-live="polite">
                    <h3>"Next access windows"</h3>
                    <p class="field-error">"None: no working hours fall inside the time window, \
                        so this approval would never let its user in."</p>
                </div>
            }.into_any());
        }
        let items = found.into_iter().map(|(from, to)| {
            let there = format!("{} – {}", time::format_in(from, &zone), time::format_in(to, &zone));
            let here = format!("{} – {}", time::format_in(from, &reader), time::format_in(to, &reader));
            view! { <li>{there} " " <span class="muted small">{format!("({here} for you)")}</span></li> }
        }).collect_view();
        Some(
            view! {
                <div class="preview" aria-live="polite">
                    <h3>"Next access windows"</h3>
                    <ul>{items}</ul>
                </div>
            }
            .into_any(),
        )
    };
    windows
}
