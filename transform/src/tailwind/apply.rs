//! `@apply`: a list of classes as the declarations (and nested rules, for variants) of
//! the rule it stands in. Classes are Tailwind's (encre-css's, with our plugins), a v4
//! `@utility` of the sheet's, or one of the sheet's own classes (`.btn`), whose body is
//! expanded in turn: once per class, with cycles and runaway sizes stopped and reported.

use std::cell::RefCell;
use std::collections::HashMap;

use super::own::OwnClasses;
use super::{TailwindConfig, aliases, escape_class, values};
use crate::error::Diagnostic;

/// What one class's expansion may grow to: a chain of own classes applying each other
/// several times over grows exponentially.
const SIZE_LIMIT: usize = 1 << 20;

/// What `@apply` reads: the theme, encre-css's settings, the sheet's own classes.
pub(super) struct Applier<'a> {
    config: &'a TailwindConfig,
    plain: &'a encre_css::Config,
    full: &'a encre_css::Config,
    own: &'a OwnClasses<'a>,
    /// Own classes being expanded (a class met again here is a cycle), and expanded.
    expanding: RefCell<Vec<String>>,
    expanded: RefCell<HashMap<String, String>>,
    /// What went wrong, by the class it concerns, in the order met.
    problems: RefCell<Vec<(String, String)>>,
}

impl<'a> Applier<'a> {
    pub fn new(
        config: &'a TailwindConfig,
        plain: &'a encre_css::Config,
        full: &'a encre_css::Config,
        own: &'a OwnClasses<'a>,
    ) -> Self {
        Self {
            config,
            plain,
            full,
            own,
            expanding: Default::default(),
            expanded: Default::default(),
            problems: Default::default(),
        }
    }

    fn report(&self, class: &str, message: String) {
        let mut problems = self.problems.borrow_mut();
        if !problems.iter().any(|(c, _)| c == class) {
            problems.push((class.to_string(), message));
        }
    }

    /// `@apply a b hover:c` as declarations (`a`, `b`) and nested rules (`&:hover {...}`).
    pub fn apply(&self, list: &str) -> String {
        let mut out = String::new();
        for class in list.split_whitespace().filter(|c| *c != "!important") {
            if out.len() > SIZE_LIMIT {
                self.report(
                    class,
                    format!(
                        "@apply grows past {} KiB here; the rest is left out",
                        SIZE_LIMIT / 1024
                    ),
                );
                break;
            }
            // The theme's font families, which encre-css does not know.
            let font = class
                .strip_prefix("font-")
                .and_then(|name| self.config.fonts.iter().rev().find(|(n, _)| n == name));
            if let Some((_, family)) = font {
                out.push_str(&format!("font-family: {family};\n"));
                continue;
            }
            // A custom utility (v4 `@utility`) goes by the name its plugin reads.
            let custom = aliases::custom_utility(class, self.config);
            let generated = custom.as_deref().unwrap_or(class);
            let mut css = encre_css::generate([generated], self.plain);
            if css.trim().is_empty() {
                css = encre_css::generate([generated], self.full);
            }
            if css.trim().is_empty() {
                out.push_str(&self.own_class(class));
                continue;
            }
            // Mended while the rule still names its class (the theme's radii go by it).
            let css = values::mend(&css, self.config, false);
            let own = format!(".{}", escape_class(generated));
            let nested = css.replace(&own, "&");
            let trimmed = nested.trim();
            match trimmed
                .strip_prefix("& {")
                .and_then(|r| r.strip_suffix('}'))
                .filter(|body| !body.contains('{'))
            {
                Some(body) => out.push_str(body.trim()),
                None => out.push_str(trimmed),
            }
            out.push('\n');
        }
        out
    }

    /// The body of one of the sheet's own classes, its `@apply`s expanded (once).
    fn own_class(&self, class: &str) -> String {
        let Some(body) = self.own.body(class) else {
            self.report(
                class,
                format!("`{class}` in @apply is neither a Tailwind class nor a class this sheet defines (left out)"),
            );
            return String::new();
        };
        if let Some(done) = self.expanded.borrow().get(class) {
            return done.clone();
        }
        if self.expanding.borrow().iter().any(|c| c == class) {
            self.report(
                class,
                format!("`{class}` applies itself (through @apply); the cycle is left out"),
            );
            return String::new();
        }
        self.expanding.borrow_mut().push(class.to_string());
        let mut done = self.expand(body).trim().to_string();
        done.push('\n');
        self.expanding.borrow_mut().pop();
        self.expanded
            .borrow_mut()
            .insert(class.to_string(), done.clone());
        done
    }

    /// An own class's body with its `@apply`s expanded.
    fn expand(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len());
        let mut rest = body;
        while let Some(at) = rest.find("@apply") {
            out.push_str(&rest[..at]);
            let tail = &rest[at + "@apply".len()..];
            let end = tail.find([';', '}']).unwrap_or(tail.len());
            out.push_str(&self.apply(&tail[..end]));
            rest = tail[end..].strip_prefix(';').unwrap_or(&tail[end..]);
        }
        out.push_str(rest);
        out
    }

    /// The problems met, each at the first `@apply` in `sheet` (named `file`) that names
    /// its class.
    pub fn warnings(&self, file: &str, sheet: &str) -> Vec<Diagnostic> {
        self.problems
            .take()
            .into_iter()
            .map(|(class, message)| {
                let at = apply_position(sheet, &class).unwrap_or(0);
                Diagnostic::at(file, sheet, at, message)
            })
            .collect()
    }
}

/// Where `class` stands in the first `@apply` of `sheet` that names it.
fn apply_position(sheet: &str, class: &str) -> Option<usize> {
    sheet.match_indices("@apply").find_map(|(at, _)| {
        let list_start = at + "@apply".len();
        let list_end = sheet[list_start..]
            .find([';', '}'])
            .map_or(sheet.len(), |e| list_start + e);
        let list = &sheet[list_start..list_end];
        list.split_whitespace()
            .find(|c| *c == class)
            .map(|c| c.as_ptr() as usize - sheet.as_ptr() as usize)
    })
}
