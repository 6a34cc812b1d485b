use super::*;

const COUNTER_TSX: &str = r#"import { useState, type ReactNode } from 'react'
import type { Props } from './types'
import './App.css'

interface CounterProps {
  label: string
  children?: ReactNode
}

export function Counter({ label }: CounterProps) {
  const [count, setCount] = useState<number>(0)
  const marker = count satisfies number
  return <button onClick={() => setCount((c) => c + 1)}>{label} {marker}</button>
}

export default function App(props: Props) {
  return <Counter label="count" />
}
"#;

fn opts() -> ScriptOptions {
    ScriptOptions::default()
}

fn js_parses(code: &str) -> bool {
    let allocator = oxc::allocator::Allocator::default();
    let ret = oxc::parser::Parser::new(&allocator, code, oxc::span::SourceType::mjs()).parse();
    ret.diagnostics.is_empty() && !ret.panicked
}

#[test]
fn tsx_component_becomes_plain_js_with_refresh() {
    let out = transform_script("/src/App.tsx", COUNTER_TSX, &opts()).unwrap();
    assert!(
        js_parses(&out.code),
        "output must be plain JS:\n{}",
        out.code
    );
    assert!(!out.code.contains("interface"));
    assert!(!out.code.contains("satisfies"));
    assert!(!out.code.contains("./types"), "type-only import must go");
    assert!(out.code.contains("from \"react/jsx-dev-runtime\""));
    assert!(out.code.contains("$RefreshReg$(_c, \"Counter\")"));
    assert!(out.code.contains("$RefreshSig$()"));
    assert!(out.refresh.registers_components);
    assert_eq!(out.refresh.export_count, 2);
    assert!(out.refresh.all_exports_components);
    insta::assert_snapshot!("tsx_component", out.code);
}

#[test]
fn typescript_only_syntax_is_stripped_the_way_tsc_emits() {
    let src = r#"
import type { A } from './a'
export type { B } from './b'
export type T = string
enum Color { Red, Green = 5, Blue }
namespace NS { export const x = 1 }
class Point {
  constructor(public x: number, private readonly y: number) {}
}
const cfg = { a: 1 } satisfies Record<string, number>
export { Color, NS, Point, cfg }
"#;
    let out = transform_script("/src/ts.ts", src, &opts()).unwrap();
    assert!(js_parses(&out.code));
    insta::assert_snapshot!("typescript_strip", out.code);
}

#[test]
fn jsx_import_source_is_configurable() {
    let options = ScriptOptions {
        jsx_import_source: "preact".into(),
        ..opts()
    };
    let out = transform_script("/src/a.jsx", "export const A = () => <div/>", &options).unwrap();
    assert!(
        out.code.contains("from \"preact/jsx-dev-runtime\""),
        "{}",
        out.code
    );
}

#[test]
fn refresh_can_be_turned_off() {
    let options = ScriptOptions {
        refresh: false,
        ..opts()
    };
    let out = transform_script("/src/App.tsx", COUNTER_TSX, &options).unwrap();
    assert!(!out.code.contains("$RefreshReg$"));
    assert!(!out.refresh.registers_components);
}

#[test]
fn mixed_exports_are_not_all_components() {
    let src = "export const helper = 1;\nexport function Button() { return <b/> }\n";
    let out = transform_script("/src/b.jsx", src, &opts()).unwrap();
    assert_eq!(out.refresh.export_count, 2);
    assert!(!out.refresh.all_exports_components);
}

#[test]
fn source_map_points_back_to_original_position() {
    let out = transform_script("/src/App.tsx", COUNTER_TSX, &opts()).unwrap();
    let map = out.map.expect("a map");
    // `marker` is declared on line 12 (1-based), column 9 of the original.
    let needle = "const marker";
    let offset = out.code.find(needle).unwrap() + "const ".len();
    let (line, col) = line_col(&out.code, offset);
    let table = map.generate_lookup_table();
    let token = map.lookup_token(&table, line - 1, col - 1).expect("token");
    assert_eq!((token.get_src_line() + 1, token.get_src_col() + 1), (12, 9));
    assert_eq!(map.get_source(0), Some("/src/App.tsx"));
}

#[test]
fn import_meta_env_is_replaced_with_sorted_object() {
    let mut vars = std::collections::BTreeMap::new();
    vars.insert("VITE_NAME".to_string(), "velocity".to_string());
    let options = ScriptOptions {
        defines: EnvDefines::development("/app/", &vars),
        ..opts()
    };
    let src = "console.log(import.meta.env.VITE_NAME, import.meta.env.MISSING, import.meta.env, process.env.NODE_ENV)";
    let out = transform_script("/src/env.ts", src, &options).unwrap();
    insta::assert_snapshot!("env_defines", out.code);
}

