//! index.html as Vite serves it in development: env placeholders filled, the React
//! refresh preamble and the HMR client injected, absolute URLs moved under the base.

use std::collections::BTreeMap;

/// Tags injected right after `<head>`, in Vite's order: the refresh preamble first.
fn head_tags(base: &str, indent: &str) -> String {
    format!(
        "{indent}<script type=\"module\">import {{ injectIntoGlobalHook }} from \"{base}@react-refresh\";\n\
injectIntoGlobalHook(window);\n\
window.$RefreshReg$ = () => {{}};\n\
window.$RefreshSig$ = () => (type) => type;</script>\n\
\n{indent}<script type=\"module\" src=\"{base}@vite/client\"></script>\n"
    )
}

/// Replaces `%NAME%` with env values (`VITE_*`, `MODE`, `BASE_URL`); unknown names stay.
fn replace_env(html: &str, env: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        match end {
            Some(e) if e > 0 && after[e..].starts_with('%') => {
                let name = &after[..e];
                match env.get(name) {
                    Some(v) => out.push_str(&crate::error::escape_html(v)),
                    None => out.push_str(&rest[start..start + e + 2]),
                }
                rest = &after[e + 1..];
            }
            _ => {
                out.push('%');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `src="/x"` and `href="/x"` move under a non-root base.
fn rebase_urls(html: &str, base: &str) -> String {
    if base == "/" {
        return html.to_string();
    }
    let mut out = html.to_string();
    for attr in ["src=\"/", "href=\"/", "src='/", "href='/"] {
        let quote = &attr[attr.len() - 2..attr.len() - 1];
        let name = &attr[..attr.len() - 2];
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            result.push_str(&rest[..i]);
            if after.starts_with('/') || after.starts_with(&base[1..]) {
                result.push_str(attr);
            } else {
                result.push_str(&format!("{name}{quote}{base}"));
            }
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// Transforms an HTML page for the browser.
pub fn transform_html(html: &str, base: &str, env: &BTreeMap<String, String>) -> String {
    let mut vars = env.clone();
    vars.insert("MODE".into(), "development".into());
    vars.insert("BASE_URL".into(), base.into());
    let html = rebase_urls(&replace_env(html, &vars), base);
    let lower = html.to_ascii_lowercase();
    let Some(head) = lower.find("<head") else {
        return format!("{}{html}", head_tags(base, ""));
    };
    let Some(close) = lower[head..].find('>').map(|i| head + i + 1) else {
        return html;
    };
    let line_start = lower[..head].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = html[line_start..head]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect();
    let mut out = String::with_capacity(html.len() + 400);
    out.push_str(&html[..close]);
    out.push('\n');
    out.push_str(&head_tags(base, &format!("{indent}  ")));
    out.push_str(&html[close..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_preamble_then_client() {
        let env = BTreeMap::from([("VITE_TITLE".to_string(), "Hi <there>".to_string())]);
        let html = "<!doctype html>\n<html>\n  <head>\n    <title>%VITE_TITLE% %NOPE% 100%</title>\n  </head>\n  <body><script type=\"module\" src=\"/src/main.tsx\"></script></body>\n</html>\n";
        let out = transform_html(html, "/app/", &env);
        insta::assert_snapshot!(out);
    }
}
