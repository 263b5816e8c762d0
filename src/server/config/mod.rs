//! Start-up configuration, read once from the environment.
//!
//! The variable names are the ones Zscaler's SDKs, Terraform provider and Ansible collection
//! read, so an operator's existing environment works unchanged. With no ZPA credentials at all
//! the console runs against its built-in emulator (demo mode). Anything set but wrong stops the
//! server with one line naming the variable; a secret's value is never repeated back.
//!
//! Two ways to sign in, as in Zscaler's SDKs: OneAPI (the default) with a ZIdentity API client,
//! proven by a client secret or a private key, and legacy ZPA API keys with
//! `ZSCALER_USE_LEGACY_CLIENT=true`. `ZPA_BASE_URL` points either flow at another host, such
//! as the built-in emulator run on its own: OneAPI then signs in at `{ZPA_BASE_URL}/oauth2/v1/token`
//! and calls `{ZPA_BASE_URL}/zpa/...`; legacy signs in at `{ZPA_BASE_URL}/signin`.

use std::net::SocketAddr;

/// A value that must never be printed: `Debug` and `Display` show a placeholder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself, for the one place that sends it to ZPA.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// How the console reaches ZPA.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// No credentials: start the built-in emulator with a seeded demo tenant.
    Demo,
    /// ZPA API keys, signed in at `{base_url}/signin`.
    Legacy(LegacyCredentials),
    /// A ZIdentity API client, signed in at `token_url`, calling ZPA under `api_base`.
    OneApi(OneApiCredentials),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneApiCredentials {
    /// ZIdentity's token endpoint, e.g. `https://acme.zslogin.net/oauth2/v1/token`.
    pub token_url: String,
    /// Where ZPA's paths start on the OneAPI host, e.g. `https://api.zsapi.net/zpa`.
    pub api_base: String,
    pub client_id: String,
    pub proof: ClientProof,
    pub customer_id: u64,
    pub microtenant_id: Option<u64>,
}

/// How a OneAPI client proves who it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientProof {
    Secret(Secret),
    /// A PEM private key that signs an RS256 client assertion for each sign-in.
    PrivateKey(Secret),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacyCredentials {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: Secret,
    pub customer_id: u64,
    pub microtenant_id: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub listen: SocketAddr,
    pub upstream: Upstream,
}

/// What is wrong with one variable, as the single line printed at start-up.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

fn problem(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError { variable, problem: problem.into() }
}

/// The legacy API hosts, by the `ZPA_CLOUD` names the SDKs accept.
const LEGACY_CLOUDS: [(&str, &str); 6] = [
    ("PRODUCTION", "https://config.private.zscaler.com"),
    ("ZPATWO", "https://config.zpatwo.net"),
    ("BETA", "https://config.zpabeta.net"),
    ("GOV", "https://config.zpagov.net"),
    ("GOVUS", "https://config.zpagov.us"),
    ("PREVIEW", "https://config.zpapreview.net"),
];

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let read = |name: &str| lookup(name).map(|value| value.trim().to_string());
        let listen_text = read("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let listen = listen_text.parse().map_err(|_| {
            problem(
                "LEPTOS_SITE_ADDR",
                format!("\"{listen_text}\" is not an address such as 127.0.0.1:3000"),
            )
        })?;
        Ok(Self { listen, upstream: read_upstream(&read)? })
    }
}