#[test]
fn scan_finds_every_import_form_with_output_ranges() {
    let src = r#"import React, { useState as useS } from 'react'
import * as ns from './ns.js'
import './side.css'
export { a, b as c } from './re.js'
export * from './all.js'
const lazy = () => import('./lazy.tsx')
const dynamic = (n) => import(`./pages/${n}.tsx`)
const url = new URL('./logo.png', import.meta.url)
const mods = import.meta.glob('./dir/*.ts')
if (import.meta.hot) {
  import.meta.hot.accept('./dep.js', () => {})
}
export default function X() { return useS, ns, React, lazy, dynamic, url, mods }
"#;
    let out = transform_script(
        "/src/scan.js",
        src,
        &ScriptOptions {
            refresh: false,
            ..opts()
        },
    )
    .unwrap();
    for r in &out.imports {
        match r.kind {
            ImportKind::Glob | ImportKind::DynamicExpression => {}
            _ => {
                // The specifier with its quotes, as the user wrote them.
                let text = &out.code[r.range.clone()];
                assert_eq!(&text[1..text.len() - 1], r.specifier);
            }
        }
    }
    let kinds: Vec<_> = out
        .imports
        .iter()
        .map(|r| (r.kind, r.specifier.as_str()))
        .collect();
    insta::assert_debug_snapshot!("scan_kinds", kinds);
    assert!(out.hot.uses_hot);
    assert_eq!(out.hot.accepted_deps, vec!["./dep.js".to_string()]);
    assert!(!out.hot.self_accepts);
    let react = &out.imports[0];
    let b = react.bindings.as_ref().unwrap();
    assert_eq!(b.default.as_deref(), Some("React"));
    assert_eq!(b.named, vec![("useState".to_string(), "useS".to_string())]);
    assert_eq!(
        &out.code[react.statement.clone().unwrap()],
        "import React, { useState as useS } from 'react'"
    );
}

#[test]
fn fast_and_exact_locating_agree() {
    // Locating applies to codegen's output: the full pipeline's.
    let allocator = oxc::allocator::Allocator::default();
    let st = oxc::span::SourceType::tsx();
    let parsed = oxc::parser::Parser::new(&allocator, COUNTER_TSX, st).parse();
    let out = crate::script::full_pipeline(
        &allocator,
        "/src/App.tsx",
        COUNTER_TSX,
        st,
        parsed.program,
        &opts(),
    )
    .unwrap();
    let allocator = oxc::allocator::Allocator::default();
    let parsed =
        oxc::parser::Parser::new(&allocator, &out.code, oxc::span::SourceType::mjs()).parse();
    let (found, _) = scan::scan_program(&parsed.program, true);
    let (fast, exact) = locate::both(&out.code, &found);
    assert_eq!(fast.expect("fast path answers"), exact);
}

#[test]
fn self_accept_is_detected() {
    let out = transform_script("/src/a.js", "import.meta.hot.accept((m) => {})", &opts()).unwrap();
    assert!(out.hot.self_accepts && out.hot.uses_hot);
}

#[test]
fn edits_rewrite_specifiers_and_keep_the_map() {
    let out = transform_script("/src/App.tsx", COUNTER_TSX, &opts()).unwrap();
    let mut edits = Edits::new(&out.code);
    edits.insert(0, "import.meta.hot = createHotContext(\"/src/App.tsx\");\n");
    for r in &out.imports {
        edits.replace(
            r.range.clone(),
            format!("\"/node_modules/.vite/deps/{}.js?v=12345678\"", r.specifier),
        );
    }
    let (code, map) = edits.apply(out.map.as_ref());
    assert!(code.contains("from \"/node_modules/.vite/deps/react.js?v=12345678\""));
    let map = map.unwrap();
    let offset = code.find("const marker").unwrap() + "const ".len();
    let (line, col) = line_col(&code, offset);
    let table = map.generate_lookup_table();
    let token = map.lookup_token(&table, line - 1, col - 1).expect("token");
    assert_eq!((token.get_src_line() + 1, token.get_src_col() + 1), (12, 9));
}

