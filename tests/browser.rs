//! The console's browser-side code, run for real in headless Chromium.
//!
//! These check what only a browser can: that times read through the browser's own tz database
//! (behind `Intl`) come out right across daylight-saving changes and odd offsets, that list URLs
//! the console writes are read back the same by the browser's URL parser, and that shared
//! components render the markup pages and journeys rely on when mounted into a live DOM.
//!
//! `scripts/test.sh` runs them with wasm-bindgen-test-runner and chromedriver:
//! `cargo test --target wasm32-unknown-unknown --no-default-features --features hydrate --test browser`

#![cfg(target_arch = "wasm32")]

use chrono::{DateTime, Utc};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use zpa_approvals::components::{
    provide_viewer_zone, use_viewer_zone, ErrorPanel, Pager, PagerLinks, StatusBadge,
};
use zpa_approvals::model::{
    ApprovalStatus, ConsoleError, ListQuery, PageSize, SortDir, SortField, Sorting,
};
use zpa_approvals::time::{describe_offset, format_in, format_utc, iso, zone, Zone};

wasm_bindgen_test_configure!(run_in_browser);

// ---------------------------------------------------------------------------------------------
// The document the tests mount components into

fn document() -> web_sys::Document {
    web_sys::window().expect("a window").document().expect("a document")
}

/// A fresh `<div>` in the body for one test to mount into.
fn container(id: &str) -> web_sys::HtmlElement {
    let element = document().create_element("div").expect("create a div");
    element.set_id(id);
    document().body().expect("a body").append_child(&element).expect("append the div");
    element.dyn_into().expect("a div is an HtmlElement")
}

fn select(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector} in {}", root.inner_html()))
}

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).expect("a valid timestamp")
}

/// `YYYY-MM-DD HH:MM` for `instant` in `zone_name`, as the browser's own `Intl` clock says.
fn browser_wall_clock(instant: DateTime<Utc>, zone_name: &str) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", zone_name),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "2-digit"),
        ("day", "2-digit"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).expect("set an Intl option");
    }
    let locales = js_sys::Array::of1(&"en-US".into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let date = js_sys::Date::new(&(instant.timestamp_millis() as f64).into());
    let mut parts = std::collections::HashMap::new();
    for part in format.format_to_parts(&date).iter() {
        let kind = js_sys::Reflect::get(&part, &"type".into()).unwrap().as_string().unwrap();
        let value = js_sys::Reflect::get(&part, &"value".into()).unwrap().as_string().unwrap();
        parts.insert(kind, value);
    }
    format!(
        "{}-{}-{} {}:{}",
        parts["year"], parts["month"], parts["day"], parts["hour"], parts["minute"]
    )
}

/// The zone the browser itself runs in, as `Intl` reports it.
fn browser_zone_name() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

fn html_document() -> web_sys::HtmlDocument {
    document().dyn_into().expect("an HTML document")
}

fn clear_tz_cookie() {
    html_document().set_cookie("tz=; path=/; max-age=0").expect("clear the tz cookie");
}

// ---------------------------------------------------------------------------------------------
// Times

fn known(name: &str) -> Zone {
    zone(name).unwrap_or_else(|| panic!("{name} should be a known zone"))
}

#[wasm_bindgen_test]
fn berlin_times_change_offset_across_the_spring_change() {
    let berlin = known("Europe/Berlin");
    // 2026-03-29 00:30 UTC is before Berlin springs forward at 01:00 UTC; 01:30 UTC is after.
    assert_eq!(format_in(at(1_774_744_200), &berlin), "Sun 29 Mar 2026, 01:30 UTC+1");
    assert_eq!(format_in(at(1_774_747_800), &berlin), "Sun 29 Mar 2026, 03:30 UTC+2");
    assert_eq!(berlin.offset_at(at(1_774_746_000 - 1)), 3600);
    assert_eq!(berlin.offset_at(at(1_774_746_000)), 7200);
}

#[wasm_bindgen_test]
fn berlin_times_repeat_an_hour_across_the_autumn_change() {
    let berlin = known("Europe/Berlin");
    // 2026-10-25: clocks go back from 03:00 UTC+2 to 02:00 UTC+1 at 01:00 UTC, so 02:30
    // happens twice; the offset tells the two apart.
    assert_eq!(format_in(at(1_792_888_200), &berlin), "Sun 25 Oct 2026, 02:30 UTC+2");
    assert_eq!(format_in(at(1_792_891_800), &berlin), "Sun 25 Oct 2026, 02:30 UTC+1");
    assert_eq!(format_utc(at(1_792_888_200)), "2026-10-25 00:30:00 UTC");
    assert_eq!(iso(at(1_792_891_800)), "2026-10-25T01:30:00Z");
}

