//! End-to-end figures for the preview server, measured with the release binary and real
//! Chromium, printed as tables (not timed tests):
//!
//!   cargo bench -p velocity-runtime --bench preview            # everything
//!   cargo bench -p velocity-runtime --bench preview -- dev     # dev server on fixtures/large
//!   cargo bench -p velocity-runtime --bench preview -- hmr     # edit → DOM latency
//!   cargo bench -p velocity-runtime --bench preview -- density # many sessions in one process
//!
//! With Vite installed in fixtures/large, the dev and hmr parts measure Vite on the same
//! app in the same run (`VELOCITY_BENCH_VITE=0` leaves it out), and the cold-start rounds
//! replay Vite's answers as well as Velocity's own: the floor the dev-server issue names.
//! `VELOCITY_BENCH_SESSIONS` sets the density count (default 1000),
//! `VELOCITY_BENCH_COLD_RUNS` the cold start rounds (default 5). `VELOCITY_BIN` runs
//! another build of `velocity` (an older commit's, to compare), and
//!
//!   VELOCITY_BENCH_AB=<other build> cargo bench -p velocity-runtime --bench preview -- ab
//!
//! takes cold starts of this build and the other by turns (`VELOCITY_BENCH_TIMELINE=1`
//! prints when each load's requests were done, and its dependency files).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::cdp::Browser;
use support::{Server, TempDir, repo_root};

const WAIT: Duration = Duration::from_secs(120);

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    if v.is_empty() {
        f64::NAN
    } else {
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
}

fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// An app of `n` components in a fresh directory (fixtures/large's generator, its
/// node_modules linked).
fn large_app(n: usize) -> TempDir {
    let large = repo_root().join("fixtures/large");
    assert!(
        large.join("node_modules").is_dir(),
        "run `npm ci` in fixtures/large first"
    );
    let tmp = TempDir::new(&format!("large{n}"));
    for f in ["package.json", "generate.mjs"] {
        std::fs::copy(large.join(f), tmp.0.join(f)).unwrap();
    }
    std::os::unix::fs::symlink(large.join("node_modules"), tmp.0.join("node_modules")).unwrap();
    let ok = Command::new("node")
        .arg("generate.mjs")
        .arg(n.to_string())
        .current_dir(&tmp.0)
        .status()
        .unwrap();
    assert!(ok.success());
    tmp
}

/// One dev server under test: Velocity or Vite.
struct Dev {
    name: &'static str,
    child: Option<Child>,
    server: Option<Server>,
    port: u16,
}

impl Dev {
    fn velocity(dir: &Path, cache: &Path) -> Dev {
        let bin = std::env::var_os("VELOCITY_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_velocity").into());
        Dev::velocity_bin(&bin, dir, cache)
    }

    fn velocity_bin(bin: &std::ffi::OsStr, dir: &Path, cache: &Path) -> Dev {
        let args: Vec<String> = vec![
            "dev".into(),
            dir.to_string_lossy().into(),
            "--port".into(),
            "0".into(),
            "--no-install".into(),
        ];
        let server = Server::spawn_bin(
            bin,
            &args,
            &[
                ("VELOCITY_CACHE_DIR", cache.to_str().unwrap()),
                ("VELOCITY_LOG", "warn"),
            ],
        );
        Dev {
            name: "velocity",
            port: server.port,
            child: None,
            server: Some(server),
        }
    }

    fn vite(dir: &Path, port: u16) -> Option<Dev> {
        let bin = dir.join("node_modules/vite/bin/vite.js");
        if !bin.exists() || std::env::var("VELOCITY_BENCH_VITE").is_ok_and(|v| v == "0") {
            return None;
        }
        let child = Command::new("node")
            .arg(bin)
            .args([
                "--port",
                &port.to_string(),
                "--strictPort",
                "--host",
                "127.0.0.1",
            ])
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        support::wait_for(Duration::from_secs(30), || {
            TcpStream::connect(("127.0.0.1", port)).ok()
        })?;
        Some(Dev {
            name: "vite",
            child: Some(child),
            server: None,
            port,
        })
    }

    fn pid(&self) -> u32 {
        match (&self.child, &self.server) {
            (Some(c), _) => c.id(),
            (_, Some(_)) => 0,
            _ => 0,
        }
    }

    fn stop(mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        drop(self.server.take());
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `velocity`'s pid, found from its port (the support harness does not expose it).
fn pid_listening_on(port: u16) -> u32 {
    let hex = format!(":{port:04X}");
    let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let inode = tcp
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|a| a.ends_with(&hex))
                && l.split_whitespace().nth(3) == Some("0A")
        })
        .find_map(|l| l.split_whitespace().nth(9).map(str::to_string));
    let Some(inode) = inode else { return 0 };
    let target = format!("socket:[{inode}]");
    for p in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = p.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if let Ok(fds) = std::fs::read_dir(p.path().join("fd")) {
            for fd in fds.flatten() {
                if std::fs::read_link(fd.path()).is_ok_and(|l| l.to_string_lossy() == target) {
                    return pid;
                }
            }
        }
    }
    0
}

