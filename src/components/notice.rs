//! The one-line message a page shows after a change, read from the URL it was sent to.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What happened, from `saved`, `revoked`, `purged` or `extended` in the query string.
pub fn notice_text(
    saved: Option<String>,
    revoked: Option<String>,
    purged: Option<String>,
    extended: Option<String>,
) -> Option<String> {
    if let Some(id) = saved.filter(|id| id.parse::<u64>().is_ok()) {
        return Some(format!("Approval {id} was saved in ZPA."));
    }
    if let Some(id) = revoked.filter(|id| id.parse::<u64>().is_ok()) {
        return Some(format!("Approval {id} was revoked: its user no longer has that access."));
    }
    if let Some(purged) = purged {
        return Some(match purged.as_str() {
            "some" => "The expired approvals were purged.".to_string(),
            _ => "There was nothing to purge: no approval had expired.".to_string(),
        });
    }
    extended
        .filter(|id| id.parse::<u64>().is_ok())
        .map(|id| format!("Approval {id} was extended; its new end is shown below."))
}

#[component]
pub fn Notice() -> impl IntoView {
    let query = use_query_map();
    let text = move || {
        query.with(|map| {
            notice_text(
                map.get("saved"),
                map.get("revoked"),
                map.get("purged"),
                map.get("extended"),
            )
        })
    };
    move || text().map(|text| view! { <p class="notice" role="status">{text}</p> })
}

#[cfg(test)]
mod tests {
    use super::notice_text;

    #[test]
    fn each_change_reads_as_a_sentence() {
        let saved = notice_text(Some("20001".into()), None, None, None).unwrap();
        assert_eq!(saved, "Approval 20001 was saved in ZPA.");
        let revoked = notice_text(None, Some("20001".into()), None, None).unwrap();
        assert!(revoked.starts_with("Approval 20001 was revoked"));
        let nothing = notice_text(None, None, Some("none".into()), None).unwrap();
        assert!(nothing.contains("nothing to purge"));
        assert_eq!(notice_text(None, Some("<script>".into()), None, None), None);
        assert_eq!(notice_text(None, None, None, None), None);
    }
}
