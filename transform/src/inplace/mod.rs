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

use oxc::ast::ast::Program;
use oxc::ast_visit::Visit;
use oxc::span::SourceType;
use rustc_hash::FxHashSet;

use crate::refresh::{self, RefreshInfo};
use crate::scan::{self, ImportBindings, ImportKind, ImportRecord};
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
    let facts_fragment_first = facts.fragment_first == Some(true);
    let regs = if refresh {
        register::plan(program, &facts, source)
    } else {
        register::Registrations::default()
    };

    let mut header = String::new();
    let mut jsx_import = None;
    if facts.has_jsx {
        header.push_str(&format!("var _jsxFileName = {};", quote(filename)));
        let names = match (facts.has_fragment, facts.fragment_first) {
            (false, _) => "jsxDEV as _jsxDEV",
            (true, Some(true)) => "Fragment as _Fragment, jsxDEV as _jsxDEV",
            (true, _) => "jsxDEV as _jsxDEV, Fragment as _Fragment",
        };
        let specifier = quote(&format!("{}/jsx-dev-runtime", options.jsx_import_source));
        let statement = format!("import {{ {names} }} from {specifier};");
        let at = header.len();
        jsx_import = Some((
            at..at + statement.len(),
            at + statement.len() - 1 - specifier.len(),
            specifier.len(),
            facts.has_fragment,
            specifier,
        ));
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
    let last_import = program
        .body
        .iter()
        .filter_map(|s| match s {
            oxc::ast::ast::Statement::ImportDeclaration(i) => Some(i.span.end),
            _ => None,
        })
        .next_back();
    let (header_at, header_prefix) = match (last_import, program.body.first()) {
        (Some(end), _) => (end, 1),
        (None, Some(first)) => (oxc::span::GetSpan::span(first).start, 0),
        (None, None) => (source.len() as u32, 0),
    };

    let deep = facts.deep_imports;
    let defines =
        (facts.may_define && options.defines.applies_to(source)).then_some(&options.defines);
    let typescript = source_type.is_typescript();
    let mut w = Writer::new(source, options.source_map, facts, regs, defines, typescript);
    w.header_at = header_at;
    w.header = header;
    w.visit_program(program);
    if w.e.broken {
        return None;
    }
    let header_out = w.header_out.map(|o| o + header_prefix);
    let mut footer = String::new();
    if !w.regs.ids.is_empty() {
        footer.push_str("\nvar ");
        for n in 1..=w.regs.ids.len() {
            if n > 1 {
                footer.push_str(", ");
            }
            push_numbered(&mut footer, "_c", n);
        }
        footer.push(';');
        for (i, id) in w.regs.ids.iter().enumerate() {
            footer.push_str("\n$RefreshReg$(");
            push_numbered(&mut footer, "_c", i + 1);
            footer.push_str(", ");
            footer.push_str(&quote(id));
            footer.push_str(");");
        }
    }
    w.e.copy_to(source.len());
    w.e.write(&footer);

    let (found, hot) = scan::scan_program(program, deep);
    let mut imports = Vec::with_capacity(found.len() + 1);
    let mut exact = false;
    for f in found {
        let range =
            w.e.output_offset(f.span.start)
                .zip(w.e.output_end(f.span.end));
        let Some((start, end)) = range else {
            if matches!(
                f.kind,
                ImportKind::Static | ImportKind::ExportFrom | ImportKind::ExportAll
            ) {
                // An import TypeScript elides, or a type-only re-export.
                continue;
            }
            exact = true;
            break;
        };
        let statement = match f.statement {
            Some(s) => match w.e.output_offset(s.start).zip(w.e.output_end(s.end)) {
                Some((a, b)) => Some(a..b),
                None => {
                    exact = true;
                    break;
                }
            },
            None => None,
        };
        let bindings = f.bindings.map(|b| kept_bindings(b, &w.elided));
        imports.push(ImportRecord {
            specifier: f.specifier,
            kind: f.kind,
            range: start..end,
            statement,
            bindings,
        });
    }
    if let (Some((stmt, spec_at, spec_len, fragment, specifier)), Some(base)) =
        (jsx_import, header_out)
    {
        let mut named = vec![("jsxDEV".to_string(), "_jsxDEV".to_string())];
        if fragment {
            named.push(("Fragment".to_string(), "_Fragment".to_string()));
            if facts_fragment_first {
                named.reverse();
            }
        }
        imports.push(ImportRecord {
            specifier: serde_json::from_str(&specifier).unwrap_or_default(),
            kind: ImportKind::Static,
            range: base + spec_at..base + spec_at + spec_len,
            statement: Some(base + stmt.start..base + stmt.end),
            bindings: Some(ImportBindings {
                named,
                ..ImportBindings::default()
            }),
        });
        imports.sort_by_key(|r| r.range.start);
    }
    let type_only = |name: &str| w.facts.types.contains(name) && !w.facts.values.contains(name);
    let (export_count, all_components) = refresh::analyze_exports(program, &type_only);
    let (code, map) = w.e.finish(filename, source);
    let imports = if exact {
        crate::locate::exact(&code)
    } else {
        imports
    };
    let registers_components = options.refresh && code.contains("$RefreshReg$(");
    Some(ScriptOutput {
        code,
        map,
        imports,
        hot,
        refresh: RefreshInfo {
            registers_components,
            export_count,
            all_exports_components: all_components,
        },
    })
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