/// Loads the page in a new tab: milliseconds to rendered, what it received (path and
/// query → MIME type and body), KiB over the wire.
async fn load_recorded(browser: &Browser, url: &str, expect_leaves: usize) -> Load {
    let page = browser.new_page().await;
    load_recorded_in(browser, &page, url, expect_leaves).await
}

/// A page load: how long it took to render, when it was rendered (recording the answers
/// afterwards takes a while, and is no part of any figure), its answers and bytes.
struct Load {
    ms: f64,
    rendered: Instant,
    answers: Answers,
    kib: f64,
}

/// The same in a tab opened beforehand (so that opening it is not part of the time).
async fn load_recorded_in(
    browser: &Browser,
    page: &support::cdp::Page<'_>,
    url: &str,
    expect_leaves: usize,
) -> Load {
    let start = Instant::now();
    page.goto(url).await;
    page.wait_for_value(
        "document.querySelectorAll('[id^=leaf-]').length",
        json!(expect_leaves),
        WAIT,
    )
    .await;
    let rendered = Instant::now();
    let ms = (rendered - start).as_secs_f64() * 1000.0;
    let bytes: f64 = browser
        .events
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e["method"] == "Network.loadingFinished")
        .map(|e| e["params"]["encodedDataLength"].as_f64().unwrap_or(0.0))
        .sum();
    let path_of = |u: &str| {
        let rest = u.split("://").nth(1).unwrap_or(u);
        rest.find('/').map_or("/", |i| &rest[i..]).to_string()
    };
    let mut answers = Answers::new();
    for (u, mime, headers, body) in page.response_bodies().await {
        // CDP names headers as the server wrote them; hyper writes them in lower case.
        let header = |name: &str| headers[name].as_str().map(str::to_string);
        let caching = caching_headers(header("cache-control"), header("etag"));
        answers.insert(
            path_of(&u),
            Answer {
                mime,
                body,
                caching,
            },
        );
    }
    // Chromium keeps no body for some answers (the document's, the first scripts'). Ask
    // the server again: module answers as they are (the page's version table is still in
    // force), the page itself last, since serving a page may freeze a new table.
    let port = url
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse::<u16>().ok());
    if let Some(port) = port {
        let mut missing: Vec<String> = page
            .responses()
            .into_iter()
            .filter(|(_, u)| u.starts_with("http"))
            .map(|(_, u)| path_of(&u))
            .filter(|p| !answers.contains_key(p) && p != "/")
            .collect();
        missing.sort();
        missing.dedup();
        missing.push("/".into());
        for pq in missing {
            let accept = if pq == "/" { "text/html" } else { "*/*" };
            let r = support::http(port, "GET", &pq, &[("Accept", accept)]);
            if r.status == 200 {
                let mime = r.header("content-type").unwrap_or("text/plain");
                let mime = mime.split(';').next().unwrap_or(mime).to_string();
                let header = |name: &str| r.header(name).map(str::to_string);
                let caching = caching_headers(header("cache-control"), header("etag"));
                answers.insert(
                    pq,
                    Answer {
                        mime,
                        body: r.body,
                        caching,
                    },
                );
            }
        }
    }
    Load {
        ms,
        rendered,
        answers,
        kib: bytes / 1024.0,
    }
}

/// One recorded answer.
#[derive(Clone)]
struct Answer {
    mime: String,
    body: Vec<u8>,
    /// Its `Cache-Control` and `ETag` header lines, as the server sent them.
    caching: String,
}

fn caching_headers(cache_control: Option<String>, etag: Option<String>) -> String {
    let mut lines = String::new();
    if let Some(c) = cache_control {
        lines.push_str(&format!("Cache-Control: {c}\r\n"));
    }
    if let Some(e) = etag {
        lines.push_str(&format!("ETag: {e}\r\n"));
    }
    lines
}

/// Answers recorded from a page load, by path and query.
type Answers = std::collections::HashMap<String, Answer>;

/// How the replay answers: with `Cache-Control: no-store` (the browser keeps nothing),
/// or with each answer's own caching headers (the browser stores what it would store
/// from the server, which is part of the page's cost).
#[derive(Clone, Copy, PartialEq)]
enum Replay {
    NoStore,
    OwnHeaders,
}

