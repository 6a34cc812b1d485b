//! The module graph of one session: who imports whom, who accepts updates, and when each
//! module last changed. It turns a changed file into Vite's `update` or `full-reload`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::glob::GlobPatterns;

/// One served module, keyed by its base-less URL (`/src/App.tsx`, `/src/a.css?direct`).
#[derive(Debug, Clone, Default)]
pub struct ModuleNode {
    pub url: String,
    pub file: PathBuf,
    pub importers: HashSet<String>,
    pub imported: HashSet<String>,
    /// URLs this module accepts updates for (`hot.accept('./dep', cb)`).
    pub accepted_deps: HashSet<String>,
    /// `None` until the module has been served and analysed.
    pub self_accepting: Option<bool>,
    /// `css-update` rather than `js-update` (stylesheets linked from HTML).
    pub is_stylesheet: bool,
    /// Milliseconds; 0 until the first HMR update. Importers add it as `?t=`.
    pub last_hmr_timestamp: u64,
    /// The last request for this module failed (syntax error, unresolved import).
    pub errored: bool,
    /// An invalidate from the client was already handled for the current timestamp.
    pub invalidated: bool,
}

/// What to tell the browsers after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HmrOutcome {
    Nothing,
    Update(Vec<Boundary>),
    FullReload { triggered_by: Option<PathBuf> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary {
    /// The module owning the accept callback.
    pub path: String,
    /// The module to re-import.
    pub accepted_path: String,
    pub is_stylesheet: bool,
    pub is_within_circular_import: bool,
}

#[derive(Debug, Default)]
pub struct ModuleGraph {
    nodes: HashMap<String, ModuleNode>,
    by_file: HashMap<PathBuf, HashSet<String>>,
    /// The `import.meta.glob` calls of served modules: a file created or removed where one
    /// looks changes that module.
    globs: HashMap<String, Vec<GlobPatterns>>,
    /// Sheets generated from the project's sources (Tailwind's utilities).
    reads_sources: HashSet<String>,
}

impl ModuleGraph {
    pub fn get(&self, url: &str) -> Option<&ModuleNode> {
        self.nodes.get(url)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn timestamp(&self, url: &str) -> u64 {
        self.nodes.get(url).map_or(0, |n| n.last_hmr_timestamp)
    }

    pub fn urls_for_file(&self, file: &Path) -> Vec<String> {
        self.by_file
            .get(file)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Records the glob calls a served module makes (none forgets them).
    pub fn set_globs(&mut self, url: &str, globs: Vec<GlobPatterns>) {
        if globs.is_empty() {
            self.globs.remove(url);
        } else {
            self.globs.insert(url.to_string(), globs);
        }
    }

    /// Modules whose glob calls match a file created or removed at `path`.
    pub fn globbing(&self, path: &Path) -> Vec<String> {
        self.globs
            .iter()
            .filter(|(_, globs)| globs.iter().any(|g| g.matches(path)))
            .map(|(url, _)| url.clone())
            .collect()
    }

    /// Records whether a served sheet is generated from the project's sources.
    pub fn set_reads_sources(&mut self, url: &str, reads: bool) {
        if reads {
            self.reads_sources.insert(url.to_string());
        } else {
            self.reads_sources.remove(url);
        }
    }

    /// Sheets an edit of any source file changes.
    pub fn source_readers(&self) -> Vec<String> {
        self.reads_sources.iter().cloned().collect()
    }

    fn ensure(&mut self, url: &str, file: &Path) -> &mut ModuleNode {
        self.by_file
            .entry(file.to_path_buf())
            .or_default()
            .insert(url.to_string());
        self.nodes
            .entry(url.to_string())
            .or_insert_with(|| ModuleNode {
                url: url.to_string(),
                file: file.to_path_buf(),
                ..ModuleNode::default()
            })
    }

    /// Records what a module imports after it was served. Imported modules are created as
    /// not-yet-analysed nodes so a change to them can be traced to this importer.
    /// Returns URLs that lost their last importer (to be pruned).
    pub fn record_module(
        &mut self,
        url: &str,
        file: &Path,
        imported: Vec<(String, PathBuf)>,
        accepted_deps: HashSet<String>,
        self_accepting: bool,
        is_stylesheet: bool,
    ) -> Vec<String> {
        let new: HashSet<String> = imported.iter().map(|(u, _)| u.clone()).collect();
        for (u, f) in &imported {
            self.ensure(u, f).importers.insert(url.to_string());
        }
        let node = self.ensure(url, file);
        let old = std::mem::replace(&mut node.imported, new.clone());
        node.accepted_deps = accepted_deps;
        node.self_accepting = Some(self_accepting);
        node.is_stylesheet = is_stylesheet;
        node.errored = false;
        let mut pruned = Vec::new();
        for gone in old.difference(&new) {
            if let Some(n) = self.nodes.get_mut(gone) {
                n.importers.remove(url);
                if n.importers.is_empty() {
                    pruned.push(gone.clone());
                }
            }
        }
        pruned
    }

    pub fn mark_error(&mut self, url: &str, file: &Path) {
        self.ensure(url, file).errored = true;
    }

    /// URLs whose last request failed: a new file may fix them.
    pub fn errored(&self) -> Vec<String> {
        self.nodes
            .values()
            .filter(|n| n.errored)
            .map(|n| n.url.clone())
            .collect()
    }

    /// Propagates a change of `urls` (all modules of one file, or importers) to the nearest
    /// boundaries, the way Vite does, and stamps the changed modules with `timestamp`.
    pub fn propagate(
        &mut self,
        urls: &[String],
        timestamp: u64,
        triggered_by: &Path,
    ) -> HmrOutcome {
        let mut boundaries = Vec::new();
        let mut traversed = HashSet::new();
        let mut dead_end = false;
        for url in urls {
            if !self.nodes.contains_key(url) {
                continue;
            }
            let mut chain = vec![url.clone()];
            if self.walk(url, &mut traversed, &mut chain, &mut boundaries) {
                dead_end = true;
            }
            if let Some(n) = self.nodes.get_mut(url) {
                n.last_hmr_timestamp = timestamp;
                n.invalidated = false;
            }
        }
        if dead_end {
            return HmrOutcome::FullReload {
                triggered_by: Some(triggered_by.to_path_buf()),
            };
        }
        if boundaries.is_empty() {
            return HmrOutcome::Nothing;
        }
        boundaries.dedup();
        HmrOutcome::Update(boundaries)
    }

    /// Returns true on a dead end (a chain of importers that nobody accepts).
    fn walk(
        &self,
        url: &str,
        traversed: &mut HashSet<String>,
        chain: &mut Vec<String>,
        out: &mut Vec<Boundary>,
    ) -> bool {
        if !traversed.insert(url.to_string()) {
            return false;
        }
        let Some(node) = self.nodes.get(url) else {
            return false;
        };
        match node.self_accepting {
            None => return false,
            Some(true) => {
                out.push(Boundary {
                    path: url.to_string(),
                    accepted_path: url.to_string(),
                    is_stylesheet: node.is_stylesheet,
                    is_within_circular_import: self.is_circular(url, chain),
                });
                return false;
            }
            Some(false) => {}
        }
        if node.importers.is_empty() {
            return true;
        }
        let mut importers: Vec<&String> = node.importers.iter().collect();
        importers.sort();
        for importer in importers {
            let Some(imp) = self.nodes.get(importer) else {
                continue;
            };
            if imp.accepted_deps.contains(url) {
                out.push(Boundary {
                    path: importer.clone(),
                    accepted_path: url.to_string(),
                    is_stylesheet: false,
                    is_within_circular_import: self.is_circular(importer, chain),
                });
                continue;
            }
            if chain.contains(importer) {
                continue;
            }
            chain.push(importer.clone());
            let dead = self.walk(importer, traversed, chain, out);
            chain.pop();
            if dead {
                return true;
            }
        }
        false
    }

    /// Whether some importer of `boundary` (transitively) is on the chain that led to it.
    fn is_circular(&self, boundary: &str, chain: &[String]) -> bool {
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = vec![boundary];
        while let Some(u) = stack.pop() {
            let Some(n) = self.nodes.get(u) else { continue };
            for imp in &n.importers {
                if imp == boundary || !seen.insert(imp.clone()) {
                    continue;
                }
                if chain.iter().any(|c| c == imp) {
                    return true;
                }
                stack.push(imp);
            }
        }
        false
    }

    /// A client reported that `url` could not apply its update: propagate from its
    /// importers instead. `None` when the report is stale or unknown.
    pub fn invalidate(&mut self, url: &str, timestamp_hint: u64) -> Option<HmrOutcome> {
        let node = self.nodes.get_mut(url)?;
        if node.invalidated || node.self_accepting != Some(true) {
            return None;
        }
        node.invalidated = true;
        let ts = if node.last_hmr_timestamp > 0 {
            node.last_hmr_timestamp
        } else {
            timestamp_hint
        };
        let file = node.file.clone();
        let importers: Vec<String> = node.importers.iter().cloned().collect();
        if importers.is_empty() {
            return Some(HmrOutcome::FullReload {
                triggered_by: Some(file),
            });
        }
        let mut boundaries = Vec::new();
        let mut traversed = HashSet::from([url.to_string()]);
        for imp in &importers {
            let mut chain = vec![url.to_string(), imp.clone()];
            if let Some(n) = self.nodes.get(imp)
                && n.accepted_deps.contains(url)
            {
                boundaries.push(Boundary {
                    path: imp.clone(),
                    accepted_path: url.to_string(),
                    is_stylesheet: false,
                    is_within_circular_import: false,
                });
                continue;
            }
            if self.walk(imp, &mut traversed, &mut chain, &mut boundaries) {
                return Some(HmrOutcome::FullReload {
                    triggered_by: Some(file),
                });
            }
        }
        for imp in &importers {
            if let Some(n) = self.nodes.get_mut(imp) {
                n.last_hmr_timestamp = ts;
            }
        }
        if boundaries.is_empty() {
            return Some(HmrOutcome::FullReload {
                triggered_by: Some(file),
            });
        }
        Some(HmrOutcome::Update(boundaries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph() -> ModuleGraph {
        let mut g = ModuleGraph::default();
        let f = |s: &str| PathBuf::from(format!("/p{s}"));
        let imp = |list: &[&str]| {
            list.iter()
                .map(|u| (u.to_string(), f(u)))
                .collect::<Vec<_>>()
        };
        g.record_module(
            "/src/main.tsx",
            &f("/src/main.tsx"),
            imp(&["/src/App.tsx", "/src/index.css"]),
            HashSet::new(),
            false,
            false,
        );
        g.record_module(
            "/src/App.tsx",
            &f("/src/App.tsx"),
            imp(&["/src/util.ts", "/src/Card.tsx"]),
            HashSet::new(),
            true,
            false,
        );
        g.record_module(
            "/src/util.ts",
            &f("/src/util.ts"),
            vec![],
            HashSet::new(),
            false,
            false,
        );
        g.record_module(
            "/src/Card.tsx",
            &f("/src/Card.tsx"),
            vec![],
            HashSet::new(),
            true,
            false,
        );
        g.record_module(
            "/src/index.css",
            &f("/src/index.css"),
            vec![],
            HashSet::new(),
            true,
            false,
        );
        g
    }

    #[test]
    fn self_accepting_module_is_its_own_boundary() {
        let mut g = graph();
        let out = g.propagate(&["/src/Card.tsx".into()], 1, Path::new("/p/src/Card.tsx"));
        let HmrOutcome::Update(b) = out else {
            panic!("{out:?}")
        };
        assert_eq!(
            (b[0].path.as_str(), b[0].accepted_path.as_str()),
            ("/src/Card.tsx", "/src/Card.tsx")
        );
        assert_eq!(g.timestamp("/src/Card.tsx"), 1);
    }

    #[test]
    fn plain_module_updates_through_its_importer() {
        let mut g = graph();
        let HmrOutcome::Update(b) =
            g.propagate(&["/src/util.ts".into()], 2, Path::new("/p/src/util.ts"))
        else {
            panic!()
        };
        assert_eq!(b[0].path, "/src/App.tsx");
    }

    #[test]
    fn entry_change_is_a_full_reload() {
        let mut g = graph();
        let out = g.propagate(&["/src/main.tsx".into()], 3, Path::new("/p/src/main.tsx"));
        assert!(matches!(out, HmrOutcome::FullReload { .. }));
    }

    #[test]
    fn invalidate_moves_to_importers() {
        let mut g = graph();
        g.propagate(&["/src/Card.tsx".into()], 4, Path::new("/p/src/Card.tsx"));
        let out = g.invalidate("/src/Card.tsx", 4).unwrap();
        assert_eq!(
            out,
            HmrOutcome::Update(vec![Boundary {
                path: "/src/App.tsx".into(),
                accepted_path: "/src/App.tsx".into(),
                is_stylesheet: false,
                is_within_circular_import: false,
            }])
        );
        assert!(
            g.invalidate("/src/Card.tsx", 4).is_none(),
            "a second report for the same update is ignored"
        );
    }

    #[test]
    fn removed_import_is_pruned() {
        let mut g = graph();
        let pruned = g.record_module(
            "/src/App.tsx",
            Path::new("/p/src/App.tsx"),
            vec![("/src/util.ts".into(), "/p/src/util.ts".into())],
            HashSet::new(),
            true,
            false,
        );
        assert_eq!(pruned, vec!["/src/Card.tsx".to_string()]);
    }
}
