//! Reading a `vite.config.{ts,js,mjs}` without running it: the literal parts that matter
//! to serving (`base`, `resolve.alias`, `define`, `server.port`, `envPrefix`), plus a list of
//! what could not be honoured so the server can say so once.

use std::collections::BTreeMap;

use oxc::allocator::Allocator;
use oxc::ast::ast::{
    ArrayExpressionElement, ExportDefaultDeclarationKind, Expression, ObjectExpression,
    ObjectPropertyKind, Program, PropertyKey, Statement,
};
use oxc::parser::Parser;
use oxc::span::SourceType;

/// What the config says, as far as it can be read statically.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaticConfig {
    pub base: Option<String>,
    /// `(find, replacement)`; replacements are paths relative to the config's directory
    /// (or absolute).
    pub aliases: Vec<(String, String)>,
    /// `define` entries: key → JavaScript expression text.
    pub define: BTreeMap<String, String>,
    pub port: Option<u16>,
    pub env_prefix: Option<Vec<String>>,
    /// Settings present but not understood, one sentence each.
    pub warnings: Vec<String>,
}

/// Reads a config file's text. Parse errors become a warning, not a failure: serving
/// goes on with defaults.
pub fn read_vite_config(filename: &str, source: &str) -> StaticConfig {
    let allocator = Allocator::default();
    let st = SourceType::from_path(filename).unwrap_or_else(|_| SourceType::mjs());
    let parsed = Parser::new(&allocator, source, st).parse();
    let mut out = StaticConfig::default();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        out.warnings
            .push(format!("{filename} could not be parsed; using defaults"));
        return out;
    }
    match config_object(&parsed.program) {
        Some(obj) => read_object(obj, &mut out),
        None => out.warnings.push(format!(
            "{filename}: the exported config is not an object literal; using defaults"
        )),
    }
    out
}

/// `export default {...}`, `export default defineConfig({...})`, `defineConfig(() => ({...}))`,
/// or an exported identifier bound to one of those.
pub(crate) fn config_object<'a, 'b>(program: &'b Program<'a>) -> Option<&'b ObjectExpression<'a>> {
    for stmt in &program.body {
        // `module.exports = {...}` (a CommonJS config).
        if let Statement::ExpressionStatement(s) = stmt
            && let Expression::AssignmentExpression(a) = &s.expression
            && let Some(m) = a.left.as_member_expression()
            && m.static_property_name() == Some("exports")
            && matches!(m.object(), Expression::Identifier(id) if id.name == "module")
        {
            return unwrap_config(&a.right, program);
        }
        if let Statement::ExportDefaultDeclaration(d) = stmt {
            return match &d.declaration {
                ExportDefaultDeclarationKind::ObjectExpression(o) => Some(o),
                other => other
                    .as_expression()
                    .and_then(|e| unwrap_config(e, program)),
            };
        }
    }
    None
}

fn unwrap_config<'a, 'b>(
    e: &'b Expression<'a>,
    program: &'b Program<'a>,
) -> Option<&'b ObjectExpression<'a>> {
    match e {
        Expression::ObjectExpression(o) => Some(o),
        Expression::ParenthesizedExpression(p) => unwrap_config(&p.expression, program),
        Expression::TSSatisfiesExpression(s) => unwrap_config(&s.expression, program),
        Expression::TSAsExpression(s) => unwrap_config(&s.expression, program),
        Expression::CallExpression(c) => c
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .and_then(|a| unwrap_config(a, program)),
        Expression::ArrowFunctionExpression(f) => {
            f.get_expression().and_then(|e| unwrap_config(e, program))
        }
        Expression::Identifier(id) => {
            for stmt in &program.body {
                if let Statement::VariableDeclaration(v) = stmt {
                    for d in &v.declarations {
                        if d.id.get_identifier_name().is_some_and(|n| n == id.name)
                            && let Some(init) = &d.init
                        {
                            return unwrap_config(init, program);
                        }
                    }
                }
            }
            None
        }
        _ => None,
    }
}

/// An object literal's key when it is a plain name, a string or a number.
pub(crate) fn key_name(key: &PropertyKey<'_>) -> Option<String> {
    match key {
        PropertyKey::StaticIdentifier(id) => Some(id.name.to_string()),
        PropertyKey::StringLiteral(s) => Some(s.value.to_string()),
        PropertyKey::NumericLiteral(n) => Some(n.value.to_string()),
        _ => None,
    }
}

pub(crate) fn string(e: &Expression<'_>) -> Option<String> {
    match e {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::TemplateLiteral(t) if t.expressions.is_empty() => t.quasis.first().map(|q| {
            q.value
                .cooked
                .map_or_else(|| q.value.raw.to_string(), |c| c.to_string())
        }),
        _ => None,
    }
}

