//! Splicing generated code without reparsing it, keeping its source map true.
//!
//! The server rewrites import specifiers to URLs and prepends a few lines (hot context,
//! CommonJS interop). [`Edits`] applies such replacements in one pass and moves every
//! source-map token that sits after an edit by the edit's line and column shift.

use std::borrow::Cow;
use std::ops::Range;

use oxc_sourcemap::Token;

use crate::SourceMap;
use crate::maps::LineCol;
use crate::scan::ImportBindings;

#[derive(Debug, Clone)]
struct Edit {
    range: Range<usize>,
    text: String,
    order: usize,
}

/// A set of non-overlapping replacements on one piece of code.
#[derive(Debug, Clone)]
pub struct Edits<'c> {
    code: &'c str,
    edits: Vec<Edit>,
}

fn advance(mut p: LineCol, text: &str) -> LineCol {
    p.advance(text.as_bytes());
    p
}

struct Placed {
    old_start: LineCol,
    old_end: LineCol,
    new_start: LineCol,
    new_end: LineCol,
}

impl<'c> Edits<'c> {
    pub fn new(code: &'c str) -> Self {
        Self {
            code,
            edits: Vec::new(),
        }
    }

    /// Replaces `range` of the code with `text`.
    pub fn replace(&mut self, range: Range<usize>, text: impl Into<String>) {
        let order = self.edits.len();
        self.edits.push(Edit {
            range,
            text: text.into(),
            order,
        });
    }

    /// Inserts `text` at `at`; several inserts at one place keep their call order.
    pub fn insert(&mut self, at: usize, text: impl Into<String>) {
        self.replace(at..at, text);
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Applies every edit. Overlapping edits are a caller bug; the later one is dropped.
    pub fn apply(mut self, map: Option<&SourceMap>) -> (String, Option<SourceMap>) {
        self.edits
            .sort_by_key(|e| (e.range.start, e.range.end, e.order));
        let mut out = String::with_capacity(
            self.code.len() + self.edits.iter().map(|e| e.text.len()).sum::<usize>(),
        );
        let mut placed = Vec::with_capacity(self.edits.len());
        let (mut old_cursor, mut old_pos, mut new_pos) = (
            0usize,
            LineCol { line: 0, col: 0 },
            LineCol { line: 0, col: 0 },
        );
        for e in &self.edits {
            if e.range.start < old_cursor
                || e.range.end > self.code.len()
                || e.range.start > e.range.end
            {
                continue;
            }
            let unchanged = &self.code[old_cursor..e.range.start];
            out.push_str(unchanged);
            old_pos = advance(old_pos, unchanged);
            new_pos = advance(new_pos, unchanged);
            let old_start = old_pos;
            let new_start = new_pos;
            old_pos = advance(old_pos, &self.code[e.range.clone()]);
            out.push_str(&e.text);
            new_pos = advance(new_pos, &e.text);
            placed.push(Placed {
                old_start,
                old_end: old_pos,
                new_start,
                new_end: new_pos,
            });
            old_cursor = e.range.end;
        }
        out.push_str(&self.code[old_cursor..]);
        let map = map.map(|m| shift_map(m, &placed));
        (out, map)
    }
}

fn shift_map(map: &SourceMap, placed: &[Placed]) -> SourceMap {
    let mut tokens: Vec<Token> = Vec::with_capacity(map.get_tokens().len());
    let mut i = 0;
    for t in map.get_tokens() {
        let p = LineCol {
            line: t.get_dst_line(),
            col: t.get_dst_col(),
        };
        while i < placed.len() && placed[i].old_end <= p {
            i += 1;
        }
        // `i` edits end at or before p. Is p inside the next one?
        let new = if i < placed.len() && placed[i].old_start <= p && p < placed[i].old_end {
            placed[i].new_start
        } else if i == 0 {
            p
        } else {
            let e = &placed[i - 1];
            if p.line == e.old_end.line {
                LineCol {
                    line: e.new_end.line,
                    col: e.new_end.col + (p.col - e.old_end.col),
                }
            } else {
                LineCol {
                    line: p.line + e.new_end.line - e.old_end.line,
                    col: p.col,
                }
            }
        };
        tokens.push(Token::new(
            new.line,
            new.col,
            t.get_src_line(),
            t.get_src_col(),
            t.get_source_id(),
            t.get_name_id(),
        ));
    }
    SourceMap::new(
        map.get_file().map(|f| Cow::Owned(f.to_string())),
        map.get_names().map(|n| Cow::Owned(n.to_string())).collect(),
        None,
        map.get_sources()
            .map(|s| Cow::Owned(s.to_string()))
            .collect(),
        map.get_source_contents()
            .map(|c| c.map(|c| Cow::Owned(c.to_string())))
            .collect(),
        tokens.into_boxed_slice(),
        None,
    )
}

/// Vite's `makeLegalIdentifier`: `react-dom/client` → `reactDom_client`.
pub fn legal_identifier(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut upper_next = false;
    for c in s.chars() {
        if c == '-' {
            upper_next = true;
            continue;
        }
        if upper_next && c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if upper_next {
            out.push('_');
            out.push(if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            });
        } else {
            out.push(if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            });
        }
        upper_next = false;
    }
    if out.chars().next().is_none_or(|c| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The `(m, n) => ...` helper that turns a CommonJS `module.exports` into a namespace.
const INTEROP_NAMESPACE: &str = "((m, n) => n || !m?.__esModule ? {...(typeof m === 'object' && !Array.isArray(m) || typeof m === 'function' ? m : {}), default: m} : m)";

/// CommonJS interop for one static import of a dependency that only has a default export,
/// the way Vite does it: the statement becomes a default import of the module under a
/// generated name, and the bindings become constants hoisted to the top of the file.
/// Returns `(replacement statement, hoisted constants)`.
pub fn cjs_import_interop(
    index: usize,
    specifier: &str,
    url: &str,
    bindings: Option<&ImportBindings>,
    node_mode: bool,
) -> (String, String) {
    let url_lit = serde_json::to_string(url).expect("strings serialise");
    let Some(b) = bindings else {
        return (format!("import {url_lit};"), String::new());
    };
    let name = legal_identifier(&format!("__vite__cjsImport{index}_{specifier}"));
    let mut consts = Vec::new();
    if let Some(d) = &b.default {
        if node_mode {
            consts.push(format!("const {d} = {name}"));
        } else {
            consts.push(format!(
                "const {d} = !{name}.__esModule ? {name} : {name}.default"
            ));
        }
    }
    if let Some(ns) = &b.namespace {
        consts.push(format!(
            "const {ns} = {INTEROP_NAMESPACE}({name}, {})",
            u8::from(node_mode)
        ));
    }
    for (imported, local) in &b.named {
        if imported == "default" {
            consts.push(format!(
                "const {local} = !{name}.__esModule ? {name} : {name}.default"
            ));
        } else {
            let key = serde_json::to_string(imported).expect("strings serialise");
            consts.push(format!("const {local} = {name}[{key}]"));
        }
    }
    let hoisted = if consts.is_empty() {
        String::new()
    } else {
        format!("{};", consts.join("; "))
    };
    (format!("import {name} from {url_lit};"), hoisted)
}

/// CommonJS interop for `import('dep')`: the call's result is given the same shape.
pub fn cjs_dynamic_interop(url: &str, node_mode: bool) -> String {
    let url_lit = serde_json::to_string(url).expect("strings serialise");
    format!(
        "import({url_lit}).then(m => {INTEROP_NAMESPACE}(m.default, {}))",
        u8::from(node_mode)
    )
}
