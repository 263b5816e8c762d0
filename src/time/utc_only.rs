//! A wasm build without the browser features knows only UTC; it is never served to a reader.

use chrono::{DateTime, Utc};

pub fn is_known(name: &str) -> bool {
    name == "UTC"
}

pub fn offset_seconds(name: &str, _instant: DateTime<Utc>) -> Option<i32> {
    is_known(name).then_some(0)
}
