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

/// The config keys read into `TailwindConfig::theme_values`.
pub(super) const KEYS: [&str; 19] = [
    "boxShadow",
    "backgroundImage",
    "fontSize",
    "zIndex",
    "letterSpacing",
    "lineHeight",
    "gridTemplateColumns",
    "spacing",
    "padding",
    "margin",
    "width",
    "height",
    "size",
    "minWidth",
    "minHeight",
    "maxWidth",
    "maxHeight",
    "gap",
    "inset",
];

pub(super) fn register(encre: &mut encre_css::Config, config: &TailwindConfig) {
    let mut tables: HashMap<&str, HashMap<String, String>> = HashMap::new();
    for (key, name, value) in &config.theme_values {
        let Some(key) = KEYS.iter().find(|k| *k == key) else {
            continue;
        };
        // Tailwind's own variables (`var(--tw-gradient-stops)`) are encre-css's `--en-`.
        tables
            .entry(key)
            .or_default()
            .insert(name.clone(), value.replace("var(--tw-", "var(--en-"));
    }
    let spaced = tables.contains_key("spacing");
    for (key, plugin) in &SINGLE {
        if tables.contains_key(key) {
            encre.register_plugin(plugin);
        }
    }
    for (key, plugin) in &SPACED {
        if spaced || tables.contains_key(key) {
            encre.register_plugin(plugin);
        }
    }
    for (key, table) in tables {
        encre.extra.add(format!("velocity-theme-{key}"), table);
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

/// A spacing utility: `prefix-<name>` sets each property to the name's value.
macro_rules! spaced_plugin {
    ($name:ident, $prefix:literal, $key:literal, $negatable:literal, [$($property:literal),+]) => {
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

spaced_plugin!(P, "p", "padding", false, ["padding"]);
spaced_plugin!(
    PX,
    "px",
    "padding",
    false,
    ["padding-left", "padding-right"]
);
spaced_plugin!(
    PY,
    "py",
    "padding",
    false,
    ["padding-top", "padding-bottom"]
);
spaced_plugin!(PT, "pt", "padding", false, ["padding-top"]);
spaced_plugin!(PR, "pr", "padding", false, ["padding-right"]);
spaced_plugin!(PB, "pb", "padding", false, ["padding-bottom"]);
spaced_plugin!(PL, "pl", "padding", false, ["padding-left"]);
spaced_plugin!(PS, "ps", "padding", false, ["padding-inline-start"]);
spaced_plugin!(PE, "pe", "padding", false, ["padding-inline-end"]);
spaced_plugin!(M, "m", "margin", true, ["margin"]);
spaced_plugin!(MX, "mx", "margin", true, ["margin-left", "margin-right"]);
spaced_plugin!(MY, "my", "margin", true, ["margin-top", "margin-bottom"]);
spaced_plugin!(MT, "mt", "margin", true, ["margin-top"]);
spaced_plugin!(MR, "mr", "margin", true, ["margin-right"]);
spaced_plugin!(MB, "mb", "margin", true, ["margin-bottom"]);
spaced_plugin!(ML, "ml", "margin", true, ["margin-left"]);
spaced_plugin!(MS, "ms", "margin", true, ["margin-inline-start"]);
spaced_plugin!(ME, "me", "margin", true, ["margin-inline-end"]);
spaced_plugin!(W, "w", "width", false, ["width"]);
spaced_plugin!(H, "h", "height", false, ["height"]);
spaced_plugin!(SIZE, "size", "size", false, ["width", "height"]);
spaced_plugin!(MIN_W, "min-w", "minWidth", false, ["min-width"]);
spaced_plugin!(MIN_H, "min-h", "minHeight", false, ["min-height"]);
spaced_plugin!(MAX_W, "max-w", "maxWidth", false, ["max-width"]);
spaced_plugin!(MAX_H, "max-h", "maxHeight", false, ["max-height"]);
spaced_plugin!(GAP, "gap", "gap", false, ["gap"]);
spaced_plugin!(GAP_X, "gap-x", "gap", false, ["column-gap"]);
spaced_plugin!(GAP_Y, "gap-y", "gap", false, ["row-gap"]);
spaced_plugin!(INSET, "inset", "inset", true, ["inset"]);
spaced_plugin!(INSET_X, "inset-x", "inset", true, ["left", "right"]);
spaced_plugin!(INSET_Y, "inset-y", "inset", true, ["top", "bottom"]);
spaced_plugin!(TOP, "top", "inset", true, ["top"]);
spaced_plugin!(RIGHT, "right", "inset", true, ["right"]);
spaced_plugin!(BOTTOM, "bottom", "inset", true, ["bottom"]);
spaced_plugin!(LEFT, "left", "inset", true, ["left"]);
spaced_plugin!(START, "start", "inset", true, ["inset-inline-start"]);
spaced_plugin!(END, "end", "inset", true, ["inset-inline-end"]);

/// (the family's own key, plugin) for every spacing utility.
static SPACED: [(&str, &StaticPlugin); 37] = [
    ("padding", &P),
    ("padding", &PX),
    ("padding", &PY),
    ("padding", &PT),
    ("padding", &PR),
    ("padding", &PB),
    ("padding", &PL),
    ("padding", &PS),
    ("padding", &PE),
    ("margin", &M),
    ("margin", &MX),
    ("margin", &MY),
    ("margin", &MT),
    ("margin", &MR),
    ("margin", &MB),
    ("margin", &ML),
    ("margin", &MS),
    ("margin", &ME),
    ("width", &W),
    ("height", &H),
    ("size", &SIZE),
    ("minWidth", &MIN_W),
    ("minHeight", &MIN_H),
    ("maxWidth", &MAX_W),
    ("maxHeight", &MAX_H),
    ("gap", &GAP),
    ("gap", &GAP_X),
    ("gap", &GAP_Y),
    ("inset", &INSET),
    ("inset", &INSET_X),
    ("inset", &INSET_Y),
    ("inset", &TOP),
    ("inset", &RIGHT),
    ("inset", &BOTTOM),
    ("inset", &LEFT),
    ("inset", &START),
    ("inset", &END),
];
