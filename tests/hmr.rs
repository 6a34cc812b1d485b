//! Hot module replacement in real Chromium against real files: edits reach the DOM without
//! a reload and without losing state; errors show the overlay and fixing them clears it.

mod support;

use std::time::Duration;

use serde_json::json;
use support::cdp::Browser;
use support::{Server, fixture_copy};

const WAIT: Duration = Duration::from_secs(30);

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// Waits for the HMR client and marks the page, so that a later reload shows.
async fn mark_page(page: &support::cdp::Page<'_>) {
    wait_for_hmr_client(page).await;
    page.eval("window.__marker = 'kept'").await;
}

/// The page marked by `mark_page` was updated in place (not reloaded), with no error.
async fn assert_kept_without_errors(page: &support::cdp::Page<'_>) {
    assert_eq!(
        page.eval("window.__marker").await,
        json!("kept"),
        "updated in place, not reloaded"
    );
    let errors = page.errors();
    assert!(errors.is_empty(), "page errors: {errors:#?}");
}

/// Waits until the page has loaded the HMR client, and a moment for its socket to open,
/// so that an edit made next is one the page hears about.
async fn wait_for_hmr_client(page: &support::cdp::Page<'_>) {
    page.wait_for_value(
        "performance.getEntriesByType('resource').some(e => e.name.includes('@vite/client'))",
        json!(true),
        WAIT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_update_the_page_in_place() {
    scenario(None).await;
}

/// The same scenario with Vite's own client served as `@vite/client`: the server speaks
/// Vite's protocol, not only its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_update_the_page_with_vites_own_client() {
    let client = support::fixture("react-ts").join("node_modules/vite/dist/client/client.mjs");
    assert!(
        client.is_file(),
        "Vite's client is expected at {}",
        client.display()
    );
    scenario(Some(&client)).await;
}

async fn scenario(vite_client: Option<&std::path::Path>) {
    let app = fixture_copy("react-ts");
    let mut args: Vec<String> = vec![
        "dev".into(),
        app.0.to_string_lossy().into(),
        "--port".into(),
        "0".into(),
        "--no-install".into(),
    ];
    args.push("--base".into());
    args.push("/".into());
    let envs: Vec<(&str, &str)> = match vite_client {
        Some(p) => vec![("VELOCITY_VITE_CLIENT", p.to_str().unwrap())],
        None => vec![],
    };
    let server = Server::spawn(&args, &envs);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#counter')?.textContent",
        json!("count is 0"),
        WAIT,
    )
    .await;
    mark_page(&page).await;
    page.click("#counter").await;
    page.click("#counter").await;
    page.wait_for_value(
        "document.querySelector('#counter').textContent",
        json!("count is 2"),
        WAIT,
    )
    .await;

    // A component edit: new text, same page, same state.
    let app_tsx = app.0.join("src/App.tsx");
    edit(&app_tsx, "Vite + React</h1>", "Velocity HMR</h1>");
    page.wait_for_value(
        "document.querySelector('#title').textContent",
        json!("Velocity HMR"),
        WAIT,
    )
    .await;
    assert_eq!(
        page.eval("window.__marker").await,
        json!("kept"),
        "no reload"
    );
    assert_eq!(
        page.eval("document.querySelector('#counter').textContent")
            .await,
        json!("count is 2"),
        "state kept"
    );

    // A child component in another file.
    edit(
        &app.0.join("src/components/Card.tsx"),
        "<h2 className={styles.title}>{title}</h2>",
        "<h2 className={styles.title}>{title}!</h2>",
    );
    page.wait_for_value(
        "document.querySelector('#module-card h2').textContent",
        json!("Fixture facts!"),
        WAIT,
    )
    .await;

    // CSS imported from JS.
    edit(
        &app.0.join("src/App.css"),
        "color: rgb(20, 20, 20);",
        "color: rgb(200, 0, 0);",
    );
    page.wait_for_value(
        "getComputedStyle(document.querySelector('#title')).color",
        json!("rgb(200, 0, 0)"),
        WAIT,
    )
    .await;
    // A CSS module.
    edit(
        &app.0.join("src/components/Card.module.css"),
        "border: 2px solid rgb(100, 108, 255);",
        "border: 2px solid rgb(0, 128, 0);",
    );
    page.wait_for_value(
        "getComputedStyle(document.querySelector('#module-card')).borderTopColor",
        json!("rgb(0, 128, 0)"),
        WAIT,
    )
    .await;
    assert_eq!(page.eval("window.__marker").await, json!("kept"));

    // A syntax error shows the overlay with the file and line; fixing it clears it.
    let good = std::fs::read_to_string(&app_tsx).unwrap();
    let broken = good.replace(
        "function Counter({ label }: CounterProps) {",
        "function Counter({ label }: CounterProps) {\n  const = 1",
    );
    let bad_line = broken.lines().position(|l| l == "  const = 1").unwrap() + 1;
    std::fs::write(&app_tsx, &broken).unwrap();
    page.wait_for_value(
        "!!document.querySelector('vite-error-overlay')",
        json!(true),
        WAIT,
    )
    .await;
    let file = page.eval("document.querySelector('vite-error-overlay').shadowRoot.querySelector('.file').textContent").await;
    assert!(
        file.as_str()
            .unwrap()
            .contains(&format!("App.tsx:{bad_line}:")),
        "overlay names file and line: {file}"
    );
    std::fs::write(&app_tsx, good.replace("Velocity HMR</h1>", "Fixed</h1>")).unwrap();
    page.wait_for_value(
        "document.querySelector('#title').textContent",
        json!("Fixed"),
        WAIT,
    )
    .await;
    page.wait_for_value(
        "!!document.querySelector('vite-error-overlay')",
        json!(false),
        WAIT,
    )
    .await;
    assert_eq!(page.eval("window.__marker").await, json!("kept"));

    // Many writes with no pause in between: the last one wins.
    for i in 0..20 {
        std::fs::write(
            &app_tsx,
            good.replace("Velocity HMR</h1>", &format!("Write {i}</h1>")),
        )
        .unwrap();
    }
    page.wait_for_value(
        "document.querySelector('#title').textContent",
        json!("Write 19"),
        WAIT,
    )
    .await;

    // A new component file, imported by an edit of App.
    let src = app.0.join("src");
    std::fs::write(
        src.join("components/Fresh.tsx"),
        "export function Fresh() {\n  return <p id=\"fresh\">fresh v1</p>\n}\n",
    )
    .unwrap();
    std::fs::write(src.join("dep.ts"), "export const value = 'dep v1'\n").unwrap();
    std::fs::write(
        src.join("hotdata.ts"),
        "import { value } from './dep'\n\
if (import.meta.hot) {\n\
  import.meta.hot.data.count = (import.meta.hot.data.count ?? 0) + 1\n\
  ;(window as any).__hotCount = import.meta.hot.data.count\n\
  import.meta.hot.accept()\n\
  import.meta.hot.accept('./dep', (mod) => { (window as any).__depValue = mod?.value })\n\
}\n\
;(window as any).__depValue = value\n\
// v1\n",
    )
    .unwrap();
    let mut many = String::new();
    for i in 0..50 {
        std::fs::write(
            src.join(format!("m{i}.ts")),
            format!("export const v = 'm{i}-a'\n"),
        )
        .unwrap();
        many.push_str(&format!("import {{ v as v{i} }} from './m{i}'\n"));
    }
    many.push_str(&format!(
        "export function Many() {{\n  return <p id=\"many\">{{[{}].join(' ')}}</p>\n}}\n",
        (0..50)
            .map(|i| format!("v{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    std::fs::write(src.join("Many.tsx"), many).unwrap();
    let with_new = good
        .replace("import './App.css'", "import './App.css'\nimport { Fresh } from './components/Fresh'\nimport { Many } from './Many'\nimport './hotdata'")
        .replace("<h1 id=\"title\">Velocity HMR</h1>", "<h1 id=\"title\">Velocity HMR</h1>\n      <Fresh />\n      <Many />");
    std::fs::write(&app_tsx, &with_new).unwrap();
    page.wait_for_value(
        "document.querySelector('#fresh')?.textContent",
        json!("fresh v1"),
        WAIT,
    )
    .await;
    let all = |suffix: &str| {
        (0..50)
            .map(|i| format!("m{i}-{suffix}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    page.wait_for_value(
        "document.querySelector('#many')?.textContent",
        json!(all("a")),
        WAIT,
    )
    .await;
    assert_eq!(page.eval("window.__hotCount").await, json!(1));
    assert_eq!(page.eval("window.__depValue").await, json!("dep v1"));

    // Fifty files written at once: the page ends with every last content.
    for i in 0..50 {
        std::fs::write(
            src.join(format!("m{i}.ts")),
            format!("export const v = 'm{i}-b'\n"),
        )
        .unwrap();
    }
    page.wait_for_value(
        "document.querySelector('#many').textContent",
        json!(all("b")),
        WAIT,
    )
    .await;

    // `hot.data` survives a re-run; `hot.accept('./dep', cb)` gets the new module.
    edit(&src.join("hotdata.ts"), "// v1", "// v2");
    page.wait_for_value("window.__hotCount", json!(2), WAIT)
        .await;
    std::fs::write(src.join("dep.ts"), "export const value = 'dep v2'\n").unwrap();
    page.wait_for_value("window.__depValue", json!("dep v2"), WAIT)
        .await;

    // Deleting an imported file shows the overlay; bringing it back clears it.
    std::fs::remove_file(src.join("components/Fresh.tsx")).unwrap();
    page.wait_for_value(
        "!!document.querySelector('vite-error-overlay')",
        json!(true),
        WAIT,
    )
    .await;
    let message = page.eval("document.querySelector('vite-error-overlay').shadowRoot.querySelector('.message-body').textContent").await;
    assert!(
        message.as_str().unwrap().contains("./components/Fresh"),
        "{message}"
    );
    std::fs::write(
        src.join("components/Fresh.tsx"),
        "export function Fresh() {\n  return <p id=\"fresh\">fresh v2</p>\n}\n",
    )
    .unwrap();
    page.wait_for_value(
        "document.querySelector('#fresh')?.textContent",
        json!("fresh v2"),
        WAIT,
    )
    .await;
    page.wait_for_value(
        "!!document.querySelector('vite-error-overlay')",
        json!(false),
        WAIT,
    )
    .await;
    assert_eq!(
        page.eval("window.__marker").await,
        json!("kept"),
        "still no reload"
    );

    // The entry is no boundary: editing it reloads the page.
    edit(
        &app.0.join("src/main.tsx"),
        "createRoot(",
        "console.log('edited');\ncreateRoot(",
    );
    page.wait_for_value(
        "window.__marker === undefined && !!document.querySelector('#counter')",
        json!(true),
        WAIT,
    )
    .await;

    // A config change restarts the server on the same port; the page reconnects, reloads,
    // and sees the new configuration.
    page.eval("window.__marker2 = 'before restart'").await;
    edit(
        &app.0.join("vite.config.ts"),
        "plugins: [react()],",
        "plugins: [react()],\n  define: { 'import.meta.env.VITE_GREETING': '\"from config\"' },",
    );
    page.wait_for_value(
        "document.querySelector('#greeting')?.textContent",
        json!("from config"),
        Duration::from_secs(60),
    )
    .await;
    assert_eq!(
        page.eval("window.__marker2").await,
        json!(null),
        "the page reloaded"
    );

    let errors: Vec<String> = page
        .errors()
        .into_iter()
        .filter(|e| {
            !e.contains("App.tsx")
                && !e.contains("Fresh")
                && !e.contains("Failed to reload")
                && !e.contains("ERR_CONNECTION_REFUSED")
                && !e.contains("ERR_CONNECTION_RESET")
                && !e.contains("ERR_SOCKET_NOT_CONNECTED")
                && !e.contains("500")
        })
        .collect();
    assert!(
        errors.is_empty(),
        "unexpected page errors: {errors:#?}\nserver log:\n{}",
        server.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hmr_socket_checks_the_token_for_browsers() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let server = Server::start(&support::fixture("react-ts"), &[]);
    let client = server.get("/@vite/client").text();
    let token = client
        .split("const wsToken = \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let url = format!("ws://127.0.0.1:{}/", server.port);

    let attempt = |origin: Option<&str>, token: Option<&str>, protocol: &str| {
        let mut req = match token {
            Some(t) => format!("{url}?token={t}"),
            None => url.clone(),
        }
        .into_client_request()
        .unwrap();
        req.headers_mut()
            .insert("Sec-WebSocket-Protocol", protocol.parse().unwrap());
        if let Some(o) = origin {
            req.headers_mut().insert("Origin", o.parse().unwrap());
        }
        req
    };
    let foreign =
        tokio_tungstenite::connect_async(attempt(Some("http://evil.example"), None, "vite-hmr"))
            .await;
    assert!(
        foreign.is_err(),
        "foreign origin without token must be refused"
    );
    let wrong = tokio_tungstenite::connect_async(attempt(
        Some("http://evil.example"),
        Some("wrongtoken12"),
        "vite-hmr",
    ))
    .await;
    assert!(wrong.is_err(), "a wrong token must be refused");
    let (mut ok, _) = tokio_tungstenite::connect_async(attempt(
        Some("http://localhost"),
        Some(&token),
        "vite-hmr",
    ))
    .await
    .expect("right token accepted");
    use futures_util::StreamExt;
    let first = ok.next().await.unwrap().unwrap();
    assert_eq!(
        first.into_text().unwrap().as_str(),
        r#"{"type":"connected"}"#
    );
    let (_no_origin, _) = tokio_tungstenite::connect_async(attempt(None, None, "vite-hmr"))
        .await
        .expect("tools without Origin may connect");
    let (mut ping, _) =
        tokio_tungstenite::connect_async(attempt(Some("http://evil.example"), None, "vite-ping"))
            .await
            .expect("vite-ping needs no token");
    let msg = ping.next().await;
    assert!(
        matches!(
            msg,
            None | Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_))) | Some(Err(_))
        ),
        "vite-ping carries no data: {msg:?}"
    );

    // A flood of messages closes the socket; the server keeps serving.
    use futures_util::SinkExt;
    let (mut flood, _) = tokio_tungstenite::connect_async(attempt(None, None, "vite-hmr"))
        .await
        .unwrap();
    let _ = flood.next().await;
    for _ in 0..200 {
        if flood
            .send(tokio_tungstenite::tungstenite::Message::Text(
                r#"{"type":"ping"}"#.into(),
            ))
            .await
            .is_err()
        {
            break;
        }
    }
    let mut closed = false;
    for _ in 0..50 {
        match tokio::time::timeout(Duration::from_secs(2), flood.next()).await {
            Ok(None)
            | Ok(Some(Err(_)))
            | Ok(Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_)))) => {
                closed = true;
                break;
            }
            Ok(Some(Ok(_))) => {}
            Err(_) => break,
        }
    }
    assert!(closed, "a flooding client is disconnected");
    assert_eq!(server.get("/@vite/client").status, 200);
}

/// A stylesheet linked from index.html (`<link rel=stylesheet>`) updates in place when it
/// is edited: the new rules apply, the page is not reloaded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn linked_stylesheets_update_without_a_reload() {
    let app = support::TempDir::new("link-css");
    let files = [
        (
            "index.html",
            "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/src/site.css\"></head>\
             <body><p id=text>styled</p><script type=module src=/src/main.js></script></body></html>\n",
        ),
        ("src/site.css", "#text { color: rgb(1, 2, 3); }\n"),
        (
            "src/main.js",
            "window.__loaded = (window.__loaded || 0) + 1\n",
        ),
    ];
    support::write_files(&app.0, &files);
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let color = "getComputedStyle(document.querySelector('#text')).color";
    page.wait_for_value(color, json!("rgb(1, 2, 3)"), WAIT)
        .await;
    mark_page(&page).await;
    edit(&app.0.join("src/site.css"), "rgb(1, 2, 3)", "rgb(4, 5, 6)");
    page.wait_for_value(color, json!("rgb(4, 5, 6)"), WAIT)
        .await;
    assert_kept_without_errors(&page).await;
}

/// `@import`ed sheets render, from a `<link>`ed sheet and from one a script imports, and
/// an edit of an imported sheet updates its importer in place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imported_stylesheets_render_and_update_in_place() {
    let app = support::TempDir::new("import-css");
    let files = [
        (
            "index.html",
            "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/src/site.css\"></head>\
             <body><p id=a>linked</p><p id=b>imported</p>\
             <script type=module src=/src/main.js></script></body></html>\n",
        ),
        ("src/site.css", "@import './linked-base.css';\n"),
        ("src/linked-base.css", "#a { color: rgb(1, 2, 3); }\n"),
        ("src/styles.css", "@import './js-base.css';\n"),
        ("src/js-base.css", "#b { color: rgb(10, 20, 30); }\n"),
        (
            "src/main.js",
            "import './styles.css'\nwindow.__loaded = (window.__loaded || 0) + 1\n",
        ),
    ];
    support::write_files(&app.0, &files);
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let color = |id: &str| format!("getComputedStyle(document.querySelector('#{id}')).color");
    page.wait_for_value(&color("a"), json!("rgb(1, 2, 3)"), WAIT)
        .await;
    page.wait_for_value(&color("b"), json!("rgb(10, 20, 30)"), WAIT)
        .await;
    mark_page(&page).await;
    edit(
        &app.0.join("src/linked-base.css"),
        "rgb(1, 2, 3)",
        "rgb(4, 5, 6)",
    );
    page.wait_for_value(&color("a"), json!("rgb(4, 5, 6)"), WAIT)
        .await;
    edit(
        &app.0.join("src/js-base.css"),
        "rgb(10, 20, 30)",
        "rgb(40, 50, 60)",
    );
    page.wait_for_value(&color("b"), json!("rgb(40, 50, 60)"), WAIT)
        .await;
    assert_kept_without_errors(&page).await;
}

