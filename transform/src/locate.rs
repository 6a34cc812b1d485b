//! Finds where each scanned import landed in the generated code.
//!
//! Codegen prints imports in a fixed shape (`from "x"`, `import("x")`, `new URL("x"`), in
//! AST order, so a forward text search finds them without a second parse. Anything the
//! search cannot place with certainty (unusual strings, globs, `hot.accept` deps) makes the
//! whole module fall back to parsing the output once, which is exact.

use oxc::allocator::Allocator;
use oxc::parser::Parser;
use oxc::span::SourceType;

use crate::scan::{self, FoundImport, ImportKind, ImportRecord};

pub(crate) fn locate_imports(code: &str, found: &[FoundImport]) -> Vec<ImportRecord> {
    fast(code, found).unwrap_or_else(|| exact(code))
}

/// Strings that codegen prints verbatim between double quotes.
fn prints_verbatim(s: &str) -> bool {
    s.bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
}

fn fast(code: &str, found: &[FoundImport]) -> Option<Vec<ImportRecord>> {
    let mut out = Vec::with_capacity(found.len());
    let mut cursor = 0;
    for f in found {
        if !prints_verbatim(&f.specifier) {
            return None;
        }
        let quoted = format!("\"{}\"", f.specifier);
        let prefixes: &[&str] = match f.kind {
            ImportKind::Static => &["from ", "import "],
            ImportKind::ExportFrom | ImportKind::ExportAll => &["from "],
            ImportKind::Dynamic => &["import("],
            ImportKind::NewUrl => &["new URL("],
            ImportKind::Glob | ImportKind::DynamicExpression | ImportKind::HotAccept => {
                return None;
            }
        };
        let (start, prefix_len) = prefixes
            .iter()
            .filter_map(|p| {
                let needle = format!("{p}{quoted}");
                code[cursor..].find(&needle).map(|i| (cursor + i, p.len()))
            })
            .min()?;
        let spec_start = start + prefix_len;
        let spec_end = spec_start + quoted.len();
        let statement = match f.kind {
            ImportKind::Static | ImportKind::ExportFrom | ImportKind::ExportAll => {
                Some(statement_range(code, spec_start, spec_end)?)
            }
            _ => None,
        };
        cursor = spec_end;
        out.push(ImportRecord {
            specifier: f.specifier.clone(),
            kind: f.kind,
            range: spec_start..spec_end,
            statement,
            bindings: f.bindings.clone(),
        });
    }
    Some(out)
}

/// The line holding a top-level import or re-export, up to and including its `;`.
fn statement_range(
    code: &str,
    spec_start: usize,
    spec_end: usize,
) -> Option<std::ops::Range<usize>> {
    let line_start = code[..spec_start].rfind('\n').map_or(0, |i| i + 1);
    let head = &code[line_start..spec_start];
    if !(head.starts_with("import") || head.starts_with("export")) {
        return None;
    }
    let line_end = code[spec_end..]
        .find('\n')
        .map_or(code.len(), |i| spec_end + i);
    let semi = code[spec_end..line_end]
        .rfind(';')
        .map(|i| spec_end + i + 1);
    Some(line_start..semi.unwrap_or(line_end))
}

/// Parses the generated code and reads the spans directly.
pub(crate) fn exact(code: &str) -> Vec<ImportRecord> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, code, SourceType::mjs()).parse();
    let (found, _) = scan::scan_program(&parsed.program, true);
    found
        .into_iter()
        .map(|f| ImportRecord {
            specifier: f.specifier,
            kind: f.kind,
            range: f.span.start as usize..f.span.end as usize,
            statement: f.statement.map(|s| s.start as usize..s.end as usize),
            bindings: f.bindings,
        })
        .collect()
}

/// Both paths must agree wherever the fast one answers.
#[cfg(test)]
pub(crate) fn both(
    code: &str,
    found: &[FoundImport],
) -> (Option<Vec<ImportRecord>>, Vec<ImportRecord>) {
    (fast(code, found), exact(code))
}
