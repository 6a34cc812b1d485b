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
                 @layer base {\n  * { @apply border-border; }\n  a { @apply text-primary hover:underline; }\n}\n";
    let source = r#"<b className="p-4 bg-primary/90 dark:bg-primary md:flex w-[13px] container rounded-lg font-display">"#;
    let css = expand_tailwind(sheet, [source], &config);
    assert!(
        css.starts_with("@layer base, components, utilities;\n@layer base {\n"),
        "{css}"
    );
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
        ".font-display {\n  font-family: \"Playfair Display\", serif;",
        ".container {\n  margin-inline: auto;\n  padding-inline: 2rem;\n}",
        "@media (width >= 1400px) {\n  .container {\n    max-width: 1400px;",
        "\"Inter Variable\", sans-serif",
        // Tailwind 3's default border color, gray-200.
        "*, ::before, ::after {\n  border-color: #e5e7eb;",
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
                 @theme inline {\n  --color-primary: var(--primary);\n  --breakpoint-3xl: 1800px;\n}\n\
                 :root { --primary: oklch(0.2 0 0); }\n\
                 @layer base {\n  * { @apply outline-primary/50; }\n}\n";
    assert!(generates_utilities(sheet));
    let source = r#"<b className="bg-primary dark:text-primary 3xl:flex">"#;
    let css = expand_tailwind(sheet, [source], &TailwindConfig::default());
    assert!(
        css.starts_with(
            "@layer base, components, utilities;\n@import \"tw-animate-css\";\n@layer base {"
        ),
        "{css}"
    );
    for expected in [
        ".bg-primary {\n  background-color: var(--primary);",
        ".dark .dark\\:text-primary {",
        "@media (width >= 1800px)",
        ":root {\n  --color-primary: var(--primary);",
        "outline-color: color-mix(in oklab, var(--primary) 50%, transparent);",
    ] {
        assert!(css.contains(expected), "{expected} in {css}");
    }
    for gone in [
        "@import \"tailwindcss\"",
        "@theme",
        "@custom-variant",
        "@plugin",
        "@apply",
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
