//! Config reading and sheet expansion, v3 and v4.

use super::*;

const SHADCN_CONFIG: &str = r#"import type { Config } from "tailwindcss";
export default {
	darkMode: ["class"],
	content: ["./src/**/*.{ts,tsx}"],
	theme: {
		container: { center: true, padding: '2rem', screens: { '2xl': '1400px' } },
		extend: {
			colors: {
				border: 'hsl(var(--border))',
				primary: { DEFAULT: 'hsl(var(--primary))', foreground: 'hsl(var(--primary-foreground))' },
			},
			screens: { '3xl': '1800px' },
			fontFamily: { sans: ['Inter Variable', 'sans-serif'], display: '"Playfair Display", serif' },
			borderRadius: { lg: 'var(--radius)', md: 'calc(var(--radius) - 2px)' },
			keyframes: {
				'accordion-down': { from: { height: '0' }, to: { height: 'var(--radix-accordion-content-height)' } },
				glow: { '0%, 100%': { opacity: 1, boxShadow: '0 0 4px red' }, '50%': { opacity: .5 } },
			},
			animation: { 'accordion-down': 'accordion-down 0.2s ease-out', glow: 'glow 2s infinite' },
		}
	},
	plugins: [require("tailwindcss-animate")],
} satisfies Config;
"#;

#[test]
fn reads_colors_screens_and_dark_mode() {
    let c = read_tailwind_config("tailwind.config.ts", SHADCN_CONFIG);
    assert_eq!(
        c.colors,
        [
            ("border".into(), "hsl(var(--border))".into()),
            ("primary".into(), "hsl(var(--primary))".into()),
            (
                "primary-foreground".into(),
                "hsl(var(--primary-foreground))".into()
            ),
        ]
    );
    assert_eq!(c.screens, [("3xl".into(), "1800px".into())]);
    assert_eq!(c.dark_selector.as_deref(), Some(".dark"));
    assert_eq!(
        c.fonts,
        [
            ("sans".into(), "\"Inter Variable\", sans-serif".into()),
            ("display".into(), "\"Playfair Display\", serif".into()),
        ]
    );
    assert_eq!(c.radii[0], ("lg".into(), "var(--radius)".into()));
    assert_eq!(
        c.container,
        Some(Container {
            center: true,
            padding: Some("2rem".into()),
            screens: vec![("2xl".into(), "1400px".into())],
        })
    );
    let cjs = "module.exports = { darkMode: 'media', theme: { colors: { brand: '#123456' } } }";
    let c = read_tailwind_config("tailwind.config.js", cjs);
    assert_eq!(c.colors, [("brand".into(), "#123456".into())]);
    assert_eq!(c.dark_selector, None);
}

#[test]
fn expands_directives_and_apply() {
    let config = read_tailwind_config("tailwind.config.ts", SHADCN_CONFIG);
    let sheet = "@tailwind base;\n@tailwind components;\n@tailwind utilities;\n\
                 @layer base {\n  * { @apply border-border; }\n  a { @apply text-primary hover:underline outline-none; }\n  \
                 h2 { @apply font-display rounded-md; }\n}\n";
    let source = r#"<b className="p-4 bg-primary/90 dark:bg-primary md:flex w-[13px] container rounded-lg font-display sm:rounded-md rounded-tl-lg">"#;
    let css = expand_tailwind(sheet, [source], &config);
    // Tailwind 3 has no cascade layers: the preflight, then the sheet's `@layer base`
    // rules, then the utilities, all unlayered.
    assert!(!css.contains("@layer"), "{css}");
    let preflight = css.find("box-sizing: border-box").expect("preflight");
    let own_base = css
        .find("* { border-color: hsl(var(--border));")
        .expect("base");
    let utility = css.find(".p-4 {").expect("utilities");
    assert!(preflight < own_base && own_base < utility, "{css}");
    assert!(
        !css.contains("@tailwind") && !css.contains("@apply"),
        "{css}"
    );
    for expected in [
        ".p-4 {",
        "background-color: color-mix(in oklab, hsl(var(--primary)) 90%, transparent);",
        ".dark .dark\\:bg-primary {",
        ".md\\:flex {",
        ".w-\\[13px\\] {\n  width: 13px;",
        "* { border-color: hsl(var(--border));",
        "&:hover {",
        ".rounded-lg {\n  border-radius: var(--radius);",
        ".sm\\:rounded-md {\n    border-radius: calc(var(--radius) - 2px);",
        ".rounded-tl-lg {\n  border-top-left-radius: var(--radius);",
        ".font-display {\n  font-family: \"Playfair Display\", serif;",
        ".container {\n  margin-inline: auto;\n  padding-inline: 2rem;\n}",
        "@media (width >= 1400px) {\n  .container {\n    max-width: 1400px;",
        "\"Inter Variable\", sans-serif",
        // Tailwind 3's default border color, gray-200.
        "*, ::before, ::after {\n  border-color: #e5e7eb;",
        "button, [role=\"button\"] {\n  cursor: pointer;",
        // A plugin's class (what encre-css lacks) through `@apply`, and the theme's
        // font families and radii.
        "outline: 2px solid transparent;",
        "h2 { font-family: \"Playfair Display\", serif;\nborder-radius: calc(var(--radius) - 2px);",
    ] {
        assert!(css.contains(expected), "{expected} in {css}");
    }
    // Only the classes the sources use.
    assert!(
        !css.contains(".p-5 {") && !css.contains(".rounded-md {\n  border-radius: calc"),
        "{css}"
    );
}

