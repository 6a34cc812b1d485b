//! `container` as the theme sets it: centred, padded, and with the theme's own
//! breakpoints (shadcn/ui's config gives only `2xl: 1400px`) instead of every screen's.
//! Its rules come before the utilities, as Tailwind's components layer does, so that
//! `container px-4` takes the utility's padding.

use super::{TailwindConfig, has_class};

/// The theme's `.container` rules, when the sources use the class.
pub(super) fn rules(config: &TailwindConfig, sources: &[&str]) -> String {
    let Some(c) = &config.container else {
        return String::new();
    };
    if !sources.iter().any(|s| has_class(s, "container")) {
        return String::new();
    }
    let mut body = String::new();
    if c.center {
        body.push_str("  margin-inline: auto;\n");
    }
    if let Some(p) = &c.padding {
        body.push_str(&format!("  padding-inline: {p};\n"));
    }
    let mut out = format!(".container {{\n{body}}}\n");
    for (_, width) in &c.screens {
        out.push_str(&format!(
            "\n@media (width >= {width}) {{\n  .container {{\n    max-width: {width};\n  }}\n}}\n"
        ));
    }
    out.push('\n');
    out
}

/// encre-css's output without its `.container` max-widths at every screen, when the
/// theme gives the container its own screens.
pub(super) fn without_default_screens(css: &str, config: &TailwindConfig) -> String {
    if config
        .container
        .as_ref()
        .is_none_or(|c| c.screens.is_empty())
    {
        return css.to_string();
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("@media") {
        let Some(block) = super::block(&rest[at..]) else {
            break;
        };
        let inner = block.body;
        let only_container = inner.trim().starts_with(".container {")
            && inner.matches('{').count() == 1
            && inner.contains("max-width:");
        out.push_str(&rest[..at]);
        if !only_container {
            out.push_str(&rest[at..at + block.end]);
        }
        rest = &rest[at + block.end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tailwind::{Container, expand_tailwind};

    #[test]
    fn the_theme_container_replaces_the_default_one() {
        let config = TailwindConfig {
            container: Some(Container {
                center: true,
                padding: Some("2rem".into()),
                screens: vec![("2xl".into(), "1400px".into())],
            }),
            ..TailwindConfig::default()
        };
        let source = r#"<div className="container px-4 md:flex" />"#;
        let css = expand_tailwind("@tailwind utilities;", [source], &config);
        assert!(css.contains("@media (width >= 1400px)"), "{css}");
        assert!(!css.contains("max-width: 40rem"), "{css}");
        assert!(css.contains("(width >= 48rem)"), "md: stays: {css}");
        let container = css.find("padding-inline: 2rem").expect("container");
        let px = css.find(".px-4").expect("px-4");
        assert!(container < px, "the utility comes later and wins: {css}");
    }
}
