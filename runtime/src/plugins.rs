//! A session's plugins, in Vite's order (`enforce: pre`, normal, `post`; then config
//! order): the first `resolve-id` and `load` answer wins, `transform`s chain.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use velocity_plugin_host::{
    Enforce, FileReader, Grants, PluginEngine, PluginError, PluginInstance,
};

use crate::policy::{Access, ServePolicy};
use velocity_transform::{SourceMap, code_frame, compose_maps, parse_map};

/// `read-file` for a plugin granted `read`: the serving policy of the session's root alone
/// (no other allowed directory), so a plugin reads nothing a browser could not.
struct PolicyReader {
    root: PathBuf,
    policy: ServePolicy,
}

impl PolicyReader {
    fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            policy: ServePolicy::new(root, &[]),
        }
    }
}

impl FileReader for PolicyReader {
    fn read(&self, path: &str) -> Result<String, String> {
        let wanted = Path::new(path);
        let full = if wanted.is_absolute() {
            wanted.to_path_buf()
        } else {
            self.root.join(wanted)
        };
        match self.policy.check(&full) {
            Access::Allowed(real) => {
                std::fs::read_to_string(&real).map_err(|e| format!("cannot read {path:?}: {e}"))
            }
            // One answer for both: a plugin learns nothing about files it may not read.
            Access::Denied | Access::NotFound => {
                Err(format!("{path:?} is not a file this plugin may read"))
            }
        }
    }
}

/// What the transform chain made of a module: its code and, when every plugin that changed
/// it gave a map, one map from that code back to the original.
#[derive(Debug)]
pub struct PluginOutput {
    pub code: String,
    pub map: Option<SourceMap>,
}

/// A failed hook, with a code frame when the plugin said where in its input it failed.
#[derive(Debug, thiserror::Error)]
#[error("{error}{}", frame.as_deref().map(|f| format!("\n{f}")).unwrap_or_default())]
pub struct PluginFailure {
    pub error: PluginError,
    pub frame: Option<String>,
}

impl From<PluginError> for PluginFailure {
    fn from(error: PluginError) -> Self {
        Self { error, frame: None }
    }
}

/// Names the module and frames the code a plugin failed on, when it gave a position.
fn located(mut error: PluginError, id: &str, code: &str) -> PluginFailure {
    let mut frame = None;
    if let PluginError::Failed {
        location: Some(l), ..
    } = &mut error
        && l.file.as_deref().is_none_or(|f| f == id)
    {
        l.file = Some(id.to_string());
        frame = Some(code_frame(code, l.line, l.column + 1));
    }
    PluginFailure { error, frame }
}

/// One plugin as configured: `[[plugins]]` in velocity.toml, or an operator's plugin dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginSpec {
    pub path: PathBuf,
    pub options_json: String,
    /// May read the session's files through `read-file`.
    pub read: bool,
}

/// The instances one session owns (never shared with another session). Cloning shares
/// them: the clone is how a hook call moves onto the blocking pool.
#[derive(Default, Clone)]
pub struct SessionPlugins {
    instances: Arc<Vec<Mutex<PluginInstance>>>,
}

impl std::fmt::Debug for SessionPlugins {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionPlugins")
            .field("count", &self.instances.len())
            .finish()
    }
}

fn order(e: &Enforce) -> u8 {
    match e {
        Enforce::Pre => 0,
        Enforce::Normal => 1,
        Enforce::Post => 2,
    }
}

impl SessionPlugins {
    /// Loads, instantiates and configures every plugin for a session rooted at `root`.
    pub fn load(
        engine: &Arc<PluginEngine>,
        specs: &[PluginSpec],
        root: &Path,
    ) -> Result<Self, PluginError> {
        let mut instances = Vec::new();
        for spec in specs {
            let loaded = engine.load(&spec.path)?;
            let grants = Grants {
                read: spec
                    .read
                    .then(|| Arc::new(PolicyReader::new(root)) as Arc<dyn FileReader>),
            };
            let mut instance = engine.instantiate(&loaded, grants)?;
            instance.configure(&spec.options_json)?;
            instances.push(instance);
        }
        instances.sort_by_key(|i| order(&i.metadata().enforce));
        Ok(Self {
            instances: Arc::new(instances.into_iter().map(Mutex::new).collect()),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.instances.is_empty()
    }

    pub fn names(&self) -> Vec<String> {
        self.instances
            .iter()
            .map(|i| i.lock().expect("plugin lock").name().to_string())
            .collect()
    }

    /// Runs `f` on tokio's blocking pool: a hook may hold its thread for a whole deadline,
    /// and the async workers must go on serving every other request meanwhile.
    pub async fn off_thread<R: Send + 'static>(
        &self,
        f: impl FnOnce(&SessionPlugins) -> R + Send + 'static,
    ) -> R {
        let this = self.clone();
        // The request's span (its session id) follows the call, so plugin log lines carry it.
        let span = tracing::Span::current();
        match tokio::task::spawn_blocking(move || span.in_scope(|| f(&this))).await {
            Ok(r) => r,
            Err(e) => std::panic::resume_unwind(e.into_panic()),
        }
    }

    pub fn resolve_id(
        &self,
        specifier: &str,
        importer: Option<&str>,
    ) -> Result<Option<String>, PluginError> {
        for i in self.instances.iter() {
            let mut p = i.lock().expect("plugin lock");
            if !p.filters().resolve.matches(specifier, None) {
                continue;
            }
            if let Some(id) = p.resolve_id(specifier, importer)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    pub fn load_id(&self, id: &str) -> Result<Option<String>, PluginError> {
        for i in self.instances.iter() {
            let mut p = i.lock().expect("plugin lock");
            if !p.filters().load.matches(id, None) {
                continue;
            }
            if let Some(code) = p.load(id)? {
                return Ok(Some(code));
            }
        }
        Ok(None)
    }

    /// Every matching plugin's transform, in order, their maps composed into one from the
    /// last output back to `code`. `None` when none changed the code.
    pub fn transform(&self, code: &str, id: &str) -> Result<Option<PluginOutput>, PluginFailure> {
        let mut current: Option<PluginOutput> = None;
        for i in self.instances.iter() {
            let mut p = i.lock().expect("plugin lock");
            let input = current.as_ref().map_or(code, |c| c.code.as_str());
            if !p.filters().transform.matches(id, Some(input)) {
                continue;
            }
            let Some(out) = p.transform(input, id).map_err(|e| located(e, id, input))? else {
                continue;
            };
            // A step without a map (or with one we cannot read) loses the way back.
            let step = out
                .source_map
                .as_deref()
                .and_then(|m| parse_map(m, id, input));
            let map = match (current, step) {
                (None, step) => step,
                (
                    Some(PluginOutput {
                        map: Some(before), ..
                    }),
                    Some(step),
                ) => Some(compose_maps(&step, &before)),
                _ => None,
            };
            current = Some(PluginOutput {
                code: out.code,
                map,
            });
        }
        Ok(current)
    }
}
