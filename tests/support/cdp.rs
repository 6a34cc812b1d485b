//! Just enough of the Chrome DevTools Protocol to load a page, read the DOM, click, and
//! collect console errors and failed requests.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

use super::TempDir;

/// Finds Chromium, or fails with a message saying how to install it. Never skips.
pub fn chromium_path() -> String {
    if let Ok(p) = std::env::var("CHROMIUM") {
        return p;
    }
    for p in [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ] {
        if std::path::Path::new(p).exists() {
            return p.to_string();
        }
    }
    panic!(
        "Chromium not found: install it (Debian: `apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome"
    );
}

type Pending = Arc<Mutex<HashMap<u64, oneshot::Sender<Value>>>>;

pub struct Browser {
    child: Child,
    _profile: TempDir,
    out: mpsc::UnboundedSender<String>,
    pending: Pending,
    next_id: Arc<Mutex<u64>>,
    pub events: Arc<Mutex<Vec<Value>>>,
}

pub struct Page<'b> {
    browser: &'b Browser,
    session: String,
}

impl Browser {
    pub async fn launch() -> Browser {
        Self::launch_with(&[]).await
    }

    /// With extra command-line switches (e.g. `--host-resolver-rules`).
    pub async fn launch_with(extra: &[&str]) -> Browser {
        let profile = TempDir::new("chromium");
        let mut child = Command::new(chromium_path())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--remote-debugging-port=0",
            ])
            .args(extra)
            .arg(format!("--user-data-dir={}", profile.0.display()))
            .arg("about:blank")
            // Its shared-memory files (`--disable-dev-shm-usage`) go with the profile, not
            // into /tmp for ever: a killed browser cannot remove them.
            .env("TMPDIR", &profile.0)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let ws_url = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium printed its DevTools address");
        let (ws, _) = tokio_tungstenite::connect_async(ws_url.as_str())
            .await
            .expect("connect to chromium");
        let (mut sink, mut stream) = ws.split();
        let (out, mut out_rx) = mpsc::unbounded_channel::<String>();
        tokio::spawn(async move {
            while let Some(m) = out_rx.recv().await {
                if sink.send(Message::Text(m.into())).await.is_err() {
                    break;
                }
            }
        });
        let pending: Pending = Arc::default();
        let events: Arc<Mutex<Vec<Value>>> = Arc::default();
        let (p2, e2) = (pending.clone(), events.clone());
        tokio::spawn(async move {
            while let Some(Ok(msg)) = stream.next().await {
                let Message::Text(text) = msg else { continue };
                let Ok(v) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                if let Some(id) = v["id"].as_u64() {
                    if let Some(tx) = p2.lock().unwrap().remove(&id) {
                        let _ = tx.send(v);
                    }
                } else {
                    e2.lock().unwrap().push(v);
                }
            }
        });
        Browser {
            child,
            _profile: profile,
            out,
            pending,
            next_id: Arc::new(Mutex::new(0)),
            events,
        }
    }

    async fn call(&self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = {
            let mut n = self.next_id.lock().unwrap();
            *n += 1;
            *n
        };
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.out
            .send(msg.to_string())
            .expect("chromium connection open");
        let v = tokio::time::timeout(Duration::from_secs(30), rx)
            .await
            .expect("chromium answered")
            .unwrap();
        if v.get("error").is_some() {
            panic!("CDP {method} failed: {}", v["error"]);
        }
        v["result"].clone()
    }

    pub async fn new_page(&self) -> Page<'_> {
        let target = self
            .call(None, "Target.createTarget", json!({ "url": "about:blank" }))
            .await;
        let attached = self
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target["targetId"], "flatten": true }),
            )
            .await;
        let session = attached["sessionId"].as_str().unwrap().to_string();
        let page = Page {
            browser: self,
            session,
        };
        for m in [
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
            "Page.enable",
        ] {
            page.call(m, json!({})).await;
        }
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Page<'_> {
    pub async fn call(&self, method: &str, params: Value) -> Value {
        self.browser.call(Some(&self.session), method, params).await
    }

    pub async fn goto(&self, url: &str) {
        self.call("Page.navigate", json!({ "url": url })).await;
    }

    /// Evaluates an expression (promises awaited) and returns its value.
    pub async fn eval(&self, expr: &str) -> Value {
        let r = self
            .call(
                "Runtime.evaluate",
                json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
            )
            .await;
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it returns `want`; panics with what it last saw and the errors.
    pub async fn wait_for_value(&self, expr: &str, want: Value, timeout: Duration) {
        let start = Instant::now();
        let mut last = Value::Null;
        while start.elapsed() < timeout {
            last = self.eval(expr).await;
            if last == want {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "`{expr}` was {last}, expected {want}; page errors: {:#?}",
            self.errors()
        );
    }

    pub async fn click(&self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let ok = self.eval(&format!("(() => {{ const el = document.querySelector({sel}); if (!el) return false; el.click(); return true }})()")).await;
        assert_eq!(ok, json!(true), "no element {selector} to click");
    }

    /// Console errors, uncaught exceptions, failed and >= 400 requests of this page.
    pub fn errors(&self) -> Vec<String> {
        let events = self.browser.events.lock().unwrap();
        let mut out = Vec::new();
        for e in events
            .iter()
            .filter(|e| e["sessionId"] == json!(self.session))
        {
            let p = &e["params"];
            // The browser asks for /favicon.ico on its own; a project without one is fine.
            if e.to_string().contains("/favicon.ico") {
                continue;
            }
            match e["method"].as_str().unwrap_or("") {
                "Runtime.consoleAPICalled" if p["type"] == "error" => {
                    out.push(format!("console.error: {}", p["args"]));
                }
                "Runtime.exceptionThrown" => {
                    out.push(format!("exception: {}", p["exceptionDetails"]))
                }
                "Log.entryAdded" if p["entry"]["level"] == "error" => {
                    out.push(format!("log: {} {}", p["entry"]["text"], p["entry"]["url"]));
                }
                "Network.loadingFailed" if p["canceled"] != json!(true) => {
                    out.push(format!("request failed: {}", p["errorText"]));
                }
                "Network.responseReceived"
                    if p["response"]["status"].as_u64().unwrap_or(0) >= 400 =>
                {
                    out.push(format!(
                        "HTTP {} {}",
                        p["response"]["status"], p["response"]["url"]
                    ));
                }
                _ => {}
            }
        }
        out
    }

    /// Status and URL of each response that came over the network, leaving out those the
    /// browser's caches answered (it reports those as responses too).
    pub fn network_responses(&self) -> Vec<(u64, String)> {
        let events = self.browser.events.lock().unwrap();
        let ours = |e: &&Value| e["sessionId"] == json!(self.session);
        let cached: std::collections::HashSet<&str> = events
            .iter()
            .filter(ours)
            .filter(|e| e["method"] == "Network.requestServedFromCache")
            .filter_map(|e| e["params"]["requestId"].as_str())
            .collect();
        events
            .iter()
            .filter(ours)
            .filter(|e| e["method"] == "Network.responseReceived")
            .filter(|e| !cached.contains(e["params"]["requestId"].as_str().unwrap_or("")))
            .map(|e| &e["params"]["response"])
            .filter(|r| {
                [
                    "fromDiskCache",
                    "fromMemoryCache",
                    "fromPrefetchCache",
                    "fromServiceWorker",
                ]
                .iter()
                .all(|k| r[*k] != json!(true))
            })
            .map(|r| {
                (
                    r["status"].as_u64().unwrap_or(0),
                    r["url"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }

    /// What the page received, as it received it: URL, MIME type, headers (as CDP gives
    /// them) and body of every response Chromium still holds.
    pub async fn response_bodies(&self) -> Vec<(String, String, Value, Vec<u8>)> {
        let received: Vec<(String, String, String, Value)> = {
            let events = self.browser.events.lock().unwrap();
            events
                .iter()
                .filter(|e| {
                    e["sessionId"] == json!(self.session)
                        && e["method"] == "Network.responseReceived"
                })
                .map(|e| {
                    let p = &e["params"];
                    (
                        p["requestId"].as_str().unwrap_or("").to_string(),
                        p["response"]["url"].as_str().unwrap_or("").to_string(),
                        p["response"]["mimeType"].as_str().unwrap_or("").to_string(),
                        p["response"]["headers"].clone(),
                    )
                })
                .collect()
        };
        let mut out = Vec::new();
        for (id, url, mime, headers) in received {
            let r = self
                .call("Network.getResponseBody", json!({ "requestId": id }))
                .await;
            let Some(body) = r["result"]["body"].as_str() else {
                continue;
            };
            let bytes = if r["result"]["base64Encoded"] == json!(true) {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD
                    .decode(body)
                    .unwrap_or_default()
            } else {
                body.as_bytes().to_vec()
            };
            out.push((url, mime, headers, bytes));
        }
        out
    }

    /// URLs of every response the page received.
    pub fn responses(&self) -> Vec<(u64, String)> {
        let events = self.browser.events.lock().unwrap();
        events
            .iter()
            .filter(|e| {
                e["sessionId"] == json!(self.session) && e["method"] == "Network.responseReceived"
            })
            .map(|e| {
                let r = &e["params"]["response"];
                (
                    r["status"].as_u64().unwrap_or(0),
                    r["url"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    }
}
