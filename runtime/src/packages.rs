//! The machine's package store: every session's packages come from one place.
//!
//! A session's `package.json` names a *dependency set* (its runtime dependencies, keyed by
//! content). Each set is installed once, by pnpm with one machine-wide `--store-dir`, into
//! `<root>/sets/<key>/node_modules`; a session links its `node_modules` there. pnpm hard-links
//! every file from its content-addressed store, so each `name@version` is on disk once however
//! many sets use it, and a set made only of packages already in the store installs without
//! downloading. Two sessions with the same dependencies share one set and never install.
//!
//! Installing runs the package manager (Node) off the request path; serving never waits on it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::watch;

#[derive(Debug, Clone, thiserror::Error)]
pub enum PackageError {
    #[error("package.json: {0}")]
    Manifest(String),
    #[error(
        "package.json: dependency \"{name}\": \"{spec}\" is not allowed here; \
         sessions may name registry versions, ranges and tags only"
    )]
    Spec { name: String, spec: String },
    #[error("could not start the package manager \"{program}\": {message}")]
    Spawn { program: String, message: String },
    #[error("installing {packages} failed: {message}")]
    Install { packages: String, message: String },
}

/// What a session's `package.json` asks to have installed, and its key in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepSet {
    pub key: String,
    pub deps: BTreeMap<String, String>,
}

impl DepSet {
    /// `react@^19.0.0, clsx@^2.1.0`: for progress lines and errors.
    pub fn describe(&self) -> String {
        let mut names: Vec<String> = self.deps.iter().map(|(n, s)| format!("{n}@{s}")).collect();
        if names.len() > 6 {
            let more = names.len() - 6;
            names.truncate(6);
            names.push(format!("and {more} more"));
        }
        names.join(", ")
    }
}

/// Development tools Velocity stands in for (bundler, type checker, linters, types): a
/// preview never imports them, so a set leaves them out.
fn is_build_tool(name: &str) -> bool {
    matches!(
        name,
        "vite" | "typescript" | "vitest" | "eslint" | "prettier" | "typescript-eslint"
    ) || [
        "@types/",
        "@vitejs/",
        "@vitest/",
        "@eslint/",
        "@typescript-eslint/",
        "eslint-",
        "vite-plugin-",
    ]
    .iter()
    .any(|p| name.starts_with(p))
}

/// A registry package name: `name` or `@scope/name`, lower-case URL-safe characters.
fn valid_name(name: &str) -> bool {
    let part = |s: &str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'_')
            })
    };
    name.len() <= 214
        && match name.strip_prefix('@').map(|r| r.split_once('/')) {
            Some(Some((scope, pkg))) => part(scope) && part(pkg),
            Some(None) => false,
            None => part(name),
        }
}

/// `npm:<name>@<range>` (an alias): the package it names and the range (`latest` if none).
fn npm_alias(spec: &str) -> Option<(&str, &str)> {
    let alias = spec.strip_prefix("npm:")?;
    Some(match alias.rfind('@').filter(|i| *i > 0) {
        Some(i) => (&alias[..i], &alias[i + 1..]),
        None => (alias, "latest"),
    })
}

/// A version, range or dist-tag; or `npm:<name>@<range>`. Never a path, URL, git or
/// workspace reference: those would copy or fetch whatever they point at into the session.
fn valid_spec(spec: &str) -> bool {
    if let Some((name, range)) = npm_alias(spec) {
        return valid_name(name) && valid_spec(range) && !range.starts_with("npm:");
    }
    !spec.is_empty()
        && spec.len() <= 128
        && !spec.contains(':')
        && !spec.contains('/')
        && spec.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'.' | b'^' | b'~' | b'<' | b'>' | b'=' | b'|' | b' ')
                || matches!(b, b'*' | b'+' | b'-' | b'_')
        })
}

