//! The in-place pass against lightningcss on the same input: the same dependencies, the
//! same class map, and the same stylesheet once both are printed by lightningcss.

use super::super::{CssOptions, CssOutput, transform_css, transform_with_lightningcss};
use super::{module_hash, transform};

fn options(module: bool) -> CssOptions {
    CssOptions {
        module,
        source_map: true,
        ..CssOptions::default()
    }
}

fn normalised(css: &str) -> String {
    use lightningcss::printer::PrinterOptions;
    use lightningcss::stylesheet::{ParserOptions, StyleSheet};
    let sheet =
        StyleSheet::parse(css, ParserOptions::default()).unwrap_or_else(|e| panic!("{e}: {css}"));
    sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .unwrap()
        .code
}

fn finished(out: &CssOutput) -> String {
    out.finish(|d| (!d.is_import).then(|| format!("/r/{}", d.url)))
        .0
}

/// Asserts the in-place pass takes `source` and agrees with lightningcss.
fn agrees(filename: &str, source: &str) {
    let module = filename.ends_with(".module.css");
    let ours = transform(filename, source, module, true)
        .unwrap_or_else(|| panic!("{filename}: not handled in place:\n{source}"));
    let theirs = transform_with_lightningcss(filename, source, &options(module)).unwrap();
    assert_eq!(ours.dependencies, theirs.dependencies, "{filename}");
    assert_eq!(ours.exports, theirs.exports, "{filename}");
    assert_eq!(
        normalised(&finished(&ours)),
        normalised(&finished(&theirs)),
        "{filename}:\n{}",
        finished(&ours)
    );
}

const CASES: &[(&str, &str)] = &[
    (
        "src/a.css",
        "@charset \"utf-8\";\n@import './base.css';\n@import url(./more.css);\n@import url(\"x.css\");\n\
         /* note */\n.a { color: red; background: url( ./img.png ) no-repeat }\n\
         @font-face { font-family: X; src: url('f.woff2') format(\"woff2\"), url(f.woff); }\n\
         @media (min-width: 600px) { .a > .b:hover, #c { margin: -.5em 10% !important } }\n\
         @keyframes spin { from { transform: rotate(0) } 50%, to { transform: rotate(1turn) } }\n\
         :root { --brand: #0af; --pad: calc(1rem + 2px) }\n\
         a[href^='http'] :is(.x, .y)::after { content: \"}\" }\n",
    ),
    (
        "src/Card.module.css",
        ".card { display: flex;\n  & .title { font-weight: 600 }\n  &:hover { color: red }\n  \
         @media (max-width: 10px) { padding: 0 }\n}\n\
         #hero:not(.card) .title, .other ~ .card { background: url(bg.svg) }\n\
         li:nth-child(2n + 1 of .card) { color: blue }\n\
         @supports (display: grid) { .wrap { display: block } }\n",
    ),
    (
        "src/b.css",
        "@layer base, theme;\n@layer base { html, body { margin: 0 } * { box-sizing: border-box } }\n\
         :root { --bg: url(/bg.png); --x: 1 }\n\
         a[target=_blank]::after, input::placeholder { content: \"\\201C\" }\n\
         @font-face { font-family: Y; src: local(Y), url(y.woff2); unicode-range: U+0025-00FF }\n\
         @supports not (display: grid) { @media screen { .z { float: left } } }\n\
         .i { color: red !important; filter: drop-shadow(0 0 1px #000) }\n",
    ),
    (
        "src/c.module.css",
        ":root { --brand: red }\n.a, .b .c, #d > .a { color: var(--brand) }\n\
         .e::before { content: '.f' }\n.g[data-x='.h'] { margin: .5em }\n\
         @layer ui { .a { padding: 0 } }\n",
    ),
    ("src/empty.css", ""),
    ("src/x.module.css", "/* only a comment */\n"),
];

#[test]
fn agrees_with_lightningcss() {
    for (filename, source) in CASES {
        agrees(filename, source);
    }
}

#[test]
fn every_fixture_and_bench_sheet_is_handled_in_place() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = vec![root.join("benches/inputs/styles-500.module.css")];
    for fixture in std::fs::read_dir(root.join("fixtures")).unwrap().flatten() {
        let mut dirs = vec![fixture.path().join("src")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "css") {
                    files.push(p);
                }
            }
        }
    }
    assert!(files.len() > 4, "{files:?}");
    for f in files {
        let source = std::fs::read_to_string(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        agrees(&format!("src/{name}"), &source);
    }
}

