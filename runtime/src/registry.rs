//! The sessions one process hosts. A session is registered (in memory and on disk) before
//! the call that creates it returns, so the first request for it always finds it; idle
//! sessions drop their in-memory state and come back on the next request.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use velocity_deps::DepStore;

use crate::config::SessionConfig;
use crate::crawl;
use crate::session::Session;

/// How a session is addressed: under `/session/<id>/`, or as its own origin
/// `<id>.<preview domain>` (served at `/`). Each mode has its own URL space, so each gets
/// its own `Session` value over the same files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Path,
    Host,
}

/// Limits that keep one tenant from exhausting the machine.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_file_bytes: usize,
    pub max_files: usize,
    pub max_session_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 2 * 1024 * 1024,
            max_files: 2000,
            max_session_bytes: 50 * 1024 * 1024,
        }
    }
}

/// A registered session: its files on disk, and its loaded state (if any).
pub struct SessionEntry {
    pub id: String,
    pub dir: PathBuf,
    pub created: std::time::SystemTime,
    loaded: Mutex<HashMap<Mode, Arc<Session>>>,
    last_used: Mutex<Instant>,
    pub last_error: Mutex<Option<String>>,
    /// Its packages: linked, installing, or failed (see `session_packages`).
    pub packages: Mutex<crate::session_packages::PackagesStatus>,
}

impl SessionEntry {
    pub fn touch(&self) {
        *self.last_used.lock().expect("entry lock") = Instant::now();
    }

    pub fn idle_for(&self) -> Duration {
        self.last_used.lock().expect("entry lock").elapsed()
    }

    /// Loaded sessions of this entry (for fan-out of file changes and status).
    pub fn loaded(&self) -> Vec<Arc<Session>> {
        self.loaded
            .lock()
            .expect("entry lock")
            .values()
            .cloned()
            .collect()
    }

    pub fn is_loaded(&self) -> bool {
        !self.loaded.lock().expect("entry lock").is_empty()
    }

    /// Drops the loaded sessions; the next request builds them again from the files.
    pub fn unload(&self) {
        self.loaded.lock().expect("entry lock").clear();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("{0}")]
    BadPath(String),
    #[error("{0}")]
    TooLarge(String),
    #[error("unknown template {0:?}")]
    UnknownTemplate(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Plugin(#[from] velocity_plugin_host::PluginError),
}

pub struct SessionRegistry {
    pub data_dir: PathBuf,
    pub instance_id: String,
    pub templates: Option<PathBuf>,
    pub limits: Limits,
    store: Arc<DepStore>,
    /// The machine's package store; without one, sessions made from files get no packages.
    pub packages: Option<Arc<crate::packages::PackageStore>>,
    entries: RwLock<BTreeMap<String, Arc<SessionEntry>>>,
    /// The process's plugin engine and the operator's plugins (`--plugin-dir`), which every
    /// session runs in instances of its own.
    pub plugins: Option<(
        Arc<velocity_plugin_host::PluginEngine>,
        Vec<crate::plugins::PluginSpec>,
    )>,
    /// Directories besides its own files that a session's `velocity.toml` may load
    /// plugins from (`--plugin-dir`, `--plugin-source`).
    pub plugin_sources: Vec<PathBuf>,
    /// Children of the `velocity` binary, shared by all sessions (see `SessionConfig`).
    pub workers: Option<Arc<crate::workers::Workers>>,
}

/// A session's own plugins must come from its files or a plugin source: anything else is
/// refused with one message, whether or not the file exists, so a `velocity.toml` can
/// neither load the machine's other components nor learn which files exist.
fn check_plugin_paths(
    specs: &[crate::plugins::PluginSpec],
    root: &Path,
    sources: &[PathBuf],
) -> Result<(), velocity_plugin_host::PluginError> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let allowed = |p: &Path| p.starts_with(&root) || sources.iter().any(|s| p.starts_with(s));
    for spec in specs {
        let lexical = crate::url::normalize_path(&root.join(&spec.path));
        let real = spec.path.canonicalize().ok();
        if !allowed(&lexical) || real.as_deref().is_some_and(|r| !allowed(r)) {
            return Err(velocity_plugin_host::PluginError::Load {
                path: spec.path.display().to_string(),
                message: "outside this session and the server's plugin sources \
                          (--plugin-source)"
                    .into(),
            });
        }
    }
    Ok(())
}

/// Lower-case, DNS-label-safe instance name.
pub fn sanitize_instance(s: &str) -> String {
    let mut out: String = s
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    out.truncate(40);
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "local".into() } else { out }
}

const ID_RANDOM_LEN: usize = 20;
const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// 100 random bits, then the owning instance: `<20 base32 chars>-<instance>`.
pub fn new_session_id(instance: &str) -> String {
    let mut bytes = [0u8; ID_RANDOM_LEN];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    let random: String = bytes
        .iter()
        .map(|b| BASE32[(*b & 31) as usize] as char)
        .collect();
    format!("{random}-{instance}")
}

