//! The `tailwindcss-animate` plugin (shadcn/ui's enter and exit animations) and the
//! theme's own `animation`/`keyframes`, as encre-css plugins so that variants
//! (`data-[state=open]:animate-in`) work as they do in Tailwind.
//!
//! `animate-in`/`animate-out` run the `enter`/`exit` keyframes, which read CSS variables
//! that `fade-in-*`, `zoom-in-*`, `spin-in-*` and `slide-in-from-*` (and their `-out`
//! twins) set. `duration-*`, `delay-*` and `ease-*` also set the animation's timing.

use std::collections::HashMap;

use encre_css::prelude::build_plugin::*;

use super::compat::{arbitrary, builtin, number, spacing};
use super::{TailwindConfig, has_class};

/// The extra configuration table that names the theme's animations.
const THEME_ANIMATIONS: &str = "velocity-theme-animations";

/// The variables an `animate-in` resets (so an outer animation's values do not leak in).
const ENTER: [&str; 5] = ["opacity", "scale", "rotate", "translate-x", "translate-y"];

/// Registers the plugins `config` asks for.
pub(super) fn register(encre: &mut encre_css::Config, config: &TailwindConfig) {
    if !config.animations.is_empty() {
        let table: HashMap<String, String> = config.animations.iter().cloned().collect();
        encre.extra.add(THEME_ANIMATIONS, table);
        encre.register_plugin(&THEME_ANIMATION);
    }
    if config.animate_plugin {
        for plugin in PLUGINS {
            encre.register_plugin(plugin);
        }
    }
}

/// What comes before the utilities: `animate-in`/`animate-out` reset the variables that
/// `fade-in-*` and the others set, so that an element does not inherit its parent's. The
/// reset has no specificity, so those utilities win wherever encre-css puts them (it
/// does not keep the order of rules under the same variant).
pub(super) fn before_utilities(config: &TailwindConfig, sources: &[&str]) -> String {
    let mut out = String::new();
    if !config.animate_plugin {
        return out;
    }
    for (class, prefix) in [("animate-in", "enter"), ("animate-out", "exit")] {
        if sources.iter().any(|s| has_class(s, class)) {
            let resets: String = ENTER
                .iter()
                .map(|v| format!("  --tw-{prefix}-{v}: initial;\n"))
                .collect();
            out.push_str(&format!(
                ":where([class~=\"{class}\"], [class*=\":{class}\"]) {{\n{resets}}}\n\n"
            ));
        }
    }
    out
}

/// `@keyframes` for what the sources use, and the animation timing that `duration-*`,
/// `delay-*` and `ease-*` carry with the plugin (after the plugin's rules, which they
/// override, as in Tailwind). `encre` has no preflight and no plugins.
pub(super) fn after_utilities(
    config: &TailwindConfig,
    encre: &encre_css::Config,
    sources: &[&str],
) -> String {
    let named = |class: &str| sources.iter().any(|s| has_class(s, class));
    let mut out = String::new();
    let mut frames: Vec<&str> = Vec::new();
    for (name, value) in &config.animations {
        if named(&format!("animate-{name}")) {
            frames.extend(
                config
                    .keyframes
                    .iter()
                    .filter(|(k, _)| value.split_whitespace().any(|w| w == k))
                    .map(|(k, _)| k.as_str()),
            );
        }
    }
    for (name, body) in &config.keyframes {
        if frames.contains(&name.as_str()) {
            out.push_str(&format!("\n@keyframes {name} {{\n{body}}}\n"));
        }
    }
    if !config.animate_plugin {
        return out;
    }
    for (name, edge, var_prefix) in [
        ("animate-in", "from", "enter"),
        ("animate-out", "to", "exit"),
    ] {
        if named(name) {
            let keyframes = if var_prefix == "enter" {
                "enter"
            } else {
                "exit"
            };
            out.push_str(&format!(
                "\n@keyframes {keyframes} {{\n  {edge} {{\n    opacity: var(--tw-{var_prefix}-opacity, 1);\n    \
                 transform: translate3d(var(--tw-{var_prefix}-translate-x, 0), var(--tw-{var_prefix}-translate-y, 0), 0) \
                 scale3d(var(--tw-{var_prefix}-scale, 1), var(--tw-{var_prefix}-scale, 1), var(--tw-{var_prefix}-scale, 1)) \
                 rotate(var(--tw-{var_prefix}-rotate, 0));\n  }}\n}}\n"
            ));
        }
    }
    let timing: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || "\"'`{}".contains(c)))
        .filter(|token| {
            let utility = token.rsplit(':').next().unwrap_or(token);
            ["duration-", "delay-", "ease-"]
                .iter()
                .any(|p| utility.starts_with(p))
        })
        .collect();
    if !timing.is_empty() {
        out.push_str(
            &encre_css::generate(timing, encre)
                .replace("transition-duration:", "animation-duration:")
                .replace("transition-delay:", "animation-delay:")
                .replace("transition-timing-function:", "animation-timing-function:"),
        );
    }
    out
}

const PLUGINS: [&StaticPlugin; 15] = [
    &ANIMATE,
    &FADE_IN,
    &FADE_OUT,
    &ZOOM_IN,
    &ZOOM_OUT,
    &SPIN_IN,
    &SPIN_OUT,
    &SLIDE_IN_TOP,
    &SLIDE_IN_BOTTOM,
    &SLIDE_IN_LEFT,
    &SLIDE_IN_RIGHT,
    &SLIDE_OUT_TOP,
    &SLIDE_OUT_BOTTOM,
    &SLIDE_OUT_LEFT,
    &SLIDE_OUT_RIGHT,
];

