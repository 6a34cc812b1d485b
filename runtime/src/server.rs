//! HTTP: one handler that routes Vite's URL forms within a session's base.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequestParts, State, ws::WebSocketUpgrade};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::serve::ListenerExt;

use crate::access::{HostPolicy, cors_allows, hostname};
use crate::answer;
use crate::client;
use crate::error::{ServeError, escape_html};
use crate::hmr;
use crate::html::transform_html;
use crate::pipeline::{self, Caching, Served, load_file};
use crate::session::Session;
use crate::url::{self, DEPS_PREFIX, strip_base};

#[derive(Clone)]
pub struct AppState {
    pub session: Arc<Session>,
    pub hosts: Arc<HostPolicy>,
}

pub fn router(session: Arc<Session>, hosts: HostPolicy) -> Router {
    Router::new().fallback(handle).with_state(AppState {
        session,
        hosts: Arc::new(hosts),
    })
}

/// Binds and serves until the process ends.
/// Binds and serves until the process ends or the session asks to be restarted
/// (`Ok(Some(port))`: the caller rebuilds it on the same port).
pub async fn serve(
    session: Arc<Session>,
    addr: SocketAddr,
    hosts: HostPolicy,
) -> std::io::Result<Option<u16>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tracing::info!("ready: http://{}{}", local, session.base());
    println!(
        "\n  VELOCITY ready\n\n  ➜  Local:   http://{}{}\n",
        local,
        session.base()
    );
    let restart = session.clone();
    let stopping = Arc::new(tokio::sync::Notify::new());
    let restarted = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (flag, stop) = (restarted.clone(), stopping.clone());
    let listener = listener.tap_io(send_at_once);
    let server = axum::serve(listener, router(session, hosts)).with_graceful_shutdown(async move {
        tokio::select! {
            _ = shutdown_signal() => {}
            _ = restart.restart_requested() => flag.store(true, std::sync::atomic::Ordering::SeqCst),
        }
        stop.notify_one();
    });
    // HMR sockets never finish on their own: give requests in flight a moment, then go.
    tokio::select! {
        r = server => r?,
        _ = async {
            stopping.notified().await;
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        } => {}
    }
    Ok(restarted
        .load(std::sync::atomic::Ordering::SeqCst)
        .then_some(local.port()))
}

/// Turns Nagle's algorithm off for an accepted connection (`TCP_NODELAY`), as browsers'
/// servers do: the end of an answer then never waits for the browser to acknowledge the
/// previous segment.
pub fn send_at_once(stream: &mut tokio::net::TcpStream) {
    if let Err(e) = stream.set_nodelay(true) {
        tracing::debug!("TCP_NODELAY: {e}");
    }
}

pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("signal handler");
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

fn respond(served: Served, headers: &HeaderMap, head: bool) -> Response {
    use axum::http::HeaderValue;
    let cache = HeaderValue::from_static(match served.caching {
        Caching::NoCache => "no-cache",
        Caching::Immutable => "max-age=31536000, immutable",
    });
    let not_modified = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == served.etag.as_bytes());
    let length = served.body.len();
    let mut response = if not_modified || head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(served.body))
    };
    *response.status_mut() = if not_modified {
        StatusCode::NOT_MODIFIED
    } else {
        StatusCode::OK
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(served.content_type),
    );
    h.insert(header::CACHE_CONTROL, cache);
    h.insert(header::ETAG, served.etag);
    if !not_modified {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

fn accepts(headers: &HeaderMap, what: &str) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains(what))
}

fn fetch_dest(headers: &HeaderMap) -> &str {
    headers
        .get("sec-fetch-dest")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn handle(State(state): State<AppState>, req: Request<Body>) -> Response {
    let (parts, _body) = req.into_parts();
    let host = parts
        .headers
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{0}"));
    if !state.hosts.allows(host) {
        let name = host.and_then(hostname).unwrap_or_default();
        let body = format!(
            "Blocked request. This host ({name:?}) is not allowed.\nTo allow this host, pass --allowed-host {name} to velocity."
        );
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            body,
        )
            .into_response();
    }
    // CORS: only pages on this machine may read answers (Vite's default rule).
    let origin = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| cors_allows(o))
        .and_then(|o| o.parse::<header::HeaderValue>().ok());
    let mut response = handle_allowed(state.session.clone(), parts).await;
    if let Some(o) = origin {
        response
            .headers_mut()
            .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        response
            .headers_mut()
            .append(header::VARY, header::HeaderValue::from_static("Origin"));
    }
    response
}

