//! The `search` expressions the approval list understands, and the ones it refuses.

use reqwest::StatusCode;
use serde_json::Value;
use zpa_approvals::server::emulator::DEMO_APPROVALS;

use crate::{assert_error, Zpa};

fn email(approval: &Value) -> String {
    approval["emailIds"][0].as_str().unwrap().to_owned()
}

/// Someone with several approvals in the demo, and how many they have.
async fn busiest_person(zpa: &Zpa) -> (String, usize) {
    let all = zpa.all_approvals(&[]).await;
    let emails: Vec<String> = all.iter().map(email).collect();
    let busiest = emails.iter().max_by_key(|e| emails.iter().filter(|o| o == e).count()).unwrap();
    (busiest.clone(), emails.iter().filter(|o| *o == busiest).count())
}

async fn search(zpa: &Zpa, expression: &str) -> Vec<Value> {
    zpa.all_approvals(&[("search", expression)]).await
}

#[tokio::test]
async fn email_search_supports_every_operator_ignoring_case() {
    let zpa = Zpa::seeded().await;
    let (person, count) = busiest_person(&zpa).await;
    assert!(count >= 2, "the demo should give someone several approvals");

    let equal = search(&zpa, &format!("emailIds+EQ+{}", person.to_uppercase())).await;
    assert_eq!(equal.len(), count);
    assert!(equal.iter().all(|approval| email(approval) == person));

    let not_equal = search(&zpa, &format!("emailIds+NE+{person}")).await;
    assert_eq!(not_equal.len(), DEMO_APPROVALS - count);
    assert!(not_equal.iter().all(|approval| email(approval) != person));

    let contains = search(&zpa, "emailIds+CONTAINS+PARTNER.example").await;
    assert!(!contains.is_empty());
    assert!(contains.iter().all(|approval| email(approval).contains("partner.example")));

    let local_part = person.split('@').next().unwrap();
    let starts = search(&zpa, &format!("emailIds+STARTSWITH+{local_part}@")).await;
    assert_eq!(starts.len(), count);

    let ends = search(&zpa, "emailIds+ENDSWITH+@emea.example.com").await;
    assert!(!ends.is_empty());
    assert!(ends.iter().all(|approval| email(approval).ends_with("@emea.example.com")));
    let nobody = search(&zpa, "emailIds+EQ+nobody@example.com").await;
    assert!(nobody.is_empty());
}

#[tokio::test]
async fn status_search_matches_the_computed_status() {
    let zpa = Zpa::seeded().await;
    let all = zpa.all_approvals(&[]).await;
    let mut total = 0;
    for status in ["ACTIVE", "FUTURE", "EXPIRED"] {
        let expected = all.iter().filter(|approval| approval["status"] == status).count();
        assert!(expected > 0, "the demo should show {status}");
        let found = search(&zpa, &format!("status+EQ+{}", status.to_lowercase())).await;
        assert_eq!(found.len(), expected, "{status}");
        assert!(found.iter().all(|approval| approval["status"] == status));
        total += found.len();
    }
    assert_eq!(total, DEMO_APPROVALS);

    let not_expired = search(&zpa, "status+NE+EXPIRED").await;
    assert!(not_expired.iter().all(|approval| approval["status"] != "EXPIRED"));
    let future = search(&zpa, "status+STARTSWITH+fut").await;
    assert!(!future.is_empty() && future.iter().all(|approval| approval["status"] == "FUTURE"));
    let expired = search(&zpa, "status+ENDSWITH+IRED").await;
    assert!(!expired.is_empty() && expired.iter().all(|a| a["status"] == "EXPIRED"));
    let active = search(&zpa, "status+CONTAINS+tiv").await;
    assert!(!active.is_empty() && active.iter().all(|a| a["status"] == "ACTIVE"));
}

#[tokio::test]
async fn search_is_decoded_once_so_a_literal_plus_needs_percent_2b() {
    let zpa = Zpa::seeded().await;
    let (person, count) = busiest_person(&zpa).await;
    let url = zpa.url(&format!("/approval?pagesize=500&search=emailIds%2BEQ%2B{person}"));
    let encoded = crate::answer(zpa.http.get(url).bearer_auth(&zpa.token).send().await.unwrap());
    assert_eq!(encoded.await.json["list"].as_array().unwrap().len(), count);

    // A bare `+` decodes to a space, which leaves no operator to split on.
    let url = zpa.url(&format!("/approval?search=emailIds+EQ+{person}"));
    let bare = crate::answer(zpa.http.get(url).bearer_auth(&zpa.token).send().await.unwrap());
    assert_error(&bare.await, StatusCode::BAD_REQUEST, "filtering.input.invalid.operand");
}

#[tokio::test]
async fn a_malformed_search_is_refused_as_an_invalid_operand() {
    let zpa = Zpa::seeded().await;
    let bad = ["dana reyes", "emailIds+GT+a", "name+EQ+x", "emailIds+EQ", "status+LIKE+ACTIVE"];
    for expression in bad {
        let refused = zpa.list("/approval", &[("search", expression)]).await;
        let body =
            assert_error(&refused, StatusCode::BAD_REQUEST, "filtering.input.invalid.operand");
        assert_eq!(body, crate::shapes::fixture("error-invalid-operand.json"), "{expression}");
    }
}
