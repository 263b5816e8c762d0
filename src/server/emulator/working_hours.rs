//! An approval's daily window: reading one from a request, and the UTC crons ZPA stores.
//!
//! Once `workingHours` is present ZPA wants all of it (days, local start and end, both crons
//! and the zone). The crons are the UTC translation of the local times, worked out at save time
//! by the Admin Portal, with the weekdays moved by one when UTC crosses midnight. ZPA does not
//! check that crons and local times agree, so the emulator stores the crons exactly as sent and
//! uses [`utc_crons`] only to build its demo data the way the Admin Portal would.

use crate::time::Zone;
use chrono::{DateTime, NaiveTime};
use serde_json::{Map, Value};

use super::errors::{ids, ZpaError};
use super::tenant::WorkingHours;

/// ZPA's weekday names, in cron order (Sunday first).
pub const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Reads and checks a `workingHours` object.
pub fn parse(value: &Value) -> Result<WorkingHours, ZpaError> {
    let Value::Object(hours) = value else {
        return Err(refuse("workingHours must be an object").with_param("workingHours"));
    };
    let days = days(hours)?;
    let start_time = clock_time(hours, "startTime")?;
    let end_time = clock_time(hours, "endTime")?;
    let start_cron = text(hours, "startTimeCron")?;
    let end_cron = text(hours, "endTimeCron")?;
    let time_zone = text(hours, "timeZone")?;
    // The tz database knows the legacy links too, so `Asia/Calcutta` passes as the Admin Portal
    // sends it.
    if crate::time::zone(&time_zone).is_none() {
        let reason = "workingHours.timeZone must be an IANA time zone name";
        return Err(ZpaError::bad_request(ids::TIMEZONE_INVALID, reason).with_param(time_zone));
    }
    Ok(WorkingHours { days, start_time, end_time, start_cron, end_cron, time_zone })
}

fn refuse(reason: impl Into<String>) -> ZpaError {
    ZpaError::bad_request(ids::WORKINGHOURS_INVALID, reason)
}

fn text(hours: &Map<String, Value>, key: &str) -> Result<String, ZpaError> {
    match hours.get(key) {
        Some(Value::String(text)) if !text.trim().is_empty() => Ok(text.clone()),
        _ => Err(refuse(format!("workingHours.{key} is required")).with_param(key)),
    }
}

fn days(hours: &Map<String, Value>) -> Result<Vec<String>, ZpaError> {
    let invalid = || {
        refuse("workingHours.days must list one or more of MON, TUE, WED, THU, FRI, SAT, SUN")
            .with_param("days")
    };
    let Some(Value::Array(listed)) = hours.get("days") else {
        return Err(invalid());
    };
    let mut days: Vec<String> = Vec::with_capacity(listed.len());
    for day in listed {
        match day.as_str() {
            Some(day) if DAYS.contains(&day) && !days.iter().any(|seen| seen == day) => {
                days.push(day.to_owned());
            }
            _ => return Err(invalid()),
        }
    }
    if days.is_empty() {
        return Err(invalid());
    }
    Ok(days)
}

fn clock_time(hours: &Map<String, Value>, key: &str) -> Result<String, ZpaError> {
    let time = text(hours, key)?;
    if minutes_of_day(&time).is_none() {
        let reason = format!("workingHours.{key} must be a 24-hour time such as 09:00");
        return Err(refuse(reason).with_param(time));
    }
    Ok(time)
}

/// Minutes since midnight of a strict `HH:MM` 24-hour time.
fn minutes_of_day(time: &str) -> Option<i32> {
    let (hours, minutes) = time.split_once(':')?;
    let digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(hours) || !digits(minutes) {
        return None;
    }
    let (hours, minutes) = (hours.parse::<i32>().ok()?, minutes.parse::<i32>().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// The `(startTimeCron, endTimeCron)` pair for a local window in `zone`, using the zone's
/// offset at `at` (epoch seconds) as the Admin Portal does at save time. `None` if a time is not
/// `HH:MM` or a day is not one of [`DAYS`].
pub fn utc_crons(
    days: &[&str],
    start: &str,
    end: &str,
    zone: &Zone,
    at: i64,
) -> Option<(String, String)> {
    let weekdays = days
        .iter()
        .map(|day| DAYS.contains(day).then(|| crate::time::day_from_wire(day)).flatten())
        .collect::<Option<Vec<_>>>()?;
    let clock = |text: &str| {
        let minutes = minutes_of_day(text)?;
        NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0)
    };
    let at = DateTime::from_timestamp(at, 0)?;
    Some(crate::time::working_hours_crons(&weekdays, clock(start)?, clock(end)?, zone, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEEKDAYS: [&str; 5] = ["MON", "TUE", "WED", "THU", "FRI"];

    fn crons(days: &[&str], zone: &str, at: i64) -> (String, String) {
        utc_crons(days, "09:00", "17:00", &crate::time::zone(zone).unwrap(), at).unwrap()
    }

    // The translation itself is tested in `time::schedule`; this checks the emulator's use of it.
    #[test]
    fn crons_match_the_admin_portal_for_calcutta() {
        let (start, end) = crons(&WEEKDAYS, "Asia/Calcutta", 1_673_536_589);
        assert_eq!(start, "0 30 3 ? * MON,TUE,WED,THU,FRI");
        assert_eq!(end, "0 30 11 ? * MON,TUE,WED,THU,FRI");
    }

    #[test]
    fn clock_times_must_be_strict_24_hour() {
        assert_eq!(minutes_of_day("09:30"), Some(570));
        for bad in ["9:30", "24:00", "12:60", "12:3a", "1230", ""] {
            assert_eq!(minutes_of_day(bad), None, "{bad} passed");
        }
    }
}
