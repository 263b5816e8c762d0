//! `zpa-approvals emulator`: the emulator on its own, for tests and for aiming any other ZPA
//! client at a realistic tenant.

use std::net::SocketAddr;

use super::{Emulator, EmulatorCredentials};

const USAGE: &str = "usage: zpa-approvals emulator [--addr 127.0.0.1:9000]
environment: ZPA_EMULATOR_CLIENT_SECRET (required), ZPA_EMULATOR_CLIENT_ID (default emulator-client),
             ZPA_EMULATOR_CUSTOMER_ID (default 216196257331281920)";

/// Serves the seeded demo tenant on a loopback address until the process is stopped.
pub async fn run_standalone(args: &[String]) -> Result<(), String> {
    let addr = parse_addr(args)?;
    let credentials = credentials_from_env()?;
    let customer_id = credentials.customer_id;
    let client_id = credentials.client_id.clone();
    let running =
        Emulator::seeded(credentials).spawn(addr).await.map_err(|error| error.to_string())?;
    tracing::info!(
        base_url = %running.base_url,
        customer_id,
        client_id = %client_id,
        "ZPA emulator serving the demo tenant; sign in at /signin with the configured secret"
    );
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}

fn parse_addr(args: &[String]) -> Result<SocketAddr, String> {
    let text = match args {
        [] => "127.0.0.1:9000",
        [flag, value] if flag == "--addr" => value.as_str(),
        _ => return Err(USAGE.to_string()),
    };
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
    Ok(EmulatorCredentials { client_id, client_secret, customer_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_defaults_to_loopback_and_must_stay_there() {
        assert_eq!(parse_addr(&[]).unwrap().to_string(), "127.0.0.1:9000");
        let args = ["--addr".to_string(), "127.0.0.1:3190".to_string()];
        assert_eq!(parse_addr(&args).unwrap().port(), 3190);
        let wide = ["--addr".to_string(), "0.0.0.0:9000".to_string()];
        assert!(parse_addr(&wide).unwrap_err().contains("loopback"));
        assert!(parse_addr(&["--port".to_string()]).is_err());
    }
}
