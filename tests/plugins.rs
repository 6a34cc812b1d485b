//! Plugins in the running server: a fixture page renders a Markdown file and a virtual
//! module produced by WebAssembly plugins, and hot-updates when the Markdown changes;
//! hostile plugins fail their own requests, clearly and in time, and nothing else.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::cdp::Browser;
use support::{Server, fixture_copy, http_body, repo_root};

const WAIT: Duration = Duration::from_secs(60);

fn plugin(name: &str) -> String {
    let p = repo_root()
        .join("plugins/build")
        .join(format!("{name}.wasm"));
    assert!(
        p.is_file(),
        "{} is missing: .ci/run builds the plugins (node plugins/build.mjs)",
        p.display()
    );
    p.to_string_lossy().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_and_virtual_modules_render_and_update() {
    plugin("markdown");
    plugin("build-info");
    let app = fixture_copy("plugins");
    // The copy sits elsewhere: point velocity.toml at the built plugins by absolute path.
    let toml = std::fs::read_to_string(app.0.join("velocity.toml")).unwrap();
    let root = repo_root().join("plugins/build");
    std::fs::write(
        app.0.join("velocity.toml"),
        toml.replace("../../plugins/build", &root.to_string_lossy()),
    )
    .unwrap();
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#intro h1')?.textContent",
        json!("Hello from Markdown"),
        WAIT,
    )
    .await;
    assert_eq!(
        page.eval("document.querySelector('#intro strong').textContent")
            .await,
        json!("React component")
    );
    assert_eq!(
        page.eval("document.querySelector('#info').textContent")
            .await,
        json!("built by velocity for fixture")
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.eval("window.__marker = 1").await;

    let md = app.0.join("src/intro.md");
    let text = std::fs::read_to_string(&md).unwrap();
    std::fs::write(
        &md,
        text.replace("# Hello from Markdown", "# Edited Markdown"),
    )
    .unwrap();
    page.wait_for_value(
        "document.querySelector('#intro h1')?.textContent",
        json!("Edited Markdown"),
        WAIT,
    )
    .await;
    assert_eq!(
        page.eval("window.__marker").await,
        json!(1),
        "hot update, no reload"
    );
    let errors = page.errors();
    assert!(errors.is_empty(), "page errors: {errors:#?}");
}

/// The inline source map a served module ends with.
fn served_map(code: &str) -> serde_json::Value {
    use base64::Engine;
    let data = code
        .rsplit_once("sourceMappingURL=data:application/json;charset=utf-8;base64,")
        .expect("an inline map")
        .1
        .trim();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

/// The original line (0-based) of the first mapping on generated line `line`.
fn original_line(map: &serde_json::Value, line: usize) -> Option<u32> {
    let parsed = velocity_transform::parse_map(&map.to_string(), "x", "")?;
    let table = parsed.generate_lookup_table();
    parsed
        .lookup_token_approx(&table, line as u32, 0)
        .map(|t| t.get_src_line())
}

#[test]
fn hostile_plugins_fail_only_their_own_requests() {
    let (lp, hog, broken) = (plugin("loop"), plugin("hog"), plugin("broken"));
    let data = support::TempDir::new("plugin-data");
    let args: Vec<String> = [
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--data-dir",
        data.0.to_str().unwrap(),
        "--instance-id",
        "p",
        "--plugin-source",
        repo_root().join("plugins/build").to_str().unwrap(),
    ]
    .map(String::from)
    .to_vec();
    let server = Server::spawn(&args, &[("VELOCITY_API_TOKEN", "t")]);
    let _log = support::LogOnPanic(&server);
    let create = |toml: String| {
        let body = json!({ "files": {
            "index.html": "<script type=module src=/src/main.js></script>",
            "src/main.js": "export const ok = 1\n",
            "src/data.broken": "x",
            "src/data.boom": "x",
            "src/located.boom": "fine\n  BOOM here\n",
            ".env": "SECRET_TOKEN=hunter2\n",
            "src/greet.shout.js": "export const greeting = 'hello'\nexport const answer = 42\n",
            "velocity.toml": toml,
        }});
        let r = http_body(
            server.port,
            "POST",
            "/api/sessions",
            &[("Authorization", "Bearer t")],
            body.to_string().as_bytes(),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let with = |p: &str| format!("[[plugins]]\npath = {p:?}\n");
    let looping = create(with(&lp));
    let hogging = create(with(&hog));
    let breaking = create(with(&broken) + &with(&plugin("upper")));
    let plain = create(String::new());
    // A session may not load components from elsewhere on the machine, nor learn which
    // files exist there: the same refusal for a real file, a missing one and an escape.
    for elsewhere in [
        "/etc/passwd",
        "/no/such/plugin.wasm",
        "../../../../etc/hostname",
    ] {
        let id = create(with(elsewhere));
        let r = server.get(&format!("/session/{id}/src/main.js"));
        assert_eq!(r.status, 500, "{elsewhere}: {}", r.text());
        assert!(
            r.text().contains("outside this session") && !r.text().contains("cannot read"),
            "{elsewhere}: {}",
            r.text()
        );
    }
    let snooping = create(format!("{}read = true\n", with(&plugin("snoop"))));

    // The first request loads the session and compiles its plugin; then calls are timed.
    assert_eq!(
        server
            .request(
                "GET",
                &format!("/session/{looping}/"),
                &[("Accept", "text/html")]
            )
            .status,
        200
    );
    let started = Instant::now();
    let r = server.get(&format!("/session/{looping}/src/main.js"));
    assert_eq!(r.status, 500);
    assert!(
        r.text().contains("test-loop") && r.text().contains("deadline"),
        "{}",
        r.text()
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped near its 1 s deadline, took {:?}",
        started.elapsed()
    );
    // The server and the other sessions keep serving.
    assert_eq!(
        server.get(&format!("/session/{plain}/src/main.js")).status,
        200
    );
    let again = server.get(&format!("/session/{looping}/src/main.js"));
    assert_eq!(
        again.status, 500,
        "the next call runs in a fresh instance and fails the same way"
    );

    // The hog takes its instance to the 64 MiB limit, four times over; each failed
    // instance gives its memory back, so the process stays near its level after the first
    // (which also loads the session and compiles its plugin).
    let hog = |_| {
        let r = server.get(&format!("/session/{hogging}/src/main.js"));
        assert_eq!(r.status, 500);
        assert!(
            r.text().contains("test-hog") && r.text().contains("memory"),
            "{}",
            r.text()
        );
    };
    hog(0);
    let before = server.rss_kib();
    (1..4).for_each(hog);
    let after = server.rss_kib();
    assert!(
        after < before + 48 * 1024,
        "memory returns near its level: {before} KiB before three 64 MiB hogs, {after} KiB after"
    );

    let r = server.get(&format!("/session/{breaking}/src/data.boom?import"));
    assert_eq!(r.status, 500);
    assert!(
        r.text().contains("test-broken") && r.text().contains("boom: refused"),
        "{}",
        r.text()
    );
    // A failure at a position comes back with the file, line, column and a frame.
    let r = server.get(&format!("/session/{breaking}/src/located.boom?import"));
    assert_eq!(r.status, 500);
    let text = r.text();
    assert!(
        text.contains("located.boom:2:3")
            && text.contains("> 2 |   BOOM here")
            && text.contains('^'),
        "{text}"
    );
    // A plugin's map is composed with ours: the served map leads to the user's own text.
    let r = server.get(&format!("/session/{breaking}/src/greet.shout.js"));
    assert_eq!(r.status, 200, "{}", r.text());
    let code = r.text();
    assert!(code.contains("HELLO"), "{code}");
    let map = served_map(&code);
    assert_eq!(
        map["sourcesContent"][0].as_str(),
        Some("export const greeting = 'hello'\nexport const answer = 42\n"),
        "{map}"
    );
    let line = code
        .lines()
        .position(|l| l.contains("answer = 42"))
        .unwrap();
    assert_eq!(
        original_line(&map, line),
        Some(1),
        "`answer` maps to line 2 of the original file, above the plugin's added line: {map}"
    );
    let r = server.get(&format!("/session/{breaking}/src/data.broken?import"));
    assert_eq!(
        r.status,
        500,
        "broken output is a syntax error: {}",
        r.text()
    );
    assert_eq!(
        server
            .get(&format!("/session/{breaking}/src/main.js"))
            .status,
        200
    );
    assert_eq!(
        server.get(&format!("/session/{plain}/src/main.js")).status,
        200
    );

    // A plugin granted `read` reads its own session's files through the serving policy,
    // and nothing else: not another session's files, not `.env`, not the machine's.
    let root_of = |id: &str| data.0.join("sessions").join(id).canonicalize().unwrap();
    let snoop = |target: String| server.get(&format!("/session/{snooping}/@id/{target}.snoop"));
    let own = snoop(format!("{}/src/main.js", root_of(&snooping).display()));
    assert_eq!(own.status, 200, "{}", own.text());
    assert!(own.text().contains("export const ok"), "{}", own.text());
    for target in [
        format!("{}/src/main.js", root_of(&plain).display()),
        format!("{}/.env", root_of(&snooping).display()),
        format!("{}/../../../../etc/passwd", root_of(&snooping).display()),
        "/etc/passwd".to_string(),
    ] {
        let r = snoop(target.clone());
        assert_ne!(r.status, 200, "{target}: {}", r.text());
        assert!(
            !r.text().contains("hunter2")
                && !r.text().contains("root:")
                && !r.text().contains("export const ok"),
            "{target}: {}",
            r.text()
        );
    }
    assert_eq!(server.get("/health").status, 200);
}