#[wasm_bindgen_test]
fn offsets_that_are_not_whole_hours_read_with_minutes() {
    let instant = at(1_774_744_200); // 2026-03-29 00:30 UTC
    assert_eq!(format_in(instant, &known("Asia/Kolkata")), "Sun 29 Mar 2026, 06:00 UTC+5:30");
    assert_eq!(format_in(instant, &known("Asia/Kathmandu")), "Sun 29 Mar 2026, 06:15 UTC+5:45");
    // St. John's, Newfoundland, in winter; and the Chatham Islands in their summer.
    let new_year = at(1_735_689_600); // 2025-01-01 00:00 UTC
    assert_eq!(format_in(new_year, &known("America/St_Johns")), "Tue 31 Dec 2024, 20:30 UTC-3:30");
    assert_eq!(format_in(new_year, &known("Pacific/Chatham")), "Wed 1 Jan 2025, 13:45 UTC+13:45");
    // Lord Howe Island leaves daylight saving by half an hour, on 2026-04-05 at 02:00 local.
    let lord_howe = known("Australia/Lord_Howe");
    assert_eq!(lord_howe.offset_at(at(1_775_314_800 - 1)), 11 * 3600);
    assert_eq!(lord_howe.offset_at(at(1_775_314_800)), 10 * 3600 + 1800);
    assert_eq!(describe_offset(-12_600), "UTC-3:30");
    assert_eq!(describe_offset(0), "UTC");
}

#[wasm_bindgen_test]
fn midnight_reads_as_hour_zero() {
    // Some Intl settings write midnight as 24:00; the console must not.
    let new_year = at(1_735_689_600); // 2025-01-01 00:00 UTC
    assert_eq!(format_in(new_year, &Zone::utc()), "Wed 1 Jan 2025, 00:00 UTC");
    assert_eq!(format_in(new_year, &known("UTC")), "Wed 1 Jan 2025, 00:00 UTC");
    let berlin_midnight = at(1_735_686_000); // 2024-12-31 23:00 UTC
    assert_eq!(format_in(berlin_midnight, &known("Europe/Berlin")), "Wed 1 Jan 2025, 00:00 UTC+1");
    assert_eq!(known("Europe/Berlin").offset_at(berlin_midnight), 3600);
}

#[wasm_bindgen_test]
fn british_columbia_keeps_daylight_time_after_november_2026() {
    // BC stopped changing its clocks after 2026-03-08 and stays at UTC-7 all year; a reader in
    // Vancouver must see the same time as the clock on their wall in winter too.
    let vancouver = known("America/Vancouver");
    assert_eq!(format_in(at(1_774_744_200), &vancouver), "Sat 28 Mar 2026, 17:30 UTC-7");
    assert_eq!(format_in(at(1_796_025_600), &vancouver), "Mon 30 Nov 2026, 01:00 UTC-7");
    // Seattle still falls back.
    let seattle = known("America/Los_Angeles");
    assert_eq!(format_in(at(1_796_025_600), &seattle), "Mon 30 Nov 2026, 00:00 UTC-8");
}