#[test]
fn a_v4_sheet_takes_its_theme_from_the_css() {
    let sheet = "@import \"tailwindcss\";\n@import \"tw-animate-css\";\n\
                 @custom-variant dark (&:is(.dark *));\n@plugin \"x\";\n\
                 @theme inline {\n  --color-primary: var(--primary);\n  --breakpoint-3xl: 1800px;\n  \
                 --animate-wiggle: wiggle 1s infinite;\n  \
                 @keyframes wiggle {\n    50% { rotate: 3deg; }\n  }\n}\n\
                 :root { --primary: oklch(0.2 0 0); }\n\
                 @layer base {\n  * { @apply outline-primary/50; }\n}\n";
    assert!(generates_utilities(sheet));
    let source = r#"<b className="bg-primary dark:text-primary 3xl:flex animate-wiggle animate-in fade-in">"#;
    let css = expand_tailwind(sheet, [source], &TailwindConfig::default());
    assert!(
        css.starts_with("@layer base, components, utilities;\n\n@layer base {"),
        "{css}"
    );
    for expected in [
        ".bg-primary {\n  background-color: var(--primary);",
        ".dark .dark\\:text-primary {",
        "@media (width >= 1800px)",
        ":root {\n  --color-primary: var(--primary);",
        "outline-color: color-mix(in oklab, var(--primary) 50%, transparent);",
        ".animate-wiggle {\n  animation: wiggle 1s infinite;",
        "@keyframes wiggle {\n    50% { rotate: 3deg; }\n  }\n:root {",
        ".animate-in {\n  animation-name: enter;",
        "--tw-enter-opacity: 0;",
    ] {
        assert!(css.contains(expected), "{expected} in {css}");
    }
    for gone in [
        "@import \"tailwindcss\"",
        "@theme",
        "@custom-variant",
        "@plugin",
        "@apply",
        "tw-animate-css",
        "border-color: #e5e7eb",
    ] {
        assert!(!css.contains(gone), "{gone} in {css}");
    }
}

#[test]
fn a_sheet_without_tailwind_is_left_alone() {
    assert!(!uses_tailwind("a { color: red; }"));
    let sheet = "@import './x.css';\n@media (width > 1px) { a { color: red; } }\n";
    assert_eq!(
        expand_tailwind(sheet, [], &TailwindConfig::default()),
        sheet
    );
}

