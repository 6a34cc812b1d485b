//! The import scan: what a module imports and how it uses `import.meta.hot`, with byte
//! ranges into the *output* code so the server can rewrite specifiers without reparsing.

use std::ops::Range;

use oxc::ast::ast::{
    Argument, ArrayExpressionElement, CallExpression, ExportAllDeclaration, ExportFromDeclaration,
    Expression, ImportDeclaration, ImportDeclarationSpecifier, ImportExpression, NewExpression,
    Program, Statement, StaticMemberExpression,
};
use oxc::ast_visit::{Visit, walk};
use oxc::span::{GetSpan, Span};

/// How a specifier appears in the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportKind {
    /// `import x from 'a'` or `import 'a'`.
    Static,
    /// `export { x } from 'a'`.
    ExportFrom,
    /// `export * from 'a'` or `export * as ns from 'a'`.
    ExportAll,
    /// `import('a')` with a string literal.
    Dynamic,
    /// `import(expr)` with anything but a string literal: `range` covers the argument.
    DynamicExpression,
    /// `import.meta.glob('./dir/*.ts')`: `range` covers the whole call.
    Glob,
    /// `new URL('./a.png', import.meta.url)`.
    NewUrl,
    /// A dependency named in `import.meta.hot.accept('./a', cb)`.
    HotAccept,
}

/// The bindings of a static import or re-export, needed for CommonJS interop.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportBindings {
    pub default: Option<String>,
    pub namespace: Option<String>,
    /// `(imported, local)` pairs; for re-exports `(local in the dependency, exported)`.
    pub named: Vec<(String, String)>,
}

/// One import found in the output code.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportRecord {
    pub specifier: String,
    pub kind: ImportKind,
    /// Byte range of the specifier *including its quotes* in the output code
    /// (for `Glob` and `DynamicExpression`, see [`ImportKind`]).
    pub range: Range<usize>,
    /// Byte range of the whole statement, for static imports and re-exports.
    pub statement: Option<Range<usize>>,
    pub bindings: Option<ImportBindings>,
}

/// How the module talks to `import.meta.hot`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct HotUsage {
    /// The code mentions `import.meta.hot`: it needs a hot context.
    pub uses_hot: bool,
    /// `import.meta.hot.accept()` or `accept(cb)`: the module is its own HMR boundary.
    pub self_accepts: bool,
    /// Specifiers passed to `accept('./dep', cb)` or `accept(['./a', './b'], cb)`.
    pub accepted_deps: Vec<String>,
    /// `accept(...)` with a first argument the server cannot read (a template with `${}`).
    pub invalid_accept: bool,
}

/// What the scan collects before positions in the output are known.
#[derive(Debug)]
pub(crate) struct FoundImport {
    pub specifier: String,
    pub kind: ImportKind,
    /// Span in the program that was scanned.
    pub span: Span,
    /// Span of the statement (static imports and re-exports).
    pub statement: Option<Span>,
    pub bindings: Option<ImportBindings>,
}

/// Walks a program for imports. `deep` is false when the source text cannot contain
/// dynamic imports or `import.meta`, so only top-level statements need a look.
pub(crate) fn scan_program(program: &Program<'_>, deep: bool) -> (Vec<FoundImport>, HotUsage) {
    let mut scanner = Scanner::default();
    if deep {
        scanner.visit_program(program);
    } else {
        for stmt in &program.body {
            match stmt {
                Statement::ImportDeclaration(d) => scanner.visit_import_declaration(d),
                Statement::ExportFromDeclaration(d) => scanner.visit_export_from_declaration(d),
                Statement::ExportAllDeclaration(d) => scanner.visit_export_all_declaration(d),
                _ => {}
            }
        }
    }
    (scanner.found, scanner.hot)
}

#[derive(Default)]
struct Scanner {
    found: Vec<FoundImport>,
    hot: HotUsage,
}

fn is_import_meta(e: &Expression<'_>) -> bool {
    matches!(e, Expression::ImportMeta(_))
}

/// `import.meta.<name>`
fn is_import_meta_prop(e: &Expression<'_>, name: &str) -> bool {
    match e {
        Expression::StaticMemberExpression(m) => {
            m.property.name.as_str() == name && is_import_meta(&m.object)
        }
        _ => false,
    }
}

