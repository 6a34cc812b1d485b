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

/// `src="/x"`, `href='/x'` and bare `src=/x` move under a non-root base.
fn rebase_urls(html: &str, base: &str) -> String {
    if base == "/" {
        return html.to_string();
    }
    let mut out = html.to_string();
    for attr in [
        "src=\"/", "href=\"/", "src='/", "href='/", "src=/", "href=/",
    ] {
        // What stays of the match: the name, `=` and the quote, if any.
        let head = &attr[..attr.len() - 1];
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            result.push_str(&rest[..i]);
            if after.starts_with('/') || after.starts_with(&base[1..]) {
                result.push_str(attr);
            } else {
                result.push_str(&format!("{head}{base}"));
            }
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// The HTML file a page URL names: a directory's `index.html`.
pub fn page_file(path: &str) -> String {
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The inline `<script type="module">` elements of a page, in order: (the whole element,
/// its body). Scripts with a `src` are not inline.
pub fn inline_modules(html: &str) -> Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<script").map(|i| from + i) {
        let Some(tag_end) = lower[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</script").map(|i| tag_end + i) else {
            break;
        };
        let end = lower[close..]
            .find('>')
            .map_or(lower.len(), |i| close + i + 1);
        let tag = &lower[open..tag_end];
        let is_module = ["type=\"module\"", "type='module'", "type=module"]
            .iter()
            .any(|t| tag.contains(t));
        let has_src = tag.contains(" src=") || tag.contains("\tsrc=") || tag.contains("\nsrc=");
        if is_module && !has_src {
            found.push((open..end, tag_end..close));
        }
        from = end;
    }
    found
}

/// Inline module scripts become `<page>?html-proxy&index=N.js` requests, as in Vite, so
/// their imports are resolved and rewritten like any module's.
fn proxy_inline_modules(html: &str, base: &str, page: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for (index, (element, _)) in inline_modules(html).into_iter().enumerate() {
        out.push_str(&html[last..element.start]);
        out.push_str(&format!(
            "<script type=\"module\" src=\"{}{page}?html-proxy&index={index}.js\"></script>",
            base.trim_end_matches('/')
        ));
        last = element.end;
    }
    out.push_str(&html[last..]);
    out
}

/// Fills `%NAME%` placeholders with the page's env (`VITE_*`, `MODE`, `BASE_URL`).
pub fn with_env(html: &str, base: &str, env: &BTreeMap<String, String>) -> String {
    let mut vars = env.clone();
    vars.insert("MODE".into(), "development".into());
    vars.insert("BASE_URL".into(), base.into());
    replace_env(html, &vars)
}

/// Transforms the HTML page at `page` (its URL path, `/index.html`) for the browser.
pub fn transform_html(
    html: &str,
    base: &str,
    page: &str,
    env: &BTreeMap<String, String>,
) -> String {
    let html = with_env(html, base, env);
    let html = rebase_urls(&proxy_inline_modules(&html, base, page), base);
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
        let out = transform_html(html, "/app/", "/index.html", &env);
        insta::assert_snapshot!(out);
    }

    #[test]
    fn finds_inline_module_scripts_only() {
        let html = "<script type=module src=/a.js></script><SCRIPT TYPE=\"module\">one()</SCRIPT>\
<script>classic()</script><script type='module'>two()</script>";
        let bodies: Vec<&str> = inline_modules(html)
            .into_iter()
            .map(|(_, body)| &html[body])
            .collect();
        assert_eq!(bodies, ["one()", "two()"]);
        let out = proxy_inline_modules(html, "/app/", "/index.html");
        assert!(
            out.contains("src=\"/app/index.html?html-proxy&index=1.js\""),
            "{out}"
        );
        assert!(out.contains("<script>classic()</script>"), "{out}");
    }

    /// Under a base, every root URL of the page moves under it, quoted or not: one that
    /// stayed at `/src/...` would leave the session.
    #[test]
    fn root_urls_move_under_the_base() {
        let html = "<script type=module src=/src/main.js></script><link href='/a.css'>\
<img src=\"/logo.svg\"><a href=//cdn.example/x>cdn</a><img src=/app/kept.png>";
        assert_eq!(
            rebase_urls(html, "/app/"),
            "<script type=module src=/app/src/main.js></script><link href='/app/a.css'>\
<img src=\"/app/logo.svg\"><a href=//cdn.example/x>cdn</a><img src=/app/kept.png>"
        );
    }
}
