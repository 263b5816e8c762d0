//! The demo tenant: a realistic spread of approvals over the catalog's segments and people.
//!
//! Times are placed relative to "now" so every status is on show whenever the demo starts:
//! approvals running now, ones that start later, and expired ones waiting to be purged. About
//! half carry working hours in zones around the world, with crons computed the way the Admin
//! Portal does. A fixed random seed makes the data the same for the same "now", so tests can
//! count on it.

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, IteratorRandom};
use rand::{Rng, SeedableRng};

use super::catalog::{self, CONTRACTORS, EMEA_OPERATIONS};
use super::tenant::{Approval, Tenant, WorkingHours};
use super::working_hours::utc_crons;

/// How many approvals the demo tenant holds.
pub const DEMO_APPROVALS: usize = 156;

/// Times in the demo fall on quarter hours, as people pick them in a form.
const QUARTER: i64 = 15 * 60;
const QUARTERS_PER_DAY: i64 = 96;

/// Portal administrators recorded as the last to touch an approval.
const ADMINS: [u64; 3] = [72_057_594_038_624_153, 216_196_257_331_372_705, 216_196_257_331_372_811];

const ZONES: [&str; 9] = [
    "Europe/Berlin",
    "America/Vancouver",
    "Asia/Kolkata",
    "Asia/Calcutta",
    "America/New_York",
    "Australia/Sydney",
    "UTC",
    "Europe/London",
    "America/Sao_Paulo",
];

const WINDOWS: [(&str, &str); 5] = [
    ("09:00", "17:00"),
    ("08:00", "18:00"),
    ("07:30", "16:00"),
    ("10:00", "18:30"),
    ("06:00", "14:00"),
];

const DAY_SETS: [&[&str]; 5] = [
    &["MON", "TUE", "WED", "THU", "FRI"],
    &["MON", "TUE", "WED", "THU"],
    &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"],
    &["MON", "WED", "FRI"],
    &["SAT", "SUN"],
];

/// A tenant with the catalog's microtenants and segments and no approvals.
pub fn catalog_tenant() -> Tenant {
    Tenant::new(catalog::microtenants(), catalog::segments())
}

/// The demo tenant as it looks at `now` (epoch seconds).
pub fn demo_tenant(now: i64) -> Tenant {
    let mut tenant = catalog_tenant();
    let mut rng = StdRng::seed_from_u64(0x5EED_A99E);
    let quarter_now = now - now.rem_euclid(QUARTER);
    for _ in 0..DEMO_APPROVALS {
        let approval = demo_approval(&tenant, &mut rng, quarter_now);
        tenant.insert(approval);
        // Deleted approvals leave gaps in a real tenant's numbering.
        tenant.skip_ids(rng.random_range(0..3));
    }
    tenant
}

fn demo_approval(tenant: &Tenant, rng: &mut StdRng, quarter_now: i64) -> Approval {
    let microtenant = match rng.random_range(0..10) {
        0..=5 => None,
        6 | 7 => Some(CONTRACTORS),
        _ => Some(EMEA_OPERATIONS),
    };
    let people: &[&str] = match microtenant {
        Some(CONTRACTORS) => &catalog::CONTRACTOR_STAFF,
        Some(EMEA_OPERATIONS) => &catalog::EMEA_STAFF,
        _ => &catalog::STAFF,
    };
    let person = people.choose(rng).copied().unwrap_or("dana.reyes");
    let email = format!("{person}@{}", catalog::email_domain(microtenant));

    // Mostly one segment, sometimes several, always ones the microtenant may use.
    let segment_count = match rng.random_range(0..10) {
        0..=6 => 1,
        7 | 8 => 2,
        _ => rng.random_range(3..=4),
    };
    let segment_ids = tenant
        .segments
        .iter()
        .filter(|segment| segment.microtenant.is_none() || segment.microtenant == microtenant)
        .map(|segment| segment.id)
        .choose_multiple(rng, segment_count);

    let (start, end, created) = demo_times(rng, quarter_now);
    // Some were edited later, at some point between creation and now.
    let quarters_since_created = (quarter_now - created) / QUARTER;
    let modified = if quarters_since_created > 0 && rng.random_bool(0.3) {
        created + rng.random_range(1..=quarters_since_created) * QUARTER
    } else {
        created
    };
    let working_hours = rng.random_bool(0.5).then(|| demo_working_hours(rng, start)).flatten();

    Approval {
        id: 0,
        microtenant,
        email,
        segment_ids,
        start,
        end,
        working_hours,
        created,
        modified,
        modified_by: ADMINS.choose(rng).copied().unwrap_or(ADMINS[0]),
    }
}

