//! The configuration rules, read through a lookup instead of the process environment.

use super::*;
use std::collections::HashMap;

fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let vars: HashMap<String, String> =
        vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|name| vars.get(name).cloned())
}

const LEGACY: [(&str, &str); 4] = [
    ("ZSCALER_USE_LEGACY_CLIENT", "true"),
    ("ZPA_CLIENT_ID", "client"),
    ("ZPA_CLIENT_SECRET", "s3cret-value"),
    ("ZPA_CUSTOMER_ID", "216196257331281920"),
];

#[test]
fn nothing_set_means_demo_mode_on_port_3000() {
    let config = config(&[]).unwrap();
    assert_eq!(config.upstream, Upstream::Demo);
    assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
}

#[test]
fn legacy_defaults_to_the_production_cloud() {
    let Upstream::Legacy(creds) = config(&LEGACY).unwrap().upstream else { panic!() };
    assert_eq!(creds.base_url, "https://config.private.zscaler.com");
    assert_eq!(creds.customer_id, 216196257331281920);
    assert_eq!(format!("{:?}", creds.client_secret), "Secret(<redacted>)");
}

#[test]
fn legacy_cloud_names_pick_their_host() {
    let mut vars = LEGACY.to_vec();
    vars.push(("ZPA_CLOUD", "zpatwo"));
    let Upstream::Legacy(creds) = config(&vars).unwrap().upstream else { panic!() };
    assert_eq!(creds.base_url, "https://config.zpatwo.net");
}

#[test]
fn each_mistake_names_its_variable() {
    let mut unknown_cloud = LEGACY.to_vec();
    unknown_cloud.push(("ZPA_CLOUD", "MOON"));
    assert_eq!(config(&unknown_cloud).unwrap_err().variable, "ZPA_CLOUD");

    let missing_secret: Vec<_> =
        LEGACY.iter().copied().filter(|(k, _)| *k != "ZPA_CLIENT_SECRET").collect();
    assert_eq!(config(&missing_secret).unwrap_err().variable, "ZPA_CLIENT_SECRET");

    let mut bad_customer = LEGACY.to_vec();
    bad_customer[3] = ("ZPA_CUSTOMER_ID", "acme");
    assert_eq!(config(&bad_customer).unwrap_err().variable, "ZPA_CUSTOMER_ID");

    let bad_flag = config(&[("ZSCALER_USE_LEGACY_CLIENT", "yes")]).unwrap_err();
    assert_eq!(bad_flag.variable, "ZSCALER_USE_LEGACY_CLIENT");

    let bad_addr = config(&[("LEPTOS_SITE_ADDR", "port 3000")]).unwrap_err();
    assert_eq!(bad_addr.variable, "LEPTOS_SITE_ADDR");
}

#[test]
fn a_secret_is_never_repeated_in_an_error() {
    let mut vars = LEGACY.to_vec();
    vars.push(("ZPA_BASE_URL", "http://10.1.2.3:9000"));
    let error = config(&vars).unwrap_err();
    assert_eq!(error.variable, "ZPA_BASE_URL");
    assert!(!error.to_string().contains("s3cret-value"));
}

#[test]
fn base_url_override_allows_plain_http_to_loopback_only() {
    let mut vars = LEGACY.to_vec();
    vars.push(("ZPA_BASE_URL", "http://127.0.0.1:9000/"));
    let Upstream::Legacy(creds) = config(&vars).unwrap().upstream else { panic!() };
    assert_eq!(creds.base_url, "http://127.0.0.1:9000");
}

const ONEAPI: [(&str, &str); 4] = [
    ("ZSCALER_CLIENT_ID", "oneapi-client"),
    ("ZSCALER_CLIENT_SECRET", "s3cret-value"),
    ("ZSCALER_VANITY_DOMAIN", "acme"),
    ("ZPA_CUSTOMER_ID", "216196257331281920"),
];

fn oneapi(vars: &[(&str, &str)]) -> OneApiCredentials {
    match config(vars).unwrap().upstream {
        Upstream::OneApi(credentials) => credentials,
        other => panic!("expected OneAPI, got {other:?}"),
    }
}

#[test]
fn oneapi_is_the_default_and_finds_its_hosts_by_vanity_domain_and_cloud() {
    let production = oneapi(&ONEAPI);
    assert_eq!(production.token_url, "https://acme.zslogin.net/oauth2/v1/token");
    assert_eq!(production.api_base, "https://api.zsapi.net/zpa");
    assert_eq!(production.proof, ClientProof::Secret(Secret::new("s3cret-value")));
    for (cloud, token_url, api_base) in [
        ("BETA", "https://acme.zsloginbeta.net/oauth2/v1/token", "https://api.beta.zsapi.net/zpa"),
        ("gov", "https://acme.zidentitygov.net/oauth2/v1/token", "https://api.zscalergov.net/zpa"),
        ("GOVUS", "https://acme.zidentitygov.us/oauth2/v1/token", "https://api.zscalergov.us/zpa"),
        ("production", "https://acme.zslogin.net/oauth2/v1/token", "https://api.zsapi.net/zpa"),
    ] {
        let mut vars = ONEAPI.to_vec();
        vars.push(("ZSCALER_CLOUD", cloud));
        let credentials = oneapi(&vars);
        assert_eq!(
            (credentials.token_url.as_str(), credentials.api_base.as_str()),
            (token_url, api_base)
        );
    }
}