fn write(context: &mut ContextHandle, property: &str, value: &str) {
    let line = format!("{property}: {value};");
    generate_wrapper(context, |context| context.buffer.line(line));
}

static ANIMATE: StaticPlugin = Plugin::Functional(Functional {
    namespace: "animate",
    can_handle: |c| matches!(builtin(c.modifier), Some("in" | "out")),
    handle: |c| {
        let name = match builtin(c.modifier) {
            Some("in") => "enter",
            _ => "exit",
        };
        let lines = [
            format!("animation-name: {name};"),
            "animation-duration: 150ms;".to_string(),
        ];
        generate_wrapper(c, |c| c.buffer.lines(lines));
    },
});

static THEME_ANIMATION: StaticPlugin = Plugin::Functional(Functional {
    namespace: "animate",
    can_handle: |c| builtin(c.modifier).is_some_and(|v| theme_animation(c.config, v).is_some()),
    handle: |c| {
        let value = builtin(c.modifier)
            .and_then(|v| theme_animation(c.config, v))
            .unwrap_or("none")
            .to_string();
        write(c, "animation", &value);
    },
});

fn theme_animation<'a>(config: &'a encre_css::Config, name: &str) -> Option<&'a str> {
    config
        .extra
        .get(THEME_ANIMATIONS)?
        .as_table()?
        .get(name)?
        .as_str()
}

/// `fade-in` (to 0), `fade-in-50` (0.5), `fade-in-[.3]`.
fn opacity(value: &str) -> Option<String> {
    match value {
        "" => Some("0".into()),
        v => arbitrary(v).or_else(|| percent_fraction(v)),
    }
}

/// `zoom-in` (from 0), `zoom-in-95` (0.95).
fn scale(value: &str) -> Option<String> {
    opacity(value)
}

fn percent_fraction(v: &str) -> Option<String> {
    let n: u32 = v.parse().ok()?;
    Some(number(f64::from(n) / 100.0))
}

/// `spin-in` (30deg), `spin-in-90` (90deg).
fn rotate(value: &str) -> Option<String> {
    match value {
        "" => Some("30deg".into()),
        v => arbitrary(v).or_else(|| v.parse::<u32>().ok().map(|n| format!("{n}deg"))),
    }
}

/// `slide-in-from-top` (100%), `-2` (0.5rem), `-1/2` (50%), `-full`, `-px`, `-[48%]`.
fn translate(value: &str) -> Option<String> {
    match value {
        "" => Some("100%".into()),
        v => spacing(v),
    }
}

fn negate(v: String) -> String {
    match v.strip_prefix('-') {
        Some(rest) => rest.to_string(),
        None if v.starts_with(|c: char| c.is_ascii_digit() || c == '.') => format!("-{v}"),
        None => format!("calc({v} * -1)"),
    }
}

value_plugin!(FADE_IN, "fade-in", opacity, |v| vec![format!(
    "--tw-enter-opacity: {v};"
)]);
value_plugin!(FADE_OUT, "fade-out", opacity, |v| vec![format!(
    "--tw-exit-opacity: {v};"
)]);
value_plugin!(ZOOM_IN, "zoom-in", scale, |v| vec![format!(
    "--tw-enter-scale: {v};"
)]);
value_plugin!(ZOOM_OUT, "zoom-out", scale, |v| vec![format!(
    "--tw-exit-scale: {v};"
)]);
value_plugin!(SPIN_IN, "spin-in", rotate, |v| vec![format!(
    "--tw-enter-rotate: {v};"
)]);
value_plugin!(SPIN_OUT, "spin-out", rotate, |v| vec![format!(
    "--tw-exit-rotate: {v};"
)]);
value_plugin!(SLIDE_IN_TOP, "slide-in-from-top", translate, |v| vec![
    format!("--tw-enter-translate-y: {};", negate(v))
]);
value_plugin!(
    SLIDE_IN_BOTTOM,
    "slide-in-from-bottom",
    translate,
    |v| vec![format!("--tw-enter-translate-y: {v};")]
);
value_plugin!(SLIDE_IN_LEFT, "slide-in-from-left", translate, |v| vec![
    format!("--tw-enter-translate-x: {};", negate(v))
]);
value_plugin!(SLIDE_IN_RIGHT, "slide-in-from-right", translate, |v| vec![
    format!("--tw-enter-translate-x: {v};")
]);
value_plugin!(SLIDE_OUT_TOP, "slide-out-to-top", translate, |v| vec![
    format!("--tw-exit-translate-y: {};", negate(v))
]);
value_plugin!(
    SLIDE_OUT_BOTTOM,
    "slide-out-to-bottom",
    translate,
    |v| vec![format!("--tw-exit-translate-y: {v};")]
);
value_plugin!(SLIDE_OUT_LEFT, "slide-out-to-left", translate, |v| vec![
    format!("--tw-exit-translate-x: {};", negate(v))
]);
value_plugin!(SLIDE_OUT_RIGHT, "slide-out-to-right", translate, |v| vec![
    format!("--tw-exit-translate-x: {v};")
]);
