//! The last answer for each module URL of a session. A repeat request costs a `stat` and
//! a map lookup instead of a resolve-and-rewrite; any file change in the session (or a
//! new dependency bundle) starts a new generation, which retires every entry at once,
//! because an importer's answer names its imports' timestamps.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use crate::pipeline::Served;

/// Entries kept per session; beyond it the cache is cleared (cheap, and rare).
const MAX_ENTRIES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
}

impl FileStamp {
    pub fn of(path: &std::path::Path) -> Option<Self> {
        let m = std::fs::metadata(path).ok()?;
        Some(Self {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }
}

#[derive(Debug)]
struct Entry {
    generation: u64,
    stamp: FileStamp,
    served: Served,
}

#[derive(Debug, Default)]
pub struct ServedCache {
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

impl ServedCache {
    /// Retires every entry (a file changed somewhere in the session).
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn get(&self, key: &str, stamp: &FileStamp) -> Option<Served> {
        let g = self.generation();
        let entries = self.entries.lock().expect("served cache lock");
        entries
            .get(key)
            .filter(|e| e.generation == g && &e.stamp == stamp)
            .map(|e| e.served.clone())
    }

    /// Stores an answer computed during `generation` (read before computing it, so an
    /// answer that raced a change is never kept as current).
    pub fn put(&self, key: String, generation: u64, stamp: FileStamp, served: Served) {
        let mut entries = self.entries.lock().expect("served cache lock");
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            key,
            Entry {
                generation,
                stamp,
                served,
            },
        );
    }

    pub fn len(&self) -> usize {
        self.entries.lock().expect("served cache lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