/// Serves one request for one session: Vite's URL forms under the session's base.
pub async fn handle_allowed(
    session: Arc<Session>,
    mut parts: axum::http::request::Parts,
) -> Response {
    // Taken, not cloned: only the WebSocket upgrade needs them back in `parts`.
    session.saw_request();
    let headers = std::mem::take(&mut parts.headers);
    let wants_html = || accepts(&headers, "text/html");
    let base = session.base().to_string();
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());

    if path_and_query.contains('#') {
        return StatusCode::BAD_REQUEST.into_response();
    }
    if parts.method == Method::OPTIONS {
        return Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS")
            .header(header::ACCESS_CONTROL_ALLOW_HEADERS, "*")
            .body(Body::empty())
            .expect("valid response");
    }
    if parts.method != Method::GET && parts.method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served",
        )
            .into_response();
    }
    let head = parts.method == Method::HEAD;

    let Some(req_path) = strip_base(&path_and_query, &base) else {
        let path = path_and_query.split('?').next().unwrap_or("/");
        if path == "/" || path == "/index.html" {
            let location = format!(
                "{base}{}",
                path_and_query
                    .trim_start_matches('/')
                    .trim_start_matches("index.html")
            );
            return (StatusCode::FOUND, [(header::LOCATION, location)]).into_response();
        }
        let target = format!("{}{}", base.trim_end_matches('/'), path_and_query);
        let message = format!(
            "The server is configured with a public base URL of {base} - did you mean to visit {target} instead?"
        );
        return if wants_html() {
            let t = escape_html(&target);
            let body = format!(
                "The server is configured with a public base URL of {} - did you mean to visit <a href=\"{t}\">{t}</a> instead?",
                escape_html(&base)
            );
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response()
        } else {
            (StatusCode::NOT_FOUND, message).into_response()
        };
    };

    if req_path.path == "/" && headers.contains_key(header::UPGRADE) {
        parts.headers = headers.clone();
        return match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
            Ok(ws) => hmr::upgrade(session, ws, &headers, &req_path.raw_query),
            Err(e) => e.into_response(),
        };
    }
    if accepts(&headers, "text/x-vite-ping") {
        return StatusCode::NO_CONTENT.into_response();
    }

    let result = route(&session, &req_path, &headers).await;
    match result {
        Ok(served) => respond(served, &headers, head),
        Err(e) => {
            if e.status().is_server_error() {
                session.broadcast(&e.overlay_payload());
            }
            e.into_response_for(&base, wants_html() && fetch_dest(&headers) != "script")
        }
    }
}

