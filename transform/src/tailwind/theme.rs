//! Theme keys a project extends that encre-css has no setting for, as plugins so that
//! the classes work under variants: `boxShadow` (`shadow-glow`), `backgroundImage`
//! (`bg-gradient-radial`), `fontSize` (`text-2xs`, with its line height), `maxWidth`,
//! `zIndex`, `letterSpacing`, `lineHeight` and `gridTemplateColumns`. A name encre-css
//! already knows keeps encre-css's value.

use std::collections::HashMap;

use encre_css::prelude::build_plugin::*;

use super::TailwindConfig;

/// (config key, class prefix): each key's names and values go in encre-css's extra
/// configuration under `velocity-theme-<prefix>`.
pub(super) const KEYS: [(&str, &str); 8] = [
    ("boxShadow", "shadow"),
    ("backgroundImage", "bg"),
    ("fontSize", "text"),
    ("maxWidth", "max-w"),
    ("zIndex", "z"),
    ("letterSpacing", "tracking"),
    ("lineHeight", "leading"),
    ("gridTemplateColumns", "grid-cols"),
];

pub(super) fn register(encre: &mut encre_css::Config, config: &TailwindConfig) {
    for (key, prefix) in KEYS {
        let table: HashMap<String, String> = config
            .theme_values
            .iter()
            .filter(|(k, _, _)| k == key)
            // Tailwind's own variables (`var(--tw-gradient-stops)`) are encre-css's `--en-`.
            .map(|(_, name, value)| (name.clone(), value.replace("var(--tw-", "var(--en-")))
            .collect();
        if table.is_empty() {
            continue;
        }
        encre.extra.add(format!("velocity-theme-{prefix}"), table);
        let plugin: &'static StaticPlugin = match prefix {
            "shadow" => &SHADOW,
            "bg" => &BACKGROUND_IMAGE,
            "text" => &FONT_SIZE,
            "max-w" => &MAX_WIDTH,
            "z" => &Z_INDEX,
            "tracking" => &LETTER_SPACING,
            "leading" => &LINE_HEIGHT,
            _ => &GRID_COLUMNS,
        };
        encre.register_plugin(plugin);
    }
}

fn value<'c>(
    config: &'c encre_css::Config,
    prefix: &str,
    modifier: &Modifier<'_>,
) -> Option<&'c str> {
    let Modifier::Builtin { value, .. } = modifier else {
        return None;
    };
    config
        .extra
        .get(format!("velocity-theme-{prefix}"))?
        .as_table()?
        .get(*value)?
        .as_str()
}

macro_rules! theme_plugin {
    ($name:ident, $prefix:literal, |$v:ident| $lines:expr) => {
        static $name: StaticPlugin = Plugin::Functional(Functional {
            namespace: $prefix,
            can_handle: |c| value(c.config, $prefix, c.modifier).is_some(),
            handle: |c| {
                let Some($v) = value(c.config, $prefix, c.modifier).map(str::to_string) else {
                    return;
                };
                let lines: Vec<String> = $lines;
                generate_wrapper(c, |c| c.buffer.lines(lines));
            },
        });
    };
}

theme_plugin!(SHADOW, "shadow", |v| vec![
    format!("--en-shadow: {v};"),
    super::compat::SHADOW_BOX.to_string(),
]);
theme_plugin!(BACKGROUND_IMAGE, "bg", |v| vec![format!(
    "background-image: {v};"
)]);
// `fontSize` values are `size` or `size<TAB>line-height` (see the config reader).
theme_plugin!(FONT_SIZE, "text", |v| match v.split_once('\t') {
    Some((size, line)) => vec![
        format!("font-size: {size};"),
        format!("line-height: {line};")
    ],
    None => vec![format!("font-size: {v};")],
});
theme_plugin!(MAX_WIDTH, "max-w", |v| vec![format!("max-width: {v};")]);
theme_plugin!(Z_INDEX, "z", |v| vec![format!("z-index: {v};")]);
theme_plugin!(LETTER_SPACING, "tracking", |v| vec![format!(
    "letter-spacing: {v};"
)]);
theme_plugin!(LINE_HEIGHT, "leading", |v| vec![format!(
    "line-height: {v};"
)]);
theme_plugin!(GRID_COLUMNS, "grid-cols", |v| vec![format!(
    "grid-template-columns: {v};"
)]);
