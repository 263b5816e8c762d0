//! How instants and working hours read on a page, in whichever zone the reader is in.
//!
//! Shared by the server render and the browser, so a page hydrates with the same text it was
//! served with. Zone rules come from the tz database: on the server the one compiled in through
//! `chrono-tz`, in the browser the one every browser already ships behind `Intl`, which keeps a
//! copy of the database out of the wasm bundle. Both answer the one question asked of them, a
//! zone's UTC offset at an instant, and everything else is computed here, once.

#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
#[path = "intl.rs"]
mod rules;
#[cfg(not(target_arch = "wasm32"))]
#[path = "tzdb.rs"]
mod rules;
#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
#[path = "utc_only.rs"]
mod rules;

mod schedule;

pub use schedule::{
    access_windows, cron_ordered, day_from_wire, wire_day, working_hours_crons, LocalTime,
};

use chrono::{DateTime, NaiveDateTime, NaiveTime, TimeDelta, Utc, Weekday};

use crate::model::WorkingHours;

/// A time zone known to the tz database, by its IANA name (legacy aliases such as
/// `Asia/Calcutta` included).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Zone(String);

impl Zone {
    pub fn utc() -> Self {
        Self("UTC".into())
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    /// The zone's offset from UTC at `instant`, in seconds east of Greenwich.
    pub fn offset_at(&self, instant: DateTime<Utc>) -> i32 {
        rules::offset_seconds(&self.0, instant).unwrap_or(0)
    }

    /// The wall-clock time in this zone at `instant`.
    pub fn local(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.naive_utc() + TimeDelta::seconds(i64::from(self.offset_at(instant)))
    }
}

/// The zone names a picker offers: the tz database's regions and UTC, without its aliases for
/// fixed offsets and the legacy names browsers still report.
#[cfg(not(target_arch = "wasm32"))]
pub fn zone_names() -> Vec<String> {
    let legacy = |name: &str| RENAMED_ZONES.iter().any(|(old, _)| *old == name);
    rules::names()
        .into_iter()
        .filter(|name| (name.contains('/') && !name.starts_with("Etc/")) || name == "UTC")
        .filter(|name| !legacy(name) && !name.starts_with("SystemV/") && !name.starts_with("US/"))
        .collect()
}

/// Resolves an IANA zone name; `None` for a name the tz database does not know.
pub fn zone(name: &str) -> Option<Zone> {
    let name = name.trim();
    rules::is_known(name).then(|| Zone(name.to_string()))
}

/// Legacy zone names that browsers still report, with the names the tz database uses now.
const RENAMED_ZONES: [(&str, &str); 12] = [
    ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
    ("America/Godthab", "America/Nuuk"),
    ("America/Indianapolis", "America/Indiana/Indianapolis"),
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("Pacific/Enderbury", "Pacific/Kanton"),
    ("Pacific/Ponape", "Pacific/Pohnpei"),
    ("Pacific/Truk", "Pacific/Chuuk"),
];

/// The name a reader should see for a zone: the current one where `name` is a legacy alias.
pub fn current_name(name: &str) -> &str {
    RENAMED_ZONES.iter().find(|(old, _)| *old == name).map_or(name, |(_, new)| *new)
}

/// `UTC+1`, `UTC+5:30`, `UTC-7`, `UTC`: an offset as people write it.
pub fn describe_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    match minutes % 60 {
        0 => format!("UTC{sign}{}", minutes / 60),
        rest => format!("UTC{sign}{}:{rest:02}", minutes / 60),
    }
}

/// `Fri 4 Dec 2026, 16:31 UTC+1`: the weekday helps when planning access around a weekend,
/// and the offset shows which side of a daylight-saving change a time falls on.
pub fn format_in(instant: DateTime<Utc>, zone: &Zone) -> String {
    let offset = zone.offset_at(instant);
    let local = instant.naive_utc() + TimeDelta::seconds(i64::from(offset));
    format!("{} {}", local.format("%a %-d %b %Y, %H:%M"), describe_offset(offset))
}

/// The same instant in UTC, with seconds, for comparing with logs and tickets.
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Machine-readable form for `<time datetime=…>`.
pub fn iso(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

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
    fn the_same_instant_reads_in_each_zone_with_its_offset() {
        // 2026-03-29 00:30 UTC is before Berlin springs forward; 01:30 UTC is after.
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(format_in(at(1774744200), &berlin), "Sun 29 Mar 2026, 01:30 UTC+1");
        assert_eq!(format_in(at(1774747800), &berlin), "Sun 29 Mar 2026, 03:30 UTC+2");
        let kolkata = zone("Asia/Calcutta").unwrap();
        assert_eq!(format_in(at(1774744200), &kolkata), "Sun 29 Mar 2026, 06:00 UTC+5:30");
        let vancouver = zone("America/Vancouver").unwrap();
        assert_eq!(format_in(at(1774744200), &vancouver), "Sat 28 Mar 2026, 17:30 UTC-7");
        assert_eq!(format_in(at(1774744200), &Zone::utc()), "Sun 29 Mar 2026, 00:30 UTC");
        assert_eq!(format_utc(at(1774744200)), "2026-03-29 00:30:00 UTC");
    }

    #[test]
    fn lord_howe_moves_by_half_an_hour() {
        // Lord Howe Island leaves daylight saving on 2026-04-05 at 02:00 local (UTC+11).
        let lord_howe = zone("Australia/Lord_Howe").unwrap();
        assert_eq!(lord_howe.offset_at(at(1775314800 - 1)), 11 * 3600);
        assert_eq!(lord_howe.offset_at(at(1775314800)), 10 * 3600 + 1800);
    }

    #[test]
    fn legacy_names_read_as_their_current_names() {
        assert_eq!(current_name("Asia/Calcutta"), "Asia/Kolkata");
        assert_eq!(current_name("Europe/Kiev"), "Europe/Kyiv");
        assert_eq!(current_name("Europe/Berlin"), "Europe/Berlin");
        for (_, new) in RENAMED_ZONES {
            assert!(zone(new).is_some(), "{new} is not in the tz database");
        }
    }

    #[test]
    fn british_columbia_keeps_summer_time_from_november_2026() {
        // Since tzdata 2026, Vancouver stays on UTC-7 all year.
        let vancouver = zone("America/Vancouver").unwrap();
        assert_eq!(vancouver.offset_at(at(1796400000)), -7 * 3600);
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(zone("Mars/Olympus_Mons").is_none());
        assert!(zone("").is_none());
        assert!(zone("America/Vancouver").is_some());
    }
}
