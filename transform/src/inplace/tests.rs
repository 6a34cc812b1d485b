//! The in-place transform must mean what oxc's full pipeline means. Both outputs are
//! reprinted by oxc's codegen (which erases formatting) and compared, on every fixture
//! source file and on inputs written to reach each rule.

use std::path::{Path, PathBuf};

use oxc::allocator::Allocator;
use oxc::codegen::{Codegen, CodegenOptions, CommentOptions};
use oxc::parser::Parser;
use oxc::span::SourceType;

use crate::script::{ScriptOptions, full_pipeline, source_type_for};

fn reprint(code: &str) -> String {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, code, SourceType::mjs()).parse();
    assert!(
        parsed.diagnostics.is_empty(),
        "output does not parse: {:?}\n{code}",
        parsed.diagnostics
    );
    let options = CodegenOptions {
        comments: CommentOptions::disabled(),
        ..CodegenOptions::default()
    };
    Codegen::new()
        .with_options(options)
        .build(&parsed.program)
        .code
        .lines()
        // Empty statements are the in-place transform's separators; `export {}` is what
        // oxc adds to a module whose imports and exports were all types.
        .filter(|l| !matches!(l.trim(), ";" | "export {};"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs both transforms; `None` when the in-place one declines.
fn compare(name: &str, source: &str) -> Option<()> {
    let options = ScriptOptions::default();
    let st = source_type_for(name).unwrap();
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, st).parse();
    assert!(parsed.diagnostics.is_empty(), "{name} does not parse");
    let fast = super::transform(name, source, st, &parsed.program, &options)?;
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, st).parse();
    let full = full_pipeline(&allocator, name, source, st, parsed.program, &options).unwrap();
    assert_eq!(
        reprint(&fast.code),
        reprint(&full.code),
        "{name}: in-place output differs from oxc's\n--- in place:\n{}",
        fast.code
    );
    let summary = |o: &crate::ScriptOutput| {
        o.imports
            .iter()
            .map(|r| (r.specifier.clone(), r.kind, r.bindings.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&fast), summary(&full), "{name}: imports differ");
    for r in &fast.imports {
        let text = &fast.code[r.range.clone()];
        if matches!(
            r.kind,
            crate::ImportKind::Static | crate::ImportKind::ExportFrom | crate::ImportKind::Dynamic
        ) {
            assert_eq!(
                &text[1..text.len() - 1],
                r.specifier,
                "{name}: import range"
            );
        }
        if let Some(s) = &r.statement {
            let stmt = &fast.code[s.clone()];
            assert!(
                stmt.starts_with("import") || stmt.starts_with("export"),
                "{name}: statement range {stmt:?}"
            );
        }
    }
    assert_eq!(fast.hot, full.hot, "{name}: hot usage");
    // Whether all exports are components is read from the input here, from oxc's output
    // there, where `export default memo(...)` has become an assignment: compare the rest.
    let info = |o: &crate::ScriptOutput| (o.refresh.registers_components, o.refresh.export_count);
    assert_eq!(info(&fast), info(&full), "{name}: refresh info");
    Some(())
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "node_modules") {
            continue;
        }
        if p.is_dir() {
            sources(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| matches!(x.to_str(), Some("ts" | "tsx" | "jsx" | "js")))
        {
            out.push(p);
        }
    }
}

#[test]
fn fixture_sources_match_the_full_pipeline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root.join("fixtures")).unwrap().flatten() {
        sources(&entry.path().join("src"), &mut files);
    }
    sources(&root.join("benches/inputs"), &mut files);
    assert!(files.len() > 10, "fixtures not found");
    let mut declined = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).unwrap();
        let name = format!("/{}", f.strip_prefix(&root).unwrap().display());
        if compare(&name, &source).is_none() {
            declined.push(name);
        }
    }
    assert!(
        declined.is_empty(),
        "left to the full pipeline: {declined:?}"
    );
}

#[test]
fn typescript_is_erased_like_oxc_does() {
    let cases = [
        "import { a, type B, c } from 'x'\nimport type { T } from 't'\nimport D, { e } from 'y'\nimport F, { g } from 'z'\nconsole.log(a, c, e, F)\nexport type { T }\nexport { type B }\n",
        "import * as ns from 'ns'\nimport unused from 'u'\nimport 'side-effect'\nexport const x = ns.x\n",
        "export interface P { a: number }\nexport type Q = P\ninterface R {}\ntype S = R\nexport { R }\nexport default interface Z {}\n",
        "declare const g: number\ndeclare function h(): void\ndeclare global { interface Window { x: 1 } }\ndeclare module 'm' { }\nexport declare class K {}\n",
        "function f<T>(a: T, b?: string, ...rest: number[]): T { return a }\nexport function over(a: string): void\nexport function over(a: any) {}\n",
        "const a = (x as unknown as string)!.length satisfies number\nconst b = <T,>(v: T): T => v\nlet c!: number, d: string = 'x'\nconst e = new Map<string, number>()\nconst f = g<number>\n",
        "abstract class A<T> extends B<T> implements C, D {\n  private x?: number = 1\n  protected readonly y!: string\n  declare z: number\n  public static w = 2\n  abstract m(): void\n  [key: string]: any\n  override n(a?: number): void {}\n  p(): void\n  p(a?: any) {}\n  constructor() { super() }\n}\nexport { A }\n",
        "try { f() } catch (e: unknown) { g(e) }\nfor (const x of (y as number[])) {}\nconst o = { m(a: number): string { return '' } }\n",
    ];
    for (i, src) in cases.iter().enumerate() {
        compare(&format!("/case{i}.ts"), src).expect("in-place transform declined");
    }
}

