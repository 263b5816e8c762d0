//! Zone rules from the tz database bundled into the server (through `jiff`), so that every
//! server answers alike however current its host's own copy is.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use jiff::tz::TimeZoneDatabase;
use jiff::Timestamp;

fn database() -> &'static TimeZoneDatabase {
    static DATABASE: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DATABASE.get_or_init(TimeZoneDatabase::bundled)
}

pub fn is_known(name: &str) -> bool {
    !name.is_empty() && database().get(name).is_ok()
}

pub fn offset_seconds(name: &str, instant: DateTime<Utc>) -> Option<i32> {
    let zone = database().get(name).ok()?;
    let timestamp = Timestamp::from_second(instant.timestamp()).ok()?;
    Some(zone.to_offset(timestamp).seconds())
}

/// Every zone name the database knows, for the zone pickers.
pub fn names() -> Vec<String> {
    let mut names: Vec<String> = database().available().map(|name| name.to_string()).collect();
    names.sort();
    names
}
