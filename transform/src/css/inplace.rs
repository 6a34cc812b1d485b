//! CSS in place: the stylesheet is copied as written, with `@import` rules taken out,
//! each `url()` left as a slot for the server's URL and, in a CSS module, class and id
//! names made local. That is all the dev path asks of lightningcss when it neither lowers
//! nor minifies, at a fraction of the cost. Whatever this pass does not model (escapes,
//! `:global`, `composes`, animation and grid names, unknown at-rules, anything malformed)
//! sends the sheet to lightningcss, which also reports the errors.

use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

use crate::maps::LineCol;

use super::tokens::{Kind, Token, tokenize};
use super::{CssDependency, CssOutput};

#[cfg(test)]
mod tests;

/// Nesting deeper than this goes to lightningcss (and never overflows our stack).
const MAX_DEPTH: usize = 64;

/// Properties whose values hold names a CSS module makes local (lightningcss's
/// `animation`, `grid`, `custom_idents` and `container` options) or that compose classes.
const MODULE_NAMED_PROPERTIES: &[&str] = &[
    "animation",
    "grid",
    "list-style",
    "view-transition",
    "container",
    "composes",
];

/// The stylesheet in place, or `None` when lightningcss must handle it.
pub(super) fn transform(
    filename: &str,
    source: &str,
    module: bool,
    source_map: bool,
) -> Option<CssOutput> {
    let tokens = tokenize(source).ok()?;
    let mut pass = Pass {
        src: source,
        tokens,
        i: 0,
        hash: module.then(|| module_hash(filename)),
        edits: Vec::new(),
        dependencies: Vec::new(),
        exports: BTreeMap::new(),
        rules_seen: false,
        unclosed: 0,
    };
    pass.rules(Ctx::Top, 0)?;
    let Pass {
        mut edits,
        dependencies,
        exports,
        unclosed,
        ..
    } = pass;
    if unclosed > 0 {
        edits.push(Edit {
            range: source.len()..source.len(),
            text: format!("\n{}\n", "}".repeat(unclosed)).into(),
            slot: None,
        });
    }
    let (code, slots, tokens) = emit(source, &edits, source_map);
    Some(CssOutput {
        warnings: Vec::new(),
        code,
        slots,
        map: tokens.map(|t| crate::maps::single_source(filename, source, t)),
        dependencies,
        exports: module.then(|| {
            exports
                .into_iter()
                .map(|(k, v)| (k, v.to_string()))
                .collect()
        }),
    })
}

/// lightningcss's `[hash]` of a CSS module: the low 32 bits of std's `DefaultHasher` over
/// the file name, little-endian, in base 64 over its own alphabet. Names must match its
/// output exactly, so a sheet keeps its class names whichever pass serves it.
fn module_hash(filename: &str) -> String {
    use std::hash::{Hash, Hasher};
    const ALPHABET: &[u8; 64] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890_-";
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    filename.hash(&mut hasher);
    let bytes = (hasher.finish() as u32).to_le_bytes();
    let mut out = String::with_capacity(6);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 6 {
            bits -= 6;
            out.push(ALPHABET[((acc >> bits) & 63) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (6 - bits)) & 63) as usize] as char);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// The stylesheet itself.
    Top,
    /// A conditional group rule's body (`@media` at the top).
    Rules,
    /// A style rule's body: declarations and nested rules.
    Block,
    /// Declarations only (`@font-face`, a keyframe).
    Decls,
    /// `@keyframes`: keyframe selectors.
    Keyframes,
}

/// A replacement of source text; `slot` marks where in `text` a dependency's URL goes.
struct Edit {
    range: Range<usize>,
    /// Shared: a class name is written once per use.
    text: Rc<str>,
    slot: Option<(usize, usize)>,
}

