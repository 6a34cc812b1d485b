//! The sheet's own classes, for an `@apply` of a class the sheet defines, as Tailwind 3
//! allows: `.btn { @apply px-4 py-2; }` then `.btn-primary { @apply btn bg-blue-500; }`.

use std::collections::HashMap;

/// Bodies of the sheet's rules whose selector is one plain class (`.btn`), by class name.
#[derive(Default)]
pub(super) struct OwnClasses<'s> {
    bodies: HashMap<&'s str, &'s str>,
}

impl<'s> OwnClasses<'s> {
    /// One pass: each `{` opens a block that a `}` closes; a comment before a selector is
    /// no part of it.
    pub fn read(sheet: &'s str) -> Self {
        let bytes = sheet.as_bytes();
        let mut bodies = HashMap::new();
        // For each open block: the class its selector names, and where its body starts.
        let mut open: Vec<Option<(&'s str, usize)>> = Vec::new();
        let mut boundary = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = sheet[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |e| i + 2 + e + 2);
                    boundary = i;
                    continue;
                }
                b'{' => {
                    let selector = sheet[boundary..i].trim();
                    let class = selector.strip_prefix('.').filter(|c| is_plain_class(c));
                    open.push(class.map(|c| (c, i + 1)));
                    boundary = i + 1;
                }
                b'}' => {
                    // A later rule for the same class adds to it; the first is kept
                    // whole, which is what the common case (one rule) needs.
                    if let Some(Some((class, start))) = open.pop() {
                        bodies.entry(class).or_insert(&sheet[start..i]);
                    }
                    boundary = i + 1;
                }
                b';' => boundary = i + 1,
                _ => {}
            }
            i += 1;
        }
        Self { bodies }
    }

    pub fn body(&self, class: &str) -> Option<&'s str> {
        self.bodies.get(class).copied()
    }
}

fn is_plain_class(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_single_class_rules_inside_layers() {
        let sheet = "@layer components {\n  .btn { @apply px-4; color: red; }\n  .a .b { x: y; }\n}\n\
                     .card:hover { x: y; }\n.pill{border:0}";
        let own = OwnClasses::read(sheet);
        assert_eq!(own.body("btn"), Some(" @apply px-4; color: red; "));
        assert_eq!(own.body("pill"), Some("border:0"));
        assert_eq!(own.body("b"), None);
        assert_eq!(own.body("card"), None);
        // After a comment, even one holding `;` or `}`.
        let own = OwnClasses::read("@layer components {\n  /* Buttons; } */ .btn { a: b; }\n}");
        assert_eq!(own.body("btn"), Some(" a: b; "));
        // Deep nesting is read in one pass.
        let deep = ".a{".repeat(20_000) + &"}".repeat(20_000);
        assert!(OwnClasses::read(&deep).body("a").is_some());
    }
}
