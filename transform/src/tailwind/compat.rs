//! Utilities that Tailwind 3 has and encre-css (which follows Tailwind 4) lacks, as
//! encre-css plugins so that variants apply to them: `size-*`, the bare `rounded`,
//! `shadow`, `blur`, `backdrop-blur` and `drop-shadow`, `outline-none`, `flex-shrink-*`,
//! `flex-grow-*`, `antialiased`, `field-sizing-*`, arbitrary `z-[n]` and `opacity-[n]`, and the animation
//! settings of `tailwindcss-animate` (`fill-mode-*`, `repeat-*`, ...). shadcn/ui uses most.

use encre_css::prelude::build_plugin::*;

/// Registers the plugins; `v4` sheets keep v4's meaning of `outline-none`.
pub(super) fn register(encre: &mut encre_css::Config, v4: bool) {
    for plugin in PLUGINS {
        encre.register_plugin(plugin);
    }
    if v4 {
        encre.register_plugin(&OUTLINE_NONE_V4);
    } else {
        encre.register_plugin(&OUTLINE_NONE);
        encre.register_plugin(&RING_INSET);
        super::opacity::register(encre);
    }
}

const PLUGINS: [&StaticPlugin; 19] = [
    &SIZE,
    &ROUNDED,
    &SHADOW,
    &BLUR,
    &BACKDROP_BLUR,
    &DROP_SHADOW,
    &FLEX_SHRINK,
    &FLEX_GROW,
    &ANTIALIASED,
    &SUBPIXEL_ANTIALIASED,
    &Z_INDEX,
    &OPACITY,
    &FILL_MODE,
    &DIRECTION,
    &REPEAT,
    &RUNNING,
    &PAUSED,
    &LINE_CLAMP_NONE,
    &FIELD_SIZING,
];

pub(super) fn builtin<'a>(modifier: &'a Modifier<'_>) -> Option<&'a str> {
    match modifier {
        Modifier::Builtin { value, .. } => Some(value),
        Modifier::Arbitrary { .. } => None,
    }
}

/// An arbitrary value (`[48%]`, spaces written as `_`).
pub(super) fn arbitrary(value: &str) -> Option<String> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    (!inner.is_empty()).then(|| inner.replace('_', " "))
}

/// Tailwind's spacing scale: `4` is 1rem, `px`, `1/2` is 50%, `full`, `[3px]`.
pub(super) fn spacing(value: &str) -> Option<String> {
    match value {
        "full" => Some("100%".into()),
        "px" => Some("1px".into()),
        v => {
            if let Some(a) = arbitrary(v) {
                return Some(a);
            }
            if let Some((a, b)) = v.split_once('/') {
                let (a, b): (f64, f64) = (a.parse().ok()?, b.parse().ok()?);
                return (b != 0.0).then(|| format!("{}%", number(a / b * 100.0)));
            }
            let n: f64 = v.parse().ok()?;
            (n >= 0.0 && (n * 2.0).fract() == 0.0).then(|| {
                if n == 0.0 {
                    "0px".into()
                } else {
                    format!("{}rem", number(n * 0.25))
                }
            })
        }
    }
}

