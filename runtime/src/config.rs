//! A session's configuration: where the project is, the base it is served under, and
//! the environment its modules see.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::env_file;

#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// Canonical project root.
    pub root: PathBuf,
    /// Always starts and ends with `/`.
    pub base: String,
    pub mode: String,
    /// Browser-visible env variables (`VITE_*`).
    pub env: BTreeMap<String, String>,
    pub env_prefixes: Vec<String>,
    pub jsx_import_source: String,
    /// Imports of project files are interpreted the Node way (`"type": "module"`).
    pub node_mode_interop: bool,
    /// `resolve.alias` from the Vite config: `(find, absolute replacement)`.
    pub aliases: Vec<(String, PathBuf)>,
    /// `define` entries for `import.meta.env.*` (key without the prefix → code).
    pub env_defines: BTreeMap<String, String>,
    /// Other `define` entries: globals set by `@vite/env` (key → code).
    pub global_defines: BTreeMap<String, String>,
    /// `server.port` from the Vite config.
    pub port: Option<u16>,
    /// Serve Vite's own `client.mjs` (from `VELOCITY_VITE_CLIENT`) as `@vite/client`
    /// instead of Velocity's: the protocol-compatibility check.
    pub vite_client: Option<PathBuf>,
    /// Plugins from velocity.toml, paths made absolute.
    pub plugins: Vec<crate::plugins::PluginSpec>,
    /// Children of the `velocity` binary for work that must be stoppable (Sass), shared
    /// by every session of the process. `None` (library tests) does that work on a thread.
    pub workers: Option<std::sync::Arc<crate::workers::Workers>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("project directory {path} does not exist or is not readable: {source}")]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    VelocityToml { path: PathBuf, message: String },
}

/// `velocity.toml`: the same settings as the Vite config, for projects without one or to
/// override it. Unknown keys are errors, so a typo does not pass silently.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VelocityToml {
    pub base: Option<String>,
    pub port: Option<u16>,
    pub env_prefix: Option<Vec<String>>,
    pub jsx_import_source: Option<String>,
    #[serde(default)]
    pub alias: BTreeMap<String, String>,
    #[serde(default)]
    pub define: BTreeMap<String, String>,
    #[serde(default)]
    pub plugins: Vec<PluginEntry>,
}

/// `[[plugins]]`: a component, its options, and whether it may read the project's files.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginEntry {
    pub path: String,
    #[serde(default)]
    pub options: Option<toml::Value>,
    #[serde(default)]
    pub read: bool,
}

impl VelocityToml {
    pub fn read(root: &Path) -> Result<Option<Self>, ConfigError> {
        let path = root.join("velocity.toml");
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(None);
        };
        toml::from_str(&text)
            .map(Some)
            .map_err(|e| ConfigError::VelocityToml {
                path,
                message: e.to_string(),
            })
    }
}

/// `""`, `"./"` and `"/"` all mean the root; anything else gets both slashes.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() || trimmed == "." {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

const CONFIG_FILES: &[&str] = &[
    "vite.config.ts",
    "vite.config.js",
    "vite.config.mjs",
    "vite.config.mts",
    "vite.config.cjs",
];

