//! The session API: create sessions, read and write their files. Every write reaches
//! connected previews as HMR, exactly like an editor's save.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::container::ContainerState;
use crate::registry::{Mode, RegistryError, SessionEntry, check_rel_path};
use crate::watch::{Change, ChangeKind};

/// Entries read at most when listing a session's files.
const FILE_LIST_LIMIT: usize = 100_000;

/// An API failure: status and a sentence for the caller.
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

impl From<RegistryError> for ApiError {
    fn from(e: RegistryError) -> Self {
        let status = match &e {
            RegistryError::BadPath(_) | RegistryError::UnknownTemplate(_) => {
                StatusCode::BAD_REQUEST
            }
            RegistryError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            RegistryError::Io(_) | RegistryError::Config(_) | RegistryError::Plugin(_) => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        ApiError(status, e.to_string())
    }
}

fn not_found(id: &str) -> ApiError {
    ApiError(StatusCode::NOT_FOUND, format!("Session not found: {id}"))
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

fn entry(state: &ContainerState, id: &str) -> Result<Arc<SessionEntry>, ApiError> {
    state.registry.get(id).ok_or_else(|| not_found(id))
}

/// Where a session is reached: its own origin when a preview domain is set, else a path.
pub fn session_urls(state: &ContainerState, id: &str) -> (String, String) {
    match &state.preview_domain {
        Some(domain) => {
            let scheme = if state
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https:"))
            {
                "https"
            } else {
                "http"
            };
            let ws = if scheme == "https" { "wss" } else { "ws" };
            (
                format!("{scheme}://{id}.{domain}/"),
                format!("{ws}://{id}.{domain}/"),
            )
        }
        None => {
            let base = state.public_url.clone().unwrap_or_default();
            let base = base.trim_end_matches('/');
            let ws = base
                .replacen("https://", "wss://", 1)
                .replacen("http://", "ws://", 1);
            (
                format!("{base}/session/{id}/"),
                format!("{ws}/session/{id}/"),
            )
        }
    }
}

fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        bad(format!(
            "malformed JSON at line {} column {}: {e}",
            e.line(),
            e.column()
        ))
    })
}

fn files_from_json(v: &Value, field: &str) -> Result<BTreeMap<String, Vec<u8>>, ApiError> {
    let mut files = BTreeMap::new();
    match v.get(field) {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (path, content) in map {
                let text = content.as_str().ok_or_else(|| {
                    bad(format!(
                        "\"{field}\".{path:?} must be a string with the file's content"
                    ))
                })?;
                files.insert(path.clone(), text.as_bytes().to_vec());
            }
        }
        Some(_) => {
            return Err(bad(format!(
                "\"{field}\" must be an object of path → content"
            )));
        }
    }
    Ok(files)
}

/// Files from a `.tar.gz` body: regular files only, each path checked.
fn files_from_tar_gz(body: &[u8], max_total: usize) -> Result<BTreeMap<String, Vec<u8>>, ApiError> {
    let gz = flate2::read::GzDecoder::new(body);
    let mut archive = tar::Archive::new(gz.take(max_total as u64 + 1));
    let mut files = BTreeMap::new();
    let entries = archive
        .entries()
        .map_err(|e| bad(format!("not a .tar.gz archive: {e}")))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| bad(format!("broken .tar.gz archive: {e}")))?;
        if !entry.header().entry_type().is_file() {
            if entry.header().entry_type().is_dir() {
                continue;
            }
            return Err(bad(
                "archives may hold only regular files and directories (no links)",
            ));
        }
        let path = entry
            .path()
            .map_err(|e| bad(format!("bad path in archive: {e}")))?
            .to_string_lossy()
            .to_string();
        let path = path.trim_start_matches("./").to_string();
        check_rel_path(&path)?;
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| bad(format!("broken .tar.gz archive: {e}")))?;
        files.insert(path, bytes);
    }
    Ok(files)
}

