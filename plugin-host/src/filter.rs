//! Hook filters: the host decides from the id (and code) alone whether a call could
//! match, so a plugin that only handles `.md` files costs nothing on a `.tsx` module.

use crate::HookFilter;

/// Whether a hook filter lets a call through (no filter: always).
pub fn filter_matches(filter: Option<&HookFilter>, id: &str, code: Option<&str>) -> bool {
    let Some(f) = filter else { return true };
    if !f.id_include.is_empty() && !f.id_include.iter().any(|p| pattern_matches(p, id)) {
        return false;
    }
    if f.id_exclude.iter().any(|p| pattern_matches(p, id)) {
        return false;
    }
    match (&f.code_includes, code) {
        (Some(needle), Some(code)) => code.contains(needle.as_str()),
        _ => true,
    }
}

/// Globs (`**/*.md`, `*.svg`, `?`) against a module id. Regex patterns (`re:`) from Vite
/// plugins are not evaluated here: they let the call through, and the plugin decides.
fn pattern_matches(pattern: &str, id: &str) -> bool {
    if pattern.starts_with("re:") {
        return true;
    }
    let id = id.split('?').next().unwrap_or(id).as_bytes();
    // `**/x` matches `x` at any depth: the same as a leading `*` for an absolute id.
    let (anywhere, rest) = match pattern.strip_prefix("**/") {
        Some(rest) => (true, rest.as_bytes()),
        None => (false, pattern.as_bytes()),
    };
    let (anywhere, rest) = match rest.strip_prefix(b"*") {
        Some(r) => (true, r),
        None => (anywhere, rest),
    };
    // The common shape, `**/*.ext`: a suffix test, no backtracking.
    if anywhere && !rest.iter().any(|b| matches!(b, b'*' | b'?')) {
        return id.ends_with(rest);
    }
    if anywhere {
        (0..=id.len()).any(|i| glob(rest, &id[i..]))
    } else {
        glob(rest, id)
    }
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => {
            let rest = if p.get(1) == Some(&b'*') {
                &p[2..]
            } else {
                &p[1..]
            };
            (0..=s.len()).any(|i| glob(rest, &s[i..]))
        }
        (Some(b'?'), Some(_)) => glob(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => glob(&p[1..], &s[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters() {
        let f = HookFilter {
            id_include: vec!["**/*.md".into()],
            id_exclude: vec!["**/skip/*".into()],
            code_includes: None,
        };
        assert!(filter_matches(Some(&f), "/p/src/a.md", None));
        assert!(filter_matches(Some(&f), "/p/src/a.md?raw", None));
        assert!(!filter_matches(Some(&f), "/p/src/a.tsx", None));
        assert!(!filter_matches(Some(&f), "/p/skip/a.md", None));
        let c = HookFilter {
            id_include: vec![],
            id_exclude: vec![],
            code_includes: Some("import.meta.glob".into()),
        };
        assert!(!filter_matches(Some(&c), "/a.ts", Some("plain")));
        assert!(filter_matches(None, "/anything", None));
        for (pattern, id, expected) in [
            ("*.svg", "/p/logo.svg", true),
            ("**/icons/*.svg", "/p/src/icons/a.svg", true),
            ("**/icons/*.svg", "/p/src/a.svg", false),
            ("/p/src/*.ts", "/p/src/a.ts", true),
            ("/p/src/?.ts", "/p/src/ab.ts", false),
            ("**/a.?s", "/x/a.ts", true),
        ] {
            assert_eq!(pattern_matches(pattern, id), expected, "{pattern} ~ {id}");
        }
    }
}