/// `import.meta.glob` in its lazy, eager, named and query forms renders; a file created
/// where a glob looks joins the page; `new URL(..., import.meta.url)` gives the file
/// itself, for an image and for a module worker.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn globs_and_file_urls_render_and_follow_new_files() {
    let app = support::TempDir::new("glob");
    let files = [
        (
            "index.html",
            "<!doctype html><html><body><p id=pages></p><p id=eager></p><p id=raw></p>\
             <img id=img><p id=worker></p><script type=module src=/src/main.js></script></body></html>\n",
        ),
        (
            "src/main.js",
            "const lazy = import.meta.glob('./pages/*.js')\n\
             const eager = import.meta.glob(['./pages/*.js', '!./pages/b.js'], { eager: true, import: 'title' })\n\
             const notes = import.meta.glob('./notes/*.txt', { query: '?raw', import: 'default', eager: true })\n\
             const titles = await Promise.all(Object.entries(lazy).map(async ([k, load]) => k + '=' + (await load()).title))\n\
             document.querySelector('#pages').textContent = titles.join(',')\n\
             document.querySelector('#eager').textContent = Object.entries(eager).map(([k, v]) => k + '=' + v).join(',')\n\
             document.querySelector('#raw').textContent = Object.values(notes).join('|')\n\
             document.querySelector('#img').src = new URL('./logo.svg', import.meta.url).href\n\
             const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })\n\
             w.onmessage = (e) => { document.querySelector('#worker').textContent = String(e.data) }\n\
             w.postMessage(20)\n",
        ),
        ("src/pages/a.js", "export const title = 'A'\n"),
        ("src/pages/b.js", "export const title = 'B'\n"),
        ("src/pages/.draft.js", "export const title = 'hidden'\n"),
        ("src/notes/x.txt", "hello"),
        (
            "src/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"></svg>\n",
        ),
        (
            "src/worker.js",
            "self.onmessage = (e) => self.postMessage(e.data + 1)\n",
        ),
    ];
    support::write_files(&app.0, &files);
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let text = |id: &str| format!("document.querySelector('#{id}').textContent");
    page.wait_for_value(&text("pages"), json!("./pages/a.js=A,./pages/b.js=B"), WAIT)
        .await;
    assert_eq!(page.eval(&text("eager")).await, json!("./pages/a.js=A"));
    assert_eq!(page.eval(&text("raw")).await, json!("hello"));
    page.wait_for_value(&text("worker"), json!("21"), WAIT)
        .await;
    page.wait_for_value(
        "document.querySelector('#img').complete && document.querySelector('#img').naturalWidth",
        json!(30),
        WAIT,
    )
    .await;
    wait_for_hmr_client(&page).await;
    std::fs::write(app.0.join("src/pages/c.js"), "export const title = 'C'\n").unwrap();
    page.wait_for_value(
        &text("pages"),
        json!("./pages/a.js=A,./pages/b.js=B,./pages/c.js=C"),
        WAIT,
    )
    .await;
    let errors = page.errors();
    assert!(errors.is_empty(), "page errors: {errors:#?}");
}