/// A number without trailing zeros.
pub(super) fn number(n: f64) -> String {
    let s = format!("{n:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn lines(context: &mut ContextHandle, lines: Vec<String>) {
    generate_wrapper(context, |context| context.buffer.lines(lines));
}

/// A plugin for one class, or `<namespace>-<value>` for the listed values.
macro_rules! fixed {
    ($name:ident, $namespace:literal, [$($value:literal => $css:expr),+ $(,)?]) => {
        static $name: StaticPlugin = Plugin::Functional(Functional {
            namespace: $namespace,
            can_handle: |c| matches!(builtin(c.modifier), Some($($value)|+)),
            handle: |c| {
                let css: &[&str] = match builtin(c.modifier) {
                    $(Some($value) => &$css,)+
                    _ => &[],
                };
                lines(c, css.iter().map(|l| l.to_string()).collect());
            },
        });
    };
}

value_plugin!(SIZE, "size", size, |v| vec![
    format!("width: {v};"),
    format!("height: {v};")
]);

fn size(value: &str) -> Option<String> {
    match value {
        "auto" => Some("auto".into()),
        "min" | "max" | "fit" => Some(format!("{value}-content")),
        v => spacing(v),
    }
}

pub(super) const SHADOW_BOX: &str = "box-shadow: var(--en-inset-shadow, 0 0 #0000), var(--en-inset-ring-shadow, 0 0 #0000), \
     var(--en-ring-offset-shadow, 0 0 #0000), var(--en-ring-shadow, 0 0 #0000), var(--en-shadow);";
const FILTER: &str = "filter: var(--en-blur) var(--en-brightness) var(--en-contrast) var(--en-grayscale) \
     var(--en-hue-rotate) var(--en-invert) var(--en-saturate) var(--en-sepia) var(--en-drop-shadow);";
const BACKDROP: &str = "var(--en-backdrop-blur) var(--en-backdrop-brightness) var(--en-backdrop-contrast) \
     var(--en-backdrop-grayscale) var(--en-backdrop-hue-rotate) var(--en-backdrop-invert) \
     var(--en-backdrop-opacity) var(--en-backdrop-saturate) var(--en-backdrop-sepia)";

value_plugin!(ROUNDED, "rounded", radius, |v| vec![format!(
    "border-radius: {v};"
)]);

/// The bare `rounded`, and arbitrary radii encre-css rejects (`rounded-[inherit]`).
fn radius(value: &str) -> Option<String> {
    match value {
        "" => Some("0.25rem".into()),
        v => arbitrary(v),
    }
}
value_plugin!(SHADOW, "shadow", shadow, |v| vec![
    format!("--en-shadow: {v};"),
    SHADOW_BOX.to_string()
]);

/// The bare `shadow`, `shadow-inner`, and arbitrary shadows encre-css rejects
/// (`shadow-[0_0_0_1px_var(--sidebar-border)]`).
fn shadow(value: &str) -> Option<String> {
    match value {
        "" => Some(
            "0 1px 3px 0 var(--en-shadow-color, #0000001a), 0 1px 2px -1px var(--en-shadow-color, #0000001a)"
                .into(),
        ),
        "inner" => Some("inset 0 2px 4px 0 var(--en-shadow-color, #0000000d)".into()),
        v => arbitrary(v),
    }
}
fixed!(BLUR, "blur", ["" => ["--en-blur: blur(8px);", FILTER]]);
fixed!(DROP_SHADOW, "drop-shadow", [
    "" => ["--en-drop-shadow: drop-shadow(0 1px 2px #0000001a) drop-shadow(0 1px 1px #0000000f);", FILTER],
]);
fixed!(FLEX_SHRINK, "flex-shrink", ["" => ["flex-shrink: 1;"], "0" => ["flex-shrink: 0;"]]);
fixed!(FLEX_GROW, "flex-grow", ["" => ["flex-grow: 1;"], "0" => ["flex-grow: 0;"]]);
fixed!(OUTLINE_NONE, "outline", ["none" => ["outline: 2px solid transparent;", "outline-offset: 2px;"]]);
fixed!(OUTLINE_NONE_V4, "outline", ["none" => ["outline-style: none;"]]);
// v3's rings drawn inside; the ring shadow reads it (see `values::mend`).
fixed!(RING_INSET, "ring", ["inset" => ["--en-ring-inset: inset;"]]);
fixed!(ANTIALIASED, "antialiased", [
    "" => ["-webkit-font-smoothing: antialiased;", "-moz-osx-font-smoothing: grayscale;"],
]);
fixed!(SUBPIXEL_ANTIALIASED, "subpixel-antialiased", [
    "" => ["-webkit-font-smoothing: auto;", "-moz-osx-font-smoothing: auto;"],
]);
fixed!(FILL_MODE, "fill-mode", [
    "none" => ["animation-fill-mode: none;"],
    "forwards" => ["animation-fill-mode: forwards;"],
    "backwards" => ["animation-fill-mode: backwards;"],
    "both" => ["animation-fill-mode: both;"],
]);
fixed!(DIRECTION, "direction", [
    "normal" => ["animation-direction: normal;"],
    "reverse" => ["animation-direction: reverse;"],
    "alternate" => ["animation-direction: alternate;"],
    "alternate-reverse" => ["animation-direction: alternate-reverse;"],
]);
fixed!(RUNNING, "running", ["" => ["animation-play-state: running;"]]);
fixed!(PAUSED, "paused", ["" => ["animation-play-state: paused;"]]);
fixed!(FIELD_SIZING, "field-sizing", [
    "content" => ["field-sizing: content;"],
    "fixed" => ["field-sizing: fixed;"],
]);
fixed!(LINE_CLAMP_NONE, "line-clamp", [
    "none" => ["overflow: visible;", "display: block;", "-webkit-box-orient: horizontal;", "-webkit-line-clamp: none;"],
]);

static BACKDROP_BLUR: StaticPlugin = Plugin::Functional(Functional {
    namespace: "backdrop-blur",
    can_handle: |c| builtin(c.modifier) == Some(""),
    handle: |c| {
        lines(
            c,
            vec![
                "--en-backdrop-blur: blur(8px);".into(),
                format!("-webkit-backdrop-filter: {BACKDROP};"),
                format!("backdrop-filter: {BACKDROP};"),
            ],
        )
    },
});

value_plugin!(REPEAT, "repeat", repeat, |v| vec![format!(
    "animation-iteration-count: {v};"
)]);

fn repeat(value: &str) -> Option<String> {
    match value {
        "infinite" => Some("infinite".into()),
        v => arbitrary(v).or_else(|| v.parse::<u32>().ok().map(|n| n.to_string())),
    }
}

value_plugin!(Z_INDEX, "z", integer, |v| vec![format!("z-index: {v};")]);

fn integer(value: &str) -> Option<String> {
    arbitrary(value).filter(|v| v.parse::<i64>().is_ok() || v.starts_with("var("))
}

value_plugin!(OPACITY, "opacity", arbitrary, |v| vec![format!(
    "opacity: {v};"
)]);
