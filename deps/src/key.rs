//! What a bundle depends on, and the key that names it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Bumped whenever the bundling output changes shape, so old cache entries are ignored.
const FORMAT: &str = "velocity-deps-4";

/// `name@version` of one installed package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PackageVersion {
    pub name: String,
    pub version: String,
}

/// The content key of a dependency bundle.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DepKey(pub String);

impl DepKey {
    /// The short hash browsers see as `?v=`.
    pub fn browser_hash(&self) -> &str {
        &self.0[..8]
    }
}

/// Package name of a bare specifier: `react-dom/client` → `react-dom`, `@a/b/c` → `@a/b`.
pub fn package_name(specifier: &str) -> &str {
    let mut parts = specifier.splitn(3, '/');
    let first = parts.next().unwrap_or("");
    if first.starts_with('@') {
        match parts.next() {
            Some(second) => &specifier[..first.len() + 1 + second.len()],
            None => first,
        }
    } else {
        first
    }
}

/// The directory holding an installed package, searching `node_modules` upwards from `root`.
pub fn find_package_dir(root: &Path, name: &str) -> Option<PathBuf> {
    let mut dir = Some(root);
    while let Some(d) = dir {
        let candidate = d.join("node_modules").join(name);
        if candidate.join("package.json").is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn read_manifest(dir: &Path) -> Option<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Every package reachable from the entries through `dependencies` and
/// `peerDependencies`, with the version actually installed.
pub fn reachable_packages(root: &Path, entries: &[String]) -> BTreeSet<PackageVersion> {
    let mut seen: BTreeMap<PathBuf, PackageVersion> = BTreeMap::new();
    let mut queue: Vec<(PathBuf, String)> = entries
        .iter()
        .map(|e| (root.to_path_buf(), package_name(e).to_string()))
        .collect();
    while let Some((from, name)) = queue.pop() {
        let Some(dir) = find_package_dir(&from, &name) else {
            continue;
        };
        let dir = dir.canonicalize().unwrap_or(dir);
        if seen.contains_key(&dir) {
            continue;
        }
        let Some(manifest) = read_manifest(&dir) else {
            continue;
        };
        let version = manifest["version"].as_str().unwrap_or("0.0.0").to_string();
        seen.insert(
            dir.clone(),
            PackageVersion {
                name: name.clone(),
                version,
            },
        );
        for field in ["dependencies", "peerDependencies"] {
            if let Some(deps) = manifest[field].as_object() {
                for dep in deps.keys() {
                    queue.push((dir.clone(), dep.clone()));
                }
            }
        }
    }
    seen.into_values().collect()
}

/// The key for bundling `entries` with the given installed packages.
pub fn dep_key(entries: &[String], packages: &BTreeSet<PackageVersion>) -> DepKey {
    let mut h = Sha256::new();
    h.update(FORMAT);
    for e in entries {
        h.update(b"\0entry\0");
        h.update(e.as_bytes());
    }
    for p in packages {
        h.update(b"\0pkg\0");
        h.update(p.name.as_bytes());
        h.update(b"@");
        h.update(p.version.as_bytes());
    }
    let digest = h.finalize();
    DepKey(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// Vite's file name for a dependency entry: `react-dom/client` → `react-dom_client`,
/// `@scope/pkg` → `@scope_pkg`, `lodash.debounce` → `lodash__debounce`.
pub fn flat_name(specifier: &str) -> String {
    let mut out = String::with_capacity(specifier.len());
    for c in specifier.chars() {
        match c {
            '/' => out.push('_'),
            '.' => out.push_str("__"),
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '@' | '~') => out.push(c),
            c => out.push_str(&format!("_0{:x}_", c as u32)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(package_name("react-dom/client"), "react-dom");
        assert_eq!(
            package_name("@tanstack/react-query"),
            "@tanstack/react-query"
        );
        assert_eq!(package_name("@scope/pkg/sub/path"), "@scope/pkg");
        assert_eq!(flat_name("react-dom/client"), "react-dom_client");
        assert_eq!(flat_name("react/jsx-dev-runtime"), "react_jsx-dev-runtime");
        assert_eq!(flat_name("@scope/pkg"), "@scope_pkg");
        assert_eq!(flat_name("lodash.debounce"), "lodash__debounce");
    }
}