/// A project that installs `react-refresh` itself gets Velocity's glue around it (the
/// scenario above runs on the runtime the React plugin ships): a component edit keeps the
/// page and its state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_keep_state_with_the_react_refresh_package() {
    let app = fixture_copy("react-js");
    assert!(app.0.join("node_modules/react-refresh/runtime.js").exists());
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let counter = "document.querySelector('#counter')?.textContent";
    page.wait_for_value(counter, json!("clicked 0 times"), WAIT)
        .await;
    mark_page(&page).await;
    page.click("#counter").await;
    page.wait_for_value(counter, json!("clicked 1 times"), WAIT)
        .await;
    edit(
        &app.0.join("src/App.jsx"),
        "clicked {n} times",
        "pressed {n} times",
    );
    page.wait_for_value(counter, json!("pressed 1 times"), WAIT)
        .await;
    assert_kept_without_errors(&page).await;
}

/// Sass sheets render without Node: SCSS with a partial (variables, mixins, nesting), the
/// indented syntax, and a `.module.scss` whose classes a script uses. Editing the partial
/// updates the page in place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sass_sheets_render_and_update_in_place() {
    let app = support::TempDir::new("sass");
    let files = [
        (
            "index.html",
            "<!doctype html><html><body><p id=a><span id=big>scss</span></p><p id=b>sass</p>\
             <p id=m>module</p><script type=module src=/src/main.js></script></body></html>\n",
        ),
        (
            "src/styles/_theme.scss",
            "$brand: rgb(1, 2, 3);\n@mixin big { font-size: 31px; }\n",
        ),
        (
            "src/app.scss",
            "@use './styles/theme' as t;\n#a { color: t.$brand; #big { @include t.big; } }\n",
        ),
        ("src/plain.sass", "$c: rgb(7, 8, 9)\n#b\n  color: $c\n"),
        (
            "src/card.module.scss",
            ".card { color: rgb(4, 5, 6); &:hover { color: red; } }\n",
        ),
        (
            "src/main.js",
            "import './app.scss'\nimport './plain.sass'\nimport styles from './card.module.scss'\n\
             document.querySelector('#m').className = styles.card\n",
        ),
    ];
    support::write_files(&app.0, &files);
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let style =
        |id: &str, prop: &str| format!("getComputedStyle(document.querySelector('#{id}')).{prop}");
    page.wait_for_value(&style("a", "color"), json!("rgb(1, 2, 3)"), WAIT)
        .await;
    assert_eq!(page.eval(&style("big", "fontSize")).await, json!("31px"));
    page.wait_for_value(&style("b", "color"), json!("rgb(7, 8, 9)"), WAIT)
        .await;
    page.wait_for_value(&style("m", "color"), json!("rgb(4, 5, 6)"), WAIT)
        .await;
    mark_page(&page).await;
    edit(
        &app.0.join("src/styles/_theme.scss"),
        "rgb(1, 2, 3)",
        "rgb(40, 50, 60)",
    );
    page.wait_for_value(&style("a", "color"), json!("rgb(40, 50, 60)"), WAIT)
        .await;
    assert_kept_without_errors(&page).await;
}

