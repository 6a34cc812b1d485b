//! `velocity-plugin-host`: Velocity plugins (WebAssembly components of the
//! `velocity:plugin` world, `plugins/wit/plugin.wit`) run in wasmtime sandboxes.
//!
//! One [`PluginEngine`] per process compiles each component once per content hash and
//! keeps the compiled code on disk. Every (session, plugin) pair gets its own
//! [`PluginInstance`]: its own store and memory, a deadline per call and a memory limit.
//! A trap, a timeout or running out of memory fails that call only; the instance is
//! rebuilt for the next call, and nothing else notices.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha2::Digest;
use wasmtime::component::{Component, HasSelf, Linker};
use wasmtime::{
    Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, StoreLimits,
    StoreLimitsBuilder, Trap,
};

mod filter;

pub use filter::{Filter, HookFilters};

mod bindings {
    wasmtime::component::bindgen!({
        path: "../plugins/wit",
        world: "plugin",
    });
}

pub use bindings::velocity::plugin::host::LogLevel;
pub use bindings::velocity::plugin::types::{
    Enforce, HookError, HookFilter, Location, Metadata, TransformOutput,
};
use bindings::{Plugin, PluginPre};

/// The `velocity:plugin` WIT version this host speaks (`plugins/wit/plugin.wit`).
pub const WIT_VERSION: &str = "0.2.0";

/// How often the engine's epoch advances; deadlines are counted in these ticks.
const TICK: Duration = Duration::from_millis(10);

fn ticks(d: Duration) -> u64 {
    (d.as_millis() / TICK.as_millis()).max(1) as u64
}

/// Limits every call and instance is held to.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock time one hook call may take.
    pub deadline: Duration,
    /// Linear memory one instance may grow to.
    pub memory_bytes: usize,
    /// Plugin instances the process can hold at once (sessions × plugins): the size of
    /// the pooling allocator's pool, reserved (as address space only) when it starts.
    pub instances: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            deadline: Duration::from_secs(1),
            memory_bytes: 64 * 1024 * 1024,
            instances: 1000,
        }
    }
}

/// Why a plugin call failed. The message always names the plugin.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("plugin {plugin}: {message}{}", at(location.as_ref()))]
    Failed {
        plugin: String,
        message: String,
        location: Option<Location>,
    },
    #[error("plugin {plugin} ran past its {deadline_ms} ms deadline and was stopped")]
    Timeout { plugin: String, deadline_ms: u128 },
    #[error("plugin {plugin} exceeded its {limit_mib} MiB memory limit and was stopped")]
    OutOfMemory { plugin: String, limit_mib: usize },
    #[error("plugin {plugin} crashed: {message}")]
    Trap { plugin: String, message: String },
    #[error("plugin {path}: {message}")]
    Load { path: String, message: String },
}

fn at(location: Option<&Location>) -> String {
    match location {
        Some(Location {
            file: Some(f),
            line,
            column,
        }) => format!(" (at {f}:{line}:{})", column + 1),
        Some(l) => format!(" (at line {}, column {})", l.line, l.column + 1),
        None => String::new(),
    }
}

/// How `read-file` reaches files: the embedding server decides (its serving policy,
/// confined to the session's root), so a plugin can read nothing a browser could not.
pub trait FileReader: Send + Sync {
    /// The text of `path` (absolute, or relative to the session's root), or why not.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// What a host grants one plugin instance.
#[derive(Clone, Default)]
pub struct Grants {
    /// `read-file`; `None` refuses every read.
    pub read: Option<Arc<dyn FileReader>>,
}

impl std::fmt::Debug for Grants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grants")
            .field("read", &self.read.is_some())
            .finish()
    }
}

/// The store's data: what host functions see.
pub struct HostState {
    plugin: String,
    grants: Grants,
    limits: Limiter,
}

/// Wasmtime's store limits, plus the size the instance's memory has grown to: a guest's
/// engine may keep garbage across calls (componentize-js's does, a few hundred bytes a
/// call) or a plugin may cache without bound, and an instance past [`RECYCLE_AT`] of its
/// limit is replaced between calls rather than left to fail one.
struct Limiter {
    store: StoreLimits,
    memory: usize,
}