fn read_upstream(read: &dyn Fn(&str) -> Option<String>) -> Result<Upstream, ConfigError> {
    let legacy = match read("ZSCALER_USE_LEGACY_CLIENT").filter(|value| !value.is_empty()) {
        None => false,
        Some(value) if value.eq_ignore_ascii_case("true") => true,
        Some(value) if value.eq_ignore_ascii_case("false") => false,
        Some(value) => {
            return Err(problem(
                "ZSCALER_USE_LEGACY_CLIENT",
                format!("\"{value}\" is not true or false"),
            ))
        }
    };
    if legacy {
        return read_legacy(read).map(Upstream::Legacy);
    }
    let oneapi_set = [
        "ZSCALER_CLIENT_ID",
        "ZSCALER_CLIENT_SECRET",
        "ZSCALER_PRIVATE_KEY",
        "ZSCALER_VANITY_DOMAIN",
        "ZSCALER_CLOUD",
    ]
    .into_iter()
    .any(|name| read(name).is_some_and(|value| !value.is_empty()));
    if oneapi_set {
        return read_oneapi(read).map(Upstream::OneApi);
    }
    if let Some(variable) = ["ZPA_CLIENT_ID", "ZPA_CLIENT_SECRET"]
        .into_iter()
        .find(|name| read(name).is_some_and(|value| !value.is_empty()))
    {
        return Err(problem(
            variable,
            "ZPA API keys are set but ZSCALER_USE_LEGACY_CLIENT is not true; set it to use them",
        ));
    }
    // Anything else that only means something with credentials is a mistake in demo mode.
    let stray = ["ZPA_CLOUD", "ZPA_BASE_URL", "ZPA_CUSTOMER_ID", "ZPA_MICROTENANT_ID"]
        .into_iter()
        .find(|name| read(name).is_some_and(|value| !value.is_empty()));
    if let Some(variable) = stray {
        return Err(problem(
            variable,
            "is set but no credentials are: set ZSCALER_CLIENT_ID with ZSCALER_CLIENT_SECRET \
             (OneAPI), or ZSCALER_USE_LEGACY_CLIENT=true with ZPA_CLIENT_ID and \
             ZPA_CLIENT_SECRET, or unset this variable for the demo tenant",
        ));
    }
    Ok(Upstream::Demo)
}

fn read_legacy(read: &dyn Fn(&str) -> Option<String>) -> Result<LegacyCredentials, ConfigError> {
    let required = |name: &'static str| {
        read(name)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| problem(name, "is required when ZSCALER_USE_LEGACY_CLIENT=true"))
    };
    let client_id = required("ZPA_CLIENT_ID")?;
    let client_secret = Secret::new(required("ZPA_CLIENT_SECRET")?);
    let (customer_id, microtenant_id) = read_tenant(read)?;
    let base_url = match read("ZPA_BASE_URL").filter(|value| !value.is_empty()) {
        Some(url) => checked_base_url(&url)?,
        None => cloud_host(read("ZPA_CLOUD").filter(|value| !value.is_empty()))?,
    };
    Ok(LegacyCredentials { base_url, client_id, client_secret, customer_id, microtenant_id })
}

/// `ZPA_CUSTOMER_ID`, required by both flows, and the optional `ZPA_MICROTENANT_ID`.
fn read_tenant(read: &dyn Fn(&str) -> Option<String>) -> Result<(u64, Option<u64>), ConfigError> {
    let customer = read("ZPA_CUSTOMER_ID")
        .filter(|value| !value.is_empty())
        .ok_or_else(|| problem("ZPA_CUSTOMER_ID", "is required: the ZPA tenant's customer id"))?;
    let customer_id = parse_id("ZPA_CUSTOMER_ID", &customer)?;
    let microtenant_id = match read("ZPA_MICROTENANT_ID").filter(|value| !value.is_empty()) {
        Some(value) => Some(parse_id("ZPA_MICROTENANT_ID", &value)?),
        None => None,
    };
    Ok((customer_id, microtenant_id))
}

fn read_oneapi(read: &dyn Fn(&str) -> Option<String>) -> Result<OneApiCredentials, ConfigError> {
    let set = |name: &str| read(name).filter(|value| !value.is_empty());
    let client_id = set("ZSCALER_CLIENT_ID")
        .ok_or_else(|| problem("ZSCALER_CLIENT_ID", "is required for OneAPI sign-in"))?;
    let proof = match (set("ZSCALER_CLIENT_SECRET"), set("ZSCALER_PRIVATE_KEY")) {
        (Some(secret), None) => ClientProof::Secret(Secret::new(secret)),
        (None, Some(key)) => ClientProof::PrivateKey(Secret::new(read_private_key(&key)?)),
        (Some(_), Some(_)) => {
            return Err(problem(
                "ZSCALER_PRIVATE_KEY",
                "is set together with ZSCALER_CLIENT_SECRET; set only one of them",
            ))
        }
        (None, None) => {
            return Err(problem(
                "ZSCALER_CLIENT_SECRET",
                "is required for OneAPI sign-in (or ZSCALER_PRIVATE_KEY instead)",
            ))
        }
    };
    let (customer_id, microtenant_id) = read_tenant(read)?;
    let (token_url, api_base) = match set("ZPA_BASE_URL") {
        Some(url) => {
            let base = checked_base_url(&url)?;
            (format!("{base}/oauth2/v1/token"), format!("{base}/zpa"))
        }
        None => {
            let vanity = vanity_domain(set("ZSCALER_VANITY_DOMAIN"))?;
            oneapi_hosts(&vanity, set("ZSCALER_CLOUD"))?
        }
    };
    Ok(OneApiCredentials { token_url, api_base, client_id, proof, customer_id, microtenant_id })
}

