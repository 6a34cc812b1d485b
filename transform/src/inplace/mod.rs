//! The in-place transform: one read-only pass and one emitting pass over the parsed
//! program, writing the user's own text with TypeScript removed, JSX turned into
//! `jsxDEV` calls and React Refresh registrations added. No semantic analysis, no AST
//! rewriting, no code generation: most of the output is a copy of the input, and its
//! source map is exact wherever it is.
//!
//! It covers the syntax React apps are written in. Anything else (enums, namespaces,
//! decorators, parameter properties, ...) returns `None` and the caller runs the full
//! oxc pipeline, whose output means the same.

mod emit;
mod facts;
mod jsx;
mod register;
mod signatures;
mod typescript;
mod walk;

#[cfg(test)]
mod tests;

use oxc::ast::ast::{Program, Statement};
use oxc::ast_visit::Visit;
use oxc::span::{GetSpan, SourceType, Span};
use rustc_hash::FxHashSet;

use crate::refresh::{self, RefreshInfo};
use crate::scan::{self, FoundImport, ImportBindings, ImportKind, ImportRecord};
use crate::script::{ScriptOptions, ScriptOutput};
use signatures::push_numbered;
use walk::{Writer, quote};

pub(crate) fn transform<'a>(
    filename: &str,
    source: &str,
    source_type: SourceType,
    program: &Program<'a>,
    options: &ScriptOptions,
) -> Option<ScriptOutput> {
    let refresh = options.refresh && source_type.is_jsx();
    let mut collector = facts::Collector::new(source, refresh);
    if source_type.is_typescript() {
        collector.track_imports(program);
    }
    collector.visit_program(program);
    let facts = collector.facts;
    if facts.unsupported || facts.redeclared || facts.generated_clash {
        return None;
    }
    let regs = if refresh {
        register::plan(program, &facts, source)
    } else {
        register::Registrations::default()
    };
    let (header, runtime_import) = header(&facts, filename, options);
    // The header goes after the last import (imports are hoisted anyway), else before
    // the first statement.
    let last_import = program.body.iter().rev().find_map(|s| match s {
        Statement::ImportDeclaration(i) => Some(i.span.end),
        _ => None,
    });
    let (header_at, header_prefix) = match (last_import, program.body.first()) {
        (Some(end), _) => (end, 1),
        (None, Some(first)) => (first.span().start, 0),
        (None, None) => (source.len() as u32, 0),
    };

    let deep = facts.deep_imports;
    let defines =
        (facts.may_define && options.defines.applies_to(source)).then_some(&options.defines);
    let mut w = Writer::new(
        source,
        options.source_map,
        facts,
        regs,
        defines,
        source_type.is_typescript(),
    );
    w.header_at = header_at;
    w.header = header;
    w.visit_program(program);
    // A registration left unplaced would be lost: the full pipeline takes such a module.
    if w.e.broken || w.next_after != w.regs.after.len() {
        return None;
    }
    w.e.copy_to(source.len());
    w.e.write(&footer(&w.regs.ids));

    let (found, hot) = scan::scan_program(program, deep);
    let mut imports = locate_in_output(found, &w);
    if let (Some(imports), Some(mut record), Some(base)) =
        (&mut imports, runtime_import, w.header_out)
    {
        let base = base + header_prefix;
        record.range = base + record.range.start..base + record.range.end;
        record.statement = record.statement.map(|s| base + s.start..base + s.end);
        imports.push(record);
        imports.sort_by_key(|r| r.range.start);
    }
    let type_only = |name: &str| w.facts.is_type_only(name);
    let exports = refresh::analyze_exports(program, &type_only);
    let (code, map) = w.e.finish(filename);
    let imports = imports.unwrap_or_else(|| crate::locate::exact(&code));
    // The footer registers every id (none when refresh is off).
    let refresh = RefreshInfo::of(!w.regs.ids.is_empty(), exports);
    Some(ScriptOutput {
        code,
        map,
        imports,
        hot,
        refresh,
    })
}