/// The share of the memory limit past which an idle instance is replaced.
const RECYCLE_AT: (usize, usize) = (3, 4);

impl wasmtime::ResourceLimiter for Limiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let grow = self.store.memory_growing(current, desired, maximum)?;
        if grow {
            self.memory = self.memory.max(desired);
        }
        Ok(grow)
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.store.table_growing(current, desired, maximum)
    }

    fn instances(&self) -> usize {
        self.store.instances()
    }

    fn tables(&self) -> usize {
        self.store.tables()
    }

    fn memories(&self) -> usize {
        self.store.memories()
    }
}

impl bindings::velocity::plugin::host::Host for HostState {
    fn log(&mut self, level: LogLevel, message: String) {
        let plugin = &self.plugin;
        match level {
            LogLevel::Debug => tracing::debug!(plugin, "{message}"),
            LogLevel::Info => tracing::info!(plugin, "{message}"),
            LogLevel::Warn => tracing::warn!(plugin, "{message}"),
            LogLevel::Error => tracing::error!(plugin, "{message}"),
        }
    }

    fn read_file(&mut self, path: String) -> Result<String, String> {
        match &self.grants.read {
            Some(reader) => reader.read(&path),
            None => Err("read-file is not granted to this plugin".into()),
        }
    }
}

impl bindings::velocity::plugin::types::Host for HostState {}

/// Slots for `limits.instances` plugin instances. A JS plugin (componentize-js) is a
/// component of a few core instances with one memory and a large function table; the
/// pool decommits a slot's pages when its instance goes, so memory returns at once.
fn pool(limits: &Limits) -> PoolingAllocationConfig {
    let n = limits.instances.max(1);
    let mut pool = PoolingAllocationConfig::new();
    pool.total_component_instances(n)
        .total_core_instances(n.saturating_mul(8))
        .total_memories(n.saturating_add(n / 4))
        .total_tables(n.saturating_mul(4))
        .max_memories_per_module(2)
        .max_tables_per_module(4)
        .table_elements(200_000)
        .max_core_instance_size(4 << 20)
        .max_memory_size(limits.memory_bytes);
    pool
}

/// One engine per process: compiled components, the epoch ticker and the linker.
pub struct PluginEngine {
    engine: Engine,
    linker: Linker<HostState>,
    cache_dir: Option<PathBuf>,
    compiled: Mutex<HashMap<[u8; 32], Arc<LoadedPlugin>>>,
    limits: Limits,
}

/// A compiled plugin, ready to be instantiated for any session.
pub struct LoadedPlugin {
    pub path: PathBuf,
    pre: PluginPre<HostState>,
    pub metadata: Metadata,
    /// The metadata's hook filters, compiled.
    pub filters: HookFilters,
}

impl std::fmt::Debug for LoadedPlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedPlugin")
            .field("path", &self.path)
            .field("name", &self.metadata.name)
            .finish()
    }
}

