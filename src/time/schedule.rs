//! Wall-clock times in a zone, and the UTC schedule ZPA keeps for working hours.
//!
//! A helpdesk agent thinks in local dates and times; ZPA stores epoch seconds, and for working
//! hours a pair of Quartz cron strings in UTC, computed the way ZPA's Admin Portal computes
//! them: with the zone's offset at the approval's start, moving every weekday by one when the
//! UTC time falls on the day before or after.

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Utc, Weekday,
};

use super::Zone;

/// What a local date and time means in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTime {
    /// The usual case: one instant.
    Exact(DateTime<Utc>),
    /// Clocks went back, so the time happened twice; both instants, earlier first.
    Twice(DateTime<Utc>, DateTime<Utc>),
    /// Clocks went forward over it, so the time never happened; the instant the clocks showed
    /// the same amount later (02:30 in a 02:00→03:00 jump is 03:30).
    Skipped(DateTime<Utc>),
}

impl LocalTime {
    /// The instant to use when the reader has not chosen between two: the earlier one, so
    /// access is never granted later than asked.
    pub fn earliest(self) -> DateTime<Utc> {
        match self {
            Self::Exact(instant) | Self::Twice(instant, _) | Self::Skipped(instant) => instant,
        }
    }
}

impl Zone {
    /// The instant(s) at which clocks in this zone show `local`.
    ///
    /// Offsets are sampled a day either side, which holds for every zone whose transitions are
    /// more than a day apart, as all of the tz database's are.
    pub fn resolve(&self, local: NaiveDateTime) -> LocalTime {
        let as_utc = local.and_utc();
        let before = self.offset_at(as_utc - TimeDelta::days(1));
        let after = self.offset_at(as_utc + TimeDelta::days(1));
        let instant_with = |offset: i32| as_utc - TimeDelta::seconds(i64::from(offset));
        let fits = |offset: i32| self.offset_at(instant_with(offset)) == offset;
        match (fits(before), fits(after)) {
            (true, true) if before != after => {
                let (first, second) = (instant_with(before), instant_with(after));
                LocalTime::Twice(first.min(second), first.max(second))
            }
            (true, _) => LocalTime::Exact(instant_with(before)),
            (false, true) => LocalTime::Exact(instant_with(after)),
            (false, false) => LocalTime::Skipped(instant_with(before)),
        }
    }
}

/// ZPA's weekday names in cron order, Sunday first.
const CRON_DAYS: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

/// The weekday ZPA spells `name` (`MON` … `SUN`, any case).
pub fn day_from_wire(name: &str) -> Option<Weekday> {
    CRON_DAYS.into_iter().find(|day| wire_day(*day).eq_ignore_ascii_case(name.trim()))
}

/// `MON`, `TUE`, …: a weekday as ZPA spells it.
pub fn wire_day(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MON",
        Weekday::Tue => "TUE",
        Weekday::Wed => "WED",
        Weekday::Thu => "THU",
        Weekday::Fri => "FRI",
        Weekday::Sat => "SAT",
        Weekday::Sun => "SUN",
    }
}

/// The `(startTimeCron, endTimeCron)` ZPA stores for a daily window from `from` to `to` on
/// local `days` in `zone`, translated to UTC with the zone's offset at `at`.
pub fn working_hours_crons(
    days: &[Weekday],
    from: NaiveTime,
    to: NaiveTime,
    zone: &Zone,
    at: DateTime<Utc>,
) -> (String, String) {
    let offset_minutes = zone.offset_at(at) / 60;
    let minutes = |time: NaiveTime| (time.hour() * 60 + time.minute()) as i32 - offset_minutes;
    (cron(days, minutes(from)), cron(days, minutes(to)))
}

/// A cron firing `utc_minutes` after UTC midnight of each local day in `days`; the minutes may
/// reach into the day before or after, and the weekdays move with them.
fn cron(days: &[Weekday], utc_minutes: i32) -> String {
    const DAY: i32 = 24 * 60;
    let shift = utc_minutes.div_euclid(DAY);
    let minute_of_day = utc_minutes.rem_euclid(DAY);
    let shifted: Vec<&str> = days
        .iter()
        .map(|day| {
            let moved = if shift < 0 {
                day.pred()
            } else if shift > 0 {
                day.succ()
            } else {
                *day
            };
            wire_day(moved)
        })
        .collect();
    format!("0 {} {} ? * {}", minute_of_day % 60, minute_of_day / 60, shifted.join(","))
}

