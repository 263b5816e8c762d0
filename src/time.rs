//! How instants and working hours read on a page, in whichever zone the reader is in.
//!
//! Shared by the server render and the browser, so a page hydrates with the same text it was
//! served with. Zones are IANA names resolved through the tz database compiled into the app.

use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::model::WorkingHours;

/// Resolves an IANA zone name, including legacy aliases such as `Asia/Calcutta`.
pub fn zone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// `Fri 4 Dec 2026, 16:31 CET`: the weekday helps when planning access around a weekend.
pub fn format_in(instant: DateTime<Utc>, zone: Tz) -> String {
    instant.with_timezone(&zone).format("%a %-d %b %Y, %H:%M %Z").to_string()
}

/// The same instant in UTC, with seconds, for comparing with logs and tickets.
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Machine-readable form for `<time datetime=…>`.
pub fn iso(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

/// `Mon–Fri`, `Mon, Wed, Sat–Sun`, `Every day`: runs of three or more days become a range.
pub fn summarize_days(days: &[Weekday]) -> String {
    let chosen: Vec<bool> = WEEK.iter().map(|day| days.contains(day)).collect();
    if chosen.iter().all(|&on| on) {
        return "Every day".into();
    }
    let mut parts = Vec::new();
    let mut index = 0;
    while index < WEEK.len() {
        if !chosen[index] {
            index += 1;
            continue;
        }
        let start = index;
        while index + 1 < WEEK.len() && chosen[index + 1] {
            index += 1;
        }
        match index - start {
            0 => parts.push(day_name(WEEK[start]).to_string()),
            1 => {
                parts.push(day_name(WEEK[start]).to_string());
                parts.push(day_name(WEEK[index]).to_string());
            }
            _ => parts.push(format!("{}–{}", day_name(WEEK[start]), day_name(WEEK[index]))),
        }
        index += 1;
    }
    parts.join(", ")
}

fn hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// `Mon–Fri 09:00–17:00`, without the zone, which pages show beside it.
pub fn summarize_hours(hours: &WorkingHours) -> String {
    format!("{} {}–{}", summarize_days(&hours.days), hhmm(hours.from), hhmm(hours.to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    #[test]
    fn days_collapse_into_ranges() {
        use Weekday::*;
        assert_eq!(summarize_days(&[Mon, Tue, Wed, Thu, Fri]), "Mon–Fri");
        assert_eq!(summarize_days(&[Mon, Tue]), "Mon, Tue");
        assert_eq!(summarize_days(&[Sun, Mon, Tue, Wed, Thu, Fri, Sat]), "Every day");
        assert_eq!(summarize_days(&[Sat, Mon, Wed, Sun]), "Mon, Wed, Sat, Sun");
        assert_eq!(summarize_days(&[Fri, Thu, Wed, Sun]), "Wed–Fri, Sun");
    }

    #[test]
    fn the_same_instant_reads_in_each_zone_with_its_daylight_saving_name() {
        // 2026-03-29 00:30 UTC is before Berlin springs forward; 01:30 UTC is after.
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(format_in(at(1774744200), berlin), "Sun 29 Mar 2026, 01:30 CET");
        assert_eq!(format_in(at(1774747800), berlin), "Sun 29 Mar 2026, 03:30 CEST");
        let kolkata = zone("Asia/Calcutta").unwrap();
        assert_eq!(format_in(at(1774744200), kolkata), "Sun 29 Mar 2026, 06:00 IST");
        assert_eq!(format_utc(at(1774744200)), "2026-03-29 00:30:00 UTC");
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(zone("Mars/Olympus_Mons").is_none());
        assert!(zone("America/Vancouver").is_some());
    }
}
