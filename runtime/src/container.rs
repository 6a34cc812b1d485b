//! Container mode: many sessions in one process, routed by path (`/session/<id>/`) or by
//! host (`<id>.<preview domain>`), driven through the session API. No database: a
//! session id names the instance that owns it, so any instance can send a request on.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch};
use tracing::Instrument;

use crate::access::{HostPolicy, hostname};
use crate::api;
use crate::metrics::Metrics;
use crate::registry::{Mode, SessionRegistry, owner_of};
use crate::server::handle_allowed;

pub struct ContainerState {
    pub registry: Arc<SessionRegistry>,
    /// `VELOCITY_API_TOKEN`; without one the API answers 401 to everyone.
    pub api_token: Option<String>,
    pub preview_domain: Option<String>,
    pub public_url: Option<String>,
    /// `http://{instance}.velocity.internal:8080`: where other instances are reached.
    pub peer_url_template: Option<String>,
    /// Answer requests for other instances' sessions with `fly-replay`.
    pub fly_replay: bool,
    /// `Content-Security-Policy: frame-ancestors` value for preview HTML.
    pub frame_ancestors: Option<String>,
    /// Origins allowed to call the API from a browser.
    pub api_origins: Vec<String>,
    pub hosts: HostPolicy,
    pub metrics: Metrics,
    pub ready: std::sync::atomic::AtomicBool,
}

const SESSION_COOKIE: &str = "velocity_session";

pub fn router(state: Arc<ContainerState>) -> Router {
    let api = Router::new()
        .route("/api/sessions", get(api::list).post(api::create))
        .route("/api/sessions/{id}", get(api::status).delete(api::delete))
        .route("/api/sessions/{id}/files", patch(api::patch_files))
        .route(
            "/api/sessions/{id}/files/{*path}",
            get(api::read_file)
                .put(api::write_file)
                .delete(api::delete_file),
        )
        .layer(middleware::from_fn_with_state(state.clone(), authorize))
        .layer(DefaultBodyLimit::max(
            state.registry.limits.max_session_bytes + 1024 * 1024,
        ));
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .merge(api)
        .fallback(preview)
        .layer(middleware::from_fn_with_state(state.clone(), api_cors))
        .with_state(state)
}

async fn authorize(State(state): State<Arc<ContainerState>>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match (&state.api_token, given) {
        (Some(token), Some(g)) if crate::access::constant_time_eq(token.as_bytes(), g.as_bytes()) => next.run(req).await,
        _ => (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            axum::Json(serde_json::json!({ "error": "missing or wrong API token (Authorization: Bearer $VELOCITY_API_TOKEN)" })),
        )
            .into_response(),
    }
}

/// CORS for the API, from the configured origin list only.
async fn api_cors(State(state): State<Arc<ContainerState>>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| state.api_origins.iter().any(|a| a == o || a == "*"))
        .map(str::to_string);
    if is_api && req.method() == Method::OPTIONS {
        let mut r = StatusCode::NO_CONTENT.into_response();
        if let Some(o) = &origin {
            let h = r.headers_mut();
            h.insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_str(o).expect("valid origin"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("authorization, content-type"),
            );
        }
        return r;
    }
    let mut r = next.run(req).await;
    if is_api && let Some(o) = origin {
        r.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_str(&o).expect("valid origin"),
        );
        r.headers_mut()
            .append(header::VARY, HeaderValue::from_static("Origin"));
    }
    r
}

async fn ready(State(state): State<Arc<ContainerState>>) -> Response {
    if state.ready.load(std::sync::atomic::Ordering::Relaxed) {
        "ready".into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "starting").into_response()
    }
}

