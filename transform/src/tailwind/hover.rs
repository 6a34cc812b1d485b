//! Tailwind 4's `hover:` (and `group-hover:`, `peer-hover:`) applies only where the
//! pointer can hover: a tap on a phone must not leave a button in its hover style. Its
//! rules are wrapped in `@media (hover: hover)`, which keeps their place in the cascade.

/// `css` (a v4 sheet's generated utilities) with every hover-variant rule wrapped.
pub(super) fn only_where_hover(css: &str) -> String {
    let mut out = String::with_capacity(css.len() + 1024);
    let mut closing: Option<&str> = None;
    for line in css.split_inclusive('\n') {
        let trimmed = line.trim();
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(indent) = closing {
            out.push_str(line);
            if trimmed == "}" {
                out.push_str(indent);
                out.push_str("}\n");
                closing = None;
            }
            continue;
        }
        if trimmed.ends_with('{') && !trimmed.starts_with('@') && from_hover_variant(trimmed) {
            out.push_str(indent);
            out.push_str("@media (hover: hover) {\n");
            closing = Some(indent);
        }
        out.push_str(line);
    }
    out
}

/// A rule of a class written with a hover variant (`hover:x`, `group-hover:x`), not one
/// whose own selector merely names `:hover` (`[&:hover]:x` is not wrapped in v4).
fn from_hover_variant(selector: &str) -> bool {
    selector.contains(":hover") && selector.contains("hover\\:")
}

#[cfg(test)]
mod tests {
    use crate::tailwind::{TailwindConfig, expand_tailwind};

    #[test]
    fn v4_hover_rules_apply_where_the_pointer_hovers() {
        let source = r#"<a className="hover:bg-red-500 group-hover:underline md:hover:flex [&:hover]:block p-2" />"#;
        let v4 = expand_tailwind(
            "@import \"tailwindcss\";",
            [source],
            &TailwindConfig::default(),
        );
        for wrapped in [
            "@media (hover: hover) {\n.hover\\:bg-red-500:hover {\n  background-color: oklch(63.7% .237 25.331);\n}\n}",
            "@media (hover: hover) {\n.group:hover .group-hover\\:underline {",
            "@media (width >= 48rem) {\n  @media (hover: hover) {\n  .md\\:hover\\:flex:hover {\n    display: flex;\n  }\n  }\n}",
        ] {
            assert!(v4.contains(wrapped), "{wrapped} in\n{v4}");
        }
        assert!(
            !v4.contains("@media (hover: hover) {\n.\\[\\&\\:hover\\]"),
            "{v4}"
        );
        assert_eq!(v4.matches("@media (hover: hover)").count(), 3, "{v4}");
        // And in `@apply`, nested in the rule that applies it.
        let applied = expand_tailwind(
            "@import \"tailwindcss\";\n.btn { @apply p-2 hover:underline; }",
            [""],
            &TailwindConfig::default(),
        );
        let btn = &applied[applied.find(".btn {").expect(".btn")..];
        assert!(btn.contains("@media (hover: hover) {\n&:hover {"), "{btn}");
        // Tailwind 3 applies hover styles on every device.
        let v3 = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
        assert!(!v3.contains("(hover: hover)"), "{v3}");
    }
}