impl PluginEngine {
    /// `cache_dir` keeps compiled code across restarts (one file per component hash).
    pub fn new(cache_dir: Option<PathBuf>, limits: Limits) -> Result<Arc<Self>, PluginError> {
        let mut config = Config::new();
        config.epoch_interruption(true);
        config.wasm_component_model(true);
        // Each pool slot reserves wasmtime's default 4 GiB of address space (not memory) so
        // that compiled code needs no bounds checks: a JS plugin runs about twice as fast
        // as with slots the size of the memory limit.
        config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool(&limits)));
        let engine = Engine::new(&config).map_err(|e| PluginError::Load {
            path: "<engine>".into(),
            message: e.to_string(),
        })?;
        let mut linker = Linker::new(&engine);
        Plugin::add_to_linker::<_, HasSelf<_>>(&mut linker, |s| s).map_err(|e| {
            PluginError::Load {
                path: "<linker>".into(),
                message: e.to_string(),
            }
        })?;
        let weak_engine = engine.weak();
        std::thread::Builder::new()
            .name("velocity-plugin-epoch".into())
            .spawn(move || {
                while let Some(e) = weak_engine.upgrade() {
                    e.increment_epoch();
                    drop(e);
                    std::thread::sleep(TICK);
                }
            })
            .expect("spawn epoch thread");
        Ok(Arc::new(Self {
            engine,
            linker,
            cache_dir,
            compiled: Mutex::new(HashMap::new()),
            limits,
        }))
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    fn load_err(path: &Path, message: impl ToString) -> PluginError {
        PluginError::Load {
            path: path.display().to_string(),
            message: message.to_string(),
        }
    }

    /// Compiles (or finds compiled) the component at `path` and reads its metadata.
    pub fn load(&self, path: &Path) -> Result<Arc<LoadedPlugin>, PluginError> {
        let bytes =
            std::fs::read(path).map_err(|e| Self::load_err(path, format!("cannot read: {e}")))?;
        let hash: [u8; 32] = sha2::Sha256::digest(&bytes).into();
        if let Some(p) = self.compiled.lock().expect("plugin cache lock").get(&hash) {
            return Ok(p.clone());
        }
        let component = self.compile(path, &bytes, &hash)?;
        let instance_pre = self.linker.instantiate_pre(&component).map_err(|e| {
            Self::load_err(
                path,
                format!("not a velocity:plugin@{WIT_VERSION} component: {e}"),
            )
        })?;
        let pre = PluginPre::new(instance_pre).map_err(|e| {
            Self::load_err(
                path,
                format!("not a velocity:plugin@{WIT_VERSION} component: {e}"),
            )
        })?;
        let mut probe = self.store(path.display().to_string(), Grants::default());
        let instance = pre
            .instantiate(&mut probe)
            .map_err(|e| Self::load_err(path, e))?;
        let metadata = instance
            .call_metadata(&mut probe)
            .map_err(|e| Self::load_err(path, e))?;
        let loaded = Arc::new(LoadedPlugin {
            path: path.to_path_buf(),
            pre,
            filters: HookFilters {
                resolve: Filter::new(metadata.resolve_filter.as_ref()),
                load: Filter::new(metadata.load_filter.as_ref()),
                transform: Filter::new(metadata.transform_filter.as_ref()),
            },
            metadata,
        });
        self.compiled
            .lock()
            .expect("plugin cache lock")
            .insert(hash, loaded.clone());
        Ok(loaded)
    }

    fn compile(
        &self,
        path: &Path,
        bytes: &[u8],
        hash: &[u8; 32],
    ) -> Result<Component, PluginError> {
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        let cached = self
            .cache_dir
            .as_ref()
            .map(|d| d.join(format!("{hex}.cwasm")));
        if let Some(c) = &cached
            && c.is_file()
        {
            // SAFETY: the file was written by `precompile_component` of an engine with this
            // configuration, in a directory only this server writes; wasmtime still checks
            // that it matches the engine and refuses it otherwise.
            if let Ok(component) = unsafe { Component::deserialize_file(&self.engine, c) } {
                return Ok(component);
            }
        }
        let started = std::time::Instant::now();
        let compiled = self
            .engine
            .precompile_component(bytes)
            .map_err(|e| Self::load_err(path, format!("not a component: {e}")))?;
        tracing::info!(
            "compiled plugin {} in {} ms",
            path.display(),
            started.elapsed().as_millis()
        );
        if let Some(c) = &cached {
            let _ = std::fs::create_dir_all(c.parent().expect("cache dir"));
            let tmp = c.with_extension(format!("tmp{}", std::process::id()));
            if std::fs::write(&tmp, &compiled).is_ok() {
                let _ = std::fs::rename(&tmp, c);
            }
        }
        // SAFETY: `compiled` was produced just now by this engine.
        unsafe { Component::deserialize(&self.engine, &compiled) }
            .map_err(|e| Self::load_err(path, e))
    }

    fn store(&self, plugin: String, grants: Grants) -> Store<HostState> {
        let limits = StoreLimitsBuilder::new()
            .memory_size(self.limits.memory_bytes)
            .instances(8)
            .tables(64)
            .build();
        let mut store = Store::new(
            &self.engine,
            HostState {
                plugin,
                grants,
                limits: Limiter {
                    store: limits,
                    memory: 0,
                },
            },
        );
        store.limiter(|s| &mut s.limits);
        // Instantiation runs the component's start code under a (generous) deadline too.
        store.set_epoch_deadline(ticks(self.limits.deadline) * 5);
        store
    }

    /// A fresh instance of `plugin` for one session.
    pub fn instantiate(
        self: &Arc<Self>,
        plugin: &Arc<LoadedPlugin>,
        grants: Grants,
    ) -> Result<PluginInstance, PluginError> {
        let mut inst = PluginInstance {
            engine: self.clone(),
            plugin: plugin.clone(),
            grants,
            live: None,
        };
        inst.ensure()?;
        Ok(inst)
    }
}