/// The dependency set a `package.json` names, or `None` when it names no runtime package.
pub fn dep_set(package_json: &[u8]) -> Result<Option<DepSet>, PackageError> {
    let v: serde_json::Value = serde_json::from_slice(package_json)
        .map_err(|e| PackageError::Manifest(format!("not valid JSON: {e}")))?;
    let mut deps = BTreeMap::new();
    for field in ["dependencies", "optionalDependencies", "devDependencies"] {
        let Some(map) = v.get(field) else { continue };
        let Some(map) = map.as_object() else {
            return Err(PackageError::Manifest(format!(
                "\"{field}\" must be an object"
            )));
        };
        for (name, spec) in map {
            let Some(spec) = spec.as_str() else {
                return Err(PackageError::Manifest(format!(
                    "the version of \"{name}\" must be a string"
                )));
            };
            if field == "devDependencies" && is_build_tool(name) {
                continue;
            }
            let spec = spec.trim();
            if !valid_name(name) || !valid_spec(spec) {
                return Err(PackageError::Spec {
                    name: name.clone(),
                    spec: spec.to_string(),
                });
            }
            deps.entry(name.clone()).or_insert_with(|| spec.to_string());
        }
    }
    if deps.is_empty() {
        return Ok(None);
    }
    let mut text = String::from("velocity-dep-set-1\n");
    for (n, s) in &deps {
        text.push_str(&format!("{n}\0{s}\n"));
    }
    let key = crate::session::content_hash(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Some(DepSet { key, deps }))
}

/// Counts from the package manager, as it goes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub resolved: u32,
    /// Packages taken from the store (no download).
    pub reused: u32,
    pub downloaded: u32,
    /// Packages linked into the set.
    pub added: u32,
}

impl Progress {
    /// Folds one line of pnpm's `--reporter ndjson` output in. Returns an error message
    /// the line carries, if any.
    fn observe(&mut self, line: &str) -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        match (v["name"].as_str(), v["status"].as_str()) {
            (Some("pnpm:progress"), Some("resolved")) => self.resolved += 1,
            (Some("pnpm:progress"), Some("found_in_store")) => self.reused += 1,
            (Some("pnpm:progress"), Some("fetched")) => self.downloaded += 1,
            (Some("pnpm:progress"), Some("imported")) => self.added += 1,
            _ => {}
        }
        if v["level"].as_str() != Some("error") {
            return None;
        }
        let code = v["code"].as_str().or(v["err"]["code"].as_str());
        let text = v["hint"]
            .as_str()
            .and_then(|h| h.lines().next())
            .or(v["err"]["message"].as_str())
            .or(v["message"].as_str())
            .unwrap_or("unknown error");
        Some(match code {
            Some(c) => format!("{c}: {text}"),
            None => text.to_string(),
        })
    }
}

/// An install as it goes: progress, then the set's `node_modules` or an error.
#[derive(Debug, Clone, Default)]
pub struct InstallState {
    pub progress: Progress,
    pub done: Option<Result<PathBuf, PackageError>>,
}

pub struct PackageStore {
    root: PathBuf,
    program: String,
    timeout: Duration,
    inflight: Mutex<HashMap<String, watch::Receiver<InstallState>>>,
}