/// The instance that owns a session id, if the id is well-formed.
pub fn owner_of(id: &str) -> Option<&str> {
    if id.len() <= ID_RANDOM_LEN + 1 || id.as_bytes()[ID_RANDOM_LEN] != b'-' {
        return None;
    }
    let (random, rest) = id.split_at(ID_RANDOM_LEN);
    if !random.bytes().all(|b| BASE32.contains(&b)) {
        return None;
    }
    let owner = &rest[1..];
    owner
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        .then_some(owner)
}

/// Checks a session-relative file path from the API: no absolute paths, no `..`, no NUL,
/// no backslashes, no empty or dot segments, nothing under `node_modules` or `.git`.
pub fn check_rel_path(path: &str) -> Result<&str, RegistryError> {
    let bad = |why: &str| {
        Err(RegistryError::BadPath(format!(
            "invalid file path {path:?}: {why}"
        )))
    };
    if path.is_empty() || path.len() > 512 {
        return bad("empty or too long");
    }
    if path.contains('\0') || path.contains('\\') {
        return bad("NUL and backslashes are not allowed");
    }
    if path.starts_with('/') || path.contains(':') {
        return bad("must be relative to the session");
    }
    for seg in path.split('/') {
        if seg.is_empty() || seg == "." || seg == ".." {
            return bad("empty, `.` and `..` segments are not allowed");
        }
        if seg == "node_modules" || seg == ".git" {
            return bad("node_modules and .git are managed by the server");
        }
    }
    Ok(path)
}

impl SessionRegistry {
    pub fn new(
        data_dir: PathBuf,
        instance_id: &str,
        templates: Option<PathBuf>,
        store: Arc<DepStore>,
    ) -> std::io::Result<Self> {
        std::fs::create_dir_all(data_dir.join("sessions"))?;
        let data_dir = data_dir.canonicalize()?;
        Ok(Self {
            data_dir,
            instance_id: sanitize_instance(instance_id),
            templates,
            limits: Limits::default(),
            store,
            packages: None,
            entries: RwLock::new(BTreeMap::new()),
            plugins: None,
            plugin_sources: Vec::new(),
            workers: None,
        })
    }

    /// Finds the sessions left on disk by an earlier run. Nothing is loaded yet.
    pub fn restore(&self) -> std::io::Result<usize> {
        let mut n = 0;
        for e in std::fs::read_dir(self.data_dir.join("sessions"))?.flatten() {
            let id = e.file_name().to_string_lossy().to_string();
            if owner_of(&id).is_some() && e.path().is_dir() {
                self.register(
                    &id,
                    e.path(),
                    e.metadata()
                        .and_then(|m| m.created())
                        .unwrap_or_else(|_| std::time::SystemTime::now()),
                );
                n += 1;
            }
        }
        Ok(n)
    }

    fn register(
        &self,
        id: &str,
        dir: PathBuf,
        created: std::time::SystemTime,
    ) -> Arc<SessionEntry> {
        let entry = Arc::new(SessionEntry {
            id: id.to_string(),
            dir,
            created,
            loaded: Mutex::new(HashMap::new()),
            last_used: Mutex::new(Instant::now()),
            last_error: Mutex::new(None),
            packages: Mutex::new(Default::default()),
        });
        self.entries
            .write()
            .expect("registry lock")
            .insert(id.to_string(), entry.clone());
        entry
    }

    pub fn get(&self, id: &str) -> Option<Arc<SessionEntry>> {
        self.entries.read().expect("registry lock").get(id).cloned()
    }

