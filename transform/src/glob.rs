//! `import.meta.glob(...)` read from the text of the call: its patterns and options. The
//! server expands the call before the browser runs anything, so, as in Vite, every
//! argument must be a literal.

use oxc::allocator::Allocator;
use oxc::ast::ast::{Argument, Expression, ObjectExpression, ObjectPropertyKind, Statement};
use oxc::parser::Parser;
use oxc::span::SourceType;

use crate::config::{key_name, string};

/// One `import.meta.glob` call.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct GlobCall {
    /// As written: `./pages/*.tsx`, `/src/**/*.md`, `@/locales/*.json`, `!./skip.ts`.
    pub patterns: Vec<String>,
    /// Static imports instead of `() => import()`.
    pub eager: bool,
    /// The one export to take (`default`, `setup`) instead of the namespace.
    pub import: Option<String>,
    /// Query added to every import, without its `?` (`raw`, `url`, `lang=en`).
    pub query: Option<String>,
    /// Where relative patterns start and the keys are relative to, instead of the
    /// importing file's directory.
    pub base: Option<String>,
    /// Also match dotfiles and files in `node_modules`.
    pub exhaustive: bool,
}

/// A call the server cannot expand: arguments that are not literals, unknown options.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Invalid glob import syntax: {0}")]
pub struct GlobSyntaxError(pub String);

fn err<T>(message: impl Into<String>) -> Result<T, GlobSyntaxError> {
    Err(GlobSyntaxError(message.into()))
}

/// Reads `import.meta.glob(patterns, options?)` from the call's text.
pub fn glob_call(text: &str) -> Result<GlobCall, GlobSyntaxError> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, text, SourceType::mjs()).parse();
    let call = match parsed.program.body.first() {
        Some(Statement::ExpressionStatement(s)) if parsed.diagnostics.is_empty() => {
            match s.expression.get_inner_expression() {
                Expression::CallExpression(c) => c,
                _ => return err("expected a call"),
            }
        }
        _ => return err("expected a call"),
    };
    let mut out = GlobCall::default();
    match call.arguments.first() {
        Some(Argument::ArrayExpression(list)) => {
            for el in &list.elements {
                match el.as_expression().and_then(string) {
                    Some(p) => out.patterns.push(p),
                    None => return err("expected glob patterns to be string literals"),
                }
            }
        }
        Some(a) => match a.as_expression().and_then(string) {
            Some(p) => out.patterns.push(p),
            None => return err("expected the glob to be a string literal or an array of them"),
        },
        None => return err("expected at least one argument"),
    }
    if out.patterns.is_empty() {
        return err("expected at least one glob pattern");
    }
    if call.arguments.len() > 2 {
        return err(format!(
            "expected 1-2 arguments, got {}",
            call.arguments.len()
        ));
    }
    let Some(options) = call.arguments.get(1) else {
        return Ok(out);
    };
    let Some(Expression::ObjectExpression(object)) = options.as_expression() else {
        return err("expected the second argument to be an object literal");
    };
    let mut legacy_as = None;
    for (key, value) in properties(object, "glob options")? {
        match key.as_str() {
            "eager" => out.eager = boolean(&key, value)?,
            "exhaustive" => out.exhaustive = boolean(&key, value)?,
            "import" => out.import = Some(string_option(&key, value)?),
            "base" => out.base = Some(string_option(&key, value)?),
            "as" => legacy_as = Some(string_option(&key, value)?),
            "query" => out.query = Some(query(value)?),
            other => return err(format!("unknown glob option \"{other}\"")),
        }
    }
    // `as: 'raw'` is the older spelling of `{ query: '?raw', import: 'default' }`.
    if let Some(kind) = legacy_as
        && out.query.is_none()
    {
        out.query = Some(kind);
        out.import.get_or_insert_with(|| "default".into());
    }
    if let Some(base) = &out.base
        && !(base.starts_with('/') || base.starts_with("./") || base.starts_with("../"))
    {
        return err(format!(
            "option \"base\" must start with '/', './' or '../', got \"{base}\""
        ));
    }
    Ok(out)
}