struct Pass<'s> {
    src: &'s str,
    tokens: Vec<Token>,
    i: usize,
    /// A CSS module's hash (`None`: not a module).
    hash: Option<String>,
    edits: Vec<Edit>,
    dependencies: Vec<CssDependency>,
    exports: BTreeMap<String, Rc<str>>,
    /// A rule other than `@charset`/`@layer`/`@import` came: an `@import` now is invalid.
    rules_seen: bool,
    /// Blocks the end of the sheet closed.
    unclosed: usize,
}

impl<'s> Pass<'s> {
    fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn text(&self, i: usize) -> &'s str {
        self.tokens[i].text(self.src)
    }

    fn skip_trivia(&mut self) {
        while self.tokens.get(self.i).is_some_and(Token::is_trivia) {
            self.i += 1;
        }
    }

    /// The next token at or after `i` that is not whitespace or a comment.
    fn solid(&self, mut i: usize) -> usize {
        while self.tokens.get(i).is_some_and(Token::is_trivia) {
            i += 1;
        }
        i
    }

    fn rules(&mut self, ctx: Ctx, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        loop {
            self.skip_trivia();
            let Some(kind) = self.kind(self.i) else {
                // The end of the sheet closes every open block (as in browsers); the
                // output closes them itself, since other sheets may be appended to it.
                if ctx != Ctx::Top {
                    self.unclosed += 1;
                }
                return Some(());
            };
            match kind {
                Kind::CloseCurly if ctx == Ctx::Top => return None,
                Kind::CloseCurly => {
                    self.i += 1;
                    return Some(());
                }
                Kind::Semicolon if matches!(ctx, Ctx::Block | Ctx::Decls) => self.i += 1,
                Kind::AtKeyword => self.at_rule(ctx, depth)?,
                _ if ctx == Ctx::Decls => self.declaration()?,
                _ => {
                    let end = self.prelude_end()?;
                    match ctx {
                        // In a style rule's body, what ends at `{` is a nested rule.
                        Ctx::Block if self.kind(end) != Some(Kind::OpenCurly) => {
                            self.declaration()?
                        }
                        Ctx::Block if self.reads_as_declaration() => return None,
                        _ => self.style_rule(end, depth, ctx == Ctx::Keyframes)?,
                    }
                }
            }
        }
    }

    /// Index of the `{`, `;` or `}` that ends what starts at `self.i` (or the end), with
    /// brackets balanced on the way.
    fn prelude_end(&self) -> Option<usize> {
        let mut open = 0usize;
        for (k, t) in self.tokens.iter().enumerate().skip(self.i) {
            match t.kind {
                Kind::OpenParen | Kind::Function | Kind::OpenSquare => open += 1,
                Kind::CloseParen | Kind::CloseSquare => open = open.checked_sub(1)?,
                Kind::OpenCurly | Kind::Semicolon | Kind::CloseCurly if open == 0 => {
                    return Some(k);
                }
                Kind::OpenCurly | Kind::Semicolon | Kind::CloseCurly => return None,
                _ => {}
            }
        }
        (open == 0).then_some(self.tokens.len())
    }

    /// A nested rule that starts `a:hover {` reads as a declaration first in some
    /// parsers: lightningcss decides those.
    fn reads_as_declaration(&self) -> bool {
        let first = self.solid(self.i);
        self.kind(first) == Some(Kind::Ident)
            && self.kind(self.solid(first + 1)) == Some(Kind::Colon)
    }

    /// A style rule (or keyframe) whose prelude ends at token `end`.
    fn style_rule(&mut self, end: usize, depth: usize, keyframe: bool) -> Option<()> {
        if self.kind(end) != Some(Kind::OpenCurly) || self.solid(self.i) == end {
            return None;
        }
        self.rules_seen = true;
        if keyframe {
            let ok = (self.i..end).all(|k| {
                matches!(
                    self.tokens[k].kind,
                    Kind::Ident | Kind::Number | Kind::Comma | Kind::Whitespace | Kind::Comment
                )
            });
            if !ok {
                return None;
            }
        } else {
            self.selector(self.i, end)?;
        }
        self.i = end + 1;
        self.rules(if keyframe { Ctx::Decls } else { Ctx::Block }, depth + 1)
    }

    /// Checks a selector list's tokens (anything odd goes to lightningcss, which says what
    /// is wrong) and makes a module's classes and ids local.
    fn selector(&mut self, start: usize, end: usize) -> Option<()> {
        let mut k = start;
        let mut parens = 0usize;
        while k < end {
            match self.tokens[k].kind {
                Kind::Delim(b'.') => {
                    if self.kind(k + 1) != Some(Kind::Ident) || k + 1 >= end {
                        return None;
                    }
                    self.local(k + 1, 0);
                    k += 1;
                }
                Kind::Hash { id: true } => self.local(k, 1),
                Kind::Colon => {
                    let mut n = k + 1;
                    if self.kind(n) == Some(Kind::Colon) {
                        n += 1;
                    }
                    if n >= end || !matches!(self.kind(n), Some(Kind::Ident | Kind::Function)) {
                        return None;
                    }
                    let name = self.text(n).trim_end_matches('(');
                    if self.hash.is_some()
                        && (name.eq_ignore_ascii_case("global")
                            || name.eq_ignore_ascii_case("local"))
                    {
                        return None;
                    }
                    if self.kind(n) == Some(Kind::Function) {
                        parens += 1;
                    }
                    k = n;
                }
                Kind::OpenSquare => {
                    let close = (k..end).find(|&j| self.tokens[j].kind == Kind::CloseSquare)?;
                    let ok = (k + 1..close).all(|j| {
                        matches!(
                            self.tokens[j].kind,
                            Kind::Ident
                                | Kind::String
                                | Kind::Whitespace
                                | Kind::Delim(b'=' | b'~' | b'|' | b'^' | b'$' | b'*')
                        )
                    });
                    if !ok {
                        return None;
                    }
                    k = close;
                }
                Kind::CloseParen if parens > 0 => parens -= 1,
                Kind::Number | Kind::String | Kind::Delim(b'-') if parens > 0 => {}
                Kind::Ident
                | Kind::Whitespace
                | Kind::Comment
                | Kind::Comma
                | Kind::Delim(b'>' | b'+' | b'~' | b'*' | b'&' | b'|') => {}
                _ => return None,
            }
            k += 1;
        }
        (parens == 0).then_some(())
    }

    /// Makes the name of token `k` (after `skip` bytes: the `#` of an id) module-local.
    fn local(&mut self, k: usize, skip: usize) {
        let Some(hash) = &self.hash else { return };
        let t = self.tokens[k];
        let name = &self.src[t.start as usize + skip..t.end as usize];
        let local = match self.exports.get(name) {
            Some(local) => local.clone(),
            None => {
                let local: Rc<str> = format!("_{name}_{hash}").into();
                self.exports.insert(name.to_string(), local.clone());
                local
            }
        };
        self.edits.push(Edit {
            range: t.start as usize + skip..t.end as usize,
            text: local,
            slot: None,
        });
    }

    fn at_rule(&mut self, ctx: Ctx, depth: usize) -> Option<()> {
        let at = self.i;
        let name = self.text(at)[1..].to_ascii_lowercase();
        self.i += 1;
        let end = self.prelude_end()?;
        let term = self.kind(end);
        if name == "import" {
            if ctx != Ctx::Top || self.rules_seen || term != Some(Kind::Semicolon) {
                return None;
            }
            return self.import(at, end);
        }
        // URLs in other preludes (`@namespace url(...)`) are rare: lightningcss takes them.
        // So are selectors in one (`@supports selector(.a)`), which a module would scope.
        let module = self.hash.is_some();
        let plain = (self.i..end).all(|k| {
            let t = &self.tokens[k];
            let function = |name: &str| {
                t.kind == Kind::Function && t.text(self.src).eq_ignore_ascii_case(name)
            };
            t.kind != Kind::Url && !function("url(") && !(module && function("selector("))
        });
        if !plain {
            return None;
        }
        match term {
            Some(Kind::Semicolon) => {
                if !matches!(name.as_str(), "charset" | "layer" | "namespace") {
                    return None;
                }
                if name == "namespace" {
                    self.rules_seen = true;
                }
                self.i = end + 1;
                Some(())
            }
            Some(Kind::OpenCurly) => {
                let child = match name.as_str() {
                    "media" | "supports" | "layer" | "starting-style" => Ctx::Rules,
                    "container" | "scope" if !module => Ctx::Rules,
                    "font-face" | "page" | "property" | "view-transition" => Ctx::Decls,
                    "keyframes" | "-webkit-keyframes" | "-moz-keyframes" if !module => {
                        Ctx::Keyframes
                    }
                    _ => return None,
                };
                // Conditional rules nested in a style rule hold declarations too.
                let child = if child == Ctx::Rules && ctx == Ctx::Block {
                    Ctx::Block
                } else {
                    child
                };
                self.rules_seen = true;
                self.i = end + 1;
                self.rules(child, depth + 1)
            }
            _ => None,
        }
    }

    /// `@import "x";` or `@import url(x);`: reported, and taken out of the sheet (the
    /// server inlines or injects it). Conditions (media, `supports()`, `layer`) are left
    /// to lightningcss, which normalises them.
    fn import(&mut self, at: usize, end: usize) -> Option<()> {
        let first = self.solid(self.i);
        let (url, after) = match self.kind(first)? {
            Kind::String => (self.string_value(first)?, first + 1),
            Kind::Url => (url_token_value(self.text(first)), first + 1),
            Kind::Function if self.text(first).eq_ignore_ascii_case("url(") => {
                let s = self.solid(first + 1);
                let close = self.solid(s + 1);
                if self.kind(s) != Some(Kind::String) || self.kind(close) != Some(Kind::CloseParen)
                {
                    return None;
                }
                (self.string_value(s)?, close + 1)
            }
            _ => return None,
        };
        if self.solid(after) != end {
            return None;
        }
        self.dependencies.push(CssDependency {
            url: url.to_string(),
            is_import: true,
            media: None,
        });
        self.edits.push(Edit {
            range: self.tokens[at].start as usize..self.tokens[end].end as usize,
            text: "".into(),
            slot: None,
        });
        self.i = end + 1;
        Some(())
    }

    /// A string token's text between its quotes; escapes go to lightningcss.
    fn string_value(&self, k: usize) -> Option<&'s str> {
        let t = self.text(k);
        let inner = &t[1..t.len() - 1];
        (!inner.contains('\\')).then_some(inner)
    }

    fn declaration(&mut self) -> Option<()> {
        let property = self.solid(self.i);
        if self.kind(property) != Some(Kind::Ident) {
            return None;
        }
        let colon = self.solid(property + 1);
        if self.kind(colon) != Some(Kind::Colon) {
            return None;
        }
        let module = self.hash.is_some();
        if module {
            let name = self.text(property).to_ascii_lowercase();
            let unprefixed = ["-webkit-", "-moz-", "-ms-", "-o-"]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .unwrap_or(&name);
            if MODULE_NAMED_PROPERTIES
                .iter()
                .any(|p| unprefixed.starts_with(p))
            {
                return None;
            }
        }
        let mut k = colon + 1;
        let mut open = 0usize;
        loop {
            let Some(t) = self.tokens.get(k).copied() else {
                if open > 0 {
                    return None;
                }
                break;
            };
            match t.kind {
                Kind::Semicolon if open == 0 => {
                    k += 1;
                    break;
                }
                Kind::CloseCurly if open == 0 => break,
                Kind::Semicolon | Kind::CloseCurly | Kind::OpenCurly => return None,
                Kind::OpenParen | Kind::OpenSquare => open += 1,
                Kind::CloseParen | Kind::CloseSquare => open = open.checked_sub(1)?,
                Kind::Url => self.url(
                    t.start as usize..t.end as usize,
                    url_token_value(t.text(self.src)),
                ),
                Kind::Function => {
                    let name = t.text(self.src);
                    let name = &name[..name.len() - 1];
                    if name.eq_ignore_ascii_case("url") {
                        let s = self.solid(k + 1);
                        let close = self.solid(s + 1);
                        if self.kind(s) != Some(Kind::String)
                            || self.kind(close) != Some(Kind::CloseParen)
                        {
                            return None;
                        }
                        let value = self.string_value(s)?;
                        self.url(t.start as usize..self.tokens[close].end as usize, value);
                        k = close + 1;
                        continue;
                    }
                    // `image-set("a.png" 1x)` names URLs as strings; `env(x)` names are
                    // made local in a module.
                    if name.eq_ignore_ascii_case("image-set")
                        || name.eq_ignore_ascii_case("-webkit-image-set")
                        || (module && name.eq_ignore_ascii_case("env"))
                    {
                        return None;
                    }
                    open += 1;
                }
                _ => {}
            }
            k += 1;
        }
        self.i = k;
        Some(())
    }

    /// A `url()` at `range`, written as `url("")` with its URL's slot between the quotes.
    fn url(&mut self, range: Range<usize>, value: &str) {
        self.dependencies.push(CssDependency {
            url: value.to_string(),
            is_import: false,
            media: None,
        });
        self.edits.push(Edit {
            range,
            text: "url(\"\")".into(),
            slot: Some((5, self.dependencies.len() - 1)),
        });
    }
}

