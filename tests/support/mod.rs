//! Shared by the end-to-end tests: start the real `velocity` binary, talk HTTP to it, and
//! drive headless Chromium over the DevTools protocol.

#![allow(dead_code)]

pub mod cdp;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn fixture(name: &str) -> PathBuf {
    let dir = repo_root().join("fixtures").join(name);
    assert!(
        dir.join("node_modules").is_dir(),
        "fixture {name} has no node_modules: run `npm ci` in {} (the CI script does)",
        dir.display()
    );
    dir
}

/// A running `velocity dev`, killed on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    pub base: String,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
    _cache: TempDir,
}

impl Server {
    /// `velocity dev DIR` on a free port.
    pub fn start(dir: &Path, extra: &[&str]) -> Self {
        let mut args: Vec<String> = vec!["dev".into(), dir.to_string_lossy().to_string()];
        args.extend(["--port", "0", "--no-install"].map(String::from));
        args.extend(extra.iter().map(|s| s.to_string()));
        Self::spawn(&args, &[])
    }

    /// Runs the binary with `args` and waits for it to print its address.
    pub fn spawn(args: &[String], envs: &[(&str, &str)]) -> Self {
        // `VELOCITY_BIN` runs another build (the preview bench compares commits with it).
        let bin = std::env::var_os("VELOCITY_BIN")
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_velocity").into());
        Self::spawn_bin(bin.as_ref(), args, envs)
    }

    /// The same with the binary named.
    pub fn spawn_bin(bin: &std::ffi::OsStr, args: &[String], envs: &[(&str, &str)]) -> Self {
        let cache = TempDir::new("cache");
        let mut cmd = Command::new(bin);
        cmd.args(args);
        cmd.env("VELOCITY_CACHE_DIR", &cache.0)
            .env("VELOCITY_LOG", "info");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start velocity");
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let l2 = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = l2.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("http://").nth(1) {
                    let _ = tx.send(rest.to_string());
                }
            }
        });
        // Generous: a cold start may compile plugin components first (tens of seconds in a
        // debug build on a busy machine).
        let addr = rx
            .recv_timeout(Duration::from_secs(300))
            .unwrap_or_else(|_| panic!("velocity did not start; log:\n{}", log.lock().unwrap()));
        let (hostport, base) = addr.split_once('/').unwrap();
        let port = hostport.rsplit(':').next().unwrap().parse().unwrap();
        let base = if base.starts_with("api/") {
            String::from("/")
        } else {
            format!("/{base}")
        };
        Self {
            child,
            port,
            base,
            log,
            _cache: cache,
        }
    }

    /// Stops the server the way an orchestrator does (SIGTERM), waiting for it to exit.
    pub fn stop(mut self) {
        #[cfg(unix)]
        {
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(self.child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        let _ = self.child.kill();
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, &[])
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        http(self.port, method, path, headers)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server process's resident memory, from /proc.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc status")
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Prints a server's log if the test fails while it is alive.
pub struct LogOnPanic<'a>(pub &'a Server);

impl Drop for LogOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("---- server log ----\n{}", self.0.log());
        }
    }
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

/// A minimal HTTP/1.1 client: one request per connection, the raw target sent as given.
pub fn http(port: u16, method: &str, target: &str, headers: &[(&str, &str)]) -> Response {
    http_body(port, method, target, headers, b"")
}

/// The same, with a request body.
pub fn http_body(
    port: u16,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // Generous: a first request may compile plugin components on a busy machine.
    s.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    let mut req = format!("{method} {target} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: localhost:{port}\r\n"));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH") {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| {
            l.split_once(':')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..nl]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
    out
}

/// Copies a fixture into a temp dir (its node_modules linked, not copied) so a test can
/// edit files.
pub fn fixture_copy(name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    copy_dir(&fixture(name), &tmp.0);
    tmp
}

/// Writes `files` (path, text) below `root`, making directories as needed.
pub fn write_files(root: &std::path::Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        let name = e.file_name();
        if name == "node_modules" {
            #[cfg(unix)]
            std::os::unix::fs::symlink(&p, to.join(&name)).unwrap();
            continue;
        }
        if p.is_dir() {
            copy_dir(&p, &to.join(&name));
        } else {
            std::fs::copy(&p, to.join(&name)).unwrap();
        }
    }
}

/// A directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> Self {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("velocity-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits for `f` to return `Some`, up to `timeout`.
pub fn wait_for<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Some(v) = f() {
            return Some(v);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}
