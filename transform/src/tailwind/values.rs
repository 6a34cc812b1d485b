//! Mends what encre-css writes where it differs from Tailwind:
//! - in arbitrary values (`w-[...]`) it spaces every `-`, `+`, `*` and `/` in a `calc(`,
//!   which breaks names (`var(--sidebar-width)` became `var( -  - sidebar - width)`) and
//!   unary minus; it leaves `theme(spacing.4)` and the `w-[--x]` shorthand as written
//!   (shadcn/ui's sidebar uses all three);
//! - `rotate-45` turned about two axes (3D) instead of in the plane;
//! - `divide-*` drew each border after a child but the first (a line under the last
//!   item, none under the first) instead of between children;
//! - v3 sheets: `ring`, `shadow-sm`, `blur-sm` and `backdrop-blur-sm` had Tailwind 4's values,
//!   `space-*` v4's placement (after each child but the last), and rings ignored
//!   `ring-inset`.

use super::TailwindConfig;

/// Tailwind 3's values where Tailwind 4 (and encre-css) changed them.
const V3_VALUES: [(&str, &str, &str); 4] = [
    (
        "ring",
        "--en-ring-shadow:",
        "0 0 0 calc(3px + var(--en-ring-offset-width)) var(--en-ring-color)",
    ),
    (
        "shadow-sm",
        "--en-shadow:",
        "0 1px 2px 0 var(--en-shadow-color, #0000000d)",
    ),
    ("blur-sm", "--en-blur:", "blur(4px)"),
    ("backdrop-blur-sm", "--en-backdrop-blur:", "blur(4px)"),
];

/// `css` (encre-css's output) mended to Tailwind's meaning, v4's hover rules included.
pub(super) fn mend(css: &str, config: &TailwindConfig, fade: bool) -> String {
    let mut out = String::with_capacity(css.len());
    let mut selector = "";
    let mut lines = css.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.ends_with('{') {
            selector = trimmed;
            // `supports-[backdrop-filter]:` asks whether the property exists.
            if let Some(condition) = trimmed
                .strip_prefix("@supports (")
                .and_then(|r| r.strip_suffix(") {"))
                .filter(|c| !c.contains([':', '(', ' ']))
            {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(&format!("{indent}@supports ({condition}: initial) {{\n"));
                continue;
            }
            // Tailwind 3 spaces children before each but the first (v4: after each but the
            // last), skipping hidden ones.
            let v3_space =
                !config.v4 && (selector.contains("space-x-") || selector.contains("space-y-"));
            if v3_space && selector.contains("> :not(:last-child)") {
                out.push_str(&line.replace("> :not(:last-child)", SIBLINGS));
            } else {
                out.push_str(line);
            }
            continue;
        }
        let between =
            selector.contains(SIBLINGS) || (!config.v4 && selector.contains("> :not(:last-child)"));
        if between && let Some(swapped) = start_to_end(line) {
            out.push_str(&swapped);
            continue;
        }
        // Escaped brackets in the selector: the rule comes from an arbitrary value.
        let arbitrary = selector.contains("\\[");
        if arbitrary
            && trimmed.starts_with("transition-property:")
            && selector.contains("transition-\\[")
        {
            // An arbitrary transition list takes Tailwind's default timing.
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(line);
            out.push_str(&format!(
                "{indent}transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1);\n{indent}transition-duration: 150ms;\n"
            ));
        } else if arbitrary
            && (trimmed.contains("calc(")
                || trimmed.contains("theme(")
                || trimmed.contains("--spacing("))
        {
            out.push_str(&mend_declaration(line, config));
        } else if arbitrary && let Some(mended) = custom_property_shorthand(line) {
            out.push_str(&mended);
        } else if let Some(faded) = fade.then(|| super::opacity::fade(line)).flatten() {
            out.push_str(&faded);
        } else if let Some(angle) = trimmed.strip_prefix("--en-rotate-x:")
            && lines
                .peek()
                .and_then(|next| next.trim().strip_prefix("--en-rotate-y:"))
                == Some(angle)
        {
            lines.next();
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}--en-rotate-z:{angle}\n"));
        } else if let Some(radius) = trimmed
            .starts_with("border")
            .then(|| theme_radius(selector, config))
            .flatten()
            && trimmed.contains("radius:")
        {
            let (property, _) = line.split_once(':').unwrap_or((line, ""));
            out.push_str(&format!("{property}: {radius};\n"));
        } else if let Some(family) = trimmed
            .starts_with("font-family:")
            .then(|| theme_font(selector, config))
            .flatten()
        {
            // The theme's family for a name encre-css also knows (`font-sans`).
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}font-family: {family};\n"));
        } else if let Some((_, property, value)) =
            V3_VALUES.iter().find(|(utility, property, _)| {
                !config.v4 && trimmed.starts_with(property) && has_utility(selector, utility)
            })
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!("{indent}{property} {value};\n"));
        } else {
            out.push_str(line);
        }
    }
    if !config.v4 && out.contains("--en-ring-shadow: 0 0 0 calc(") {
        // v3's `ring-inset` draws the ring inside: every ring shadow reads it.
        out = out.replace(
            "--en-ring-shadow: 0 0 0 calc(",
            "--en-ring-shadow: var(--en-ring-inset,) 0 0 0 calc(",
        );
    }
    if config.v4 {
        out = super::hover::only_where_hover(&out);
    }
    out
}

