//! JSX to React's automatic development runtime, written in place:
//! `<div a="x">{y}</div>` becomes
//! `_jsxDEV("div", {a: "x", children: y}, void 0, false, {fileName, lineNumber, columnNumber}, this)`.
//! Attribute and child expressions are copied through (and walked for their own edits).

use std::borrow::Cow;

use oxc::ast::ast::*;
use oxc::ast_visit::Visit;
use oxc::span::GetSpan;
use oxc::syntax::identifier::is_white_space_single_line;
use oxc::syntax::xml_entities::XML_ENTITIES;

use super::walk::{Writer, quote};
use crate::maps::LineCol;

impl<'a, 's> Writer<'a, 's> {
    pub(super) fn emit_element(&mut self, el: &JSXElement<'a>) {
        let open = &el.opening_element;
        self.e.copy_to(el.span.start as usize);
        let at = self.e.source_position();
        // JSX names hold no quotes or backslashes: they go between quotes as they are.
        self.e.write("_jsxDEV(");
        match &open.name {
            JSXElementName::Identifier(id) => self.append_quoted(&[id.name.as_str()]),
            JSXElementName::IdentifierReference(id) => self.e.append(id.name.as_str()),
            JSXElementName::NamespacedName(n) => {
                self.append_quoted(&[n.namespace.name.as_str(), ":", n.name.name.as_str()])
            }
            JSXElementName::MemberExpression(m) => {
                for part in self.src[m.span.start as usize..m.span.end as usize].split_whitespace()
                {
                    self.e.append(part);
                }
            }
            JSXElementName::ThisExpression(_) => self.e.append_ascii("this"),
        }
        self.e.append_ascii(", {");
        let mut key = None;
        let mut first = true;
        for attr in &open.attributes {
            match attr {
                JSXAttributeItem::Attribute(a) if a.is_key() => key = a.value.as_ref(),
                JSXAttributeItem::Attribute(a) => {
                    self.separator(&mut first);
                    // The name's token then points at the attribute itself.
                    self.e.skip_to(a.span.start as usize);
                    self.e.mark();
                    match &a.name {
                        JSXAttributeName::Identifier(id) if id.name.contains('-') => {
                            self.append_quoted(&[id.name.as_str()]);
                        }
                        JSXAttributeName::Identifier(id) => self.e.append(id.name.as_str()),
                        JSXAttributeName::NamespacedName(n) => self.append_quoted(&[
                            n.namespace.name.as_str(),
                            ":",
                            n.name.name.as_str(),
                        ]),
                    }
                    self.e.append_ascii(": ");
                    self.emit_attribute_value(a.value.as_ref());
                }
                JSXAttributeItem::SpreadAttribute(s) => {
                    self.separator(&mut first);
                    self.e.append_ascii("...");
                    self.copy_expression(&s.argument);
                }
            }
        }
        let count = self.emit_children(&el.children, &mut first);
        let key: Cow<str> = match key {
            None => Cow::Borrowed("void 0"),
            Some(JSXAttributeValue::StringLiteral(s)) => self.jsx_string(s),
            Some(JSXAttributeValue::ExpressionContainer(c)) => match c.expression.as_expression() {
                Some(e) => self.plain_expression(e),
                None => Cow::Borrowed("true"),
            },
            Some(_) => {
                self.e.broken = true;
                Cow::Borrowed("")
            }
        };
        self.close(&key, count, at);
        self.e.skip_to(el.span.end as usize);
    }

    pub(super) fn emit_fragment(&mut self, f: &JSXFragment<'a>) {
        self.e.copy_to(f.span.start as usize);
        let at = self.e.source_position();
        self.e.write("_jsxDEV(_Fragment, {");
        let mut first = true;
        let count = self.emit_children(&f.children, &mut first);
        self.close("void 0", count, at);
        self.e.skip_to(f.span.end as usize);
    }

    /// Appends `"` + the parts + `"`; the parts need no escaping.
    fn append_quoted(&mut self, parts: &[&str]) {
        self.e.append_ascii("\"");
        for p in parts {
            self.e.append(p);
        }
        self.e.append_ascii("\"");
    }

    fn close(&mut self, key: &str, count: usize, at: LineCol) {
        let this = self.self_allowed.last().copied().unwrap_or(true);
        self.e.write(key);
        self.e.append(if count > 1 {
            ", true, {fileName: _jsxFileName, lineNumber: "
        } else {
            ", false, {fileName: _jsxFileName, lineNumber: "
        });
        self.e.append_u32(at.line + 1);
        self.e.append_ascii(", columnNumber: ");
        self.e.append_u32(at.col + 1);
        self.e.append_ascii(if this { "}, this)" } else { "})" });
    }

    fn separator(&mut self, first: &mut bool) {
        if !*first {
            self.e.append_ascii(", ");
        }
        *first = false;
    }

    /// Copies an expression from the source, with its own edits.
    fn copy_expression(&mut self, e: &Expression<'a>) {
        let span = e.span();
        self.e.skip_to(span.start as usize);
        self.visit_expression(e);
        self.e.copy_to(span.end as usize);
    }

    fn emit_attribute_value(&mut self, value: Option<&JSXAttributeValue<'a>>) {
        match value {
            None => self.e.append_ascii("true"),
            Some(JSXAttributeValue::StringLiteral(s)) => {
                let s = self.jsx_string(s);
                self.e.write(&s);
            }
            Some(JSXAttributeValue::ExpressionContainer(c)) => match c.expression.as_expression() {
                Some(e) => self.copy_expression(e),
                None => self.e.append_ascii("true"),
            },
            Some(JSXAttributeValue::Element(el)) => {
                self.e.skip_to(el.span.start as usize);
                self.emit_element(el);
            }
            Some(JSXAttributeValue::Fragment(f)) => {
                self.e.skip_to(f.span.start as usize);
                self.emit_fragment(f);
            }
        }
    }

