//! `velocity-deps`: npm dependencies as browser ES modules.
//!
//! A project's bare imports (`react`, `react-dom/client`, `react-router-dom`) are bundled
//! together by rolldown into one ES module per entry plus shared chunks, so that every
//! entry sees the same React and the browser makes a handful of requests instead of
//! hundreds. CommonJS entries come out with a single default export; importers reach
//! their named exports through the interop the server writes into each importer.
//!
//! Bundles are content-keyed: the key covers the entries and the exact version of every
//! package they can reach, so every session on the machine that needs the same set reuses
//! one bundle from memory or from the disk cache.

mod bundle;
mod external;
mod key;
mod plan;
mod store;

pub use bundle::{DepBundle, DepEntry, bundle_dependencies};
pub use external::is_asset;
pub use key::{DepKey, PackageVersion, find_package_dir, flat_name, package_name};
pub use plan::DepPlan;
pub use store::DepStore;

/// Why dependencies could not be bundled.
#[derive(Debug, thiserror::Error)]
pub enum DepError {
    #[error("cannot read package {package}: {source}")]
    Package {
        package: String,
        source: std::io::Error,
    },
    #[error("dependency bundling failed:\n{0}")]
    Bundle(String),
    #[error("dependency cache at {path}: {source}")]
    Cache {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}
