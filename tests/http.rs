//! The HTTP surface, request by request: URL forms, headers and errors.

mod support;

use std::time::Duration;
use support::{Server, TempDir, copy_dir, fixture};

#[test]
fn url_forms_headers_and_errors() {
    let tmp = TempDir::new("http");
    let app = tmp.0.join("app");
    copy_dir(&fixture("react-ts"), &app);
    std::fs::write(
        app.join("src/Broken.tsx"),
        "export const A = () => {\n  return 1 +;\n}\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/MissingImport.ts"),
        "import x from './nope'\nexport default x\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/UnknownPkg.ts"),
        "import x from 'left-pad-xyz'\nexport default x\n",
    )
    .unwrap();
    let server = Server::start(&app, &[]);

    // index.html: preamble first, then the client.
    let html = server.get("/");
    assert_eq!(html.status, 200);
    let body = html.text();
    let preamble = body
        .find("import { injectIntoGlobalHook } from \"/@react-refresh\"")
        .expect("preamble");
    let client = body
        .find("<script type=\"module\" src=\"/@vite/client\"></script>")
        .expect("client");
    assert!(preamble < client);
    assert!(body.contains("<title>Velocity React TS</title>"));

    // The client, the refresh runtime and a transformed module answer as JavaScript.
    for path in ["/@vite/client", "/@react-refresh", "/src/main.tsx"] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        assert!(
            r.header("content-type")
                .unwrap()
                .starts_with("text/javascript"),
            "{path}"
        );
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{path}");
    }
    let main = server.get("/src/main.tsx").text();
    assert!(
        !main.contains("!)"),
        "TypeScript non-null assertion removed"
    );
    assert!(
        main.contains("from \"/src/App.tsx\""),
        "relative import rewritten:\n{main}"
    );
    assert!(main.contains("import \"/src/index.css\""));
    assert!(
        main.contains("/node_modules/.vite/deps/react-dom_client.js?v="),
        "{main}"
    );
    assert!(main.contains("//# sourceMappingURL=data:application/json"));

    // ETag: a repeat request with If-None-Match is a 304.
    let first = server.get("/src/App.tsx");
    let etag = first.header("etag").unwrap().to_string();
    let again = server.request("GET", "/src/App.tsx", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // App.tsx: alias, JSON, SVG and public imports rewritten to fetchable URLs.
    let app_js = first.text();
    assert!(
        app_js.contains("\"/src/components/Card.tsx\""),
        "@/ alias:\n{app_js}"
    );
    assert!(app_js.contains("\"/src/facts.json?import\""));
    assert!(app_js.contains("\"/src/assets/react.svg?import\""));
    assert!(app_js.contains("$RefreshReg$"));
    assert!(app_js.contains("import.meta.hot = __vite__createHotContext(\"/src/App.tsx\")"));

    // Dependencies: immutable, ES modules.
    let dep_url = main
        .split('"')
        .find(|s| s.contains("react-dom_client.js?v="))
        .unwrap()
        .to_string();
    let dep = server.get(&dep_url);
    assert_eq!(dep.status, 200);
    assert_eq!(
        dep.header("cache-control"),
        Some("max-age=31536000, immutable")
    );

    // JSON, raw, url, CSS as JS and CSS as a stylesheet.
    assert!(
        server
            .get("/src/facts.json?import")
            .text()
            .contains("export const items")
    );
    assert!(
        server
            .get("/src/index.css?raw")
            .text()
            .starts_with("export default \"")
    );
    assert_eq!(
        server.get("/src/assets/react.svg?url").text(),
        "export default \"/src/assets/react.svg\";\n"
    );
    let css_js = server.get("/src/index.css").text();
    assert!(css_js.contains("__vite__updateStyle"));
    let sheet = server.request("GET", "/src/index.css", &[("Accept", "text/css,*/*;q=0.1")]);
    assert!(
        sheet
            .header("content-type")
            .unwrap()
            .starts_with("text/css")
    );
    assert!(sheet.text().contains("font-family"));
    let module_css = server.get("/src/components/Card.module.css").text();
    assert!(
        module_css.contains("export const card = \"_card_"),
        "{module_css}"
    );

    // public/ at the root, including files added while serving.
    let svg = server.get("/vite.svg");
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    std::fs::create_dir_all(app.join("public/data")).unwrap();
    std::fs::write(app.join("public/data/later.json"), "{\"later\":true}").unwrap();
    let later = support::wait_for(std::time::Duration::from_secs(10), || {
        let r = server.get("/data/later.json");
        (r.status == 200).then_some(r)
    })
    .expect("a public file added while serving is served");
    assert_eq!(later.text(), "{\"later\":true}");
    std::fs::remove_file(app.join("public/data/later.json")).unwrap();
    assert!(
        support::wait_for(std::time::Duration::from_secs(10), || {
            (server.get("/data/later.json").status == 404).then_some(())
        })
        .is_some(),
        "a removed public file is gone"
    );

    // Errors name the file, the position, the importer and the specifier.
    let broken = server.get("/src/Broken.tsx");
    assert_eq!(broken.status, 500);
    assert!(broken.text().contains("Broken.tsx:2:"), "{}", broken.text());
    assert!(
        broken.text().contains("> 2 |"),
        "code frame: {}",
        broken.text()
    );
    let missing = server.get("/src/MissingImport.ts");
    assert_eq!(missing.status, 500);
    assert!(
        missing
            .text()
            .contains("Failed to resolve import \"./nope\" from \"src/MissingImport.ts\""),
        "{}",
        missing.text()
    );
    let unknown = server.get("/src/UnknownPkg.ts");
    assert!(
        unknown.text().contains("Package \"left-pad-xyz\""),
        "{}",
        unknown.text()
    );
    assert!(unknown.text().contains("install"));

    // The server keeps serving after errors; secrets are never served.
    assert_eq!(server.get("/src/main.tsx").status, 200);
    let env = server.get("/.env");
    assert!(env.status == 403 || env.status == 404, "{}", env.status);
    assert!(!env.text().contains("SECRET_TOKEN"));
    assert!(
        !server
            .get("/src/../.env?raw")
            .text()
            .contains("SECRET_TOKEN")
    );

    // Unknown paths that look like client routes get the SPA page.
    let spa = server.request("GET", "/some/route", &[("Accept", "text/html")]);
    assert_eq!(spa.status, 200);
    assert!(spa.text().contains("/@vite/client"));
}

