//! `tailwind.config.*` read without running it: the literal parts of its theme.

use oxc::allocator::Allocator;
use oxc::ast::ast::{Expression, ObjectExpression, ObjectPropertyKind};
use oxc::parser::Parser;
use oxc::span::SourceType;

use super::TailwindConfig;
use crate::config::{config_object, key_name, string};

/// Reads a Tailwind config's text; what is not literal is left at its default.
pub fn read_tailwind_config(filename: &str, source: &str) -> TailwindConfig {
    let allocator = Allocator::default();
    let st = SourceType::from_path(filename).unwrap_or_else(|_| SourceType::mjs());
    let parsed = Parser::new(&allocator, source, st).parse();
    let mut out = TailwindConfig {
        animate_plugin: source.contains("tailwindcss-animate"),
        ..TailwindConfig::default()
    };
    let Some(config) = config_object(&parsed.program) else {
        return out;
    };
    if let Some(dark) = property(config, "darkMode") {
        out.dark_selector = dark_selector(dark);
    }
    if let Some(Expression::ObjectExpression(theme)) = property(config, "theme") {
        let mut read = |theme: &ObjectExpression<'_>| {
            if let Some(Expression::ObjectExpression(c)) = property(theme, "colors") {
                flatten(c, "", &mut out.colors);
            }
            if let Some(Expression::ObjectExpression(s)) = property(theme, "screens") {
                flatten(s, "", &mut out.screens);
            }
            if let Some(Expression::ObjectExpression(f)) = property(theme, "fontFamily") {
                read_fonts(f, &mut out.fonts);
            }
            if let Some(Expression::ObjectExpression(r)) = property(theme, "borderRadius") {
                flatten(r, "", &mut out.radii);
            }
            if let Some(Expression::ObjectExpression(c)) = property(theme, "container") {
                out.container = Some(container(c));
            }
            if let Some(Expression::ObjectExpression(a)) = property(theme, "animation") {
                flatten(a, "", &mut out.animations);
            }
            if let Some(Expression::ObjectExpression(k)) = property(theme, "keyframes") {
                read_keyframes(k, &mut out.keyframes);
            }
            for key in super::theme::keys() {
                if let Some(Expression::ObjectExpression(o)) = property(theme, key) {
                    read_theme_values(key, o, &mut out.theme_values);
                }
            }
        };
        read(theme);
        if let Some(Expression::ObjectExpression(extend)) = property(theme, "extend") {
            read(extend);
        }
    }
    out
}

/// The default palette of an installed Tailwind 3 (`tailwindcss/lib/public/colors.js`):
/// `red-500` → `#ef4444`. encre-css's own palette is Tailwind 4's (oklch, more saturated).
pub fn read_tailwind_palette(source: &str) -> Vec<(String, String)> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::cjs()).parse();
    let mut out = Vec::new();
    for statement in &parsed.program.body {
        let oxc::ast::ast::Statement::VariableDeclaration(d) = statement else {
            continue;
        };
        for declarator in &d.declarations {
            if let Some(Expression::ObjectExpression(o)) = &declarator.init
                && property(o, "red").is_some()
            {
                flatten(o, "", &mut out);
            }
        }
    }
    out
}

fn property<'b, 'a>(object: &'b ObjectExpression<'a>, name: &str) -> Option<&'b Expression<'a>> {
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if key_name(&p.key).as_deref() == Some(name) => {
            Some(p.value.get_inner_expression())
        }
        _ => None,
    })
}

/// `{ primary: { DEFAULT: 'a', foreground: 'b' } }` → `primary: a`, `primary-foreground: b`.
fn flatten(object: &ObjectExpression<'_>, prefix: &str, out: &mut Vec<(String, String)>) {
    for p in &object.properties {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            continue;
        };
        let Some(key) = key_name(&p.key) else {
            continue;
        };
        let name = match (prefix, key.as_str()) {
            (prefix, "DEFAULT") => prefix.to_string(),
            ("", key) => key.to_string(),
            (prefix, key) => format!("{prefix}-{key}"),
        };
        match p.value.get_inner_expression() {
            Expression::ObjectExpression(o) => flatten(o, &name, out),
            e => {
                if let Some(v) = string(e) {
                    out.push((name, v));
                }
            }
        }
    }
}

/// `'class'`, `['class']`, `['class', '.night']`, `'selector'`, `['variant', ...]`.
fn dark_selector(e: &Expression<'_>) -> Option<String> {
    let (mode, selector) = match e {
        Expression::ArrayExpression(a) => {
            let mut items = a
                .elements
                .iter()
                .filter_map(|e| e.as_expression().and_then(string));
            (items.next()?, items.next())
        }
        e => (string(e)?, None),
    };
    match mode.as_str() {
        "class" | "selector" => Some(selector.unwrap_or_else(|| ".dark".into())),
        _ => None,
    }
}