impl<'a> Visit<'a> for Scanner {
    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        let bindings = it.specifiers.as_ref().map(|specs| {
            let mut b = ImportBindings::default();
            for s in specs {
                match s {
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(d) => {
                        b.default = Some(d.local.name.to_string());
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(n) => {
                        b.namespace = Some(n.local.name.to_string());
                    }
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        b.named
                            .push((s.imported.name().to_string(), s.local.name.to_string()));
                    }
                }
            }
            b
        });
        self.found.push(FoundImport {
            specifier: it.source.value.to_string(),
            kind: ImportKind::Static,
            span: it.source.span,
            statement: Some(it.span),
            bindings,
        });
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        let mut b = ImportBindings::default();
        for s in &it.specifiers {
            b.named
                .push((s.local.name().to_string(), s.exported.name().to_string()));
        }
        self.found.push(FoundImport {
            specifier: it.source.value.to_string(),
            kind: ImportKind::ExportFrom,
            span: it.source.span,
            statement: Some(it.span),
            bindings: Some(b),
        });
    }

    fn visit_export_all_declaration(&mut self, it: &ExportAllDeclaration<'a>) {
        self.found.push(FoundImport {
            specifier: it.source.value.to_string(),
            kind: ImportKind::ExportAll,
            span: it.source.span,
            statement: Some(it.span),
            bindings: None,
        });
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        match &it.source {
            Expression::StringLiteral(s) => self.found.push(FoundImport {
                specifier: s.value.to_string(),
                kind: ImportKind::Dynamic,
                span: s.span,
                statement: None,
                bindings: None,
            }),
            Expression::TemplateLiteral(t) if t.expressions.is_empty() && t.quasis.len() == 1 => {
                let text = t.quasis[0]
                    .value
                    .cooked
                    .map_or_else(|| t.quasis[0].value.raw.to_string(), |c| c.to_string());
                self.found.push(FoundImport {
                    specifier: text,
                    kind: ImportKind::Dynamic,
                    span: t.span,
                    statement: None,
                    bindings: None,
                });
            }
            other => self.found.push(FoundImport {
                specifier: String::new(),
                kind: ImportKind::DynamicExpression,
                span: other.span(),
                statement: None,
                bindings: None,
            }),
        }
        walk::walk_import_expression(self, it);
    }

    fn visit_new_expression(&mut self, it: &NewExpression<'a>) {
        if let Expression::Identifier(id) = &it.callee
            && id.name.as_str() == "URL"
            && it.arguments.len() == 2
            && let Argument::StringLiteral(s) = &it.arguments[0]
            && let Some(e) = it.arguments[1].as_expression()
            && is_import_meta_prop(e, "url")
        {
            self.found.push(FoundImport {
                specifier: s.value.to_string(),
                kind: ImportKind::NewUrl,
                span: s.span,
                statement: None,
                bindings: None,
            });
        }
        walk::walk_new_expression(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        if is_import_meta_prop(&it.callee, "glob") {
            let pattern = match it.arguments.first() {
                Some(Argument::StringLiteral(s)) => s.value.to_string(),
                _ => String::new(),
            };
            self.found.push(FoundImport {
                specifier: pattern,
                kind: ImportKind::Glob,
                span: it.span,
                statement: None,
                bindings: None,
            });
        }
        if let Expression::StaticMemberExpression(m) = &it.callee
            && m.property.name.as_str() == "accept"
            && is_import_meta_prop(&m.object, "hot")
        {
            self.hot_accept(it);
        }
        walk::walk_call_expression(self, it);
    }

    fn visit_static_member_expression(&mut self, it: &StaticMemberExpression<'a>) {
        if it.property.name.as_str() == "hot" && is_import_meta(&it.object) {
            self.hot.uses_hot = true;
        }
        walk::walk_static_member_expression(self, it);
    }
}

impl Scanner {
    fn hot_accept(&mut self, call: &CallExpression<'_>) {
        let dep = |s: &oxc::ast::ast::StringLiteral<'_>, found: &mut Vec<FoundImport>| {
            found.push(FoundImport {
                specifier: s.value.to_string(),
                kind: ImportKind::HotAccept,
                span: s.span,
                statement: None,
                bindings: None,
            });
            s.value.to_string()
        };
        match call.arguments.first() {
            None => self.hot.self_accepts = true,
            Some(Argument::StringLiteral(s)) => {
                let d = dep(s, &mut self.found);
                self.hot.accepted_deps.push(d);
            }
            Some(Argument::ArrayExpression(arr)) => {
                for el in &arr.elements {
                    if let ArrayExpressionElement::StringLiteral(s) = el {
                        let d = dep(s, &mut self.found);
                        self.hot.accepted_deps.push(d);
                    } else {
                        self.hot.invalid_accept = true;
                    }
                }
            }
            Some(Argument::TemplateLiteral(t)) if !t.expressions.is_empty() => {
                self.hot.invalid_accept = true;
            }
            Some(_) => self.hot.self_accepts = true,
        }
    }
}
