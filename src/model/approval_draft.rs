//! The approval form as the reader filled it in: every field as typed, so nothing is lost when
//! a value is wrong, and the one place that turns those strings into an [`ApprovalRequest`].

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{ApprovalRequest, Field, FieldError, WorkingHoursRequest};
use crate::time::{self, LocalTime};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalDraft {
    pub email: String,
    pub segment_ids: Vec<String>,
    /// `YYYY-MM-DD` and `HH:MM`, as date and time inputs send them, in `window_zone`.
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    pub window_zone: String,
    pub working_hours: bool,
    /// `MON` … `SUN`.
    pub days: Vec<String>,
    pub hours_from: String,
    pub hours_to: String,
    pub hours_zone: String,
}

impl ApprovalDraft {
    /// Reads the form's fields by their input names; repeated `segment` and `days` are lists.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut draft = Self::default();
        for (key, value) in pairs {
            let value = value.to_string();
            match key {
                "email" => draft.email = value,
                "segment" => draft.segment_ids.push(value),
                "start_date" => draft.start_date = value,
                "start_time" => draft.start_time = value,
                "end_date" => draft.end_date = value,
                "end_time" => draft.end_time = value,
                "window_zone" => draft.window_zone = value,
                "working_hours" => draft.working_hours = !value.is_empty(),
                "days" => draft.days.push(value),
                "hours_from" => draft.hours_from = value,
                "hours_to" => draft.hours_to = value,
                "hours_zone" => draft.hours_zone = value,
                _ => {}
            }
        }
        draft
    }

    /// Reads the draft into a request, or says which fields cannot be read. The rules a
    /// readable request must also meet are [`super::check_request`]'s.
    pub fn to_request(&self) -> Result<ApprovalRequest, Vec<FieldError>> {
        let mut errors = Vec::new();
        let segment_ids: Vec<u64> = self
            .segment_ids
            .iter()
            .filter_map(|id| match id.trim().parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(FieldError::new(
                        Field::Segments,
                        format!("“{id}” is not a segment id."),
                    ));
                    None
                }
            })
            .collect();
        let zone = time::zone(&self.window_zone);
        if zone.is_none() {
            errors.push(FieldError::new(
                Field::WindowZone,
                format!(
                    "“{}” is not a time zone; choose one such as Europe/Berlin.",
                    self.window_zone
                ),
            ));
        }
        let start = zone.as_ref().and_then(|zone| {
            instant(&self.start_date, &self.start_time, zone, Field::Start, &mut errors)
        });
        let end = zone.as_ref().and_then(|zone| {
            instant(&self.end_date, &self.end_time, zone, Field::End, &mut errors)
        });
        let working_hours =
            self.working_hours.then(|| self.read_working_hours(&mut errors)).flatten();
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(ApprovalRequest {
                email: self.email.trim().to_string(),
                segment_ids,
                start,
                end,
                working_hours,
            }),
            _ => Err(errors),
        }
    }

    /// The start as an instant, when the draft's start and zone can be read.
    pub fn start_instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let zone = time::zone(&self.window_zone)?;
        instant(&self.start_date, &self.start_time, &zone, Field::Start, &mut Vec::new())
    }

    /// The end as an instant, when the draft's end and zone can be read.
    pub fn end_instant(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let zone = time::zone(&self.window_zone)?;
        instant(&self.end_date, &self.end_time, &zone, Field::End, &mut Vec::new())
    }

    fn read_working_hours(&self, errors: &mut Vec<FieldError>) -> Option<WorkingHoursRequest> {
        let days: Vec<Weekday> =
            self.days.iter().filter_map(|day| time::day_from_wire(day)).collect();
        if days.len() != self.days.len() {
            errors.push(FieldError::new(Field::Days, "Choose days from Monday to Sunday."));
        }
        let from = clock(&self.hours_from, Field::From, errors);
        let to = clock(&self.hours_to, Field::To, errors);
        // An unknown zone is one of the rules `check_request` names, along with the others.
        Some(WorkingHoursRequest {
            days,
            from: from?,
            to: to?,
            time_zone: self.hours_zone.trim().into(),
        })
    }
}

