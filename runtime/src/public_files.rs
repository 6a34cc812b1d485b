//! The files of `public/`, served at the base root. Kept as a set (filled at start, kept
//! current by the watcher), as Vite does, so a module request does not probe the disk
//! for a public file of the same name first.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use crate::walk::Walk;

/// Entries read at most when listing `public/`.
const SCAN_LIMIT: usize = 100_000;

#[derive(Debug)]
pub struct PublicFiles {
    dir: PathBuf,
    /// URL paths (`/vite.svg`).
    files: RwLock<HashSet<String>>,
}

impl PublicFiles {
    pub fn scan(dir: PathBuf) -> Self {
        let files = Walk::all(crate::walk::nothing, SCAN_LIMIT)
            .files(&dir)
            .filter_map(|p| url_of(&dir, &p))
            .collect();
        Self {
            dir,
            files: RwLock::new(files),
        }
    }

    pub fn contains(&self, url_path: &str) -> bool {
        self.files.read().expect("public lock").contains(url_path)
    }

    /// Checks the disk for a file the set does not hold yet, and remembers it.
    pub fn probe(&self, url_path: &str) -> bool {
        let rel = url_path.trim_start_matches('/');
        if rel.split('/').any(|s| s == ".." || s.is_empty()) {
            return false;
        }
        let found = self.dir.join(rel).is_file();
        if found {
            self.files
                .write()
                .expect("public lock")
                .insert(url_path.to_string());
        }
        found
    }

    /// Follows created or removed paths (files, or whole directories): one rescan for a
    /// batch that touches `public/`.
    pub fn changed<'a>(&self, mut paths: impl Iterator<Item = &'a Path>) {
        if !paths.any(|p| p.starts_with(&self.dir)) {
            return;
        }
        let fresh = Self::scan(self.dir.clone());
        let files = fresh.files.into_inner().expect("public lock");
        *self.files.write().expect("public lock") = files;
    }
}

fn url_of(dir: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(dir).ok()?;
    Some(format!("/{}", rel.to_string_lossy().replace('\\', "/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_directory() {
        let dir = std::env::temp_dir().join(format!("velocity-public-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("img")).unwrap();
        std::fs::write(dir.join("vite.svg"), "<svg/>").unwrap();
        std::fs::write(dir.join("img/a.png"), "png").unwrap();
        let p = PublicFiles::scan(dir.clone());
        assert!(p.contains("/vite.svg") && p.contains("/img/a.png"));
        assert!(!p.contains("/img") && !p.contains("/other.svg"));
        std::fs::write(dir.join("other.svg"), "<svg/>").unwrap();
        p.changed(std::iter::once(dir.join("other.svg").as_path()));
        assert!(p.contains("/other.svg"));
        std::fs::remove_file(dir.join("vite.svg")).unwrap();
        p.changed(std::iter::once(dir.join("vite.svg").as_path()));
        assert!(!p.contains("/vite.svg"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