/// Serves recorded answers from memory, with no work per request: what is left is the
/// browser's own cost of the page, the floor a dev server's cold start is measured against.
fn replay_server(answers: Answers, mode: Replay) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let answers = std::sync::Arc::new(answers);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answers = answers.clone();
            std::thread::spawn(move || replay_connection(stream, &answers, mode));
        }
    });
    port
}

fn replay_connection(mut s: TcpStream, answers: &Answers, mode: Replay) {
    let _ = s.set_nodelay(true);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let end = loop {
            if let Some(e) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break e;
            }
            match s.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(k) => buf.extend_from_slice(&chunk[..k]),
            }
        };
        let request = String::from_utf8_lossy(&buf[..end]).to_string();
        buf.drain(..end + 4);
        let close = request
            .lines()
            .any(|l| l.to_ascii_lowercase().starts_with("connection:") && l.contains("close"));
        let target = request.split_whitespace().nth(1).unwrap_or("/");
        let (status, ct, body, caching): (&str, &str, &[u8], &str) = match answers.get(target) {
            Some(a) if mode == Replay::OwnHeaders => ("200 OK", &a.mime, &a.body, &a.caching),
            Some(a) => ("200 OK", &a.mime, &a.body, "Cache-Control: no-store\r\n"),
            None => (
                "404 Not Found",
                "text/plain",
                b"",
                "Cache-Control: no-store\r\n",
            ),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n{caching}\r\n",
            body.len()
        );
        if s.write_all(head.as_bytes())
            .and_then(|_| s.write_all(body))
            .is_err()
            || close
        {
            return;
        }
    }
}

/// Requests/s for one URL over keep-alive connections from `conns` threads for `secs`.
/// One GET over a kept-alive connection: the head (lower-cased) and the body.
fn keep_alive_get(s: &mut TcpStream, path: &str) -> (String, String) {
    let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let k = s.read(&mut buf).unwrap();
        assert!(k > 0, "connection closed");
        got.extend_from_slice(&buf[..k]);
        if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&got[..end]).to_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap());
            if got.len() >= end + 4 + len {
                let body = String::from_utf8_lossy(&got[end + 4..end + 4 + len]).to_string();
                return (head, body);
            }
        }
    }
}

fn throughput(port: u16, path: &str, conns: usize, secs: u64) -> f64 {
    if let Ok(out) = Command::new("wrk")
        .args([
            "-t2",
            &format!("-c{conns}"),
            &format!("-d{secs}s"),
            &format!("http://127.0.0.1:{port}{path}"),
        ])
        .output()
    {
        let text = String::from_utf8_lossy(&out.stdout);
        if let Some(v) = text.lines().find_map(|l| l.strip_prefix("Requests/sec:")) {
            return v.trim().parse().unwrap_or(f64::NAN);
        }
    }
    let deadline = Instant::now() + Duration::from_secs(secs);
    let handles: Vec<_> = (0..conns)
        .map(|_| {
            let path = path.to_string();
            std::thread::spawn(move || {
                let mut n = 0u64;
                let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                while Instant::now() < deadline {
                    keep_alive_get(&mut s, &path);
                    n += 1;
                }
                n
            })
        })
        .collect();
    let total: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
    total as f64 / secs as f64
}

/// A bare axum server (the HTTP stack Velocity uses, on the same runtime shape) that answers
/// every request with `body` and the headers a module answer carries: the most requests/s
/// this machine's loopback TCP allows for that answer.
fn bare_axum(body: Vec<u8>) -> u16 {
    use axum::http::header;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let body = bytes::Bytes::from(body);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let answer = move || {
                let body = body.clone();
                async move {
                    (
                        [
                            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                            (header::CACHE_CONTROL, "no-cache"),
                            (header::ETAG, "W/\"cf3-00053417aa49ea4a\""),
                        ],
                        body,
                    )
                }
            };
            let app = axum::Router::new().fallback(answer);
            axum::serve(listener, app).await.unwrap();
        });
    });
    port
}

/// Requests/s of `port` and of a bare server for the same answer, run by turns (this kind
/// of VM drifts by tens of percent between runs): the medians of three runs each.
fn throughput_against_floor(port: u16, path: &str) -> (f64, f64) {
    let (_, body) = keep_alive_get(&mut TcpStream::connect(("127.0.0.1", port)).unwrap(), path);
    let floor_port = bare_axum(body.into_bytes());
    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        ours.push(throughput(port, path, 16, 4));
        floor.push(throughput(floor_port, "/", 16, 4));
    }
    (median(&mut ours), median(&mut floor))
}

fn row(cells: &[String]) {
    println!("| {} |", cells.join(" | "));
}