async fn route(
    session: &Arc<Session>,
    req: &url::RequestPath,
    headers: &HeaderMap,
) -> Result<Served, ServeError> {
    let path = req.path.as_str();
    let js = "text/javascript; charset=utf-8";
    match path {
        "/@vite/client" => {
            let code = match &session.config.vite_client {
                Some(path) => {
                    let source =
                        std::fs::read_to_string(path).map_err(|source| ServeError::Io {
                            path: path.to_string_lossy().to_string(),
                            source,
                        })?;
                    let host = headers
                        .get(header::HOST)
                        .and_then(|h| h.to_str().ok())
                        .unwrap_or("localhost");
                    client::vite_client_module(session, &source, host)
                }
                None => client::client_module(session),
            };
            return Ok(Served::new(code, js, Caching::NoCache));
        }
        "/@vite/overlay" => return Ok(Served::new(client::overlay_module(), js, Caching::NoCache)),
        "/@vite/env" => {
            return Ok(Served::new(
                client::env_module(session),
                js,
                Caching::NoCache,
            ));
        }
        "/@react-refresh" => {
            let plan = session.dep_plan().await;
            let runtime = plan.as_ref().and_then(|p| {
                p.entry("react-refresh/runtime").map(|e| {
                    format!(
                        "{}{}{}?v={}",
                        session.base().trim_end_matches('/'),
                        DEPS_PREFIX,
                        e.file,
                        p.browser_hash()
                    )
                })
            });
            let code = match runtime {
                Some(url) => client::refresh_module(Some(&url)),
                None if client::shipped_refresh_runtime(session.root()).is_some() => {
                    client::shipped_refresh_module(session.base())
                }
                None => client::refresh_module(None),
            };
            return Ok(Served::new(code, js, Caching::NoCache));
        }
        "/@react-refresh-runtime" => {
            let file = client::shipped_refresh_runtime(session.root()).ok_or_else(|| {
                ServeError::NotFound("no React plugin's refresh runtime is installed".into())
            })?;
            let code = client::shipped_refresh_code(&file).map_err(|source| ServeError::Io {
                path: file.display().to_string(),
                source,
            })?;
            return Ok(Served::new(code, js, Caching::NoCache));
        }
        _ => {}
    }
    if let Some(file) = path.strip_prefix(DEPS_PREFIX) {
        return pipeline::serve_dependency(session, file, req.query.v.as_deref()).await;
    }
    if path.starts_with("/@id/") {
        return pipeline::serve_virtual(session, path).await;
    }

    let dest = fetch_dest(headers);
    let is_document = matches!(dest, "document" | "iframe" | "frame");
    let is_html = path.ends_with('/') || path.ends_with(".html");
    if is_html && let Some(index) = html_proxy_index(&req.query) {
        return pipeline::serve_html_proxy(session, path, index).await;
    }
    if is_html || (is_document && url::ext(path).is_empty()) {
        session.refresh_versions();
        crate::warmup::page_viewed(session);
        return serve_html(session, path);
    }

    if !req.query.raw && !path.starts_with("/@") && session.public.contains(path) {
        return serve_public(session, path, &req.query);
    }

    let as_stylesheet = dest == "style" || (accepts(headers, "text/css") && !req.query.import);
    let as_module = !is_document
        && (dest == "script" || req.query.import || url::is_script(path) || url::is_css(path));
    let wants_page = is_document || accepts(headers, "text/html");
    let asked = answer::Asked {
        path,
        raw_query: &req.raw_query,
        query: &req.query,
        as_stylesheet,
        as_module,
    };
    let result = answer::module(session, asked).await;
    let result = result.map(|s| immutable_if_current(session, path, &req.query, s));
    match result {
        // A public file the watcher has not reported yet (one written into a directory
        // made a moment before, say).
        Err(ServeError::NotFound(_))
            if !req.query.raw && !path.starts_with("/@") && session.public.probe(path) =>
        {
            serve_public(session, path, &req.query)
        }
        Err(ServeError::NotFound(_))
            if wants_page && url::ext(path).is_empty() && !path.starts_with("/@") =>
        {
            // SPA fallback: client-side routes get index.html.
            serve_html(session, "/index.html")
        }
        other => other,
    }
}

/// A file of `public/`, served at the base root as it is; imported from JS (`?import`,
/// `?url`), its URL.
fn serve_public(session: &Session, path: &str, query: &url::Query) -> Result<Served, ServeError> {
    if query.import || query.url {
        let u = format!("{}{path}", session.base().trim_end_matches('/'));
        return Ok(Served::new(
            velocity_transform::url_module(&u),
            "text/javascript; charset=utf-8",
            Caching::NoCache,
        ));
    }
    let (real, bytes) = load_file(session, &format!("/public{path}"))?;
    Ok(Served::new(
        bytes,
        url::content_type(&real.to_string_lossy()),
        Caching::NoCache,
    ))
}

/// `?html-proxy&index=N.js`: the Nth inline module script of the page.
fn html_proxy_index(query: &url::Query) -> Option<usize> {
    if !query.rest.iter().any(|p| p == "html-proxy") {
        return None;
    }
    query
        .rest
        .iter()
        .find_map(|p| p.strip_prefix("index=")?.strip_suffix(".js")?.parse().ok())
}

fn serve_html(session: &Session, path: &str) -> Result<Served, ServeError> {
    let file = crate::html::page_file(path);
    let (_, bytes) = match load_file(session, &file) {
        Err(ServeError::NotFound(_)) if file != "/index.html" => load_file(session, "/index.html")?,
        other => other?,
    };
    let html = String::from_utf8_lossy(&bytes);
    let page = if file == "/index.html" || path.ends_with('/') {
        file.as_str()
    } else {
        path
    };
    let out = transform_html(&html, session.base(), page, &session.env());
    Ok(Served::new(
        out,
        "text/html; charset=utf-8",
        Caching::NoCache,
    ))
}

/// A module asked for by its current content version never changes: the browser may keep
/// it for good. Any other version (a page older than the last change) is revalidated.
fn immutable_if_current(
    session: &Session,
    path: &str,
    query: &url::Query,
    mut served: Served,
) -> Served {
    let Some(v) = query.v.as_deref() else {
        return served;
    };
    let table = session.versions.table();
    let node = pipeline::request_graph_url(path, query);
    if table.generation == session.served.generation() && table.version(&node) == Some(v) {
        served.caching = Caching::Immutable;
    }
    served
}
