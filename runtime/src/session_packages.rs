//! Keeps a session's `node_modules` in step with its `package.json`: linked at once when
//! the store holds its dependency set, installed off the request path when it does not,
//! with progress in the session's status and in its previews' overlay.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::packages::{DepSet, PackageStore, Progress, covers, dep_set, link, linked_set};
use crate::registry::SessionEntry;

/// What `GET /api/sessions/{id}` reports under `packages`.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum PackagesStatus {
    /// No `package.json`, or one that names no runtime package.
    #[default]
    None,
    Installing {
        set: String,
        packages: String,
        progress: Progress,
    },
    /// `installed` is false when the set came straight from the store; `progress` gives
    /// the install's counts when there was one.
    Ready {
        set: String,
        installed: bool,
        progress: Progress,
    },
    Failed {
        message: String,
    },
}

impl PackagesStatus {
    /// What a preview's overlay says while packages install or after they failed.
    fn overlay_message(&self) -> Option<String> {
        match self {
            Self::Installing {
                packages, progress, ..
            } => Some(format!(
                "Installing {packages} into the package store…\n{} resolved, {} from the store, \
                 {} downloaded. The page reloads when they are ready.",
                progress.resolved, progress.reused, progress.downloaded
            )),
            Self::Failed { message } => Some(message.clone()),
            _ => None,
        }
    }

    fn set(&self) -> Option<&str> {
        match self {
            Self::Installing { set, .. } | Self::Ready { set, .. } => Some(set),
            _ => None,
        }
    }
}

/// Brings the session's packages in line with its `package.json`. Returns at once: a set
/// already in the store is linked before this returns; anything else installs in a task.
pub fn ensure(store: &Arc<PackageStore>, entry: &Arc<SessionEntry>) {
    let Ok(manifest) = std::fs::read(entry.dir.join("package.json")) else {
        return;
    };
    let set = match dep_set(&manifest) {
        Ok(Some(set)) => set,
        Ok(None) => {
            set_status(entry, PackagesStatus::None);
            return;
        }
        Err(e) => return fail(entry, e.to_string()),
    };
    let linked = std::fs::read_link(entry.dir.join("node_modules")).ok();
    if linked_set(&entry.dir).is_some_and(|l| l.key == set.key)
        || linked.as_deref().is_some_and(|nm| covers(nm, &set))
    {
        let mut status = entry.packages.lock().expect("packages lock");
        if !matches!(&*status, PackagesStatus::Ready { set: s, .. } if *s == set.key) {
            *status = PackagesStatus::Ready {
                set: set.key,
                installed: false,
                progress: Progress::default(),
            };
        }
        return;
    }
    if let Some(nm) = store.installed(&set).or_else(|| store.covering(&set)) {
        if let Err(e) = link(&entry.dir, &nm) {
            return fail(entry, format!("could not link node_modules: {e}"));
        }
        tracing::info!(session = %entry.id, "packages linked from the store: {}", set.describe());
        set_status(
            entry,
            PackagesStatus::Ready {
                set: set.key,
                installed: false,
                progress: Progress::default(),
            },
        );
        reload(entry);
        return;
    }
    set_status(
        entry,
        PackagesStatus::Installing {
            set: set.key.clone(),
            packages: set.describe(),
            progress: Progress::default(),
        },
    );
    let rx = store.install(&set);
    tokio::spawn(follow(rx, set, entry.clone()));
}

/// Mirrors an install into the session's status and overlay, then links its result.
async fn follow(
    mut rx: tokio::sync::watch::Receiver<crate::packages::InstallState>,
    set: DepSet,
    entry: Arc<SessionEntry>,
) {
    let current = |entry: &SessionEntry| {
        entry.packages.lock().expect("packages lock").set() == Some(set.key.as_str())
    };
    loop {
        let state = rx.borrow_and_update().clone();
        if !current(&entry) {
            return; // a newer package.json took over
        }
        if let Some(done) = state.done {
            match done {
                Ok(nm) => {
                    if let Err(e) = link(&entry.dir, &nm) {
                        return fail(&entry, format!("could not link node_modules: {e}"));
                    }
                    set_status(
                        &entry,
                        PackagesStatus::Ready {
                            set: set.key.clone(),
                            installed: true,
                            progress: state.progress.clone(),
                        },
                    );
                    reload(&entry);
                }
                Err(e) => fail(&entry, e.to_string()),
            }
            return;
        }
        let status = PackagesStatus::Installing {
            set: set.key.clone(),
            packages: set.describe(),
            progress: state.progress.clone(),
        };
        if let Some(message) = status.overlay_message() {
            overlay(&entry, &message);
        }
        set_status(&entry, status);
        if rx.changed().await.is_err() {
            return;
        }
        // At most a few updates a second reach the previews.
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

fn set_status(entry: &SessionEntry, status: PackagesStatus) {
    *entry.packages.lock().expect("packages lock") = status;
}

fn fail(entry: &SessionEntry, message: String) {
    tracing::warn!(session = %entry.id, "{message}");
    *entry.last_error.lock().expect("entry lock") = Some(message.clone());
    set_status(
        entry,
        PackagesStatus::Failed {
            message: message.clone(),
        },
    );
    overlay(entry, &message);
}

fn overlay(entry: &SessionEntry, message: &str) {
    let payload = overlay_payload(message);
    for s in entry.loaded() {
        s.broadcast(&payload);
    }
}

fn overlay_payload(message: &str) -> serde_json::Value {
    serde_json::json!({
        "type": "error",
        "err": {
            "message": message,
            "stack": "",
            "id": "package.json",
            "plugin": "velocity:packages",
        }
    })
}

/// The session's packages changed under it: its previews reload into a fresh session.
fn reload(entry: &SessionEntry) {
    for s in entry.loaded() {
        s.broadcast(&serde_json::json!({ "type": "full-reload", "path": "*" }));
    }
    entry.unload();
}

/// A preview loaded while packages install (or after they failed) opens on the overlay
/// that says so: the payload waits for its first client.
pub fn greet(entry: &SessionEntry, session: &crate::session::Session) {
    let message = entry
        .packages
        .lock()
        .expect("packages lock")
        .overlay_message();
    if let Some(message) = message {
        session.broadcast(&overlay_payload(&message));
    }
}
