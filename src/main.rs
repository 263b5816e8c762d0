//! Starts the console, or the ZPA emulator on its own with `zpa-approvals emulator`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use zpa_approvals::server::{config::Config, emulator, serve};

    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,hyper=warn,reqwest=warn".into()),
        )
        .init();

    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("emulator") {
        return match emulator::run_standalone(&args[1..]).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("emulator: {error}");
                ExitCode::from(2)
            }
        };
    }

    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    let leptos_options = match leptos::config::get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(error) => {
            eprintln!("configuration error: Leptos options: {error}");
            return ExitCode::from(2);
        }
    };
    match serve::run(config, leptos_options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser build has no entry point of its own; `lib.rs` exports `hydrate`.
}