#[wasm_bindgen_test]
fn times_agree_with_the_browsers_clock() {
    // Instants around daylight-saving changes in each hemisphere, in zones the demo uses.
    let instants = [
        1_774_744_200, // 2026-03-29 00:30 UTC (Europe springs forward at 01:00 UTC)
        1_774_747_800, // 2026-03-29 01:30 UTC
        1_772_951_400, // 2026-03-08 06:30 UTC (North America springs forward)
        1_775_397_600, // 2026-04-05 14:00 UTC (Sydney fell back at 16:00 UTC on the 4th)
        1_792_888_200, // 2026-10-25 00:30 UTC (Europe falls back at 01:00 UTC)
        1_792_891_800, // 2026-10-25 01:30 UTC
        1_796_025_600, // 2026-11-30 08:00 UTC
        1_735_689_600, // 2025-01-01 00:00 UTC
        1_800_000_000, // 2027-01-15 08:00 UTC
        // And today, which is what a reader compares with the clock on the wall.
        Utc::now().timestamp() / 60 * 60,
    ];
    let zones = [
        "Europe/Berlin",
        "Europe/London",
        "America/Vancouver",
        "America/New_York",
        "America/Sao_Paulo",
        "Asia/Kolkata",
        "Asia/Calcutta",
        "Australia/Sydney",
        "Pacific/Chatham",
        "UTC",
    ];
    let mut disagreements = Vec::new();
    for zone_name in zones {
        let zone = known(zone_name);
        for seconds in instants {
            let instant = at(seconds);
            let ours = zone.local(instant).format("%Y-%m-%d %H:%M").to_string();
            let browsers = browser_wall_clock(instant, zone_name);
            let shown = format_in(instant, &zone);
            if ours != browsers || !shown.contains(&browsers[11..]) {
                disagreements.push(format!(
                    "{zone_name} at {}: the console shows {shown:?}, the browser's clock says {browsers}",
                    iso(instant),
                ));
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "times disagree with the browser:\n{}",
        disagreements.join("\n")
    );
}

#[wasm_bindgen_test]
fn zone_names_are_checked_against_the_browsers_tz_database() {
    let calcutta = known("Asia/Calcutta");
    let kolkata = known("Asia/Kolkata");
    let instant = at(1_774_744_200);
    assert_eq!(format_in(instant, &calcutta), format_in(instant, &kolkata));
    assert_eq!(known("  Europe/Berlin ").name(), "Europe/Berlin");
    assert!(zone("Mars/Olympus_Mons").is_none());
    assert!(zone("").is_none());
    assert!(zone("Europe/Berlin; path=/").is_none());
    // Whatever zone this browser runs in, the console can show times in it.
    let browser = browser_zone_name();
    assert!(zone(&browser).is_some(), "the browser's zone {browser:?} is not known");
}

#[wasm_bindgen_test]
fn now_comes_from_the_browsers_clock() {
    let ours = Utc::now().timestamp_millis() as f64;
    let browsers = js_sys::Date::now();
    assert!((ours - browsers).abs() < 5_000.0, "chrono {ours} vs Date.now() {browsers}");
}

// ---------------------------------------------------------------------------------------------
// List URLs

/// Reads a list URL's query back through the browser's own `URLSearchParams`.
fn parsed_by_the_browser(query_string: &str) -> ListQuery {
    let params = web_sys::UrlSearchParams::new_with_str(query_string).expect("a query string");
    let mut pairs = Vec::new();
    for entry in js_sys::try_iter(&params).expect("iterable").expect("an iterator") {
        let entry: js_sys::Array =
            entry.expect("an entry").dyn_into().expect("a [key, value] pair");
        pairs.push((entry.get(0).as_string().unwrap(), entry.get(1).as_string().unwrap()));
    }
    ListQuery::from_url_pairs(pairs.iter().map(|(key, value)| (key.as_str(), value.as_str())))
}

#[wasm_bindgen_test]
fn list_urls_round_trip_through_the_browsers_url_parser() {
    let searches = [
        "dana+ops@example.com",
        "a b&c=d#e?f/g%h",
        "ümlaut.ß@例え.jp",
        "'quoted' \"double\" <tag>",
        "",
    ];
    for search in searches {
        for (status, microtenant) in
            [(Some(ApprovalStatus::Expired), Some(145_260_601_092_866_314)), (None, None)]
        {
            let query = ListQuery {
                page: 3,
                page_size: PageSize::Hundred,
                sorting: Sorting { field: SortField::EndTime, dir: SortDir::Asc },
                search: search.to_string(),
                status,
                microtenant,
            };
            let url = query.to_url_query();
            assert_eq!(parsed_by_the_browser(&url), query, "through {url}");
            // And as a whole link, the way a click resolves it against the page's address.
            let link =
                web_sys::Url::new_with_base(&query.href(), "http://127.0.0.1:3000/approvals")
                    .expect("a link the browser accepts");
            assert_eq!(link.pathname(), "/approvals");
            assert_eq!(parsed_by_the_browser(&link.search()), query, "through {}", query.href());
        }
    }
}

#[wasm_bindgen_test]
fn the_default_view_and_each_status_keep_short_urls() {
    let default = ListQuery::from_url_pairs([]);
    assert_eq!(default.href(), "/approvals");
    assert_eq!(parsed_by_the_browser(""), default);
    for status in ApprovalStatus::ALL {
        let query = ListQuery { status: Some(status), ..default.clone() };
        let href = query.href();
        assert_eq!(href, format!("/approvals?status={}", status.wire_name().to_ascii_lowercase()));
        assert_eq!(parsed_by_the_browser(&href["/approvals".len()..]), query);
    }
}

#[wasm_bindgen_test]
fn what_a_get_form_submits_is_read_like_a_link() {
    // The search form submits every field, empty ones included, with `+` for spaces.
    let query = parsed_by_the_browser("?q=dana.reyes%40example.com&status=&size=50");
    assert_eq!(query.search, "dana.reyes@example.com");
    assert_eq!(query.status, None);
    assert_eq!(query.page_size, PageSize::Fifty);
    assert_eq!(query.page, 1);
    assert_eq!(parsed_by_the_browser("?q=a+b").search, "a b");
    // Hand-edited nonsense falls back to the defaults.
    let nonsense = parsed_by_the_browser("?page=-4&size=7&sort=DROP&dir=sideways&status=asleep");
    assert_eq!(nonsense, ListQuery { page: 1, ..Default::default() });
}

#[wasm_bindgen_test]
fn sorting_links_toggle_and_restart_paging() {
    let query = parsed_by_the_browser("?page=4");
    let by_end = query.toggled_sort(SortField::EndTime);
    assert_eq!(by_end.href(), "/approvals?sort=endTime&dir=asc");
    let reversed = parsed_by_the_browser(&by_end.href()["/approvals".len()..])
        .toggled_sort(SortField::EndTime);
    assert_eq!(reversed.href(), "/approvals?sort=endTime&dir=desc");
}

// ---------------------------------------------------------------------------------------------
// Components in a live DOM

#[wasm_bindgen_test]
fn status_badges_show_their_word_and_colour_class() {
    let root = container("badges");
    let handle = mount_to(root.clone(), || {
        view! {
            <ul>
                {ApprovalStatus::ALL
                    .into_iter()
                    .map(|status| view! { <li><StatusBadge status/></li> })
                    .collect_view()}
            </ul>
        }
    });
    let badges = root.query_selector_all("li > span").expect("a valid selector");
    assert_eq!(badges.length(), 4);
    let expected = [
        ("Active", "badge badge-active"),
        ("Future", "badge badge-future"),
        ("Expired", "badge badge-expired"),
        ("Invalid", "badge badge-invalid"),
    ];
    for (index, (word, class)) in expected.into_iter().enumerate() {
        let badge: web_sys::Element = badges.item(index as u32).unwrap().dyn_into().unwrap();
        assert_eq!(text(&badge), word);
        assert_eq!(badge.class_name(), class);
    }
    drop(handle);
    assert_eq!(root.child_element_count(), 0, "unmounting removes the badges");
    root.remove();
}

#[wasm_bindgen_test]
fn the_pager_links_to_its_neighbours_and_keeps_the_view() {
    let root = container("pager");
    let query = parsed_by_the_browser("?q=dana&status=active&sort=endTime&dir=asc&page=2");
    let links = PagerLinks::new(2, 20, 20, 8, 153);
    let handle = mount_to(root.clone(), move || view! { <Pager query links total_pages=8/> });

    let nav = select(&root, "nav.pager");
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("Pages"));
    let previous = select(&nav, "a[rel=prev]");
    assert_eq!(text(&previous), "Previous");
    assert_eq!(
        previous.get_attribute("href").as_deref(),
        Some("/approvals?q=dana&status=active&sort=endTime&dir=asc")
    );
    let next = select(&nav, "a[rel=next]");
    assert_eq!(text(&next), "Next");
    assert_eq!(
        next.get_attribute("href").as_deref(),
        Some("/approvals?q=dana&status=active&sort=endTime&dir=asc&page=3")
    );
    assert_eq!(text(&select(&nav, ".pager-position")), "Page 2 of 8");
    assert_eq!(text(&select(&nav, ".pager-range")), "Showing 21–40 of 153");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
fn the_last_page_has_no_next_link() {
    let root = container("last-page");
    let query = ListQuery { page: 8, ..ListQuery::from_url_pairs([]) };
    let links = PagerLinks::new(8, 20, 13, 8, 153);
    let handle = mount_to(root.clone(), move || view! { <Pager query links total_pages=8/> });
    assert!(root.query_selector("a[rel=next]").unwrap().is_none());
    let disabled = select(&root, "span.disabled[aria-disabled=true]");
    assert_eq!(text(&disabled), "Next");
    assert_eq!(
        select(&root, "a[rel=prev]").get_attribute("href").as_deref(),
        Some("/approvals?page=7")
    );
    assert_eq!(text(&select(&root, ".pager-range")), "Showing 141–153 of 153");
    drop(handle);
    root.remove();
}

#[wasm_bindgen_test]
fn an_error_panel_says_what_happened_and_offers_a_retry() {
    let root = container("error-panel");
    let error = ConsoleError::RateLimited { retry_after_secs: Some(4) };
    // The panel's way back keeps the view's microtenant, which it reads from the router.
    let handle = mount_to(root.clone(), move || {
        view! {
            <leptos_router::components::Router>
                <ErrorPanel error retry_href="/approvals?page=2".to_string()/>
            </leptos_router::components::Router>
        }
    });
    let panel = select(&root, "section.error-panel[role=alert]");
    assert_eq!(text(&select(&panel, "h2")), "ZPA is rate limiting this console.");
    assert!(text(&panel).contains("Try again in 4 seconds."), "{}", text(&panel));
    let retry = select(&panel, "a.button");
    assert_eq!(text(&retry), "Retry");
    assert_eq!(retry.get_attribute("href").as_deref(), Some("/approvals?page=2"));
    let back = select(&panel, "a:not(.button)");
    assert_eq!(back.get_attribute("href").as_deref(), Some("/approvals"));
    drop(handle);
    root.remove();
}

/// Shows the reader's zone the way the list's caption does.
#[component]
fn ZoneProbe() -> impl IntoView {
    provide_viewer_zone();
    let zone = use_viewer_zone();
    view! { <span class="zone-probe">{move || zone.with(|zone| zone.name().to_string())}</span> }
}

#[wasm_bindgen_test]
async fn the_viewer_zone_starts_from_the_cookie_then_follows_the_browser() {
    let browser = zone(&browser_zone_name());
    // A stored zone that differs from the browser's, as after a trip abroad.
    let stored = match browser.as_ref().map(Zone::name) {
        Some("Asia/Kolkata" | "Asia/Calcutta") => "Europe/Berlin",
        _ => "Asia/Kolkata",
    };
    html_document()
        .set_cookie(&format!("tz={stored}; path=/; samesite=lax"))
        .expect("set the tz cookie");

    let root = container("viewer-zone");
    let handle = mount_to(root.clone(), || view! { <ZoneProbe/> });
    let probe = select(&root, ".zone-probe");
    assert_eq!(text(&probe), stored, "the first render uses the stored zone, like the server");

    // Effects run once the first render is on screen.
    for _ in 0..5 {
        leptos::task::tick().await;
    }
    let cookies = html_document().cookie().unwrap_or_default();
    match browser {
        Some(browser) => {
            assert_eq!(text(&probe), browser.name(), "times follow the browser's zone");
            assert!(
                cookies.split("; ").any(|pair| pair == format!("tz={}", browser.name())),
                "the browser's zone is stored for the next page load: {cookies}"
            );
        }
        None => assert_eq!(text(&probe), stored, "an unknown browser zone changes nothing"),
    }
    drop(handle);
    root.remove();
    clear_tz_cookie();
}

#[wasm_bindgen_test]
async fn without_a_cookie_the_viewer_zone_is_utc_until_the_browser_says_otherwise() {
    clear_tz_cookie();
    let root = container("viewer-zone-default");
    let handle = mount_to(root.clone(), || view! { <ZoneProbe/> });
    let probe = select(&root, ".zone-probe");
    assert_eq!(text(&probe), "UTC");
    for _ in 0..5 {
        leptos::task::tick().await;
    }
    let expected = zone(&browser_zone_name()).map(|zone| zone.name().to_string());
    assert_eq!(text(&probe), expected.unwrap_or_else(|| "UTC".into()));
    drop(handle);
    root.remove();
    clear_tz_cookie();
}

#[wasm_bindgen_test]
async fn a_stored_zone_the_browser_does_not_know_is_ignored() {
    html_document()
        .set_cookie("tz=Mars/Olympus_Mons; path=/; samesite=lax")
        .expect("set the tz cookie");
    let root = container("viewer-zone-unknown");
    let handle = mount_to(root.clone(), || view! { <ZoneProbe/> });
    assert_eq!(text(&select(&root, ".zone-probe")), "UTC");
    drop(handle);
    root.remove();
    clear_tz_cookie();
}
