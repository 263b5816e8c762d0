//! Saving the approval form, whether it arrives as a server function call (JavaScript on) or
//! as a plain HTML form post (JavaScript off): one path from the typed draft to ZPA.

use chrono::{DateTime, TimeDelta, Utc};

use super::state::ConsoleState;
use super::zpa::ZpaError;
use crate::api::FormStart;
use crate::model::{
    check_person, check_request, Approval, ApprovalDraft, ApprovalRequest, ApprovalStatus,
    ConsoleError, DEFAULT_MICROTENANT,
};
use crate::time::{wire_day, Zone};

/// A form posted without JavaScript that could not be saved: it is rendered again from this.
#[derive(Clone, Debug)]
pub struct PostedForm {
    pub draft: ApprovalDraft,
    pub problem: ConsoleError,
}

/// The form's starting point: the posted draft if one came back, else the approval being
/// edited, else a new four-hour approval starting this minute in the reader's zone.
pub async fn start(
    console: &ConsoleState,
    id: Option<u64>,
    microtenant: Option<u64>,
    email: Option<String>,
) -> Result<FormStart, ConsoleError> {
    let reader_zone = crate::components::reader_zone_from_cookie();
    let zone = reader_zone.clone().unwrap_or_else(Zone::utc);
    let current = current(console, id, microtenant).await?;
    // A new approval that names no microtenant goes to Default, so Default's segments are the
    // ones it may grant; an approval being edited keeps its own microtenant's.
    let home_microtenant = microtenant
        .or(current.as_ref().and_then(|approval| approval.microtenant_id))
        .or(console.zpa.configured_microtenant())
        .unwrap_or(DEFAULT_MICROTENANT);
    let segments = console
        .zpa
        .list_segments("", Some(home_microtenant))
        .await
        .map_err(|error| error.for_user(|| "Application segments".into()))?;
    let posted = leptos::prelude::use_context::<PostedForm>();
    let draft = match (&posted, &current) {
        (Some(posted), _) => posted.draft.clone(),
        (None, Some(approval)) => draft_of(approval, &zone),
        (None, None) => fresh_draft(email.unwrap_or_default(), &zone),
    };
    let start_locked = current.is_some_and(|approval| approval.status == ApprovalStatus::Active);
    let zone_guessed = reader_zone.is_none() && posted.is_none();
    let problem = posted.map(|posted| posted.problem);
    let zones = crate::time::zone_names();
    Ok(FormStart { draft, segments, problem, start_locked, zones, zone_guessed, home_microtenant })
}

fn local_parts(instant: DateTime<Utc>, zone: &Zone) -> (String, String) {
    let local = zone.local(instant);
    (local.format("%Y-%m-%d").to_string(), local.format("%H:%M").to_string())
}

fn fresh_draft(email: String, zone: &Zone) -> ApprovalDraft {
    let now = Utc::now();
    let start = DateTime::from_timestamp(now.timestamp() / 60 * 60, 0).unwrap_or(now);
    let (start_date, start_time) = local_parts(start, zone);
    let (end_date, end_time) = local_parts(start + TimeDelta::hours(4), zone);
    ApprovalDraft {
        email,
        start_date,
        start_time,
        end_date,
        end_time,
        window_zone: zone.name().to_string(),
        days: ["MON", "TUE", "WED", "THU", "FRI"].map(String::from).to_vec(),
        hours_from: "09:00".into(),
        hours_to: "17:00".into(),
        hours_zone: zone.name().to_string(),
        ..Default::default()
    }
}

fn draft_of(approval: &Approval, zone: &Zone) -> ApprovalDraft {
    let (start_date, start_time) = local_parts(approval.start, zone);
    let (end_date, end_time) = local_parts(approval.end, zone);
    let mut draft = fresh_draft(approval.emails.first().cloned().unwrap_or_default(), zone);
    draft.segment_ids = approval.segments.iter().map(|segment| segment.id.to_string()).collect();
    (draft.start_date, draft.start_time, draft.end_date, draft.end_time) =
        (start_date, start_time, end_date, end_time);
    if let Some(hours) = &approval.working_hours {
        draft.working_hours = true;
        draft.days = hours.days.iter().map(|day| wire_day(*day).to_string()).collect();
        draft.hours_from = hours.from.format("%H:%M").to_string();
        draft.hours_to = hours.to.format("%H:%M").to_string();
        draft.hours_zone = hours.time_zone.clone();
    }
    draft
}