#[test]
fn an_empty_or_odd_vanity_domain_never_becomes_a_host_name() {
    for vanity in ["", "  ", "acme.evil.example", "-acme", "acme/", "ac me"] {
        let mut vars = ONEAPI.to_vec();
        vars[2] = ("ZSCALER_VANITY_DOMAIN", vanity);
        let error = config(&vars).unwrap_err();
        assert_eq!(error.variable, "ZSCALER_VANITY_DOMAIN", "{vanity:?}");
    }
    let mut vars = ONEAPI.to_vec();
    vars.push(("ZSCALER_CLOUD", "moon.example"));
    assert_eq!(config(&vars).unwrap_err().variable, "ZSCALER_CLOUD");
}

#[test]
fn oneapi_needs_an_id_one_proof_and_a_customer() {
    let without = |name: &str| -> Vec<(&str, &str)> {
        ONEAPI.iter().copied().filter(|(key, _)| *key != name).collect()
    };
    assert_eq!(config(&without("ZSCALER_CLIENT_ID")).unwrap_err().variable, "ZSCALER_CLIENT_ID");
    assert_eq!(
        config(&without("ZSCALER_CLIENT_SECRET")).unwrap_err().variable,
        "ZSCALER_CLIENT_SECRET"
    );
    assert_eq!(config(&without("ZPA_CUSTOMER_ID")).unwrap_err().variable, "ZPA_CUSTOMER_ID");
    let mut both = ONEAPI.to_vec();
    both.push(("ZSCALER_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----"));
    assert_eq!(config(&both).unwrap_err().variable, "ZSCALER_PRIVATE_KEY");
}

#[test]
fn a_private_key_is_read_from_the_variable_or_a_file_and_checked_at_start_up() {
    use rsa::pkcs8::{EncodePrivateKey, LineEnding};
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).unwrap();
    let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    let mut vars: Vec<(&str, &str)> = without_secret();
    vars.push(("ZSCALER_PRIVATE_KEY", &pem));
    assert!(matches!(oneapi(&vars).proof, ClientProof::PrivateKey(_)));

    let one_line = pem.replace('\n', "\\n");
    let mut vars = without_secret();
    vars.push(("ZSCALER_PRIVATE_KEY", &one_line));
    assert!(matches!(oneapi(&vars).proof, ClientProof::PrivateKey(_)));

    let file = std::env::temp_dir().join(format!("console-key-{}.pem", std::process::id()));
    std::fs::write(&file, &pem).unwrap();
    let path = file.to_string_lossy().to_string();
    let mut vars = without_secret();
    vars.push(("ZSCALER_PRIVATE_KEY", &path));
    assert!(matches!(oneapi(&vars).proof, ClientProof::PrivateKey(_)));
    std::fs::remove_file(&file).unwrap();

    for bad in [
        "/nonexistent/key.pem",
        "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----",
    ] {
        let mut vars = without_secret();
        vars.push(("ZSCALER_PRIVATE_KEY", bad));
        let error = config(&vars).unwrap_err();
        assert_eq!(error.variable, "ZSCALER_PRIVATE_KEY");
        assert!(!error.to_string().contains("not a key"), "the key text is not echoed");
    }
}

fn without_secret() -> Vec<(&'static str, &'static str)> {
    ONEAPI.iter().copied().filter(|(key, _)| *key != "ZSCALER_CLIENT_SECRET").collect()
}

#[test]
fn the_base_url_override_serves_both_flows() {
    let mut vars = ONEAPI.to_vec();
    vars.retain(|(key, _)| *key != "ZSCALER_VANITY_DOMAIN");
    vars.push(("ZPA_BASE_URL", "http://127.0.0.1:9000"));
    let credentials = oneapi(&vars);
    assert_eq!(credentials.token_url, "http://127.0.0.1:9000/oauth2/v1/token");
    assert_eq!(credentials.api_base, "http://127.0.0.1:9000/zpa");
}

#[test]
fn settings_that_need_credentials_are_not_ignored_in_demo_mode() {
    for variable in ["ZPA_CLOUD", "ZPA_BASE_URL", "ZPA_CUSTOMER_ID"] {
        assert_eq!(config(&[(variable, "x")]).unwrap_err().variable, variable);
    }
    // A OneAPI variable alone means OneAPI was meant: the first missing one is named.
    let error = config(&[("ZSCALER_VANITY_DOMAIN", "acme")]).unwrap_err();
    assert_eq!(error.variable, "ZSCALER_CLIENT_ID");
}

#[test]
fn api_keys_without_the_legacy_flag_are_not_silently_ignored() {
    let error = config(&[("ZPA_CLIENT_ID", "abc")]).unwrap_err();
    assert_eq!(error.variable, "ZPA_CLIENT_ID");
}
