//! Import resolution with oxc_resolver, configured the way a browser dev build needs it.

use std::path::{Path, PathBuf};

use oxc_resolver::{AliasValue, ResolveOptions, Resolver, TsconfigDiscovery};

/// Where an import leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file of the project (or a linked workspace package outside node_modules).
    File(PathBuf),
    /// An installed package, to be served from the dependency bundle under `specifier`.
    Dependency { specifier: String, file: PathBuf },
    /// A URL the browser fetches as is (`http:`, `data:`, `/@vite/client`).
    External,
    /// A file of `public/`, named by its URL path (`/vite.svg`).
    Public(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("Failed to resolve import \"{specifier}\" from \"{importer}\". Does the file exist?")]
    NotFound { specifier: String, importer: String },
    #[error(
        "Package \"{package}\" (imported by \"{importer}\") is not installed. Add it to package.json and install it."
    )]
    UnknownPackage { package: String, importer: String },
}

pub struct ModuleResolver {
    root: PathBuf,
    resolver: Resolver,
    /// For `@import` in stylesheets: a package's stylesheet entry. Shares the cache.
    styles: Resolver,
}

impl std::fmt::Debug for ModuleResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModuleResolver")
            .field("root", &self.root)
            .finish()
    }
}

pub fn is_bare(specifier: &str) -> bool {
    !(specifier.starts_with('.')
        || specifier.starts_with('/')
        || specifier.starts_with('\0')
        || specifier.contains("://")
        || specifier.starts_with("data:"))
}

fn is_in_node_modules(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "node_modules")
}

impl ModuleResolver {
    /// `aliases` are the Vite config's `resolve.alias` entries, already absolute.
    pub fn new(root: &Path, aliases: &[(String, PathBuf)]) -> Self {
        let has_tsconfig = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .any(|n| root.join(n).is_file());
        let options = ResolveOptions {
            cwd: Some(root.to_path_buf()),
            tsconfig: has_tsconfig.then_some(TsconfigDiscovery::Auto),
            condition_names: ["import", "module", "browser", "development", "default"]
                .map(String::from)
                .to_vec(),
            main_fields: ["browser", "module", "main"].map(String::from).to_vec(),
            alias_fields: vec![vec!["browser".into()]],
            extensions: [".tsx", ".ts", ".jsx", ".js", ".mjs", ".json"]
                .map(String::from)
                .to_vec(),
            extension_alias: vec![
                (
                    ".js".into(),
                    vec![".ts".into(), ".tsx".into(), ".js".into()],
                ),
                (".jsx".into(), vec![".tsx".into(), ".jsx".into()]),
            ],
            symlinks: true,
            alias: aliases
                .iter()
                .map(|(find, to)| {
                    (
                        find.clone(),
                        vec![AliasValue::Path(to.to_string_lossy().to_string())],
                    )
                })
                .collect(),
            ..ResolveOptions::default()
        };
        let resolver = Resolver::new(options.clone());
        // What Vite's CSS resolver asks a package for: its `style` export condition, or
        // its `css` or `style` field, with `.css` probed.
        let styles = resolver.clone_with_options(ResolveOptions {
            condition_names: ["style", "development", "browser", "default"]
                .map(String::from)
                .to_vec(),
            main_fields: ["css", "style", "main"].map(String::from).to_vec(),
            extensions: vec![".css".into()],
            extension_alias: vec![],
            ..options
        });
        Self {
            root: root.to_path_buf(),
            resolver,
            styles,
        }
    }

    /// Forgets cached file-system facts (after files are created or deleted).
    pub fn clear_cache(&self) {
        self.resolver.clear_cache();
    }

    /// Resolves a URL written in a stylesheet (`@import`, `url()`). CSS reads a bare
    /// name as relative (`url(img/bg.png)` is `./img/bg.png`), so that comes first, as in
    /// Vite; a package name then finds the package's stylesheet.
    pub fn resolve_css(&self, importer: &Path, specifier: &str) -> Result<Resolved, ResolveError> {
        let clean = specifier.split(['?', '#']).next().unwrap_or(specifier);
        if !is_bare(clean) || clean.starts_with('#') || clean.is_empty() {
            return self.resolve(importer, specifier);
        }
        // A sheet or asset is served as a file, never bundled, wherever it lives.
        let relative = format!("./{clean}");
        for spec in [relative.as_str(), clean] {
            if let Ok(r) = self.styles.resolve_file(importer, spec) {
                return Ok(Resolved::File(r.path().to_path_buf()));
            }
        }
        self.resolve(importer, specifier)
    }

    /// Resolves `specifier` as imported by the file `importer`.
    pub fn resolve(&self, importer: &Path, specifier: &str) -> Result<Resolved, ResolveError> {
        if specifier.contains("://")
            || specifier.starts_with("data:")
            || specifier.starts_with("/@")
        {
            return Ok(Resolved::External);
        }
        let clean = specifier.split(['?', '#']).next().unwrap_or(specifier);
        // Root-absolute URLs (`/src/x.ts`) name project files, as in Vite.
        if let Some(rest) = clean.strip_prefix('/') {
            let candidate = self.root.join(rest);
            let public = self.root.join("public").join(rest);
            if public.is_file() && !candidate.is_file() {
                return Ok(Resolved::Public(clean.to_string()));
            }
            return self
                .resolver
                .resolve(&self.root, &format!("./{rest}"))
                .map(|r| Resolved::File(r.path().to_path_buf()))
                .map_err(|_| self.not_found(importer, specifier));
        }
        match self.resolver.resolve_file(importer, clean) {
            Ok(r) => {
                let path = r.path().to_path_buf();
                // Only scripts imported as modules are bundled: a package's stylesheet,
                // JSON or asset, or a script asked for as `?url` or `?raw`, is served as
                // a file, as Vite serves it (`import 'pkg/dist/style.css'`).
                if is_bare(clean)
                    && is_in_node_modules(&path)
                    && crate::url::is_script(&path.to_string_lossy())
                    && clean.len() == specifier.len()
                {
                    Ok(Resolved::Dependency {
                        specifier: clean.to_string(),
                        file: path,
                    })
                } else {
                    Ok(Resolved::File(path))
                }
            }
            Err(_) if is_bare(clean) && !clean.starts_with('#') => {
                let package = velocity_deps::package_name(clean);
                let from = importer.parent().unwrap_or(&self.root);
                if velocity_deps::find_package_dir(from, package).is_some() {
                    Err(self.not_found(importer, specifier))
                } else {
                    Err(ResolveError::UnknownPackage {
                        package: package.to_string(),
                        importer: self.display(importer),
                    })
                }
            }
            Err(_) => Err(self.not_found(importer, specifier)),
        }
    }

    fn not_found(&self, importer: &Path, specifier: &str) -> ResolveError {
        ResolveError::NotFound {
            specifier: specifier.to_string(),
            importer: self.display(importer),
        }
    }

    fn display(&self, file: &Path) -> String {
        file.strip_prefix(&self.root)
            .unwrap_or(file)
            .to_string_lossy()
            .to_string()
    }
}