#[test]
fn edits_shift_columns_on_the_same_line() {
    let code = "import a from \"x\"; foo();";
    let src = "import a from 'x'; foo();";
    let out = transform_script(
        "/a.js",
        src,
        &ScriptOptions {
            refresh: false,
            ..opts()
        },
    )
    .unwrap();
    assert!(out.code.starts_with("import a from 'x';"), "{}", out.code);
    let _ = code;
    let r = &out.imports[0];
    let mut edits = Edits::new(&out.code);
    edits.replace(r.range.clone(), "\"/a/much/longer/url.js\"");
    let (new_code, map) = edits.apply(out.map.as_ref());
    let map = map.unwrap();
    let offset = new_code.find("foo").unwrap();
    let (line, col) = line_col(&new_code, offset);
    let table = map.generate_lookup_table();
    let t = map.lookup_token(&table, line - 1, col - 1).unwrap();
    let (sl, sc) = line_col(src, src.find("foo").unwrap());
    assert_eq!((t.get_src_line() + 1, t.get_src_col() + 1), (sl, sc));
}

#[test]
fn cjs_interop_matches_vite() {
    let b = ImportBindings {
        default: Some("React".into()),
        namespace: None,
        named: vec![("useState".into(), "useState".into())],
    };
    let (stmt, consts) = cjs_import_interop(
        0,
        "react",
        "/node_modules/.vite/deps/react.js?v=1a2b3c4d",
        Some(&b),
        true,
    );
    assert_eq!(
        stmt,
        "import __vite__cjsImport0_react from \"/node_modules/.vite/deps/react.js?v=1a2b3c4d\";"
    );
    assert_eq!(
        consts,
        "const React = __vite__cjsImport0_react; const useState = __vite__cjsImport0_react[\"useState\"];"
    );
    let (_, consts) = cjs_import_interop(
        0,
        "react",
        "./node_modules/.vite/deps/react.js",
        Some(&ImportBindings {
            default: Some("React".into()),
            ..Default::default()
        }),
        false,
    );
    assert_eq!(
        consts,
        "const React = !__vite__cjsImport0_react.__esModule ? __vite__cjsImport0_react : __vite__cjsImport0_react.default;"
    );
    assert_eq!(
        legal_identifier("__vite__cjsImport1_react-dom/client"),
        "__vite__cjsImport1_reactDom_client"
    );
}

#[test]
fn syntax_error_has_exact_position_and_frame() {
    let src = "const a = 1;\nfunction f() {\n  return a +;\n}\n";
    let err = transform_script("/src/bad.ts", src, &opts()).unwrap_err();
    let d = err.first();
    assert_eq!((d.line, d.column), (3, 13));
    assert!(d.frame.contains("> 3 |   return a +;"), "{}", d.frame);
    insta::assert_snapshot!("syntax_error", err.to_string());
}

#[test]
fn several_errors_are_reported() {
    let src = "let a = 1;\nlet a = 2;\nlet b = 1;\nlet b = 2;\n";
    let err = transform_script("/src/dup.js", src, &opts()).unwrap_err();
    assert!(err.diagnostics.len() >= 2, "{err}");
}