/// The `rounded-*` sizes encre-css generates; the theme may give them other values.
pub(super) const BUILTIN_RADII: [&str; 11] = [
    "DEFAULT", "none", "xs", "sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "full",
];

/// The theme's value for the `rounded-<side>-<size>` class this rule is for.
/// The theme's family for the `font-<name>` class a rule's selector names.
fn theme_font<'c>(selector: &str, config: &'c TailwindConfig) -> Option<&'c str> {
    config
        .fonts
        .iter()
        .rev()
        .find(|(name, _)| has_utility(selector, &format!("font-{name}")))
        .map(|(_, family)| family.as_str())
}

fn theme_radius<'c>(selector: &str, config: &'c TailwindConfig) -> Option<&'c str> {
    const SIDES: [&str; 14] = [
        "t", "r", "b", "l", "tl", "tr", "br", "bl", "s", "e", "ss", "se", "es", "ee",
    ];
    if config.radii.is_empty() {
        return None;
    }
    let (at, _) = selector
        .match_indices("rounded")
        .find(|(i, _)| matches!(selector[..*i].chars().next_back(), Some('.' | ':')))?;
    let class: String = selector[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let size = match class.rsplit_once('-') {
        None => "DEFAULT",
        Some((_, last)) if SIDES.contains(&last) => "DEFAULT",
        Some((_, last)) => last,
    };
    config
        .radii
        .iter()
        .find(|(name, _)| name == size)
        .map(|(_, value)| value.as_str())
}

/// The children after the first, not hidden: where Tailwind puts `divide-*` borders and
/// v3's `space-*` margins, at their start.
const SIBLINGS: &str = "> :not([hidden]) ~ :not([hidden])";

/// encre-css writes the spacing at the end of each child (`*-start: V * reverse`,
/// `*-end: V * (1 - reverse)`); between siblings it belongs at the start.
fn start_to_end(line: &str) -> Option<String> {
    let (property, value) = line.split_once(": ")?;
    let property = property.trim_start();
    let reverse = value.find("var(--en-")?;
    let name_end = reverse + value[reverse..].find(')')? + 1;
    let variable = &value[reverse..name_end];
    let factor = &value[..value.find(" * ")? + 3];
    let indent = &line[..line.len() - line.trim_start().len()];
    let uses = |p: &str| property.ends_with(p) || property.contains(&format!("{p}-"));
    if uses("-start") && value.contains(&format!("* {variable})")) {
        Some(format!(
            "{indent}{property}: {factor}calc(1 - {variable}));\n"
        ))
    } else if uses("-end") && value.contains(&format!("calc(1 - {variable})")) {
        Some(format!("{indent}{property}: {factor}{variable});\n"))
    } else {
        None
    }
}

/// `width: --sidebar-width;` (from `w-[--sidebar-width]`) → `width: var(--sidebar-width);`.
fn custom_property_shorthand(line: &str) -> Option<String> {
    let (property, value) = line.split_once(": ")?;
    let name = value.trim_end().strip_suffix(';')?;
    let plain = name.len() > 2
        && name.starts_with("--")
        && name[2..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (plain && !property.trim_start().starts_with("--"))
        .then(|| format!("{property}: var({name});\n"))
}

/// Whether the rule's selector is for `utility` (under any variants).
fn has_utility(selector: &str, utility: &str) -> bool {
    selector.match_indices(utility).any(|(i, _)| {
        let before = selector[..i].chars().next_back();
        let after = selector[i + utility.len()..].chars().next();
        matches!(before, Some('.' | ':'))
            && after.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '\\'))
    })
}