/// shadcn/ui's dialog, sheet and accordion classes, as `tailwindcss-animate` and the
/// theme's animations make them.
#[test]
fn animate_plugin_and_theme_animations() {
    let c = read_tailwind_config("tailwind.config.ts", SHADCN_CONFIG);
    assert!(c.animate_plugin);
    assert_eq!(
        c.keyframes[0],
        (
            "accordion-down".into(),
            "  from {\n    height: 0;\n  }\n  to {\n    height: var(--radix-accordion-content-height);\n  }\n"
                .into()
        )
    );
    assert!(
        c.keyframes[1]
            .1
            .contains("  0%, 100% {\n    opacity: 1;\n    box-shadow: 0 0 4px red;\n")
    );
    let source = r#"<div className="data-[state=open]:animate-in data-[state=closed]:animate-out
        data-[state=closed]:fade-out-0 data-[state=open]:fade-in-0 data-[state=open]:zoom-in-95
        data-[state=open]:slide-in-from-left-1/2 data-[state=open]:slide-in-from-top-[48%]
        data-[state=closed]:slide-out-to-right data-[state=open]:duration-500 spin-in-90
        slide-in-from-bottom-2 data-[state=open]:animate-accordion-down" />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &c);
    for want in [
        "@keyframes enter {\n  from {\n    opacity: var(--tw-enter-opacity, 1);",
        "@keyframes exit {\n  to {\n    opacity: var(--tw-exit-opacity, 1);",
        "[data-state=open] {\n  animation-name: enter;\n  animation-duration: 150ms;\n}",
        "[data-state=closed] {\n  animation-name: exit;",
        ":where([class~=\"animate-in\"], [class*=\":animate-in\"]) {\n  --tw-enter-opacity: initial;",
        "--tw-exit-opacity: 0;",
        "--tw-enter-scale: 0.95;",
        "--tw-enter-translate-x: -50%;",
        "--tw-enter-translate-y: -48%;",
        "--tw-exit-translate-x: 100%;",
        "--tw-enter-rotate: 90deg;",
        "--tw-enter-translate-y: 0.5rem;",
        "animation: accordion-down 0.2s ease-out;",
        "@keyframes accordion-down {\n  from {\n    height: 0;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    // `duration-500` times the animation too, after `animate-in` (which it overrides).
    let last_duration = css.rfind("animation-duration: 500ms;").expect("duration");
    assert!(
        last_duration > css.find("animation-name: enter;").unwrap(),
        "{css}"
    );
    assert!(css.contains("transition-duration: 500ms;"), "{css}");
    // Keyframes only for what is used.
    assert!(!css.contains("@keyframes glow"), "{css}");

    // Without the plugin, its classes are not utilities.
    let plain = TailwindConfig::default();
    let css = expand_tailwind("@tailwind utilities;", [source], &plain);
    assert!(!css.contains("enter"), "{css}");
}

/// Tailwind 3 utilities encre-css lacks, with variants.
#[test]
fn tailwind_3_utilities_encre_lacks() {
    let source = r#"<button className="size-4 [&_svg]:size-1/2 rounded shadow hover:shadow-inner blur
        backdrop-blur outline-none focus-visible:outline-none flex-shrink-0 flex-grow z-[100]
        opacity-[.15] antialiased fill-mode-forwards repeat-infinite rotate-45 shadow-sm ring
        field-sizing-content aria-invalid:border-red-500" />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
    for want in [
        ".size-4 {\n  width: 1rem;\n  height: 1rem;",
        "svg {\n  width: 50%;\n  height: 50%;",
        ".rounded {\n  border-radius: 0.25rem;",
        ".shadow {\n  --en-shadow: 0 1px 3px 0",
        ":hover {\n  --en-shadow: inset",
        ".blur {\n  --en-blur: blur(8px);",
        ".backdrop-blur {\n  --en-backdrop-blur: blur(8px);",
        ".outline-none {\n  outline: 2px solid transparent;\n  outline-offset: 2px;",
        ":focus-visible {\n  outline: 2px solid transparent;",
        ".flex-shrink-0 {\n  flex-shrink: 0;",
        ".flex-grow {\n  flex-grow: 1;",
        "z-index: 100;",
        "opacity: .15;",
        "-webkit-font-smoothing: antialiased;",
        "animation-fill-mode: forwards;",
        "animation-iteration-count: infinite;",
        "--en-rotate-z: 45deg;",
        "--en-shadow: 0 1px 2px 0 var(--en-shadow-color, #0000000d);",
        "field-sizing: content;",
        ".ring {\n  --en-ring-shadow: var(--en-ring-inset,) 0 0 0 calc(3px + var(--en-ring-offset-width)) var(--en-ring-color);",
        "[aria-invalid=\"true\"] {\n  border-color:",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    // Tailwind 4's `outline-none` is `outline-style: none`.
    let v4 = expand_tailwind(
        "@import \"tailwindcss\";",
        [source],
        &TailwindConfig::default(),
    );
    assert!(!v4.contains("outline: 2px solid transparent"), "{v4}");
}

/// A v3 sheet takes the installed Tailwind 3's palette (hex), a v4 sheet keeps v4's.
#[test]
fn v3_sheets_use_the_installed_palette() {
    let colors_js = "\"use strict\";\nfunction warn() {}\nconst _default = {\n    black: \"#000\",\n    \
                     red: {\n        50: \"#fef2f2\",\n        500: \"#ef4444\"\n    },\n    \
                     get lightBlue () {\n        warn();\n        return this.sky;\n    }\n};\n";
    let palette = read_tailwind_palette(colors_js);
    assert_eq!(
        palette,
        [
            ("black".into(), "#000".into()),
            ("red-50".into(), "#fef2f2".into()),
            ("red-500".into(), "#ef4444".into()),
        ]
    );
    let config = TailwindConfig {
        palette,
        ..TailwindConfig::default()
    };
    let source = r#"<p className="bg-red-500 text-red-500/50" />"#;
    let v3 = expand_tailwind("@tailwind utilities;", [source], &config);
    assert!(v3.contains("background-color: #ef4444;"), "{v3}");
    let v4 = expand_tailwind("@import \"tailwindcss\";", [source], &config);
    assert!(!v4.contains("#ef4444") && v4.contains("oklch("), "{v4}");
}

/// `divide-*` borders go between children (encre-css put them after each but the
/// first); v3's `space-*` margins go before each child but the first, skipping hidden
/// ones (v4's after each but the last).
#[test]
fn dividers_and_spaces_go_between_children() {
    let source = r#"<p className="space-y-2 divide-y space-x-reverse" />"#;
    let v3 = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
    for want in [
        ".divide-y > :not([hidden]) ~ :not([hidden]) {\n  border-block-start-width: calc(1px * calc(1 - var(--en-divide-y-reverse)));\n  \
         border-block-end-width: calc(1px * var(--en-divide-y-reverse));",
        ".space-y-2 > :not([hidden]) ~ :not([hidden]) {\n  margin-block-start: calc(0.5rem * calc(1 - var(--en-space-y-reverse)));\n  \
         margin-block-end: calc(0.5rem * var(--en-space-y-reverse));",
        ".space-x-reverse > :not([hidden]) ~ :not([hidden]) {",
    ] {
        assert!(v3.contains(want), "{want} in\n{v3}");
    }
    let v4 = expand_tailwind(
        "@import \"tailwindcss\";",
        [source],
        &TailwindConfig::default(),
    );
    assert!(
        v4.contains(".space-y-2 > :not(:last-child) {\n  margin-block-start: calc(0.5rem * var("),
        "{v4}"
    );
    assert!(
        v4.contains("border-block-start-width: calc(1px * calc(1 - var("),
        "{v4}"
    );
}

/// `bg-black bg-opacity-50` is a half-transparent backdrop in Tailwind 3.
#[test]
fn legacy_opacity_utilities_fade_palette_colors() {
    let config = TailwindConfig {
        palette: vec![("black".into(), "#000".into())],
        ..TailwindConfig::default()
    };
    let source = r#"<div className="bg-black bg-opacity-50 hover:text-opacity-[.3]" />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &config);
    for want in [
        "@property --en-bg-opacity {\n  syntax: \"*\";\n  inherits: false;\n}",
        ".bg-black {\n  background-color: rgb(0 0 0 / var(--en-bg-opacity, 1));",
        ".bg-opacity-50 {\n  --en-bg-opacity: 0.5;",
        ":hover {\n  --en-text-opacity: .3;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    let plain = expand_tailwind(
        "@tailwind utilities;",
        [r#"<p className="bg-black" />"#],
        &config,
    );
    assert!(plain.contains("background-color: #000;"), "{plain}");
}

/// Theme keys encre-css has no setting for, under variants too.
#[test]
fn extended_theme_keys_make_classes() {
    let config = read_tailwind_config(
        "tailwind.config.ts",
        "export default { theme: { extend: {\n\
           boxShadow: { glow: '0 0 20px rgb(1 2 3 / 0.5)' },\n\
           backgroundImage: { 'gradient-radial': 'radial-gradient(var(--tw-gradient-stops))' },\n\
           fontSize: { '2xs': ['0.625rem', { lineHeight: '0.75rem' }], huge: '5rem' },\n\
           maxWidth: { '8xl': '88rem' }, zIndex: { 60: '60' },\n\
           spacing: { sidebar: '16rem', 4: '9rem' }, height: { sidebar: '20rem' },\n\
         } } }",
    );
    let source = r#"<p className="hover:shadow-glow bg-gradient-radial text-2xs md:text-huge max-w-8xl z-60 text-sm w-sidebar h-sidebar md:pl-sidebar -mt-sidebar p-4 -p-sidebar" />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &config);
    for want in [
        ":hover {\n  --en-shadow: 0 0 20px rgb(1 2 3 / 0.5);",
        ".bg-gradient-radial {\n  background-image: radial-gradient(var(--en-gradient-stops));",
        ".text-2xs {\n  font-size: 0.625rem;\n  line-height: 0.75rem;",
        ".md\\:text-huge {\n    font-size: 5rem;",
        ".max-w-8xl {\n  max-width: 88rem;",
        ".z-60 {\n  z-index: 60;",
        ".text-sm {",
        // Spacing names, the family's own key first, negated where that means something.
        ".w-sidebar {\n  width: 16rem;",
        ".h-sidebar {\n  height: 20rem;",
        ".md\\:pl-sidebar {\n    padding-left: 16rem;",
        ".-mt-sidebar {\n  margin-top: calc(16rem * -1);",
        // A name encre-css knows keeps its value.
        ".p-4 {\n  padding: 1rem;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    assert!(!css.contains("-p-sidebar"), "no negative padding:\n{css}");
}

/// Classes with quotes in their brackets: shadcn v4's button sizes its icons with
/// `[&_svg:not([class*='size-'])]:size-4`; required labels use `after:content-['*']`.
#[test]
fn classes_with_quotes_are_generated() {
    let source = r#"<b className="[&_svg:not([class*='size-'])]:size-4 after:content-['*']" />
        <i className={cn('before:content-["→"]', "p-1")} />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
    for want in [
        ".\\[\\&_svg\\:not\\(\\[class\\*\\=\\'size-\\'\\]\\)\\]\\:size-4 svg:not([class*='size-']) {\n  width: 1rem;",
        ".after\\:content-\\[\\'\\*\\'\\]::after {\n  --en-content: '*';",
        "--en-content: \"→\";",
        ".p-1 {",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    assert!(!css.contains('§') && !css.contains('¶'), "{css}");
}

/// Tailwind 4 syntax encre-css does not read, as shadcn/ui v4 writes it.
#[test]
fn v4_class_syntax() {
    let source = r#"<b className="w-(--sidebar-width) size-8! [.border-b]:pb-6 has-data-[slot=card-action]:grid-cols-[1fr_auto] in-data-[side=left]:p-2 has-aria-expanded:p-1 group-has-data-[size=sm]/avatar-group:size-6" />"#;
    let css = expand_tailwind(
        "@import \"tailwindcss\";",
        [source],
        &TailwindConfig::default(),
    );
    for want in [
        ".w-\\(--sidebar-width\\) {\n  width: var(--sidebar-width);",
        ".size-8\\! {\n  width: 2rem !important;",
        ".\\[\\.border-b\\]\\:pb-6:is(.border-b) {",
        ".has-data-\\[slot\\=card-action\\]\\:grid-cols-\\[1fr_auto\\]:has([data-slot=card-action]) {",
        ":where([data-side=left]) .in-data-\\[side\\=left\\]\\:p-2 {",
        ".has-aria-expanded\\:p-1:has([aria-expanded=true]) {",
        ".group\\/avatar-group:has([data-size=sm]) .group-has-data-\\[size\\=sm\\]\\/avatar-group\\:size-6 {",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    assert!(!css.contains("\n.border-b {"), "{css}");
}

/// Tailwind 4's container queries, as shadcn/ui v4's cards and dashboard blocks use them.
#[test]
fn v4_container_queries() {
    let source = r#"<div className="@container/main"><b className="@container grid-cols-1 @xl/main:grid-cols-2 @max-sm:hidden @[540px]/card:flex" /></div>"#;
    let css = expand_tailwind(
        "@import \"tailwindcss\";",
        [source],
        &TailwindConfig::default(),
    );
    for want in [
        ".\\@container\\/main {\n  container: main / inline-size;",
        ".\\@container {\n  container-type: inline-size;",
        "@container main (width>=36rem) {\n  .\\@xl\\/main\\:grid-cols-2 {",
        "@container (width<24rem) {\n  .\\@max-sm\\:hidden {",
        "@container card (width>=540px) {\n  .\\@\\[540px\\]\\/card\\:flex {",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    // After the plain utility, so the query wins when it holds.
    let plain = css.find(".grid-cols-1 {").expect("grid-cols-1");
    let query = css.find("@container main").expect("the query");
    assert!(plain < query, "{css}");
}

/// shadcn/ui v4's other forms: `outline-none` (v4 meaning), `supports-[...]`, an
/// arbitrary transition list's default timing, `--spacing`, arbitrary radius and shadow
/// values encre-css rejects, and tw-animate-css's accordion.
#[test]
fn v4_shadcn_forms() {
    let sheet = "@import \"tailwindcss\";\n@import \"tw-animate-css\";\n";
    let source = r#"<b className="outline-none supports-[backdrop-filter]:bg-white/60 transition-[color,box-shadow] duration-200 w-[calc(var(--x)+(--spacing(4)))] grid-cols-[calc(var(--spacing)*4)_1fr] rounded-[inherit] shadow-[0_0_0_1px_var(--sidebar-border)] data-[state=open]:animate-accordion-down" />"#;
    let css = expand_tailwind(sheet, [source], &TailwindConfig::default());
    for want in [
        ".outline-none {\n  outline-style: none;",
        "@supports (backdrop-filter: initial) {",
        "transition-property: color,box-shadow;\n  transition-timing-function: cubic-bezier(0.4, 0, 0.2, 1);\n  transition-duration: 150ms;",
        ":root, :host {\n  --spacing: 0.25rem;",
        "width: calc(var(--x) + (calc(var(--spacing) * 4)));",
        "border-radius: inherit;",
        "--en-shadow: 0 0 0 1px var(--sidebar-border);",
        "animation: accordion-down 0.2s ease-out;",
        "@keyframes accordion-down {\n  from {\n    height: 0;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    let transition = css.find("transition-duration: 150ms").unwrap();
    let duration = css
        .find("transition-duration: 200ms")
        .expect("duration-200");
    assert!(
        transition < duration,
        "duration-200 comes later and wins: {css}"
    );
}

/// A v4 sheet's fonts: the installed Tailwind's defaults, then the sheet's `@theme`.
#[test]
fn v4_default_fonts_come_from_the_installed_theme() {
    let theme_css = "@theme default {\n  --font-sans:\n    -apple-system, BlinkMacSystemFont, 'Segoe UI',\n    sans-serif;\n  \
                     --font-mono: ui-monospace, monospace;\n  --font-weight-bold: 700;\n}\n";
    let fonts = read_tailwind_theme_fonts(theme_css);
    assert_eq!(
        fonts,
        [
            (
                "sans".into(),
                "-apple-system, BlinkMacSystemFont, 'Segoe UI', sans-serif".into()
            ),
            ("mono".into(), "ui-monospace, monospace".into()),
        ]
    );
    let config = TailwindConfig {
        default_fonts: fonts,
        ..TailwindConfig::default()
    };
    let source = r#"<p className="font-mono" />"#;
    let css = expand_tailwind("@import \"tailwindcss\";", [source], &config);
    assert!(
        css.contains("font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', sans-serif"),
        "{css}"
    );
    let own = "@import \"tailwindcss\";\n@theme {\n  --font-mono: \"Fira Code\";\n}\n";
    let css = expand_tailwind(own, [source], &config);
    assert!(
        css.contains(".font-mono {\n  font-family: \"Fira Code\";"),
        "{css}"
    );
    assert!(
        !css.contains("font-family: ui-monospace, monospace"),
        "{css}"
    );
}

/// `theme()` in the sheet's own CSS, as Tailwind 3 sheets write it.
#[test]
fn theme_calls_in_plain_css() {
    let mut config = read_tailwind_config(
        "tailwind.config.js",
        "module.exports = { theme: { extend: { colors: { brand: { soft: 'rgb(4, 5, 6)' } }, \
         spacing: { gutter: '13px' }, screens: { tall: '900px' } } } }",
    );
    config.palette = vec![("red-500".into(), "#ef4444".into())];
    let sheet = "@tailwind utilities;\n\
        .card { color: theme('colors.brand.soft'); padding: theme(spacing.4) theme(spacing.gutter);\n\
          border-color: theme(colors.red.500 / 50%); outline-color: theme(colors.red.500 / 0.25);\n\
          caret-color: theme(colors.red.500 / var(--o)); }\n\
        @media (min-width: theme('screens.md')) { .card { margin: 0 } }\n\
        @media (min-width: theme(screens.tall)) { .card { margin: 1px } }\n\
        .x { width: theme(nonsense.key); }\n";
    let css = expand_tailwind(sheet, [""], &config);
    for want in [
        "color: rgb(4, 5, 6);",
        "padding: 1rem 13px;",
        "border-color: color-mix(in srgb, #ef4444 50%, transparent);",
        "outline-color: color-mix(in srgb, #ef4444 25%, transparent);",
        "caret-color: color-mix(in srgb, #ef4444 calc(var(--o) * 100%), transparent);",
        "@media (min-width: 768px)",
        "@media (min-width: 900px)",
        "width: theme(nonsense.key);",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
}

/// `@apply` of a class the sheet defines (Tailwind 3 allows it), through two levels; a
/// cycle of own classes ends.
#[test]
fn apply_reads_the_sheets_own_classes() {
    let sheet = "@tailwind utilities;\n@layer components {\n\
        .btn { @apply px-4 py-2; border-width: 3px; }\n\
        .btn-primary { @apply btn text-white; }\n\
        .loop-a { @apply loop-b; }\n\
        .loop-b { @apply loop-a p-1; }\n}\n";
    let css = expand_tailwind(sheet, [""], &TailwindConfig::default());
    let rule = |selector: &str| {
        let at = css
            .find(selector)
            .unwrap_or_else(|| panic!("{selector} in\n{css}"));
        let rest = &css[at..];
        rest[..rest.find('}').unwrap()].to_string()
    };
    let primary = rule(".btn-primary {");
    for want in [
        "padding-inline: 1rem",
        "padding-block: 0.5rem",
        "border-width: 3px",
        "color:",
    ] {
        assert!(primary.contains(want), "{want} in\n{primary}");
    }
    assert!(rule(".loop-b {").contains("padding: 0.25rem"), "{css}");
}

/// An `@apply` of a class nothing defines is reported where it stands, once.
#[test]
fn unknown_applied_classes_are_reported() {
    let sheet = "@tailwind utilities;\n.a {\n  @apply p-2 no-such-class;\n}\n.b { @apply no-such-class; }\n";
    let (css, warnings) =
        expand_tailwind_reporting("src/index.css", sheet, [""], &TailwindConfig::default());
    assert!(css.contains("padding: 0.5rem"), "{css}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(
        (w.file.as_str(), w.line, w.column),
        ("src/index.css", 3, 14)
    );
    assert!(w.message.contains("`no-such-class`"), "{}", w.message);
}

/// v3's `ring-inset` draws the ring inside the element.
#[test]
fn rings_can_be_inset_in_v3() {
    let source = r#"<p className="ring-2 ring-inset focus:ring" />"#;
    let css = expand_tailwind("@tailwind utilities;", [source], &TailwindConfig::default());
    for want in [
        ".ring-inset {\n  --en-ring-inset: inset;",
        "--en-ring-shadow: var(--en-ring-inset,) 0 0 0 calc(2px",
        "--en-ring-shadow: var(--en-ring-inset,) 0 0 0 calc(3px",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
}

/// Tailwind 4's `@utility`: static and functional, under variants and in `@apply`.
#[test]
fn v4_custom_utilities() {
    let sheet = "@import \"tailwindcss\";\n@theme {\n  --tab-size-github: 8;\n}\n\
        @utility content-auto {\n  content-visibility: auto;\n}\n\
        @utility tab-* {\n  tab-size: --value(--tab-size-*, integer);\n}\n\
        .x { @apply tab-2; }\n";
    let source = r#"<p className="content-auto md:tab-4 hover:tab-github tab-x" />"#;
    let css = expand_tailwind(sheet, [source], &TailwindConfig::default());
    for want in [
        ".content-auto {\n  content-visibility: auto;",
        ".md\\:tab-4 {\n    tab-size: 4;",
        ".hover\\:tab-github:hover {\n  tab-size: var(--tab-size-github);",
        ".x { tab-size: 2;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    for unwanted in ["@utility", "velocity-utility", "tab-x"] {
        assert!(!css.contains(unwanted), "{unwanted} in\n{css}");
    }
}

/// `@utility` bodies the plugin does not write (nested rules, `@apply`) and names
/// encre-css already has become plain rules in the utilities layer.
#[test]
fn v4_custom_utilities_with_nested_rules_apply_or_builtin_names() {
    let sheet = "@import \"tailwindcss\";\n\
        @utility no-scrollbar {\n  scrollbar-width: none;\n  &::-webkit-scrollbar { display: none; }\n}\n\
        @utility btn {\n  @apply px-4;\n}\n\
        @utility container {\n  margin-inline: auto;\n}\n\
        .y { @apply no-scrollbar; }\n";
    let source = r#"<p className="no-scrollbar btn container" />"#;
    let (css, warnings) =
        expand_tailwind_reporting("x.css", sheet, [source], &TailwindConfig::default());
    assert!(warnings.is_empty(), "{warnings:?}");
    for want in [
        "&::-webkit-scrollbar { display: none; }",
        ".btn {\npadding-inline: 1rem;",
        "margin-inline: auto;",
        "max-width: 40rem;",
        ".y { scrollbar-width: none;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
}

/// Own classes that apply themselves, or each other many times over, end quickly with
/// a bounded sheet and a warning (hostile sheets must not stall the server).
#[test]
fn runaway_applies_are_stopped() {
    let mut chain = String::from(".c0 { color: red; padding: 1px; margin: 2px; }\n");
    for i in 1..10 {
        let prev = format!("c{} ", i - 1).repeat(10);
        chain.push_str(&format!(".c{i} {{ @apply {prev}; }}\n"));
    }
    for sheet in [format!(".a {{ @apply {}; }}\n", "a ".repeat(16)), chain] {
        let (css, warnings) =
            expand_tailwind_reporting("x.css", &sheet, [""], &TailwindConfig::default());
        assert!(css.len() < 16 << 20, "{} bytes", css.len());
        assert!(!warnings.is_empty(), "a warning for\n{sheet}");
    }
}

/// A theme value that names itself (`theme(spacing.x)` as the value of `spacing.x`)
/// is replaced once, not for ever.
#[test]
fn a_theme_value_naming_itself_ends() {
    let config = read_tailwind_config(
        "tailwind.config.js",
        "module.exports = { theme: { extend: { spacing: { x: 'theme(spacing.x)' } } } }",
    );
    let css = expand_tailwind(
        "@tailwind utilities;\n.a { width: theme(spacing.x); }\n",
        ["<p class=\"w-[theme(spacing.x)]\">"],
        &config,
    );
    assert!(css.contains(".a { width: theme(spacing.x); }"), "{css}");
}

/// The theme's font families under variants: a new name (`md:font-display`) and one
/// encre-css knows with the theme's value (`hover:font-sans`).
#[test]
fn font_families_under_variants() {
    let config = read_tailwind_config(
        "tailwind.config.js",
        "module.exports = { theme: { extend: { fontFamily: { sans: ['Inter', 'sans-serif'], display: ['Oswald', 'serif'] } } } }",
    );
    let source = "<p class=\"font-sans md:font-display hover:font-sans font-bold\">";
    let css = expand_tailwind("@tailwind utilities;", [source], &config);
    for want in [
        ".font-sans {\n  font-family: Inter, sans-serif;",
        ".hover\\:font-sans:hover {\n  font-family: Inter, sans-serif;",
        ".md\\:font-display {\n    font-family: Oswald, serif;",
        ".font-bold {\n  font-weight: 700;",
    ] {
        assert!(css.contains(want), "{want} in\n{css}");
    }
    assert!(!css.contains("ui-sans-serif"), "{css}");
}
