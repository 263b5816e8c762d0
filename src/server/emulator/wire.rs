//! The ZPA wire shapes the emulator answers with.
//!
//! Field names, nesting and the string-versus-number choices copy the recorded exchanges: ids,
//! epoch times, totals and port numbers are strings; `enabled` and `ipAnchored` are booleans.
//! Optional fields are left out rather than sent as `null`, as ZPA does.

use serde::Serialize;

use super::catalog;
use super::tenant::{Approval, Microtenant, Segment, Status, Tenant, WorkingHours};

/// The paged envelope every list answers with; the totals are strings on the wire.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub total_pages: String,
    pub total_count: String,
    pub list: Vec<T>,
}

/// An approval. `A` is the shape of its applications, which differs between a create reply and
/// every other answer.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalWire<A> {
    id: String,
    modified_time: String,
    creation_time: String,
    modified_by: String,
    start_time: String,
    end_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    working_hours: Option<WorkingHoursWire>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    microtenant_id: Option<String>,
    email_ids: Vec<String>,
    applications: Vec<A>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkingHoursWire {
    start_time_cron: String,
    end_time_cron: String,
    start_time: String,
    end_time: String,
    days: Vec<String>,
    time_zone: String,
}

/// A full application segment, as `GET /application` and `GET /approval` carry it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SegmentWire {
    id: String,
    modified_time: String,
    creation_time: String,
    modified_by: String,
    name: String,
    domain_name: String,
    domain_names: Vec<String>,
    enabled: bool,
    tcp_port_ranges: Vec<String>,
    tcp_port_range: Vec<PortRangeWire>,
    bypass_type: &'static str,
    config_space: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    microtenant_id: Option<String>,
}

#[derive(Serialize)]
struct PortRangeWire {
    from: String,
    to: String,
}

/// A microtenant as `GET /microtenants` carries it. Membership goes by the user's
/// authentication domain, which is how the demo's microtenants are set up.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrotenantWire {
    id: String,
    name: String,
    enabled: bool,
    criteria_attribute: &'static str,
    criteria_attribute_values: Vec<&'static str>,
    privileged_approvals_enabled: bool,
}

pub fn microtenant(microtenant: &Microtenant) -> MicrotenantWire {
    MicrotenantWire {
        id: microtenant.id.to_string(),
        name: microtenant.name.clone(),
        enabled: true,
        criteria_attribute: "AuthDomain",
        criteria_attribute_values: vec![catalog::email_domain(Some(microtenant.id))],
        privileged_approvals_enabled: true,
    }
}

/// A segment as the create reply carries it: the id and ZPA's defaulted flags, but no name.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedSegmentWire {
    id: String,
    icmp_access_type: &'static str,
    bypass_type: &'static str,
    config_space: &'static str,
    cname_config: &'static str,
    ip_anchored: bool,
    tcp_keep_alive: &'static str,
}

impl<T> Page<T> {
    pub fn new(total_count: usize, total_pages: usize, list: Vec<T>) -> Self {
        Self { total_pages: total_pages.to_string(), total_count: total_count.to_string(), list }
    }
}

/// `approval` as every read answers it, with its segments written out in full.
pub fn approval(approval: &Approval, tenant: &Tenant, now: i64) -> ApprovalWire<SegmentWire> {
    // A segment id that no longer resolves is dropped rather than failing the whole answer.
    let applications =
        approval.segment_ids.iter().filter_map(|id| tenant.segment(*id)).map(segment).collect();
    approval_with(approval, now, applications)
}

/// `approval` as the create reply answers it.
pub fn created_approval(approval: &Approval, now: i64) -> ApprovalWire<CreatedSegmentWire> {
    let applications = approval
        .segment_ids
        .iter()
        .map(|id| CreatedSegmentWire {
            id: id.to_string(),
            icmp_access_type: "NONE",
            bypass_type: "NEVER",
            config_space: "DEFAULT",
            cname_config: "NOFLATTEN",
            ip_anchored: false,
            tcp_keep_alive: "0",
        })
        .collect();
    approval_with(approval, now, applications)
}

fn approval_with<A>(approval: &Approval, now: i64, applications: Vec<A>) -> ApprovalWire<A> {
    ApprovalWire {
        id: approval.id.to_string(),
        modified_time: approval.modified.to_string(),
        creation_time: approval.created.to_string(),
        modified_by: approval.modified_by.to_string(),
        start_time: approval.start.to_string(),
        end_time: approval.end.to_string(),
        working_hours: approval.working_hours.as_ref().map(working_hours),
        status: Status::of(approval, now).as_wire(),
        microtenant_id: approval.microtenant.map(|id| id.to_string()),
        email_ids: vec![approval.email.clone()],
        applications,
    }
}

fn working_hours(hours: &WorkingHours) -> WorkingHoursWire {
    WorkingHoursWire {
        start_time_cron: hours.start_cron.clone(),
        end_time_cron: hours.end_cron.clone(),
        start_time: hours.start_time.clone(),
        end_time: hours.end_time.clone(),
        days: hours.days.clone(),
        time_zone: hours.time_zone.clone(),
    }
}

/// `segment` in full.
pub fn segment(segment: &Segment) -> SegmentWire {
    SegmentWire {
        id: segment.id.to_string(),
        modified_time: segment.modified.to_string(),
        creation_time: segment.created.to_string(),
        modified_by: segment.modified_by.to_string(),
        name: segment.name.clone(),
        domain_name: segment.domain_names.first().cloned().unwrap_or_default(),
        domain_names: segment.domain_names.clone(),
        enabled: segment.enabled,
        // ZPA flattens each range into its two ends, one string each.
        tcp_port_ranges: segment
            .tcp_ports
            .iter()
            .flat_map(|(from, to)| [from.to_string(), to.to_string()])
            .collect(),
        tcp_port_range: segment
            .tcp_ports
            .iter()
            .map(|(from, to)| PortRangeWire { from: from.to_string(), to: to.to_string() })
            .collect(),
        bypass_type: "NEVER",
        config_space: "DEFAULT",
        microtenant_id: segment.microtenant.map(|id| id.to_string()),
    }
}
