//! The `velocity` binary: a thin command line over the runtime and transform crates.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use velocity_runtime::{
    config::SessionConfig, container::ContainerState, crawl, default_cache_dir, install,
    registry::SessionRegistry, server, session::Session, watch,
};
use velocity_transform::{ScriptOptions, transform_script};

#[derive(Parser)]
#[command(
    name = "velocity",
    version,
    about = "A preview runtime for web apps: Vite-compatible, one Rust process."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Serve one project for development, the way `vite` does.
    Dev {
        /// Project directory (holds index.html and package.json).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port (default: the config's `server.port`, else 5173; 0 picks a free one).
        #[arg(long, env = "VELOCITY_PORT")]
        port: Option<u16>,
        #[arg(long, default_value = "127.0.0.1", env = "VELOCITY_HOST")]
        host: String,
        /// Public base path, e.g. `/app/` (default: the config's `base`, else `/`).
        #[arg(long)]
        base: Option<String>,
        /// Do not run the package manager when node_modules is missing.
        #[arg(long)]
        no_install: bool,
        /// Another host name the server may be reached by (`.example.com` allows the
        /// domain and its subdomains). Loopback and `localhost` are always allowed.
        #[arg(
            long = "allowed-host",
            value_delimiter = ',',
            env = "VELOCITY_ALLOWED_HOSTS"
        )]
        allowed_hosts: Vec<String>,
    },
    /// Host many preview sessions in one process, driven through the session API.
    Serve {
        #[arg(long, default_value = "0.0.0.0:8080", env = "VELOCITY_LISTEN")]
        listen: String,
        /// Where session files live; they survive restarts.
        #[arg(long, default_value = "velocity-data", env = "VELOCITY_DATA_DIR")]
        data_dir: PathBuf,
        /// This instance's name, written into every session id it creates
        /// (default: $FLY_MACHINE_ID, else the host name).
        #[arg(long, env = "VELOCITY_INSTANCE_ID")]
        instance_id: Option<String>,
        /// The URL clients use to reach this server (for the URLs the API returns).
        #[arg(long, env = "VELOCITY_PUBLIC_URL")]
        public_url: Option<String>,
        /// Serve each session as its own origin, `<id>.<domain>`.
        #[arg(long, env = "VELOCITY_PREVIEW_DOMAIN")]
        preview_domain: Option<String>,
        /// Where other instances are reached, e.g. `http://{instance}.velocity.internal:8080`.
        #[arg(long, env = "VELOCITY_PEER_URL_TEMPLATE")]
        peer_url_template: Option<String>,
        /// Answer requests for other instances' sessions with `fly-replay` (default on Fly.io).
        #[arg(long, env = "VELOCITY_FLY_REPLAY")]
        fly_replay: Option<bool>,
        /// Directory of templates (`POST /api/sessions {"template": "<name>"}`).
        #[arg(long, env = "VELOCITY_TEMPLATES")]
        templates: Option<PathBuf>,
        /// Pages allowed to embed previews (`Content-Security-Policy: frame-ancestors`).
        #[arg(long, env = "VELOCITY_FRAME_ANCESTORS")]
        frame_ancestors: Option<String>,
        /// Browser origins allowed to call the API (comma-separated).
        #[arg(
            long = "api-origin",
            value_delimiter = ',',
            env = "VELOCITY_API_ORIGINS"
        )]
        api_origins: Vec<String>,
        #[arg(
            long = "allowed-host",
            value_delimiter = ',',
            env = "VELOCITY_ALLOWED_HOSTS"
        )]
        allowed_hosts: Vec<String>,
        /// Seconds a session may stay idle before its in-memory state is dropped.
        #[arg(long, default_value_t = 900, env = "VELOCITY_IDLE_TTL")]
        idle_ttl: u64,
        /// Plugins (`*.wasm` components) every session runs, each in its own instance.
        #[arg(long, env = "VELOCITY_PLUGIN_DIR")]
        plugin_dir: Option<PathBuf>,
        /// Directories a session's `velocity.toml` may also load plugins from (besides its
        /// own files and `--plugin-dir`).
        #[arg(
            long = "plugin-source",
            env = "VELOCITY_PLUGIN_SOURCES",
            value_delimiter = ','
        )]
        plugin_sources: Vec<PathBuf>,
        /// The package manager that installs sessions' packages into the machine's store
        /// (pnpm, or a wrapper that runs it; empty turns installs off).
        #[arg(long, default_value = "pnpm", env = "VELOCITY_PACKAGE_MANAGER")]
        package_manager: String,
        /// Bearer token for `/api` (prefer the environment variable).
        #[arg(long, env = "VELOCITY_API_TOKEN", hide_env_values = true)]
        api_token: Option<String>,
    },
    /// Bundle dependencies into the cache (run by the server in a child process).
    #[command(hide = true)]
    BundleDeps {
        #[arg(long)]
        cache_dir: PathBuf,
        root: PathBuf,
        entries: Vec<String>,
    },
    /// Compile one Sass sheet (run by the server in a child process, job on stdin).
    #[command(hide = true)]
    CompileSass,
    /// Transform one file and print browser-ready code.
    Transform {
        file: PathBuf,
        /// Print JSON with code, map, imports and errors.
        #[arg(long)]
        json: bool,
        /// Leave out React Fast Refresh registrations.
        #[arg(long)]
        no_refresh: bool,
        /// Append the source map inline.
        #[arg(long)]
        map: bool,
    },
}

