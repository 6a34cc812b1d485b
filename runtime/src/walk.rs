//! One walker for every scan of a project's directories (glob imports, Tailwind's
//! sources, `public/`, the session API's file list). It never enters a linked directory,
//! since a link back up would never end, and it reads a bounded number of entries, so a
//! huge tree costs a bounded time.

use std::fs::ReadDir;
use std::path::{Path, PathBuf};

/// How far a walk goes.
#[derive(Clone, Copy)]
pub struct Walk {
    /// Entry names (of directories and files) left out, with everything under them.
    pub skip: fn(&str) -> bool,
    /// Levels read below the start: 1 reads only its own entries; `None`, every level.
    pub max_depth: Option<usize>,
    /// Entries read in all, kept or not.
    pub max_entries: usize,
}

impl Walk {
    /// Every level, leaving out nothing but what `skip` names.
    pub fn all(skip: fn(&str) -> bool, max_entries: usize) -> Self {
        Self {
            skip,
            max_depth: None,
            max_entries,
        }
    }

    /// The entries under `start` that are not directories (files, and links to anything),
    /// depth first, in the order the file system lists them.
    pub fn files(self, start: &Path) -> Files {
        let stack = match (self.max_depth, std::fs::read_dir(start)) {
            (Some(0), _) | (_, Err(_)) => Vec::new(),
            (_, Ok(dir)) => vec![(dir, 1)],
        };
        Files {
            walk: self,
            stack,
            read: 0,
        }
    }
}

/// Names no walk of a project's own files goes into: packages and dotfiles.
pub fn hidden_or_package(name: &str) -> bool {
    name == "node_modules" || name.starts_with('.')
}

/// For walks that list everything (`public/`, exhaustive globs).
pub fn nothing(_: &str) -> bool {
    false
}

/// The files of a walk, read as they are asked for.
pub struct Files {
    walk: Walk,
    /// Open directories and their level (1: the start's own entries).
    stack: Vec<(ReadDir, usize)>,
    read: usize,
}

impl Iterator for Files {
    type Item = PathBuf;

    fn next(&mut self) -> Option<PathBuf> {
        loop {
            let (dir, level) = self.stack.last_mut()?;
            let level = *level;
            let Some(entry) = dir.next() else {
                self.stack.pop();
                continue;
            };
            if self.read == self.walk.max_entries {
                self.stack.clear();
                return None;
            }
            self.read += 1;
            let Ok(entry) = entry else { continue };
            if (self.walk.skip)(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if !kind.is_dir() {
                return Some(entry.path());
            }
            if self.walk.max_depth.is_none_or(|most| level < most)
                && let Ok(inner) = std::fs::read_dir(entry.path())
            {
                self.stack.push((inner, level + 1));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("velocity-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for f in [
            "a.ts",
            "sub/b.ts",
            "sub/deep/c.ts",
            ".hidden/d.ts",
            "node_modules/e.js",
        ] {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, dir.join("sub/up")).unwrap();
        dir
    }

    fn names(dir: &Path, walk: Walk) -> Vec<String> {
        let mut v: Vec<String> = walk
            .files(dir)
            .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn walks_every_level_but_not_through_links_or_skipped_names() {
        let dir = tree("levels");
        let mut all = vec!["a.ts", "sub/b.ts", "sub/deep/c.ts"];
        if cfg!(unix) {
            // The link back up is listed, never entered.
            all.push("sub/up");
            all.sort();
        }
        assert_eq!(names(&dir, Walk::all(hidden_or_package, 1000)), all);
        let everything = names(&dir, Walk::all(nothing, 1000));
        assert!(everything.contains(&".hidden/d.ts".to_string()));
        assert!(everything.contains(&"node_modules/e.js".to_string()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn depth_and_entry_limits() {
        let dir = tree("limits");
        let level = |d| Walk {
            skip: hidden_or_package,
            max_depth: Some(d),
            max_entries: 1000,
        };
        assert!(names(&dir, level(0)).is_empty());
        assert_eq!(names(&dir, level(1)), ["a.ts"]);
        assert!(names(&dir, level(2)).contains(&"sub/b.ts".to_string()));
        assert!(!names(&dir, level(2)).contains(&"sub/deep/c.ts".to_string()));
        // Entries read count, kept or not: 3 reads cannot yield the 5 files.
        assert!(names(&dir, Walk::all(nothing, 3)).len() <= 3);
        assert_eq!(
            names(&dir, Walk::all(nothing, 1000)).len(),
            5 + usize::from(cfg!(unix))
        );
        assert!(names(&dir, Walk::all(nothing, 0)).is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