/// `POST /api/sessions`: JSON `{ "template"?, "files"? }` or a `.tar.gz` of files.
pub async fn create(
    State(state): State<Arc<ContainerState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (template, files) = if ct.contains("gzip")
        || ct.contains("tar")
        || body.starts_with(&[0x1f, 0x8b])
    {
        (
            None,
            files_from_tar_gz(&body, state.registry.limits.max_session_bytes)?,
        )
    } else {
        let v = if body.is_empty() {
            json!({})
        } else {
            parse_json(&body)?
        };
        if !v.is_object() {
            return Err(bad(
                "the body must be a JSON object: { \"template\": ..., \"files\": { path: content } }",
            ));
        }
        let template = match v.get("template") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(bad("\"template\" must be a string")),
        };
        (template, files_from_json(&v, "files")?)
    };
    if template.is_none() && files.is_empty() {
        return Err(bad("give a \"template\", some \"files\", or both"));
    }
    let registry = state.registry.clone();
    let entry = tokio::task::spawn_blocking(move || registry.create(template.as_deref(), &files))
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    state
        .metrics
        .sessions_created
        .fetch_add(1, Ordering::Relaxed);
    tracing::info!(session = %entry.id, "session created");
    state.registry.ensure_packages(&entry);
    let (url, hmr_url) = session_urls(&state, &entry.id);
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": entry.id, "url": url, "hmr_url": hmr_url })),
    )
        .into_response())
}

fn list_files(dir: &std::path::Path) -> Vec<String> {
    let skip = |name: &str| name == "node_modules" || name == ".git";
    let mut out: Vec<String> = crate::walk::Walk::all(skip, FILE_LIST_LIMIT)
        .files(dir)
        .filter_map(|p| Some(p.strip_prefix(dir).ok()?.to_string_lossy().to_string()))
        .collect();
    out.sort();
    out
}

fn describe(state: &ContainerState, e: &SessionEntry, with_files: bool) -> Value {
    let (url, hmr_url) = session_urls(state, &e.id);
    let clients: usize = e
        .loaded()
        .iter()
        .map(|s| s.clients.load(Ordering::Relaxed))
        .sum();
    let mut v = json!({
        "id": e.id,
        "url": url,
        "hmr_url": hmr_url,
        "status": if e.is_loaded() { "loaded" } else { "idle" },
        "clients": clients,
        "last_error": *e.last_error.lock().expect("entry lock"),
        "packages": *e.packages.lock().expect("packages lock"),
    });
    if with_files {
        v["files"] = json!(list_files(&e.dir));
    }
    v
}

pub async fn list(State(state): State<Arc<ContainerState>>) -> Json<Value> {
    let sessions: Vec<Value> = state
        .registry
        .list()
        .iter()
        .map(|e| describe(&state, e, false))
        .collect();
    Json(json!({ "sessions": sessions }))
}

pub async fn status(
    State(state): State<Arc<ContainerState>>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    let e = entry(&state, &id)?;
    Ok(Json(describe(&state, &e, true)))
}

pub async fn delete(
    State(state): State<Arc<ContainerState>>,
    UrlPath(id): UrlPath<String>,
) -> Result<StatusCode, ApiError> {
    let registry = state.registry.clone();
    let removed = tokio::task::spawn_blocking(move || registry.remove(&id))
        .await
        .ok()
        .flatten();
    removed
        .map(|_| StatusCode::NO_CONTENT)
        .ok_or_else(|| not_found("that id"))
}

pub async fn read_file(
    State(state): State<Arc<ContainerState>>,
    UrlPath((id, path)): UrlPath<(String, String)>,
) -> Result<Response, ApiError> {
    let e = entry(&state, &id)?;
    let rel = check_rel_path(&path)?;
    let bytes = std::fs::read(e.dir.join(rel)).map_err(|_| {
        ApiError(
            StatusCode::NOT_FOUND,
            format!("no file {path:?} in session {id}"),
        )
    })?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
}