impl SessionConfig {
    /// Loads a project's settings. `base` from the command line wins over the config file.
    pub fn load(root: &Path, base: Option<&str>) -> Result<Self, ConfigError> {
        let root = root.canonicalize().map_err(|source| ConfigError::Root {
            path: root.to_path_buf(),
            source,
        })?;
        let mode = "development".to_string();
        let mut jsx_override = None;
        let mut plugins = Vec::new();
        let vite = CONFIG_FILES
            .iter()
            .find_map(|name| {
                let text = std::fs::read_to_string(root.join(name)).ok()?;
                let c = velocity_transform::read_vite_config(name, &text);
                for w in &c.warnings {
                    tracing::warn!("{name}: {w}");
                }
                Some(c)
            })
            .unwrap_or_default();
        let mut vite = vite;
        if let Some(t) = VelocityToml::read(&root)? {
            vite.base = t.base.or(vite.base);
            vite.port = t.port.or(vite.port);
            vite.env_prefix = t.env_prefix.or(vite.env_prefix);
            vite.aliases.extend(t.alias);
            vite.define.extend(t.define);
            jsx_override = t.jsx_import_source;
            for p in t.plugins {
                let options_json = match &p.options {
                    Some(v) => serde_json::to_string(v).unwrap_or_else(|_| "{}".into()),
                    None => "{}".into(),
                };
                let path = if p.path.starts_with('/') {
                    PathBuf::from(&p.path)
                } else {
                    root.join(&p.path)
                };
                plugins.push(crate::plugins::PluginSpec {
                    path,
                    options_json,
                    read: p.read,
                });
            }
        }
        let env_prefixes = vite
            .env_prefix
            .clone()
            .unwrap_or_else(|| vec!["VITE_".to_string()]);
        let aliases = vite
            .aliases
            .iter()
            .map(|(find, to)| {
                let path = if to.starts_with('/') {
                    PathBuf::from(to)
                } else {
                    root.join(to.trim_start_matches("./"))
                };
                (find.clone(), path)
            })
            .collect();
        let mut env_defines = BTreeMap::new();
        let mut global_defines = BTreeMap::new();
        for (k, v) in &vite.define {
            match k.strip_prefix("import.meta.env.") {
                Some(name) => env_defines.insert(name.to_string(), v.clone()),
                None => global_defines.insert(k.clone(), v.clone()),
            };
        }
        let base = base
            .map(str::to_string)
            .or(vite.base.clone())
            .unwrap_or_else(|| "/".into());
        let env = env_file::load(&root, &mode, &env_prefixes);
        let manifest: Option<serde_json::Value> =
            std::fs::read_to_string(root.join("package.json"))
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok());
        let node_mode_interop = manifest.as_ref().is_some_and(|m| m["type"] == "module");
        let jsx_import_source = jsx_override
            .or_else(|| read_jsx_import_source(&root))
            .unwrap_or_else(|| "react".into());
        Ok(Self {
            root,
            base: normalize_base(&base),
            mode,
            env,
            env_prefixes,
            jsx_import_source,
            node_mode_interop,
            aliases,
            env_defines,
            global_defines,
            port: vite.port,
            vite_client: std::env::var_os("VELOCITY_VITE_CLIENT").map(PathBuf::from),
            workers: None,
            plugins,
        })
    }
}

/// `compilerOptions.jsxImportSource` from tsconfig.json or jsconfig.json, if literal.
fn read_jsx_import_source(root: &Path) -> Option<String> {
    for name in ["tsconfig.json", "tsconfig.app.json", "jsconfig.json"] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        // tsconfig allows comments and trailing commas; a plain search is enough here.
        if let Some(i) = text.find("\"jsxImportSource\"") {
            let rest = &text[i + "\"jsxImportSource\"".len()..];
            let rest = rest
                .trim_start()
                .strip_prefix(':')?
                .trim_start()
                .strip_prefix('"')?;
            return rest.split('"').next().map(str::to_string);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn velocity_toml_overrides_and_rejects_typos() {
        let dir = std::env::temp_dir().join(format!("velocity-toml-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("vite.config.js"),
            "export default { base: '/from-vite/', server: { port: 3000 } }",
        )
        .unwrap();
        std::fs::write(
            dir.join("velocity.toml"),
            "base = \"/from-toml/\"\njsx_import_source = \"preact\"\n[alias]\n\"@\" = \"./src\"\n[define]\n__V__ = '\"1\"'\n",
        )
        .unwrap();
        let c = SessionConfig::load(&dir, None).unwrap();
        assert_eq!(c.base, "/from-toml/");
        assert_eq!(c.port, Some(3000));
        assert_eq!(c.jsx_import_source, "preact");
        assert_eq!(c.aliases[0].0, "@");
        assert_eq!(c.global_defines["__V__"], "\"1\"");
        std::fs::write(dir.join("velocity.toml"), "bas = \"/typo/\"\n").unwrap();
        let err = SessionConfig::load(&dir, None).unwrap_err().to_string();
        assert!(
            err.contains("velocity.toml") && err.contains("bas"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn base_is_normalized() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("./"), "/");
        assert_eq!(normalize_base("/app"), "/app/");
        assert_eq!(normalize_base("app/"), "/app/");
        assert_eq!(normalize_base("/session/abc/"), "/session/abc/");
    }
}