    pub fn list(&self) -> Vec<Arc<SessionEntry>> {
        self.entries
            .read()
            .expect("registry lock")
            .values()
            .cloned()
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.read().expect("registry lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn loaded_count(&self) -> usize {
        self.list().iter().filter(|e| e.is_loaded()).count()
    }

    pub fn template_dir(&self, name: &str) -> Result<PathBuf, RegistryError> {
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let dir = self.templates.as_ref().map(|t| t.join(name));
        match dir {
            Some(d) if valid && d.join("package.json").is_file() => Ok(d),
            _ => Err(RegistryError::UnknownTemplate(name.to_string())),
        }
    }

    /// Creates a session from a template and/or files. The session is registered and
    /// servable when this returns.
    pub fn create(
        &self,
        template: Option<&str>,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Result<Arc<SessionEntry>, RegistryError> {
        let template_dir = template.map(|t| self.template_dir(t)).transpose()?;
        self.check_files(files, 0, 0)?;
        let id = new_session_id(&self.instance_id);
        let dir = self.data_dir.join("sessions").join(&id);
        std::fs::create_dir_all(&dir)?;
        if let Some(t) = &template_dir {
            copy_template(t, &dir)?;
        }
        for (path, bytes) in files {
            let target = dir.join(check_rel_path(path)?);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, bytes)?;
        }
        Ok(self.register(&id, dir, std::time::SystemTime::now()))
    }

    /// Rejects writes that break the per-session limits. `existing_*` describe the
    /// session before the write.
    pub fn check_files(
        &self,
        files: &BTreeMap<String, Vec<u8>>,
        existing_count: usize,
        existing_bytes: usize,
    ) -> Result<(), RegistryError> {
        let mut total = existing_bytes;
        for (path, bytes) in files {
            check_rel_path(path)?;
            if bytes.len() > self.limits.max_file_bytes {
                return Err(RegistryError::TooLarge(format!(
                    "file {path:?} is {} bytes; the limit is {}",
                    bytes.len(),
                    self.limits.max_file_bytes
                )));
            }
            total += bytes.len();
        }
        if existing_count + files.len() > self.limits.max_files {
            return Err(RegistryError::TooLarge(format!(
                "a session may hold at most {} files",
                self.limits.max_files
            )));
        }
        if total > self.limits.max_session_bytes {
            return Err(RegistryError::TooLarge(format!(
                "a session may hold at most {} bytes",
                self.limits.max_session_bytes
            )));
        }
        Ok(())
    }

    /// The session value for an entry in a mode, loading it on first use.
    pub fn session(&self, entry: &SessionEntry, mode: Mode) -> Result<Arc<Session>, RegistryError> {
        entry.touch();
        let mut loaded = entry.loaded.lock().expect("entry lock");
        if let Some(s) = loaded.get(&mode) {
            return Ok(s.clone());
        }
        let base = match mode {
            Mode::Path => format!("/session/{}/", entry.id),
            Mode::Host => "/".to_string(),
        };
        let mut config = SessionConfig::load(&entry.dir, Some(&base))?;
        config.workers = self.workers.clone();
        let mut allow = Vec::new();
        if let Ok(nm) = entry.dir.join("node_modules").canonicalize() {
            allow.push(nm);
        }
        let (engine, operator) = match &self.plugins {
            Some((e, specs)) => (Some(e), specs.as_slice()),
            None => (None, &[][..]),
        };
        check_plugin_paths(&config.plugins, &entry.dir, &self.plugin_sources)?;
        let session = Session::with_plugins(config, self.store.clone(), &allow, engine, operator)?;
        // A hosted session's files change only through the API, which reports every write.
        session.served.report_writes();
        crate::session_packages::greet(entry, &session);
        crawl::start(&session);
        loaded.insert(mode, session.clone());
        tracing::info!(session = %entry.id, ?mode, "session loaded");
        Ok(session)
    }

    /// Links or installs an entry's packages from its `package.json` (needs a tokio runtime).
    pub fn ensure_packages(&self, entry: &Arc<SessionEntry>) {
        if let Some(store) = &self.packages {
            crate::session_packages::ensure(store, entry);
        }
    }

    pub fn store(&self) -> &Arc<DepStore> {
        &self.store
    }

    pub fn remove(&self, id: &str) -> Option<Arc<SessionEntry>> {
        let entry = self.entries.write().expect("registry lock").remove(id)?;
        entry.unload();
        let _ = std::fs::remove_dir_all(&entry.dir);
        Some(entry)
    }

    /// Drops the in-memory state of sessions idle longer than `ttl`.
    pub fn unload_idle(&self, ttl: Duration) -> usize {
        let mut n = 0;
        for e in self.list() {
            if e.is_loaded() && e.idle_for() > ttl {
                e.unload();
                tracing::info!(session = %e.id, "session unloaded after {} s idle", ttl.as_secs());
                n += 1;
            }
        }
        n
    }
}

/// A template's files, copied; its `node_modules` linked, so every session made from it
/// shares one installed copy of each package.
fn copy_template(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)?.flatten() {
        let name = e.file_name();
        let src = e.path();
        let dst = to.join(&name);
        if name == "node_modules" {
            #[cfg(unix)]
            std::os::unix::fs::symlink(src.canonicalize()?, &dst)?;
            continue;
        }
        if name == ".git" {
            continue;
        }
        if src.is_dir() {
            copy_template(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_random_and_name_their_owner() {
        let a = new_session_id("machine-1");
        let b = new_session_id("machine-1");
        assert_ne!(a, b);
        assert_eq!(owner_of(&a), Some("machine-1"));
        assert!(a.len() <= 63, "fits a DNS label");
        assert_eq!(owner_of("short"), None);
        assert_eq!(owner_of("ABCDEFGHIJKLMNOPQRST-x"), None);
        assert_eq!(sanitize_instance("Fly_Machine.ID"), "fly-machine-id");
    }

    #[test]
    fn rel_paths() {
        for ok in ["src/App.tsx", "index.html", "a/b/c.css", ".env"] {
            assert!(check_rel_path(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "src/../../x",
            "a\\b",
            "a\0b",
            "src//a",
            "./a",
            "node_modules/x",
            "C:/x",
            "a/.git/config",
        ] {
            assert!(check_rel_path(bad).is_err(), "{bad}");
        }
    }
}
