//! Theme keys a project extends that encre-css has no setting for, as plugins so that
//! the classes work under variants:
//! - one utility per key: `boxShadow` (`shadow-glow`), `backgroundImage`
//!   (`bg-gradient-radial`), `fontSize` (`text-2xs`, with its line height), `zIndex`,
//!   `letterSpacing`, `lineHeight` and `gridTemplateColumns`;
//! - the spacing scale and the keys that extend it for one family: `spacing` names
//!   (`w-sidebar`, `p-gutter`, `-mt-header`) for padding, margin, sizes, gaps and
//!   insets, and `width`, `height`, `maxWidth`, ... for theirs.
//!
//! A name encre-css already knows keeps encre-css's value.

use std::collections::HashMap;

use encre_css::prelude::build_plugin::*;

use super::TailwindConfig;

/// The config keys read into `TailwindConfig::theme_values`: each plugin's, and
/// `spacing`.
pub(super) fn keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = SINGLE
        .iter()
        .map(|(k, _)| *k)
        .chain(["spacing"])
        .chain(SPACED.iter().map(|(k, _)| *k))
        .collect();
    // A family's plugins stand together.
    keys.dedup();
    keys
}

pub(super) fn register(encre: &mut encre_css::Config, config: &TailwindConfig) {
    let mut tables: HashMap<&str, HashMap<String, String>> = HashMap::new();
    for (key, name, value) in &config.theme_values {
        // Tailwind's own variables (`var(--tw-gradient-stops)`) are encre-css's `--en-`.
        tables
            .entry(key.as_str())
            .or_default()
            .insert(name.clone(), value.replace("var(--tw-", "var(--en-"));
    }
    let spaced = tables.contains_key("spacing");
    for (key, plugin) in &SINGLE {
        if tables.contains_key(key) {
            encre.register_plugin(plugin);
        }
    }
    for (key, plugin) in SPACED {
        if spaced || tables.contains_key(key) {
            encre.register_plugin(plugin);
        }
    }
    for (key, table) in tables {
        encre.extra.add(format!("velocity-theme-{key}"), table);
    }
    // Font families (`font-display`, the theme's `font-sans`), under any variant.
    if !config.fonts.is_empty() {
        let fonts: HashMap<String, String> = config.fonts.iter().cloned().collect();
        encre.extra.add("velocity-theme-fontFamily", fonts);
        encre.register_plugin(&FONT_FAMILY);
    }
}

fn table_value<'c>(config: &'c encre_css::Config, key: &str, name: &str) -> Option<&'c str> {
    config
        .extra
        .get(format!("velocity-theme-{key}"))?
        .as_table()?
        .get(name)?
        .as_str()
}

/// The value of a one-utility key's class.
fn value<'c>(config: &'c encre_css::Config, key: &str, modifier: &Modifier<'_>) -> Option<&'c str> {
    match modifier {
        Modifier::Builtin {
            value,
            is_negative: false,
        } => table_value(config, key, value),
        _ => None,
    }
}

/// The value of a spacing class: the family's own key first, then `spacing`; negated
/// (`-mt-header`) where the family allows it.
fn spaced_value(
    config: &encre_css::Config,
    key: &str,
    negatable: bool,
    modifier: &Modifier<'_>,
) -> Option<String> {
    let Modifier::Builtin { value, is_negative } = modifier else {
        return None;
    };
    let v = table_value(config, key, value).or_else(|| table_value(config, "spacing", value))?;
    match (is_negative, negatable) {
        (false, _) => Some(v.to_string()),
        (true, true) => Some(format!("calc({v} * -1)")),
        (true, false) => None,
    }
}

macro_rules! theme_plugin {
    ($name:ident, $prefix:literal, $key:literal, |$v:ident| $lines:expr) => {
        static $name: StaticPlugin = Plugin::Functional(Functional {
            namespace: $prefix,
            can_handle: |c| value(c.config, $key, c.modifier).is_some(),
            handle: |c| {
                let Some($v) = value(c.config, $key, c.modifier).map(str::to_string) else {
                    return;
                };
                let lines: Vec<String> = $lines;
                generate_wrapper(c, |c| c.buffer.lines(lines));
            },
        });
    };
}

