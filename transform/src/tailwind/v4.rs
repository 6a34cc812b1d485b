//! Tailwind v4 sheets in v3 terms: the theme lives in the CSS (`@theme`,
//! `@custom-variant dark`) and `@import "tailwindcss"` asks for everything.

use super::TailwindConfig;

/// The `@import "tailwindcss" ...;` statement of a v4 sheet.
pub(super) fn v4_import(sheet: &str) -> Option<std::ops::Range<usize>> {
    ["@import \"tailwindcss\"", "@import 'tailwindcss'"]
        .iter()
        .find_map(|needle| {
            let start = sheet.find(needle)?;
            let end = sheet[start..]
                .find(';')
                .map_or(sheet.len(), |e| start + e + 1);
            Some(start..end)
        })
}

/// A v4 sheet in v3 terms: the tailwindcss import becomes `@tailwind` directives after
/// the sheet's other imports, `@theme` blocks become `:root` (their `--color-*` and
/// `--breakpoint-*` variables join the theme), `@custom-variant dark` sets the dark
/// selector, and statements only Tailwind's compiler reads are dropped.
pub(super) fn from_v4(sheet: &str, config: &mut TailwindConfig) -> String {
    let Some(import) = v4_import(sheet) else {
        return sheet.to_string();
    };
    config.v4 = true;
    // The installed defaults first; the sheet's `@theme` (read below) overrides them.
    let own = std::mem::take(&mut config.fonts);
    config.fonts = config.default_fonts.clone();
    for (name, family) in own {
        config.fonts.retain(|(n, _)| *n != name);
        config.fonts.push((name, family));
    }
    let after = sheet[import.end..]
        .strip_prefix('\n')
        .unwrap_or(&sheet[import.end..]);
    let mut text = format!("{}{after}", &sheet[..import.start]);
    // Other imports must stay ahead of any rule.
    let after_imports = text
        .rfind("@import")
        .and_then(|i| text[i..].find(';').map(|e| i + e + 1))
        .unwrap_or(0);
    text.insert_str(
        after_imports,
        "\n@tailwind preflight;\n@tailwind utilities;\n",
    );
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let word_end = tail[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(tail.len(), |e| e + 1);
        match &tail[1..word_end] {
            "theme" | "utility" if super::block(tail).is_none() => {
                // Not closed: left as written, for the CSS pass to report.
                out.push_str(tail);
                return out;
            }
            "theme" => {
                let block = super::block(tail).expect("checked above");
                read_theme_variables(block.body, config);
                // `@keyframes` may sit in `@theme`, but not in a style rule.
                let (variables, keyframes) = split_keyframes(block.body);
                out.push_str(&keyframes);
                out.push_str(":root {");
                out.push_str(&variables);
                out.push('}');
                rest = &tail[block.end..];
            }
            "utility" => {
                let block = super::block(tail).expect("checked above");
                let name = block.prelude[word_end..].trim();
                let body = block.body.trim();
                let functional = name.ends_with("-*");
                let plugin = super::utility::is_simple(body) && (functional || !is_builtin(name));
                if !name.is_empty() && plugin {
                    config.utilities.push((name.to_string(), body.to_string()));
                } else if !name.is_empty() && !functional {
                    // A plain rule in the utilities layer: `@apply` in it expands, nested
                    // rules nest, a built-in of the same name keeps its own rule (and
                    // this one adds to it), `@apply <name>` finds it. Not under variants.
                    let class = super::escape_class(name);
                    out.push_str(&format!("@layer utilities {{\n.{class} {{\n{body}\n}}\n}}"));
                }
                rest = &tail[block.end..];
            }
            // tw-animate-css (shadcn's v4 template) is the animate plugin in CSS.
            "import" if tail[..tail.find(';').unwrap_or(tail.len())].contains("tw-animate-css") => {
                config.animate_plugin = true;
                tw_animate_accordions(config);
                let end = tail.find(';').map_or(tail.len(), |e| e + 1);
                rest = &tail[end..];
            }
            "custom-variant" | "plugin" | "source" | "config" | "reference" => {
                let end = tail.find([';', '{']).unwrap_or(tail.len());
                let statement = &tail[..end];
                if statement.starts_with("@plugin") && statement.contains("tailwindcss-animate") {
                    config.animate_plugin = true;
                }
                if statement.starts_with("@custom-variant dark") && statement.contains(".dark") {
                    config.dark_selector = Some(".dark".into());
                }
                if tail[end..].starts_with('{') {
                    // A block form (`@custom-variant x { ... }`) is left to the browser.
                    out.push_str(statement);
                    rest = &tail[end..];
                } else {
                    rest = tail[end..].strip_prefix(';').unwrap_or(&tail[end..]);
                }
            }
            _ => {
                out.push('@');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether encre-css has a utility of this name (`container`).
fn is_builtin(name: &str) -> bool {
    let mut c = encre_css::Config::default();
    c.preflight = encre_css::Preflight::new_none();
    !encre_css::generate([name], &c).trim().is_empty()
}

/// `--color-primary: var(--primary);` and `--breakpoint-3xl: 1800px;` in a `@theme` body.
fn read_theme_variables(body: &str, config: &mut TailwindConfig) {
    for declaration in body.split([';', '{', '}']) {
        let Some((name, value)) = declaration.trim().split_once(':') else {
            continue;
        };
        let value = value.trim().to_string();
        if name.trim().starts_with("--") {
            config
                .theme_variables
                .push((name.trim().to_string(), value.clone()));
        }
        if let Some(color) = name.trim().strip_prefix("--color-") {
            config.colors.push((color.to_string(), value));
        } else if let Some(screen) = name.trim().strip_prefix("--breakpoint-") {
            config.screens.push((screen.to_string(), value));
        } else if let Some(font) = name.trim().strip_prefix("--font-") {
            config.fonts.retain(|(n, _)| n != font);
            config.fonts.push((font.to_string(), value));
        } else if let Some(radius) = name.trim().strip_prefix("--radius-") {
            config.radii.push((radius.to_string(), value));
        } else if let Some(animation) = name.trim().strip_prefix("--animate-") {
            config.animations.push((animation.to_string(), value));
        }
    }
}

/// A `@theme` body split into its declarations and its `@keyframes` blocks.
fn split_keyframes(body: &str) -> (String, String) {
    let (mut variables, mut keyframes) = (String::new(), String::new());
    let mut rest = body;
    while let Some(at) = rest.find("@keyframes") {
        let Some(block) = super::block(&rest[at..]) else {
            break;
        };
        variables.push_str(&rest[..at]);
        keyframes.push_str(&rest[at..at + block.end]);
        keyframes.push('\n');
        rest = &rest[at + block.end..];
    }
    variables.push_str(rest);
    (variables, keyframes)
}

/// tw-animate-css also animates Radix's accordion and collapsible (`animate-accordion-down`).
fn tw_animate_accordions(config: &mut TailwindConfig) {
    for (name, from, to) in [
        (
            "accordion-down",
            "0",
            "var(--radix-accordion-content-height, auto)",
        ),
        (
            "accordion-up",
            "var(--radix-accordion-content-height, auto)",
            "0",
        ),
        (
            "collapsible-down",
            "0",
            "var(--radix-collapsible-content-height, auto)",
        ),
        (
            "collapsible-up",
            "var(--radix-collapsible-content-height, auto)",
            "0",
        ),
    ] {
        if !config.animations.iter().any(|(n, _)| n == name) {
            config
                .animations
                .push((name.into(), format!("{name} 0.2s ease-out")));
            config.keyframes.push((
                name.into(),
                format!("  from {{\n    height: {from};\n  }}\n  to {{\n    height: {to};\n  }}\n"),
            ));
        }
    }
}

/// The font families of an installed Tailwind 4's `theme.css` (`--font-sans: ...;`).
pub fn read_tailwind_theme_fonts(theme_css: &str) -> Vec<(String, String)> {
    let mut config = TailwindConfig::default();
    read_theme_variables(theme_css, &mut config);
    config
        .fonts
        .into_iter()
        .filter(|(name, _)| !name.contains('-'))
        .map(|(name, value)| (name, value.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}
