//! `zpa-approvals emulator`: the emulator on its own, for tests and for aiming any other ZPA
//! client at a realistic tenant.

use std::net::SocketAddr;
use std::time::Duration;

use super::{Emulator, EmulatorCredentials};
use crate::server::jwt;

const USAGE: &str = "usage: zpa-approvals emulator [--addr 127.0.0.1:9000] [--rate-limits] [--faults]
                             [--token-lifetime SECS]
  --rate-limits         enforce ZPA's limits: 20 GETs and 10 writes per 10 s per caller
  --faults              accept POST and DELETE /emulator/faults to inject faults over HTTP
  --token-lifetime SECS how long issued tokens stay valid (default 3600)
environment: ZPA_EMULATOR_CLIENT_SECRET (required), ZPA_EMULATOR_CLIENT_ID (default emulator-client),
             ZPA_EMULATOR_CUSTOMER_ID (default 216196257331281920),
             ZPA_EMULATOR_PUBLIC_KEY (PEM text or a PEM file's path: the key OneAPI client
             assertions must verify with; without it only the secret signs in)";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    addr: SocketAddr,
    rate_limits: bool,
    faults: bool,
    token_lifetime: Option<Duration>,
}

/// Serves the seeded demo tenant on a loopback address until the process is stopped.
pub async fn run_standalone(args: &[String]) -> Result<(), String> {
    let options = parse_options(args)?;
    let credentials = credentials_from_env()?;
    let customer_id = credentials.customer_id;
    let client_id = credentials.client_id.clone();

    let mut emulator = Emulator::seeded(credentials);
    if options.rate_limits {
        emulator = emulator.with_rate_limits();
    }
    if options.faults {
        emulator = emulator.with_fault_control();
    }
    if let Some(lifetime) = options.token_lifetime {
        emulator = emulator.with_token_lifetime(lifetime);
    }
    let running = emulator.spawn(options.addr).await.map_err(|error| error.to_string())?;
    tracing::info!(
        base_url = %running.base_url,
        customer_id,
        client_id = %client_id,
        rate_limits = options.rate_limits,
        fault_control = options.faults,
        "ZPA emulator serving the demo tenant; sign in at /signin or /oauth2/v1/token"
    );
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        addr: parse_addr("127.0.0.1:9000")?,
        rate_limits: false,
        faults: false,
        token_lifetime: None,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--addr" => options.addr = parse_addr(args.next().ok_or(USAGE)?)?,
            "--rate-limits" => options.rate_limits = true,
            "--faults" => options.faults = true,
            "--token-lifetime" => {
                let text = args.next().ok_or(USAGE)?;
                let seconds: u64 =
                    text.parse().ok().filter(|seconds| *seconds > 0).ok_or_else(|| {
                        format!("--token-lifetime: \"{text}\" is not a number of seconds")
                    })?;
                options.token_lifetime = Some(Duration::from_secs(seconds));
            }
            _ => return Err(USAGE.to_string()),
        }
    }
    Ok(options)
}

fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    let addr: SocketAddr = text
        .parse()
        .map_err(|_| format!("--addr: \"{text}\" is not an address such as 127.0.0.1:9000"))?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "--addr: {addr} is not a loopback address; the emulator serves this machine only"
        ));
    }
    Ok(addr)
}

fn credentials_from_env() -> Result<EmulatorCredentials, String> {
    let read = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
    let client_secret = read("ZPA_EMULATOR_CLIENT_SECRET")
        .ok_or("ZPA_EMULATOR_CLIENT_SECRET: set the secret that clients must sign in with")?;
    let customer_id = match read("ZPA_EMULATOR_CUSTOMER_ID") {
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| format!("ZPA_EMULATOR_CUSTOMER_ID: \"{text}\" is not a number"))?,
        None => 216196257331281920,
    };
    let client_id = read("ZPA_EMULATOR_CLIENT_ID").unwrap_or_else(|| "emulator-client".into());
    let public_key_pem = read("ZPA_EMULATOR_PUBLIC_KEY").map(public_key_pem).transpose()?;
    Ok(EmulatorCredentials { client_id, client_secret, customer_id, public_key_pem })
}

/// The PEM itself, or the contents of the file it names; checked here so that a bad key stops
/// the emulator at startup instead of refusing every assertion later.
fn public_key_pem(value: String) -> Result<String, String> {
    let pem = if value.trim_start().starts_with("-----BEGIN") {
        value
    } else {
        std::fs::read_to_string(value.trim())
            .map_err(|error| format!("ZPA_EMULATOR_PUBLIC_KEY: cannot read \"{value}\": {error}"))?
    };
    jwt::public_key_from_pem(&pem).map_err(|error| format!("ZPA_EMULATOR_PUBLIC_KEY: {error}"))?;
    Ok(pem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn the_address_defaults_to_loopback_and_must_stay_there() {
        assert_eq!(parse_options(&[]).unwrap().addr.to_string(), "127.0.0.1:9000");
        assert_eq!(parse_options(&args("--addr 127.0.0.1:3190")).unwrap().addr.port(), 3190);
        let wide = parse_options(&args("--addr 0.0.0.0:9000")).unwrap_err();
        assert!(wide.contains("loopback"), "{wide}");
        assert!(parse_options(&args("--port")).is_err());
        assert!(parse_options(&args("--addr")).is_err());
    }

    #[test]
    fn the_teeth_are_off_unless_asked_for() {
        let plain = parse_options(&[]).unwrap();
        assert!(!plain.rate_limits && !plain.faults && plain.token_lifetime.is_none());
        let all = parse_options(&args("--faults --token-lifetime 90 --rate-limits")).unwrap();
        assert!(all.rate_limits && all.faults);
        assert_eq!(all.token_lifetime, Some(Duration::from_secs(90)));
        assert!(parse_options(&args("--token-lifetime soon")).is_err());
        assert!(parse_options(&args("--token-lifetime 0")).is_err());
    }

    #[test]
    fn a_public_key_that_is_not_pem_stops_startup() {
        let refused = public_key_pem("-----BEGIN PUBLIC KEY-----\nnope".to_owned()).unwrap_err();
        assert!(refused.contains("ZPA_EMULATOR_PUBLIC_KEY"), "{refused}");
        assert!(public_key_pem("/nonexistent/key.pem".to_owned()).is_err());
    }
}