#[test]
fn what_it_does_not_model_goes_to_lightningcss() {
    let cases = [
        ("a.module.css", ":global(.x) .a { color: red }"),
        ("a.module.css", ".a { composes: b from './b.css' }"),
        ("a.module.css", ".a { animation: spin 1s }"),
        ("a.module.css", "@keyframes spin { to { opacity: 0 } }"),
        ("a.module.css", ".a { grid-area: main }"),
        (
            "a.module.css",
            "@supports selector(.a:has(.b)) { .a { color: red } }",
        ),
        ("a.css", ".a\\:b { color: red }"),
        ("a.css", "@import url(x.css) screen;"),
        ("a.css", ".a { color: red }\n@import 'late.css';"),
        ("a.css", ".a { b:hover { color: red } }"),
        ("a.css", ".a { background: image-set('a.png' 1x) }"),
        ("a.css", "@unknown-rule { x: y }"),
        ("a.css", ".a { color: red } }"),
        ("a.css", "..bad { color: red }"),
    ];
    for (filename, source) in cases {
        let module = filename.ends_with(".module.css");
        assert!(
            transform(filename, source, module, false).is_none(),
            "{source}"
        );
        // And the public entry answers as lightningcss does.
        let public = transform_css(filename, source, &options(module));
        let direct = transform_with_lightningcss(filename, source, &options(module));
        assert_eq!(public.is_ok(), direct.is_ok(), "{source}");
        if let (Ok(a), Ok(b)) = (public, direct) {
            assert_eq!(finished(&a), finished(&b), "{source}");
        }
    }
}

#[test]
fn the_end_of_the_sheet_closes_its_blocks() {
    agrees(
        "src/open.module.css",
        ".a { color: red;\n  & .b { color: blue",
    );
    let out = transform(
        "src/open.css",
        "@media print { .a { color: red",
        false,
        false,
    )
    .unwrap();
    let code = finished(&out);
    assert_eq!(
        normalised(&format!("{code}\n.z{{color:red}}")),
        "@media print{.a{color:red}}.z{color:red}"
    );
}

/// lightningcss refuses a relative `url()` in a custom property; Vite resolves it against
/// the sheet, and so does the in-place pass.
#[test]
fn a_relative_url_in_a_custom_property_is_resolved_like_any_other() {
    let source = ":root { --bg: url(./bg.png) }\n.a { background: var(--bg) }\n";
    assert!(transform_with_lightningcss("src/v.css", source, &options(false)).is_err());
    let out = transform_css("src/v.css", source, &options(false)).unwrap();
    assert_eq!(out.dependencies[0].url, "./bg.png");
    assert!(
        finished(&out).contains("--bg: url(\"/r/./bg.png\")"),
        "{}",
        finished(&out)
    );
}

#[test]
fn module_names_are_lightningcss_names() {
    for name in [
        "src/a.module.css",
        "x.module.css",
        "src/components/Ünïcode.module.css",
        "",
    ] {
        let theirs = transform_with_lightningcss(name, ".k {}", &options(true)).unwrap();
        let exports = theirs.exports.unwrap();
        assert_eq!(exports["k"], format!("_k_{}", module_hash(name)), "{name}");
    }
}

#[test]
fn the_map_points_at_the_source() {
    let source = "@import './base.css';\n.card {\n  background: url(./a.png);\n  & .title { color: red }\n}\n";
    let out = transform("src/Card.module.css", source, true, true).unwrap();
    let (code, map) = out.finish(|_| Some("/src/a.png".into()));
    let map = map.unwrap();
    let at = code.find("_title_").unwrap();
    let line = code[..at].matches('\n').count() as u32;
    let col = (at - code[..at].rfind('\n').map_or(0, |i| i + 1)) as u32;
    let table = map.generate_lookup_table();
    let token = map.lookup_token(&table, line, col).unwrap();
    assert_eq!(
        (token.get_src_line(), token.get_src_col()),
        (3, 5),
        "{code}"
    );
    assert!(code.contains("url(\"/src/a.png\")"), "{code}");
    assert!(!code.contains("@import"), "{code}");
}

/// Every prefix of the cases: the pass never panics, and whatever it takes agrees with
/// lightningcss wherever lightningcss accepts the same text.
#[test]
fn every_prefix_agrees_or_falls_back() {
    let mut taken = 0;
    for (filename, source) in CASES {
        let module = filename.ends_with(".module.css");
        for end in (0..=source.len()).filter(|&e| source.is_char_boundary(e)) {
            let prefix = &source[..end];
            let Some(ours) = transform(filename, prefix, module, true) else {
                continue;
            };
            taken += 1;
            let Ok(theirs) = transform_with_lightningcss(filename, prefix, &options(module)) else {
                continue;
            };
            assert_eq!(ours.dependencies, theirs.dependencies, "{prefix}");
            assert_eq!(ours.exports, theirs.exports, "{prefix}");
            assert_eq!(
                normalised(&finished(&ours)),
                normalised(&finished(&theirs)),
                "{prefix}"
            );
        }
    }
    assert!(taken > 200, "{taken}");
}