#[test]
fn css_keeps_nesting_and_reports_dependencies() {
    let src =
        "@import './base.css';\n.a {\n  color: red;\n  & .b { background: url(./img.png); }\n}\n";
    let out = transform_css(
        "src/a.css",
        src,
        &CssOptions {
            source_map: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(out.dependencies.len(), 2);
    assert!(out.dependencies[0].is_import && out.dependencies[0].url == "./base.css");
    let (css, map) =
        out.finish(|d| (!d.is_import).then(|| format!("/src/{}", d.url.trim_start_matches("./"))));
    assert!(css.contains("& .b"), "nesting kept: {css}");
    assert!(
        css.contains("url(\"/src/img.png\")") || css.contains("url(/src/img.png)"),
        "{css}"
    );
    // The rule `.a` maps back to line 2, column 1 of the source.
    let map = map.expect("a map");
    let table = map.generate_lookup_table();
    let (l, c) = line_col(&css, css.find(".a").unwrap());
    let t = map.lookup_token(&table, l - 1, c - 1).expect("token");
    assert_eq!((t.get_src_line(), t.get_src_col()), (1, 0));
    assert_eq!(map.get_source(0), Some("src/a.css"));
    insta::assert_snapshot!("css_nesting", css);
}

#[test]
fn css_targets_lower_nesting() {
    let src = ".a { color: red; & .b { color: blue } }";
    let out = transform_css(
        "a.css",
        src,
        &CssOptions {
            targets: Some("chrome 100".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let (css, _) = out.finish(|_| None);
    assert!(css.contains(".a .b"), "{css}");
}

#[test]
fn css_modules_export_class_map() {
    let src = ".card { padding: 1em; }\n.title { composes: card; color: blue; }\n";
    let out = transform_css(
        "src/Card.module.css",
        src,
        &CssOptions {
            module: true,
            ..Default::default()
        },
    )
    .unwrap();
    let exports = out.exports.clone().unwrap();
    assert!(exports["card"].starts_with("_card_"));
    assert!(exports["title"].contains(&exports["card"]));
    let (css, _) = out.finish(|_| None);
    assert!(css.contains(&format!(".{}", exports["card"])));
    let module = css_module(
        "/@vite/client",
        "/p/src/Card.module.css",
        &css,
        Some(&exports),
    );
    assert!(js_parses(&module));
    assert!(module.contains("export const card = "));
    assert!(module.contains("import.meta.hot.invalidate(\"CSS module class names changed\")"));
}

#[test]
fn css_minify() {
    let out = transform_css(
        "a.css",
        ".a {\n  color: #ff0000;\n}\n",
        &CssOptions {
            minify: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(out.finish(|_| None).0, ".a{color:red}");
}

#[test]
fn css_error_has_position() {
    let err = transform_css(
        "c.css",
        ".ok { color: red }\n\n..bad { color: red }\n",
        &CssOptions::default(),
    )
    .unwrap_err();
    let d = err.first();
    assert_eq!(d.line, 3, "{err}");
    assert!(d.frame.contains("> 3 | ..bad"), "{}", d.frame);
}

/// Served sheets drop what the browser would drop (one bad declaration must not unstyle
/// the page) and say so.
#[test]
fn css_recovery_drops_the_bad_parts_and_reports_them() {
    let source = ".a\\:b { color: red }\n..bad { color: red }\n\
                  .c\\:d { right: calc(var( -  - w) * -1); margin: 0 }\n";
    let out = transform_css(
        "c.css",
        source,
        &CssOptions {
            recover: true,
            ..Default::default()
        },
    )
    .unwrap();
    let (css, _) = out.finish(|_| None);
    assert!(css.contains(".a\\:b {\n  color: red;\n}"), "{css}");
    assert!(css.contains("margin: 0"), "{css}");
    assert!(!css.contains("bad") && !css.contains("right:"), "{css}");
    let lines: Vec<u32> = out.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, [2, 3], "{:?}", out.warnings);
    assert!(
        out.warnings[0].frame.contains("> 2 | ..bad"),
        "{:?}",
        out.warnings
    );
}

#[test]
fn json_module_has_default_and_named_exports() {
    let m = json_module(
        "d.json",
        r#"{"name": "x", "items": [1, 2], "not-ident": true, "default": 1}"#,
    )
    .unwrap();
    assert!(js_parses(&m));
    insta::assert_snapshot!("json_module", m);
    let err = json_module("d.json", "{\n  \"a\": 1,\n}").unwrap_err();
    assert_eq!(err.first().line, 3);
}

#[test]
fn raw_and_url_modules() {
    assert_eq!(raw_module("a\"b\n"), "export default \"a\\\"b\\n\";\n");
    assert_eq!(url_module("/src/a.png"), "export default \"/src/a.png\";\n");
}

/// Every fixture source file, cut at many points, must give `Ok` or `Err`, never a panic.
#[test]
fn truncated_inputs_never_panic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        !files.is_empty(),
        "fixture sources expected under {}",
        root.display()
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.to_string_lossy().to_string();
        let step = (text.len() / 40).max(1);
        let mut cut = 0;
        while cut <= text.len() {
            let mut end = cut;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let part = &text[..end];
            if name.ends_with(".css") {
                let _ = transform_css(
                    &name,
                    part,
                    &CssOptions {
                        module: name.contains(".module."),
                        source_map: true,
                        ..Default::default()
                    },
                );
            } else if name.ends_with(".json") {
                let _ = json_module(&name, part);
            } else {
                let _ = transform_script(&name, part, &opts());
            }
            cut += step;
        }
    }
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        // `large` is generated and repeats one shape; the other fixtures cover the syntax.
        if name == "node_modules" || name.starts_with('.') || name == "large" {
            continue;
        }
        if p.is_dir() {
            collect(&p, out);
        } else if ["tsx", "ts", "jsx", "js", "css", "json"]
            .iter()
            .any(|x| name.ends_with(&format!(".{x}")))
            && !name.starts_with("package")
        {
            out.push(p);
        }
    }
}