/// An object literal's `(key, value)` pairs: plain keys only, no spread.
fn properties<'o, 'a>(
    object: &'o ObjectExpression<'a>,
    what: &str,
) -> Result<Vec<(String, &'o Expression<'a>)>, GlobSyntaxError> {
    let mut out = Vec::new();
    for property in &object.properties {
        let ObjectPropertyKind::ObjectProperty(p) = property else {
            return err(format!("spread is not allowed in {what}"));
        };
        let Some(key) = key_name(&p.key) else {
            return err(format!("keys in {what} must be plain names"));
        };
        out.push((key, &p.value));
    }
    Ok(out)
}

fn boolean(key: &str, e: &Expression<'_>) -> Result<bool, GlobSyntaxError> {
    match e {
        Expression::BooleanLiteral(b) => Ok(b.value),
        _ => err(format!(
            "expected glob option \"{key}\" to be a boolean literal"
        )),
    }
}

fn string_option(key: &str, e: &Expression<'_>) -> Result<String, GlobSyntaxError> {
    string(e).map_or_else(
        || {
            err(format!(
                "expected glob option \"{key}\" to be a string literal"
            ))
        },
        Ok,
    )
}

/// `'?raw'`, `'raw'` or `{ lang: 'en', inline: true }`, as the query text without `?`.
fn query(e: &Expression<'_>) -> Result<String, GlobSyntaxError> {
    if let Some(s) = string(e) {
        return Ok(s.trim_start_matches('?').to_string());
    }
    let Expression::ObjectExpression(object) = e else {
        return err("expected glob option \"query\" to be a string or an object literal");
    };
    let mut parts = Vec::new();
    for (key, value) in properties(object, "glob option \"query\"")? {
        let value = match value {
            Expression::BooleanLiteral(b) => b.value.to_string(),
            Expression::NumericLiteral(n) => n.value.to_string(),
            other => match string(other) {
                Some(s) => s,
                None => return err(format!("glob query \"{key}\" must be a literal")),
            },
        };
        parts.push(format!("{}={}", query_escape(&key), query_escape(&value)));
    }
    Ok(parts.join("&"))
}

/// Percent-escapes what would break a query's structure.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~!*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_patterns_and_options() {
        let c = glob_call("import.meta.glob('./pages/*.tsx')").unwrap();
        assert_eq!(c.patterns, ["./pages/*.tsx"]);
        assert!(!c.eager);
        let c = glob_call(
            "import.meta.glob(['./a/*.ts', `!./a/skip.ts`], { eager: true, import: 'default', query: { lang: 'en', n: 2, x: true }, base: './a', exhaustive: true })",
        )
        .unwrap();
        assert_eq!(
            c,
            GlobCall {
                patterns: vec!["./a/*.ts".into(), "!./a/skip.ts".into()],
                eager: true,
                import: Some("default".into()),
                query: Some("lang=en&n=2&x=true".into()),
                base: Some("./a".into()),
                exhaustive: true,
            }
        );
        assert_eq!(
            glob_call("import.meta.glob('./*.svg', { query: '?url', import: 'default' })")
                .unwrap()
                .query
                .as_deref(),
            Some("url")
        );
    }

    #[test]
    fn the_older_as_option_means_a_query_and_the_default_export() {
        let c = glob_call("import.meta.glob('./*.md', { as: 'raw' })").unwrap();
        assert_eq!(c.query.as_deref(), Some("raw"));
        assert_eq!(c.import.as_deref(), Some("default"));
    }

    #[test]
    fn rejects_what_it_cannot_expand() {
        for (text, says) in [
            ("import.meta.glob(dir)", "string literal"),
            ("import.meta.glob(`./${d}/*.ts`)", "string literal"),
            ("import.meta.glob('./*.ts', opts)", "object literal"),
            ("import.meta.glob('./*.ts', { eager: 'yes' })", "boolean"),
            (
                "import.meta.glob('./*.ts', { lazy: true })",
                "unknown glob option \"lazy\"",
            ),
            ("import.meta.glob('./*.ts', { ...o })", "spread"),
            ("import.meta.glob('./*.ts', { base: 'src' })", "base"),
            ("import.meta.glob()", "at least one"),
            ("import.meta.glob([])", "at least one"),
        ] {
            let e = glob_call(text).unwrap_err().to_string();
            assert!(e.starts_with("Invalid glob import syntax: "), "{e}");
            assert!(e.contains(says), "{text}: {e}");
        }
    }
}
