//! The last answer for each module URL of a session. Any file change in the session (or a
//! new dependency bundle) starts a new generation, which retires every entry at once,
//! because an importer's answer names its imports' versions.
//!
//! A repeat request for a file the session hears every write to (its watcher or its API
//! reports them) is a map lookup and nothing else, as in Vite; any other file (one outside
//! the root, or a session nobody reports writes for) is `stat`ed first.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::SystemTime;

use crate::pipeline::Served;

/// Entries kept per session; beyond it the cache is cleared (cheap, and rare).
pub const MAX_ENTRIES: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub is_file: bool,
}

impl FileStamp {
    pub fn of(path: &std::path::Path) -> Option<Self> {
        let m = std::fs::metadata(path).ok()?;
        Some(Self {
            len: m.len(),
            modified: m.modified().ok(),
            is_file: m.is_file(),
        })
    }
}

#[derive(Debug)]
struct Entry {
    generation: u64,
    /// `None`: the generation alone says whether the file changed.
    stamp: Option<FileStamp>,
    served: Served,
}

#[derive(Debug, Default)]
pub struct ServedCache {
    generation: AtomicU64,
    /// Every write under the root ends the generation (see `report_writes`).
    writes_reported: AtomicBool,
    entries: Mutex<HashMap<String, Entry>>,
}

impl ServedCache {
    /// Called by whatever sees every write under the session's root and bumps the
    /// generation for each (its file watcher, or the API that alone writes a hosted
    /// session's files): from then on answers made from those files need no `stat`.
    pub fn report_writes(&self) {
        self.writes_reported.store(true, Ordering::SeqCst);
    }

    pub fn writes_reported(&self) -> bool {
        self.writes_reported.load(Ordering::Relaxed)
    }

    /// Retires every entry (a file changed somewhere in the session).
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The answer stored for `key` if it is still current; `stamp` gives the file's stamp
    /// now, and is called only for an entry stored with one.
    pub fn get(&self, key: &str, stamp: impl FnOnce() -> Option<FileStamp>) -> Option<Served> {
        let g = self.generation();
        let (kept, served) = {
            let entries = self.entries.lock().expect("served cache lock");
            let e = entries.get(key).filter(|e| e.generation == g)?;
            (e.stamp.clone(), e.served.clone())
        };
        match kept {
            None => Some(served),
            Some(kept) => (stamp()? == kept).then_some(served),
        }
    }

    /// Stores an answer computed during `generation` (read before computing it, so an
    /// answer that raced a change is never kept as current). `stamp` is the file's stamp
    /// from before computing it, or `None` for a file whose writes are reported.
    pub fn put(&self, key: String, generation: u64, stamp: Option<FileStamp>, served: Served) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Caching;

    fn answer(text: &str) -> Served {
        Served::new(text.to_string(), "text/javascript", Caching::NoCache)
    }

    fn stamp(len: u64) -> FileStamp {
        FileStamp {
            len,
            modified: None,
            is_file: true,
        }
    }

    #[test]
    fn a_reported_file_is_trusted_until_the_generation_ends() {
        let cache = ServedCache::default();
        cache.put("a".into(), cache.generation(), None, answer("one"));
        let hit = cache.get("a", || {
            panic!("no stat for a file whose writes are reported")
        });
        assert_eq!(hit.unwrap().body, "one");
        cache.bump();
        assert!(cache.get("a", || None).is_none());
    }

    #[test]
    fn an_unreported_file_is_checked_against_its_stamp() {
        let cache = ServedCache::default();
        cache.put(
            "b".into(),
            cache.generation(),
            Some(stamp(3)),
            answer("two"),
        );
        assert!(cache.get("b", || Some(stamp(3))).is_some());
        assert!(
            cache.get("b", || Some(stamp(4))).is_none(),
            "the file changed"
        );
        assert!(cache.get("b", || None).is_none(), "the file is gone");
    }

    #[test]
    fn an_answer_computed_across_a_change_is_not_kept() {
        let cache = ServedCache::default();
        let before = cache.generation();
        cache.bump();
        cache.put("c".into(), before, None, answer("stale"));
        assert!(cache.get("c", || None).is_none());
    }
}
