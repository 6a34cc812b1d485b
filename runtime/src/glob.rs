//! `import.meta.glob`: the files a call's patterns match now, turned into Vite's object of
//! lazy `() => import()`s or of eagerly imported modules.
//!
//! Patterns are relative to the importer (`./`), to the root (`/`) or start with an alias.
//! Only files the serve policy allows are matched; `node_modules` and dotfiles only with
//! `exhaustive`. Files are walked on every expansion (a module is expanded when it is
//! served, which a created or removed match triggers), so nothing here is cached.

use std::path::{Path, PathBuf};

use velocity_transform::{GlobCall, glob_call};

use crate::policy::Access;
use crate::session::Session;
use crate::url::js_string;
use crate::walk::Walk;

/// At most this many directory entries are looked at for one call: a pattern such as
/// `/**/*` over a huge tree must not stall the server.
const WALK_LIMIT: usize = 50_000;

#[derive(Debug, thiserror::Error)]
#[error("{message} (in {importer})")]
pub struct GlobError {
    pub importer: String,
    pub message: String,
}

/// A call's patterns made absolute, ready to match paths.
#[derive(Debug, Clone)]
pub struct GlobPatterns {
    include: Vec<String>,
    exclude: Vec<String>,
    exhaustive: bool,
    importer: PathBuf,
}

/// A read call: what it asks for and where its patterns point.
#[derive(Debug, Clone)]
pub struct Glob {
    pub call: GlobCall,
    pub patterns: GlobPatterns,
    /// The directory keys are relative to, when they are relative (`./pages/a.tsx`);
    /// `None` when keys are root paths (`/src/pages/a.tsx`).
    key_dir: Option<PathBuf>,
}

impl Glob {
    /// Reads the call text found in `importer`'s output.
    pub fn read(session: &Session, importer: &Path, text: &str) -> Result<Glob, GlobError> {
        let fail = |message: String| GlobError {
            importer: crate::url::file_url(session.root(), importer),
            message,
        };
        let call = glob_call(text).map_err(|e| fail(e.to_string()))?;
        let root = session.root();
        let dir = importer.parent().unwrap_or(root);
        let base_dir = match &call.base {
            Some(b) if b.starts_with('/') => {
                crate::url::normalize_path(&root.join(b.trim_start_matches('/')))
            }
            Some(b) => crate::url::normalize_path(&dir.join(b)),
            None => dir.to_path_buf(),
        };
        let mut include = Vec::new();
        let mut exclude = Vec::new();
        for pattern in &call.patterns {
            let (negated, p) = match pattern.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, pattern.as_str()),
            };
            let absolute = if let Some(rest) = p.strip_prefix('/') {
                join_pattern(root, rest)
            } else if p.starts_with("./") || p.starts_with("../") {
                join_pattern(&base_dir, p)
            } else if let Some(target) = alias(session, p) {
                target
            } else {
                return Err(fail(format!(
                    "Invalid glob: \"{pattern}\". It must start with '/', './', '../' or an alias"
                )));
            };
            if let Err(e) = fast_glob::validate(&absolute) {
                return Err(fail(format!("Invalid glob: \"{pattern}\": {e:?}")));
            }
            if negated {
                exclude.push(absolute);
            } else {
                include.push(absolute);
            }
        }
        let relative_keys = call
            .patterns
            .iter()
            .all(|p| p.starts_with('.') || p.starts_with('!'));
        let key_dir = (relative_keys || call.base.is_some()).then_some(base_dir);
        let patterns = GlobPatterns {
            include,
            exclude,
            exhaustive: call.exhaustive,
            importer: importer.to_path_buf(),
        };
        Ok(Glob {
            call,
            patterns,
            key_dir,
        })
    }

    /// The matching files the policy lets the session serve, sorted.
    pub fn files(&self, session: &Session) -> Vec<PathBuf> {
        let mut found = Vec::new();
        let allowed = session.policy.allowed_dirs();
        for pattern in &self.patterns.include {
            let (start, depth) = walk_start(pattern);
            // Nothing outside the directories the session may serve is even listed.
            if !allowed.iter().any(|dir| start.starts_with(dir)) {
                continue;
            }
            let walk = Walk {
                skip: if self.patterns.exhaustive {
                    crate::walk::nothing
                } else {
                    crate::walk::hidden_or_package
                },
                max_depth: depth,
                max_entries: WALK_LIMIT,
            };
            found.extend(walk.files(&start).filter(|f| self.patterns.matches(f)));
        }
        found.sort();
        found.dedup();
        found.retain(|f| matches!(session.policy.check(f), Access::Allowed(_)));
        found
    }

    /// The key a file has in the expanded object.
    pub fn key(&self, session: &Session, file: &Path) -> String {
        match &self.key_dir {
            Some(dir) => {
                let rel = relative(dir, file);
                if rel.starts_with("../") {
                    rel
                } else {
                    format!("./{rel}")
                }
            }
            None => crate::url::file_url(session.root(), file),
        }
    }
}