impl PackageStore {
    /// A store under `root` that installs with `program` (pnpm, or a wrapper of it).
    pub fn new(root: PathBuf, program: impl Into<String>) -> std::io::Result<Self> {
        std::fs::create_dir_all(root.join("sets"))?;
        std::fs::create_dir_all(root.join("store"))?;
        // Installs a stop cut short leave staging directories behind.
        for e in std::fs::read_dir(root.join("sets"))?.flatten() {
            if e.file_name().to_string_lossy().contains(".partial-") {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
        Ok(Self {
            root: root.canonicalize()?,
            program: program.into(),
            timeout: Duration::from_secs(600),
            inflight: Mutex::new(HashMap::new()),
        })
    }

    fn set_dir(&self, key: &str) -> PathBuf {
        self.root.join("sets").join(key)
    }

    /// The installed `node_modules` of a set, if it is in the store.
    pub fn installed(&self, set: &DepSet) -> Option<PathBuf> {
        let nm = self.set_dir(&set.key).join("node_modules");
        nm.is_dir().then_some(nm)
    }

    /// An installed set that already satisfies every dependency of `set` (a superset, or
    /// one whose versions fall in its ranges): linking it needs no install.
    pub fn covering(&self, set: &DepSet) -> Option<PathBuf> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(self.root.join("sets"))
            .ok()?
            .flatten()
            .filter(|e| !e.file_name().to_string_lossy().contains('.'))
            .map(|e| e.path().join("node_modules"))
            .collect();
        dirs.sort();
        dirs.into_iter().find(|nm| covers(nm, set))
    }

    /// Sets installed so far.
    pub fn set_count(&self) -> usize {
        std::fs::read_dir(self.root.join("sets"))
            .map(|rd| {
                rd.flatten()
                    .filter(|e| !e.file_name().to_string_lossy().contains('.'))
                    .count()
            })
            .unwrap_or(0)
    }

    /// Installs a set (or joins the install already running for it). Watch the receiver
    /// for progress; `done` is set at the end.
    pub fn install(self: &std::sync::Arc<Self>, set: &DepSet) -> watch::Receiver<InstallState> {
        let mut inflight = self.inflight.lock().expect("inflight lock");
        if let Some(rx) = inflight.get(&set.key) {
            return rx.clone();
        }
        let (tx, rx) = watch::channel(InstallState::default());
        inflight.insert(set.key.clone(), rx.clone());
        let (store, set) = (self.clone(), set.clone());
        tokio::spawn(async move {
            let result = match store.installed(&set) {
                Some(nm) => Ok(nm),
                None => store.run_install(&set, &tx).await,
            };
            store
                .inflight
                .lock()
                .expect("inflight lock")
                .remove(&set.key);
            tx.send_modify(|s| s.done = Some(result));
        });
        rx
    }

    async fn run_install(
        &self,
        set: &DepSet,
        tx: &watch::Sender<InstallState>,
    ) -> Result<PathBuf, PackageError> {
        let started = Instant::now();
        let packages = set.describe();
        tracing::info!("installing {packages} into the package store");
        let staging = self.root.join("sets").join(format!(
            "{}.partial-{}",
            set.key,
            crate::registry::new_session_id("x")
        ));
        let failed = |message: String| PackageError::Install {
            packages: packages.clone(),
            message,
        };
        std::fs::create_dir_all(&staging).map_err(|e| failed(e.to_string()))?;
        let manifest = serde_json::json!({ "name": "velocity-dep-set", "private": true, "dependencies": set.deps });
        std::fs::write(staging.join("package.json"), manifest.to_string())
            .map_err(|e| failed(e.to_string()))?;
        let result = self.run_pnpm(&staging, tx).await.map_err(|e| match e {
            Ok(message) => failed(message),
            Err(spawn) => spawn,
        });
        let finished = result.and_then(|()| {
            let target = self.set_dir(&set.key);
            match std::fs::rename(&staging, &target) {
                Ok(()) => Ok(target.join("node_modules")),
                // Another process finished the same set first: use theirs.
                Err(_) if target.join("node_modules").is_dir() => Ok(target.join("node_modules")),
                Err(e) => Err(failed(e.to_string())),
            }
        });
        if staging.exists() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        match &finished {
            Ok(_) => {
                let p = tx.borrow().progress.clone();
                tracing::info!(
                    "installed {packages} in {:.1} s ({} packages: {} from the store, {} downloaded)",
                    started.elapsed().as_secs_f64(),
                    p.resolved,
                    p.reused,
                    p.downloaded
                );
            }
            Err(e) => tracing::warn!("{e}"),
        }
        finished
    }

    /// Runs pnpm in `dir`; `Err(Ok(message))` when it fails, `Err(Err(_))` when it cannot start.
    async fn run_pnpm(
        &self,
        dir: &Path,
        tx: &watch::Sender<InstallState>,
    ) -> Result<(), Result<String, PackageError>> {
        let store_dir = self.root.join("store");
        let mut child = tokio::process::Command::new(&self.program)
            .arg("install")
            .arg("--store-dir")
            .arg(&store_dir)
            .args([
                "--prefer-offline",
                "--ignore-scripts",
                "--reporter",
                "ndjson",
            ])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                Err(PackageError::Spawn {
                    program: self.program.clone(),
                    message: format!("{e} (install pnpm, or set --package-manager)"),
                })
            })?;
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let error = Mutex::new(None::<String>);
        let read = |r: Box<dyn tokio::io::AsyncRead + Unpin + Send>| {
            let error = &error;
            async move {
                let mut lines = BufReader::new(r).lines();
                while let Ok(Some(line)) = lines.next_line().await {
                    let mut message = None;
                    tx.send_if_modified(|s| {
                        let before = s.progress.clone();
                        message = s.progress.observe(&line);
                        s.progress != before
                    });
                    if let Some(m) = message {
                        error.lock().expect("error lock").get_or_insert(m);
                    } else if !line.starts_with('{') && !line.trim().is_empty() {
                        tracing::debug!("[pnpm] {line}");
                    }
                }
            }
        };
        let run = async {
            let (status, _, _) =
                tokio::join!(child.wait(), read(Box::new(stdout)), read(Box::new(stderr)));
            status
        };
        let status = match tokio::time::timeout(self.timeout, run).await {
            Ok(Ok(status)) => status,
            Ok(Err(e)) => return Err(Ok(e.to_string())),
            Err(_) => {
                return Err(Ok(format!("no result after {} s", self.timeout.as_secs())));
            }
        };
        if status.success() {
            return Ok(());
        }
        let message = error.lock().expect("error lock").take();
        Err(Ok(message.unwrap_or_else(|| {
            format!("the package manager exited with {status}")
        })))
    }
}

