//! Hostile requests: every URL form that could leak a denied or outside file must answer
//! 400, 403 or 404 and never carry the file's bytes, while positive controls still answer
//! 200, so the suite cannot pass by refusing everything.

mod support;

use support::{Server, TempDir, copy_dir, fixture};

const MARK: &str = "VELOCITY-SECRET";

struct Setup {
    _tmp: TempDir,
    root: String,
    parent: String,
    server: Server,
}

fn setup() -> Setup {
    let tmp = TempDir::new("security");
    let parent = tmp.0.canonicalize().unwrap();
    let app = parent.join("app");
    copy_dir(&fixture("react-ts"), &app);
    std::fs::write(
        app.join(".env"),
        format!("VITE_APP_TITLE=t\nSECRET={MARK}-env\n"),
    )
    .unwrap();
    std::fs::write(app.join(".env.local"), format!("SECRET={MARK}-env-local\n")).unwrap();
    std::fs::write(app.join("secret.pem"), format!("{MARK}-pem")).unwrap();
    std::fs::write(app.join("id.key"), format!("{MARK}-key")).unwrap();
    std::fs::write(app.join(".npmrc"), format!("//token={MARK}-npmrc")).unwrap();
    std::fs::create_dir_all(app.join(".git")).unwrap();
    std::fs::write(app.join(".git/config"), format!("[core] {MARK}-git")).unwrap();
    std::fs::write(
        app.join("src/.env.production"),
        format!("{MARK}-nested-env"),
    )
    .unwrap();
    std::fs::write(parent.join("outside.txt"), format!("{MARK}-outside")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(app.join(".env"), app.join("src/innocent.txt")).unwrap();
        std::os::unix::fs::symlink(parent.join("outside.txt"), app.join("src/escape.txt")).unwrap();
        std::os::unix::fs::symlink(&parent, app.join("src/up")).unwrap();
    }
    let server = Server::start(&app, &[]);
    Setup {
        root: app.to_string_lossy().to_string(),
        parent: parent.to_string_lossy().to_string(),
        server,
        _tmp: tmp,
    }
}

fn hostile_targets(root: &str, parent: &str) -> Vec<String> {
    let mut t: Vec<String> = Vec::new();
    let denied = [
        ".env",
        ".env.local",
        "secret.pem",
        "id.key",
        ".npmrc",
        ".git/config",
        "src/.env.production",
    ];
    let queries = [
        "",
        "?raw",
        "?import",
        "?url",
        "?inline",
        "?raw&import",
        "?import&raw",
        "??raw",
        "?&raw",
        "?raw=",
        "?raw&raw",
        "?url&raw",
        "?.svg",
        "?x.svg",
        "?raw&.svg",
        "?t=1&raw",
        "?v=1&raw",
        "?direct",
        "?worker",
        "?init",
        ".svg?raw",
    ];
    for f in denied {
        for q in queries {
            t.push(format!("/{f}{q}"));
            t.push(format!("/@fs{root}/{f}{q}"));
        }
        t.push(format!("/{}", f.to_uppercase()));
        t.push(format!("/{f}/"));
        t.push(format!("/{f}."));
        t.push(format!("/{f}%20"));
        t.push(format!("/{f}::$DATA"));
        t.push(format!("/{f}%00"));
        t.push(format!("/{f}%00.js"));
        t.push(format!("//{f}"));
        t.push(format!("/./{f}"));
        t.push(format!("/src/../{f}"));
        t.push(format!("/src/%2e%2e/{f}"));
        t.push(format!("/src/%2E%2E%2F{f}"));
        t.push(format!("/src/..%2f{f}?raw"));
        t.push(format!("/src/%252e%252e/{f}"));
        t.push(format!("/src/..\\{f}"));
        t.push(format!("/src/..%5c{f}"));
        t.push(format!("/@id/../{f}"));
        t.push(format!("/node_modules/.vite/deps/../../../{f}"));
        t.push(format!("/node_modules/.vite/deps/..%2f..%2f..%2f{f}"));
        t.push(format!("/@fs{root}/src/../{f}?raw"));
        t.push(format!("/@fs{root}//{f}"));
        t.push(format!("/public/../{f}"));
    }
    for encoded in [
        "/%2eenv",
        "/.%65nv",
        "/%2E%65%6E%76?raw",
        "/%252eenv",
        "/.env%23",
        "/.env#",
        "/.env?#",
        "/.ENV?RAW",
        "/.Env?raw",
    ] {
        t.push(encoded.to_string());
    }
    for outside in ["outside.txt", "outside.txt?raw", "outside.txt?import"] {
        t.push(format!("/../{outside}"));
        t.push(format!("/%2e%2e/{outside}"));
        t.push(format!("/@fs{parent}/{outside}"));
        t.push(format!("/@fs{root}/../{outside}"));
        t.push(format!("/@fs{root}/%2e%2e/{outside}"));
        t.push(format!(
            "/src/escape.txt{}",
            outside.strip_prefix("outside.txt").unwrap()
        ));
        t.push(format!("/src/up/{outside}"));
        t.push(format!(
            "/src/up/app/.env{}",
            outside.strip_prefix("outside.txt").unwrap()
        ));
    }
    for link in [
        "/src/innocent.txt",
        "/src/innocent.txt?raw",
        "/src/innocent.txt?url",
        "/@fs/etc/passwd",
        "/@fs/etc/passwd?raw",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/@fs/proc/self/environ",
        "/@fs/root/.cargo/credentials",
    ] {
        t.push(link.to_string());
    }
    t
}