/// The URL of an unquoted `url( x )` token.
fn url_token_value(text: &str) -> &str {
    text[4..text.len() - 1].trim_matches(|c: char| c.is_ascii_whitespace())
}

type Slots = Vec<(Range<usize>, usize)>;

/// The output: `src` with `edits` (in source order) applied; each slot's range in it; and
/// with `map`, tokens at every edit and at the first word of every copied line.
fn emit(
    src: &str,
    edits: &[Edit],
    map: bool,
) -> (String, Slots, Option<Vec<oxc_sourcemap::Token>>) {
    let mut out = Output {
        code: String::with_capacity(src.len() + edits.len() * 16),
        tokens: map.then(Vec::new),
        s: LineCol::default(),
        o: LineCol::default(),
    };
    let mut slots = Vec::new();
    let mut from = 0usize;
    for e in edits {
        out.copy(&src[from..e.range.start]);
        out.mark();
        if let Some((at, dep)) = e.slot {
            let at = out.code.len() + at;
            slots.push((at..at, dep));
        }
        out.code.push_str(&e.text);
        if out.tokens.is_some() {
            out.s.advance(src[e.range.clone()].as_bytes());
            out.o.advance(e.text.as_bytes());
        }
        from = e.range.end;
    }
    out.copy(&src[from..]);
    (out.code, slots, out.tokens)
}

