//! A session's plugins, in Vite's order (`enforce: pre`, normal, `post`; then config
//! order): the first `resolve-id` and `load` answer wins, `transform`s chain.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use velocity_plugin_host::{
    Enforce, Grants, PluginEngine, PluginError, PluginInstance, filter_matches,
};

/// One plugin as configured: `[[plugins]]` in velocity.toml, or an operator's plugin dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginSpec {
    pub path: PathBuf,
    pub options_json: String,
    /// May read the session's files through `read-file`.
    pub read: bool,
}

/// The instances one session owns (never shared with another session).
#[derive(Default)]
pub struct SessionPlugins {
    instances: Vec<Mutex<PluginInstance>>,
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
                read_root: spec.read.then(|| root.to_path_buf()),
            };
            let mut instance = engine.instantiate(&loaded, grants)?;
            instance.configure(&spec.options_json)?;
            instances.push(instance);
        }
        instances.sort_by_key(|i| order(&i.metadata().enforce));
        Ok(Self {
            instances: instances.into_iter().map(Mutex::new).collect(),
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

    pub fn resolve_id(
        &self,
        specifier: &str,
        importer: Option<&str>,
    ) -> Result<Option<String>, PluginError> {
        for i in &self.instances {
            let mut p = i.lock().expect("plugin lock");
            if !filter_matches(p.metadata().resolve_filter.as_ref(), specifier, None) {
                continue;
            }
            if let Some(id) = p.resolve_id(specifier, importer)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    pub fn load_id(&self, id: &str) -> Result<Option<String>, PluginError> {
        for i in &self.instances {
            let mut p = i.lock().expect("plugin lock");
            if !filter_matches(p.metadata().load_filter.as_ref(), id, None) {
                continue;
            }
            if let Some(code) = p.load(id)? {
                return Ok(Some(code));
            }
        }
        Ok(None)
    }

    /// Every matching plugin's transform, in order. `None` when none changed the code.
    pub fn transform(&self, code: &str, id: &str) -> Result<Option<String>, PluginError> {
        let mut current: Option<String> = None;
        for i in &self.instances {
            let mut p = i.lock().expect("plugin lock");
            let input = current.as_deref().unwrap_or(code);
            if !filter_matches(p.metadata().transform_filter.as_ref(), id, Some(input)) {
                continue;
            }
            if let Some(out) = p.transform(input, id)? {
                current = Some(out.code);
            }
        }
        Ok(current)
    }
}
