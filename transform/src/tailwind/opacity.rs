//! Tailwind 2's opacity utilities, still in Tailwind 3 and in much generated code:
//! `bg-black bg-opacity-50` (a modal's backdrop), `text-opacity-*`, `border-opacity-*`.
//! A palette color's rule reads its alpha from a variable that these set; the variable
//! does not inherit, so a child's own color stays opaque, as in Tailwind 3.

use super::compat::{arbitrary, number};

/// The properties whose colors the utilities fade, and their variables.
const FADED: [(&str, &str); 3] = [
    ("background-color", "--en-bg-opacity"),
    ("color", "--en-text-opacity"),
    ("border-color", "--en-border-opacity"),
];

/// Whether the sources use any of the utilities (only then are colors rewritten).
pub(super) fn used(sources: &[&str]) -> bool {
    sources.iter().any(|s| {
        s.contains("bg-opacity-") || s.contains("text-opacity-") || s.contains("border-opacity-")
    })
}

pub(super) fn register(encre: &mut encre_css::Config) {
    for plugin in [&BG_OPACITY, &TEXT_OPACITY, &BORDER_OPACITY] {
        encre.register_plugin(plugin);
    }
}

/// The variables, registered so that they do not inherit.
pub(super) fn properties() -> String {
    FADED
        .iter()
        .map(|(_, var)| format!("@property {var} {{\n  syntax: \"*\";\n  inherits: false;\n}}\n\n"))
        .collect()
}

/// `background-color: #000;` → `background-color: rgb(0 0 0 / var(--en-bg-opacity, 1));`.
pub(super) fn fade(line: &str) -> Option<String> {
    let (property, value) = line.split_once(':')?;
    let name = property.trim();
    let (_, var) = FADED.iter().find(|(p, _)| *p == name)?;
    let hex = value.trim().strip_suffix(';')?.trim().strip_prefix('#')?;
    let (r, g, b) = rgb(hex)?;
    Some(format!("{property}: rgb({r} {g} {b} / var({var}, 1));\n"))
}

fn rgb(hex: &str) -> Option<(u8, u8, u8)> {
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some((r * 17, g * 17, b * 17)),
        [r1, r2, g1, g2, b1, b2] => Some((r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
        _ => None,
    }
}

fn amount(value: &str) -> Option<String> {
    arbitrary(value).or_else(|| {
        let n: u32 = value.parse().ok()?;
        (n <= 100).then(|| number(f64::from(n) / 100.0))
    })
}

value_plugin!(BG_OPACITY, "bg-opacity", amount, |v| vec![format!(
    "--en-bg-opacity: {v};"
)]);
value_plugin!(TEXT_OPACITY, "text-opacity", amount, |v| vec![format!(
    "--en-text-opacity: {v};"
)]);
value_plugin!(BORDER_OPACITY, "border-opacity", amount, |v| vec![format!(
    "--en-border-opacity: {v};"
)]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_colors_take_the_variable() {
        assert_eq!(
            fade("  background-color: #000;\n").as_deref(),
            Some("  background-color: rgb(0 0 0 / var(--en-bg-opacity, 1));\n")
        );
        assert_eq!(
            fade("  color: #ef4444;").as_deref(),
            Some("  color: rgb(239 68 68 / var(--en-text-opacity, 1));\n")
        );
        assert_eq!(fade("  background-color: hsl(var(--x));"), None);
        assert_eq!(fade("  outline-color: #000;"), None);
    }
}
