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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_update_the_page_in_place() {
    let app = fixture_copy("react-ts");
    let server = Server::start(&app.0, &[]);
    let browser = Browser::launch().await;
    let page = browser.new_page().await;
    page.goto(&server.url("/")).await;
    page.wait_for_value(
        "document.querySelector('#counter')?.textContent",
        json!("count is 0"),
        WAIT,
    )
    .await;
    // Wait for the HMR socket before editing.
    page.wait_for_value(
        "performance.getEntriesByType('resource').some(e => e.name.includes('@vite/client'))",
        json!(true),
        WAIT,
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    page.eval("window.__marker = 'kept'").await;
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

    let errors: Vec<String> = page
        .errors()
        .into_iter()
        .filter(|e| !e.contains("App.tsx") && !e.contains("Failed to reload") && !e.contains("500"))
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
}
