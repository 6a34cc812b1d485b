//! Classes with quotes inside their brackets (`[&_svg:not([class*='size-'])]:size-4`,
//! `after:content-['*']`): encre-css's scanner ends a class at a quote, so they were not
//! generated. They are found here, handed to encre-css with the quotes swapped for
//! characters it keeps, and swapped back in its output.

/// Stand-ins for `'` and `"` that encre-css keeps in class names and values.
const SINGLE: char = '§';
const DOUBLE: char = '¶';

/// The quoted classes of `sources`, stand-ins in place, as one text for encre-css.
pub(super) fn stand_ins(sources: &[&str]) -> String {
    let mut out = String::new();
    for source in sources {
        let mut from = 0;
        while let Some(open) = source[from..].find('[').map(|i| i + from) {
            from = open + 1;
            let Some(close) = bracket_end(source, open) else {
                continue;
            };
            if !source[open..close].contains(['\'', '"']) {
                from = close;
                continue;
            }
            let ends =
                |c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"' | '{' | '}' | ',');
            let start = source[..open].rfind(ends).map_or(0, |i| i + 1);
            let end = source[close..]
                .find(ends)
                .map_or(source.len(), |i| i + close);
            out.push_str(&source[start..end].replace('\'', "§").replace('"', "¶"));
            out.push(' ');
            from = end;
        }
    }
    out
}

/// encre-css's output with the quotes back.
pub(super) fn restore(css: &str) -> String {
    if !css.contains([SINGLE, DOUBLE]) {
        return css.to_string();
    }
    css.replace("\\§", "\\'")
        .replace("\\¶", "\\\"")
        .replace(SINGLE, "'")
        .replace(DOUBLE, "\"")
}

/// The index after the `]` that closes the `[` at `open`, within one class (no spaces).
fn bracket_end(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i + 1);
                }
            }
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}
