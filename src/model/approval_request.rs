//! What the console asks ZPA to store for an approval, and the rules it must meet first.
//!
//! The same rules run in the browser, on the server before ZPA is called, and (as ZPA's own)
//! in the emulator, so a reader learns which field is wrong before anything leaves the page.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::{Approval, ApprovalStatus};

/// ZPA caps an approval at this many application segments.
pub const MAX_SEGMENTS: usize = 200;
/// How far in the past a new start may lie.
pub const START_GRACE: TimeDelta = TimeDelta::hours(1);
/// The longest approval ZPA allows.
pub const MAX_LENGTH: TimeDelta = TimeDelta::days(365);

/// The daily window of an approval, as the reader chose it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHoursRequest {
    pub days: Vec<Weekday>,
    pub from: NaiveTime,
    pub to: NaiveTime,
    pub time_zone: String,
}

/// A whole approval to create, or to replace an existing one with (ZPA's PUT replaces).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRequest {
    pub email: String,
    pub segment_ids: Vec<u64>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub working_hours: Option<WorkingHoursRequest>,
}

impl ApprovalRequest {
    /// The request that keeps `approval` exactly as it is, to change one part of it.
    pub fn from_approval(approval: &Approval) -> Self {
        Self {
            email: approval.emails.first().cloned().unwrap_or_default(),
            segment_ids: approval.segments.iter().map(|segment| segment.id).collect(),
            start: approval.start,
            end: approval.end,
            working_hours: approval.working_hours.as_ref().map(|hours| WorkingHoursRequest {
                days: hours.days.clone(),
                from: hours.from,
                to: hours.to,
                time_zone: hours.time_zone.clone(),
            }),
        }
    }

    /// True when `approval` holds what this request asks for: the same person, segments,
    /// window and working hours. ZPA may order segments and days its own way.
    pub fn is_stored_as(&self, approval: &Approval) -> bool {
        let sorted = |mut ids: Vec<u64>| {
            ids.sort_unstable();
            ids
        };
        let stored = Self::from_approval(approval);
        let same_hours = match (&self.working_hours, &stored.working_hours) {
            (None, None) => true,
            (Some(asked), Some(held)) => {
                let days = |hours: &WorkingHoursRequest| {
                    let mut days: Vec<u32> =
                        hours.days.iter().map(|day| day.num_days_from_monday()).collect();
                    days.sort_unstable();
                    days
                };
                days(asked) == days(held)
                    && (asked.from, asked.to) == (held.from, held.to)
                    && asked.time_zone == held.time_zone
            }
            _ => false,
        };
        self.email.eq_ignore_ascii_case(&stored.email)
            && sorted(self.segment_ids.clone()) == sorted(stored.segment_ids)
            && (self.start, self.end) == (stored.start, stored.end)
            && same_hours
    }
}

/// The parts of the approval form an error can belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    Email,
    Segments,
    Start,
    End,
    /// The zone the start and end are entered in.
    WindowZone,
    Days,
    From,
    To,
    TimeZone,
}

impl Field {
    /// The label the form shows, so an error names the field as the reader sees it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Email => "User email",
            Self::Segments => "Application segments",
            Self::Start => "Start",
            Self::End => "End",
            Self::WindowZone => "Time zone of start and end",
            Self::Days => "Working days",
            Self::From => "Working hours from",
            Self::To => "Working hours to",
            Self::TimeZone => "Working hours time zone",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

/// Checks `request` against ZPA's rules at `now`. `current` is the approval being replaced,
/// if any: an active approval's start cannot move, and an unchanged start may lie in the past.
pub fn check_request(
    request: &ApprovalRequest,
    now: DateTime<Utc>,
    current: Option<&Approval>,
) -> Vec<FieldError> {
    let mut errors = check_person(&request.email, request.segment_ids.len());
    check_times(request, now, current, &mut errors);
    errors
}

/// The rules on who gets access to how many segments, which hold whatever the times say.
pub fn check_person(email: &str, segment_count: usize) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if !is_plausible_email(email.trim()) {
        errors.push(FieldError::new(
            Field::Email,
            "Enter one email address, such as name@example.com.",
        ));
    }
    match segment_count {
        0 => errors
            .push(FieldError::new(Field::Segments, "Choose at least one application segment.")),
        n if n > MAX_SEGMENTS => errors.push(FieldError::new(
            Field::Segments,
            format!("Choose at most {MAX_SEGMENTS} application segments; {n} are chosen."),
        )),
        _ => {}
    }
    errors
}

