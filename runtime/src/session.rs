//! A session: one project served under one base. It owns its caches and its HMR channel;
//! the only thing it shares is the machine-wide dependency store.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock as StdRwLock};

use tokio::sync::{Mutex as AsyncMutex, RwLock, broadcast};
use velocity_deps::{DepBundle, DepPlan, DepStore};
use velocity_transform::{EnvDefines, ScriptOptions, ScriptOutput};

use crate::config::SessionConfig;
use crate::error::ServeError;
use crate::graph::ModuleGraph;
use crate::policy::ServePolicy;
use crate::resolve::ModuleResolver;

/// A transformed script, valid while the file still hashes to `hash`.
#[derive(Debug)]
pub struct CachedTransform {
    pub hash: [u8; 16],
    pub output: Arc<ScriptOutput>,
}

pub struct Session {
    pub config: SessionConfig,
    pub resolver: ModuleResolver,
    pub policy: ServePolicy,
    script_options: StdRwLock<Arc<ScriptOptions>>,
    env: StdRwLock<Arc<std::collections::BTreeMap<String, String>>>,
    graph: Mutex<ModuleGraph>,
    last_timestamp: std::sync::atomic::AtomicU64,
    /// Secret the HMR client must present when a browser (with an `Origin`) connects.
    pub ws_token: String,
    pub hmr: broadcast::Sender<Arc<str>>,
    /// This session's plugin instances (its own; never shared).
    pub plugins: crate::plugins::SessionPlugins,
    /// Last answers per module URL.
    pub served: crate::served_cache::ServedCache,
    /// Renders the first viewed page's modules ahead of its requests (see `warmup`).
    pub warmup: crate::warmup::Warmup,
    buffered: Mutex<Option<Arc<str>>>,
    /// Signalled when the session's configuration changed and it must be rebuilt.
    restart: tokio::sync::Notify,
    /// Connected HMR clients.
    pub clients: std::sync::atomic::AtomicUsize,
    store: Arc<DepStore>,
    /// The URLs and interop of the dependency bundle, known before the bundle is built:
    /// all the app's own modules need to be answered.
    dep_plan: RwLock<Option<Arc<DepPlan>>>,
    deps: RwLock<Option<Arc<DepBundle>>>,
    /// Held while the dependency set is being (re)built, so requests wait for it.
    deps_build: Arc<AsyncMutex<()>>,
    /// Signalled when the start-up crawl sets the plan, which is all that modules wait
    /// for: the bundle itself comes later.
    planned: tokio::sync::Notify,
    transforms: Mutex<HashMap<PathBuf, CachedTransform>>,
    /// Content versions of module URLs (see `versions`).
    pub versions: crate::versions::Versions,
    /// What `public/` holds.
    pub public: crate::public_files::PublicFiles,
    /// Sass sheets (by path and text) whose compile ran away, and how (see `sass`).
    pub sass_runaways: Mutex<HashMap<[u8; 16], String>>,
    /// Held while a Sass sheet compiles: one at a time per session.
    pub sass_running: Mutex<()>,
    /// When the last request arrived (ms since the session started): background work
    /// waits for a quiet moment rather than compete with a loading page.
    last_request: std::sync::atomic::AtomicU64,
    started: std::time::Instant,
    /// What every answer depends on besides its inputs: this build of Velocity, the
    /// configuration and the plugins. Part of every version.
    fingerprint_base: [u8; 16],
}

/// A file as its size and modification time (`FileStamp`), for fingerprints.
fn stamp_of(path: &Path) -> String {
    format!("{:?}", crate::served_cache::FileStamp::of(path))
}

/// This build of the binary: a new build may answer the same source differently, so it
/// must not reuse versions the browser cached.
fn build_stamp() -> String {
    std::env::current_exe()
        .map(|exe| stamp_of(&exe))
        .unwrap_or_default()
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("root", &self.config.root)
            .field("base", &self.config.base)
            .finish()
    }
}

fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 9];
    getrandom::fill(&mut bytes).expect("the OS has randomness");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What `import.meta.env` holds: Vite's built-ins, the env files, then `define`s.
fn env_defines(
    config: &SessionConfig,
    env: &std::collections::BTreeMap<String, String>,
) -> EnvDefines {
    let mut d = EnvDefines::development(&config.base, env);
    for (k, v) in &config.env_defines {
        d.env.insert(k.clone(), v.clone());
    }
    d
}