/// Start, end and creation time for one approval: running now, starting later, or expired.
fn demo_times(rng: &mut StdRng, quarter_now: i64) -> (i64, i64, i64) {
    let quarters = |rng: &mut StdRng, low: i64, high: i64| rng.random_range(low..=high) * QUARTER;
    let (start, end) = match rng.random_range(0..20) {
        // Running now: started up to 20 days ago, ends between 2 hours and 60 days from now.
        0..=7 => (
            quarter_now - quarters(rng, 1, 20 * QUARTERS_PER_DAY),
            quarter_now + quarters(rng, 8, 60 * QUARTERS_PER_DAY),
        ),
        // Starts within 30 days and lasts up to 30 days.
        8..=12 => {
            let start = quarter_now + quarters(rng, 8, 30 * QUARTERS_PER_DAY);
            (start, start + quarters(rng, 16, 30 * QUARTERS_PER_DAY))
        }
        // Ended up to 90 days ago after running up to two weeks.
        _ => {
            let end = quarter_now - quarters(rng, 1, 90 * QUARTERS_PER_DAY);
            (end - quarters(rng, 8, 14 * QUARTERS_PER_DAY), end)
        }
    };
    // Created some time before it started, and never after now.
    let created = start.min(quarter_now) - quarters(rng, 1, 3 * QUARTERS_PER_DAY);
    (start, end, created)
}

fn demo_working_hours(rng: &mut StdRng, start: i64) -> Option<WorkingHours> {
    let zone_name = ZONES.choose(rng)?;
    let (start_time, end_time) = WINDOWS.choose(rng)?;
    let days = DAY_SETS.choose(rng)?;
    let zone = crate::time::zone(zone_name)?;
    let (start_cron, end_cron) = utc_crons(days, start_time, end_time, &zone, start)?;
    Some(WorkingHours {
        days: days.iter().map(|day| (*day).to_owned()).collect(),
        start_time: (*start_time).to_owned(),
        end_time: (*end_time).to_owned(),
        start_cron,
        end_cron,
        time_zone: (*zone_name).to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::emulator::tenant::Status;

    const NOW: i64 = 1_773_370_063;

    #[test]
    fn the_demo_is_the_same_for_the_same_now() {
        let (first, second) = (demo_tenant(NOW), demo_tenant(NOW));
        assert_eq!(first.approvals, second.approvals);
        assert_eq!(first.approvals.len(), DEMO_APPROVALS);
    }

    #[test]
    fn the_demo_shows_every_status_microtenant_and_zone_mix() {
        let tenant = demo_tenant(NOW);
        let approvals: Vec<&Approval> = tenant.approvals.values().collect();
        for status in [Status::Active, Status::Future, Status::Expired] {
            let count = approvals.iter().filter(|a| Status::of(a, NOW) == status).count();
            assert!(count >= 20, "{status:?}: {count}");
        }
        for microtenant in [None, Some(CONTRACTORS), Some(EMEA_OPERATIONS)] {
            assert!(approvals.iter().filter(|a| a.microtenant == microtenant).count() >= 20);
        }
        let with_hours = approvals.iter().filter(|a| a.working_hours.is_some()).count();
        assert!((50..=110).contains(&with_hours), "{with_hours}");
        assert!(approvals.iter().filter(|a| a.segment_ids.len() > 1).count() >= 20);
        assert!(approvals.iter().all(|a| a.start < a.end && a.created <= a.modified));
    }
}