    /// Writes `children: ...` if there are any; returns how many.
    fn emit_children(&mut self, children: &[JSXChild<'a>], first: &mut bool) -> usize {
        let count = children.iter().filter(|c| self.is_kept(c)).count();
        if count == 0 {
            self.e.append_ascii("}, ");
            return 0;
        }
        self.separator(first);
        let many = count > 1;
        self.e
            .append_ascii(if many { "children: [" } else { "children: " });
        let mut written = 0;
        for child in children {
            if !self.is_kept(child) {
                continue;
            }
            if written > 0 {
                self.e.append_ascii(", ");
            }
            written += 1;
            match child {
                JSXChild::Text(t) => {
                    // From where the text starts, so the string maps to it.
                    let raw = t.value.as_str();
                    let lead = raw.len() - raw.trim_start().len();
                    self.e.skip_to(t.span.start as usize + lead);
                    match jsx_text(t.value.as_str()) {
                        Some(s) if !s.contains(['"', '\\']) && !s.contains(char::is_control) => {
                            self.e.write("\"");
                            self.e.append(&s);
                            self.e.append("\"");
                        }
                        Some(s) => self.e.write(&quote(&s)),
                        None => {}
                    }
                }
                JSXChild::ExpressionContainer(c) => {
                    if let Some(e) = c.expression.as_expression() {
                        self.copy_expression(e);
                    }
                }
                JSXChild::Element(el) => {
                    self.e.skip_to(el.span.start as usize);
                    self.emit_element(el);
                }
                JSXChild::Fragment(f) => {
                    self.e.skip_to(f.span.start as usize);
                    self.emit_fragment(f);
                }
                JSXChild::Spread(_) => self.e.broken = true,
            }
        }
        self.e.append_ascii(if many { "]}, " } else { "}, " });
        count
    }

    /// Whether a child becomes an argument: not blank text, not an empty `{}`.
    fn is_kept(&self, child: &JSXChild<'a>) -> bool {
        match child {
            JSXChild::Text(t) => text_is_kept(t.value.as_str()),
            JSXChild::ExpressionContainer(c) => c.expression.as_expression().is_some(),
            _ => true,
        }
    }

    /// A JSX attribute string as a JavaScript string: the source text when it means the
    /// same in both languages, otherwise decoded and re-quoted.
    fn jsx_string(&self, s: &StringLiteral<'a>) -> Cow<'s, str> {
        let raw = s.value.as_str();
        if raw
            .bytes()
            .any(|b| matches!(b, b'&' | b'\\' | b'\n' | b'\r'))
        {
            Cow::Owned(quote(&decode_entities(raw)))
        } else {
            Cow::Borrowed(&self.src[s.span.start as usize..s.span.end as usize])
        }
    }

    /// The source text of a `key` expression, which is written after the children (out of
    /// source order), so it must need no edits of its own.
    fn plain_expression(&mut self, e: &Expression<'a>) -> Cow<'s, str> {
        let text = &self.src[e.span().start as usize..e.span().end as usize];
        let needs_edits = [
            "<",
            "!",
            "=>",
            "function",
            " as ",
            "satisfies",
            "import.meta",
        ]
        .iter()
        .any(|n| text.contains(n))
            || (self.defines.is_some() && text.contains("process.env"));
        if needs_edits {
            self.e.broken = true;
        }
        Cow::Borrowed(text)
    }
}

const BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// Whether [`jsx_text`] keeps anything of this text.
fn text_is_kept(raw: &str) -> bool {
    if !raw.contains(BREAKS) {
        return !raw.is_empty();
    }
    raw.chars()
        .any(|c| !is_white_space_single_line(c) && !BREAKS.contains(&c))
}

/// JSX text as React sees it: lines trimmed, blank lines dropped, the rest joined by a
/// space, entities decoded. `None` when nothing is left.
fn jsx_text(raw: &str) -> Option<Cow<'_, str>> {
    if !raw.contains(BREAKS) {
        return match (raw.is_empty(), raw.contains('&')) {
            (true, _) => None,
            (false, false) => Some(Cow::Borrowed(raw)),
            (false, true) => Some(Cow::Owned(decode_entities(raw))),
        };
    }
    let last = raw.matches(BREAKS).count();
    let mut out: Option<String> = None;
    for (i, line) in raw.split(BREAKS).enumerate() {
        let mut l = line;
        if i > 0 {
            l = l.trim_start_matches(is_white_space_single_line);
        }
        if i < last {
            l = l.trim_end_matches(is_white_space_single_line);
        }
        if l.is_empty() {
            continue;
        }
        match &mut out {
            Some(s) => {
                s.push(' ');
                s.push_str(&decode_entities(l));
            }
            None => out = Some(decode_entities(l)),
        }
    }
    out.map(Cow::Owned)
}

/// `&amp;`, `&#123;`, `&#x7B;` to their characters; anything else stays as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest[1..].find(';').filter(|&j| j <= 10).and_then(|j| {
            let name = &rest[1..1 + j];
            let c = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                XML_ENTITIES.get(name).copied()
            };
            c.map(|c| (c, j + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_like_react_expects() {
        assert_eq!(
            jsx_text("\n  hi &nbsp; there\n  ").as_deref(),
            Some("hi \u{a0} there")
        );
        assert_eq!(jsx_text("  ").as_deref(), Some("  "));
        assert_eq!(jsx_text("\n   \n  ").as_deref(), None);
        assert_eq!(jsx_text("a\n  b  \n c").as_deref(), Some("a b c"));
        assert_eq!(decode_entities("&lt;&#65;&#x42;&bogus;&"), "<AB&bogus;&");
    }
}