fn check_times(
    request: &ApprovalRequest,
    now: DateTime<Utc>,
    current: Option<&Approval>,
    errors: &mut Vec<FieldError>,
) {
    let start_moved = current.is_none_or(|approval| approval.start != request.start);
    if let Some(approval) = current.filter(|_| start_moved) {
        if approval.status == ApprovalStatus::Active {
            errors.push(FieldError::new(
                Field::Start,
                "The approval is active, so ZPA does not allow its start to change.",
            ));
        }
    }
    if start_moved && request.start < now - START_GRACE {
        errors
            .push(FieldError::new(Field::Start, "The start can be at most one hour in the past."));
    }
    if request.end <= request.start {
        errors.push(FieldError::new(Field::End, "The end must be after the start."));
    } else if request.end - request.start > MAX_LENGTH {
        errors
            .push(FieldError::new(Field::End, "The end can be at most 365 days after the start."));
    }
    if let Some(hours) = &request.working_hours {
        if hours.days.is_empty() {
            errors.push(FieldError::new(Field::Days, "Choose at least one day."));
        }
        if hours.from == hours.to {
            errors.push(FieldError::new(
                Field::To,
                "The daily window must not start and end at the same time.",
            ));
        }
        if crate::time::zone(&hours.time_zone).is_none() {
            errors.push(FieldError::new(
                Field::TimeZone,
                format!(
                    "“{}” is not a time zone; choose one such as Europe/Berlin.",
                    hours.time_zone
                ),
            ));
        }
    }
}

/// One address, `local@domain.tld`, without spaces, commas or a second `@`.
pub fn is_plausible_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else { return false };
    let forbidden =
        |c: char| c.is_whitespace() || c == ',' || c == ';' || c == '@' || c.is_control();
    !local.is_empty()
        && text.len() <= 254
        && !local.chars().any(forbidden)
        && !domain.chars().any(forbidden)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

/// What purging expired approvals did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PurgeOutcome {
    Purged,
    NothingToPurge,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    const NOW: i64 = 1_796_400_000;

    fn request() -> ApprovalRequest {
        ApprovalRequest {
            email: "dana.reyes@example.com".into(),
            segment_ids: vec![216196257331404690],
            start: at(NOW),
            end: at(NOW + 4 * 3600),
            working_hours: None,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<Field> {
        errors.iter().map(|error| error.field).collect()
    }

    #[test]
    fn a_four_hour_grant_starting_now_passes() {
        assert_eq!(check_request(&request(), at(NOW), None), []);
    }

    #[test]
    fn the_start_may_lie_one_hour_in_the_past_and_no_more() {
        let mut late = request();
        late.start = at(NOW - 3600);
        assert_eq!(check_request(&late, at(NOW), None), []);
        late.start = at(NOW - 3601);
        assert_eq!(fields(&check_request(&late, at(NOW), None)), [Field::Start]);
    }

    #[test]
    fn the_end_must_follow_the_start_within_a_year() {
        let mut backwards = request();
        backwards.end = backwards.start;
        assert_eq!(fields(&check_request(&backwards, at(NOW), None)), [Field::End]);
        let mut long = request();
        long.end = long.start + MAX_LENGTH;
        assert_eq!(check_request(&long, at(NOW), None), []);
        long.end += TimeDelta::seconds(1);
        assert_eq!(fields(&check_request(&long, at(NOW), None)), [Field::End]);
    }

    #[test]
    fn exactly_one_plausible_email() {
        for bad in [
            "",
            "dana",
            "dana@",
            "@example.com",
            "a@b",
            "a@example.com, b@example.com",
            "a b@example.com",
        ] {
            let mut wrong = request();
            wrong.email = bad.into();
            assert_eq!(fields(&check_request(&wrong, at(NOW), None)), [Field::Email], "{bad}");
        }
    }

    #[test]
    fn one_to_two_hundred_segments() {
        let mut none = request();
        none.segment_ids.clear();
        assert_eq!(fields(&check_request(&none, at(NOW), None)), [Field::Segments]);
        let mut many = request();
        many.segment_ids = (1..=201).collect();
        assert_eq!(fields(&check_request(&many, at(NOW), None)), [Field::Segments]);
        many.segment_ids.pop();
        assert_eq!(check_request(&many, at(NOW), None), []);
    }

    #[test]
    fn working_hours_need_days_a_window_and_a_real_zone() {
        let mut hours = request();
        hours.working_hours = Some(WorkingHoursRequest {
            days: vec![],
            from: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            to: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            time_zone: "Mars/Olympus_Mons".into(),
        });
        let found = fields(&check_request(&hours, at(NOW), None));
        assert_eq!(found, [Field::Days, Field::To, Field::TimeZone]);
    }
}