/// `{ sans: ['Inter', 'sans-serif'] }` → `sans: Inter, sans-serif`.
fn read_fonts(object: &ObjectExpression<'_>, out: &mut Vec<(String, String)>) {
    for p in &object.properties {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            continue;
        };
        let Some(name) = key_name(&p.key) else {
            continue;
        };
        let family = match p.value.get_inner_expression() {
            Expression::ArrayExpression(a) => a
                .elements
                .iter()
                .filter_map(|e| e.as_expression().and_then(string))
                .map(|f| font_name(&f))
                .collect::<Vec<_>>()
                .join(", "),
            e => match string(e) {
                Some(f) => f,
                None => continue,
            },
        };
        if !family.is_empty() {
            out.push((name, family));
        }
    }
}

/// A family name with a space is quoted, as CSS needs it.
fn font_name(name: &str) -> String {
    let quoted = name.starts_with(['"', '\'']);
    if name.contains(' ') && !quoted {
        format!("\"{name}\"")
    } else {
        name.to_string()
    }
}

fn container(object: &ObjectExpression<'_>) -> super::Container {
    let mut c = super::Container::default();
    if let Some(Expression::BooleanLiteral(b)) = property(object, "center") {
        c.center = b.value;
    }
    c.padding = match property(object, "padding") {
        Some(Expression::ObjectExpression(o)) => property(o, "DEFAULT").and_then(string),
        Some(e) => string(e),
        None => None,
    };
    if let Some(Expression::ObjectExpression(s)) = property(object, "screens") {
        flatten(s, "", &mut c.screens);
    }
    c
}

/// `{ 'accordion-down': { from: { height: '0' }, to: { height: 'var(--h)' } } }` →
/// `accordion-down` with the body `  from {\n    height: 0;\n  }\n  to {...}\n`.
fn read_keyframes(object: &ObjectExpression<'_>, out: &mut Vec<(String, String)>) {
    for p in &object.properties {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            continue;
        };
        let (Some(name), Expression::ObjectExpression(steps)) =
            (key_name(&p.key), p.value.get_inner_expression())
        else {
            continue;
        };
        let mut body = String::new();
        for step in &steps.properties {
            let ObjectPropertyKind::ObjectProperty(step) = step else {
                continue;
            };
            let (Some(at), Expression::ObjectExpression(declarations)) =
                (key_name(&step.key), step.value.get_inner_expression())
            else {
                continue;
            };
            body.push_str(&format!("  {at} {{\n"));
            for d in &declarations.properties {
                let ObjectPropertyKind::ObjectProperty(d) = d else {
                    continue;
                };
                let value = match d.value.get_inner_expression() {
                    Expression::NumericLiteral(n) => Some(n.value.to_string()),
                    e => string(e),
                };
                if let (Some(property), Some(value)) = (key_name(&d.key), value) {
                    body.push_str(&format!("    {}: {value};\n", kebab(&property)));
                }
            }
            body.push_str("  }\n");
        }
        out.push((name, body));
    }
}

/// `backgroundColor` → `background-color` (custom properties stay as written).
fn kebab(name: &str) -> String {
    if name.starts_with("--") {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `{ glow: '0 0 20px red', '2xs': ['0.625rem', { lineHeight: '0.75rem' }] }` as
/// (key, name, value); a font size's line height follows a tab.
fn read_theme_values(
    key: &str,
    object: &ObjectExpression<'_>,
    out: &mut Vec<(String, String, String)>,
) {
    for p in &object.properties {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            continue;
        };
        let Some(name) = key_name(&p.key) else {
            continue;
        };
        let value = match p.value.get_inner_expression() {
            Expression::NumericLiteral(n) => Some(n.value.to_string()),
            Expression::ArrayExpression(a) => {
                let mut items = a.elements.iter().filter_map(|e| e.as_expression());
                let first = items.next().and_then(string);
                let line = items.next().and_then(|e| match e.get_inner_expression() {
                    Expression::ObjectExpression(o) => property(o, "lineHeight").and_then(string),
                    e => string(e),
                });
                match (first, line) {
                    (Some(size), Some(line)) if key == "fontSize" => {
                        Some(format!("{size}\t{line}"))
                    }
                    (first, _) => first,
                }
            }
            e => string(e),
        };
        if let Some(value) = value {
            out.push((key.to_string(), name, value));
        }
    }
}
