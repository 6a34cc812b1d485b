//! Watches a session's files and turns edits into HMR messages.
//!
//! Events are coalesced (an editor's write-rename-save, or an agent writing fifty files,
//! becomes one batch) and each file's content is hashed, so a write that changes nothing
//! sends nothing and a write that changes anything is never missed, whatever its mtime.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::session::{Session, content_hash};

/// Quiet time that ends a batch of events.
const SETTLE: Duration = Duration::from_millis(12);
/// A batch is sent after this long even if events keep coming.
const MAX_BATCH: Duration = Duration::from_millis(150);

const IGNORED_DIRS: &[&str] = &["node_modules", ".git", "dist", "target", ".velocity"];

fn ignored(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .any(|c| IGNORED_DIRS.iter().any(|d| c.as_os_str() == *d))
}

/// Keeps the OS watcher alive; dropping it stops watching.
pub struct FileWatcher {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// Starts watching `session`'s root (every directory but the ignored ones).
pub fn watch(session: Arc<Session>) -> notify::Result<FileWatcher> {
    let root = session.root().to_path_buf();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(PathBuf, bool)>();
    let watcher = Arc::new(Mutex::new(notify::recommended_watcher(
        move |res: notify::Result<notify::Event>| {
            if let Ok(event) = res {
                let created_dir = matches!(
                    event.kind,
                    EventKind::Create(notify::event::CreateKind::Folder)
                );
                for p in event.paths {
                    let _ = tx.send((p, created_dir));
                }
            }
        },
    )?));
    {
        let mut w = watcher.lock().expect("watcher lock");
        w.watch(&root, RecursiveMode::NonRecursive)?;
        for entry in std::fs::read_dir(&root).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() && !ignored(&root, &p) {
                w.watch(&p, RecursiveMode::Recursive)?;
            }
        }
    }
    let w2 = watcher.clone();
    tokio::spawn(async move {
        let mut seen: HashMap<PathBuf, [u8; 16]> = HashMap::new();
        while let Some((first, dir)) = rx.recv().await {
            let mut batch = BTreeSet::new();
            let mut add = |p: PathBuf, dir: bool| {
                if dir && p.parent() == Some(root.as_path()) && !ignored(&root, &p) {
                    let _ = w2
                        .lock()
                        .expect("watcher lock")
                        .watch(&p, RecursiveMode::Recursive);
                }
                if !ignored(&root, &p) {
                    batch.insert(p);
                }
            };
            add(first, dir);
            let started = tokio::time::Instant::now();
            loop {
                let left = MAX_BATCH.saturating_sub(started.elapsed());
                match tokio::time::timeout(SETTLE.min(left), rx.recv()).await {
                    Ok(Some((p, d))) if !left.is_zero() => add(p, d),
                    Ok(Some((p, d))) => {
                        add(p, d);
                        break;
                    }
                    Ok(None) => return,
                    Err(_) => break,
                }
            }
            let mut changes = Vec::new();
            for path in batch {
                match std::fs::read(&path) {
                    Ok(bytes) => {
                        let h = content_hash(&bytes);
                        if seen.insert(path.clone(), h) != Some(h) {
                            changes.push(Change {
                                path,
                                kind: ChangeKind::Written,
                            });
                        }
                    }
                    Err(_) if !path.exists() => {
                        seen.remove(&path);
                        changes.push(Change {
                            path,
                            kind: ChangeKind::Removed,
                        });
                    }
                    Err(_) => {}
                }
            }
            if !changes.is_empty() {
                session.files_changed(&changes);
            }
        }
    });
    Ok(FileWatcher { _watcher: watcher })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Written,
    Removed,
}

#[derive(Debug, Clone)]
pub struct Change {
    pub path: PathBuf,
    pub kind: ChangeKind,
}