/// The machine's dependency store, bundling in a child process (this binary's
/// `bundle-deps`) so the server's memory holds no bundler.
fn dep_store() -> velocity_deps::DepStore {
    let store = velocity_deps::DepStore::new(default_cache_dir());
    match std::env::current_exe() {
        Ok(exe) => store.bundling_in(exe, vec!["bundle-deps".into()]),
        Err(_) => store,
    }
}

/// `velocity bundle-deps`: one bundle into the disk cache, then exit.
fn bundle_deps(cache_dir: PathBuf, root: PathBuf, entries: Vec<String>) -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let store = velocity_deps::DepStore::new(cache_dir);
    match runtime.block_on(store.get(&root, &entries)) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The bundler child speaks only when something is wrong: its parent reports progress.
    let level = match cli.command {
        Command::BundleDeps { .. } | Command::CompileSass => "warn",
        _ => "info",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("VELOCITY_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // Log collectors (Fly.io, Kubernetes) take one JSON object per line: the session id of
    // a request is a field of every line logged while serving it.
    if std::env::var("VELOCITY_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().with_current_span(true).init();
    } else {
        logs.init();
    }
    match cli.command {
        Command::Serve {
            listen,
            data_dir,
            instance_id,
            public_url,
            preview_domain,
            peer_url_template,
            fly_replay,
            templates,
            frame_ancestors,
            api_origins,
            allowed_hosts,
            idle_ttl,
            api_token,
            plugin_dir,
            plugin_sources,
            package_manager,
        } => {
            let instance = instance_id
                .or_else(|| std::env::var("FLY_MACHINE_ID").ok())
                .or_else(|| {
                    std::fs::read_to_string("/etc/hostname")
                        .ok()
                        .map(|h| h.trim().to_string())
                })
                .unwrap_or_else(|| "local".into());
            let fly_replay =
                fly_replay.unwrap_or_else(|| std::env::var_os("FLY_MACHINE_ID").is_some());
            let store = Arc::new(dep_store());
            let registry = match SessionRegistry::new(data_dir.clone(), &instance, templates, store)
            {
                Ok(mut r) => {
                    r.workers = velocity_runtime::workers::Workers::of_this_binary().map(Arc::new);
                    r.plugin_sources = plugin_dir
                        .iter()
                        .chain(&plugin_sources)
                        .filter_map(|d| d.canonicalize().ok())
                        .collect();
                    if !package_manager.is_empty() {
                        let root = r.data_dir.join("packages");
                        match velocity_runtime::packages::PackageStore::new(root, package_manager) {
                            Ok(p) => r.packages = Some(Arc::new(p)),
                            Err(e) => {
                                eprintln!("error: package store in {}: {e}", data_dir.display());
                                return ExitCode::FAILURE;
                            }
                        }
                    }
                    match operator_plugins(plugin_dir.as_deref()) {
                        Ok(p) => r.plugins = Some(p),
                        Err(e) => {
                            eprintln!("error: {e}");
                            return ExitCode::FAILURE;
                        }
                    }
                    Arc::new(r)
                }
                Err(e) => {
                    eprintln!("error: data dir {}: {e}", data_dir.display());
                    return ExitCode::FAILURE;
                }
            };
            match registry.restore() {
                Ok(n) if n > 0 => {
                    tracing::info!("restored {n} sessions from {}", data_dir.display())
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("could not read sessions in {}: {e}", data_dir.display()),
            }
            if api_token.is_none() {
                tracing::warn!("VELOCITY_API_TOKEN is not set: every /api call will be refused");
            }
            let mut hosts = allowed_hosts;
            if let Some(d) = &preview_domain {
                hosts.push(format!(".{d}"));
            }
            if let Some(h) = public_url
                .as_deref()
                .and_then(|u| u.split("://").nth(1))
                .and_then(|r| r.split('/').next())
            {
                hosts.push(h.split(':').next().unwrap_or(h).to_string());
            }
            let state = Arc::new(ContainerState {
                registry,
                api_token,
                preview_domain,
                public_url,
                peer_url_template,
                fly_replay,
                frame_ancestors,
                api_origins,
                hosts: velocity_runtime::access::HostPolicy::new(&hosts),
                metrics: Default::default(),
                ready: Default::default(),
            });
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            runtime.block_on(async move {
                let addr = match tokio::net::lookup_host(listen.as_str())
                    .await
                    .ok()
                    .and_then(|mut a| a.next())
                {
                    Some(a) => a,
                    None => {
                        eprintln!("error: cannot listen on {listen}");
                        return ExitCode::FAILURE;
                    }
                };
                match velocity_runtime::container::serve(
                    state,
                    addr,
                    std::time::Duration::from_secs(idle_ttl),
                )
                .await
                {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("error: cannot serve on {addr}: {e}");
                        ExitCode::FAILURE
                    }
                }
            })
        }
        Command::BundleDeps {
            cache_dir,
            root,
            entries,
        } => bundle_deps(cache_dir, root, entries),
        Command::CompileSass => velocity_runtime::sass::compile_sass_command(),
        Command::Transform {
            file,
            json,
            no_refresh,
            map,
        } => transform(file, json, no_refresh, map),
        Command::Dev {
            dir,
            port,
            host,
            base,
            no_install,
            allowed_hosts,
        } => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            runtime.block_on(dev(dir, port, host, base, no_install, allowed_hosts))
        }
    }
}