#[test]
fn hostile_urls_never_leak() {
    let s = setup();
    let targets = hostile_targets(&s.root, &s.parent);
    assert!(targets.len() > 300, "{} cases", targets.len());
    let header_sets: [&[(&str, &str)]; 4] = [
        &[],
        &[("Accept", "text/css,*/*;q=0.1")],
        &[("Sec-Fetch-Dest", "script")],
        &[("Accept", "text/html"), ("Sec-Fetch-Dest", "document")],
    ];
    let mut failures = Vec::new();
    for target in &targets {
        for headers in header_sets {
            let r = s.server.request("GET", target, headers);
            let body = String::from_utf8_lossy(&r.body);
            if body.contains(MARK) {
                failures.push(format!("LEAK {} {target} {headers:?}", r.status));
            } else if !(matches!(r.status, 400 | 403 | 404)
                || r.status == 200 && body.contains("<div id=\"root\">"))
            {
                failures.push(format!(
                    "status {} for {target} {headers:?}: {}",
                    r.status,
                    body.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn positive_controls_still_answer() {
    let s = setup();
    let dep_url = s
        .server
        .get("/src/main.tsx")
        .text()
        .split('"')
        .find(|p| p.contains("/node_modules/.vite/deps/react.js?v="))
        .unwrap()
        .to_string();
    let cases = [
        "/".to_string(),
        "/src/main.tsx".to_string(),
        "/src/App.tsx?raw".to_string(),
        "/src/index.css?inline".to_string(),
        "/vite.svg".to_string(),
        "/src/assets/react.svg?url".to_string(),
        format!("/@fs{}/src/main.tsx", s.root),
        dep_url,
    ];
    for c in cases {
        let r = s.server.get(&c);
        assert_eq!(r.status, 200, "{c}: {}", r.text());
        assert!(!r.text().contains(MARK), "{c}");
    }
}

#[test]
fn host_header_and_cors() {
    let s = setup();
    let evil = s.server.request("GET", "/", &[("Host", "evil.example")]);
    assert_eq!(evil.status, 403);
    assert!(
        evil.text()
            .contains("Blocked request. This host (\"evil.example\") is not allowed.")
    );
    // Rebinding through a name that merely starts with localhost.
    assert_eq!(
        s.server
            .request(
                "GET",
                "/src/main.tsx",
                &[("Host", "localhost.evil.example")]
            )
            .status,
        403
    );
    assert_eq!(
        s.server
            .request("GET", "/", &[("Host", "127.0.0.1:1234")])
            .status,
        200
    );

    let foreign = s
        .server
        .request("GET", "/src/main.tsx", &[("Origin", "http://evil.example")]);
    assert_eq!(foreign.status, 200);
    assert_eq!(
        foreign.header("access-control-allow-origin"),
        None,
        "a foreign origin is never reflected"
    );
    let local = s.server.request(
        "GET",
        "/src/main.tsx",
        &[("Origin", "http://localhost:3000")],
    );
    assert_eq!(
        local.header("access-control-allow-origin"),
        Some("http://localhost:3000")
    );
}

#[test]
fn error_pages_escape_request_text() {
    let s = setup();
    // Reflected text is either escaped HTML or plain text the browser must not sniff.
    let safe = |r: &support::Response, raw: &str| {
        !r.text().contains(raw)
            || (r
                .header("content-type")
                .is_some_and(|c| c.starts_with("text/plain"))
                && r.header("x-content-type-options") == Some("nosniff"))
    };
    let r = s.server.request(
        "GET",
        "/src/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.tsx",
        &[("Accept", "text/html")],
    );
    assert!(safe(&r, "<img src=x"), "{:?} {}", r.headers, r.text());
    std::fs::write(
        format!("{}/src/Bad<svg onload=alert(1)>.tsx", s.root),
        "export const x = ;",
    )
    .unwrap();
    let r = s.server.request(
        "GET",
        "/src/Bad%3Csvg%20onload%3Dalert(1)%3E.tsx",
        &[("Accept", "text/html")],
    );
    assert_eq!(r.status, 500);
    assert!(
        r.header("content-type").unwrap().starts_with("text/html"),
        "the overlay page"
    );
    assert!(!r.text().contains("<svg onload"), "{}", r.text());
}
