//! From file changes and client reports to Vite's HMR payloads.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::graph::{Boundary, HmrOutcome};
use crate::session::Session;
use crate::url;
use crate::watch::{Change, ChangeKind};

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn update_payload(
    boundaries: &[Boundary],
    timestamp: u64,
    first_invalidated_by: Option<&str>,
) -> Value {
    let updates: Vec<Value> = boundaries
        .iter()
        .map(|b| {
            let js = !b.is_stylesheet;
            let accepted_clean = b.accepted_path.split('?').next().unwrap_or("");
            let explicit = js && !(url::is_script(accepted_clean) || url::is_css(accepted_clean));
            let mut u = json!({
                "type": if js { "js-update" } else { "css-update" },
                "timestamp": timestamp,
                "path": b.path,
                "acceptedPath": b.accepted_path,
                "explicitImportRequired": explicit,
                "isWithinCircularImport": b.is_within_circular_import,
            });
            if let Some(f) = first_invalidated_by {
                u["firstInvalidatedBy"] = json!(f);
            }
            u
        })
        .collect();
    json!({ "type": "update", "updates": updates })
}

fn send_outcome(
    session: &Session,
    outcome: HmrOutcome,
    timestamp: u64,
    first_invalidated_by: Option<&str>,
) {
    match outcome {
        HmrOutcome::Nothing => {}
        HmrOutcome::Update(b) => {
            for x in &b {
                tracing::info!("hmr update {}", x.path);
            }
            session.broadcast(&update_payload(&b, timestamp, first_invalidated_by));
        }
        HmrOutcome::FullReload { triggered_by } => {
            tracing::info!(
                "page reload {}",
                triggered_by
                    .as_deref()
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            );
            let mut p = json!({ "type": "full-reload", "path": "*" });
            if let Some(t) = triggered_by {
                p["triggeredBy"] = json!(t.to_string_lossy());
            }
            session.broadcast(&p);
        }
    }
}

/// Applies a batch of file changes: HTML and env changes reload the page, module changes
/// go to their boundaries, deletions re-run their importers (which then report the
/// missing file), and new files retry modules whose last request failed.
pub fn files_changed(session: &Session, changes: &[Change]) {
    session.served.bump();
    // A runaway Sass sheet may be mended in any sheet it reads: all get another try.
    if changes
        .iter()
        .any(|c| crate::url::is_sass(&c.path.to_string_lossy()))
    {
        session.sass_runaways.lock().expect("sass lock").clear();
    }
    let timestamp = session.next_timestamp();
    let mut reload: Option<&Path> = None;
    let mut urls = Vec::new();
    let mut any_created_or_removed = false;
    {
        let graph = session.graph();
        session.public.changed(
            changes
                .iter()
                .filter(|c| c.kind != ChangeKind::Written)
                .map(|c| c.path.as_path()),
        );
        for c in changes {
            let name = c
                .path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if is_config_file(&name) && c.path.parent() == Some(session.root()) {
                // The pipeline itself changes (base, aliases, plugins): restart the session.
                tracing::info!("{name} changed: restarting the session");
                session.request_restart();
                return;
            }
            if name.ends_with(".html") || name.starts_with(".env") || name == "package.json" {
                reload = Some(&c.path);
                continue;
            }
            if crate::tailwind::is_content(session.root(), &c.path) {
                urls.extend(graph.source_readers());
            }
            let known = graph.urls_for_file(&c.path);
            for u in &known {
                session.versions.forget(u);
            }
            match c.kind {
                ChangeKind::Written => urls.extend(known),
                ChangeKind::Created => {
                    // A new file can satisfy imports that failed before.
                    any_created_or_removed = true;
                    urls.extend(known);
                    urls.extend(graph.globbing(&c.path));
                }
                ChangeKind::Removed => {
                    any_created_or_removed = true;
                    urls.extend(graph.globbing(&c.path));
                    for u in known {
                        if let Some(n) = graph.get(&u) {
                            urls.extend(n.importers.iter().cloned());
                        }
                    }
                }
            }
        }
        if any_created_or_removed {
            urls.extend(graph.errored());
        }
    }
    if any_created_or_removed {
        session.resolver.clear_cache();
    }
    if let Some(path) = reload {
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(".env"))
        {
            session.reload_env();
        }
        send_outcome(
            session,
            HmrOutcome::FullReload {
                triggered_by: Some(path.to_path_buf()),
            },
            timestamp,
            None,
        );
        return;
    }
    if urls.is_empty() {
        return;
    }
    urls.sort();
    urls.dedup();
    let trigger = changes.first().map(|c| c.path.clone()).unwrap_or_default();
    let outcome = session.graph().propagate(&urls, timestamp, &trigger);
    send_outcome(session, outcome, timestamp, None);
}

/// `vite:invalidate` from a client: the module could not take its update in place.
pub fn client_invalidate(session: &Session, data: &Value) {
    let Some(path) = data["path"].as_str() else {
        return;
    };
    let first = data["firstInvalidatedBy"]
        .as_str()
        .unwrap_or(path)
        .to_string();
    tracing::info!(
        "hmr invalidate {path} {}",
        data["message"].as_str().unwrap_or("")
    );
    session.served.bump();
    let outcome = session.graph().invalidate(path, session.next_timestamp());
    if let Some(outcome) = outcome {
        let timestamp = session
            .graph()
            .get(path)
            .map_or(now_ms(), |n| n.last_hmr_timestamp.max(1));
        let circular = matches!(&outcome, HmrOutcome::Update(b) if b.iter().any(|x| x.accepted_path == first && x.path != path));
        if circular {
            send_outcome(
                session,
                HmrOutcome::FullReload { triggered_by: None },
                timestamp,
                None,
            );
        } else {
            send_outcome(session, outcome, timestamp, Some(&first));
        }
    }
}

/// Files that shape the pipeline: a change restarts the session rather than updating it.
pub fn is_config_file(name: &str) -> bool {
    name.starts_with("vite.config.")
        || name == "velocity.toml"
        || (name.starts_with("tsconfig") && name.ends_with(".json"))
}
