//! Gradient stops that do not depend on rule order. encre-css writes the stop list in
//! both `from-*` (from, to) and `via-*` (from, via, to) rules, so the later rule decides,
//! and its order within a variant is arbitrary: `dark:from-x dark:via-y` lost the via
//! color. As Tailwind 4 does, a `via-*` rule now keeps its list in a variable of its own
//! that does not inherit, and a `from-*` rule reads that list when the element has one.

const STOPS: &str = "--en-gradient-stops:";
const FROM: &str = "var(--en-gradient-from), ";
const TO: &str = ", var(--en-gradient-to, transparent)";

/// The expanded sheet with its stop lists mended, and [`PROPERTY`] registered; as it is
/// when no rule has a via color. The whole sheet, because `@apply` generates each class
/// on its own (`@apply via-y from-x` put the from list last in its rule), and a from rule
/// anywhere must read a via list set anywhere else.
pub(super) fn mend_sheet(sheet: String) -> String {
    if !sheet.lines().any(|l| via_color(l).is_some()) {
        return sheet;
    }
    let mut out = String::with_capacity(sheet.len() + 256);
    for line in sheet.split_inclusive('\n') {
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(list) = via_color(line).map(|_| stop_list(line)) {
            out.push_str(&format!(
                "{indent}--en-gradient-via-stops: {list};\n{indent}{STOPS} var(--en-gradient-via-stops);\n"
            ));
        } else if stop_list(line) == format!("var(--en-gradient-from){TO}") {
            out.push_str(&format!(
                "{indent}{STOPS} var(--en-gradient-via-stops, var(--en-gradient-from){TO});\n"
            ));
        } else {
            out.push_str(line);
        }
    }
    out.push('\n');
    out.push_str(PROPERTY);
    out
}

/// Registered (at the top level of the sheet) so that a child's gradient never takes its
/// parent's via color.
const PROPERTY: &str =
    "@property --en-gradient-via-stops {\n  syntax: \"*\";\n  inherits: false;\n}\n";

/// The value of a stop-list declaration (empty for any other line).
fn stop_list(line: &str) -> &str {
    line.trim()
        .strip_prefix(STOPS)
        .and_then(|v| v.trim().strip_suffix(';'))
        .map_or("", str::trim)
}

/// The via color of a `via-*` rule's stop list (`from, color, to`).
fn via_color(line: &str) -> Option<&str> {
    let color = stop_list(line).strip_prefix(FROM)?.strip_suffix(TO)?;
    (!color.is_empty()).then_some(color)
}

#[cfg(test)]
mod tests {
    use crate::tailwind::{TailwindConfig, expand_tailwind};

    /// Under `dark:` encre-css put the via rule before the from rule, so the dark
    /// gradient lost its middle color; hovering a from color dropped it too.
    #[test]
    fn a_via_color_survives_any_rule_order() {
        let source = r#"<div className="bg-gradient-to-r from-purple-600 via-pink-600 to-blue-600 dark:from-slate-900 dark:via-purple-900 dark:to-slate-900 hover:from-red-500" />
            <p className="bg-gradient-to-b from-white to-black" />"#;
        let config = TailwindConfig {
            dark_selector: Some(".dark".into()),
            ..Default::default()
        };
        let css = expand_tailwind("@tailwind utilities;", [source], &config);
        let rule = |selector: &str| {
            let at = css
                .find(&format!("{selector} {{"))
                .unwrap_or_else(|| panic!("{selector} in\n{css}"));
            css[at..at + css[at..].find('}').unwrap()].to_string()
        };
        for from in [
            ".from-purple-600",
            ".dark .dark\\:from-slate-900",
            ".hover\\:from-red-500:hover",
        ] {
            assert!(
                rule(from).contains("--en-gradient-stops: var(--en-gradient-via-stops, var(--en-gradient-from), var(--en-gradient-to, transparent));"),
                "{}",
                rule(from)
            );
        }
        for via in [".via-pink-600", ".dark .dark\\:via-purple-900"] {
            let r = rule(via);
            assert!(
                r.contains("--en-gradient-via-stops: var(--en-gradient-from), oklch("),
                "{r}"
            );
            assert!(
                r.contains("--en-gradient-stops: var(--en-gradient-via-stops);"),
                "{r}"
            );
        }
        assert!(css.contains(
            "@property --en-gradient-via-stops {\n  syntax: \"*\";\n  inherits: false;\n}"
        ));
        // Without a via color anywhere, nothing changes.
        let plain = expand_tailwind(
            "@tailwind utilities;",
            [r#"<p className="bg-gradient-to-b from-white to-black" />"#],
            &config,
        );
        assert!(!plain.contains("via-stops"), "{plain}");
        assert!(plain.contains(
            "--en-gradient-stops: var(--en-gradient-from), var(--en-gradient-to, transparent);"
        ));
    }

    /// `@apply` generates each class on its own: with the via class before the from
    /// class, the from class's stop list came last in the rule and dropped the via color.
    #[test]
    fn an_applied_via_color_survives_any_class_order() {
        let config = TailwindConfig::default();
        let sheet = "@tailwind utilities;\n.hero {\n  @apply bg-gradient-to-r via-pink-600 from-purple-600 to-blue-600;\n}\n";
        let source = r#"<p className="bg-gradient-to-b from-white to-black" />"#;
        let css = expand_tailwind(sheet, [source], &config);
        let at = css.find(".hero {").expect(".hero");
        let hero = &css[at..at + css[at..].find('}').unwrap()];
        let last_stops = hero
            .lines()
            .rfind(|l| l.trim().starts_with("--en-gradient-stops:"))
            .expect("a stop list");
        assert!(last_stops.contains("var(--en-gradient-via-stops"), "{hero}");
        assert!(
            hero.contains("--en-gradient-via-stops: var(--en-gradient-from), oklch("),
            "{hero}"
        );
        // A utility's from rule reads a via list too, and the property is registered once.
        assert!(css.contains(".from-white"), "{css}");
        assert!(
            !css.contains(
                "--en-gradient-stops: var(--en-gradient-from), var(--en-gradient-to, transparent);"
            ),
            "{css}"
        );
        assert_eq!(
            css.matches("@property --en-gradient-via-stops").count(),
            1,
            "{css}"
        );
    }
}