/// A call expanded: the object that replaces it, and what it imports.
#[derive(Debug, Default)]
pub struct Expansion {
    /// Replaces the call: `Object.assign({"./a.ts": () => import("/src/a.ts")})` (a
    /// call, so that the text is an expression wherever it lands, even at a statement's
    /// start).
    pub object: String,
    /// `import * as __vite_glob_0_0 from "/src/a.ts";` for eager calls, to hoist.
    pub imports: String,
    /// (graph URL, file) of every match: the importer depends on each.
    pub imported: Vec<(String, PathBuf)>,
}

impl Glob {
    /// Expands the call, the `index`th of its module. `url_of(file, query)` gives the URL
    /// the browser imports a file by and the file's graph URL.
    pub fn expand(
        &self,
        session: &Session,
        index: usize,
        url_of: impl Fn(&Path, Option<&str>) -> (String, String),
    ) -> Expansion {
        let mut out = Expansion::default();
        let query = self.call.query.as_deref().filter(|q| !q.is_empty());
        let mut entries = Vec::new();
        for (i, file) in self.files(session).into_iter().enumerate() {
            let (url, graph_url) = url_of(&file, query);
            let url_text = js_string(&url);
            let value = if self.call.eager {
                let local = format!("__vite_glob_{index}_{i}");
                out.imports.push_str(&match &self.call.import {
                    Some(name) => format!(
                        "import {{ {} as {local} }} from {url_text};",
                        export_name(name)
                    ),
                    None => format!("import * as {local} from {url_text};"),
                });
                local
            } else {
                match &self.call.import {
                    Some(name) => {
                        format!(
                            "() => import({url_text}).then((m) => m[{}])",
                            js_string(name)
                        )
                    }
                    None => format!("() => import({url_text})"),
                }
            };
            entries.push(format!("{}: {value}", js_string(&self.key(session, &file))));
            out.imported.push((graph_url, file));
        }
        out.object = format!("Object.assign({{{}}})", entries.join(", "));
        out
    }
}

/// An export name as an import clause spells it: a name, or a string (`"a-b"`).
fn export_name(name: &str) -> String {
    let plain = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
    if plain {
        name.to_string()
    } else {
        js_string(name)
    }
}

impl GlobPatterns {
    /// Whether a file created or removed at `path` changes the call's expansion.
    pub fn matches(&self, path: &Path) -> bool {
        if path == self.importer {
            return false;
        }
        let text = path.to_string_lossy();
        if !self.exhaustive && hidden_or_package(&text) {
            return false;
        }
        self.include
            .iter()
            .any(|p| fast_glob::glob_match(p, &*text))
            && !self
                .exclude
                .iter()
                .any(|p| fast_glob::glob_match(p, &*text))
    }
}

/// `node_modules` and dotfiles are left out unless the call is exhaustive.
fn hidden_or_package(path: &str) -> bool {
    path.split('/')
        .any(|c| c != "." && c != ".." && crate::walk::hidden_or_package(c))
}

/// An alias of the Vite config applied to a pattern (`@/pages/*.tsx`).
fn alias(session: &Session, pattern: &str) -> Option<String> {
    session.config.aliases.iter().find_map(|(find, to)| {
        let rest = pattern.strip_prefix(find.as_str())?;
        if rest.is_empty() {
            return Some(to.to_string_lossy().to_string());
        }
        let rest = rest.strip_prefix('/')?;
        Some(join_pattern(to, rest))
    })
}

