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

/// Random and mutated URLs thrown at the whole decode → map → check path: nothing panics,
/// and nothing that is allowed is a secret or lies outside the root.
#[cfg(test)]
mod fuzz {
    use super::*;
    use crate::url::{strip_base, url_file};

    /// xorshift64*: deterministic, so a failure reproduces.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545F4914F6CDD1D)
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    const PIECES: &[&str] = &[
        "/",
        "//",
        ".",
        "..",
        "%2e",
        "%2E",
        "%2f",
        "%2F",
        "%5c",
        "\\",
        "%00",
        "%252e",
        "%25",
        ".env",
        ".ENV",
        ".env.local",
        "secret.pem",
        ".git",
        "config",
        ".npmrc",
        "src",
        "main.tsx",
        "@fs",
        "@id",
        "node_modules",
        "?",
        "?raw",
        "&import",
        "?url",
        "#",
        ";",
        ":",
        "::$DATA",
        "~1",
        "PROGRA~1",
        " ",
        "%20",
        "..%2f",
        "%2e%2e",
        "outside.txt",
        "link",
        "ok.txt",
        "x",
    ];

    #[test]
    fn random_urls_never_reach_a_secret() {
        let dir = std::env::temp_dir().join(format!("velocity-fuzz-{}", std::process::id()));
        let root = dir.join("root");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for (f, body) in [
            ("src/main.tsx", "ok"),
            ("ok.txt", "ok"),
            (".env", "SECRET"),
            (".env.local", "SECRET"),
            ("secret.pem", "SECRET"),
            (".npmrc", "SECRET"),
            (".git/config", "SECRET"),
        ] {
            std::fs::write(root.join(f), body).unwrap();
        }
        std::fs::write(dir.join("outside.txt"), "SECRET").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join(".env"), root.join("src/link")).unwrap();
        let policy = ServePolicy::new(&root, &[]);
        let root = root.canonicalize().unwrap();
        let mut rng = Rng(0x9E3779B97F4A7C15);
        let mut allowed = 0;
        for _ in 0..30_000 {
            let n = 1 + rng.next() % 8;
            let mut url = String::from("/");
            for _ in 0..n {
                url.push_str(rng.pick(PIECES));
            }
            if rng.next().is_multiple_of(4) {
                url.push_str(&format!("/@fs{}", root.display()));
                url.push_str(rng.pick(PIECES));
            }
            let Some(req) = strip_base(&url, "/") else {
                continue;
            };
            let file = url_file(&root, &req.path);
            if let Access::Allowed(real) = policy.check(&file) {
                allowed += 1;
                let text = std::fs::read_to_string(&real).unwrap_or_default();
                assert!(!text.contains("SECRET"), "{url} reached {}", real.display());
                assert!(
                    real.starts_with(&root),
                    "{url} left the root: {}",
                    real.display()
                );
            }
        }
        assert!(
            allowed > 0,
            "the generator must also produce allowed paths, or the test proves nothing"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
