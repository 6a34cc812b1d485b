//! The sheet's own classes, for an `@apply` of a class the sheet defines, as Tailwind 3
//! allows: `.btn { @apply px-4 py-2; }` then `.btn-primary { @apply btn bg-blue-500; }`.

use std::collections::HashMap;

/// Bodies of the sheet's rules whose selector is one plain class (`.btn`), by class name.
#[derive(Default)]
pub(super) struct OwnClasses<'s> {
    bodies: HashMap<&'s str, &'s str>,
}

impl<'s> OwnClasses<'s> {
    pub fn read(sheet: &'s str) -> Self {
        let mut bodies = HashMap::new();
        let mut boundary = 0;
        for (i, b) in sheet.bytes().enumerate() {
            match b {
                b'{' => {
                    let selector = sheet[boundary..i].trim();
                    if let Some(class) = selector.strip_prefix('.').filter(|c| is_plain_class(c))
                        && let Some(close) = super::closing(sheet, i)
                    {
                        // A later rule for the same class adds to it; the first is kept
                        // whole, which is what the common case (one rule) needs.
                        bodies.entry(class).or_insert(&sheet[i + 1..close]);
                    }
                    boundary = i + 1;
                }
                b'}' | b';' => boundary = i + 1,
                _ => {}
            }
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
    }
}