async fn metrics(State(state): State<Arc<ContainerState>>) -> Response {
    let sessions = state.registry.list();
    let loaded: Vec<_> = sessions.iter().flat_map(|e| e.loaded()).collect();
    let clients: usize = loaded
        .iter()
        .map(|s| s.clients.load(std::sync::atomic::Ordering::Relaxed))
        .sum();
    let body = state.metrics.render(&[
        (
            "velocity_sessions",
            "Sessions registered (on disk).",
            sessions.len() as f64,
        ),
        (
            "velocity_sessions_loaded",
            "Sessions with state in memory.",
            sessions.iter().filter(|e| e.is_loaded()).count() as f64,
        ),
        (
            "velocity_hmr_clients",
            "Connected HMR clients.",
            clients as f64,
        ),
        (
            "velocity_package_sets",
            "Dependency sets installed in the machine's package store.",
            state
                .registry
                .packages
                .as_ref()
                .map_or(0, |p| p.set_count()) as f64,
        ),
        (
            "velocity_dependency_bundles",
            "Dependency bundles held in memory.",
            state.registry_store_loaded() as f64,
        ),
    ]);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}

impl ContainerState {
    fn registry_store_loaded(&self) -> usize {
        self.registry.store().loaded()
    }
}

/// Which session a preview request is for, and the mode it is addressed in.
fn target(state: &ContainerState, req: &Request) -> Option<(String, Mode)> {
    if let Some(domain) = &state.preview_domain
        && let Some(host) = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(hostname)
        && let Some(id) = host
            .strip_suffix(domain.as_str())
            .and_then(|s| s.strip_suffix('.'))
        && !id.contains('.')
    {
        return Some((id.to_string(), Mode::Host));
    }
    let rest = req.uri().path().strip_prefix("/session/")?;
    let id = rest.split('/').next()?;
    (!id.is_empty()).then(|| (id.to_string(), Mode::Path))
}

/// A path-mode page asked for `/x` without its session prefix (`fetch('/data.json')`,
/// `<img src="/logo.png">`): the session it came from is read off the Referer, else the
/// session cookie.
fn escaped_session(req: &Request) -> Option<String> {
    let from_referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.split("/session/").nth(1))
        .and_then(|r| r.split(['/', '?', '#']).next())
        .map(str::to_string);
    from_referer.or_else(|| {
        let cookies = req.headers().get(header::COOKIE)?.to_str().ok()?;
        cookies
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == SESSION_COOKIE)
            .map(|(_, v)| v.to_string())
    })
}

async fn preview(State(state): State<Arc<ContainerState>>, req: Request) -> Response {
    let started = Instant::now();
    let response = route_preview(&state, req).await;
    state
        .metrics
        .record(response.status().as_u16(), started.elapsed());
    response
}

async fn route_preview(state: &Arc<ContainerState>, req: Request) -> Response {
    let host_ok = state.hosts.allows(
        req.headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok()),
    );
    let Some((id, mode)) = target(state, &req) else {
        if let Some(id) = escaped_session(&req).filter(|id| owner_of(id).is_some()) {
            let pq = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let location = format!("/session/{id}{pq}");
            return (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        return (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({ "error": "no session in this URL" })),
        )
            .into_response();
    };
    if !host_ok && mode == Mode::Path {
        return (
            StatusCode::FORBIDDEN,
            "Blocked request: this host is not allowed.",
        )
            .into_response();
    }
    let Some(entry) = state.registry.get(&id) else {
        return elsewhere(state, &id, req).await;
    };
    let session = match api::preview_session(state, &entry, mode) {
        Ok(s) => s,
        Err(msg) => return (StatusCode::INTERNAL_SERVER_ERROR, msg).into_response(),
    };
    let (parts, _body) = req.into_parts();
    let span = tracing::info_span!("preview", session = %id);
    let mut response = Box::pin(handle_allowed(session, parts).instrument(span)).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("text/html"));
    if is_html {
        let h = response.headers_mut();
        if let Some(fa) = &state.frame_ancestors
            && let Ok(v) = HeaderValue::from_str(&format!("frame-ancestors {fa}"))
        {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
        if mode == Mode::Path
            && let Ok(v) = HeaderValue::from_str(&format!(
                "{SESSION_COOKIE}={id}; Path=/; SameSite=Lax; HttpOnly"
            ))
        {
            h.append(header::SET_COOKIE, v);
        }
    }
    response
}

