//! Zone rules from the tz database compiled into the server.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

pub fn is_known(name: &str) -> bool {
    name.parse::<Tz>().is_ok()
}

pub fn offset_seconds(name: &str, instant: DateTime<Utc>) -> Option<i32> {
    let zone: Tz = name.parse().ok()?;
    Some(zone.offset_from_utc_datetime(&instant.naive_utc()).fix().local_minus_utc())
}