#[test]
fn base_redirects_and_hints() {
    let server = Server::start(&fixture("react-ts"), &["--base", "/app/"]);
    let r = server.get("/");
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some("/app/"));
    let r = server.get("/src/main.tsx");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("did you mean to visit /app/src/main.tsx"));
    let html = server.get("/app/").text();
    assert!(html.contains("src=\"/app/@vite/client\""));
    assert!(html.contains("src=\"/app/src/main.tsx\""));
    let main = server.get("/app/src/main.tsx").text();
    assert!(main.contains("from \"/app/src/App.tsx\""), "{main}");
}

/// A repeat request is answered from memory without looking at the file: an edit on disk
/// (no browser connected, so no HMR round trip) must still retire the cached answer.
#[test]
fn a_cached_module_is_answered_fresh_after_an_edit_on_disk() {
    let tmp = TempDir::new("http-fresh");
    let app = tmp.0.join("app");
    copy_dir(&fixture("react-ts"), &app);
    let file = app.join("src/edited.ts");
    std::fs::write(&file, "export const word = 'first'\n").unwrap();
    let server = Server::start(&app, &[]);
    for _ in 0..3 {
        let r = server.get("/src/edited.ts");
        assert_eq!(r.status, 200);
        assert!(r.text().contains("'first'"), "{}", r.text());
    }
    for (i, word) in ["second", "third", "fourth"].into_iter().enumerate() {
        // Same length each time, and within one second: size and mtime could not tell.
        std::fs::write(&file, format!("export const word = '{word:<6}'\n")).unwrap();
        let fresh = support::wait_for(std::time::Duration::from_secs(10), || {
            let r = server.get("/src/edited.ts");
            r.text().contains(&format!("'{word:<6}'")).then_some(r)
        });
        assert!(
            fresh.is_some(),
            "edit {i} ({word}) never reached the server"
        );
    }
    // Files in directories made while serving, at the top of the project and below src/.
    for dir in ["lib", "src/late"] {
        std::fs::create_dir_all(app.join(dir)).unwrap();
        let file = app.join(dir).join("made.ts");
        std::fs::write(
            &file,
            "export const made = 'before'
",
        )
        .unwrap();
        let url = format!("/{dir}/made.ts");
        let first = support::wait_for(std::time::Duration::from_secs(10), || {
            let r = server.get(&url);
            (r.status == 200).then_some(r)
        })
        .expect("a file made while serving is served");
        assert!(first.text().contains("'before'"), "{}", first.text());
        std::fs::write(&file, "export const made = 'after!'\n").unwrap();
        let fresh = support::wait_for(std::time::Duration::from_secs(10), || {
            let r = server.get(&url);
            r.text().contains("'after!'").then_some(r)
        });
        assert!(
            fresh.is_some(),
            "the edit of {url} never reached the server"
        );
    }
}