/// A path expression: a string, `path.resolve(__dirname, 'src')`, `path.join(...)`,
/// `fileURLToPath(new URL('./src', import.meta.url))`, or `` `${__dirname}/src` ``.
fn path_value(e: &Expression<'_>) -> Option<String> {
    if let Some(s) = string(e) {
        return Some(s);
    }
    match e {
        Expression::CallExpression(c) => {
            let callee = match &c.callee {
                Expression::Identifier(id) => id.name.as_str(),
                Expression::StaticMemberExpression(m) => m.property.name.as_str(),
                _ => return None,
            };
            match callee {
                "resolve" | "join" => {
                    let mut parts = Vec::new();
                    for a in &c.arguments {
                        let a = a.as_expression()?;
                        let is_dir = matches!(a, Expression::Identifier(id) if id.name == "__dirname")
                            || matches!(a, Expression::CallExpression(cc) if matches!(&cc.callee, Expression::StaticMemberExpression(m) if m.property.name == "cwd"))
                            || matches!(a, Expression::StaticMemberExpression(m) if m.property.name == "dirname" && matches!(m.object, Expression::ImportMeta(_)));
                        if is_dir {
                            parts.clear();
                            parts.push(".".to_string());
                        } else {
                            parts.push(string(a)?);
                        }
                    }
                    let mut out = String::new();
                    for p in parts {
                        if p.starts_with('/') || out.is_empty() {
                            out = p;
                        } else {
                            out = format!(
                                "{}/{}",
                                out.trim_end_matches('/'),
                                p.trim_start_matches("./")
                            );
                        }
                    }
                    Some(out)
                }
                "fileURLToPath" => match c.arguments.first()?.as_expression()? {
                    Expression::NewExpression(n) => {
                        n.arguments.first()?.as_expression().and_then(string)
                    }
                    _ => None,
                },
                _ => None,
            }
        }
        Expression::NewExpression(n) => n.arguments.first()?.as_expression().and_then(string),
        Expression::TemplateLiteral(t) if t.expressions.len() == 1 && t.quasis.len() == 2 => {
            matches!(&t.expressions[0], Expression::Identifier(id) if id.name == "__dirname")
                .then(|| format!(".{}", t.quasis[1].value.raw))
        }
        _ => None,
    }
}

/// The JSON text of a literal (`JSON.stringify`'s argument).
fn json_value(e: &Expression<'_>) -> Option<String> {
    match e {
        Expression::StringLiteral(s) => serde_json::to_string(s.value.as_str()).ok(),
        Expression::NumericLiteral(n) => Some(n.value.to_string()),
        Expression::BooleanLiteral(b) => Some(b.value.to_string()),
        Expression::NullLiteral(_) => Some("null".into()),
        _ => None,
    }
}

/// A `define` value as code: strings are code already (`'"x"'`), other literals are
/// serialised, `JSON.stringify(literal)` is evaluated.
fn define_code(e: &Expression<'_>) -> Option<String> {
    match e {
        Expression::StringLiteral(s) => Some(s.value.to_string()),
        Expression::CallExpression(c) if matches!(&c.callee, Expression::StaticMemberExpression(m) if m.property.name == "stringify") => {
            c.arguments.first()?.as_expression().and_then(json_value)
        }
        other => json_value(other),
    }
}

fn read_object(obj: &ObjectExpression<'_>, out: &mut StaticConfig) {
    for prop in &obj.properties {
        let ObjectPropertyKind::ObjectProperty(p) = prop else {
            out.warnings
                .push("a spread (`...`) in the config is ignored".into());
            continue;
        };
        let Some(key) = p.key.static_name() else {
            continue;
        };
        match key.as_ref() {
            "base" => match string(&p.value) {
                Some(b) => out.base = Some(b),
                None => out
                    .warnings
                    .push("`base` is not a string literal; using \"/\"".into()),
            },
            "envPrefix" => match &p.value {
                Expression::ArrayExpression(a) => {
                    out.env_prefix = Some(
                        a.elements
                            .iter()
                            .filter_map(|e| e.as_expression().and_then(string))
                            .collect(),
                    );
                }
                e => match string(e) {
                    Some(s) => out.env_prefix = Some(vec![s]),
                    None => out
                        .warnings
                        .push("`envPrefix` is not literal; using \"VITE_\"".into()),
                },
            },
            "define" => match &p.value {
                Expression::ObjectExpression(d) => {
                    for dp in &d.properties {
                        if let ObjectPropertyKind::ObjectProperty(dp) = dp
                            && let Some(k) = dp.key.static_name()
                        {
                            match define_code(&dp.value) {
                                Some(v) => {
                                    out.define.insert(k.to_string(), v);
                                }
                                None => out
                                    .warnings
                                    .push(format!("`define.{k}` is not a literal; ignored")),
                            }
                        }
                    }
                }
                _ => out
                    .warnings
                    .push("`define` is not an object literal; ignored".into()),
            },
            "resolve" => {
                if let Expression::ObjectExpression(r) = &p.value {
                    for rp in &r.properties {
                        if let ObjectPropertyKind::ObjectProperty(rp) = rp
                            && rp.key.static_name().as_deref() == Some("alias")
                        {
                            read_aliases(&rp.value, out);
                        }
                    }
                }
            }
            "server" => {
                if let Expression::ObjectExpression(s) = &p.value {
                    for sp in &s.properties {
                        let ObjectPropertyKind::ObjectProperty(sp) = sp else {
                            continue;
                        };
                        match sp.key.static_name().as_deref() {
                            Some("port") => {
                                if let Expression::NumericLiteral(n) = &sp.value {
                                    out.port = Some(n.value as u16);
                                }
                            }
                            Some("proxy") => out.warnings.push(
                                "`server.proxy` is not supported; requests are not proxied".into(),
                            ),
                            _ => {}
                        }
                    }
                }
            }
            "plugins" => {
                if let Expression::ArrayExpression(a) = &p.value {
                    for el in &a.elements {
                        let name = match el {
                            ArrayExpressionElement::CallExpression(c) => match &c.callee {
                                Expression::Identifier(id) => id.name.to_string(),
                                _ => "a plugin".into(),
                            },
                            _ => "a plugin".into(),
                        };
                        // What these do, Velocity does itself (`tailwindcss` is
                        // @tailwindcss/vite: see the tailwind module).
                        if !matches!(
                            name.as_str(),
                            "react"
                                | "reactRefresh"
                                | "viteReact"
                                | "tsconfigPaths"
                                | "tailwindcss"
                        ) {
                            out.warnings.push(format!("the Vite plugin `{name}()` does not run in Velocity; use a Velocity plugin instead"));
                        }
                    }
                }
            }
            "build" | "preview" | "test" | "optimizeDeps" | "root" | "publicDir"
            | "clearScreen" | "logLevel" | "mode" => {}
            other => out
                .warnings
                .push(format!("config key `{other}` is not honoured")),
        }
    }
}