fn mend_declaration(line: &str, config: &TailwindConfig) -> String {
    let text = resolve_theme_calls(line, config);
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    while let Some(at) = rest.find("calc(") {
        out.push_str(&rest[..at]);
        let region = &rest[at..];
        let end = super::closing(region, 4).map_or(region.len(), |e| e + 1);
        out.push_str(&respace(&region[..end]));
        rest = &region[end..];
    }
    out.push_str(rest);
    // Tailwind 4's `--spacing(4)` (readable once the calc is re-spaced).
    out.replace("--spacing(", "calc(var(--spacing) * ")
}

/// `spacing.4` (1rem), `spacing[2.5]`, `spacing.gutter`, `colors.primary.DEFAULT`,
/// `colors.red.500`, `colors.red.500 / 50%`, `screens.md`, `fontFamily.sans`,
/// `borderRadius.lg` and the other keys read (`boxShadow.glow`) from the project's theme.
fn theme_value(key: &str, config: &TailwindConfig) -> Option<String> {
    if let Some((color, alpha)) = key.split_once('/') {
        let color = theme_value(color.trim(), config)?;
        // `50%`, `0.5` or `var(--o)` (a fraction), as Tailwind reads them.
        let alpha = alpha.trim();
        let alpha = match alpha.parse::<f64>() {
            Ok(fraction) => format!("{}%", super::compat::number(fraction * 100.0)),
            Err(_) if alpha.starts_with("var(") => format!("calc({alpha} * 100%)"),
            Err(_) => alpha.to_string(),
        };
        return key
            .starts_with("colors")
            .then(|| format!("color-mix(in srgb, {color} {alpha}, transparent)"));
    }
    let key = key.replace(['[', ']'], ".").replace("..", ".");
    let key = key.trim_end_matches('.');
    let (group, name) = key.split_once('.')?;
    let find = |list: &[(String, String)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    };
    let from_values = |group: &str| {
        config
            .theme_values
            .iter()
            .find(|(k, n, _)| k == group && n == name)
            // A font size's line height follows a tab.
            .map(|(_, _, v)| v.split('\t').next().unwrap_or(v).to_string())
    };
    match group {
        "spacing" => from_values(group).or_else(|| match name {
            "px" => Some("1px".into()),
            n => {
                let n: f64 = n.parse().ok()?;
                Some(if n == 0.0 {
                    "0px".into()
                } else {
                    format!("{}rem", n * 0.25)
                })
            }
        }),
        "colors" => {
            let name = name.trim_end_matches(".DEFAULT").replace('.', "-");
            find(&config.colors, &name).or_else(|| find(&config.palette, &name))
        }
        "screens" => find(&config.screens, name).or_else(|| {
            let default = [
                ("sm", "640px"),
                ("md", "768px"),
                ("lg", "1024px"),
                ("xl", "1280px"),
                ("2xl", "1536px"),
            ];
            default
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }),
        "fontFamily" => find(&config.fonts, name),
        "borderRadius" => find(&config.radii, name),
        _ => from_values(group),
    }
}