/// A session this instance does not hold: replay it to its owner, proxy to the owner, or
/// say it does not exist.
async fn elsewhere(state: &ContainerState, id: &str, req: Request) -> Response {
    let owner = owner_of(id);
    let ours = owner == Some(state.registry.instance_id.as_str());
    match owner {
        Some(owner) if !ours && state.fly_replay => (
            StatusCode::TEMPORARY_REDIRECT,
            [("fly-replay", format!("instance={owner}"))],
            format!("session {id} lives on instance {owner}"),
        )
            .into_response(),
        Some(owner)
            if !ours
                && state.peer_url_template.is_some()
                && !req.headers().contains_key(FORWARDED) =>
        {
            let base = state
                .peer_url_template
                .as_deref()
                .expect("checked")
                .replace("{instance}", owner);
            proxy(&base, req).await
        }
        _ => (
            StatusCode::NOT_FOUND,
            axum::Json(serde_json::json!({ "error": format!("Session not found: {id}") })),
        )
            .into_response(),
    }
}

/// Forwards a request to another instance and relays its answer. An upgrade (the HMR
/// WebSocket) is relayed too: once the owner answers 101, bytes flow both ways until
/// either side closes.
async fn proxy(base: &str, mut req: Request) -> Response {
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    let pq = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let Ok(uri) = format!("{}{}", base.trim_end_matches('/'), pq).parse::<axum::http::Uri>() else {
        return (StatusCode::BAD_GATEWAY, "bad peer URL").into_response();
    };
    let upgrading = req.headers().contains_key(header::UPGRADE);
    let browser_side = upgrading.then(|| hyper::upgrade::on(&mut req));
    let (mut parts, body) = req.into_parts();
    parts.uri = uri;
    parts.headers.remove(header::HOST);
    parts
        .headers
        .insert(FORWARDED, HeaderValue::from_static("1"));
    let client: Client<_, Body> = Client::builder(TokioExecutor::new()).build_http();
    match tokio::time::timeout(
        Duration::from_secs(30),
        client.request(Request::from_parts(parts, body)),
    )
    .await
    {
        Ok(Ok(mut resp)) => {
            if let Some(browser_side) = browser_side
                && resp.status() == StatusCode::SWITCHING_PROTOCOLS
            {
                let peer_side = hyper::upgrade::on(&mut resp);
                tokio::spawn(async move {
                    let (Ok(browser), Ok(peer)) = tokio::join!(browser_side, peer_side) else {
                        tracing::debug!("a proxied upgrade was abandoned");
                        return;
                    };
                    let mut browser = hyper_util::rt::TokioIo::new(browser);
                    let mut peer = hyper_util::rt::TokioIo::new(peer);
                    let _ = tokio::io::copy_bidirectional(&mut browser, &mut peer).await;
                });
            }
            resp.map(Body::new)
        }
        Ok(Err(e)) => (StatusCode::BAD_GATEWAY, format!("peer unreachable: {e}")).into_response(),
        Err(_) => (StatusCode::GATEWAY_TIMEOUT, "peer timed out").into_response(),
    }
}

/// Marks a request one instance sent to another, so it is never sent on again.
const FORWARDED: &str = "x-velocity-forwarded";

/// Serves until SIGTERM or Ctrl-C; idle sessions are unloaded every minute.
pub async fn serve(
    state: Arc<ContainerState>,
    addr: SocketAddr,
    idle_ttl: Duration,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let registry = state.registry.clone();
    // Sessions found on disk whose install a restart cut short pick it up again.
    for entry in registry.list() {
        registry.ensure_packages(&entry);
    }
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60).min(idle_ttl));
        loop {
            tick.tick().await;
            registry.unload_idle(idle_ttl);
        }
    });
    state
        .ready
        .store(true, std::sync::atomic::Ordering::Relaxed);
    tracing::info!(
        "velocity serve: listening on http://{local}, instance {}",
        state.registry.instance_id
    );
    println!("\n  VELOCITY serve ready\n\n  ➜  API:     http://{local}/api/sessions\n");
    let listener = axum::serve::ListenerExt::tap_io(listener, crate::server::send_at_once);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(crate::server::shutdown_signal())
        .await
}