async fn dev_bench() {
    println!("\n## Dev server on fixtures/large (300 components)\n");
    let app = large_app(300);
    let browser = Browser::launch().await;
    row(&[
        "server".into(),
        "cold start → rendered".into(),
        "restart → rendered".into(),
        "warm reload".into(),
        "requests (cold)".into(),
        "KiB (cold)".into(),
        "module after edit".into(),
        "cached module req/s".into(),
        "RSS after load".into(),
    ]);
    row(&vec!["---".to_string(); 9]);
    let cache = TempDir::new("bench-cache");
    let mut servers: Vec<Box<dyn Fn() -> Option<Dev>>> = Vec::new();
    let dir = app.0.clone();
    let cache_dir = cache.0.clone();
    servers.push(Box::new(move || Some(Dev::velocity(&dir, &cache_dir))));
    let dir2 = app.0.clone();
    servers.push(Box::new(move || {
        let _ = std::fs::remove_dir_all(dir2.join("node_modules/.vite"));
        Dev::vite(&dir2, free_port())
    }));
    let mut floors: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    // Vite's answers, replayed in every cold round: the rounds run after both servers.
    let mut velocity_ran = false;
    let mut vite_answers: Option<Answers> = None;
    for start in servers {
        // Cold: empty caches; the tab is open before the server starts.
        let tab = browser.new_page().await;
        let t0 = Instant::now();
        let Some(dev) = start() else { continue };
        let name = dev.name;
        let port = dev.port;
        let Load {
            rendered,
            answers,
            kib,
            ..
        } = load_recorded_in(&browser, &tab, &format!("http://127.0.0.1:{port}/"), 300).await;
        let cold = (rendered - t0).as_secs_f64() * 1000.0;
        let requests = answers.len();
        if name == "velocity" {
            velocity_ran = true;
        } else {
            vite_answers = Some(answers);
        }
        let pid = if dev.pid() != 0 {
            dev.pid()
        } else {
            pid_listening_on(port)
        };
        let rss = rss_mb(pid);
        // Warm reload in a tab that has the page.
        let page = browser.new_page().await;
        page.goto(&format!("http://127.0.0.1:{port}/")).await;
        page.wait_for_value(
            "document.querySelectorAll('[id^=leaf-]').length",
            json!(300),
            WAIT,
        )
        .await;
        let mut reloads = Vec::new();
        for _ in 0..5 {
            page.eval("document.querySelector('#title').textContent = 'stale'")
                .await;
            let t = Instant::now();
            page.call("Page.reload", json!({})).await;
            page.wait_for_value("document.querySelector('#title')?.textContent === 'Large app' && document.querySelectorAll('[id^=leaf-]').length", json!(300), WAIT).await;
            reloads.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        // One module request after an edit of its file.
        let leaf = app.0.join("src/components/Leaf7.tsx");
        let original = std::fs::read_to_string(&leaf).unwrap();
        // Over an open connection, as the browser asks after an update.
        let mut conn = TcpStream::connect(("127.0.0.1", port)).unwrap();
        conn.set_nodelay(true).unwrap();
        let mut after_edit = Vec::new();
        for i in 0..20 {
            std::fs::write(&leaf, original.replace("leaf 7", &format!("leaf 7 v{i}"))).unwrap();
            std::thread::sleep(Duration::from_millis(60));
            let t = Instant::now();
            let (head, body) =
                keep_alive_get(&mut conn, &format!("/src/components/Leaf7.tsx?t={i}"));
            after_edit.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(head.starts_with("http/1.1 200"), "{head}");
            assert!(body.contains(&format!("leaf 7 v{i}")), "the edited module");
        }
        std::fs::write(&leaf, &original).unwrap();
        let (rps, rps_floor) = throughput_against_floor(port, "/src/components/Leaf3.tsx");
        floors.push(format!(
            "{name}: {rps:.0} cached module requests/s against {rps_floor:.0}/s from a bare axum server answering the same bytes ({:.0}%)",
            rps / rps_floor * 100.0
        ));
        dev.stop();
        // Restart with warm caches (the browser's included), in a tab opened beforehand.
        let tab = browser.new_page().await;
        let t1 = Instant::now();
        let restart = match start() {
            Some(d) => {
                let url = format!("http://127.0.0.1:{}/", d.port);
                let load = load_recorded_in(&browser, &tab, &url, 300).await;
                let ms = (load.rendered - t1).as_secs_f64() * 1000.0;
                d.stop();
                ms
            }
            None => f64::NAN,
        };
        rows.push(vec![
            name.into(),
            format!("{cold:.0} ms"),
            format!("{restart:.0} ms"),
            format!("{:.0} ms", median(&mut reloads)),
            requests.to_string(),
            format!("{kib:.0}"),
            format!("{:.2} ms", median(&mut after_edit)),
            format!("{rps:.0}"),
            format!("{rss:.0} MB"),
        ]);
    }
    // Pages left open (their clients polling servers that are gone) would load the
    // machine during the rounds.
    drop(browser);
    // The floors: the answers replayed from memory to a fresh browser, in rounds by turns
    // with cold starts (each with a fresh browser and an empty dependency cache).
    if velocity_ran {
        let rounds = cold_rounds(&app.0, vite_answers.as_ref(), cold_runs()).await;
        let median_cold = median(&mut rounds.iter().map(|r| r.cold).collect::<Vec<_>>());
        if let Some(r) = rows.iter_mut().find(|r| r[0] == "velocity") {
            r[1] = format!("{median_cold:.0} ms");
        }
        floors.insert(0, cold_against_floors(&rounds));
    }
    for r in &rows {
        row(r);
    }
    println!();
    for f in floors {
        println!("{f}");
    }
}

/// One cold start and the floors replayed after it, in milliseconds.
#[derive(Clone, Copy)]
struct Round {
    cold: f64,
    /// Velocity's own answers replayed with `no-store`.
    own_no_store: f64,
    /// Velocity's own answers replayed with their caching headers.
    own_headers: f64,
    /// Vite's answers for the same app, replayed with their caching headers: the floor
    /// the issue names (what an unbundled load of Vite's modules costs the browser).
    vite: Option<f64>,
}

/// The cold start's medians against each floor, and each round's ratio.
fn cold_against_floors(rounds: &[Round]) -> String {
    let over = |floor: &dyn Fn(&Round) -> Option<f64>| {
        let mut ratios: Vec<f64> = rounds
            .iter()
            .filter_map(|r| Some((r.cold / floor(r)? - 1.0) * 100.0))
            .collect();
        let each: Vec<String> = ratios.iter().map(|r| format!("{r:+.0}%")).collect();
        let at = median(&mut ratios);
        format!("{at:+.0}% at the median ({})", each.join(", "))
    };
    let med = |f: &dyn Fn(&Round) -> Option<f64>| {
        median(&mut rounds.iter().filter_map(f).collect::<Vec<_>>())
    };
    let mut text = format!(
        "velocity: cold start {:.0} ms (median of {} rounds by turns, each in a fresh browser). \
         Its own answers replayed from memory: {:.0} ms with `no-store`, {}; {:.0} ms with their own caching headers, {}",
        med(&|r| Some(r.cold)),
        rounds.len(),
        med(&|r| Some(r.own_no_store)),
        over(&|r| Some(r.own_no_store)),
        med(&|r| Some(r.own_headers)),
        over(&|r| Some(r.own_headers)),
    );
    if rounds.iter().any(|r| r.vite.is_some()) {
        text.push_str(&format!(
            ". Vite's answers for the same app replayed from memory: {:.0} ms, {}",
            med(&|r| r.vite),
            over(&|r| r.vite)
        ));
    }
    text
}

/// Rounds of the cold start measurement (`VELOCITY_BENCH_COLD_RUNS`, default 5).
fn cold_runs() -> usize {
    std::env::var("VELOCITY_BENCH_COLD_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1)
}

/// Milliseconds to render recorded answers replayed from memory, each time in a fresh
/// browser: Velocity's with `no-store` and with their own caching headers, and Vite's
/// when there are any, in an order that turns with the round.
async fn replayed(own: &Answers, vite: Option<&Answers>, round: usize) -> Round {
    let once = |answers: &Answers, mode: Replay| {
        let answers = answers.clone();
        async move {
            let replay = replay_server(answers, mode);
            let fresh = Browser::launch().await;
            load_recorded(&fresh, &format!("http://127.0.0.1:{replay}/"), 300)
                .await
                .ms
        }
    };
    let mut r = Round {
        cold: f64::NAN,
        own_no_store: f64::NAN,
        own_headers: f64::NAN,
        vite: None,
    };
    let kinds = if vite.is_some() { 3 } else { 2 };
    for k in 0..kinds {
        match (k + round) % kinds {
            0 => r.own_no_store = once(own, Replay::NoStore).await,
            1 => r.own_headers = once(own, Replay::OwnHeaders).await,
            _ => r.vite = Some(once(vite.expect("three kinds"), Replay::OwnHeaders).await),
        }
    }
    r
}

/// More cold starts, each followed by its replayed floors: this VM's speed moves by tens
/// of percent from minute to minute, so one pair says little. Every round has a fresh
/// browser and an empty dependency cache.
async fn cold_rounds(app: &Path, vite: Option<&Answers>, rounds: usize) -> Vec<Round> {
    let mut out = Vec::new();
    for round in 0..rounds {
        let cache = TempDir::new("bench-cold-cache");
        let browser = Browser::launch().await;
        let tab = browser.new_page().await;
        let t0 = Instant::now();
        let dev = Dev::velocity(app, &cache.0);
        let url = format!("http://127.0.0.1:{}/", dev.port);
        let load = load_recorded_in(&browser, &tab, &url, 300).await;
        let cold = (load.rendered - t0).as_secs_f64() * 1000.0;
        dev.stop();
        drop(tab);
        drop(browser);
        out.push(Round {
            cold,
            ..replayed(&load.answers, vite, round).await
        });
    }
    out
}

/// Cold starts of two builds by turns (`VELOCITY_BENCH_AB=<other velocity binary>`), each
/// in a fresh browser with an empty dependency cache: the way to tell whether a change to
/// start-up moved the cold load, on a machine whose speed wanders by tens of percent.
async fn ab_bench() {
    let Some(other) = std::env::var_os("VELOCITY_BENCH_AB") else {
        println!("set VELOCITY_BENCH_AB to another build of velocity to compare");
        return;
    };
    let this: std::ffi::OsString =
        std::env::var_os("VELOCITY_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_velocity").into());
    let app = large_app(300);
    let rounds = cold_runs();
    println!("\n## Cold start, A = {this:?} against B = {other:?}, {rounds} rounds by turns\n");
    let (mut a, mut b, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut pair = [0.0; 2];
        for k in 0..2 {
            let which = (k + round) % 2;
            let bin = if which == 0 { &this } else { &other };
            let cache = TempDir::new("bench-ab-cache");
            let browser = Browser::launch().await;
            let tab = browser.new_page().await;
            let t0 = Instant::now();
            let dev = Dev::velocity_bin(bin, &app.0, &cache.0);
            let url = format!("http://127.0.0.1:{}/", dev.port);
            let load = load_recorded_in(&browser, &tab, &url, 300).await;
            pair[which] = (load.rendered - t0).as_secs_f64() * 1000.0;
            dev.stop();
            if std::env::var_os("VELOCITY_BENCH_TIMELINE").is_some() {
                println!("{} {}", ["A", "B"][which], timeline(&browser));
            }
        }
        println!("round {round}: A {:.0} ms, B {:.0} ms", pair[0], pair[1]);
        a.push(pair[0]);
        b.push(pair[1]);
        ratio.push((pair[0] / pair[1] - 1.0) * 100.0);
    }
    println!(
        "A {:.0} ms, B {:.0} ms at the median; A against B {:+.1}% at the median of the rounds' ratios",
        median(&mut a),
        median(&mut b),
        median(&mut ratio)
    );
}

/// When the page's requests were asked for and done (ms from the first): quartiles, and
/// each dependency file, which a cold start may still be bundling.
fn timeline(browser: &Browser) -> String {
    let events = browser.events.lock().unwrap();
    let mut asked = std::collections::HashMap::new();
    for e in events.iter() {
        if e["method"] == "Network.requestWillBeSent" {
            let p = &e["params"];
            asked.insert(
                p["requestId"].as_str().unwrap_or("").to_string(),
                (
                    p["request"]["url"].as_str().unwrap_or("").to_string(),
                    p["timestamp"].as_f64().unwrap_or(0.0),
                ),
            );
        }
    }
    let first = asked.values().map(|(_, t)| *t).fold(f64::MAX, f64::min);
    let mut done: Vec<(f64, f64, &str)> = events
        .iter()
        .filter(|e| e["method"] == "Network.loadingFinished")
        .filter_map(|e| {
            let (url, at) = asked.get(e["params"]["requestId"].as_str()?)?;
            // Asked for once the page has loaded.
            if url.ends_with("/favicon.ico") {
                return None;
            }
            let t = e["params"]["timestamp"].as_f64()?;
            Some(((t - first) * 1000.0, (at - first) * 1000.0, url.as_str()))
        })
        .collect();
    done.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = done.len();
    if n == 0 {
        return "timeline: no requests".into();
    }
    let mut text = format!("timeline of {n} requests, done at");
    for q in [0.25, 0.5, 0.75] {
        text.push_str(&format!(" {q}: {:.0} ms,", done[(n as f64 * q) as usize].0));
    }
    let (last, _, url) = done[n - 1];
    text.push_str(&format!(" last: {last:.0} ms ({url})"));
    // Time to the first byte of each answer, as the browser saw it (send to headers).
    let mut ttfb: Vec<f64> = events
        .iter()
        .filter(|e| e["method"] == "Network.responseReceived")
        .filter_map(|e| {
            let t = &e["params"]["response"]["timing"];
            Some(t["receiveHeadersEnd"].as_f64()? - t["sendEnd"].as_f64()?)
        })
        .collect();
    ttfb.sort_by(|a, b| a.total_cmp(b));
    if let Some(max) = ttfb.last() {
        let k = ttfb.len();
        text.push_str(&format!(
            "\n  first byte: median {:.2} ms, 90th percentile {:.2} ms, most {max:.2} ms, {:.0} ms in all",
            ttfb[k / 2],
            ttfb[k * 9 / 10],
            ttfb.iter().sum::<f64>()
        ));
    }
    for (t, at, url) in done.iter().filter(|d| d.2.contains(DEPS_URL)) {
        let name = url.rsplit('/').next().unwrap_or(url);
        text.push_str(&format!("\n  {name}: asked {at:.0} ms, done {t:.0} ms"));
    }
    text
}

const DEPS_URL: &str = "/node_modules/.vite/deps/";

fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        * 1000.0
}