/// What goes before the module's own code: the JSX file name and runtime import, and the
/// signature variables. The runtime import's record has ranges relative to the header.
fn header(
    facts: &facts::Facts<'_>,
    filename: &str,
    options: &ScriptOptions,
) -> (String, Option<ImportRecord>) {
    let mut header = String::new();
    let mut record = None;
    if facts.has_jsx {
        header.push_str(&format!("var _jsxFileName = {};", quote(filename)));
        // oxc imports what the first JSX node to end needs first; same order here.
        let mut named = vec![("jsxDEV", "_jsxDEV")];
        if facts.has_fragment {
            named.push(("Fragment", "_Fragment"));
            if facts.fragment_first == Some(true) {
                named.reverse();
            }
        }
        let specifier = format!("{}/jsx-dev-runtime", options.jsx_import_source);
        let quoted = quote(&specifier);
        let list: Vec<String> = named.iter().map(|(n, l)| format!("{n} as {l}")).collect();
        let statement = format!("import {{ {} }} from {quoted};", list.join(", "));
        let at = header.len();
        let spec_at = at + statement.len() - 1 - quoted.len();
        record = Some(ImportRecord {
            specifier,
            kind: ImportKind::Static,
            range: spec_at..spec_at + quoted.len(),
            statement: Some(at..at + statement.len()),
            bindings: Some(ImportBindings {
                named: named
                    .iter()
                    .map(|(n, l)| (n.to_string(), l.to_string()))
                    .collect(),
                ..ImportBindings::default()
            }),
        });
        header.push_str(&statement);
    }
    if facts.signature_count > 0 {
        header.push_str("var ");
        for n in 1..=facts.signature_count as usize {
            if n > 1 {
                header.push_str(", ");
            }
            push_numbered(&mut header, "_s", n);
            header.push_str(" = $RefreshSig$()");
        }
        header.push(';');
    }
    (header, record)
}

/// `var _c, _c2; $RefreshReg$(_c, "App"); ...`
fn footer(ids: &[std::borrow::Cow<'_, str>]) -> String {
    let mut footer = String::new();
    if ids.is_empty() {
        return footer;
    }
    footer.push_str("\nvar ");
    for n in 1..=ids.len() {
        if n > 1 {
            footer.push_str(", ");
        }
        push_numbered(&mut footer, "_c", n);
    }
    footer.push(';');
    for (i, id) in ids.iter().enumerate() {
        footer.push_str("\n$RefreshReg$(");
        push_numbered(&mut footer, "_c", i + 1);
        footer.push_str(", ");
        footer.push_str(&quote(id));
        footer.push_str(");");
    }
    footer
}

/// The scanned imports at their places in the output. `None` when one of them cannot be
/// placed (it was not copied as written): the caller then scans the output itself.
fn locate_in_output(found: Vec<FoundImport>, w: &Writer<'_, '_>) -> Option<Vec<ImportRecord>> {
    let place = |span: Span| Some(w.e.output_offset(span.start)?..w.e.output_end(span.end)?);
    let mut imports = Vec::with_capacity(found.len() + 1);
    for f in found {
        let Some(range) = place(f.span) else {
            if matches!(
                f.kind,
                ImportKind::Static | ImportKind::ExportFrom | ImportKind::ExportAll
            ) {
                // An import TypeScript elides, or a type-only re-export.
                continue;
            }
            return None;
        };
        let statement = match f.statement {
            Some(s) => Some(place(s)?),
            None => None,
        };
        imports.push(ImportRecord {
            specifier: f.specifier,
            kind: f.kind,
            range,
            statement,
            bindings: f.bindings.map(|b| kept_bindings(b, &w.elided)),
        });
    }
    Some(imports)
}

/// Drops the bindings of elided specifiers.
fn kept_bindings(mut b: ImportBindings, elided: &FxHashSet<String>) -> ImportBindings {
    if elided.is_empty() {
        return b;
    }
    b.default = b.default.filter(|d| !elided.contains(d));
    b.namespace = b.namespace.filter(|n| !elided.contains(n));
    b.named.retain(|(_, local)| !elided.contains(local));
    b
}
