//! Compile-time replacements: `import.meta.env` and `process.env.NODE_ENV`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use oxc::allocator::Allocator;
use oxc::ast::ast::{Expression, Program};
use oxc::ast_visit::{VisitMut, walk_mut};
use oxc::parser::Parser;
use oxc::span::{GetSpan, SourceType, Span};

/// The values a module sees as `import.meta.env`, as JavaScript expression text
/// (already serialised: `"\"/\""`, `"true"`). Sorted by key, as Vite emits them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvDefines {
    pub env: BTreeMap<String, String>,
    /// Replacement for `process.env.NODE_ENV`; `None` leaves it alone.
    pub node_env: Option<String>,
}

impl EnvDefines {
    /// Vite's development defaults for a given base, plus extra `VITE_` values (raw strings).
    pub fn development(base: &str, vars: &BTreeMap<String, String>) -> Self {
        let mut env = BTreeMap::new();
        env.insert("BASE_URL".into(), json_str(base));
        env.insert("DEV".into(), "true".into());
        env.insert("MODE".into(), json_str("development"));
        env.insert("PROD".into(), "false".into());
        env.insert("SSR".into(), "false".into());
        for (k, v) in vars {
            env.insert(k.clone(), json_str(v));
        }
        Self {
            env,
            node_env: Some(json_str("development")),
        }
    }

    /// `{"BASE_URL": "/", "DEV": true, ...}`: the object `import.meta.env` becomes.
    pub fn object_literal(&self) -> String {
        object_literal(&self.env)
    }

    /// Cheap test on the source text: can this module need any replacement?
    pub(crate) fn applies_to(&self, source: &str) -> bool {
        source.contains("import.meta.env")
            || (self.node_env.is_some() && source.contains("process.env.NODE_ENV"))
    }
}

/// `{"key": <code>, ...}` from keys and JavaScript expression text, in key order.
pub fn object_literal(entries: &BTreeMap<String, String>) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&json_str(k));
        s.push_str(": ");
        s.push_str(v);
    }
    s.push('}');
    s
}

pub(crate) fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Replaces the defines in `program`. Replacement nodes take the span of what they replace,
/// so the source map keeps pointing at the original expression.
pub(crate) fn apply<'a>(allocator: &'a Allocator, program: &mut Program<'a>, defines: &EnvDefines) {
    let mut r = Replacer {
        allocator,
        defines,
        failed: false,
    };
    r.visit_program(program);
}

struct Replacer<'a, 'd> {
    allocator: &'a Allocator,
    defines: &'d EnvDefines,
    failed: bool,
}

fn is_import_meta_env(e: &Expression<'_>) -> bool {
    matches!(e, Expression::StaticMemberExpression(m)
        if m.property.name.as_str() == "env" && matches!(m.object, Expression::ImportMeta(_)))
}

fn is_process_env_node_env(e: &Expression<'_>) -> bool {
    let Expression::StaticMemberExpression(m) = e else {
        return false;
    };
    if m.property.name.as_str() != "NODE_ENV" {
        return false;
    }
    let Expression::StaticMemberExpression(env) = &m.object else {
        return false;
    };
    env.property.name.as_str() == "env"
        && matches!(&env.object, Expression::Identifier(id) if id.name.as_str() == "process")
}

impl<'a> Replacer<'a, '_> {
    fn parse(&mut self, text: &str, span: Span) -> Option<Expression<'a>> {
        let text = self.allocator.alloc_str(text);
        match Parser::new(self.allocator, text, SourceType::mjs()).parse_expression() {
            Ok(mut e) => {
                SpanSetter(span).visit_expression(&mut e);
                Some(e)
            }
            Err(_) => {
                self.failed = true;
                None
            }
        }
    }
}

/// The text that replaces `expr`, if it is a define: `import.meta.env.KEY` (a known key),
/// `import.meta.env` itself, or `process.env.NODE_ENV`.
pub(crate) fn replacement<'d>(
    defines: &'d EnvDefines,
    expr: &Expression<'_>,
) -> Option<Cow<'d, str>> {
    match expr {
        Expression::StaticMemberExpression(m) if is_import_meta_env(&m.object) => defines
            .env
            .get(m.property.name.as_str())
            .map(|v| Cow::Borrowed(v.as_str())),
        e if is_import_meta_env(e) => Some(Cow::Owned(defines.object_literal())),
        e if is_process_env_node_env(e) => defines.node_env.as_deref().map(Cow::Borrowed),
        _ => None,
    }
}

impl<'a> VisitMut<'a> for Replacer<'a, '_> {
    fn visit_expression(&mut self, expr: &mut Expression<'a>) {
        let replacement = match replacement(self.defines, expr) {
            Some(text) => {
                let span = expr.span();
                self.parse(&text, span)
            }
            None => None,
        };
        match replacement {
            Some(r) => *expr = r,
            None => walk_mut::walk_expression(self, expr),
        }
    }
}

/// Gives every node of a parsed replacement the span of the expression it replaces.
struct SpanSetter(Span);

impl VisitMut<'_> for SpanSetter {
    fn visit_span(&mut self, span: &mut Span) {
        *span = self.0;
    }
}
