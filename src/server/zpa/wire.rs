//! ZPA's wire format, and its decoding into the console's domain types.
//!
//! ZPA sends ids, times and totals as strings, sometimes as numbers, and leaves optional fields
//! out. Every such value is read leniently here, once; nothing past this file sees a wire value.

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Deserializer};

use crate::model::{
    ApplicationSegment, Approval, ApprovalPage, ApprovalStatus, MicrotenantChoice, PortRange,
    WorkingHours,
};

/// A value ZPA sends either as a JSON string or as a JSON number.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Lenient {
    Text(String),
    Number(serde_json::Number),
}

impl Lenient {
    fn as_u64(&self) -> Option<u64> {
        match self {
            Self::Text(text) => text.trim().parse().ok(),
            Self::Number(number) => number.as_u64(),
        }
    }
}

fn lenient_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    let value = Option::<Lenient>::deserialize(deserializer)?;
    match value {
        None => Ok(None),
        Some(Lenient::Text(text)) if text.is_empty() => Ok(None),
        Some(value) => value
            .as_u64()
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("expected digits, got {value:?}"))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WirePage<T> {
    #[serde(default, deserialize_with = "lenient_u64")]
    pub total_pages: Option<u64>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub total_count: Option<u64>,
    #[serde(default = "Vec::new")]
    pub list: Vec<T>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireWorkingHours {
    #[serde(default)]
    pub days: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub start_time_cron: String,
    #[serde(default)]
    pub end_time_cron: String,
    pub time_zone: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WirePortRange {
    #[serde(default, deserialize_with = "lenient_u64")]
    pub from: Option<u64>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub to: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireSegment {
    #[serde(default, deserialize_with = "lenient_u64")]
    pub id: Option<u64>,
    pub name: Option<String>,
    pub domain_name: Option<String>,
    #[serde(default)]
    pub domain_names: Vec<String>,
    pub enabled: Option<bool>,
    #[serde(default)]
    pub tcp_port_range: Vec<WirePortRange>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub microtenant_id: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireApproval {
    #[serde(default, deserialize_with = "lenient_u64")]
    pub id: Option<u64>,
    #[serde(default)]
    pub email_ids: Vec<String>,
    #[serde(default)]
    pub applications: Vec<WireSegment>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub start_time: Option<u64>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub end_time: Option<u64>,
    pub status: Option<String>,
    pub working_hours: Option<WireWorkingHours>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub creation_time: Option<u64>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub modified_time: Option<u64>,
    pub modified_by: Option<String>,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub microtenant_id: Option<u64>,
    pub microtenant_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireMicrotenant {
    #[serde(default, deserialize_with = "lenient_u64")]
    pub id: Option<u64>,
    #[serde(default)]
    pub name: String,
}

/// ZPA's error body: `{"id": "...", "reason": "...", "params": [...]}`; params are not shown.
#[derive(Debug, Default, Deserialize)]
pub struct WireErrorBody {
    pub id: Option<String>,
    pub reason: Option<String>,
}

/// The reply to a sign-in; `expires_in` arrives as a string or a number.
#[derive(Deserialize)]
pub struct WireToken {
    pub access_token: String,
    #[serde(default, deserialize_with = "lenient_u64")]
    pub expires_in: Option<u64>,
}

/// Why a reply could not be turned into domain values.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

fn instant(seconds: u64, field: &str) -> Result<DateTime<Utc>, DecodeError> {
    i64::try_from(seconds)
        .ok()
        .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
        .ok_or_else(|| DecodeError(format!("{field} {seconds} is not a time")))
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, DecodeError> {
    value.ok_or_else(|| DecodeError(format!("{field} is missing")))
}

pub fn decode_microtenant(wire: WireMicrotenant) -> Result<MicrotenantChoice, DecodeError> {
    let id = required(wire.id, "microtenant id")?;
    let name = if wire.name.trim().is_empty() { format!("Microtenant {id}") } else { wire.name };
    Ok(MicrotenantChoice { id, name })
}

pub fn decode_segment(wire: WireSegment) -> Result<ApplicationSegment, DecodeError> {
    let mut domains = wire.domain_names;
    if domains.is_empty() {
        domains.extend(wire.domain_name);
    }
    let tcp_ports = wire
        .tcp_port_range
        .iter()
        .filter_map(|range| {
            let from = u16::try_from(range.from?).ok()?;
            let to = u16::try_from(range.to?).ok()?;
            Some(PortRange { from, to })
        })
        .collect();
    Ok(ApplicationSegment {
        id: required(wire.id, "application id")?,
        name: wire.name.filter(|name| !name.is_empty()),
        domains,
        enabled: wire.enabled,
        tcp_ports,
        microtenant_id: wire.microtenant_id,
    })
}

fn decode_working_hours(wire: WireWorkingHours) -> Result<WorkingHours, DecodeError> {
    let time = |text: &str, field: &str| {
        NaiveTime::parse_from_str(text, "%H:%M")
            .map_err(|_| DecodeError(format!("workingHours.{field} \"{text}\" is not HH:MM")))
    };
    let days = wire
        .days
        .iter()
        .map(|day| {
            crate::time::day_from_wire(day)
                .ok_or_else(|| DecodeError(format!("\"{day}\" is not a day")))
        })
        .collect::<Result<_, _>>()?;
    Ok(WorkingHours {
        days,
        from: time(&wire.start_time, "startTime")?,
        to: time(&wire.end_time, "endTime")?,
        time_zone: wire.time_zone,
        start_cron: wire.start_time_cron,
        end_cron: wire.end_time_cron,
    })
}

pub fn decode_approval(wire: WireApproval) -> Result<Approval, DecodeError> {
    let id = required(wire.id, "approval id")?;
    let status_text = required(wire.status, "status")?;
    let status = ApprovalStatus::from_wire_name(&status_text).ok_or_else(|| {
        DecodeError(format!("approval {id}: status \"{status_text}\" is unknown"))
    })?;
    Ok(Approval {
        id,
        emails: wire.email_ids,
        segments: wire.applications.into_iter().map(decode_segment).collect::<Result<_, _>>()?,
        start: instant(required(wire.start_time, "startTime")?, "startTime")?,
        end: instant(required(wire.end_time, "endTime")?, "endTime")?,
        status,
        working_hours: wire.working_hours.map(decode_working_hours).transpose()?,
        created: wire.creation_time.map(|t| instant(t, "creationTime")).transpose()?,
        modified: wire.modified_time.map(|t| instant(t, "modifiedTime")).transpose()?,
        modified_by: wire.modified_by,
        microtenant_id: wire.microtenant_id,
        microtenant_name: wire.microtenant_name,
    })
}

/// A page of approvals; `page` and `page_size` are what was asked for.
pub fn decode_page(
    wire: WirePage<WireApproval>,
    page: u32,
    page_size: u32,
) -> Result<ApprovalPage, DecodeError> {
    let approvals: Vec<Approval> =
        wire.list.into_iter().map(decode_approval).collect::<Result<_, _>>()?;
    // Some ZPA lists report a zero count beside real rows; trust the rows over the count.
    let total_count = wire.total_count.unwrap_or(0).max(approvals.len() as u64);
    let total_pages = wire.total_pages.unwrap_or(0).min(u64::from(u32::MAX)) as u32;
    Ok(ApprovalPage {
        approvals,
        total_count,
        total_pages,
        page,
        page_size,
        narrowed_locally: false,
    })
}

/// The body of a create or replace, as ZPA's own portal sends it: epoch seconds, `HH:MM`,
/// weekday names, the zone and the two UTC crons; no `workingHours` at all when there are none.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireApprovalRequest {
    pub email_ids: Vec<String>,
    pub applications: Vec<WireSegmentRef>,
    pub start_time: i64,
    pub end_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_hours: Option<WireWorkingHoursRequest>,
}

#[derive(Debug, serde::Serialize)]
pub struct WireSegmentRef {
    pub id: String,
}

#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireWorkingHoursRequest {
    pub start_time_cron: String,
    pub end_time_cron: String,
    pub start_time: String,
    pub end_time: String,
    pub days: Vec<&'static str>,
    pub time_zone: String,
}

/// Encodes a request; the crons use the zone's offset at the approval's start.
pub fn encode_request(request: &crate::model::ApprovalRequest) -> WireApprovalRequest {
    use crate::time::{cron_ordered, wire_day, working_hours_crons};
    let working_hours = request.working_hours.as_ref().map(|hours| {
        let days = cron_ordered(&hours.days);
        let zone = crate::time::zone(&hours.time_zone).unwrap_or_else(crate::time::Zone::utc);
        let (start_time_cron, end_time_cron) =
            working_hours_crons(&days, hours.from, hours.to, &zone, request.start);
        WireWorkingHoursRequest {
            start_time_cron,
            end_time_cron,
            start_time: hours.from.format("%H:%M").to_string(),
            end_time: hours.to.format("%H:%M").to_string(),
            days: days.into_iter().map(wire_day).collect(),
            time_zone: hours.time_zone.clone(),
        }
    });
    WireApprovalRequest {
        email_ids: vec![request.email.trim().to_string()],
        applications: request
            .segment_ids
            .iter()
            .map(|id| WireSegmentRef { id: id.to_string() })
            .collect(),
        start_time: request.start.timestamp(),
        end_time: request.end.timestamp(),
        working_hours,
    }
}