/// Orders weekdays as ZPA's portal lists them, Sunday first, without repeats.
pub fn cron_ordered(days: &[Weekday]) -> Vec<Weekday> {
    CRON_DAYS.into_iter().filter(|day| days.contains(day)).collect()
}

/// The next `count` times the reader can actually connect: each chosen local day's window in
/// `zone`, cut to the approval's `start`..`end`. A window whose end is not after its start runs
/// past midnight into the next day.
pub fn access_windows(
    days: &[Weekday],
    from: NaiveTime,
    to: NaiveTime,
    zone: &Zone,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    count: usize,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first_day = zone.local(start).date() - TimeDelta::days(1);
    let overnight = to <= from;
    let mut windows = Vec::new();
    let mut day: NaiveDate = first_day;
    while windows.len() < count
        && day.and_time(NaiveTime::MIN).and_utc() <= end + TimeDelta::days(1)
    {
        if days.contains(&day.weekday()) {
            let opens = zone.resolve(day.and_time(from)).earliest();
            let close_day = if overnight { day.succ_opt().unwrap_or(day) } else { day };
            let closes = zone.resolve(close_day.and_time(to)).earliest();
            let (opens, closes) = (opens.max(start), closes.min(end));
            if opens < closes {
                windows.push((opens, closes));
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::zone;
    use Weekday::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn hm(text: &str) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap()
    }

    fn crons(days: &[Weekday], name: &str, at_seconds: i64) -> (String, String) {
        working_hours_crons(days, hm("09:00"), hm("17:00"), &zone(name).unwrap(), at(at_seconds))
    }

    const WEEKDAYS: [Weekday; 5] = [Mon, Tue, Wed, Thu, Fri];

    // The four real examples recorded from ZPA's Admin Portal and SDKs.
    #[test]
    fn calcutta_at_plus_five_thirty() {
        let (start, end) = crons(&WEEKDAYS, "Asia/Calcutta", 1_673_536_589);
        assert_eq!(start, "0 30 3 ? * MON,TUE,WED,THU,FRI");
        assert_eq!(end, "0 30 11 ? * MON,TUE,WED,THU,FRI");
    }

    #[test]
    fn berlin_in_summer_time() {
        let (start, end) = crons(&[Mon, Tue], "Europe/Berlin", 1_685_620_800);
        assert_eq!((start.as_str(), end.as_str()), ("0 0 7 ? * MON,TUE", "0 0 15 ? * MON,TUE"));
    }

    #[test]
    fn vancouver_every_day_with_the_end_on_the_next_utc_day() {
        let all = [Sun, Mon, Tue, Wed, Thu, Fri, Sat];
        let (start, end) = crons(&all, "America/Vancouver", 1_773_370_054);
        assert_eq!(start, "0 0 16 ? * SUN,MON,TUE,WED,THU,FRI,SAT");
        assert_eq!(end, "0 0 0 ? * MON,TUE,WED,THU,FRI,SAT,SUN");
    }

    #[test]
    fn pacific_standard_time_weekdays() {
        let (start, end) = crons(&WEEKDAYS, "America/Los_Angeles", 1_704_067_200);
        assert_eq!(start, "0 0 17 ? * MON,TUE,WED,THU,FRI");
        assert_eq!(end, "0 0 1 ? * TUE,WED,THU,FRI,SAT");
    }

    #[test]
    fn the_offset_at_the_start_decides_across_berlins_spring_change() {
        // Saturday 28 March 2026 is still CET (+1); Monday 30 March is CEST (+2).
        assert_eq!(crons(&[Mon], "Europe/Berlin", 1_774_692_000).0, "0 0 8 ? * MON");
        assert_eq!(crons(&[Mon], "Europe/Berlin", 1_774_864_800).0, "0 0 7 ? * MON");
    }

    #[test]
    fn the_offset_at_the_start_decides_across_berlins_autumn_change() {
        // Saturday 24 October 2026 is CEST (+2); Monday 26 October is CET (+1).
        assert_eq!(crons(&[Mon], "Europe/Berlin", 1_792_836_000).0, "0 0 7 ? * MON");
        assert_eq!(crons(&[Mon], "Europe/Berlin", 1_793_012_400).0, "0 0 8 ? * MON");
    }

    #[test]
    fn vancouver_in_march_and_after_november_2026() {
        // 7 March 2026 is PST (-8); 9 March is PDT (-7); British Columbia then stays at -7.
        assert_eq!(crons(&[Mon], "America/Vancouver", 1_772_906_400).0, "0 0 17 ? * MON");
        assert_eq!(crons(&[Mon], "America/Vancouver", 1_773_072_000).0, "0 0 16 ? * MON");
        assert_eq!(crons(&[Mon], "America/Vancouver", 1_796_400_000).0, "0 0 16 ? * MON");
    }

    #[test]
    fn half_hour_zones_keep_their_minutes() {
        // Lord Howe is +11 in its summer and +10:30 in its winter.
        let summer = crons(&[Mon], "Australia/Lord_Howe", 1_767_225_600);
        assert_eq!(summer, ("0 0 22 ? * SUN".into(), "0 0 6 ? * MON".into()));
        let winter = crons(&[Mon], "Australia/Lord_Howe", 1_781_000_000);
        assert_eq!(winter, ("0 30 22 ? * SUN".into(), "0 30 6 ? * MON".into()));
    }

    #[test]
    fn local_times_resolve_around_daylight_saving_changes() {
        let berlin = zone("Europe/Berlin").unwrap();
        assert_eq!(berlin.resolve(local("2026-03-28 09:00")), LocalTime::Exact(at(1_774_684_800)));
        // 02:30 on 29 March 2026 never happened in Berlin; 03:30 CEST is 01:30 UTC.
        assert_eq!(
            berlin.resolve(local("2026-03-29 02:30")),
            LocalTime::Skipped(at(1_774_747_800))
        );
        // 02:30 on 25 October 2026 happened twice: 00:30 and 01:30 UTC.
        assert_eq!(
            berlin.resolve(local("2026-10-25 02:30")),
            LocalTime::Twice(at(1_792_888_200), at(1_792_891_800))
        );
        let kolkata = zone("Asia/Kolkata").unwrap();
        assert_eq!(kolkata.resolve(local("2026-03-29 06:00")), LocalTime::Exact(at(1_774_744_200)));
    }

    #[test]
    fn access_windows_follow_local_days_and_are_cut_to_the_approval() {
        let berlin = zone("Europe/Berlin").unwrap();
        // From Friday 27 March 2026 12:00 CET to Tuesday 31 March 12:00 CEST.
        let (start, end) = (at(1_774_609_200), at(1_774_951_200));
        let windows = access_windows(&WEEKDAYS, hm("09:00"), hm("17:00"), &berlin, start, end, 5);
        let shown: Vec<String> = windows
            .iter()
            .map(|(from, to)| format!("{} {}", from.timestamp(), to.timestamp()))
            .collect();
        assert_eq!(
            shown,
            [
                "1774609200 1774627200", // Fri 12:00–17:00 CET, cut at the start
                "1774854000 1774882800", // Mon 09:00–17:00 CEST
                "1774940400 1774951200", // Tue 09:00–12:00 CEST, cut at the end
            ]
        );
    }

    #[test]
    fn overnight_windows_end_on_the_next_day() {
        let utc = Zone::utc();
        let (start, end) = (at(1_774_569_600), at(1_775_174_400)); // Fri 27 Mar to Fri 3 Apr
        let windows = access_windows(&[Sat], hm("22:00"), hm("06:00"), &utc, start, end, 3);
        assert_eq!(windows, [(at(1_774_735_200), at(1_774_764_000))]);
    }

    #[test]
    fn days_read_in_portal_order() {
        assert_eq!(cron_ordered(&[Fri, Sun, Mon]), [Sun, Mon, Fri]);
    }
}