/// Tailwind CSS without Node: v3's `@tailwind` directives become the preflight and the
/// utilities the sources use, with the config's colors and class dark mode, and `@apply`
/// expands; a v4 sheet takes its colors from `@theme`. A source file that gains a class
/// updates the sheet in place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tailwind_utilities_follow_the_sources() {
    let app = support::TempDir::new("tailwind");
    let files = [
        (
            "index.html",
            "<!doctype html><html><body><h1 id=h>title</h1>\
             <p id=p class=\"bg-brand p-4 rounded-lg flex\">x</p>\
             <div class=dark><p id=d class=\"dark:text-brand\">d</p></div><p id=late>late</p><p id=th class=themed>t</p><p id=pill class=pill-big>p</p><p id=ri class=\"ring-2 ring-inset\">r</p><div class=\"*:tab-3\"><p id=tu>t</p></div>\
             <p id=v4 class=\"text-accent\">v4</p><p id=hv class=\"hover:bg-accent\">hover me</p>\
             <div class=\"@container/main\" style=\"width: 500px\"><p id=cq class=\"@md/main:flex @lg/main:grid\">c</p>\
             <div class=\"@container\" style=\"width: 300px\"><p id=cqs class=\"@max-sm:hidden\">c</p></div></div>\
             <p id=side style=\"--w: 5px\" data-state=open class=\"relative left-[calc(var(--w)*-1)] \
             data-[state=open]:animate-in data-[state=open]:fade-in-0 data-[state=open]:duration-500\">s</p>\
             <p id=w class=\"animate-wiggle pl-gutter\">w</p><span id=u class=\"text-brand\">u</span>\
             <div id=o class=\"bg-black bg-opacity-50\"><p id=oc class=\"bg-black\">o</p></div>\
             <label id=req class=\"after:content-['*'] [&_svg:not([class*='size-'])]:size-4\">n<svg></svg></label>\
             <div class=dark><div id=gd class=\"bg-gradient-to-r from-white via-brand-soft to-black dark:from-black dark:via-brand dark:to-white\">\
             <p id=gc class=\"bg-gradient-to-r from-white to-black\">g</p></div></div>\
             <script type=module src=/src/main.js></script></body></html>\n",
        ),
        (
            "tailwind.config.js",
            "module.exports = { darkMode: 'class', content: ['./src/**/*.js'], theme: { extend: { \
             colors: { brand: { DEFAULT: 'rgb(1, 2, 3)', soft: 'rgb(4, 5, 6)' } }, spacing: { gutter: '13px' }, \
             keyframes: { wiggle: { '50%': { opacity: '0.5' } } }, animation: { wiggle: 'wiggle 9s infinite' } } }, \
             plugins: [require('tailwindcss-animate')] }\n",
        ),
        (
            "src/index.css",
            "@tailwind base;\n@tailwind components;\n@tailwind utilities;\n\
             @layer base {\n  h1 { @apply text-brand-soft; }\n}\n\
             .themed { border-left: theme(spacing.gutter) solid theme('colors.brand.DEFAULT'); }\n\
             @layer components {\n  .pill { @apply px-2; border-top: 7px solid; }\n  .pill-big { @apply pill; }\n}\n",
        ),
        (
            "src/main.js",
            "import './index.css'\nimport './v4.css'\nimport './plain.css'\n\
             document.querySelector('#late').className = ['pt', 'px'].join('-')\n",
        ),
        (
            "src/v4.css",
            "@import \"tailwindcss\";\n@theme {\n  --color-accent: rgb(9, 8, 7);\n}\n\
             @utility tab-* {\n  tab-size: --value(integer);\n}\n",
        ),
        ("src/extra.js", "export const unused = 1\n"),
        // A plain sheet (a library's, or Vite's App.css): in Tailwind 3 a utility beats
        // it by specificity; cascade layers would let it win.
        ("src/plain.css", "span { color: rgb(200, 0, 0); }\n"),
    ];
    support::write_files(&app.0, &files);
    let server = Server::start(&app.0, &[]);
    let _log = support::LogOnPanic(&server);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let style =
        |id: &str, prop: &str| format!("getComputedStyle(document.querySelector('#{id}')).{prop}");
    page.wait_for_value(&style("p", "backgroundColor"), json!("rgb(1, 2, 3)"), WAIT)
        .await;
    for (id, prop, value) in [
        ("p", "paddingTop", "16px"),
        ("p", "borderTopLeftRadius", "8px"),
        ("p", "display", "flex"),
        ("h", "color", "rgb(4, 5, 6)"),
        ("h", "marginTop", "0px"),
        ("d", "color", "rgb(1, 2, 3)"),
        ("v4", "color", "rgb(9, 8, 7)"),
        // Container queries (v4): 500px is at least `@md` (28rem), less than `@lg`; 300px
        // is less than `@sm`.
        ("cq", "display", "flex"),
        ("cqs", "display", "none"),
        ("late", "paddingTop", "0px"),
        // shadcn/ui's sidebar offsets and dialog animations (tailwindcss-animate), and an
        // animation of the theme.
        ("side", "left", "-5px"),
        ("side", "animationName", "enter"),
        ("side", "animationDuration", "0.5s"),
        ("w", "animationName", "wiggle"),
        ("w", "paddingLeft", "13px"),
        // `theme()` in the sheet's own CSS.
        ("th", "borderLeftWidth", "13px"),
        ("th", "borderLeftColor", "rgb(1, 2, 3)"),
        // `@apply` of the sheet's own class.
        ("pill", "borderTopWidth", "7px"),
        ("pill", "paddingLeft", "8px"),
        // v4's `@utility`, under a variant.
        ("tu", "tabSize", "3"),
        ("u", "color", "rgb(1, 2, 3)"),
        // Tailwind 2's opacity utilities, for the element itself, not its children.
        ("o", "backgroundColor", "rgba(0, 0, 0, 0.5)"),
        ("oc", "backgroundColor", "rgb(0, 0, 0)"),
    ] {
        assert_eq!(
            page.eval(&style(id, prop)).await,
            json!(value),
            "#{id} {prop}"
        );
    }
    // v3's inset ring.
    let ring = page.eval(&style("ri", "boxShadow")).await;
    assert!(
        ring.as_str()
            .is_some_and(|s| s.contains("0px 0px 0px 2px inset")),
        "{ring}"
    );
    // v4's `hover:` applies only where the pointer can hover (not after a tap on a
    // phone): the browser finds its rule inside `@media (hover: hover)`.
    let condition = page
        .eval(
            "(() => { const all = r => [r, ...[...(r.cssRules || [])].flatMap(all)]; \
             const rule = [...document.styleSheets].flatMap(s => all({ cssRules: s.cssRules })) \
               .find(r => r.selectorText === '.hover\\\\:bg-accent:hover'); \
             return rule ? (rule.parentRule && rule.parentRule.conditionText) || 'unwrapped' : 'missing'; })()",
        )
        .await;
    assert_eq!(condition, json!("(hover: hover)"));
    // A dark gradient keeps its via color whatever order encre-css gave the rules, and a
    // child's own gradient does not take its parent's via color.
    let gradient = page.eval(&style("gd", "backgroundImage")).await;
    assert!(
        gradient
            .as_str()
            .is_some_and(|s| s.contains("rgb(0, 0, 0), rgb(1, 2, 3), rgb(255, 255, 255)")),
        "{gradient}"
    );
    let child = page.eval(&style("gc", "backgroundImage")).await;
    assert!(
        child
            .as_str()
            .is_some_and(|s| s.contains("rgb(255, 255, 255), rgb(0, 0, 0)")),
        "{child}"
    );
    // Classes with quotes in their brackets.
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#req'), '::after').content")
            .await,
        json!("\"*\""),
        "after:content-['*']"
    );
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#req svg')).width")
            .await,
        json!("16px"),
        "[&_svg:not([class*='size-'])]:size-4"
    );
    mark_page(&page).await;
    std::fs::write(
        app.0.join("src/extra.js"),
        "export const unused = 'pt-px'\n",
    )
    .unwrap();
    page.wait_for_value(&style("late", "paddingTop"), json!("1px"), WAIT)
        .await;
    assert_kept_without_errors(&page).await;
}
