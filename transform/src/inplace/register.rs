//! Which top-level bindings react-refresh registers as components, and under what name.
//! Follows the rules of react-refresh's Babel plugin: capitalised function declarations,
//! capitalised variables bound to functions or to HOC calls around them (`memo`,
//! `forwardRef`), `export default hoc(...)`, and capitalised variables used as JSX tags.

use std::borrow::Cow;

use oxc::ast::ast::*;
use oxc::span::{GetSpan, Span};
use rustc_hash::FxHashMap;

use super::facts::Facts;

#[derive(Default)]
pub(super) struct Registrations<'a> {
    /// Persistent ids, in registration order: `_c` is `ids[0]`, `_c2` is `ids[1]`, ...
    pub ids: Vec<Cow<'a, str>>,
    /// `_cN = ` goes in front of these expressions (by span).
    pub before: FxHashMap<(u32, u32), usize>,
    /// `_cN = <ids[N-1]>;` goes after the top-level statement starting at the first
    /// number; in source order.
    pub after: Vec<(u32, usize)>,
}

fn is_componentish(name: &str) -> bool {
    name.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
}

pub(super) fn plan<'a>(
    program: &Program<'a>,
    facts: &Facts<'_>,
    source: &str,
) -> Registrations<'a> {
    let mut r = Registrations::default();
    for stmt in &program.body {
        let start = stmt.span().start;
        match stmt {
            Statement::FunctionDeclaration(f) => r.function(start, f),
            Statement::VariableDeclaration(v) => r.variable(start, v, facts, source),
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(f) => r.function(start, f),
                Declaration::VariableDeclaration(v) => r.variable(start, v, facts, source),
                _ => {}
            },
            Statement::ExportDefaultDeclaration(d) => match &d.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => r.function(start, f),
                other => {
                    if let Some(e @ Expression::CallExpression(_)) = other.as_expression() {
                        r.inner("%default%", e, false, source);
                    }
                }
            },
            _ => {}
        }
    }
    r
}

impl<'a> Registrations<'a> {
    fn register(&mut self, id: Cow<'a, str>) -> usize {
        self.ids.push(id);
        self.ids.len()
    }

    fn after(&mut self, start: u32, name: &'a str) {
        let n = self.register(Cow::Borrowed(name));
        self.after.push((start, n));
    }

    fn function(&mut self, start: u32, f: &Function<'a>) {
        if let Some(id) = &f.id
            && !f.declare
            && f.body.is_some()
            && is_componentish(&id.name)
        {
            self.after(start, id.name.as_str());
        }
    }

    fn variable(&mut self, start: u32, v: &VariableDeclaration<'a>, facts: &Facts, src: &str) {
        if v.declare || v.declarations.len() != 1 {
            return;
        }
        let d = &v.declarations[0];
        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) else {
            return;
        };
        let name = id.name.as_str();
        if !is_componentish(name) {
            return;
        }
        let init = init.without_parentheses();
        match init {
            Expression::ArrowFunctionExpression(a) if returns_arrow(a) => return,
            Expression::ArrowFunctionExpression(_)
            | Expression::FunctionExpression(_)
            | Expression::TaggedTemplateExpression(_) => {}
            Expression::CallExpression(call) => {
                let imported = match call.callee.get_inner_expression() {
                    Expression::ImportExpression(_) => true,
                    Expression::Identifier(i) => i.name.starts_with("require"),
                    _ => false,
                };
                if imported {
                    return;
                }
            }
            _ => return,
        }
        let found = self.inner(name, init, true, src);
        if found || facts.jsx_names.contains(name) {
            self.after(start, name);
        }
    }

    /// Looks for a component inside `expr` (HOC arguments), registering what it finds.
    fn inner(
        &mut self,
        inferred: &str,
        expr: &Expression<'_>,
        declarator: bool,
        src: &str,
    ) -> bool {
        match expr {
            Expression::Identifier(id) => return is_componentish(&id.name),
            Expression::FunctionExpression(_) => {}
            Expression::ArrowFunctionExpression(a) => {
                if returns_arrow(a) {
                    return false;
                }
            }
            Expression::CallExpression(call) => {
                if !matches!(
                    call.callee,
                    Expression::Identifier(_)
                        | Expression::ComputedMemberExpression(_)
                        | Expression::StaticMemberExpression(_)
                ) {
                    return false;
                }
                let Some(arg) = call.arguments.first().and_then(|a| a.as_expression()) else {
                    return false;
                };
                let callee = text(src, call.callee.span());
                if !self.inner(&format!("{inferred}${callee}"), arg, false, src) {
                    return false;
                }
                if declarator {
                    return true;
                }
            }
            _ => return false,
        }
        if !declarator {
            let span = expr.span();
            let n = self.register(Cow::Owned(inferred.to_string()));
            self.before.insert((span.start, span.end), n);
        }
        true
    }
}

fn returns_arrow(a: &ArrowFunctionExpression<'_>) -> bool {
    matches!(
        a.get_expression(),
        Some(Expression::ArrowFunctionExpression(_))
    )
}

fn text(src: &str, span: Span) -> &str {
    &src[span.start as usize..span.end as usize]
}