/// A sheet with each `theme(path)` in its own CSS replaced by the theme's value (Tailwind
/// 3's function; Tailwind 4 still reads it). A path the theme lacks stays as written, so
/// its declaration is dropped as invalid and reported.
pub(super) fn resolve_theme_calls<'s>(
    sheet: &'s str,
    config: &TailwindConfig,
) -> std::borrow::Cow<'s, str> {
    if !sheet.contains("theme(") {
        return sheet.into();
    }
    let mut out = String::with_capacity(sheet.len());
    let mut rest = sheet;
    while let Some(at) = rest.find("theme(") {
        let standalone = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        let close = super::closing(rest, at + 5);
        let value = close.filter(|_| standalone).and_then(|close| {
            let path = rest[at + 6..close].trim().trim_matches(['\'', '"']);
            theme_value(path, config)
        });
        match (value, close) {
            (Some(value), Some(close)) => {
                out.push_str(&rest[..at]);
                out.push_str(&value);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..at + 6]);
                rest = &rest[at + 6..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// A `calc(...)` as Tailwind writes it: spaces only around binary `+` and `-` (CSS needs
/// them there), none inside `var()` names or before a negative number.
fn respace(calc: &str) -> String {
    let compact: String = calc.chars().filter(|c| !c.is_whitespace()).collect();
    let chars: Vec<char> = compact.chars().collect();
    let mut out = String::with_capacity(calc.len());
    let mut in_name = false;
    for (i, &c) in chars.iter().enumerate() {
        if compact[..byte_at(&chars, i)].ends_with("var(") {
            in_name = true;
        }
        if in_name && (c == ',' || c == ')') {
            in_name = false;
        }
        if (c == '+' || c == '-') && !in_name && is_binary(&chars, i) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
            if c == ',' {
                out.push(' ');
            }
        }
    }
    out
}

fn byte_at(chars: &[char], i: usize) -> usize {
    chars[..i].iter().map(|c| c.len_utf8()).sum()
}

/// A `+`/`-` after a value (a number, a dimension, a percentage or a closing paren) is
/// an operator; after an operator, a paren or a name's letters it is a sign or part of
/// the name.
fn is_binary(chars: &[char], i: usize) -> bool {
    let Some(&prev) = i.checked_sub(1).and_then(|p| chars.get(p)) else {
        return false;
    };
    if prev == ')' || prev == '%' || prev.is_ascii_digit() {
        return true;
    }
    if !prev.is_ascii_alphabetic() {
        return false;
    }
    // `2rem-1px`: letters after a number are a unit.
    let word_start = chars[..i]
        .iter()
        .rposition(|c| !(c.is_ascii_alphanumeric() || *c == '.'))
        .map_or(0, |p| p + 1);
    chars
        .get(word_start)
        .is_some_and(|c| c.is_ascii_digit() || *c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calc_is_spaced_as_tailwind_does() {
        for (encre, want) in [
            (
                "calc(var( -  - sidebar - width) *  - 1)",
                "calc(var(--sidebar-width)*-1)",
            ),
            ("calc(100% - 2rem)", "calc(100% - 2rem)"),
            ("calc(100vh - 4rem - 1px)", "calc(100vh - 4rem - 1px)"),
            (
                "calc(var( -  - a, 1rem) - -2px)",
                "calc(var(--a, 1rem) - -2px)",
            ),
            (
                "calc(1.5rem + env(safe - area - inset - top))",
                "calc(1.5rem + env(safe-area-inset-top))",
            ),
            ("calc(50% / 3)", "calc(50%/3)"),
        ] {
            assert_eq!(respace(encre), want, "{encre}");
        }
    }

    #[test]
    fn only_arbitrary_rules_are_mended() {
        let config = TailwindConfig {
            colors: vec![("primary".into(), "hsl(var(--primary))".into())],
            ..TailwindConfig::default()
        };
        let css = ".space-y-1 > * {\n  margin-top: calc(0.25rem * calc(1 - var(--tw-space-y-reverse)));\n}\n\
                   .w-\\[calc\\(var\\(--w\\)_\\+_theme\\(spacing\\.4\\)\\)\\] {\n  \
                   width: calc(var( -  - w)  +  theme(spacing.4));\n}\n\
                   .bg-\\[theme\\(colors\\.primary\\)\\] {\n  background-color: theme(colors.primary);\n}\n";
        let mended = mend(css, &config, false);
        assert!(!mended.contains("theme("), "{mended}");
        assert!(
            mended.contains("margin-top: calc(0.25rem * calc(1 - var(--tw-space-y-reverse)));"),
            "{mended}"
        );
        assert!(mended.contains("width: calc(var(--w) + 1rem);"), "{mended}");
        assert!(
            mended.contains("background-color: hsl(var(--primary));"),
            "{mended}"
        );
    }

    #[test]
    fn rotation_shorthand_and_v3_values() {
        let css = ".rotate-45 {\n  --en-rotate-x: 45deg;\n  --en-rotate-y: 45deg;\n  transform: x;\n}\n\
                   .rotate-x-45 {\n  --en-rotate-x: 45deg;\n}\n\
                   .w-\\[--sidebar-width\\] {\n  width: --sidebar-width;\n}\n\
                   .hover\\:shadow-sm:hover {\n  --en-shadow: 0 1px 3px 0 x;\n}\n\
                   .shadow-sm\\/50 {\n  --en-shadow: keep;\n}\n";
        let v3 = mend(css, &TailwindConfig::default(), false);
        for want in [
            ".rotate-45 {\n  --en-rotate-z: 45deg;\n  transform: x;",
            ".rotate-x-45 {\n  --en-rotate-x: 45deg;",
            "width: var(--sidebar-width);",
            ":hover {\n  --en-shadow: 0 1px 2px 0 var(--en-shadow-color, #0000000d);",
            "--en-shadow: keep;",
        ] {
            assert!(v3.contains(want), "{want} in\n{v3}");
        }
        let v4 = TailwindConfig {
            v4: true,
            ..TailwindConfig::default()
        };
        assert!(mend(css, &v4, false).contains("--en-shadow: 0 1px 3px 0 x;"));
    }
}