/// Checks `draft` as the form's own rules do, then creates the approval (`id` none) or
/// replaces approval `id`. Returns the approval's id.
pub async fn save(
    console: &ConsoleState,
    id: Option<u64>,
    microtenant: Option<u64>,
    draft: ApprovalDraft,
) -> Result<u64, ConsoleError> {
    let request = draft.to_request().map_err(|mut unreadable| {
        // Name the other mistakes too, so the reader fixes everything in one round.
        let mut errors = check_person(&draft.email, draft.segment_ids.len());
        errors.retain(|error| unreadable.iter().all(|known| known.field != error.field));
        unreadable.extend(errors);
        ConsoleError::InvalidFields(unreadable)
    })?;
    store(console, id, microtenant, &request).await
}

/// Checks `request` and creates it (`id` none) or replaces approval `id` with it in ZPA.
pub async fn store(
    console: &ConsoleState,
    id: Option<u64>,
    microtenant: Option<u64>,
    request: &ApprovalRequest,
) -> Result<u64, ConsoleError> {
    let current = current(console, id, microtenant).await?;
    let errors = check_request(request, Utc::now(), current.as_ref());
    if !errors.is_empty() {
        return Err(ConsoleError::InvalidFields(errors));
    }
    match id {
        Some(id) => {
            // ZPA files an update that names no microtenant under Default, so the approval's
            // own microtenant goes with it.
            let home = microtenant.or(current.and_then(|approval| approval.microtenant_id));
            console.zpa.replace_approval(id, request, home).await.map_err(|error| {
                tracing::warn!(%error, id, "saving an approval failed");
                error.for_form(|| format!("Approval {id}"))
            })?;
            tracing::info!(id, "approval updated");
            Ok(id)
        }
        None => {
            let created =
                console.zpa.create_approval(request, microtenant).await.map_err(|error| {
                    tracing::warn!(%error, "creating an approval failed");
                    match error {
                        ZpaError::NotApplied | ZpaError::Unconfirmed => {
                            error.for_user(|| "the new approval".into())
                        }
                        // Not found, for a create, means a segment it names.
                        _ => error.for_form(|| "An application segment".into()),
                    }
                })?;
            tracing::info!(id = created.id, "approval created");
            Ok(created.id)
        }
    }
}

/// The approval `id` names, as ZPA has it now; none for a new one.
async fn current(
    console: &ConsoleState,
    id: Option<u64>,
    microtenant: Option<u64>,
) -> Result<Option<Approval>, ConsoleError> {
    let Some(id) = id else { return Ok(None) };
    let approval = console
        .zpa
        .get_approval(id, microtenant)
        .await
        .map_err(|error| error.for_user(|| format!("Approval {id}")))?;
    Ok(Some(approval))
}

/// Reads an urlencoded form body into a draft.
pub fn draft_from_form(body: &[u8]) -> ApprovalDraft {
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    ApprovalDraft::from_pairs(pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())))
}

#[cfg(test)]
mod tests {
    use super::draft_from_form;

    #[test]
    fn repeated_fields_become_lists_and_everything_typed_is_kept() {
        let body = b"email=dana%40example.com&segment=1&segment=2&days=MON&days=FRI\
                     &working_hours=on&hours_zone=Asia%2FKolkata&start_time=09%3A00";
        let draft = draft_from_form(body);
        assert_eq!(draft.email, "dana@example.com");
        assert_eq!(draft.segment_ids, ["1", "2"]);
        assert_eq!(draft.days, ["MON", "FRI"]);
        assert!(draft.working_hours);
        assert_eq!(draft.hours_zone, "Asia/Kolkata");
        assert_eq!(draft.start_time, "09:00");
    }
}
