//! `velocity-runtime`: the preview server. A [`session::Session`] is one project served
//! under one base; the HTTP layer routes requests to it; the dependency store behind it is
//! shared by every session on the machine.

pub mod access;
pub mod answer;
pub mod api;
pub mod client;
pub mod config;
pub mod container;
pub mod crawl;
pub mod env_file;
pub mod error;
pub mod glob;
pub mod graph;
pub mod hmr;
pub mod hot;
pub mod html;
pub mod install;
pub mod metrics;
pub mod packages;
pub mod pipeline;
pub mod plugins;
pub mod policy;
pub mod public_files;
pub mod registry;
pub mod resolve;
pub mod sass;
pub mod semver_range;
pub mod served_cache;
pub mod server;
pub mod session;
pub mod session_packages;
pub mod tailwind;
pub mod url;
pub mod versions;
pub mod walk;
pub mod warmup;
pub mod watch;
pub mod workers;

/// The machine-wide cache directory: `$VELOCITY_CACHE_DIR`, else the user's cache dir.
pub fn default_cache_dir() -> std::path::PathBuf {
    if let Some(d) = std::env::var_os("VELOCITY_CACHE_DIR") {
        return d.into();
    }
    if let Some(d) = std::env::var_os("XDG_CACHE_HOME") {
        return std::path::PathBuf::from(d).join("velocity");
    }
    match std::env::var_os("HOME") {
        Some(h) => std::path::PathBuf::from(h).join(".cache").join("velocity"),
        None => std::env::temp_dir().join("velocity-cache"),
    }
}
