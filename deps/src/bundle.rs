//! One rolldown build for a set of dependency entries.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rolldown::{
    Bundler, BundlerOptions, InputItem, OutputFormat, Platform, PreserveEntrySignatures,
    RawMinifyOptions,
};
use rolldown_common::Output;

use crate::DepError;
use crate::external::ExternalFiles;
use crate::key::{DepKey, flat_name};

/// One bundled entry: where the browser finds it and how importers must use it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DepEntry {
    pub specifier: String,
    /// File name in the bundle, e.g. `react-dom_client.js`.
    pub file: String,
    /// The entry is CommonJS: it only has a default export (`module.exports`), so named
    /// imports must be read off it by the importer.
    pub needs_interop: bool,
}

/// A finished dependency bundle, held in memory and shared by every session that uses it.
#[derive(Debug)]
pub struct DepBundle {
    pub key: DepKey,
    pub entries: BTreeMap<String, DepEntry>,
    pub files: HashMap<String, Arc<[u8]>>,
}

impl DepBundle {
    pub fn entry(&self, specifier: &str) -> Option<&DepEntry> {
        self.entries.get(specifier)
    }

    pub fn file(&self, name: &str) -> Option<&Arc<[u8]>> {
        self.files.get(name)
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|f| f.len()).sum()
    }
}

/// Bundles `entries` (bare specifiers resolvable from `root`) into browser ES modules.
pub async fn bundle_dependencies(
    root: &Path,
    entries: &[String],
    key: DepKey,
) -> Result<DepBundle, DepError> {
    let input = entries
        .iter()
        .map(|e| InputItem {
            name: Some(flat_name(e)),
            import: e.clone(),
        })
        .collect();
    let options = BundlerOptions {
        input: Some(input),
        cwd: Some(root.to_path_buf()),
        platform: Some(Platform::Browser),
        format: Some(OutputFormat::Esm),
        resolve: Some(rolldown::ResolveOptions {
            condition_names: Some(vec![
                "development".into(),
                "module".into(),
                "browser".into(),
            ]),
            ..Default::default()
        }),
        define: Some(
            [(
                "process.env.NODE_ENV".to_string(),
                "\"development\"".to_string(),
            )]
            .into_iter()
            .collect(),
        ),
        minify: Some(RawMinifyOptions::Bool(false)),
        entry_filenames: Some("[name].js".to_string().into()),
        chunk_filenames: Some("chunk-[hash].js".to_string().into()),
        preserve_entry_signatures: Some(PreserveEntrySignatures::Strict),
        ..Default::default()
    };
    let plugins: Vec<rolldown::plugin::__inner::SharedPluginable> =
        vec![Arc::new(ExternalFiles::new(root))];
    let mut bundler =
        Bundler::with_plugins(options, plugins).map_err(|e| DepError::Bundle(e.to_string()))?;
    let output = bundler
        .generate()
        .await
        .map_err(|e| DepError::Bundle(e.to_string()))?;
    let _ = bundler.close().await;

    let by_name: HashMap<String, &String> = entries.iter().map(|e| (flat_name(e), e)).collect();
    let mut out_entries = BTreeMap::new();
    let mut files = HashMap::new();
    for item in output.assets {
        match item {
            Output::Chunk(chunk) => {
                if chunk.is_entry
                    && let Some(spec) = by_name.get(chunk.name.as_str())
                {
                    let needs_interop =
                        chunk.exports.len() == 1 && chunk.exports[0].as_str() == "default";
                    out_entries.insert(
                        (*spec).clone(),
                        DepEntry {
                            specifier: (*spec).clone(),
                            file: chunk.filename.to_string(),
                            needs_interop,
                        },
                    );
                }
                let code = version_relative_imports(&chunk.code, key.browser_hash());
                files.insert(chunk.filename.to_string(), Arc::from(code.as_bytes()));
            }
            Output::Asset(asset) => {
                files.insert(
                    asset.filename.to_string(),
                    Arc::from(asset.source.as_bytes()),
                );
            }
        }
    }
    Ok(DepBundle {
        key,
        entries: out_entries,
        files,
    })
}

/// Chunks import each other as `./chunk-x.js`; the browser must load them under the same
/// versioned URL the app uses (`?v=<hash>`), or it would create a second instance of a
/// module (and a second React).
pub fn version_relative_imports(code: &str, hash: &str) -> String {
    let mut out = String::with_capacity(code.len() + 64);
    let mut rest = code;
    while let Some(i) = rest.find("\"./") {
        let before = rest[..i].trim_end();
        let is_import =
            before.ends_with("from") || before.ends_with("import") || before.ends_with("import(");
        out.push_str(&rest[..i + 1]);
        rest = &rest[i + 1..];
        if let (true, Some(end)) = (is_import, rest.find('"')) {
            let spec = &rest[..end];
            out.push_str(spec);
            if !spec.contains('?') && !spec.contains('\n') {
                out.push_str("?v=");
                out.push_str(hash);
            }
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_imports_get_the_version() {
        let code = "import { t as a } from \"./chunk-A.js\";\nimport \"./side.js\";\nconst x = \"./not-an-import\";\nimport(\"./lazy.js\");\n";
        assert_eq!(
            version_relative_imports(code, "abcd1234"),
            "import { t as a } from \"./chunk-A.js?v=abcd1234\";\nimport \"./side.js?v=abcd1234\";\nconst x = \"./not-an-import\";\nimport(\"./lazy.js?v=abcd1234\");\n"
        );
    }
}