/// The monorepo root above a project (a `package.json` with `workspaces`, or a
/// `pnpm-workspace.yaml`), whose files Vite serves too (`server.fs.allow`'s default).
pub fn workspace_root(root: &Path) -> Option<PathBuf> {
    let mut dir = root.parent();
    while let Some(d) = dir {
        if d.join("pnpm-workspace.yaml").is_file() || d.join("lerna.json").is_file() {
            return Some(d.to_path_buf());
        }
        if let Ok(text) = std::fs::read_to_string(d.join("package.json"))
            && serde_json::from_str::<serde_json::Value>(&text)
                .is_ok_and(|v| v.get("workspaces").is_some())
        {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

/// First 16 bytes of SHA-256: content identity for caches and ETags.
pub fn content_hash(bytes: &[u8]) -> [u8; 16] {
    use sha2::Digest;
    let d = sha2::Sha256::digest(bytes);
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

impl Session {
    pub fn new(config: SessionConfig, store: Arc<DepStore>) -> Arc<Self> {
        Self::with_allowed_dirs(config, store, &[])
    }

    /// A session with plugins: its own and the operator's (`extra`), loaded now so a bad
    /// plugin is a clear error before anything is served.
    pub fn with_plugins(
        config: SessionConfig,
        store: Arc<DepStore>,
        allow: &[PathBuf],
        engine: Option<&Arc<velocity_plugin_host::PluginEngine>>,
        extra: &[crate::plugins::PluginSpec],
    ) -> Result<Arc<Self>, velocity_plugin_host::PluginError> {
        let mut specs = extra.to_vec();
        specs.extend(config.plugins.iter().cloned());
        let plugins = match (engine, specs.is_empty()) {
            (_, true) => crate::plugins::SessionPlugins::default(),
            (Some(e), false) => crate::plugins::SessionPlugins::load(e, &specs, &config.root)?,
            (None, false) => {
                return Err(velocity_plugin_host::PluginError::Load {
                    path: specs[0].path.display().to_string(),
                    message: "plugins are configured but this server runs without a plugin engine"
                        .into(),
                });
            }
        };
        let mut session = Self::with_allowed_dirs(config, store, allow);
        let s = Arc::get_mut(&mut session).expect("new session is not shared");
        s.plugins = plugins;
        let mut text = s.fingerprint_base.to_vec();
        for spec in &specs {
            text.extend_from_slice(format!("{spec:?}{}", stamp_of(&spec.path)).as_bytes());
        }
        s.fingerprint_base = content_hash(&text);
        Ok(session)
    }

    /// A session that may also serve files from `allow` (a linked `node_modules`).
    pub fn with_allowed_dirs(
        config: SessionConfig,
        store: Arc<DepStore>,
        allow: &[PathBuf],
    ) -> Arc<Self> {
        let mut dirs = allow.to_vec();
        if let Some(ws) = workspace_root(&config.root) {
            dirs.push(ws);
        }
        // A linked `node_modules` (a shared install) holds the project's own packages:
        // their stylesheets and assets are served as they would be from inside the root.
        // Only a link to another `node_modules`: never to some other directory.
        if let Ok(linked) = config.root.join("node_modules").canonicalize()
            && !linked.starts_with(&config.root)
            && linked.file_name().is_some_and(|n| n == "node_modules")
        {
            dirs.push(linked);
        }
        let policy = ServePolicy::new(&config.root, &dirs);
        let resolver = ModuleResolver::new(&config.root, &config.aliases);
        let script_options = ScriptOptions {
            jsx_import_source: config.jsx_import_source.clone(),
            refresh: true,
            source_map: true,
            defines: env_defines(&config, &config.env),
        };
        let (hmr, _) = broadcast::channel(256);
        Arc::new(Self {
            config: config.clone(),
            resolver,
            policy,
            script_options: StdRwLock::new(Arc::new(script_options)),
            env: StdRwLock::new(Arc::new(config.env.clone())),
            graph: Mutex::new(ModuleGraph::default()),
            last_timestamp: std::sync::atomic::AtomicU64::new(0),
            ws_token: random_token(),
            hmr,
            clients: std::sync::atomic::AtomicUsize::new(0),
            served: Default::default(),
            warmup: Default::default(),
            buffered: Mutex::new(None),
            restart: tokio::sync::Notify::new(),
            plugins: Default::default(),
            store,
            dep_plan: RwLock::new(None),
            deps: RwLock::new(None),
            deps_build: Arc::new(AsyncMutex::new(())),
            planned: tokio::sync::Notify::new(),
            transforms: Mutex::new(HashMap::new()),
            versions: Default::default(),
            public: crate::public_files::PublicFiles::scan(config.root.join("public")),
            sass_runaways: Default::default(),
            sass_running: Mutex::new(()),
            last_request: std::sync::atomic::AtomicU64::new(0),
            started: std::time::Instant::now(),
            fingerprint_base: content_hash(format!("{config:?}{}", build_stamp()).as_bytes()),
        })
    }

    pub fn script_options(&self) -> Arc<ScriptOptions> {
        self.script_options.read().expect("options lock").clone()
    }

    /// Browser-visible env variables, as last loaded.
    pub fn env(&self) -> Arc<std::collections::BTreeMap<String, String>> {
        self.env.read().expect("env lock").clone()
    }

    /// Re-reads the `.env` files; every module is transformed again with the new values.
    pub fn reload_env(&self) {
        let env = crate::env_file::load(
            &self.config.root,
            &self.config.mode,
            &self.config.env_prefixes,
        );
        let mut options = (*self.script_options()).clone();
        options.defines = env_defines(&self.config, &env);
        *self.script_options.write().expect("options lock") = Arc::new(options);
        *self.env.write().expect("env lock") = Arc::new(env);
        self.transforms
            .lock()
            .expect("transform cache lock")
            .clear();
        self.served.bump();
    }

    /// A millisecond timestamp greater than every one handed out before, so two updates in
    /// the same millisecond still give the browser two different URLs.
    pub fn next_timestamp(&self) -> u64 {
        use std::sync::atomic::Ordering;
        let now = crate::hot::now_ms();
        let mut last = self.last_timestamp.load(Ordering::SeqCst);
        loop {
            let next = now.max(last + 1);
            match self.last_timestamp.compare_exchange(
                last,
                next,
                Ordering::SeqCst,
                Ordering::SeqCst,
            ) {
                Ok(_) => return next,
                Err(actual) => last = actual,
            }
        }
    }

    pub fn graph(&self) -> MutexGuard<'_, ModuleGraph> {
        self.graph.lock().expect("graph lock")
    }

    /// Applies file changes (from the watcher or the session API) as HMR updates.
    pub fn files_changed(&self, changes: &[crate::watch::Change]) {
        crate::hot::files_changed(self, changes);
    }

    pub fn root(&self) -> &Path {
        &self.config.root
    }

    /// Whether every write to `file` ends the served cache's generation, so an answer
    /// made from it needs no `stat` to be trusted (see `ServedCache::report_writes`).
    pub fn hears_writes_to(&self, file: &Path) -> bool {
        self.served.writes_reported()
            && file.starts_with(self.root())
            && !crate::watch::ignored(self.root(), file)
    }

    pub fn base(&self) -> &str {
        &self.config.base
    }

    /// Sends a payload to every connected HMR client.
    pub fn broadcast(&self, payload: &serde_json::Value) {
        let text: Arc<str> = Arc::from(payload.to_string());
        // A reload or error sent while no client is connected (a page still loading) is
        // kept for the next client, as Vite does.
        if self.hmr.receiver_count() == 0
            && matches!(payload["type"].as_str(), Some("full-reload" | "error"))
        {
            *self.buffered.lock().expect("buffer lock") = Some(text.clone());
        }
        let _ = self.hmr.send(text);
    }

    /// Asks whoever hosts this session to rebuild it from its (changed) configuration.
    pub fn request_restart(&self) {
        self.restart.notify_one();
    }

    /// Resolves when a restart was requested.
    pub async fn restart_requested(&self) {
        self.restart.notified().await;
    }

    /// The payload kept for the next client to connect, if any.
    pub fn take_buffered(&self) -> Option<Arc<str>> {
        self.buffered.lock().expect("buffer lock").take()
    }

    pub fn cached_transform(&self, path: &Path, hash: &[u8; 16]) -> Option<Arc<ScriptOutput>> {
        let map = self.transforms.lock().expect("transform cache lock");
        map.get(path)
            .filter(|c| &c.hash == hash)
            .map(|c| c.output.clone())
    }

    pub fn store_transform(&self, path: PathBuf, hash: [u8; 16], output: Arc<ScriptOutput>) {
        self.transforms
            .lock()
            .expect("transform cache lock")
            .insert(path, CachedTransform { hash, output });
    }

    /// The current dependency bundle, waiting for one being built.
    pub async fn deps(&self) -> Option<Arc<DepBundle>> {
        let _building = self.deps_build.lock().await;
        self.deps.read().await.clone()
    }

    /// The current dependency plan: at once when there is one, else as soon as the
    /// start-up crawl has planned the bundle or a build ends.
    pub async fn dep_plan(&self) -> Option<Arc<DepPlan>> {
        let planned = self.planned.notified();
        tokio::pin!(planned);
        planned.as_mut().enable();
        if let Some(plan) = self.dep_plan.read().await.clone() {
            return Some(plan);
        }
        tokio::select! {
            _ = planned => {}
            _ = self.deps_build.lock() => {}
        }
        self.dep_plan.read().await.clone()
    }

    /// Makes sure every specifier in `needed` is in the dependency plan, rebuilding the
    /// bundle with the union if not. Returns the plan and whether it changed under a page
    /// that may already hold modules of the old one.
    pub async fn ensure_deps(
        &self,
        needed: &BTreeSet<String>,
    ) -> Result<(Arc<DepPlan>, bool), ServeError> {
        // During the start-up crawl this waits for its plan, not for its bundle.
        if let Some(p) = self.dep_plan().await
            && needed.iter().all(|s| p.entry(s).is_some())
        {
            return Ok((p, false));
        }
        let _building = self.deps_build.lock().await;
        let current = self.deps.read().await.clone();
        if let Some(p) = self.dep_plan.read().await.clone()
            && needed.iter().all(|s| p.entry(s).is_some())
        {
            return Ok((p, false));
        }
        let mut all: BTreeSet<String> = current
            .as_ref()
            .map(|b| b.entries.keys().cloned().collect())
            .unwrap_or_default();
        all.extend(needed.iter().cloned());
        let entries: Vec<String> = all.into_iter().collect();
        let bundle = self
            .store
            .get(self.root(), &entries)
            .await
            .map_err(ServeError::Deps)?;
        let plan = Arc::new(DepPlan::of(&bundle));
        *self.dep_plan.write().await = Some(plan.clone());
        *self.deps.write().await = Some(bundle);
        self.served.bump();
        Ok((plan, current.is_some()))
    }

    /// Takes the dependency build lock now, so that no module request can bundle a partial
    /// set before the start-up crawl has seen the whole app. The crawl releases it.
    pub fn lock_deps_for_warmup(&self) -> tokio::sync::OwnedMutexGuard<()> {
        self.deps_build
            .clone()
            .try_lock_owned()
            .expect("a new session has no build running")
    }

    /// Sets the plan of the bundle about to be built (used by the start-up crawl, which
    /// holds the lock): module requests stop waiting for the bundle.
    pub async fn set_dep_plan(&self, plan: DepPlan) {
        *self.dep_plan.write().await = Some(Arc::new(plan));
        self.served.bump();
        self.planned.notify_waiters();
    }

    /// Sets the bundle directly (used by the start-up crawl, which holds the lock), or
    /// `None` when it could not be built. Returns whether it contradicts the plan that
    /// modules were answered with; they are then answered again.
    pub async fn set_deps(&self, bundle: Option<Arc<DepBundle>>) -> bool {
        let plan = bundle.as_ref().map(|b| Arc::new(DepPlan::of(b)));
        let mut current = self.dep_plan.write().await;
        let changed = match (&*current, &plan) {
            (Some(old), Some(new)) => old != new,
            (None, None) => false,
            _ => true,
        };
        *current = plan;
        *self.deps.write().await = bundle;
        drop(current);
        if changed {
            self.served.bump();
        }
        changed
    }

    /// Notes that a request arrived.
    pub fn saw_request(&self) {
        let now = self.started.elapsed().as_millis() as u64;
        self.last_request
            .store(now, std::sync::atomic::Ordering::Relaxed);
    }

    /// How long since the last request.
    pub fn quiet_for(&self) -> std::time::Duration {
        let last = self.last_request.load(std::sync::atomic::Ordering::Relaxed);
        let now = self.started.elapsed().as_millis() as u64;
        std::time::Duration::from_millis(now.saturating_sub(last))
    }

    /// Called when a page is served: freezes a new version table if anything changed
    /// since the last one, and retires every answer rendered with the old one.
    pub fn refresh_versions(&self) {
        let Ok(plan) = self.dep_plan.try_read() else {
            return; // a plan is being stored this instant; keep the table
        };
        let mut text = self.fingerprint_base.to_vec();
        text.extend_from_slice(format!("{:?}", self.env()).as_bytes());
        if let Some(p) = plan.as_ref() {
            text.extend_from_slice(p.browser_hash().as_bytes());
        }
        drop(plan);
        let fingerprint = content_hash(&text);
        let generation = self.served.generation();
        if !self.versions.is_stale(fingerprint, generation) {
            return;
        }
        {
            let graph = self.graph();
            self.versions
                .freeze(fingerprint, generation + 1, |u| graph.timestamp(u));
        }
        self.served.bump();
    }

    pub fn store(&self) -> &Arc<DepStore> {
        &self.store
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use velocity_deps::{DepEntry, DepKey};

    use super::*;

    fn session() -> Arc<Session> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/react-js");
        let config = SessionConfig::load(&root, None).expect("config");
        let store = Arc::new(DepStore::new(std::env::temp_dir().join("velocity-unused")));
        Session::new(config, store)
    }

    fn bundle(needs_interop: bool) -> Arc<DepBundle> {
        let entry = DepEntry {
            specifier: "react".into(),
            file: "react.js".into(),
            needs_interop,
        };
        Arc::new(DepBundle {
            key: DepKey("0123456789abcdef".into()),
            entries: BTreeMap::from([("react".to_string(), entry)]),
            files: HashMap::new(),
        })
    }

    /// A `node_modules` linked in from elsewhere may be served; a link named
    /// `node_modules` that points at any other directory opens nothing.
    #[test]
    fn only_a_linked_node_modules_is_served_from_outside_the_root() {
        let tmp = std::env::temp_dir().join(format!("velocity-linked-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let shared = tmp.join("store/node_modules/pkg");
        let other = tmp.join("elsewhere");
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(shared.join("a.css"), "a {}").unwrap();
        std::fs::write(other.join("secret.txt"), "no").unwrap();
        let open = |link_to: &Path, file: &Path| {
            let root = tmp.join(format!(
                "app-{}",
                link_to.file_name().unwrap().to_string_lossy()
            ));
            std::fs::create_dir_all(&root).unwrap();
            std::os::unix::fs::symlink(link_to, root.join("node_modules")).unwrap();
            let config = SessionConfig::load(&root, None).expect("config");
            let store = Arc::new(DepStore::new(tmp.join("cache")));
            Session::new(config, store).policy.check(file)
        };
        let linked = open(&tmp.join("store/node_modules"), &shared.join("a.css"));
        assert!(
            matches!(linked, crate::policy::Access::Allowed(_)),
            "{linked:?}"
        );
        let odd = open(&other, &other.join("secret.txt"));
        assert_eq!(odd, crate::policy::Access::Denied);
        let _ = std::fs::remove_dir_all(&tmp);
    }

    /// While the start-up crawl's bundle is built, modules are answered as soon as its
    /// plan is known: a page waiting for its entry module would sit idle meanwhile.
    #[tokio::test]
    async fn modules_wait_for_the_plan_not_for_the_bundle() {
        let s = session();
        let building = s.lock_deps_for_warmup();
        let waiting = {
            let s = s.clone();
            tokio::spawn(async move {
                let needed = BTreeSet::from(["react".to_string()]);
                s.ensure_deps(&needed).await.map(|(plan, _)| plan)
            })
        };
        tokio::task::yield_now().await;
        s.set_dep_plan(DepPlan::of(&bundle(true))).await;
        let plan = tokio::time::timeout(std::time::Duration::from_secs(5), waiting)
            .await
            .expect("answered before the bundle is built")
            .unwrap()
            .expect("the plan");
        assert!(plan.entry("react").is_some());
        drop(building);
    }

    /// Modules answered from a plan stay valid when the bundle follows it, and are
    /// answered again when it does not (or when bundling failed).
    #[tokio::test]
    async fn a_bundle_that_contradicts_its_plan_retires_what_was_answered() {
        let s = session();
        s.set_dep_plan(DepPlan::of(&bundle(true))).await;
        let g = s.served.generation();
        assert!(!s.set_deps(Some(bundle(true))).await, "the plan held");
        assert_eq!(s.served.generation(), g, "answers kept");

        s.set_dep_plan(DepPlan::of(&bundle(false))).await;
        let g = s.served.generation();
        assert!(s.set_deps(Some(bundle(true))).await, "the plan was wrong");
        assert!(s.served.generation() > g, "answers retired");
        let plan = s.dep_plan().await.expect("the bundle's plan");
        assert!(plan.entry("react").unwrap().needs_interop);

        let g = s.served.generation();
        assert!(s.set_deps(None).await, "bundling failed");
        assert!(s.served.generation() > g);
        assert!(s.dep_plan().await.is_none(), "no plan to answer from");
    }
}