/// Writes `text` to `file` and returns the milliseconds until `cond` holds in the page
/// (measured in the page, woken by DOM mutations), or `None` if it never does.
async fn edit_to_dom(
    page: &support::cdp::Page<'_>,
    file: &Path,
    text: &str,
    cond: &str,
) -> Option<f64> {
    let expr = format!(
        "new Promise(res => {{ const ok = () => {{ try {{ return {cond}; }} catch {{ return false; }} }}; \
         if (ok()) return res(Date.now()); \
         const mo = new MutationObserver(() => {{ if (ok()) {{ mo.disconnect(); res(Date.now()); }} }}); \
         mo.observe(document, {{ subtree: true, childList: true, characterData: true, attributes: true }}); \
         setTimeout(() => {{ mo.disconnect(); res(ok() ? Date.now() : -1); }}, 10000); }})"
    );
    let write = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let t = now_ms();
        std::fs::write(file, text).unwrap();
        t
    };
    let (seen, written) = tokio::join!(page.eval(&expr), write);
    let seen = seen.as_f64()?;
    (seen >= 0.0).then(|| (seen - written).max(0.0))
}

async fn hmr_latency(
    dev: &Dev,
    app: &Path,
    browser: &Browser,
    leaves: usize,
) -> (f64, f64, f64, f64, usize) {
    let page = browser.new_page().await;
    page.goto(&format!("http://127.0.0.1:{}/", dev.port)).await;
    page.wait_for_value(
        "document.querySelectorAll('[id^=leaf-]').length",
        json!(leaves),
        WAIT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let leaf = app.join("src/components/Leaf1.tsx");
    let original = std::fs::read_to_string(&leaf).unwrap();
    let (mut js, mut styles, mut missed) = (Vec::new(), Vec::new(), 0);
    for i in 0..20 {
        let text = original.replace("label('leaf 1', n)", &format!("'edit {i}'"));
        let cond = format!("document.querySelector('#leaf-1 span').textContent === 'edit {i}'");
        match edit_to_dom(&page, &leaf, &text, &cond).await {
            Some(ms) => js.push(ms),
            None => missed += 1,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    std::fs::write(&leaf, &original).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let css = app.join("src/components/Leaf.module.css");
    let css_original = std::fs::read_to_string(&css).unwrap();
    for i in 0..20 {
        let color = format!("rgb({}, 1, 2)", 10 + i);
        let text = css_original.replace("rgb(40, 40, 40)", &color);
        let cond =
            format!("getComputedStyle(document.querySelector('#leaf-1 span')).color === '{color}'");
        match edit_to_dom(&page, &css, &text, &cond).await {
            Some(ms) => styles.push(ms),
            None => missed += 1,
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    std::fs::write(&css, &css_original).unwrap();
    (
        median(&mut js),
        pct(&mut js, 0.95),
        median(&mut styles),
        pct(&mut styles, 0.95),
        missed,
    )
}

async fn hmr_bench() {
    println!("\n## Edit → DOM (20 edits each; median / p95)\n");
    row(&[
        "server".into(),
        "app".into(),
        "component edit".into(),
        "CSS module edit".into(),
        "edits never shown".into(),
    ]);
    row(&vec!["---".to_string(); 5]);
    let browser = Browser::launch().await;
    for n in [30usize, 300] {
        let app = large_app(n);
        let cache = TempDir::new("hmr-cache");
        let servers: Vec<Option<Dev>> = vec![Some(Dev::velocity(&app.0, &cache.0)), None];
        for (i, dev) in servers.into_iter().enumerate() {
            let dev = match dev {
                Some(d) => d,
                None if i == 1 => match Dev::vite(&app.0, free_port()) {
                    Some(d) => d,
                    None => continue,
                },
                None => continue,
            };
            let (m, p, cm, cp, missed) = hmr_latency(&dev, &app.0, &browser, n).await;
            row(&[
                dev.name.into(),
                format!("{n} components"),
                format!("{m:.1} / {p:.1} ms"),
                format!("{cm:.1} / {cp:.1} ms"),
                format!("{missed} of 40"),
            ]);
            dev.stop();
        }
    }
}

/// Every module URL a session's page loads, found by following imports from the HTML.
fn module_urls(port: u16, base: &str, start: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut queue = vec![start.to_string()];
    while let Some(u) = queue.pop() {
        if !seen.insert(u.clone()) {
            continue;
        }
        let r = support::http(port, "GET", &u, &[]);
        assert_eq!(r.status, 200, "{u}: {}", r.text());
        let text = r.text();
        for part in text.split('"').skip(1).step_by(2) {
            if part.starts_with(base)
                && part.len() > base.len()
                && !part.contains("@vite/env")
                && !part.contains(' ')
            {
                queue.push(part.to_string());
            }
        }
    }
    seen.into_iter().collect()
}

async fn density_bench() {
    let n: usize = std::env::var("VELOCITY_BENCH_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    println!("\n## Density: {n} sessions from fixtures/react-ts in one process\n");
    support::fixture("react-ts");
    let data = TempDir::new("density");
    let token = "bench-token";
    let args: Vec<String> = vec![
        "serve".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--data-dir".into(),
        data.0.to_string_lossy().into(),
        "--instance-id".into(),
        "bench".into(),
        "--templates".into(),
        repo_root().join("fixtures").to_string_lossy().into(),
    ];
    let server = Server::spawn(
        &args,
        &[("VELOCITY_API_TOKEN", token), ("VELOCITY_LOG", "warn")],
    );
    let port = server.port;
    let pid = pid_listening_on(port);
    let base_rss = rss_mb(pid);
    let auth = format!("Bearer {token}");
    let mut first_byte = Vec::new();
    let mut ids = Vec::new();
    let mut modules_per_session = 0;
    for i in 0..n {
        let t = Instant::now();
        let r = support::http_body(
            port,
            "POST",
            "/api/sessions",
            &[("Authorization", &auth)],
            br#"{"template":"react-ts"}"#,
        );
        assert_eq!(r.status, 201, "{}", r.text());
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        let id = v["id"].as_str().unwrap().to_string();
        let page = support::http(
            port,
            "GET",
            &format!("/session/{id}/"),
            &[("Accept", "text/html")],
        );
        first_byte.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(page.status, 200);
        let urls = module_urls(
            port,
            &format!("/session/{id}/"),
            &format!("/session/{id}/src/main.tsx"),
        );
        if i == 0 {
            modules_per_session = urls.len();
        }
        ids.push(id);
    }
    let loaded_rss = rss_mb(pid);
    // Module latency under 64 concurrent connections, across sessions.
    let targets: Vec<String> = ids
        .iter()
        .take(64)
        .map(|id| format!("/session/{id}/src/App.tsx"))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(5);
    let handles: Vec<_> = targets
        .into_iter()
        .map(|t| {
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                while Instant::now() < deadline {
                    let s = Instant::now();
                    let r = support::http(port, "GET", &t, &[]);
                    assert_eq!(r.status, 200);
                    lat.push(s.elapsed().as_secs_f64() * 1000.0);
                }
                lat
            })
        })
        .collect();
    let mut lat: Vec<f64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let bundles = std::fs::read_dir(std::env::temp_dir()).map(|_| ()).ok();
    let _ = bundles;
    let metrics = support::http(port, "GET", "/metrics", &[]).text();
    let dep_bundles = metrics
        .lines()
        .find_map(|l| l.strip_prefix("velocity_dependency_bundles "))
        .unwrap_or("?")
        .to_string();
    row(&["figure".into(), "value".into()]);
    row(&["---".into(), "---".into()]);
    row(&["sessions".into(), n.to_string()]);
    row(&["modules per page".into(), modules_per_session.to_string()]);
    row(&[
        "create → first HTML byte p50 / p99".into(),
        format!(
            "{:.2} / {:.2} ms",
            pct(&mut first_byte, 0.5),
            pct(&mut first_byte, 0.99)
        ),
    ]);
    row(&[
        "RSS before / after".into(),
        format!("{base_rss:.0} / {loaded_rss:.0} MB"),
    ]);
    row(&[
        "RSS per session".into(),
        format!("{:.2} MB", (loaded_rss - base_rss) / n as f64),
    ]);
    row(&[
        "module request, 64 connections, p50 / p99".into(),
        format!(
            "{:.2} / {:.2} ms ({} requests)",
            pct(&mut lat, 0.5),
            pct(&mut lat, 0.99),
            lat.len()
        ),
    ]);
    row(&["dependency bundles built".into(), dep_bundles]);
    let _ = PathBuf::new();
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let want = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        if want("dev") {
            dev_bench().await;
        }
        if want("hmr") {
            hmr_bench().await;
        }
        if want("density") {
            density_bench().await;
        }
        // Only when asked for by name: it needs a second build.
        if filter.iter().any(|f| f == "ab") {
            ab_bench().await;
        }
    });
}