/// `dir` joined with a pattern, `.` and `..` steps in its leading literal part resolved.
fn join_pattern(dir: &Path, pattern: &str) -> String {
    let mut path = dir.to_path_buf();
    let mut rest = Vec::new();
    let mut literal = true;
    for part in pattern.split('/') {
        if literal && !has_magic(part) {
            match part {
                "" | "." => {}
                ".." => {
                    path.pop();
                }
                p => path.push(p),
            }
        } else {
            literal = false;
            rest.push(part);
        }
    }
    let mut out = path.to_string_lossy().trim_end_matches('/').to_string();
    for part in rest {
        out.push('/');
        out.push_str(part);
    }
    out
}

fn has_magic(part: &str) -> bool {
    part.contains(['*', '?', '[', ']', '{', '}', '!', '\\'])
}

/// Where to start walking for a pattern, and how deep to go (`None`: `**` is unbounded).
fn walk_start(pattern: &str) -> (PathBuf, Option<usize>) {
    let parts: Vec<&str> = pattern.split('/').collect();
    let literal = parts.iter().take_while(|p| !has_magic(p)).count();
    // The last part names files: start from the directory holding it.
    let literal = literal.min(parts.len().saturating_sub(1));
    let start = parts[..literal].join("/");
    let rest = &parts[literal..];
    let depth = (!rest.contains(&"**")).then_some(rest.len());
    (
        PathBuf::from(if start.is_empty() { "/" } else { &start }),
        depth,
    )
}

/// `file` relative to `dir`, with `../` steps, forward slashes.
fn relative(dir: &Path, file: &Path) -> String {
    let d: Vec<_> = dir.components().collect();
    let f: Vec<_> = file.components().collect();
    let common = d.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".into(); d.len() - common];
    parts.extend(
        f[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_joined_with_their_literal_steps_resolved() {
        let dir = Path::new("/p/src/pages");
        assert_eq!(join_pattern(dir, "./*.tsx"), "/p/src/pages/*.tsx");
        assert_eq!(
            join_pattern(dir, "../locales/**/*.json"),
            "/p/src/locales/**/*.json"
        );
        assert_eq!(
            join_pattern(dir, "./{a,b}/../*.ts"),
            "/p/src/pages/{a,b}/../*.ts"
        );
        assert_eq!(
            walk_start("/p/src/pages/*.tsx"),
            ("/p/src/pages".into(), Some(1))
        );
        assert_eq!(walk_start("/p/src/**/*.md"), ("/p/src".into(), None));
        assert_eq!(walk_start("/p/src/a.ts"), ("/p/src".into(), Some(1)));
        assert_eq!(walk_start("/p/*/x/*.ts"), ("/p".into(), Some(3)));
    }

    #[test]
    fn relative_paths_step_up_and_down() {
        assert_eq!(
            relative(Path::new("/p/src"), Path::new("/p/src/a/b.ts")),
            "a/b.ts"
        );
        assert_eq!(
            relative(Path::new("/p/src/x"), Path::new("/p/src/a/b.ts")),
            "../a/b.ts"
        );
    }

    #[test]
    fn new_files_match_unless_hidden_excluded_or_the_importer() {
        let p = GlobPatterns {
            include: vec!["/p/src/pages/**/*.tsx".into()],
            exclude: vec!["/p/src/pages/skip.tsx".into()],
            exhaustive: false,
            importer: "/p/src/pages/index.tsx".into(),
        };
        assert!(p.matches(Path::new("/p/src/pages/a.tsx")));
        assert!(p.matches(Path::new("/p/src/pages/deep/a.tsx")));
        assert!(!p.matches(Path::new("/p/src/pages/a.ts")));
        assert!(!p.matches(Path::new("/p/src/pages/skip.tsx")));
        assert!(!p.matches(Path::new("/p/src/pages/.draft.tsx")));
        assert!(!p.matches(Path::new("/p/src/pages/index.tsx")));
    }
}