/// The spacing utilities: for each, `prefix-<name>` sets each property to the name's
/// value, read from the family's own key (then `spacing`); and [`SPACED`], every one
/// with its key.
macro_rules! spaced_plugins {
    ($($name:ident: $prefix:literal, $key:literal, $negatable:literal, [$($property:literal),+];)+) => {
        $(
            static $name: StaticPlugin = Plugin::Functional(Functional {
                namespace: $prefix,
                can_handle: |c| spaced_value(c.config, $key, $negatable, c.modifier).is_some(),
                handle: |c| {
                    let Some(v) = spaced_value(c.config, $key, $negatable, c.modifier) else {
                        return;
                    };
                    let lines = vec![$(format!("{}: {v};", $property)),+];
                    generate_wrapper(c, |c| c.buffer.lines(lines));
                },
            });
        )+
        static SPACED: &[(&str, &StaticPlugin)] = &[$(($key, &$name)),+];
    };
}

theme_plugin!(SHADOW, "shadow", "boxShadow", |v| vec![
    format!("--en-shadow: {v};"),
    super::compat::SHADOW_BOX.to_string(),
]);
theme_plugin!(BACKGROUND_IMAGE, "bg", "backgroundImage", |v| vec![
    format!("background-image: {v};")
]);
// `fontSize` values are `size` or `size<TAB>line-height` (see the config reader).
theme_plugin!(
    FONT_SIZE,
    "text",
    "fontSize",
    |v| match v.split_once('\t') {
        Some((size, line)) => vec![
            format!("font-size: {size};"),
            format!("line-height: {line};")
        ],
        None => vec![format!("font-size: {v};")],
    }
);
theme_plugin!(Z_INDEX, "z", "zIndex", |v| vec![format!("z-index: {v};")]);
theme_plugin!(FONT_FAMILY, "font", "fontFamily", |v| vec![format!(
    "font-family: {v};"
)]);
theme_plugin!(LETTER_SPACING, "tracking", "letterSpacing", |v| vec![
    format!("letter-spacing: {v};")
]);
theme_plugin!(LINE_HEIGHT, "leading", "lineHeight", |v| vec![format!(
    "line-height: {v};"
)]);
theme_plugin!(GRID_COLUMNS, "grid-cols", "gridTemplateColumns", |v| vec![
    format!("grid-template-columns: {v};")
]);

static SINGLE: [(&str, &StaticPlugin); 7] = [
    ("boxShadow", &SHADOW),
    ("backgroundImage", &BACKGROUND_IMAGE),
    ("fontSize", &FONT_SIZE),
    ("zIndex", &Z_INDEX),
    ("letterSpacing", &LETTER_SPACING),
    ("lineHeight", &LINE_HEIGHT),
    ("gridTemplateColumns", &GRID_COLUMNS),
];

spaced_plugins! {
    P: "p", "padding", false, ["padding"];
    PX: "px", "padding", false, ["padding-left", "padding-right"];
    PY: "py", "padding", false, ["padding-top", "padding-bottom"];
    PT: "pt", "padding", false, ["padding-top"];
    PR: "pr", "padding", false, ["padding-right"];
    PB: "pb", "padding", false, ["padding-bottom"];
    PL: "pl", "padding", false, ["padding-left"];
    PS: "ps", "padding", false, ["padding-inline-start"];
    PE: "pe", "padding", false, ["padding-inline-end"];
    M: "m", "margin", true, ["margin"];
    MX: "mx", "margin", true, ["margin-left", "margin-right"];
    MY: "my", "margin", true, ["margin-top", "margin-bottom"];
    MT: "mt", "margin", true, ["margin-top"];
    MR: "mr", "margin", true, ["margin-right"];
    MB: "mb", "margin", true, ["margin-bottom"];
    ML: "ml", "margin", true, ["margin-left"];
    MS: "ms", "margin", true, ["margin-inline-start"];
    ME: "me", "margin", true, ["margin-inline-end"];
    W: "w", "width", false, ["width"];
    H: "h", "height", false, ["height"];
    SIZE: "size", "size", false, ["width", "height"];
    MIN_W: "min-w", "minWidth", false, ["min-width"];
    MIN_H: "min-h", "minHeight", false, ["min-height"];
    MAX_W: "max-w", "maxWidth", false, ["max-width"];
    MAX_H: "max-h", "maxHeight", false, ["max-height"];
    GAP: "gap", "gap", false, ["gap"];
    GAP_X: "gap-x", "gap", false, ["column-gap"];
    GAP_Y: "gap-y", "gap", false, ["row-gap"];
    INSET: "inset", "inset", true, ["inset"];
    INSET_X: "inset-x", "inset", true, ["left", "right"];
    INSET_Y: "inset-y", "inset", true, ["top", "bottom"];
    TOP: "top", "inset", true, ["top"];
    RIGHT: "right", "inset", true, ["right"];
    BOTTOM: "bottom", "inset", true, ["bottom"];
    LEFT: "left", "inset", true, ["left"];
    START: "start", "inset", true, ["inset-inline-start"];
    END: "end", "inset", true, ["inset-inline-end"];
}