/// `ZSCALER_PRIVATE_KEY` holds the PEM itself or the path of a file holding it; either way the
/// key must parse now, not at the first sign-in.
fn read_private_key(value: &str) -> Result<String, ConfigError> {
    let pem = if value.contains("-----BEGIN") {
        // Environments that cannot hold newlines often carry them as `\n`.
        value.replace("\\n", "\n")
    } else {
        std::fs::read_to_string(value).map_err(|error| {
            problem(
                "ZSCALER_PRIVATE_KEY",
                format!("is neither a PEM key nor a readable file ({error})"),
            )
        })?
    };
    crate::server::jwt::private_key_from_pem(&pem)
        .map_err(|error| problem("ZSCALER_PRIVATE_KEY", error.to_string()))?;
    Ok(pem)
}

/// The vanity domain is the first label of a host name, so it must be one DNS label.
fn vanity_domain(value: Option<String>) -> Result<String, ConfigError> {
    let vanity = value.ok_or_else(|| {
        problem(
            "ZSCALER_VANITY_DOMAIN",
            "is required for OneAPI sign-in, e.g. acme for acme.zslogin.net",
        )
    })?;
    let label = vanity.to_ascii_lowercase();
    let valid = label.len() <= 63
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !label.starts_with('-')
        && !label.ends_with('-');
    if !valid {
        return Err(problem(
            "ZSCALER_VANITY_DOMAIN",
            format!("\"{vanity}\" is not a vanity domain such as acme (letters, digits and -)"),
        ));
    }
    Ok(label)
}

/// ZIdentity's token endpoint and the OneAPI host for a cloud, as Zscaler's SDKs derive them.
fn oneapi_hosts(vanity: &str, cloud: Option<String>) -> Result<(String, String), ConfigError> {
    let cloud = cloud.map(|cloud| cloud.to_ascii_lowercase());
    let (login, api) = match cloud.as_deref() {
        None | Some("production") => ("zslogin.net".to_string(), "api.zsapi.net".to_string()),
        Some("gov") => ("zidentitygov.net".to_string(), "api.zscalergov.net".to_string()),
        Some("govus") => ("zidentitygov.us".to_string(), "api.zscalergov.us".to_string()),
        Some(other) if !other.is_empty() && other.chars().all(|c| c.is_ascii_alphanumeric()) => {
            (format!("zslogin{other}.net"), format!("api.{other}.zsapi.net"))
        }
        Some(other) => {
            return Err(problem(
                "ZSCALER_CLOUD",
                format!("\"{other}\" is not a cloud name such as PRODUCTION, BETA or GOV"),
            ))
        }
    };
    Ok((format!("https://{vanity}.{login}/oauth2/v1/token"), format!("https://{api}/zpa")))
}

fn parse_id(variable: &'static str, value: &str) -> Result<u64, ConfigError> {
    value.parse().map_err(|_| problem(variable, format!("\"{value}\" is not a number")))
}

fn cloud_host(cloud: Option<String>) -> Result<String, ConfigError> {
    let cloud = cloud.unwrap_or_else(|| "PRODUCTION".into());
    LEGACY_CLOUDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(&cloud))
        .map(|(_, host)| host.to_string())
        .ok_or_else(|| {
            let names: Vec<&str> = LEGACY_CLOUDS.iter().map(|(name, _)| *name).collect();
            problem("ZPA_CLOUD", format!("\"{cloud}\" is not one of {}", names.join(", ")))
        })
}

/// The override for tests and labs. Plain HTTP only to this machine, so credentials never
/// cross a network unencrypted.
fn checked_base_url(text: &str) -> Result<String, ConfigError> {
    let url = url::Url::parse(text)
        .map_err(|_| problem("ZPA_BASE_URL", format!("\"{text}\" is not a URL")))?;
    let host = url.host_str().unwrap_or_default();
    let loopback = host == "localhost"
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(problem(
                "ZPA_BASE_URL",
                "plain http is allowed only to a loopback address; use https",
            ))
        }
        other => {
            return Err(problem("ZPA_BASE_URL", format!("scheme \"{other}\" is not http or https")))
        }
    }
    if host.is_empty() {
        return Err(problem("ZPA_BASE_URL", format!("\"{text}\" has no host")));
    }
    Ok(text.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests;