async fn dev(
    dir: PathBuf,
    port: Option<u16>,
    host: String,
    base: Option<String>,
    no_install: bool,
    allowed_hosts: Vec<String>,
) -> ExitCode {
    if !no_install
        && install::needs_install(&dir)
        && let Err(e) = install::install(&dir).await
    {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let mut config = match SessionConfig::load(&dir, base.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    config.workers = velocity_runtime::workers::Workers::of_this_binary().map(Arc::new);
    let port = port.or(config.port).unwrap_or(5173);
    let store = Arc::new(dep_store());
    let engine = if config.plugins.is_empty() {
        None
    } else {
        match velocity_plugin_host::PluginEngine::new(
            Some(default_cache_dir().join("plugins")),
            Default::default(),
        ) {
            Ok(e) => Some(e),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    let session = match Session::with_plugins(config, store, &[], engine.as_ref(), &[]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if !session.plugins.is_empty() {
        tracing::info!("plugins: {}", session.plugins.names().join(", "));
    }
    crawl::start(&session);
    let _watcher = match watch::watch(session.clone()) {
        Ok(w) => Some(w),
        Err(e) => {
            tracing::warn!("file watching is off ({e}); edits will not reach the browser");
            None
        }
    };
    let addr: SocketAddr = match format!("{host}:{port}").parse() {
        Ok(a) => a,
        Err(_) => match tokio::net::lookup_host((host.as_str(), port))
            .await
            .ok()
            .and_then(|mut a| a.next())
        {
            Some(a) => a,
            None => {
                eprintln!("error: cannot resolve host {host}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut hosts = allowed_hosts;
    if !host.is_empty() && host.parse::<std::net::IpAddr>().is_err() {
        hosts.push(host.clone());
    }
    match server::serve(
        session,
        addr,
        velocity_runtime::access::HostPolicy::new(&hosts),
    )
    .await
    {
        Ok(Some(port)) => restart_on(port),
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot serve on {addr}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn transform(file: PathBuf, json: bool, no_refresh: bool, map: bool) -> ExitCode {
    let source = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let name = file.to_string_lossy().to_string();
    let options = ScriptOptions {
        refresh: !no_refresh,
        source_map: map || json,
        ..ScriptOptions::default()
    };
    match transform_script(&name, &source, &options) {
        Ok(out) => {
            if json {
                let value = serde_json::json!({
                    "code": out.code,
                    "map": out.map.as_ref().map(|m| serde_json::from_str::<serde_json::Value>(&m.to_json_string()).unwrap_or_default()),
                    "imports": out.imports,
                    "hot": out.hot,
                    "refresh": out.refresh,
                    "errors": [],
                });
                println!("{}", serde_json::to_string_pretty(&value).expect("json"));
            } else {
                print!("{}", out.code);
                if let Some(m) = out.map.filter(|_| map) {
                    println!("{}", velocity_transform::inline_map_comment(&m));
                }
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            if json {
                let value = serde_json::json!({ "code": null, "errors": err.diagnostics });
                println!("{}", serde_json::to_string_pretty(&value).expect("json"));
            } else {
                eprintln!("{err}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The process's plugin engine, with every `*.wasm` of `dir` loaded (a bad one stops
/// start-up with its name and the reason).
fn operator_plugins(
    dir: Option<&std::path::Path>,
) -> Result<
    (
        Arc<velocity_plugin_host::PluginEngine>,
        Vec<velocity_runtime::plugins::PluginSpec>,
    ),
    String,
> {
    let engine = velocity_plugin_host::PluginEngine::new(
        Some(default_cache_dir().join("plugins")),
        Default::default(),
    )
    .map_err(|e| e.to_string())?;
    let mut specs = Vec::new();
    if let Some(dir) = dir {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("plugin dir {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
            .collect();
        paths.sort();
        for path in paths {
            engine.load(&path).map_err(|e| e.to_string())?;
            specs.push(velocity_runtime::plugins::PluginSpec {
                path,
                options_json: "{}".into(),
                read: false,
            });
        }
    }
    Ok((engine, specs))
}

/// The project's configuration changed: run again, as the same process, on the same port.
/// Connected pages lose their HMR socket, poll, and reload when the server is back.
fn restart_on(port: u16) -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--port") {
        args.drain(i..(i + 2).min(args.len()));
    }
    args.retain(|a| !a.starts_with("--port="));
    args.push(format!("--port={port}"));
    tracing::info!("restarting: {}", args.join(" "));
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let err = std::process::Command::new(
            std::env::current_exe().unwrap_or_else(|_| "velocity".into()),
        )
        .args(&args)
        .exec();
        eprintln!("error: could not restart: {err}");
    }
    ExitCode::FAILURE
}
