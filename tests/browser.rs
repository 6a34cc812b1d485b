//! Chromium loads the fixture apps from the real `velocity` binary: the page renders,
//! works, and logs no error.

mod support;

use std::time::Duration;

use serde_json::json;
use support::cdp::Browser;
use support::{Server, fixture};

const LOAD: Duration = Duration::from_secs(60);

fn assert_no_page_errors(page: &support::cdp::Page<'_>, server: &Server) {
    let errors = page.errors();
    assert!(
        errors.is_empty(),
        "page errors: {errors:#?}\nserver log:\n{}",
        server.log()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn react_ts_fixture_renders_and_works() {
    let server = Server::start(&fixture("react-ts"), &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;

    page.wait_for_value(
        "document.querySelector('#counter')?.textContent",
        json!("count is 0"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("document.title").await,
        json!("Velocity React TS"),
        "%VITE_APP_TITLE% in index.html"
    );
    assert_eq!(
        page.eval("document.querySelector('#greeting').textContent")
            .await,
        json!("Hello from .env")
    );
    assert_eq!(
        page.eval("document.querySelector('#mode').textContent")
            .await,
        json!("development")
    );
    assert_eq!(
        page.eval("document.querySelector('#facts').textContent")
            .await,
        json!("3 facts"),
        "JSON import"
    );
    assert_eq!(
        page.eval("document.querySelector('#module-card h2').textContent")
            .await,
        json!("Fixture facts")
    );

    // CSS: the global sheet, App.css and the CSS module (with nesting) all apply.
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#title')).color")
            .await,
        json!("rgb(20, 20, 20)")
    );
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#module-card')).borderTopColor")
            .await,
        json!("rgb(100, 108, 255)")
    );
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#module-card h2')).color")
            .await,
        json!("rgb(100, 108, 255)")
    );
    let card_class = page
        .eval("document.querySelector('#module-card').className")
        .await;
    assert!(
        card_class.as_str().unwrap().starts_with("_card_"),
        "CSS module class: {card_class}"
    );

    // Assets: the imported SVG and the public/ file load as images.
    page.wait_for_value(
        "[...document.images].every(i => i.complete && i.naturalWidth > 0)",
        json!(true),
        LOAD,
    )
    .await;

    // Interaction: the counter counts, the lazy component loads on demand.
    page.click("#counter").await;
    page.click("#counter").await;
    page.wait_for_value(
        "document.querySelector('#counter').textContent",
        json!("count is 2"),
        LOAD,
    )
    .await;
    page.click("#show-lazy").await;
    page.wait_for_value(
        "document.querySelector('#lazy')?.textContent",
        json!("lazy panel loaded"),
        LOAD,
    )
    .await;

    // One React: hooks would throw with two copies. The refresh runtime is hooked in.
    assert_eq!(
        page.eval("typeof window.__REACT_DEVTOOLS_GLOBAL_HOOK__")
            .await,
        json!("object")
    );

    assert_no_page_errors(&page, &server);
    let responses = page.responses();
    assert!(
        responses
            .iter()
            .any(|(_, u)| u.contains("/node_modules/.vite/deps/react-dom_client.js?v=")),
        "dependencies come from the bundle: {responses:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serves_under_a_base_path() {
    let server = Server::start(&fixture("react-ts"), &["--base", "/preview/abc/"]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/preview/abc/")).await;
    page.wait_for_value(
        "document.querySelector('#counter')?.textContent",
        json!("count is 0"),
        LOAD,
    )
    .await;
    page.click("#counter").await;
    page.wait_for_value(
        "document.querySelector('#counter').textContent",
        json!("count is 1"),
        LOAD,
    )
    .await;
    let responses = page.responses();
    let escaped: Vec<_> = responses
        .iter()
        .filter(|(_, u)| !u.contains("/preview/abc/"))
        .collect();
    assert!(
        escaped.is_empty(),
        "every URL stays under the base: {escaped:#?}"
    );
    assert_no_page_errors(&page, &server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn react_js_fixture_renders() {
    let server = Server::start(&fixture("react-js"), &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#greeting')?.textContent",
        json!("Hello, JSX"),
        LOAD,
    )
    .await;
    page.click("#counter").await;
    page.wait_for_value(
        "document.querySelector('#counter').textContent",
        json!("clicked 1 times"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#greeting')).color")
            .await,
        json!("rgb(10, 120, 40)"),
        "nested CSS applies"
    );
    assert_no_page_errors(&page, &server);
}

/// Packages that generated apps use: ESM and CommonJS, with React as a peer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deps_fixture_renders_with_real_packages() {
    let server = Server::start(&fixture("deps"), &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#date')?.textContent",
        json!("2020-01-02"),
        LOAD,
    )
    .await;
    page.wait_for_value(
        "document.querySelector('#query')?.textContent",
        json!("answer 42"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("document.querySelector('#zod').textContent")
            .await,
        json!("valid Ada")
    );
    assert_eq!(
        page.eval("document.querySelectorAll('svg.lucide').length")
            .await,
        json!(2),
        "lucide icons"
    );
    page.click("#zustand").await;
    page.wait_for_value(
        "document.querySelector('#zustand').textContent.trim()",
        json!("zustand 1"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("document.querySelector('#home').className").await,
        json!("title active"),
        "clsx"
    );
    // A package's stylesheet imported by name (`import 'modern-normalize'`) is served as
    // CSS, not handed to the dependency bundler: the body loses its default margin.
    assert_eq!(
        page.eval("getComputedStyle(document.body).marginTop").await,
        json!("0px"),
        "modern-normalize"
    );
    page.click("#to-about").await;
    page.wait_for_value(
        "document.querySelector('#about')?.textContent",
        json!("About page"),
        LOAD,
    )
    .await;
    assert_eq!(page.eval("location.pathname").await, json!("/about"));

    // A deep link is served the app (SPA fallback), and the router renders the route.
    let second = browser.new_page().await;
    second.goto(&server.url("/about")).await;
    second
        .wait_for_value(
            "document.querySelector('#about')?.textContent",
            json!("About page"),
            LOAD,
        )
        .await;

    for p in [&page, &second] {
        let errors = p.errors();
        assert!(
            errors.is_empty(),
            "page errors: {errors:#?}\nserver log:\n{}",
            server.log()
        );
    }
    let requests = page.responses().len();
    assert!(
        requests < 40,
        "dependencies are bundled, not served file by file: {requests} requests"
    );
}

/// `?worker` and `?worker&url`: a module worker whose own imports are transformed too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn module_workers_run_transformed_code() {
    let dir = support::TempDir::new("worker-app");
    let files = [
        (
            "index.html",
            "<!doctype html><p id=out>waiting</p><p id=url></p>\n<script type=module src=/src/main.ts></script>\n",
        ),
        (
            "src/main.ts",
            "import Doubler from './doubler.ts?worker'\nimport doublerUrl from './doubler.ts?worker&url'\n\
             const w: Worker = new Doubler({ name: 'doubler' })\n\
             w.onmessage = (e: MessageEvent<string>) => { document.querySelector('#out')!.textContent = e.data }\n\
             w.postMessage(21)\n\
             document.querySelector('#url')!.textContent = doublerUrl\n",
        ),
        (
            "src/doubler.ts",
            "import { double } from './math.ts'\n\
             self.onmessage = (e: MessageEvent<number>) => {\n  self.postMessage(`${self.name}: ${double(e.data)} in ${import.meta.env.MODE}`)\n}\n",
        ),
        (
            "src/math.ts",
            "export const double = (n: number): number => n * 2\n",
        ),
    ];
    support::write_files(&dir.0, &files);
    let server = Server::start(&dir.0, &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#out').textContent",
        json!("doubler: 42 in development"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("document.querySelector('#url').textContent")
            .await,
        json!("/src/doubler.ts?worker_file&type=module")
    );
    assert_no_page_errors(&page, &server);
}

/// A pnpm layout: `node_modules/<name>` links into `node_modules/.pnpm`, and a package's
/// own dependencies are reachable only through links beside it there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packages_in_a_pnpm_layout_resolve_through_their_links() {
    let dir = support::TempDir::new("pnpm-app");
    let root = &dir.0;
    let write = |path: &str, text: &str| support::write_files(root, &[(path, text)]);
    write(
        "index.html",
        "<!doctype html><p id=out>waiting</p>\n<script type=module src=/src/main.ts></script>\n",
    );
    write(
        "package.json",
        r#"{ "name": "pnpm-app", "type": "module", "dependencies": { "greet": "1.0.0" } }"#,
    );
    write(
        "src/main.ts",
        "import { greet, badge } from 'greet'\nconst out = document.querySelector<HTMLElement>('#out')!\nout.textContent = greet('pnpm')\nout.dataset.badge = badge\n",
    );
    let store = "node_modules/.pnpm";
    write(
        &format!("{store}/greet@1.0.0/node_modules/greet/package.json"),
        r#"{ "name": "greet", "version": "1.0.0", "type": "module", "exports": { ".": { "import": "./index.js" } } }"#,
    );
    // A package that imports its own stylesheet and an asset: rolldown bundles neither,
    // so they stay imports, served like the app's own.
    write(
        &format!("{store}/greet@1.0.0/node_modules/greet/index.js"),
        "import './greet.css'\nimport badge from './badge.svg'\nimport shout from 'shout'\nexport const greet = (who) => shout(`hello, ${who}`)\nexport { badge }\n",
    );
    write(
        &format!("{store}/greet@1.0.0/node_modules/greet/greet.css"),
        "#out { color: rgb(1, 2, 3) }\n",
    );
    write(
        &format!("{store}/greet@1.0.0/node_modules/greet/badge.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n",
    );
    // CommonJS, as many real dependencies still are.
    write(
        &format!("{store}/shout@2.0.0/node_modules/shout/package.json"),
        r#"{ "name": "shout", "version": "2.0.0", "main": "index.js" }"#,
    );
    write(
        &format!("{store}/shout@2.0.0/node_modules/shout/index.js"),
        "module.exports = function shout(s) { return s.toUpperCase() + '!' }\n",
    );
    let link = |target: &str, at: &str| {
        std::os::unix::fs::symlink(target, root.join(at)).unwrap();
    };
    link(".pnpm/greet@1.0.0/node_modules/greet", "node_modules/greet");
    link(
        "../../shout@2.0.0/node_modules/shout",
        &format!("{store}/greet@1.0.0/node_modules/shout"),
    );

    let server = Server::start(root, &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#out').textContent",
        json!("HELLO, PNPM!"),
        LOAD,
    )
    .await;
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('#out')).color")
            .await,
        json!("rgb(1, 2, 3)"),
        "the package's own stylesheet applies"
    );
    assert_eq!(
        page.eval("fetch(document.querySelector('#out').dataset.badge).then(r => r.status + ' ' + r.headers.get('content-type'))")
            .await,
        json!("200 image/svg+xml"),
        "the package's asset URL answers"
    );
    assert_no_page_errors(&page, &server);
}

/// Inline `<script type="module">` in index.html is served as an `?html-proxy` module:
/// its bare imports resolve like any module's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_module_scripts_import_packages() {
    let dir = support::TempDir::new("inline-app");
    support::write_files(
        &dir.0,
        &[
            (
                "index.html",
                "<!doctype html><html><head><title>inline</title></head><body><p id=out>waiting</p>\n\
                 <script type=\"module\">\n  import { shout } from 'shouty'\n  import { tail } from './src/tail.js'\n  \
                 document.querySelector('#out').textContent = shout('inline') + tail + ' ' + import.meta.env.MODE\n</script>\n\
                 <script>window.classic = 1</script>\n</body></html>\n",
            ),
            ("src/tail.js", "export const tail = '!'\n"),
            (
                "node_modules/shouty/package.json",
                r#"{ "name": "shouty", "version": "1.0.0", "type": "module", "exports": "./index.js" }"#,
            ),
            (
                "node_modules/shouty/index.js",
                "export const shout = (s) => s.toUpperCase()\n",
            ),
        ],
    );
    let server = Server::start(&dir.0, &[]);
    let html = server.get("/").text();
    assert!(
        html.contains("src=\"/index.html?html-proxy&index=0.js\"")
            && html.contains("window.classic"),
        "{html}"
    );
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#out').textContent",
        json!("INLINE! development"),
        LOAD,
    )
    .await;
    assert_eq!(page.eval("window.classic").await, json!(1));
    assert_no_page_errors(&page, &server);
}

/// Reloads ask the server only for what changed: every module the page had is kept by the
/// browser under a content-versioned, immutable URL; an edit changes the URLs of the edited
/// module's importers and of nothing else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_fetches_only_what_changed() {
    let dir = support::fixture_copy("react-ts");
    let server = Server::start(&dir.0, &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    let rendered = |title: &'static str| {
        format!(
            "document.querySelector('#title')?.textContent === {title:?} && document.querySelector('#counter')?.textContent"
        )
    };
    page.wait_for_value(&rendered("Vite + React"), json!("count is 0"), LOAD)
        .await;
    let reload = |title: &'static str| {
        let page = &page;
        let expr = rendered(title);
        async move {
            let before = page.network_responses().len();
            page.eval("document.querySelector('#title').textContent = 'stale'")
                .await;
            page.call("Page.reload", json!({})).await;
            page.wait_for_value(&expr, json!("count is 0"), LOAD).await;
            page.network_responses()[before..]
                .iter()
                .map(|(s, u)| format!("{s} {u}"))
                .collect::<Vec<_>>()
        }
    };
    // Versions apply from the first load when the start-up crawl has finished before the
    // browser asks, else from the next one.
    reload("Vite + React").await;
    let all = page.network_responses();
    assert!(
        all.iter().any(|(_, u)| u.contains("/src/App.tsx?v=")),
        "{all:#?}"
    );
    let third = reload("Vite + React").await;
    // Modules and the images they import are not fetched at all.
    let is_module = |u: &&String| u.contains("/src/");
    let modules: Vec<&String> = third.iter().filter(is_module).collect();
    assert_eq!(
        modules.len(),
        1,
        "only the page's entry script is asked for again: {third:#?}"
    );
    assert!(modules[0].ends_with("/src/main.tsx"), "{modules:?}");
    assert!(
        !third.iter().any(|u| u.contains("/node_modules/")),
        "{third:#?}"
    );

    // Versioned answers are immutable; a version that is not current is not.
    let main = server.get("/src/main.tsx").text();
    let start = main
        .find("/src/App.tsx?v=")
        .expect("main names App by version");
    let app_url = &main[start..main[start..].find('"').unwrap() + start];
    let versioned = server.get(app_url);
    assert_eq!(
        versioned.header("cache-control"),
        Some("max-age=31536000, immutable"),
        "{app_url}"
    );
    let other = server.get("/src/App.tsx?v=0000000000");
    assert_eq!(other.header("cache-control"), Some("no-cache"));

    // An edit reaches the open page by HMR, and a reload fetches the edited module and its
    // importers, not its siblings.
    let app = dir.0.join("src/App.tsx");
    let source = std::fs::read_to_string(&app).unwrap();
    std::fs::write(&app, source.replace("Vite + React</h1>", "Edited</h1>")).unwrap();
    page.wait_for_value(
        "document.querySelector('#title')?.textContent",
        json!("Edited"),
        LOAD,
    )
    .await;
    let after_edit = reload("Edited").await;
    let modules: Vec<&String> = after_edit.iter().filter(is_module).collect();
    assert!(
        modules.iter().any(|u| u.contains("/src/App.tsx?t=")),
        "{after_edit:#?}"
    );
    assert!(
        !modules.iter().any(|u| u.contains(".css")),
        "unchanged siblings come from the cache: {after_edit:#?}"
    );
    let again = reload("Edited").await;
    assert!(again.iter().filter(is_module).count() <= 2, "{again:#?}");
    assert_no_page_errors(&page, &server);
}
