//! The HMR WebSocket: Vite's `vite-hmr` and `vite-ping` subprotocols on the base path.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::session::Session;

/// Largest message a client may send; HMR messages are small.
const MAX_MESSAGE: usize = 64 * 1024;

/// Accepts or refuses an upgrade. A browser (it sends `Origin`) must present the token;
/// tools without `Origin` may connect; `vite-ping` is accepted and closed at once.
pub fn upgrade(
    session: Arc<Session>,
    ws: WebSocketUpgrade,
    headers: &HeaderMap,
    query: &str,
) -> Response {
    let protocols: Vec<&str> = headers
        .get("sec-websocket-protocol")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').map(str::trim).collect())
        .unwrap_or_default();
    if protocols.contains(&"vite-ping") {
        return ws
            .protocols(["vite-ping"])
            .on_upgrade(|mut socket| async move {
                let _ = socket.send(Message::Close(None)).await;
            });
    }
    if !protocols.contains(&"vite-hmr") {
        return (StatusCode::BAD_REQUEST, "unsupported WebSocket subprotocol").into_response();
    }
    if headers.contains_key("origin") {
        let token = query
            .split('&')
            .find_map(|p| p.strip_prefix("token="))
            .unwrap_or("");
        if !crate::access::constant_time_eq(token.as_bytes(), session.ws_token.as_bytes()) {
            return (StatusCode::FORBIDDEN, "invalid HMR token").into_response();
        }
    }
    ws.protocols(["vite-hmr"])
        .max_message_size(MAX_MESSAGE)
        .on_upgrade(move |socket| client(session, socket))
}

async fn client(session: Arc<Session>, mut socket: WebSocket) {
    let mut rx = session.hmr.subscribe();
    let _connected = ClientGuard::new(&session);
    let mut budget = RateBudget::default();
    if socket
        .send(Message::Text(r#"{"type":"connected"}"#.into()))
        .await
        .is_err()
    {
        return;
    }
    if let Some(kept) = session.take_buffered()
        && socket
            .send(Message::Text(kept.to_string().into()))
            .await
            .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            msg = rx.recv() => match msg {
                Ok(text) => {
                    if socket.send(Message::Text(text.to_string().into())).await.is_err() {
                        break;
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    let reload = r#"{"type":"full-reload","path":"*"}"#;
                    if socket.send(Message::Text(reload.into())).await.is_err() {
                        break;
                    }
                }
                Err(_) => break,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    if !budget.allow() {
                        tracing::warn!("HMR client sent more than {MAX_MESSAGES_PER_SECOND} messages a second; closing it");
                        let _ = socket.send(Message::Close(None)).await;
                        break;
                    }
                    on_client_message(&session, &text)
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// Only `ping` and `custom` events come from clients; nothing they send runs code here.
fn on_client_message(session: &Session, text: &str) {
    let Ok(msg) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    if msg["type"] != "custom" {
        return;
    }
    if msg["event"] == "vite:invalidate" {
        crate::hot::client_invalidate(session, &msg["data"]);
    }
}

/// Counts a connected client for as long as it lives.
struct ClientGuard<'a>(&'a Session);

impl<'a> ClientGuard<'a> {
    fn new(session: &'a Session) -> Self {
        session
            .clients
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self(session)
    }
}

impl Drop for ClientGuard<'_> {
    fn drop(&mut self) {
        self.0
            .clients
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Messages a client may send per second; the real client sends a ping every 30 s and an
/// event now and then.
const MAX_MESSAGES_PER_SECOND: u32 = 50;

/// A one-second window counter: enough to stop a flood without a clock per message.
#[derive(Default)]
struct RateBudget {
    window: Option<std::time::Instant>,
    count: u32,
}

impl RateBudget {
    fn allow(&mut self) -> bool {
        let now = std::time::Instant::now();
        match self.window {
            Some(start) if now.duration_since(start) < std::time::Duration::from_secs(1) => {
                self.count += 1;
                self.count <= MAX_MESSAGES_PER_SECOND
            }
            _ => {
                self.window = Some(now);
                self.count = 1;
                true
            }
        }
    }
}
