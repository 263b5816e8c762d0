//! A privileged approval and the values it is made of.

use chrono::{DateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Where an approval stands against the clock, as ZPA computes it on every read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApprovalStatus {
    Active,
    Future,
    Expired,
    /// ZPA's word for an approval it can no longer honour; the trigger is undocumented.
    Invalid,
}

impl ApprovalStatus {
    pub const ALL: [ApprovalStatus; 4] = [Self::Active, Self::Future, Self::Expired, Self::Invalid];

    /// The spelling ZPA uses on the wire and in search expressions.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Future => "FUTURE",
            Self::Expired => "EXPIRED",
            Self::Invalid => "INVALID",
        }
    }

    pub fn from_wire_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.wire_name().eq_ignore_ascii_case(name))
    }

    /// The word a helpdesk agent reads in a badge.
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Future => "Future",
            Self::Expired => "Expired",
            Self::Invalid => "Invalid",
        }
    }
}

/// The daily window inside which an approval may be used, in the approval's own zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingHours {
    /// Local days of the week, in the order ZPA returned them.
    pub days: Vec<Weekday>,
    pub from: NaiveTime,
    pub to: NaiveTime,
    /// An IANA zone name as ZPA stores it (possibly a legacy alias such as `Asia/Calcutta`).
    pub time_zone: String,
    /// The UTC translation ZPA keeps beside the local window, as Quartz cron strings.
    pub start_cron: String,
    pub end_cron: String,
}

/// One TCP or UDP port range of an application segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortRange {
    pub from: u16,
    pub to: u16,
}

/// An application segment: the set of hosts and ports an approval opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSegment {
    pub id: u64,
    /// Missing where ZPA leaves it out, such as in the reply to a create.
    pub name: Option<String>,
    pub domains: Vec<String>,
    pub enabled: Option<bool>,
    pub tcp_ports: Vec<PortRange>,
    pub microtenant_id: Option<u64>,
}

impl ApplicationSegment {
    /// The name to show, falling back to the id when ZPA did not send one.
    pub fn display_name(&self) -> String {
        self.name.clone().unwrap_or_else(|| format!("Segment {}", self.id))
    }
}

/// A privileged approval: one person, some segments, a time window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub id: u64,
    /// ZPA takes one address per approval; a list is kept because that is what it returns.
    pub emails: Vec<String>,
    pub segments: Vec<ApplicationSegment>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: ApprovalStatus,
    pub working_hours: Option<WorkingHours>,
    pub created: Option<DateTime<Utc>>,
    pub modified: Option<DateTime<Utc>>,
    pub modified_by: Option<String>,
    pub microtenant_id: Option<u64>,
    pub microtenant_name: Option<String>,
}

impl Approval {
    /// The address the approval was granted to, as one line.
    pub fn email(&self) -> String {
        self.emails.join(", ")
    }
}

/// One page of a list of approvals, with the totals ZPA reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalPage {
    pub approvals: Vec<Approval>,
    pub total_count: u64,
    pub total_pages: u32,
    pub page: u32,
    pub page_size: u32,
    /// Set when the view is narrowed inside one upstream page rather than by ZPA itself.
    pub narrowed_locally: bool,
}