/// Whether the packages installed in `node_modules` satisfy every dependency of `set`.
pub fn covers(node_modules: &Path, set: &DepSet) -> bool {
    set.deps.iter().all(|(name, spec)| {
        let (real_name, range) = npm_alias(spec).unwrap_or((name.as_str(), spec.as_str()));
        let Ok(manifest) = std::fs::read(node_modules.join(name).join("package.json")) else {
            return false;
        };
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&manifest) else {
            return false;
        };
        v["name"].as_str() == Some(real_name)
            && v["version"]
                .as_str()
                .is_some_and(|installed| crate::semver_range::satisfies(installed, range))
    })
}

/// The dependency set a session's `node_modules` link currently serves, read from the
/// `package.json` beside the linked directory (a set, or a template).
pub fn linked_set(session_dir: &Path) -> Option<DepSet> {
    let target = std::fs::read_link(session_dir.join("node_modules")).ok()?;
    let manifest = std::fs::read(target.parent()?.join("package.json")).ok()?;
    dep_set(&manifest).ok().flatten()
}

/// Points a session's `node_modules` at a set, replacing any link atomically.
pub fn link(session_dir: &Path, node_modules: &Path) -> std::io::Result<()> {
    let link = session_dir.join("node_modules");
    if link.exists() && std::fs::symlink_metadata(&link)?.is_dir() {
        // A real directory (not ours to replace): leave the user's install alone.
        return Ok(());
    }
    let tmp = session_dir.join(format!(".node_modules.link-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    #[cfg(unix)]
    std::os::unix::fs::symlink(node_modules, &tmp)?;
    std::fs::rename(&tmp, &link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_are_keyed_by_runtime_dependencies() {
        let a = dep_set(br#"{"dependencies":{"react":"^19.0.0","clsx":"2.1.1"},"devDependencies":{"vite":"^8","@types/react":"^19","typescript":"~5"}}"#)
            .unwrap()
            .unwrap();
        let b = dep_set(br#"{"name":"other","devDependencies":{"@vitejs/plugin-react":"^5"},"dependencies":{"clsx":"2.1.1","react":"^19.0.0"}}"#)
            .unwrap()
            .unwrap();
        assert_eq!(a, b, "order, names and build tools do not change the key");
        assert_eq!(a.deps.len(), 2);
        let c = dep_set(br#"{"dependencies":{"react":"^19.1.0","clsx":"2.1.1"}}"#)
            .unwrap()
            .unwrap();
        assert_ne!(a.key, c.key);
        assert_eq!(
            dep_set(br#"{"devDependencies":{"vite":"^8"}}"#).unwrap(),
            None
        );
        let d = dep_set(br#"{"devDependencies":{"zustand":"^5"}}"#)
            .unwrap()
            .unwrap();
        assert!(
            d.deps.contains_key("zustand"),
            "runtime packages in devDependencies count"
        );
    }

    #[test]
    fn specs_that_reach_outside_the_registry_are_refused() {
        for ok in [
            "^19.0.0",
            "19.3.1",
            "~1.2",
            ">=1 <2",
            "1.x || 2.x",
            "latest",
            "*",
            "1.0.0-rc.1",
            "npm:preact@^10",
            "npm:@scope/pkg@1",
        ] {
            let json = format!(r#"{{"dependencies":{{"x":"{ok}"}}}}"#);
            assert!(dep_set(json.as_bytes()).is_ok(), "{ok}");
        }
        for bad in [
            "file:../../etc",
            "link:/etc",
            "/etc/passwd",
            "../x",
            "git+ssh://host/x.git",
            "github:user/repo",
            "user/repo",
            "https://example.com/x.tgz",
            "workspace:*",
            "npm:../x@1",
            "",
        ] {
            let json = format!(r#"{{"dependencies":{{"x":"{bad}"}}}}"#);
            let err = dep_set(json.as_bytes()).unwrap_err().to_string();
            assert!(err.contains("is not allowed"), "{bad}: {err}");
        }
        for bad_name in ["../x", "X", "@scope", "@a/b/c", ".hidden", "a b"] {
            let json = format!(r#"{{"dependencies":{{"{bad_name}":"1"}}}}"#);
            assert!(dep_set(json.as_bytes()).is_err(), "{bad_name}");
        }
        assert!(
            dep_set(b"{")
                .unwrap_err()
                .to_string()
                .contains("not valid JSON")
        );
        assert!(dep_set(br#"{"dependencies":["react"]}"#).is_err());
    }

    #[test]
    fn progress_follows_pnpm_ndjson() {
        let mut p = Progress::default();
        for line in [
            r#"{"name":"pnpm:progress","packageId":"react@19.3.1","status":"resolved"}"#,
            r#"{"name":"pnpm:progress","packageId":"react@19.3.1","status":"found_in_store"}"#,
            r#"{"name":"pnpm:progress","packageId":"clsx@2.1.1","status":"resolved"}"#,
            r#"{"name":"pnpm:progress","packageId":"clsx@2.1.1","status":"fetched"}"#,
            r#"{"name":"pnpm:progress","status":"imported","method":"hardlink"}"#,
            "not json",
        ] {
            assert_eq!(p.observe(line), None);
        }
        assert_eq!(
            p,
            Progress {
                resolved: 2,
                reused: 1,
                downloaded: 1,
                added: 1
            }
        );
        let err = p.observe(r#"{"level":"error","name":"pnpm","code":"ERR_PNPM_FETCH_404","hint":"nope-zz is not in the registry.\n\nmore","err":{"message":"GET x: Not Found"}}"#);
        assert_eq!(
            err.as_deref(),
            Some("ERR_PNPM_FETCH_404: nope-zz is not in the registry.")
        );
    }
}