/// `@import` in a stylesheet: the imported sheet's rules come first, in the sheet served
/// to `<link>` and in the module that injects it; the `@import` itself is gone.
#[test]
fn css_imports_are_inlined_in_order() {
    let tmp = TempDir::new("http-css-import");
    let app = tmp.0.join("app");
    copy_dir(&fixture("react-ts"), &app);
    std::fs::write(
        app.join("src/base.css"),
        ".base-rule { color: rgb(1, 2, 3) }\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/sheet.css"),
        "@import './base.css';\n.own-rule { color: red }\n",
    )
    .unwrap();
    let server = Server::start(&app, &[]);
    let sheet = server.request("GET", "/src/sheet.css", &[("Accept", "text/css")]);
    assert_eq!(sheet.status, 200);
    assert_eq!(
        sheet.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    let module = server.get("/src/sheet.css?import");
    assert_eq!(module.status, 200);
    for (what, text) in [("stylesheet", sheet.text()), ("module", module.text())] {
        let base = text
            .find(".base-rule")
            .unwrap_or_else(|| panic!("{what}: {text}"));
        let own = text
            .find(".own-rule")
            .unwrap_or_else(|| panic!("{what}: {text}"));
        assert!(base < own, "{what}: imported rules first: {text}");
        assert!(!text.contains("@import"), "{what}: {text}");
    }

    // Media conditions wrap the imported rules; a URL the browser fetches itself stays an
    // `@import`, first; a cycle inlines each sheet once.
    std::fs::write(app.join("src/print.css"), ".print-rule { color: black }\n").unwrap();
    std::fs::write(
        app.join("src/a.css"),
        "@import './b.css';\n.a-rule { color: red }\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/b.css"),
        "@import './a.css';\n.b-rule { color: blue }\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/mixed.css"),
        "@import './print.css' print;\n@import 'https://fonts.example/x.css';\n@import './a.css';\n",
    )
    .unwrap();
    let mixed = server
        .request("GET", "/src/mixed.css", &[("Accept", "text/css")])
        .text();
    assert!(
        mixed.starts_with("@import url(\"https://fonts.example/x.css\");"),
        "{mixed}"
    );
    let print = mixed.find("@media print").expect(&mixed);
    assert!(mixed[print..].contains(".print-rule"), "{mixed}");
    assert_eq!(mixed.matches(".a-rule").count(), 1, "{mixed}");
    assert_eq!(mixed.matches(".b-rule").count(), 1, "{mixed}");

    // A sheet that is not there is an error naming it and its importer.
    std::fs::write(app.join("src/broken.css"), "@import './nope.css';\n").unwrap();
    let broken = server.request("GET", "/src/broken.css", &[("Accept", "text/css")]);
    assert!(broken.status >= 400, "{}", broken.status);
    assert!(
        broken.text().contains("nope.css") && broken.text().contains("broken.css"),
        "{}",
        broken.text()
    );
    // A package's script is not a stylesheet.
    std::fs::write(app.join("src/pkg.css"), "@import 'react';\n").unwrap();
    let pkg = server.request("GET", "/src/pkg.css", &[("Accept", "text/css")]);
    assert!(pkg.status >= 400, "{}", pkg.status);
    assert!(pkg.text().contains("not a stylesheet"), "{}", pkg.text());
    assert_eq!(
        server.get("/src/sheet.css?import").status,
        200,
        "still serving"
    );

    // CSS reads a bare name as relative, first: `@import "base.css"` and `url(img/dot.svg)`
    // name files beside the sheet (a sheet injected by a script must not leave its
    // `url()` relative to the page).
    std::fs::create_dir_all(app.join("src/img")).unwrap();
    std::fs::write(
        app.join("src/img/dot.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(
        app.join("src/bare.css"),
        "@import \"base.css\";\n.bare-rule { background: url(img/dot.svg) }\n",
    )
    .unwrap();
    let bare = server.get("/src/bare.css?import");
    assert_eq!(bare.status, 200, "{}", bare.text());
    assert!(bare.text().contains(".base-rule"), "{}", bare.text());
    assert!(bare.text().contains("/src/img/dot.svg"), "{}", bare.text());
    // A package name finds the package's stylesheet: its `style` field, or its `style`
    // export condition, not its script.
    let vendor = app.join("src/vendor");
    for (name, manifest, sheet) in [
        (
            "field-pkg",
            r#"{"name":"field-pkg","main":"index.js","style":"theme.css"}"#,
            "theme.css",
        ),
        (
            "cond-pkg",
            r#"{"name":"cond-pkg","exports":{".":{"style":"./c.css","default":"./c.js"}}}"#,
            "c.css",
        ),
    ] {
        let dir = vendor.join("node_modules").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("package.json"), manifest).unwrap();
        std::fs::write(dir.join("index.js"), "export default 1;\n").unwrap();
        std::fs::write(dir.join("c.js"), "export default 1;\n").unwrap();
        let rule = format!(".{name}-rule {{ color: teal }}\n");
        std::fs::write(dir.join(sheet), rule).unwrap();
    }
    std::fs::write(
        vendor.join("themed.css"),
        "@import 'field-pkg';\n@import \"cond-pkg\";\n",
    )
    .unwrap();
    let themed = server.request("GET", "/src/vendor/themed.css", &[("Accept", "text/css")]);
    assert_eq!(themed.status, 200, "{}", themed.text());
    for rule in [".field-pkg-rule", ".cond-pkg-rule"] {
        assert!(themed.text().contains(rule), "{rule}: {}", themed.text());
    }
}