/// Applies writes and deletes to an entry, then tells its loaded sessions once.
fn apply(
    state: &ContainerState,
    e: &Arc<SessionEntry>,
    writes: &BTreeMap<String, Vec<u8>>,
    deletes: &[String],
) -> Result<(), ApiError> {
    let existing = list_files(&e.dir);
    let existing_bytes: usize = existing
        .iter()
        .filter_map(|f| std::fs::metadata(e.dir.join(f)).ok())
        .map(|m| m.len() as usize)
        .sum();
    let new_count = writes.keys().filter(|k| !existing.contains(k)).count();
    state
        .registry
        .check_files(&BTreeMap::new(), existing.len() + new_count, existing_bytes)?;
    state
        .registry
        .check_files(writes, existing.len(), existing_bytes)?;
    for d in deletes {
        check_rel_path(d)?;
    }
    let mut changes = Vec::new();
    for (path, bytes) in writes {
        let target = e.dir.join(path);
        let existed = target.is_file();
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|err| ApiError(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))?;
        }
        // Write then rename, so a reader never sees half a file.
        let tmp = target.with_extension(format!("velocity-tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)
            .and_then(|_| std::fs::rename(&tmp, &target))
            .map_err(|err| ApiError(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()))?;
        changes.push(Change {
            path: target,
            kind: if existed {
                ChangeKind::Written
            } else {
                ChangeKind::Created
            },
        });
    }
    for d in deletes {
        let target = e.dir.join(d);
        match std::fs::remove_file(&target) {
            Ok(()) => changes.push(Change {
                path: target,
                kind: ChangeKind::Removed,
            }),
            Err(_) => {
                return Err(ApiError(
                    StatusCode::NOT_FOUND,
                    format!("no file {d:?} to delete"),
                ));
            }
        }
    }
    if changes.iter().any(|c| c.path == e.dir.join("package.json")) {
        state.registry.ensure_packages(e);
    }
    let config_changed = changes.iter().any(|c| {
        c.path.parent() == Some(e.dir.as_path())
            && c.path
                .file_name()
                .is_some_and(|n| crate::hot::is_config_file(&n.to_string_lossy()))
    });
    if config_changed {
        // The pipeline itself changed: rebuild the session; its pages reload into it.
        for s in e.loaded() {
            s.broadcast(&serde_json::json!({ "type": "full-reload", "path": "*" }));
        }
        e.unload();
        return Ok(());
    }
    for s in e.loaded() {
        s.files_changed(&changes);
    }
    Ok(())
}

pub async fn write_file(
    State(state): State<Arc<ContainerState>>,
    UrlPath((id, path)): UrlPath<(String, String)>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let e = entry(&state, &id)?;
    let writes = BTreeMap::from([(path, body.to_vec())]);
    apply(&state, &e, &writes, &[])?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete_file(
    State(state): State<Arc<ContainerState>>,
    UrlPath((id, path)): UrlPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let e = entry(&state, &id)?;
    apply(&state, &e, &BTreeMap::new(), &[path])?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PATCH /api/sessions/{id}/files` with `{ "write": { path: content }, "delete": [path] }`:
/// one atomic change, one HMR update.
pub async fn patch_files(
    State(state): State<Arc<ContainerState>>,
    UrlPath(id): UrlPath<String>,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let e = entry(&state, &id)?;
    let v = parse_json(&body)?;
    let writes = files_from_json(&v, "write")?;
    let deletes: Vec<String> = match v.get("delete") {
        None | Some(Value::Null) => vec![],
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad("\"delete\" must be an array of paths"))
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(bad("\"delete\" must be an array of paths")),
    };
    apply(&state, &e, &writes, &deletes)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Loads a session for a preview request and remembers failures for the status call.
pub fn preview_session(
    state: &ContainerState,
    e: &SessionEntry,
    mode: Mode,
) -> Result<Arc<crate::session::Session>, String> {
    state.registry.session(e, mode).map_err(|err| {
        let msg = err.to_string();
        *e.last_error.lock().expect("entry lock") = Some(msg.clone());
        msg
    })
}
