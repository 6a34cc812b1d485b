//! Tailwind 4 class syntax encre-css does not read, written in a form it does for the
//! generator, and the generated selectors renamed back to the class the page uses:
//! - `w-(--sidebar-width)` → `w-[var(--sidebar-width)]`;
//! - `size-8!` (important as a suffix) → `!size-8`;
//! - an arbitrary variant without `&`, `[.border-b]:pb-6` → `[&:is(.border-b)]:pb-6`
//!   (encre-css made it a rule for every `.border-b`);
//! - `has-data-[slot=x]:`, `group-has-data-[x]/name:`, `has-aria-expanded:` →
//!   `has-[[data-slot=x]]:`, `group-has-[[data-x]]/name:`, ...;
//! - `in-data-[side=left]:` → `[:where([data-side=left])_&]:`;
//! - container queries: `@container/main` → `[container:main_/_inline-size]`,
//!   `@md/main:` → `[@container_main_(width>=28rem)]:`, `@max-sm:`, `@[540px]:`;
//! - a utility of the sheet's own (`@utility tab-*`): `md:tab-4` →
//!   `md:velocity-utility-tab-4`, which `utility`'s plugin generates.

use std::borrow::Cow;
use std::collections::HashMap;

use super::TailwindConfig;

/// (class as written, the form encre-css reads) for the v4 classes of `sources`, and
/// the sources with those classes blanked out (encre-css would read some of them
/// wrongly: `[.border-b]:pb-6` as a rule for every `.border-b`).
pub(super) fn aliases<'s>(
    sources: &[&'s str],
    config: &TailwindConfig,
) -> (Vec<(String, String)>, Vec<Cow<'s, str>>) {
    let names: Vec<&str> = config
        .utilities
        .iter()
        .map(|(pattern, _)| pattern.trim_end_matches("-*"))
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen: HashMap<&str, bool> = HashMap::new();
    let mut blanked = Vec::with_capacity(sources.len());
    for source in sources {
        let mut ranges = Vec::new();
        for token in source.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`')) {
            if !may_alias(token) && !names.iter().any(|n| token.contains(n)) {
                continue;
            }
            let aliased = *seen
                .entry(token)
                .or_insert_with(|| match alias(token, config) {
                    Some(alias) => {
                        out.push((token.to_string(), alias));
                        true
                    }
                    None => false,
                });
            if aliased {
                let at = token.as_ptr() as usize - source.as_ptr() as usize;
                ranges.push(at..at + token.len());
            }
        }
        blanked.push(if ranges.is_empty() {
            Cow::Borrowed(*source)
        } else {
            let mut text = source.to_string();
            for r in ranges {
                text.replace_range(r.clone(), &" ".repeat(r.len()));
            }
            Cow::Owned(text)
        });
    }
    // Longest first, so that renaming one never touches part of another.
    out.sort_by_key(|(_, alias)| std::cmp::Reverse(alias.len()));
    (out, blanked)
}

/// The text for encre-css to scan.
pub(super) fn source(aliases: &[(String, String)]) -> String {
    aliases
        .iter()
        .map(|(_, a)| a.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `css` with each alias's selector renamed to its class.
pub(super) fn rename(css: &str, aliases: &[(String, String)]) -> String {
    let mut css = css.to_string();
    for (class, alias) in aliases {
        let from = format!(".{}", super::escape_class(alias));
        if css.contains(&from) {
            css = css.replace(&from, &format!(".{}", super::escape_class(class)));
        }
    }
    css
}

/// A cheap test that rules out nearly every token before `alias` looks closer.
fn may_alias(token: &str) -> bool {
    token.contains("(--")
        || (token.len() > 1 && token.ends_with('!'))
        || token.contains("]:")
        || token.contains("has-")
        || token.contains("in-data-")
        || token.contains('@')
}

/// The class encre-css generates for `class` when its utility is one of the sheet's own.
pub(super) fn custom_utility(class: &str, config: &TailwindConfig) -> Option<String> {
    if config.utilities.is_empty() {
        return None;
    }
    let mut parts = split_variants(class);
    let utility = parts.pop()?;
    let (bang, plain) = match utility.strip_prefix('!') {
        Some(plain) => ("!", plain),
        None => ("", utility),
    };
    if !super::utility::defines(config, plain) {
        return None;
    }
    let renamed = format!("{bang}{}{plain}", super::utility::PREFIX);
    parts.push(&renamed);
    Some(parts.join(":"))
}

fn alias(token: &str, config: &TailwindConfig) -> Option<String> {
    let parts = split_variants(token);
    let (utility, variants) = parts.split_last()?;
    let mut changed = false;
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    for v in variants {
        let aliased = variant(v, config);
        changed |= aliased.is_some();
        out.push(aliased.unwrap_or_else(|| v.to_string()));
    }
    let mut utility = utility.to_string();
    if let Some(container) = container_utility(&utility) {
        utility = container;
        changed = true;
    }
    if let Some(plain) = utility.strip_suffix('!').filter(|u| !u.is_empty()) {
        utility = format!("!{plain}");
        changed = true;
    }
    if let Some(at) = utility.find("-(--")
        && let Some(close) = super::closing(&utility, at + 1)
    {
        utility = format!(
            "{}-[var({})]{}",
            &utility[..at],
            &utility[at + 2..close],
            &utility[close + 1..]
        );
        changed = true;
    }
    out.push(utility);
    let joined = out.join(":");
    match custom_utility(&joined, config) {
        Some(custom) => Some(custom),
        None => changed.then_some(joined),
    }
}

fn variant(v: &str, config: &TailwindConfig) -> Option<String> {
    if v.starts_with('@') {
        return container_variant(v, config);
    }
    if let Some(inner) = v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return (!inner.contains('&') && !inner.starts_with('@'))
            .then(|| format!("[&:is({inner})]"));
    }
    // `has-data-x:`, `group-has-data-[x=y]/name:`, `peer-has-aria-x:` ...
    for has in ["has-", "group-has-", "peer-has-"] {
        let Some(rest) = v.strip_prefix(has) else {
            continue;
        };
        let (attribute, name) = match rest.rsplit_once("]/") {
            Some((attribute, name)) => (format!("{attribute}]"), format!("/{name}")),
            None => match rest.split_once('/') {
                Some((attribute, name)) if !attribute.contains('[') => {
                    (attribute.to_string(), format!("/{name}"))
                }
                _ => (rest.to_string(), String::new()),
            },
        };
        let selector = if let Some(data) = attribute.strip_prefix("data-") {
            format!("data-{}", unbracket(data))
        } else if let Some(aria) = attribute.strip_prefix("aria-") {
            match aria.strip_prefix('[') {
                Some(_) => format!("aria-{}", unbracket(aria)),
                None => format!("aria-{aria}=true"),
            }
        } else {
            continue;
        };
        return Some(format!("{has}[[{selector}]]{name}"));
    }
    if let Some(data) = v.strip_prefix("in-data-") {
        return Some(format!("[:where([data-{}])_&]", unbracket(data)));
    }
    None
}

/// Tailwind 4's container sizes, for `@sm:` and its kin.
const CONTAINER_SIZES: [(&str, &str); 13] = [
    ("3xs", "16rem"),
    ("2xs", "18rem"),
    ("xs", "20rem"),
    ("sm", "24rem"),
    ("md", "28rem"),
    ("lg", "32rem"),
    ("xl", "36rem"),
    ("2xl", "42rem"),
    ("3xl", "48rem"),
    ("4xl", "56rem"),
    ("5xl", "64rem"),
    ("6xl", "72rem"),
    ("7xl", "80rem"),
];

/// `@container`, `@container-size`, `@container-normal`, each optionally `/name`: an
/// element whose descendants' container queries measure it.
fn container_utility(utility: &str) -> Option<String> {
    let (kind, name) = match utility.split_once('/') {
        Some((kind, name)) => (kind, Some(name)),
        None => (utility, None),
    };
    let ty = match kind {
        "@container" => "inline-size",
        "@container-size" => "size",
        "@container-normal" => "normal",
        _ => return None,
    };
    match name {
        None => Some(format!("[container-type:{ty}]")),
        Some(n) if is_name(n) => Some(format!("[container:{n}_/_{ty}]")),
        Some(_) => None,
    }
}

/// `@md:`, `@max-md:`, `@min-[30rem]:`, `@[540px]:`, each optionally `/name`: the
/// nearest container (of that name) at least, or less than, that wide.
fn container_variant(v: &str, config: &TailwindConfig) -> Option<String> {
    let rest = v.strip_prefix('@')?;
    let (query, name) = match rest.rfind(['/', ']']) {
        Some(i) if rest.as_bytes()[i] == b'/' => (&rest[..i], Some(&rest[i + 1..])),
        _ => (rest, None),
    };
    let (below, size) = match query.strip_prefix("max-") {
        Some(size) => (true, size),
        None => (false, query.strip_prefix("min-").unwrap_or(query)),
    };
    let width = match size.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        Some(arbitrary) => arbitrary,
        // The theme's own sizes first (`--container-8xl` in `@theme`).
        None => match config
            .theme_variables
            .iter()
            .find(|(n, _)| n.strip_prefix("--container-") == Some(size))
        {
            Some((_, width)) => width.as_str(),
            None => CONTAINER_SIZES.iter().find(|(n, _)| *n == size)?.1,
        },
    };
    let name = match name {
        Some(n) if is_name(n) => format!("{n}_"),
        Some(_) => return None,
        None => String::new(),
    };
    let op = if below { "<" } else { ">=" };
    Some(format!("[@container_{name}(width{op}{width})]"))
}

/// A container name Tailwind accepts: letters, digits, `-` and `_`.
fn is_name(n: &str) -> bool {
    !n.is_empty()
        && n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn unbracket(s: &str) -> &str {
    s.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s)
}

/// A class's variants and utility: split at `:` outside brackets and parentheses.
fn split_variants(token: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in token.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ':' if depth == 0 => {
                parts.push(&token[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&token[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_forms_become_forms_encre_reads() {
        for (class, want) in [
            ("w-(--sidebar-width)", Some("w-[var(--sidebar-width)]")),
            ("md:max-h-(--radix-x)", Some("md:max-h-[var(--radix-x)]")),
            ("size-8!", Some("!size-8")),
            ("[.border-b]:pb-6", Some("[&:is(.border-b)]:pb-6")),
            ("*:[span]:last:flex", Some("*:[&:is(span)]:last:flex")),
            ("[&>svg]:size-4", None),
            (
                "has-data-[slot=card-action]:grid-cols-[1fr_auto]",
                Some("has-[[data-slot=card-action]]:grid-cols-[1fr_auto]"),
            ),
            (
                "has-aria-expanded:bg-muted",
                Some("has-[[aria-expanded=true]]:bg-muted"),
            ),
            (
                "in-data-[side=left]:p-2",
                Some("[:where([data-side=left])_&]:p-2"),
            ),
            (
                "group-has-data-[size=sm]/avatar-group:size-6",
                Some("group-has-[[data-size=sm]]/avatar-group:size-6"),
            ),
            (
                "group-has-data-[sidebar=menu-action]/menu-item:pr-8",
                Some("group-has-[[data-sidebar=menu-action]]/menu-item:pr-8"),
            ),
            (
                "peer-has-aria-checked:p-1",
                Some("peer-has-[[aria-checked=true]]:p-1"),
            ),
            ("has-[>svg]:px-3", None),
            ("@container", Some("[container-type:inline-size]")),
            (
                "@container/card-header",
                Some("[container:card-header_/_inline-size]"),
            ),
            ("@container-size/x", Some("[container:x_/_size]")),
            (
                "@md/main:grid-cols-2",
                Some("[@container_main_(width>=28rem)]:grid-cols-2"),
            ),
            ("@max-sm:hidden", Some("[@container_(width<24rem)]:hidden")),
            (
                "lg:@[540px]/card:flex",
                Some("lg:[@container_card_(width>=540px)]:flex"),
            ),
            ("@min-[30rem]:p-2", Some("[@container_(width>=30rem)]:p-2")),
            ("@huge:p-2", None),
            ("a@b.c", None),
            ("p-4", None),
            ("!p-4", None),
        ] {
            assert_eq!(
                alias(class, &TailwindConfig::default()).as_deref(),
                want,
                "{class}"
            );
        }
    }
}
