//! Tailwind 4's `@utility` blocks: the project's own utilities, static (`@utility
//! content-auto { content-visibility: auto; }`) or functional (`@utility tab-* {
//! tab-size: --value(integer); }`), under any variant like the built-in ones. encre-css
//! generates them through one plugin: a class that names one is handed to it as
//! `velocity-utility-<class>` (see `aliases`).

use encre_css::prelude::build_plugin::*;

use super::TailwindConfig;

/// The prefix a custom utility's class gets for encre-css.
pub(super) const PREFIX: &str = "velocity-utility-";

/// encre-css's extra tables: the utilities (pattern → body) and the theme's variables.
const UTILITIES: &str = "velocity-utilities";
const VARIABLES: &str = "velocity-theme-variables";

pub(super) fn register(encre: &mut encre_css::Config, config: &TailwindConfig) {
    if config.utilities.is_empty() {
        return;
    }
    encre.extra.add(
        UTILITIES,
        config
            .utilities
            .iter()
            .cloned()
            .collect::<std::collections::HashMap<String, String>>(),
    );
    encre.extra.add(
        VARIABLES,
        config
            .theme_variables
            .iter()
            .cloned()
            .collect::<std::collections::HashMap<String, String>>(),
    );
    encre.register_plugin(&CUSTOM);
}

/// Whether encre-css can generate `utility` (a class without its variants) from one of
/// the sheet's utilities: a pattern matches and its body takes the value.
pub(super) fn defines(config: &TailwindConfig, utility: &str) -> bool {
    let has_variable = |name: &str| config.theme_variables.iter().any(|(n, _)| n == name);
    let patterns = config
        .utilities
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_str()));
    resolve(patterns, &has_variable, utility).is_some()
}

/// Whether a `@utility` body is one the plugin writes: declarations only, no `@apply`
/// or nested rules (those are written as a plain rule instead, see `v4`).
pub(super) fn is_simple(body: &str) -> bool {
    !body.contains('{') && !body.contains("@apply")
}

/// The declarations `utility` gets from the first of `patterns` (`name` or `name-*`,
/// with its body) that matches it and whose body takes its value.
fn resolve<'p>(
    mut patterns: impl Iterator<Item = (&'p str, &'p str)>,
    has_variable: &dyn Fn(&str) -> bool,
    utility: &str,
) -> Option<Vec<String>> {
    patterns.find_map(|(pattern, body)| {
        let value = matches(pattern, utility)?;
        let mut lines = Vec::new();
        for declaration in top_level_declarations(body) {
            let filled = match value {
                None => declaration.to_string(),
                Some(v) => fill(declaration, v, has_variable)?,
            };
            lines.push(format!("{filled};"));
        }
        (!lines.is_empty()).then_some(lines)
    })
}

/// A body's declarations: split at `;` outside strings and parentheses
/// (`url("data:image/svg+xml;utf8,...")` is one value).
fn top_level_declarations(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in body.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ';') if depth == 0 => {
                out.push(body[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(body[start..].trim());
    out.retain(|d| !d.is_empty());
    out
}

/// For a match: `None` inside for a static utility, the value for a functional one.
fn matches<'u>(pattern: &str, utility: &'u str) -> Option<Option<&'u str>> {
    match pattern.strip_suffix("-*") {
        Some(name) => utility
            .strip_prefix(name)
            .and_then(|r| r.strip_prefix('-'))
            .filter(|v| !v.is_empty())
            .map(Some),
        None => (pattern == utility).then_some(None),
    }
}

static CUSTOM: StaticPlugin = Plugin::Functional(Functional {
    namespace: "velocity-utility",
    can_handle: |c| declarations(c.config, c.modifier).is_some(),
    handle: |c| {
        if let Some(lines) = declarations(c.config, c.modifier) {
            generate_wrapper(c, |c| c.buffer.lines(lines));
        }
    },
});

/// The declarations of the custom utility a class names, its value filled in.
fn declarations(config: &encre_css::Config, modifier: &Modifier<'_>) -> Option<Vec<String>> {
    let Modifier::Builtin {
        value: utility,
        is_negative: false,
    } = modifier
    else {
        return None;
    };
    let utilities = config.extra.get(UTILITIES)?.as_table()?;
    let variables = config.extra.get(VARIABLES).and_then(|v| v.as_table());
    let has_variable = |name: &str| variables.is_some_and(|t| t.contains_key(name));
    let patterns = utilities
        .iter()
        .filter_map(|(pattern, body)| Some((pattern.as_str(), body.as_str()?)));
    resolve(patterns, &has_variable, utility)
}

/// `declaration` with each `--value(...)` replaced by `value` where one of its kinds
/// takes it: `integer`, `number`, `percentage`, a quoted keyword, or a theme namespace
/// (`--tab-size-*`, read as `var(--tab-size-<value>)`). `None` when one takes nothing.
fn fill(declaration: &str, value: &str, has_variable: &dyn Fn(&str) -> bool) -> Option<String> {
    let mut out = String::with_capacity(declaration.len());
    let mut rest = declaration;
    while let Some(at) = rest.find("--value(") {
        out.push_str(&rest[..at]);
        let open = at + "--value".len();
        let close = super::closing(rest, open)?;
        let kinds = &rest[open + 1..close];
        let filled = kinds.split(',').map(str::trim).find_map(|kind| {
            let number = value.parse::<f64>().is_ok_and(f64::is_finite);
            match kind {
                "integer" => value
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| value.to_string()),
                "number" => number.then(|| value.to_string()),
                "percentage" => value
                    .strip_suffix('%')
                    .is_some_and(|n| n.parse::<f64>().is_ok())
                    .then(|| value.to_string()),
                k if k.starts_with(['"', '\'']) => {
                    let q = &k[..1];
                    let keyword = k.strip_prefix(q).and_then(|r| r.strip_suffix(q))?;
                    (keyword == value).then(|| value.to_string())
                }
                k => {
                    let namespace = k.strip_suffix('*')?;
                    let variable = format!("{namespace}{value}");
                    (namespace.starts_with("--") && has_variable(&variable))
                        .then(|| format!("var({variable})"))
                }
            }
        })?;
        out.push_str(&filled);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    (!out.contains("--modifier(")).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fill_the_kinds_that_take_them() {
        let none = |_: &str| false;
        let theme = |name: &str| name == "--tab-size-github";
        assert_eq!(
            fill("tab-size: --value(integer)", "4", &none).as_deref(),
            Some("tab-size: 4")
        );
        assert_eq!(fill("tab-size: --value(integer)", "x", &none), None);
        assert_eq!(
            fill("tab-size: --value(--tab-size-*, integer)", "github", &theme).as_deref(),
            Some("tab-size: var(--tab-size-github)")
        );
        assert_eq!(
            fill("opacity: --value(percentage, 'auto')", "auto", &none).as_deref(),
            Some("opacity: auto")
        );
        assert_eq!(matches("tab-*", "tab-4"), Some(Some("4")));
        assert_eq!(matches("tab-*", "tab-"), None);
        assert_eq!(matches("content-auto", "content-auto"), Some(None));
        // A quote left open, or a character of several bytes, is no keyword and no panic.
        assert_eq!(fill("a: --value('é)", "é", &none), None);
        assert_eq!(
            fill("a: --value(\"é\")", "é", &none).as_deref(),
            Some("a: é")
        );
        assert_eq!(
            top_level_declarations("a: b; background: url(\"data:x;y\"); c: 'd;e'"),
            vec!["a: b", "background: url(\"data:x;y\")", "c: 'd;e'"]
        );
    }
}
