//! The form's errors: a summary at the top that links to each field, and a line beside it.

use leptos::prelude::*;

use crate::model::{ConsoleError, Field, FieldError};

/// The id of the element a summary link jumps to for `field`.
pub fn anchor(field: Field) -> &'static str {
    match field {
        Field::Email => "email",
        Field::Segments => "segment-search",
        Field::Start => "start_date",
        Field::End => "end_date",
        Field::WindowZone => "window_zone",
        Field::Days => "field-days",
        Field::From => "hours_from",
        Field::To => "hours_to",
        Field::TimeZone => "hours_zone",
    }
}

/// The error line beside `field`, when it has one.
pub fn field_error(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl IntoView {
    move || {
        errors.with(|errors| {
            errors.iter().find(|error| error.field == field).map(|error| {
                view! { <p class="field-error" id=format!("{}-error", anchor(field))>{error.message.clone()}</p> }
            })
        })
    }
}

/// `aria-invalid` for the inputs of `field`: "true" while it has an error.
pub fn invalid(errors: RwSignal<Vec<FieldError>>, field: Field) -> impl Fn() -> &'static str {
    move || {
        if errors.with(|errors| errors.iter().any(|error| error.field == field)) {
            "true"
        } else {
            "false"
        }
    }
}

/// `aria-describedby` for the inputs of `field`: its error message, when it shows one.
pub fn described_by(field: Field) -> String {
    format!("{}-error", anchor(field))
}

#[component]
pub fn ErrorSummary(
    errors: RwSignal<Vec<FieldError>>,
    problem: RwSignal<Option<ConsoleError>>,
) -> impl IntoView {
    let fields = move || {
        errors.with(|errors| {
            (!errors.is_empty()).then(|| {
                let items = errors
                    .iter()
                    .map(|error| {
                        let href = format!("#{}", anchor(error.field));
                        let text = format!("{}: {}", error.field.label(), error.message);
                        let target = anchor(error.field);
                        view! { <li><a href=href on:click=move |event| focus_field(&event, target)>{text}</a></li> }
                    })
                    .collect_view();
                view! {
                    <section class="error-summary" role="alert" tabindex="-1">
                        <h2>"The approval was not saved"</h2>
                        <p>"Correct the fields below, then save again. Everything you typed is kept."</p>
                        <ul>{items}</ul>
                    </section>
                }
            })
        })
    };
    let upstream = move || {
        problem.get().map(|problem| {
            view! {
                <section class="error-summary" role="alert">
                    <h2>{problem.headline()}</h2>
                    <p>{problem.advice()} " Everything you typed is kept; save again when ready."</p>
                </section>
            }
        })
    };
    view! { {fields} {upstream} }
}

/// Moves focus to the field a summary link names, so the reader can correct it at once. The
/// link's `#id` does the same without JavaScript, scrolling to it.
fn focus_field(event: &leptos::ev::MouseEvent, id: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let field = leptos::prelude::document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(field) = field {
            event.prevent_default();
            let _ = field.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (event, id);
}