/// One plugin, instantiated for one session. Not shared between sessions.
pub struct PluginInstance {
    engine: Arc<PluginEngine>,
    plugin: Arc<LoadedPlugin>,
    grants: Grants,
    live: Option<(Store<HostState>, Plugin)>,
}

impl PluginInstance {
    pub fn name(&self) -> &str {
        &self.plugin.metadata.name
    }

    pub fn metadata(&self) -> &Metadata {
        &self.plugin.metadata
    }

    /// Which calls this plugin's hooks could answer.
    pub fn filters(&self) -> &HookFilters {
        &self.plugin.filters
    }

    fn ensure(&mut self) -> Result<(), PluginError> {
        if self.live.is_none() {
            let mut store = self
                .engine
                .store(self.name().to_string(), self.grants.clone());
            let plugin =
                self.plugin
                    .pre
                    .instantiate(&mut store)
                    .map_err(|e| PluginError::Trap {
                        plugin: self.name().to_string(),
                        message: e.to_string(),
                    })?;
            self.live = Some((store, plugin));
        }
        Ok(())
    }

    /// Runs one hook call under the deadline; any trap drops the instance so the next
    /// call starts clean.
    fn call<R>(
        &mut self,
        f: impl FnOnce(&mut Store<HostState>, &Plugin) -> wasmtime::Result<Result<R, HookError>>,
    ) -> Result<R, PluginError> {
        self.ensure()?;
        let name = self.name().to_string();
        let limits = self.engine.limits.clone();
        let (store, plugin) = self.live.as_mut().expect("ensured");
        store.set_epoch_deadline(ticks(limits.deadline));
        let answer = f(store, plugin);
        let (share, of) = RECYCLE_AT;
        if answer.is_ok() && store.data().limits.memory > limits.memory_bytes / of * share {
            tracing::debug!(plugin = name, "instance near its memory limit: replaced");
            self.live = None;
        }
        match answer {
            Ok(Ok(v)) => Ok(v),
            // The JS engine inside a plugin reports exhaustion itself; start it afresh.
            Ok(Err(e)) if e.message.contains("out of memory") => {
                self.live = None;
                Err(PluginError::OutOfMemory {
                    plugin: name,
                    limit_mib: limits.memory_bytes / (1024 * 1024),
                })
            }
            Ok(Err(e)) => Err(PluginError::Failed {
                plugin: name,
                message: e.message,
                location: e.location,
            }),
            Err(e) => {
                self.live = None;
                let trap = e.downcast_ref::<Trap>().copied();
                let text = format!("{e:#}");
                Err(match trap {
                    Some(Trap::Interrupt) => PluginError::Timeout {
                        plugin: name,
                        deadline_ms: limits.deadline.as_millis(),
                    },
                    _ if text.contains("memory")
                        && (text.contains("grow")
                            || text.contains("limit")
                            || text.contains("out of")) =>
                    {
                        PluginError::OutOfMemory {
                            plugin: name,
                            limit_mib: limits.memory_bytes / (1024 * 1024),
                        }
                    }
                    _ => PluginError::Trap {
                        plugin: name,
                        message: text,
                    },
                })
            }
        }
    }

    pub fn configure(&mut self, options_json: &str) -> Result<(), PluginError> {
        self.call(|s, p| p.call_configure(s, options_json))
    }

    pub fn resolve_id(
        &mut self,
        specifier: &str,
        importer: Option<&str>,
    ) -> Result<Option<String>, PluginError> {
        self.call(|s, p| p.call_resolve_id(s, specifier, importer))
    }

    pub fn load(&mut self, id: &str) -> Result<Option<String>, PluginError> {
        self.call(|s, p| p.call_load(s, id))
    }

    pub fn transform(
        &mut self,
        code: &str,
        id: &str,
    ) -> Result<Option<TransformOutput>, PluginError> {
        self.call(|s, p| p.call_transform(s, code, id))
    }
}
