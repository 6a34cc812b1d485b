//! Watches a session's files and turns edits into HMR messages.
//!
//! Events are coalesced (an editor's write-rename-save, or an agent writing fifty files,
//! becomes one batch) and each file's content is hashed, so a write that changes nothing
//! sends nothing and a write that changes anything is never missed, whatever its mtime.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::event::{CreateKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::session::{Session, content_hash};

/// Quiet time that ends a batch of events.
const SETTLE: Duration = Duration::from_millis(4);
/// A batch is sent after this long even if events keep coming.
const MAX_BATCH: Duration = Duration::from_millis(150);
/// A file that was just emptied is read again after this, in case a writer truncated it
/// and has not written yet.
const EMPTY_RECHECK: Duration = Duration::from_millis(40);

const IGNORED_DIRS: &[&str] = &["node_modules", ".git", "dist", "target", ".velocity"];

pub fn ignored(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .any(|c| IGNORED_DIRS.iter().any(|d| c.as_os_str() == *d))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A file that did not exist before (or was recreated).
    Created,
    Written,
    Removed,
}

#[derive(Debug, Clone)]
pub struct Change {
    pub path: PathBuf,
    pub kind: ChangeKind,
}

/// Keeps the OS watcher alive; dropping it stops watching.
pub struct FileWatcher {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

struct RawEvent {
    path: PathBuf,
    created: bool,
    dir_created: bool,
}

/// Starts watching `session`'s root (every directory but the ignored ones).
pub fn watch(session: Arc<Session>) -> notify::Result<FileWatcher> {
    let root = session.root().to_path_buf();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<RawEvent>();
    let (early, early_root) = (session.clone(), root.clone());
    let handler = move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        // Reads (the server's own, an editor's) and metadata changes are not edits.
        if matches!(
            event.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        ) {
            return;
        }
        let created = matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        let dir_created = matches!(event.kind, EventKind::Create(CreateKind::Folder));
        // Retire served answers now, not after the batch settles: a request in between
        // must not get the file's old answer.
        if event.paths.iter().any(|p| !ignored(&early_root, p)) {
            early.served.bump();
        }
        for path in event.paths {
            let _ = tx.send(RawEvent {
                path,
                created,
                dir_created,
            });
        }
    };
    let watcher = Arc::new(Mutex::new(notify::recommended_watcher(handler)?));
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
    session.served.report_writes();
    let w2 = watcher.clone();
    tokio::spawn(async move {
        let mut seen: HashMap<PathBuf, [u8; 16]> = HashMap::new();
        while let Some(first) = rx.recv().await {
            // path → created during this batch
            let mut batch: BTreeMap<PathBuf, bool> = BTreeMap::new();
            let mut add = |e: RawEvent| {
                if e.dir_created
                    && e.path.parent() == Some(root.as_path())
                    && !ignored(&root, &e.path)
                {
                    let _ = w2
                        .lock()
                        .expect("watcher lock")
                        .watch(&e.path, RecursiveMode::Recursive);
                    // Writes made in it before now went unreported: retire what was
                    // served from them.
                    session.served.bump();
                }
                if !ignored(&root, &e.path) {
                    *batch.entry(e.path).or_default() |= e.created;
                }
            };
            add(first);
            let started = tokio::time::Instant::now();
            loop {
                let left = MAX_BATCH.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                match tokio::time::timeout(SETTLE.min(left), rx.recv()).await {
                    Ok(Some(e)) => add(e),
                    Ok(None) => return,
                    Err(_) => break,
                }
            }
            let mut changes = Vec::new();
            for (path, created) in batch {
                let mut bytes = std::fs::read(&path);
                if bytes.as_ref().is_ok_and(|b| b.is_empty()) && seen.contains_key(&path) {
                    tokio::time::sleep(EMPTY_RECHECK).await;
                    bytes = std::fs::read(&path);
                }
                match bytes {
                    Ok(bytes) if path.is_file() => {
                        let h = content_hash(&bytes);
                        let known = seen.insert(path.clone(), h);
                        if known != Some(h) {
                            let kind = if created {
                                ChangeKind::Created
                            } else {
                                ChangeKind::Written
                            };
                            changes.push(Change { path, kind });
                        }
                    }
                    Ok(_) => {}
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
