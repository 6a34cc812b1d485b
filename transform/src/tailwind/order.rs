//! encre-css puts every rule of a plugin of ours (`compat`, `animate`, `theme`) before all
//! of its built-in rules, media queries included, so `text-sm md:text-huge` kept
//! `text-sm` at every width (the later rule wins a tie). Tailwind puts responsive rules
//! after all plain ones; this moves our plugins' media queries to where encre-css's
//! own begin.

/// `css` (encre-css's output) with the leading plugins' `@media` blocks moved down.
pub(super) fn plugin_media_last(css: &str) -> String {
    let blocks = top_level_blocks(css);
    let is_media = |b: &str| b.trim_start().starts_with("@media");
    // A rule under a variant has `\:` in its class; a media block is a variant too.
    let is_variant =
        |b: &str| is_media(b) || b.split('{').next().is_some_and(|s| s.contains("\\:"));
    // Our plugins' rules come first, sorted plain → variants; the built-ins then start
    // again with plain rules.
    let Some(first_variant) = blocks.iter().position(|b| is_variant(b)) else {
        return css.to_string();
    };
    let Some(builtins) = blocks[first_variant..]
        .iter()
        .position(|b| !is_variant(b))
        .map(|i| i + first_variant)
    else {
        return css.to_string();
    };
    let (moved, kept): (Vec<&str>, Vec<&str>) =
        blocks[..builtins].iter().partition(|b| is_media(b));
    if moved.is_empty() {
        return css.to_string();
    }
    let rest = &blocks[builtins..];
    let media_at = rest.iter().position(|b| is_media(b)).unwrap_or(rest.len());
    let mut out = String::with_capacity(css.len());
    for block in kept
        .iter()
        .chain(&rest[..media_at])
        .chain(&moved)
        .chain(&rest[media_at..])
    {
        out.push_str(block);
    }
    out
}

/// The text split after each `}` that closes a top-level block (the last piece keeps any
/// trailing text).
fn top_level_blocks(css: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, b) in css.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push(&css[start..=i]);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < css.len() {
        blocks.push(&css[start..]);
    }
    blocks
}

#[cfg(test)]
mod tests {
    use crate::tailwind::{TailwindConfig, expand_tailwind, read_tailwind_config};

    #[test]
    fn responsive_plugin_rules_come_after_plain_built_ins() {
        let config = read_tailwind_config(
            "tailwind.config.js",
            "module.exports = { theme: { extend: { fontSize: { huge: '5rem' } } } }",
        );
        let source =
            r#"<p className="text-sm md:text-huge rounded-none lg:rounded hover:size-4 size-2" />"#;
        let css = expand_tailwind("@tailwind utilities;", [source], &config);
        let at = |needle: &str| {
            css.find(needle)
                .unwrap_or_else(|| panic!("{needle} in\n{css}"))
        };
        assert!(at(".text-sm {") < at(".md\\:text-huge {"), "{css}");
        assert!(at(".rounded-none {") < at(".lg\\:rounded {"), "{css}");
        assert!(at(".md\\:text-huge {") < at(".lg\\:rounded {"), "{css}");
        let plain = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
        assert!(plain.contains(".size-2 {"), "{plain}");
    }
}
