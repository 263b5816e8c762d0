//! Zone rules from the browser's own tz database, through `Intl.DateTimeFormat`.
//!
//! A formatter is built once per zone and kept, since a table may format a thousand times.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

thread_local! {
    static FORMATTERS: RefCell<HashMap<String, Option<Intl::DateTimeFormat>>> =
        RefCell::new(HashMap::new());
}

/// A formatter that writes every field of a date as numbers in `zone`; `None` when the
/// browser does not know the zone (the constructor throws a `RangeError`).
fn formatter(zone: &str) -> Option<Intl::DateTimeFormat> {
    FORMATTERS.with(|cache| {
        cache
            .borrow_mut()
            .entry(zone.to_string())
            .or_insert_with(|| {
                let options = Object::new();
                let set = |key: &str, value: &str| {
                    Reflect::set(&options, &key.into(), &value.into()).is_ok()
                };
                let complete = set("timeZone", zone)
                    && set("hourCycle", "h23")
                    && ["year", "month", "day", "hour", "minute", "second"]
                        .iter()
                        .all(|field| set(field, "numeric"));
                if !complete || zone.is_empty() {
                    return None;
                }
                let locales = Array::of1(&JsValue::from_str("en-US"));
                // The constructor throws for an unknown zone; catch it rather than abort.
                let construct = js_sys::Function::new_with_args(
                    "locales, options",
                    "try { return new Intl.DateTimeFormat(locales, options); } catch (e) { return null; }",
                );
                let made = construct.call2(&JsValue::NULL, &locales, &options).ok()?;
                (!made.is_null()).then(|| made.into())
            })
            .clone()
    })
}

pub fn is_known(name: &str) -> bool {
    formatter(name).is_some()
}

pub fn offset_seconds(name: &str, instant: DateTime<Utc>) -> Option<i32> {
    let formatter = formatter(name)?;
    let date = Date::new(&JsValue::from_f64(instant.timestamp() as f64 * 1000.0));
    let parts = formatter.format_to_parts(&date);
    let mut fields = HashMap::new();
    for part in parts.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        if let Ok(number) = value.parse::<u32>() {
            fields.insert(kind, number);
        }
    }
    let field = |name: &str| fields.get(name).copied();
    let local = NaiveDate::from_ymd_opt(field("year")? as i32, field("month")?, field("day")?)?
        .and_hms_opt(field("hour")?, field("minute")?, field("second")?)?;
    i32::try_from((local - instant.naive_utc()).num_seconds()).ok()
}
