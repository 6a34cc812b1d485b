//! `velocity serve`: many sessions in one process, the session API, routing by path and
//! by host, restarts, and requests for sessions that live on another instance.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::cdp::Browser;
use support::{Response, Server, TempDir, http_body, repo_root};

const TOKEN: &str = "test-token-0123456789";
const WAIT: Duration = Duration::from_secs(30);

fn serve(data: &TempDir, instance: &str, extra: &[&str]) -> Server {
    serve_with_env(data, instance, extra, &[])
}

fn serve_with_env(data: &TempDir, instance: &str, extra: &[&str], envs: &[(&str, &str)]) -> Server {
    let fixtures = repo_root().join("fixtures");
    for t in ["react-ts", "react-js"] {
        support::fixture(t);
    }
    let mut args: Vec<String> = vec![
        "serve".into(),
        "--listen".into(),
        "127.0.0.1:0".into(),
        "--data-dir".into(),
        data.0.to_string_lossy().to_string(),
        "--instance-id".into(),
        instance.into(),
        "--templates".into(),
        fixtures.to_string_lossy().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let mut envs = envs.to_vec();
    envs.push(("VELOCITY_API_TOKEN", TOKEN));
    Server::spawn(&args, &envs)
}

fn api(server: &Server, method: &str, path: &str, body: &[u8]) -> Response {
    let auth = format!("Bearer {TOKEN}");
    http_body(
        server.port,
        method,
        path,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body,
    )
}

fn json_of(r: &Response) -> Value {
    serde_json::from_slice(&r.body)
        .unwrap_or_else(|_| panic!("not JSON ({}): {}", r.status, r.text()))
}

fn create(server: &Server, body: Value) -> Value {
    let r = api(server, "POST", "/api/sessions", body.to_string().as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    json_of(&r)
}

#[test]
fn api_requires_the_token_and_validates_input() {
    let data = TempDir::new("data");
    let server = serve(&data, "alpha", &[]);
    assert_eq!(server.get("/api/sessions").status, 401);
    let wrong = http_body(
        server.port,
        "GET",
        "/api/sessions",
        &[("Authorization", "Bearer nope")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(server.get("/health").status, 200);

    let bad = api(&server, "POST", "/api/sessions", b"{\"files\": ");
    assert_eq!(bad.status, 400);
    assert!(
        json_of(&bad)["error"]
            .as_str()
            .unwrap()
            .contains("malformed JSON at line 1"),
        "{}",
        bad.text()
    );
    for path in [
        "../escape.txt",
        "/etc/passwd",
        "a/../../b",
        "a\\\\..\\\\b",
        "src/\u{0}x",
        "node_modules/react/index.js",
    ] {
        let body = json!({ "files": { path: "x" } });
        let r = api(
            &server,
            "POST",
            "/api/sessions",
            body.to_string().as_bytes(),
        );
        assert_eq!(r.status, 400, "{path}: {}", r.text());
    }
    let unknown = api(&server, "POST", "/api/sessions", br#"{"template": "nope"}"#);
    assert_eq!(unknown.status, 400);
    let huge = "x".repeat(3 * 1024 * 1024);
    let r = api(
        &server,
        "POST",
        "/api/sessions",
        json!({ "files": { "big.txt": huge } })
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.text());

    // Files: write, read back, delete, list.
    let s = create(
        &server,
        json!({ "files": { "index.html": "<p id=x>hi</p>", "src/a.ts": "export const a = 1" } }),
    );
    let id = s["id"].as_str().unwrap();
    assert!(id.ends_with("-alpha"), "the id names its instance: {id}");
    assert_eq!(
        api(
            &server,
            "PUT",
            &format!("/api/sessions/{id}/files/src/b.ts"),
            b"export const b = 2"
        )
        .status,
        204
    );
    assert_eq!(
        api(
            &server,
            "GET",
            &format!("/api/sessions/{id}/files/src/b.ts"),
            b""
        )
        .text(),
        "export const b = 2"
    );
    let patch = json!({ "write": { "src/c.ts": "export {}" }, "delete": ["src/a.ts"] });
    assert_eq!(
        api(
            &server,
            "PATCH",
            &format!("/api/sessions/{id}/files"),
            patch.to_string().as_bytes()
        )
        .status,
        204
    );
    let status = json_of(&api(&server, "GET", &format!("/api/sessions/{id}"), b""));
    assert_eq!(
        status["files"],
        json!(["index.html", "src/b.ts", "src/c.ts"])
    );
    assert_eq!(
        api(
            &server,
            "PUT",
            &format!("/api/sessions/{id}/files/..%2f..%2fx"),
            b"x"
        )
        .status,
        400
    );
    assert_eq!(
        api(&server, "DELETE", &format!("/api/sessions/{id}"), b"").status,
        204
    );
    assert_eq!(server.get(&format!("/session/{id}/")).status, 404);
}

#[test]
fn a_new_session_is_servable_before_create_returns() {
    let data = TempDir::new("data");
    let server = serve(&data, "alpha", &[]);
    let port = server.port;
    let handles: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let auth = format!("Bearer {TOKEN}");
                let body =
                    json!({ "files": { "index.html": format!("<p>page {i}</p>") } }).to_string();
                let r = http_body(
                    port,
                    "POST",
                    "/api/sessions",
                    &[("Authorization", &auth)],
                    body.as_bytes(),
                );
                assert_eq!(r.status, 201, "{}", r.text());
                let v: Value = serde_json::from_slice(&r.body).unwrap();
                let page = support::http(
                    port,
                    "GET",
                    &format!("/session/{}/", v["id"].as_str().unwrap()),
                    &[("Accept", "text/html")],
                );
                assert_eq!(page.status, 200, "{}", page.text());
                assert!(page.text().contains(&format!("page {i}")));
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_previews_in_one_page_update_independently() {
    let data = TempDir::new("data");
    let server = serve(
        &data,
        "alpha",
        &["--preview-domain", "preview.test", "--frame-ancestors", "*"],
    );
    let a = create(&server, json!({ "template": "react-ts" }));
    let b = create(&server, json!({ "template": "react-js" }));
    let (a_id, b_id) = (
        a["id"].as_str().unwrap().to_string(),
        b["id"].as_str().unwrap().to_string(),
    );
    assert_eq!(
        a["url"],
        json!(format!("http://{a_id}.preview.test/")),
        "host mode is the default with a domain"
    );

    // The builder's page (itself served from a session here) embeds A in path mode and B
    // in host mode.
    let port = server.port;
    let host_html = format!(
        "<iframe id=a src='http://127.0.0.1:{port}/session/{a_id}/'></iframe><iframe id=b src='http://{b_id}.preview.test:{port}/'></iframe>"
    );
    let host = create(&server, json!({ "files": { "index.html": host_html } }));
    let host_page = format!(
        "http://127.0.0.1:{port}/session/{}/",
        host["id"].as_str().unwrap()
    );
    let browser =
        Browser::launch_with(&["--host-resolver-rules=MAP *.preview.test 127.0.0.1"]).await;
    let page = browser.new_page().await;
    page.goto(&host_page).await;
    let frame_text = |f: &str, sel: &str| {
        format!(
            "document.getElementById('{f}').contentDocument?.querySelector('{sel}')?.textContent ?? null"
        )
    };
    // Cross-origin iframes cannot be read from the host page; open each preview directly too.
    let pa = browser.new_page().await;
    pa.goto(&format!("http://127.0.0.1:{port}/session/{a_id}/"))
        .await;
    let pb = browser.new_page().await;
    pb.goto(&format!("http://{b_id}.preview.test:{port}/"))
        .await;
    pa.wait_for_value(
        "document.querySelector('#counter')?.textContent",
        json!("count is 0"),
        WAIT,
    )
    .await;
    pb.wait_for_value(
        "document.querySelector('#greeting')?.textContent",
        json!("Hello, JSX"),
        WAIT,
    )
    .await;
    page.wait_for_value(&frame_text("a", "#counter"), json!("count is 0"), WAIT)
        .await;
    pa.click("#counter").await;
    pa.wait_for_value(
        "document.querySelector('#counter').textContent",
        json!("count is 1"),
        WAIT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // An edit through the API reaches A's previews, with state kept, and not B's.
    let app = api(
        &server,
        "GET",
        &format!("/api/sessions/{a_id}/files/src/App.tsx"),
        b"",
    )
    .text();
    let edited = app.replace("Vite + React</h1>", "Edited through the API</h1>");
    assert_eq!(
        api(
            &server,
            "PUT",
            &format!("/api/sessions/{a_id}/files/src/App.tsx"),
            edited.as_bytes()
        )
        .status,
        204
    );
    pa.wait_for_value(
        "document.querySelector('#title').textContent",
        json!("Edited through the API"),
        WAIT,
    )
    .await;
    assert_eq!(
        pa.eval("document.querySelector('#counter').textContent")
            .await,
        json!("count is 1"),
        "state kept"
    );
    page.wait_for_value(
        &frame_text("a", "#title"),
        json!("Edited through the API"),
        WAIT,
    )
    .await;
    assert_eq!(
        pb.eval("document.querySelector('#greeting').textContent")
            .await,
        json!("Hello, JSX")
    );

    // Absolute URLs that escape the session prefix come back into it.
    let fetched = pa
        .eval("fetch('/vite.svg').then(r => r.status + ' ' + r.url)")
        .await;
    assert_eq!(
        fetched,
        json!(format!(
            "200 http://127.0.0.1:{port}/session/{a_id}/vite.svg"
        ))
    );

    let status = json_of(&api(&server, "GET", &format!("/api/sessions/{a_id}"), b""));
    assert!(status["clients"].as_u64().unwrap() >= 1, "{status}");
    let html = server.get(&format!("/session/{a_id}/"));
    assert_eq!(
        html.header("content-security-policy"),
        Some("frame-ancestors *")
    );

    for p in [&pa, &pb] {
        let errors = p.errors();
        assert!(
            errors.is_empty(),
            "page errors: {errors:#?}\nserver log:\n{}",
            server.log()
        );
    }
}

#[test]
fn sessions_cannot_reach_each_other() {
    let data = TempDir::new("data");
    let server = serve(&data, "alpha", &[]);
    let a = create(
        &server,
        json!({ "files": { "index.html": "<p>a</p>", "src/a.ts": "export const secretA = 1" } }),
    );
    let b = create(
        &server,
        json!({ "files": { "index.html": "<p>b</p>", "src/b.ts": "export const secretB = 2" } }),
    );
    let (a_id, b_id) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    assert_eq!(server.get(&format!("/session/{a_id}/src/a.ts")).status, 200);
    let b_file = data
        .0
        .canonicalize()
        .unwrap()
        .join("sessions")
        .join(b_id)
        .join("src/b.ts");
    for target in [
        format!("/session/{a_id}/@fs{}", b_file.display()),
        format!("/session/{a_id}/@fs{}?raw", b_file.display()),
        format!("/session/{a_id}/../{b_id}/src/b.ts"),
        format!("/session/{a_id}/%2e%2e/{b_id}/src/b.ts"),
        format!(
            "/session/{a_id}/@fs{}/sessions/{b_id}/src/b.ts",
            data.0.canonicalize().unwrap().display()
        ),
    ] {
        let r = server.get(&target);
        assert!(!r.text().contains("secretB"), "{target} leaked");
        assert!(
            matches!(r.status, 400 | 403 | 404),
            "{target}: {}",
            r.status
        );
    }
}

#[test]
fn sessions_survive_a_restart() {
    let data = TempDir::new("data");
    let server = serve(&data, "alpha", &[]);
    let s = create(
        &server,
        json!({ "files": { "index.html": "<p id=x>before restart</p>" } }),
    );
    let id = s["id"].as_str().unwrap().to_string();
    api(
        &server,
        "PUT",
        &format!("/api/sessions/{id}/files/extra.txt"),
        b"kept",
    );
    server.stop();
    let server = serve(&data, "alpha", &[]);
    let page = server.request(
        "GET",
        &format!("/session/{id}/"),
        &[("Accept", "text/html")],
    );
    assert_eq!(page.status, 200);
    assert!(page.text().contains("before restart"));
    assert_eq!(
        api(
            &server,
            "GET",
            &format!("/api/sessions/{id}/files/extra.txt"),
            b""
        )
        .text(),
        "kept"
    );
}

#[test]
fn requests_for_another_instances_session_are_sent_on() {
    let data_b = TempDir::new("data-b");
    let beta = serve(&data_b, "beta", &[]);
    let s = create(
        &beta,
        json!({ "files": { "index.html": "<p>served by beta</p>" } }),
    );
    let id = s["id"].as_str().unwrap().to_string();

    // Kubernetes-style: alpha proxies to the owner.
    let data_a = TempDir::new("data-a");
    let template = format!("http://127.0.0.1:{}", beta.port);
    let alpha = serve(&data_a, "alpha", &["--peer-url-template", &template]);
    let r = alpha.request(
        "GET",
        &format!("/session/{id}/"),
        &[("Accept", "text/html")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("served by beta"));

    // Fly.io-style: alpha asks the edge to replay the request on the owner.
    let data_c = TempDir::new("data-c");
    let gamma = serve(&data_c, "gamma", &["--fly-replay", "true"]);
    let r = gamma.get(&format!("/session/{id}/"));
    assert_eq!(r.header("fly-replay"), Some("instance=beta"));

    // A session nobody owns is simply not found.
    let r = alpha.get("/session/aaaaaaaaaaaaaaaaaaaa-alpha/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Session not found"));
}

#[test]
fn json_logs_name_the_session_on_every_request_line() {
    let data = TempDir::new("json-logs");
    let server = serve_with_env(&data, "j", &[], &[("VELOCITY_LOG_FORMAT", "json")]);
    let _log = support::LogOnPanic(&server);
    let id = create(
        &server,
        json!({ "files": { "index.html": "<p>x</p>", "src/bad.ts": "let = ;\n" } }),
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(server.get(&format!("/session/{id}/src/bad.ts")).status, 500);
    let found = support::wait_for(WAIT, || {
        let log = server.log();
        let lines: Vec<Value> = log
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .collect();
        lines.into_iter().find(|l| {
            l["level"] == "ERROR" && l["fields"]["message"].to_string().contains("bad.ts")
        })
    })
    .expect("the syntax error is logged");
    assert_eq!(found["span"]["session"], id.as_str(), "{found}");
}

fn upload(server: &Server, archive: &[u8]) -> Response {
    let auth = format!("Bearer {TOKEN}");
    http_body(
        server.port,
        "POST",
        "/api/sessions",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/gzip"),
        ],
        archive,
    )
}

/// A `.tar.gz` with one entry whose header says exactly `name` and `kind`, bypassing the
/// path checks an honest archiver makes (as a hostile upload would).
fn raw_archive(name: &str, kind: tar::EntryType, link: Option<&str>, data: &[u8]) -> Vec<u8> {
    let mut header = tar::Header::new_old();
    header.as_old_mut().name[..name.len()].copy_from_slice(name.as_bytes());
    if let Some(l) = link {
        header.as_old_mut().linkname[..l.len()].copy_from_slice(l.as_bytes());
    }
    header.set_entry_type(kind);
    header.set_size(data.len() as u64);
    header.set_mode(0o644);
    header.set_cksum();
    let gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut builder = tar::Builder::new(gz);
    builder.append(&header, data).unwrap();
    builder.into_inner().unwrap().finish().unwrap()
}

#[test]
fn a_project_uploaded_as_tar_gz_is_served_and_hostile_archives_are_refused() {
    let data = TempDir::new("tar-upload");
    let server = serve(&data, "t", &[]);
    let _log = support::LogOnPanic(&server);

    // The archive a user makes with `tar czf - -C my-app .`.
    let project = TempDir::new("tar-project");
    std::fs::create_dir_all(project.0.join("src")).unwrap();
    std::fs::write(
        project.0.join("index.html"),
        "<div id=root></div><script type=module src=/src/main.ts></script>\n",
    )
    .unwrap();
    let main = "const n: number = 41\nexport const answer = n + 1\n";
    std::fs::write(project.0.join("src/main.ts"), main).unwrap();
    let out = std::process::Command::new("tar")
        .args(["czf", "-", "-C"])
        .arg(&project.0)
        .arg(".")
        .output()
        .expect("run tar");
    assert!(out.status.success());
    let r = upload(&server, &out.stdout);
    assert_eq!(r.status, 201, "{}", r.text());
    let id = json_of(&r)["id"].as_str().unwrap().to_string();
    let module = server.get(&format!("/session/{id}/src/main.ts"));
    assert_eq!(module.status, 200);
    assert!(
        module.text().contains("const n = 41") && !module.text().contains(": number"),
        "served as TypeScript-stripped JS: {}",
        module.text()
    );
    let back = api(
        &server,
        "GET",
        &format!("/api/sessions/{id}/files/src/main.ts"),
        b"",
    );
    assert_eq!(back.text(), main);

    // Links, escaping paths and non-archives are refused with the reason.
    for (archive, reason) in [
        (
            raw_archive(
                "src/passwd",
                tar::EntryType::Symlink,
                Some("/etc/passwd"),
                b"",
            ),
            "no links",
        ),
        (
            raw_archive("../escape.js", tar::EntryType::Regular, None, b"x"),
            "",
        ),
        (
            raw_archive("/abs.js", tar::EntryType::Regular, None, b"x"),
            "",
        ),
        (b"\x1f\x8bnot really gzip".to_vec(), "archive"),
    ] {
        let r = upload(&server, &archive);
        assert_eq!(r.status, 400, "{}", r.text());
        assert!(r.text().contains(reason), "{}", r.text());
    }
    assert!(!data.0.join("escape.js").exists());
    assert_eq!(server.get("/health").status, 200);
}

/// The HMR socket of a session on another instance is relayed like its pages: a preview
/// that reached the wrong instance still gets its updates.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hmr_sockets_for_another_instances_session_are_relayed() {
    use futures_util::StreamExt;
    let data_b = TempDir::new("ws-data-b");
    let beta = serve(&data_b, "beta", &[]);
    let s = create(
        &beta,
        json!({ "files": {
            "index.html": "<script type=module src=/src/main.js></script>",
            "src/main.js": "export const n = 1\n",
        } }),
    );
    let id = s["id"].as_str().unwrap().to_string();
    let data_a = TempDir::new("ws-data-a");
    let template = format!("http://127.0.0.1:{}", beta.port);
    let alpha = serve(&data_a, "alpha", &["--peer-url-template", &template]);

    let hmr = s["hmr_url"].as_str().unwrap();
    let path = &hmr[hmr.find("/session/").expect("a session path")..];
    let url = format!("ws://127.0.0.1:{}{path}", alpha.port);
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(url)
            .unwrap();
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "vite-hmr".parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the socket opens through alpha");
    let mut next_text = async || loop {
        let msg = tokio::time::timeout(WAIT, socket.next())
            .await
            .expect("a message in time")
            .expect("the socket stays open")
            .expect("a frame");
        if let Ok(text) = msg.into_text() {
            break serde_json::from_str::<Value>(&text).unwrap();
        }
    };
    assert_eq!(next_text().await["type"], "connected");

    // The module is loaded (so it is in the graph), then edited through beta's API.
    assert_eq!(alpha.get(&format!("/session/{id}/src/main.js")).status, 200);
    let r = api(
        &beta,
        "PUT",
        &format!("/api/sessions/{id}/files/src/main.js"),
        b"export const n = 2\n",
    );
    assert!(r.status < 300, "{}", r.text());
    let update = loop {
        let m = next_text().await;
        if m["type"] != "connected" {
            break m;
        }
    };
    assert!(
        ["update", "full-reload"].contains(&update["type"].as_str().unwrap()),
        "{update}"
    );
}

/// A wrapper that runs the machine's pnpm after a pause, so a preview opened right after
/// create reliably sees the install under way.
fn slow_pnpm(dir: &TempDir) -> String {
    let ok = std::process::Command::new("pnpm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "pnpm is not on PATH: sessions install packages with it (npm install -g pnpm@10)"
    );
    let path = dir.0.join("slow-pnpm");
    std::fs::write(&path, "#!/bin/sh\nsleep 2\nexec pnpm \"$@\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().to_string()
}

fn packages_of(server: &Server, id: &str) -> Value {
    json_of(&api(server, "GET", &format!("/api/sessions/{id}"), b""))["packages"].clone()
}

fn wait_for_packages(server: &Server, id: &str, state: &str) -> Value {
    support::wait_for(Duration::from_secs(180), || {
        let p = packages_of(server, id);
        (p["state"] == state).then_some(p)
    })
    .unwrap_or_else(|| {
        panic!(
            "packages of {id} never became {state}: {}\n{}",
            packages_of(server, id),
            server.log()
        )
    })
}

fn inode(path: &std::path::Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .ino()
}

/// Sessions made from files name their packages in package.json: the first installs them
/// into the machine's store (progress in status and in the preview's overlay, then the
/// page reloads into the app); the same set again links at once with no install; a new set
/// reuses the store's files (one copy of each `name@version`); hostile specs are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_install_packages_once_into_the_machine_store() {
    let data = TempDir::new("data");
    let tools = TempDir::new("tools");
    let pm = slow_pnpm(&tools);
    let server = serve(&data, "alpha", &["--package-manager", &pm]);
    let _log = support::LogOnPanic(&server);
    let manifest = json!({
        "name": "from-files",
        "dependencies": { "react": "^19.0.0", "react-dom": "^19.0.0", "clsx": "^2.1.0" },
        "devDependencies": { "vite": "^8.0.0", "@types/react": "^19.0.0" }
    });
    let files = |manifest: &Value| {
        json!({ "files": {
            "package.json": manifest.to_string(),
            "index.html": "<!doctype html><div id=root></div><script type=module src=/src/main.jsx></script>",
            "src/main.jsx": "import { createRoot } from 'react-dom/client'\nimport clsx from 'clsx'\n\
                createRoot(document.getElementById('root')).render(<h1 id='msg'>{clsx('from', false && 'x', 'the store')}</h1>)\n",
        }})
    };
    let a = create(&server, files(&manifest));
    let a_id = a["id"].as_str().unwrap().to_string();
    assert_eq!(packages_of(&server, &a_id)["state"], "installing");

    // The preview opens on the install overlay, then reloads into the app.
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url(&format!("/session/{a_id}/"))).await;
    let overlay = "document.querySelector('vite-error-overlay')?.shadowRoot.querySelector('.message-body')?.textContent ?? ''";
    let shown = tokio::time::timeout(WAIT, async {
        loop {
            let text = page.eval(overlay).await;
            let text = text.as_str().unwrap_or_default();
            if text.contains("Installing clsx@^2.1.0, react@^19.0.0") {
                return text.to_string();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(
        shown.is_ok(),
        "no install overlay; page errors: {:#?}",
        page.errors()
    );
    page.wait_for_value(
        "document.querySelector('#msg')?.textContent",
        json!("from the store"),
        Duration::from_secs(180),
    )
    .await;
    assert_eq!(
        page.eval("!!document.querySelector('vite-error-overlay')")
            .await,
        json!(false)
    );
    let ready = wait_for_packages(&server, &a_id, "ready");
    assert_eq!(ready["installed"], true);
    assert!(
        ready["progress"]["downloaded"].as_u64().unwrap() >= 3,
        "{ready}"
    );

    // The same dependencies (in another order, other dev tools) start with no install.
    let same = json!({
        "devDependencies": { "typescript": "~5.9.0" },
        "dependencies": { "clsx": "^2.1.0", "react-dom": "^19.0.0", "react": "^19.0.0" }
    });
    let b = create(&server, files(&same));
    let b_id = b["id"].as_str().unwrap().to_string();
    let linked = packages_of(&server, &b_id);
    assert_eq!(linked["state"], "ready", "{linked}");
    assert_eq!(linked["installed"], false);
    let sessions = data.0.join("sessions");
    let link_of = |id: &str| std::fs::read_link(sessions.join(id).join("node_modules")).unwrap();
    assert_eq!(link_of(&a_id), link_of(&b_id));
    // Packages the store already holds, in other ranges, link with no install either.
    let subset = json!({ "dependencies": { "react-dom": "19.x", "react": ">=19.0.0 <20", "clsx": "~2.1.0" } });
    let c = create(&server, files(&subset));
    let c_id = c["id"].as_str().unwrap().to_string();
    let covered = packages_of(&server, &c_id);
    assert_eq!(covered["state"], "ready", "{covered}");
    assert_eq!(covered["installed"], false);
    let pc = browser.new_page().await;
    pc.goto(&server.url(&format!("/session/{c_id}/"))).await;
    pc.wait_for_value(
        "document.querySelector('#msg')?.textContent",
        json!("from the store"),
        WAIT,
    )
    .await;
    let newer = json!({ "dependencies": { "react": "^99.0.0" } });
    let d = create(&server, files(&newer));
    let d_id = d["id"].as_str().unwrap().to_string();
    assert_eq!(
        packages_of(&server, &d_id)["state"],
        "installing",
        "a range the store cannot meet installs"
    );

    let pb = browser.new_page().await;
    pb.goto(&server.url(&format!("/session/{b_id}/"))).await;
    pb.wait_for_value(
        "document.querySelector('#msg')?.textContent",
        json!("from the store"),
        WAIT,
    )
    .await;
    let errors = pb.errors();
    assert!(errors.is_empty(), "page errors: {errors:#?}");

    // A new package: installed through the store, reusing what it holds (the same inode).
    let mut more = manifest.clone();
    more["dependencies"]["zustand"] = json!("^5.0.0");
    let put = api(
        &server,
        "PUT",
        &format!("/api/sessions/{b_id}/files/package.json"),
        more.to_string().as_bytes(),
    );
    assert_eq!(put.status, 204, "{}", put.text());
    assert_eq!(packages_of(&server, &b_id)["state"], "installing");
    let ready = wait_for_packages(&server, &b_id, "ready");
    assert!(
        ready["progress"]["reused"].as_u64().unwrap() >= 3,
        "{ready}"
    );
    assert_ne!(link_of(&a_id), link_of(&b_id));
    let react = |id: &str| {
        sessions
            .join(id)
            .join("node_modules/react/package.json")
            .canonicalize()
            .unwrap()
    };
    assert_ne!(react(&a_id), react(&b_id), "two sets, two trees");
    assert_eq!(
        inode(&react(&a_id)),
        inode(&react(&b_id)),
        "one copy on disk"
    );
    assert!(sessions.join(&b_id).join("node_modules/zustand").is_dir());
    pb.wait_for_value(
        "document.querySelector('#msg')?.textContent",
        json!("from the store"),
        WAIT,
    )
    .await;

    // Specs that reach outside the registry are refused; the session keeps serving.
    let hostile = json!({ "dependencies": { "react": "file:/etc", "clsx": "^2.1.0" } });
    api(
        &server,
        "PUT",
        &format!("/api/sessions/{b_id}/files/package.json"),
        hostile.to_string().as_bytes(),
    );
    let failed = wait_for_packages(&server, &b_id, "failed");
    let message = failed["message"].as_str().unwrap();
    assert!(
        message.contains("\"react\": \"file:/etc\" is not allowed"),
        "{message}"
    );
    assert!(
        sessions.join(&b_id).join("node_modules/zustand").is_dir(),
        "the last good set stays linked"
    );
    assert_eq!(
        server.get(&format!("/session/{b_id}/src/main.jsx")).status,
        200
    );
    let failed_d = wait_for_packages(&server, &d_id, "failed");
    assert!(
        failed_d["message"]
            .as_str()
            .unwrap()
            .contains("react@^99.0.0"),
        "{failed_d}"
    );
    let metrics = server.get("/metrics").text();
    assert!(metrics.contains("velocity_package_sets 2"), "{metrics}");
}