/// A package's stylesheet is served as a file, also when `node_modules` is linked in
/// from outside the project (a shared install): bundling it would fail the whole
/// dependency bundle.
#[test]
fn package_stylesheets_are_served_from_a_linked_node_modules() {
    let tmp = TempDir::new("http-package-css");
    let app = tmp.0.join("app");
    copy_dir(&fixture("deps"), &app);
    assert!(
        std::fs::symlink_metadata(app.join("node_modules"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let server = Server::start(&app, &[]);
    let main = server.get("/src/main.tsx");
    assert_eq!(main.status, 200, "{}", main.text());
    let text = main.text();
    let at = text.find("modern-normalize.css").expect(&text);
    let start = text[..at].rfind('"').expect(&text) + 1;
    let end = at + text[at..].find('"').expect(&text);
    let css_url = &text[start..end];
    assert!(!css_url.contains(".vite/deps"), "{css_url}");
    let css = server.get(css_url);
    assert_eq!(css.status, 200, "{css_url}: {}", css.text());
    assert!(css.text().contains("updateStyle"), "{}", css.text());
    assert!(css.text().contains("margin: 0"), "{}", css.text());
    let sheet = server.request("GET", css_url, &[("Accept", "text/css")]);
    assert_eq!(sheet.status, 200);
    assert_eq!(
        sheet.header("content-type"),
        Some("text/css; charset=utf-8")
    );
}

/// A package's script asked for as `?url` or `?raw` (a worker's URL, say) is that file,
/// not the package bundled as a module.
#[test]
fn package_files_asked_for_by_url_or_text_are_not_bundled() {
    let tmp = TempDir::new("http-package-query");
    let app = tmp.0.join("app");
    copy_dir(&fixture("react-ts"), &app);
    std::fs::write(
        app.join("src/q.ts"),
        "import u from 'react/jsx-runtime?url'\nimport raw from 'react/jsx-runtime?raw'\nexport { u, raw }\n",
    )
    .unwrap();
    let server = Server::start(&app, &[]);
    let q = server.get("/src/q.ts");
    assert_eq!(q.status, 200, "{}", q.text());
    let text = q.text();
    assert!(!text.contains(".vite/deps"), "{text}");
    let urls: Vec<&str> = text
        .split('"')
        .filter(|s| s.contains("jsx-runtime"))
        .collect();
    let url_form = urls.iter().find(|u| u.contains("?url")).expect(&text);
    let raw_form = urls.iter().find(|u| u.contains("?raw")).expect(&text);
    let url_module = server.get(url_form).text();
    assert!(
        url_module.starts_with("export default \"") && url_module.contains("jsx-runtime.js"),
        "{url_module}"
    );
    let raw_module = server.get(raw_form).text();
    assert!(raw_module.contains("module.exports"), "{raw_module}");
}

/// `import.meta.glob` expands to Vite's object: keys relative to the importer for
/// relative patterns and root paths otherwise, aliases applied, `base` honoured, files
/// the policy hides left out, and a call that is not literal answers a clear error.
#[test]
fn glob_imports_expand_the_way_vite_writes_them() {
    let tmp = TempDir::new("http-glob");
    let app = tmp.0.join("app");
    support::write_files(
        &app,
        &[
            (
                "index.html",
                "<script type=module src=/src/main.ts></script>\n",
            ),
            (
                "vite.config.ts",
                "import { defineConfig } from 'vite'\nimport path from 'path'\nexport default defineConfig({ resolve: { alias: { '@': path.resolve(__dirname, './src') } } })\n",
            ),
            (
                "src/main.ts",
                "export const a = import.meta.glob<{ n: number }>('@/mods/*.ts')\n\
                 export const b = import.meta.glob('./**/*.json', { base: './mods', eager: true, import: 'default' })\n\
                 export const c = import.meta.glob('/src/mods/{one,two}.ts', { query: { lang: 'en' } })\n\
                 export const d = import.meta.glob('/*')\n",
            ),
            ("src/mods/one.ts", "export const n = 1\n"),
            ("src/mods/two.ts", "export const n = 2\n"),
            ("src/mods/deep/data.json", "{ \"x\": 1 }\n"),
            (
                "src/bad.ts",
                "const dir = './mods'\nexport const e = import.meta.glob(dir + '/*.ts')\n",
            ),
            (".env.local", "SECRET=1\n"),
        ],
    );
    let server = Server::start(&app, &[]);
    let main = server.get("/src/main.ts");
    assert_eq!(main.status, 200, "{}", main.text());
    let code = main.text();
    assert!(
        code.contains(
            "a = Object.assign({\"/src/mods/one.ts\": () => import(\"/src/mods/one.ts\"), \"/src/mods/two.ts\": () => import(\"/src/mods/two.ts\")})"
        ),
        "{code}"
    );
    assert!(
        code.contains(
            "import { default as __vite_glob_1_0 } from \"/src/mods/deep/data.json?import"
        ) && code.contains("b = Object.assign({\"./deep/data.json\": __vite_glob_1_0})"),
        "{code}"
    );
    assert!(
        code.contains("\"/src/mods/one.ts\": () => import(\"/src/mods/one.ts?lang=en\")"),
        "{code}"
    );
    // The root's own files: the page and the config, never the env file.
    assert!(code.contains("\"/index.html\""), "{code}");
    assert!(!code.contains(".env"), "{code}");
    let bad = server.get("/src/bad.ts");
    assert_eq!(bad.status, 500);
    assert!(
        bad.text().contains("Invalid glob import syntax") && bad.text().contains("/src/bad.ts"),
        "{}",
        bad.text()
    );
    assert_eq!(server.get("/src/main.ts").status, 200, "still serving");
}

/// A Sass error answers 500 with the file, line, column and frame of the partial it is
/// in, and a `<link>`ed SCSS sheet is served as CSS.
#[test]
fn sass_errors_name_the_partial_and_linked_sheets_are_css() {
    let tmp = TempDir::new("http-sass");
    let app = tmp.0.join("app");
    support::write_files(
        &app,
        &[
            ("index.html", "<link rel=stylesheet href=/src/site.scss>\n"),
            ("src/site.scss", "$w: 3px;\nbody { margin: $w; }\n"),
            ("src/bad.scss", "@use 'broken';\n"),
            ("src/_broken.scss", "a {\n  color: $missing;\n}\n"),
        ],
    );
    let server = Server::start(&app, &[]);
    let sheet = server.request("GET", "/src/site.scss", &[("Accept", "text/css")]);
    assert_eq!(sheet.status, 200, "{}", sheet.text());
    assert_eq!(
        sheet.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert!(sheet.text().contains("margin: 3px"), "{}", sheet.text());
    let bad = server.get("/src/bad.scss");
    assert_eq!(bad.status, 500);
    let text = bad.text();
    assert!(
        text.contains("_broken.scss:2:10: Undefined variable.") && text.contains("color: $missing"),
        "{text}"
    );
    assert_eq!(server.get("/src/site.scss").status, 200, "still serving");
}

/// A sheet with a rule the browser would drop is served without it (not as a 500 that
/// unstyles the page), and the module that injects it says so in the console.
#[test]
fn css_a_browser_would_half_accept_is_served() {
    let tmp = TempDir::new("http-css-recover");
    let app = tmp.0.join("app");
    support::write_files(
        &app,
        &[
            (
                "index.html",
                "<script type=module src=/src/main.js></script>\n",
            ),
            ("src/main.js", "import './site.css'\nimport './tw.css'\n"),
            (
                "src/site.css",
                ".a\\:b { color: red }\n..typo { color: blue }\n.ok { margin: 0 }\n",
            ),
            // An `@apply` of a class that does not exist (Tailwind fails the build).
            ("src/tw.css", ".a {\n  @apply p-2 no-such-class;\n}\n"),
        ],
    );
    let server = Server::start(&app, &[]);
    let sheet = server.request("GET", "/src/site.css", &[("Accept", "text/css")]);
    assert_eq!(sheet.status, 200, "{}", sheet.text());
    let text = sheet.text();
    assert!(
        text.contains("color: red") && text.contains("margin: 0"),
        "{text}"
    );
    assert!(!text.contains("typo"), "{text}");
    let module = server.get("/src/site.css?import");
    assert_eq!(module.status, 200, "{}", module.text());
    assert!(
        module
            .text()
            .contains("console.warn(\"[velocity] src/site.css:2:"),
        "{}",
        module.text()
    );
    let tw = server.get("/src/tw.css?import");
    assert_eq!(tw.status, 200, "{}", tw.text());
    let text = tw.text();
    assert!(text.contains("padding: 0.5rem"), "{text}");
    assert!(
        text.contains("console.warn(\"[velocity] src/tw.css:2:14: `no-such-class` in @apply"),
        "{text}"
    );
    // The log line is read from the child's stderr by another thread: wait for it.
    let logged = support::wait_for(Duration::from_secs(10), || {
        server
            .log()
            .contains("`no-such-class` in @apply")
            .then_some(())
    });
    assert!(logged.is_some(), "the log says it too:\n{}", server.log());
}

/// A Sass sheet that never finishes compiling answers 500 after its deadline, at once the
/// next time, and the server keeps serving meanwhile.
#[test]
fn runaway_sass_sheets_are_stopped_and_leave_nothing_running() {
    let tmp = TempDir::new("http-sass-loop");
    let app = tmp.0.join("app");
    support::write_files(
        &app,
        &[
            ("index.html", "<p>x</p>\n"),
            ("src/loop.scss", "$i: 0;\n@while $i < 1 {\n  $j: 1;\n}\n"),
            (
                "src/emit.scss",
                "$i: 0;\n@while true {\n  .a#{$i} { color: red; }\n  $i: $i + 1;\n}\n",
            ),
            (
                "src/grow.scss",
                "$s: \"xxxx\";\n@while true {\n  $s: $s + $s;\n}\n",
            ),
            ("src/fine.scss", "a { color: red; }\n"),
            ("src/_spin.scss", "$i: 0;\n@while $i < 1 {\n  $j: 1;\n}\n"),
            ("src/uses.scss", "@import 'spin';\n.b { color: green; }\n"),
        ],
    );
    let server = Server::start(&app, &[]);
    let port = server.port;
    let slow = std::thread::spawn(move || support::http(port, "GET", "/src/loop.scss", &[]));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let fine = server.get("/src/fine.scss");
    assert_eq!(fine.status, 200, "served while the other sheet spins");
    let slow = slow.join().unwrap();
    assert_eq!(slow.status, 500);
    assert!(slow.text().contains("did not finish"), "{}", slow.text());
    assert!(
        !slow.text().contains("not compiled again"),
        "{}",
        slow.text()
    );
    // Refused at once: no second compile, so no second stray thread.
    let again = server.get("/src/loop.scss");
    assert_eq!(again.status, 500);
    assert!(
        again
            .text()
            .contains("not compiled again until a Sass file changes"),
        "{}",
        again.text()
    );
    // A loop that emits rules (memory grows with it) and one whose value doubles: each
    // compile is stopped, at the deadline or at its memory ceiling.
    for sheet in ["/src/emit.scss", "/src/grow.scss"] {
        let r = server.get(sheet);
        assert_eq!(r.status, 500, "{sheet}");
        let text = r.text();
        assert!(
            text.contains("did not finish") || text.contains("ran out of memory"),
            "{sheet}: {text}"
        );
    }
    assert_eq!(server.get("/src/fine.scss").status, 200);
    // Nothing of the three compiles is left running, and the server stayed small.
    let pid = server.pid();
    let threads: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
        .map(|c| c.trim().to_string())
        .collect();
    assert!(
        !threads.iter().any(|c| c == "sass"),
        "a compile is left spinning on a thread: {threads:?}"
    );
    let children: Vec<String> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|p| std::fs::read_to_string(p.path().join("stat")).ok())
        .filter(|stat| {
            let after_name = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
            after_name.split(' ').nth(1) == Some(pid.to_string().as_str())
        })
        .collect();
    assert!(children.is_empty(), "compiles left running: {children:?}");
    assert!(
        server.rss_kib() < 300 * 1024,
        "the server grew to {} KiB",
        server.rss_kib()
    );
    // A sheet whose partial loops is refused until the partial is mended.
    assert_eq!(server.get("/src/uses.scss").status, 500);
    assert_eq!(server.get("/src/uses.scss").status, 500);
    std::fs::write(app.join("src/_spin.scss"), "$c: blue;\n").unwrap();
    let mended = support::wait_for(std::time::Duration::from_secs(10), || {
        let r = server.get("/src/uses.scss");
        (r.status == 200).then_some(r)
    });
    assert!(mended.is_some_and(|r| r.text().contains("green")));
}