fn clock(text: &str, field: Field, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    let parsed = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
    if parsed.is_none() {
        errors.push(FieldError::new(
            field,
            format!("Enter a time as HH:MM, such as 09:00, not “{text}”."),
        ));
    }
    parsed
}

/// The instant a local date and time in `zone` names, or an error on `field` that says why not.
fn instant(
    date: &str,
    clock_text: &str,
    zone: &time::Zone,
    field: Field,
    errors: &mut Vec<FieldError>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    let Ok(day) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") else {
        errors.push(FieldError::new(field, format!("Enter a date as YYYY-MM-DD, not “{date}”.")));
        return None;
    };
    let at = clock(clock_text, field, errors)?;
    match zone.resolve(day.and_time(at)) {
        LocalTime::Exact(instant) | LocalTime::Twice(instant, _) => Some(instant),
        LocalTime::Skipped(_) => {
            errors.push(FieldError::new(
                field,
                format!(
                    "{} on {} does not exist in {}: the clocks skip it for daylight saving time. \
                     Choose a time an hour later.",
                    at.format("%H:%M"),
                    day.format("%-d %b %Y"),
                    zone.name()
                ),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ApprovalDraft {
        ApprovalDraft {
            email: " dana.reyes@example.com ".into(),
            segment_ids: vec!["216196257331404690".into()],
            start_date: "2026-12-07".into(),
            start_time: "09:00".into(),
            end_date: "2026-12-11".into(),
            end_time: "17:00".into(),
            window_zone: "Europe/Berlin".into(),
            ..Default::default()
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<Field> {
        errors.into_iter().map(|error| error.field).collect()
    }

    #[test]
    fn a_week_in_berlin_reads_as_utc_instants() {
        let request = draft().to_request().unwrap();
        assert_eq!(request.email, "dana.reyes@example.com");
        assert_eq!(request.start.timestamp(), 1_796_630_400); // 08:00 UTC
        assert_eq!(request.end.timestamp(), 1_797_004_800); // 16:00 UTC
        assert_eq!(request.working_hours, None, "hours that are off are never sent");
    }

    #[test]
    fn office_hours_read_with_their_own_zone() {
        let mut with_hours = draft();
        with_hours.working_hours = true;
        with_hours.days = vec!["MON".into(), "fri".into()];
        with_hours.hours_from = "09:00".into();
        with_hours.hours_to = "17:30".into();
        with_hours.hours_zone = "Asia/Kolkata".into();
        let hours = with_hours.to_request().unwrap().working_hours.unwrap();
        assert_eq!(hours.days, [Weekday::Mon, Weekday::Fri]);
        assert_eq!(hours.to, NaiveTime::from_hms_opt(17, 30, 0).unwrap());
        assert_eq!(hours.time_zone, "Asia/Kolkata");
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_with_the_reason() {
        let mut skipped = draft();
        skipped.start_date = "2026-03-29".into();
        skipped.start_time = "02:30".into();
        let errors = skipped.to_request().unwrap_err();
        assert_eq!(errors[0].field, Field::Start);
        assert!(
            errors[0].message.contains("does not exist in Europe/Berlin"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_time_that_happens_twice_means_the_first_one() {
        let mut repeated = draft();
        repeated.start_date = "2026-10-25".into();
        repeated.start_time = "02:30".into();
        assert_eq!(repeated.to_request().unwrap().start.timestamp(), 1_792_888_200);
    }

    #[test]
    fn every_unreadable_field_is_named() {
        let broken = ApprovalDraft {
            segment_ids: vec!["jump-hosts".into()],
            start_date: "07.12.2026".into(),
            end_time: "5pm".into(),
            end_date: "2026-12-11".into(),
            window_zone: "Europe/Berlin".into(),
            working_hours: true,
            days: vec!["Funday".into()],
            hours_from: "9".into(),
            hours_to: "17:00".into(),
            hours_zone: "Nowhere".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(broken.to_request().unwrap_err()),
            [Field::Segments, Field::Start, Field::End, Field::Days, Field::From]
        );
        let mut no_zone = draft();
        no_zone.window_zone = "Berlin".into();
        assert_eq!(fields(no_zone.to_request().unwrap_err()), [Field::WindowZone]);
    }
}
