//! The one place that decides whether a file may be served. Every route that reads a
//! project file asks [`ServePolicy::check`]; nothing else opens files on a URL's say-so.

use std::path::{Component, Path, PathBuf};

/// What the policy says about a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Serve this file (the canonical path, symlinks resolved).
    Allowed(PathBuf),
    /// The file exists but must not be served.
    Denied,
    /// There is no such file (or it is outside every allowed directory and does not exist).
    NotFound,
}

#[derive(Debug, Clone)]
pub struct ServePolicy {
    allow: Vec<PathBuf>,
}

/// Vite's default deny list, matched case-insensitively on every path component.
fn denied_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    let n = n.trim_end_matches(['.', ' ']);
    n == ".env"
        || n.starts_with(".env.")
        || n == ".npmrc"
        || n == ".yarnrc.yml"
        || n == ".git"
        || n.contains(':')
        || ["crt", "pem", "key", "p12", "pfx", "cer", "der"]
            .iter()
            .any(|ext| n.rsplit_once('.').is_some_and(|(_, e)| e == *ext))
        || is_short_name(n)
}

/// 8.3 names (`PROGRA~1`) that would alias long names on Windows file systems.
fn is_short_name(n: &str) -> bool {
    let stem = n.split('.').next().unwrap_or(n);
    match stem.split_once('~') {
        Some((head, digits)) => {
            !head.is_empty()
                && head.len() <= 6
                && !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

fn has_denied_component(path: &Path) -> bool {
    path.components().any(|c| match c {
        Component::Normal(name) => denied_name(&name.to_string_lossy()),
        _ => false,
    })
}

impl ServePolicy {
    /// `root` and every directory in `extra` (all must exist) may be served.
    pub fn new(root: &Path, extra: &[PathBuf]) -> Self {
        let mut allow = vec![root.canonicalize().unwrap_or_else(|_| root.to_path_buf())];
        for dir in extra {
            if let Ok(d) = dir.canonicalize() {
                allow.push(d);
            }
        }
        Self { allow }
    }

    pub fn allowed_dirs(&self) -> &[PathBuf] {
        &self.allow
    }

    /// Checks an absolute path built from a URL.
    pub fn check(&self, path: &Path) -> Access {
        let text = path.to_string_lossy();
        if text.contains('\0') || text.contains('\\') || !path.is_absolute() {
            return Access::Denied;
        }
        // Refuse lexical escapes before touching the file system.
        let mut depth: i64 = 0;
        for c in path.components() {
            match c {
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                _ => {}
            }
            if depth < 0 {
                return Access::Denied;
            }
        }
        let lexical_denied = has_denied_component(path);
        let Ok(real) = path.canonicalize() else {
            return if lexical_denied {
                Access::Denied
            } else {
                Access::NotFound
            };
        };
        let Some(inside) = self.allow.iter().find(|dir| real.starts_with(dir)) else {
            return Access::Denied;
        };
        let rel = real.strip_prefix(inside).unwrap_or(&real);
        if lexical_denied || has_denied_component(rel) || !real.is_file() {
            return if real.is_dir() && !lexical_denied {
                Access::NotFound
            } else {
                Access::Denied
            };
        }
        Access::Allowed(real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_list() {
        for name in [
            ".env",
            ".ENV",
            ".env.local",
            ".env.",
            "a.pem",
            "A.KEY",
            ".npmrc",
            ".git",
            "x.crt",
            "PROGRA~1",
            "a:b",
            ".env ",
        ] {
            assert!(denied_name(name), "{name}");
        }
        for name in [
            "env.ts",
            "App.tsx",
            "key.ts",
            "environment.json",
            "a.keys",
            "x~y.ts",
        ] {
            assert!(!denied_name(name), "{name}");
        }
    }

    #[test]
    fn checks_real_files() {
        let dir = std::env::temp_dir().join(format!("velocity-policy-{}", std::process::id()));
        let root = dir.join("root");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/a.ts"), "x").unwrap();
        std::fs::write(root.join(".env"), "SECRET=1").unwrap();
        std::fs::write(dir.join("outside.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join(".env"), root.join("src/innocent.txt")).unwrap();
        let p = ServePolicy::new(&root, &[]);
        let root = root.canonicalize().unwrap();
        assert_eq!(
            p.check(&root.join("src/a.ts")),
            Access::Allowed(root.join("src/a.ts"))
        );
        assert_eq!(p.check(&root.join(".env")), Access::Denied);
        assert_eq!(p.check(&root.join("src/../.env")), Access::Denied);
        assert_eq!(p.check(&root.join("../outside.txt")), Access::Denied);
        assert_eq!(p.check(&root.join("src/innocent.txt")), Access::Denied);
        assert_eq!(p.check(&root.join("missing.ts")), Access::NotFound);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
