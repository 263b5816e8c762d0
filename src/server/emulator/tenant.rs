//! One customer's data as ZPA holds it: microtenants, application segments and approvals.
//!
//! Everything is kept in plain typed values; the wire's digit strings are produced only when an
//! answer is written. An approval's status is never stored: it is worked out from the clock on
//! every read, as ZPA does.

use std::collections::BTreeMap;

use super::errors::{ids, ZpaError};

/// A microtenant of the customer. The Default microtenant is not listed; it is `None` wherever
/// an object records its microtenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Microtenant {
    pub id: u64,
    pub name: String,
}

/// An application segment an approval can grant access to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub id: u64,
    pub name: String,
    pub domain_names: Vec<String>,
    pub tcp_ports: Vec<(u16, u16)>,
    pub microtenant: Option<u64>,
    pub enabled: bool,
    pub created: i64,
    pub modified: i64,
    pub modified_by: u64,
}

/// An approval's daily window, kept exactly as the client sent it (crons included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    pub days: Vec<String>,
    pub start_time: String,
    pub end_time: String,
    pub start_cron: String,
    pub end_cron: String,
    pub time_zone: String,
}

/// A privileged approval. Times are epoch seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub id: u64,
    pub microtenant: Option<u64>,
    pub email: String,
    pub segment_ids: Vec<u64>,
    pub start: i64,
    pub end: i64,
    pub working_hours: Option<WorkingHours>,
    pub created: i64,
    pub modified: i64,
    pub modified_by: u64,
}

/// The state ZPA reports for an approval. Declared in alphabetical order, which is the order a
/// sort by status follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Active,
    Expired,
    Future,
}

impl Status {
    pub fn of(approval: &Approval, now: i64) -> Self {
        if now < approval.start {
            Self::Future
        } else if now < approval.end {
            Self::Active
        } else {
            Self::Expired
        }
    }

    pub fn as_wire(self) -> &'static str {
        match self {
            Self::Active => "ACTIVE",
            Self::Expired => "EXPIRED",
            Self::Future => "FUTURE",
        }
    }
}

/// Which microtenants a request addresses, from its `microtenantId` query value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Omitted or `null`: the whole tenant.
    Everywhere,
    /// `0`: the Default microtenant only.
    Default,
    /// One named microtenant.
    Microtenant(u64),
}

impl Scope {
    pub fn admits(self, microtenant: Option<u64>) -> bool {
        match self {
            Self::Everywhere => true,
            Self::Default => microtenant.is_none(),
            Self::Microtenant(id) => microtenant == Some(id),
        }
    }

    /// Where a new object goes: a request that names no microtenant creates in Default.
    pub fn home(self) -> Option<u64> {
        match self {
            Self::Everywhere | Self::Default => None,
            Self::Microtenant(id) => Some(id),
        }
    }
}

/// One customer's whole state.
#[derive(Debug, Clone)]
pub struct Tenant {
    pub microtenants: Vec<Microtenant>,
    pub segments: Vec<Segment>,
    pub approvals: BTreeMap<u64, Approval>,
    next_id: u64,
}

/// Where approval ids start: small sequential numbers, as ZPA's approval ids are.
const FIRST_APPROVAL_ID: u64 = 20_001;

impl Tenant {
    pub fn new(microtenants: Vec<Microtenant>, segments: Vec<Segment>) -> Self {
        Self { microtenants, segments, approvals: BTreeMap::new(), next_id: FIRST_APPROVAL_ID }
    }

    /// Reads the `microtenantId` query value. An id the tenant does not have is refused rather
    /// than answered with nothing, so a mistyped configuration shows up at once.
    pub fn scope(&self, raw: Option<&str>) -> Result<Scope, ZpaError> {
        let raw = match raw.map(str::trim) {
            None | Some("" | "null") => return Ok(Scope::Everywhere),
            Some(raw) => raw,
        };
        let id: u64 = raw.parse().map_err(|_| {
            ZpaError::bad_request(ids::BAD_REQUEST, "microtenantId must be a number or null")
                .with_param(raw)
        })?;
        if id == 0 {
            Ok(Scope::Default)
        } else if self.microtenants.iter().any(|known| known.id == id) {
            Ok(Scope::Microtenant(id))
        } else {
            Err(ZpaError::unknown_reference(raw))
        }
    }

    pub fn segment(&self, id: u64) -> Option<&Segment> {
        self.segments.iter().find(|segment| segment.id == id)
    }

    /// Stores `approval` under the next free id and returns that id.
    pub fn insert(&mut self, mut approval: Approval) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        approval.id = id;
        self.approvals.insert(id, approval);
        id
    }

    /// Leaves `count` unused ids, the way deletions leave gaps in a real tenant's numbering.
    pub fn skip_ids(&mut self, count: u64) {
        self.next_id += count;
    }

    /// The approval a path names, if it exists and lies in `scope`; ZPA's 404 otherwise.
    pub fn find(&self, raw_id: &str, scope: Scope) -> Result<&Approval, ZpaError> {
        raw_id
            .parse::<u64>()
            .ok()
            .and_then(|id| self.approvals.get(&id))
            .filter(|approval| scope.admits(approval.microtenant))
            .ok_or_else(|| ZpaError::not_found(raw_id))
    }

    /// Deletes the approval a path names, with the same 404 as [`Tenant::find`].
    pub fn remove(&mut self, raw_id: &str, scope: Scope) -> Result<(), ZpaError> {
        let id = self.find(raw_id, scope)?.id;
        self.approvals.remove(&id);
        Ok(())
    }

    /// Deletes every approval in `scope` that has expired by `now`; returns how many went.
    pub fn purge_expired(&mut self, scope: Scope, now: i64) -> usize {
        let before = self.approvals.len();
        self.approvals.retain(|_, approval| {
            !(scope.admits(approval.microtenant) && Status::of(approval, now) == Status::Expired)
        });
        before - self.approvals.len()
    }
}

/// The clock every status and time check reads, in epoch seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