struct Output {
    code: String,
    tokens: Option<Vec<oxc_sourcemap::Token>>,
    /// Where the next source byte and the next output byte are.
    s: LineCol,
    o: LineCol,
}

impl Output {
    fn mark(&mut self) {
        if let Some(tokens) = &mut self.tokens {
            tokens.push(oxc_sourcemap::Token::new(
                self.o.line,
                self.o.col,
                self.s.line,
                self.s.col,
                Some(0),
                None,
            ));
        }
    }

    /// Copies source text, with a token at the first word of each of its lines. Source
    /// and output move together here, so only the last, unfinished line is measured.
    fn copy(&mut self, text: &str) {
        self.code.push_str(text);
        if self.tokens.is_none() {
            return;
        }
        for line in text.split_inclusive('\n') {
            let body = line.trim_start_matches([' ', '\t']);
            let lead = (line.len() - body.len()) as u32;
            self.s.col += lead;
            self.o.col += lead;
            if !body.trim_end().is_empty() {
                self.mark();
            }
            if body.ends_with('\n') {
                self.s = LineCol {
                    line: self.s.line + 1,
                    col: 0,
                };
                self.o = LineCol {
                    line: self.o.line + 1,
                    col: 0,
                };
            } else {
                self.s.advance(body.as_bytes());
                self.o.advance(body.as_bytes());
            }
        }
    }
}
