//! The demo tenant's fixed cast: its microtenants, application segments and the people who get
//! approvals. Every tenant the emulator builds has these microtenants and segments, because
//! segments cannot be created through the approvals API; only the approvals vary.

use super::tenant::{Microtenant, Segment};

/// The microtenant contractors and vendors work in.
pub const CONTRACTORS: u64 = 145_260_601_092_866_314;
/// The microtenant of the European operations team.
pub const EMEA_OPERATIONS: u64 = 145_260_601_092_866_402;

/// The portal administrator recorded as having set up the segments.
const SEGMENT_ADMIN: u64 = 72_057_594_038_050_500;

pub fn microtenants() -> Vec<Microtenant> {
    vec![
        Microtenant { id: CONTRACTORS, name: "Contractors".to_owned() },
        Microtenant { id: EMEA_OPERATIONS, name: "EMEA Operations".to_owned() },
    ]
}

/// One row of the segment table below: id, name, domains, TCP port ranges, microtenant.
type SegmentRow = (u64, &'static str, &'static [&'static str], &'static [(u16, u16)], Option<u64>);

const SEGMENTS: [SegmentRow; 16] = [
    (
        289_370_814_522_851_383,
        "jump-hosts.corp.example",
        &["rdp01.corp.example", "rdp02.corp.example"],
        &[(3389, 3389)],
        None,
    ),
    (
        216_196_257_331_404_690,
        "ssh-bastion",
        &["bastion.corp.example"],
        &[(22, 22)],
        Some(CONTRACTORS),
    ),
    (
        216_196_257_331_404_701,
        "prod-postgres-admin",
        &["pgadmin.db.corp.example", "pg-prod01.db.corp.example"],
        &[(443, 443), (5432, 5432)],
        None,
    ),
    (
        216_196_257_331_404_712,
        "k8s-api-prod",
        &["api.k8s-prod.corp.example"],
        &[(6443, 6443)],
        None,
    ),
    (
        216_196_257_331_404_723,
        "k8s-api-staging",
        &["api.k8s-stg.corp.example"],
        &[(6443, 6443)],
        None,
    ),
    (
        216_196_257_331_404_734,
        "oracle-erp-db",
        &["erp-db01.corp.example", "erp-db02.corp.example"],
        &[(1521, 1522)],
        None,
    ),
    (
        216_196_257_331_404_745,
        "mssql-finance",
        &["sqlfin01.emea.corp.example"],
        &[(1433, 1433)],
        Some(EMEA_OPERATIONS),
    ),
    (216_196_257_331_404_756, "vcenter-console", &["vcenter.corp.example"], &[(443, 443)], None),
    (216_196_257_331_404_767, "network-gear-ssh", &["*.net.corp.example"], &[(22, 22)], None),
    (
        216_196_257_331_404_778,
        "scada-historian",
        &["historian.ot.emea.corp.example"],
        &[(443, 443), (3389, 3389)],
        Some(EMEA_OPERATIONS),
    ),
    (
        216_196_257_331_404_789,
        "idrac-out-of-band",
        &["*.oob.corp.example"],
        &[(443, 443), (5900, 5901)],
        None,
    ),
    (216_196_257_331_404_790, "jenkins-admin", &["ci.corp.example"], &[(8443, 8443)], None),
    (
        216_196_257_331_404_801,
        "mongodb-ops",
        &["mongo01.corp.example", "mongo02.corp.example", "mongo03.corp.example"],
        &[(27017, 27019)],
        Some(CONTRACTORS),
    ),
    (
        216_196_257_331_404_812,
        "domain-controllers-rdp",
        &["dc01.corp.example", "dc02.corp.example"],
        &[(3389, 3389)],
        None,
    ),
    (
        216_196_257_331_404_823,
        "vendor-support-jump",
        &["vendor-jump.partner.corp.example"],
        &[(22, 22), (3389, 3389)],
        Some(CONTRACTORS),
    ),
    (
        216_196_257_331_404_834,
        "splunk-admin",
        &["splunk.corp.example"],
        &[(8000, 8000), (8089, 8089)],
        None,
    ),
];

pub fn segments() -> Vec<Segment> {
    SEGMENTS
        .iter()
        .zip(0i64..)
        .map(|(&(id, name, domains, ports, microtenant), position)| Segment {
            id,
            name: name.to_owned(),
            domain_names: domains.iter().map(|domain| (*domain).to_owned()).collect(),
            tcp_ports: ports.to_vec(),
            microtenant,
            enabled: true,
            // Fixed dates in 2023, a week apart, so a segment's history never depends on today.
            created: 1_690_000_000 + position * 604_800,
            modified: 1_700_000_000 + position * 86_400,
            modified_by: SEGMENT_ADMIN,
        })
        .collect()
}

/// Staff who work in the Default microtenant.
pub const STAFF: [&str; 24] = [
    "dana.reyes",
    "sam.okafor",
    "lee.nakamura",
    "priya.raman",
    "marcus.holt",
    "elena.petrova",
    "tomas.lindqvist",
    "aisha.bello",
    "noah.fischer",
    "mei.chen",
    "carlos.mendes",
    "hannah.wright",
    "jamal.carter",
    "sofia.rossi",
    "arjun.mehta",
    "olivia.brooks",
    "kenji.sato",
    "fatima.haddad",
    "liam.oconnor",
    "grace.kim",
    "victor.alvarez",
    "nina.kowalski",
    "omar.farouk",
    "julia.becker",
];

/// Outside engineers, in the Contractors microtenant.
pub const CONTRACTOR_STAFF: [&str; 8] = [
    "raj.iyer",
    "chloe.martin",
    "diego.santos",
    "anna.novak",
    "ben.tran",
    "zoe.adams",
    "ivan.morozov",
    "lucy.evans",
];

/// The European operations team, in its own microtenant.
pub const EMEA_STAFF: [&str; 8] = [
    "lukas.weber",
    "camille.durand",
    "matteo.ricci",
    "ines.garcia",
    "pieter.dejong",
    "freya.nilsson",
    "jakub.nowak",
    "clara.schmidt",
];

/// The email domain each microtenant's people use.
pub fn email_domain(microtenant: Option<u64>) -> &'static str {
    match microtenant {
        Some(CONTRACTORS) => "partner.example.com",
        Some(EMEA_OPERATIONS) => "emea.example.com",
        _ => "example.com",
    }
}