fn read_aliases(value: &Expression<'_>, out: &mut StaticConfig) {
    match value {
        Expression::ObjectExpression(o) => {
            for ap in &o.properties {
                if let ObjectPropertyKind::ObjectProperty(ap) = ap
                    && let Some(find) = ap.key.static_name()
                {
                    match path_value(&ap.value) {
                        Some(r) => out.aliases.push((find.to_string(), r)),
                        None => out
                            .warnings
                            .push(format!("alias `{find}` is not a literal path; ignored")),
                    }
                }
            }
        }
        Expression::ArrayExpression(a) => {
            for el in &a.elements {
                let Some(Expression::ObjectExpression(o)) = el.as_expression() else {
                    continue;
                };
                let mut find = None;
                let mut replacement = None;
                for ap in &o.properties {
                    if let ObjectPropertyKind::ObjectProperty(ap) = ap {
                        match ap.key.static_name().as_deref() {
                            Some("find") => find = string(&ap.value),
                            Some("replacement") => replacement = path_value(&ap.value),
                            _ => {}
                        }
                    }
                }
                match (find, replacement) {
                    (Some(f), Some(r)) => out.aliases.push((f, r)),
                    _ => out
                        .warnings
                        .push("an alias entry is not literal (regex `find`?); ignored".into()),
                }
            }
        }
        _ => out
            .warnings
            .push("`resolve.alias` is not literal; ignored".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_shapes() {
        let src = r#"
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import legacy from '@vitejs/plugin-legacy'
import path from 'node:path'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  base: '/app/',
  plugins: [react(), legacy(), tailwindcss()],
  envPrefix: ['VITE_', 'APP_'],
  define: { __APP_VERSION__: JSON.stringify('1.2.3'), 'import.meta.env.EXTRA': '"x"', FLAG: true },
  resolve: {
    alias: {
      '@': path.resolve(__dirname, './src'),
      '~lib': fileURLToPath(new URL('./lib', import.meta.url)),
      'abs': '/opt/shared',
    },
  },
  server: { port: 3000, proxy: { '/api': 'http://localhost:8080' } },
})
"#;
        let c = read_vite_config("vite.config.ts", src);
        assert_eq!(c.base.as_deref(), Some("/app/"));
        assert_eq!(c.port, Some(3000));
        assert_eq!(c.env_prefix, Some(vec!["VITE_".into(), "APP_".into()]));
        assert_eq!(
            c.aliases,
            vec![
                ("@".into(), "./src".into()),
                ("~lib".into(), "./lib".into()),
                ("abs".into(), "/opt/shared".into())
            ]
        );
        assert_eq!(c.define["__APP_VERSION__"], "\"1.2.3\"");
        assert_eq!(c.define["import.meta.env.EXTRA"], "\"x\"");
        assert_eq!(c.define["FLAG"], "true");
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert!(c.warnings.iter().any(|w| w.contains("legacy")));
        assert!(c.warnings.iter().any(|w| w.contains("proxy")));
    }

    #[test]
    fn array_aliases_and_function_configs() {
        let src = "export default defineConfig(() => ({ resolve: { alias: [{ find: '@', replacement: `${__dirname}/src` }] } }))";
        let c = read_vite_config("vite.config.js", src);
        assert_eq!(c.aliases, vec![("@".into(), "./src".into())]);
    }

    #[test]
    fn bad_configs_only_warn() {
        let c = read_vite_config("vite.config.js", "export default {");
        assert_eq!(c.warnings.len(), 1);
        let c = read_vite_config("vite.config.js", "export default makeConfig()");
        assert_eq!(c.warnings.len(), 1);
    }
}