#[test]
fn jsx_and_refresh_match_oxc() {
    let cases = [
        "export default function App() {\n  return <div className=\"a\" data-x='1' aria-label={x} key=\"k\" {...rest} on>\n    hello &amp; <b>bye</b>\n    {/* note */}\n    {list.map(i => <li key={i.id}>{i.name}</li>)}\n  </div>\n}\n",
        "import { memo, forwardRef } from 'react'\nexport const A = memo(() => { const [a] = useState(0); return <>{a}</> })\nexport const B = forwardRef(function B(props, ref) { return <input ref={ref} /> })\nexport default memo(function C() { useEffect(() => {}); return null })\n",
        "import { useThing } from './hooks'\nfunction useCustom() { const [s] = useState(1); return useThing(s) }\nexport function Comp() { const v = useCustom(); const w = useMissing(); return <p>{v}{w}</p> }\n",
        "const Styled = styled.div`color: red`\nconst Lazy = React.lazy(() => import('./x'))\nconst NotUsed = styled.span``\nexport function Page() { return <Styled><Lazy /></Styled> }\n",
        "export const Arrow = () => { if (x) { useState(1) } return <rect xlink:href=\"#a\" /> }\nconst nested = () => () => <div/>\nexport const Expr = () => useFoo()\nexport const T = () => <Ctx.Provider value={<span />}><this.Item /></Ctx.Provider>\n",
        "'use client'\nexport default () => <div>{'text'}   \n   </div>\n",
        "class K extends React.Component { render() { return <div>{this.props.a}</div> } }\nclass L extends M { constructor() { super(); this.el = <div /> } }\nexport {}\n",
        "export const handlers = { click: () => { useState(1) }, other: function() { useRef() } }\nclass W { field = () => { useMemo() } }\n",
        "export function G() { const [s] = A?.useFoo(); const t = api?.useBar?.(1); return <p>{s}{t}</p> }\nexport const H = hoc?.(() => { useState(0); return <i /> })\n",
        "export function F() {\n  'use strict'\n  const [s, set] = useState(() => compute(1))\n  const r = useReducer(reducer, init)\n  const v = import.meta.env.VITE_X ?? import.meta.env.MODE\n  return <p a={import.meta.env} b={process.env.NODE_ENV}>{s}</p>\n}\n",
    ];
    for (i, src) in cases.iter().enumerate() {
        compare(&format!("/src/case{i}.tsx"), src).unwrap_or_else(|| panic!("case {i} declined"));
        compare(&format!("/src/case{i}.jsx"), src).unwrap_or_else(|| panic!("case {i} declined"));
    }
}

#[test]
fn unsupported_syntax_goes_the_full_way() {
    let options = ScriptOptions::default();
    for src in [
        "enum E { A, B }\n",
        "namespace N { export const a = 1 }\n",
        "class C { constructor(private a: number) {} }\n",
        "import x = require('x')\n",
        "const _c = 1\nexport const A = () => <div />\n",
        "const a = <div {...p} key=\"k\" />\n",
    ] {
        let st = SourceType::tsx();
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, src, st).parse();
        assert!(
            super::transform("/a.tsx", src, st, &parsed.program, &options).is_none(),
            "{src}"
        );
        // ... and the public entry point still transforms it.
        crate::transform_script("/a.tsx", src, &options).unwrap();
    }
    // oxc reports namespace tags; the in-place transform lets it.
    let err = crate::transform_script("/a.tsx", "const a = <svg:rect />\n", &options);
    assert!(
        err.unwrap_err().diagnostics[0]
            .message
            .contains("Namespace tags")
    );
}

#[test]
fn generated_jsx_maps_to_the_markup_it_came_from() {
    let src = "export const A = () => (\n  <div\n    title=\"t\"\n    onClick={go}>\n    hello\n  </div>\n)\n";
    let out = crate::transform_script("/src/a.jsx", src, &ScriptOptions::default()).unwrap();
    let map = out.map.unwrap();
    let table = map.generate_lookup_table();
    // (needle in the output, 0-based line and column of what it came from)
    for (needle, line, col) in [
        ("_jsxDEV(\"div\"", 1, 2),
        ("title", 2, 4),
        ("onClick", 3, 4),
        ("go,", 3, 13),
        ("\"hello\"", 4, 4),
    ] {
        let at = out
            .code
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {}", out.code));
        let (l, c) = crate::line_col(&out.code, at);
        let t = map.lookup_token(&table, l - 1, c - 1).unwrap();
        assert_eq!((t.get_src_line(), t.get_src_col()), (line, col), "{needle}");
    }
}
