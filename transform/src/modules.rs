//! Module kinds that are not scripts: JSON, raw text, asset URLs and CSS-as-JS.

use std::collections::BTreeMap;

use crate::define::json_str;
use crate::error::{Diagnostic, TransformError};

/// Above this size JSON is shipped as `JSON.parse("...")`, which browsers parse faster
/// than an object literal.
const JSON_PARSE_THRESHOLD: usize = 10 * 1024;

const RESERVED: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "arguments",
    "eval",
];

/// A name usable as `export const <name>`.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_' || first == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !RESERVED.contains(&s)
}

/// JSON to an ES module: the value as default export, and each top-level key that is a
/// valid identifier as a named export.
pub fn json_module(filename: &str, source: &str) -> Result<String, TransformError> {
    let value: serde_json::Value = serde_json::from_str(source).map_err(|e| {
        let line = e.line().max(1) as u32;
        let column = e.column().max(1) as u32;
        TransformError::single(Diagnostic {
            file: filename.to_string(),
            line,
            column,
            message: format!("invalid JSON: {e}"),
            frame: crate::error::code_frame(source, line, column),
        })
    })?;
    let literal = if source.len() > JSON_PARSE_THRESHOLD {
        format!("JSON.parse({})", json_str(source.trim()))
    } else {
        source.trim().to_string()
    };
    let mut out = format!("const __vite_json = {literal};\nexport default __vite_json;\n");
    if let serde_json::Value::Object(map) = &value {
        for key in map.keys().filter(|k| is_identifier(k)) {
            out.push_str(&format!(
                "export const {key} = __vite_json[{}];\n",
                json_str(key)
            ));
        }
    }
    Ok(out)
}

/// `?raw`: the file's text as the default export.
pub fn raw_module(text: &str) -> String {
    format!("export default {};\n", json_str(text))
}

/// An asset imported from JS: its URL as the default export.
pub fn url_module(url: &str) -> String {
    format!("export default {};\n", json_str(url))
}

/// CSS imported from JS: a module that injects the compiled CSS as a `<style>` through the
/// HMR client and keeps it updated. CSS modules export their class map instead of
/// accepting themselves, so an edit updates the components that use the classes.
pub fn css_module(
    client_url: &str,
    id: &str,
    css: &str,
    exports: Option<&BTreeMap<String, String>>,
) -> String {
    let mut out = format!(
        "import {{ updateStyle as __vite__updateStyle, removeStyle as __vite__removeStyle }} from {};\n\
const __vite__id = {};\n\
const __vite__css = {};\n\
__vite__updateStyle(__vite__id, __vite__css);\n",
        json_str(client_url),
        json_str(id),
        json_str(css),
    );
    match exports {
        None => out.push_str("import.meta.hot.accept();\n"),
        Some(map) => {
            let mut default = Vec::new();
            for (i, (local, compiled)) in map.iter().enumerate() {
                if is_identifier(local) {
                    out.push_str(&format!("export const {local} = {};\n", json_str(compiled)));
                    default.push(format!("  {}: {local}", json_str(local)));
                } else {
                    out.push_str(&format!(
                        "const __vite__class{i} = {};\n",
                        json_str(compiled)
                    ));
                    default.push(format!("  {}: __vite__class{i}", json_str(local)));
                }
            }
            out.push_str(&format!(
                "const __vite__classes = {{\n{}\n}};\nexport default __vite__classes;\n",
                default.join(",\n")
            ));
            // Vite lets a CSS module's edit travel to every importer. When the class names
            // are unchanged (the usual edit), only the sheet needs replacing, which the new
            // module has already done: accept in place, and invalidate otherwise.
            out.push_str(
                "import.meta.hot.accept((next) => {\n  if (!next || JSON.stringify(next.default) !== JSON.stringify(__vite__classes)) import.meta.hot.invalidate(\"CSS module class names changed\");\n});\n",
            );
        }
    }
    out.push_str("import.meta.hot.prune(() => __vite__removeStyle(__vite__id));\n");
    out
}

/// `?inline` CSS: the compiled CSS text as the default export, nothing injected.
pub fn css_inline_module(css: &str) -> String {
    raw_module(css)
}
