//! Hook filters: the host decides from the id (and code) alone whether a call could
//! match, so a plugin that only handles `.md` files costs nothing on a `.tsx` module.
//! Filters are compiled once, when the plugin is loaded.

use crate::HookFilter;

/// One id pattern: a glob (`**/*.md`), or a regular expression from a JS plugin
/// (`re:` + its source, flags as `(?i)`).
#[derive(Debug)]
enum Pattern {
    Glob(String),
    Regex(regex::Regex),
    /// A JS regex this host cannot evaluate (lookaround, backreferences): the call goes
    /// through and the plugin decides.
    Opaque,
}

impl Pattern {
    fn new(p: &str) -> Self {
        match p.strip_prefix("re:") {
            Some(re) => regex::Regex::new(re).map_or(Pattern::Opaque, Pattern::Regex),
            None => Pattern::Glob(p.to_string()),
        }
    }

    fn matches(&self, id: &str) -> bool {
        match self {
            Pattern::Glob(g) => glob_matches(g, id),
            Pattern::Regex(r) => r.is_match(id),
            Pattern::Opaque => true,
        }
    }

    /// Whether the pattern surely does not match (an opaque one never excludes).
    fn excludes(&self, id: &str) -> bool {
        !matches!(self, Pattern::Opaque) && self.matches(id)
    }
}

/// A hook's filter, ready to test ids and code.
#[derive(Debug, Default)]
pub struct Filter {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
    code_includes: Option<String>,
}

impl Filter {
    pub fn new(f: Option<&HookFilter>) -> Self {
        let Some(f) = f else {
            return Self::default();
        };
        Self {
            include: f.id_include.iter().map(|p| Pattern::new(p)).collect(),
            exclude: f.id_exclude.iter().map(|p| Pattern::new(p)).collect(),
            code_includes: f.code_includes.clone(),
        }
    }

    /// Whether a call for `id` (with `code`, for transforms) could match.
    pub fn matches(&self, id: &str, code: Option<&str>) -> bool {
        if !self.include.is_empty() && !self.include.iter().any(|p| p.matches(id)) {
            return false;
        }
        if self.exclude.iter().any(|p| p.excludes(id)) {
            return false;
        }
        match (&self.code_includes, code) {
            (Some(needle), Some(code)) => code.contains(needle.as_str()),
            _ => true,
        }
    }
}

/// The compiled filters of a plugin's three hooks.
#[derive(Debug, Default)]
pub struct HookFilters {
    pub resolve: Filter,
    pub load: Filter,
    pub transform: Filter,
}

/// Globs (`**/*.md`, `*.svg`, `?`) against a module id, without its query.
fn glob_matches(pattern: &str, id: &str) -> bool {
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
        assert!(Filter::new(Some(&f)).matches("/p/src/a.md", None));
        assert!(Filter::new(Some(&f)).matches("/p/src/a.md?raw", None));
        assert!(!Filter::new(Some(&f)).matches("/p/src/a.tsx", None));
        assert!(!Filter::new(Some(&f)).matches("/p/skip/a.md", None));
        let c = HookFilter {
            id_include: vec![],
            id_exclude: vec![],
            code_includes: Some("import.meta.glob".into()),
        };
        assert!(!Filter::new(Some(&c)).matches("/a.ts", Some("plain")));
        assert!(Filter::new(None).matches("/anything", None));
        let r = HookFilter {
            id_include: vec!["re:\\.mdx?$".into(), "re:(?i)\\.TXT$".into()],
            id_exclude: vec!["re:(?<=skip)/".into()],
            code_includes: None,
        };
        let compiled = Filter::new(Some(&r));
        assert!(compiled.matches("/p/a.md", None));
        assert!(compiled.matches("/p/a.txt", None), "flags carried as (?i)");
        assert!(!compiled.matches("/p/a.tsx", None));
        assert!(
            compiled.matches("/p/skip/a.md", None),
            "a lookbehind cannot be evaluated here: it excludes nothing"
        );
        for (pattern, id, expected) in [
            ("*.svg", "/p/logo.svg", true),
            ("**/icons/*.svg", "/p/src/icons/a.svg", true),
            ("**/icons/*.svg", "/p/src/a.svg", false),
            ("/p/src/*.ts", "/p/src/a.ts", true),
            ("/p/src/?.ts", "/p/src/ab.ts", false),
            ("**/a.?s", "/x/a.ts", true),
        ] {
            assert_eq!(glob_matches(pattern, id), expected, "{pattern} ~ {id}");
        }
    }
}
