//! The output of the in-place transform: source text copied through unchanged, generated
//! text written between, and a source-map token wherever output meets source.
//!
//! The walk calls [`Emitter::copy_to`], [`Emitter::skip_to`] and [`Emitter::write`] in
//! source order. A call that would go backwards marks the output unusable (the caller
//! falls back to the full oxc pipeline) instead of producing wrong code.

use oxc_sourcemap::Token;

use crate::SourceMap;
use crate::maps::LineCol;

/// A copied stretch of source: `src` bytes landed at `out` in the output.
#[derive(Debug, Clone, Copy)]
struct Segment {
    src: u32,
    len: u32,
    out: u32,
}

pub(super) struct Emitter<'s> {
    src: &'s str,
    out: String,
    cursor: usize,
    src_pos: LineCol,
    out_pos: LineCol,
    tokens: Vec<Token>,
    segments: Vec<Segment>,
    maps: bool,
    /// Set when the walk asked to go backwards: the output is not usable.
    pub broken: bool,
}

/// Byte classes for the copy loop: part of a word, a byte that starts a word (not a
/// UTF-8 continuation byte), a newline, a four-byte character (two UTF-16 units).
const WORD: u8 = 1;
const WORD_START: u8 = 2;
const NEWLINE: u8 = 4;
const CONTINUATION: u8 = 8;
const ASTRAL: u8 = 16;

static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let word = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
        let mut class = 0;
        if word {
            class |= WORD;
            if !(c >= 0x80 && c < 0xC0) {
                class |= WORD_START;
            }
        }
        if c == b'\n' {
            class |= NEWLINE;
        }
        if c >= 0x80 && c < 0xC0 {
            class |= CONTINUATION;
        }
        if c >= 0xF0 {
            class |= ASTRAL;
        }
        t[b] = class;
        b += 1;
    }
    t
};

impl<'s> Emitter<'s> {
    pub fn new(src: &'s str, maps: bool) -> Self {
        Self {
            src,
            // JSX grows: each element gains its runtime call and debug location.
            out: String::with_capacity(src.len() * 2 + 1024),
            cursor: 0,
            src_pos: LineCol::default(),
            out_pos: LineCol::default(),
            tokens: Vec::with_capacity(if maps { src.len() / 7 } else { 0 }),
            segments: Vec::with_capacity(src.len() / 16 + 16),
            maps,
            broken: false,
        }
    }

    /// Line/column of the next source byte.
    pub fn source_position(&self) -> LineCol {
        self.src_pos
    }

    fn token(&mut self, out: LineCol, src: LineCol) {
        if let Some(last) = self.tokens.last()
            && last.get_dst_line() == out.line
            && last.get_dst_col() == out.col
        {
            return;
        }
        self.tokens.push(Token::new(
            out.line,
            out.col,
            src.line,
            src.col,
            Some(0),
            None,
        ));
    }

    /// Copies source up to `pos` unchanged, with a token at the start of every word and
    /// every line so positions inside the copy map exactly.
    pub fn copy_to(&mut self, pos: usize) {
        if pos < self.cursor || pos > self.src.len() {
            self.broken |= pos < self.cursor;
            return;
        }
        if pos == self.cursor {
            return;
        }
        let text = &self.src.as_bytes()[self.cursor..pos];
        self.segments.push(Segment {
            src: self.cursor as u32,
            len: text.len() as u32,
            out: self.out.len() as u32,
        });
        if self.maps {
            // A token where each word starts, and at the start of the copy.
            let mut s = self.src_pos;
            let mut o = self.out_pos;
            if !text[0].is_ascii_whitespace() {
                self.token(o, s);
            }
            if text.is_ascii() {
                self.copy_ascii(text);
                self.out.push_str(&self.src[self.cursor..pos]);
                self.cursor = pos;
                return;
            }
            let mut prev_word = CLASS[text[0] as usize] & WORD != 0;
            s.step(text[0]);
            o.step(text[0]);
            for &b in &text[1..] {
                let class = CLASS[b as usize];
                if class & WORD_START != 0 && !prev_word {
                    self.tokens
                        .push(Token::new(o.line, o.col, s.line, s.col, Some(0), None));
                }
                prev_word = class & WORD != 0;
                if class & NEWLINE != 0 {
                    s.line += 1;
                    s.col = 0;
                    o.line += 1;
                    o.col = 0;
                } else if class & CONTINUATION == 0 {
                    let units = 1 + u32::from(class & ASTRAL != 0);
                    s.col += units;
                    o.col += units;
                }
            }
            self.src_pos = s;
            self.out_pos = o;
        } else {
            self.src_pos.advance(text);
            self.out_pos.advance(text);
        }
        self.out.push_str(&self.src[self.cursor..pos]);
        self.cursor = pos;
    }

    /// The token scan of [`Emitter::copy_to`] for ASCII text, where a column is an offset
    /// from the line's start.
    fn copy_ascii(&mut self, text: &[u8]) {
        let (mut s, mut o) = (self.src_pos, self.out_pos);
        let mut line_start = 0usize;
        let mut prev_word = true;
        for (i, &b) in text.iter().enumerate() {
            let class = CLASS[b as usize];
            if class & NEWLINE != 0 {
                s.line += 1;
                o.line += 1;
                s.col = 0;
                o.col = 0;
                line_start = i + 1;
                prev_word = false;
                continue;
            }
            let word = class & WORD != 0;
            if word && !prev_word {
                let d = (i - line_start) as u32;
                self.tokens.push(Token::new(
                    o.line,
                    o.col + d,
                    s.line,
                    s.col + d,
                    Some(0),
                    None,
                ));
            }
            prev_word = word;
        }
        let d = (text.len() - line_start) as u32;
        s.col += d;
        o.col += d;
        self.src_pos = s;
        self.out_pos = o;
    }

    /// Drops source up to `pos`.
    pub fn skip_to(&mut self, pos: usize) {
        if pos < self.cursor || pos > self.src.len() {
            self.broken |= pos < self.cursor;
            return;
        }
        self.src_pos.advance(&self.src.as_bytes()[self.cursor..pos]);
        self.cursor = pos;
    }

    /// Drops `start..end` of the source (copying what comes before it).
    pub fn remove(&mut self, start: u32, end: u32) {
        self.copy_to(start as usize);
        self.skip_to(end as usize);
    }

    /// Maps what is written next to the current source position.
    pub fn mark(&mut self) {
        if self.maps {
            self.token(self.out_pos, self.src_pos);
        }
    }

    /// Writes generated text, mapped to the current source position.
    pub fn write(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.mark();
        self.out_pos.advance(text.as_bytes());
        self.out.push_str(text);
    }

    /// Continues generated text already mapped by [`Emitter::write`].
    pub fn append(&mut self, text: &str) {
        self.out_pos.advance(text.as_bytes());
        self.out.push_str(text);
    }

    /// Continues generated text with ASCII that holds no newline.
    pub fn append_ascii(&mut self, text: &'static str) {
        debug_assert!(text.bytes().all(|b| b.is_ascii() && b != b'\n'));
        self.out_pos.col += text.len() as u32;
        self.out.push_str(text);
    }

    /// Continues generated text with a decimal number.
    pub fn append_u32(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let text = std::str::from_utf8(&digits[i..]).expect("ASCII digits");
        self.out_pos.col += text.len() as u32;
        self.out.push_str(text);
    }

    /// Writes `text` at source position `at`: copies up to it first.
    pub fn insert(&mut self, at: u32, text: &str) {
        self.copy_to(at as usize);
        self.write(text);
    }

    /// Where source byte `pos` landed in the output, if it was copied.
    pub fn output_offset(&self, pos: u32) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.src + s.len <= pos);
        let s = self.segments.get(i)?;
        (s.src <= pos).then(|| (s.out + (pos - s.src)) as usize)
    }

    /// Where the copy of source byte `end - 1` ends in the output.
    pub fn output_end(&self, end: u32) -> Option<usize> {
        end.checked_sub(1)
            .and_then(|last| self.output_offset(last))
            .map(|o| o + 1)
    }

    pub fn out_len(&self) -> usize {
        self.out.len()
    }

    /// Copies the rest of the source and returns the code and its map.
    pub fn finish(mut self, filename: &str) -> (String, Option<SourceMap>) {
        self.copy_to(self.src.len());
        let map = self
            .maps
            .then(|| crate::maps::single_source(filename, self.src, self.tokens));
        (self.out, map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_skips_and_maps_positions() {
        let src = "let a: number = 1;\nfoo(a);\n";
        let mut e = Emitter::new(src, true);
        e.remove(5, 13);
        e.insert(19, "/*x*/");
        e.copy_to(src.len());
        assert_eq!(e.output_offset(19), Some(11 + 5));
        assert_eq!(e.output_offset(6), None);
        let (code, map) = e.finish("a.ts");
        assert_eq!(code, "let a = 1;\n/*x*/foo(a);\n");
        let map = map.unwrap();
        let table = map.generate_lookup_table();
        // `foo` at 1:5 in the output is `foo` at 1:0 in the source.
        let t = map.lookup_token(&table, 1, 5).unwrap();
        assert_eq!((t.get_src_line(), t.get_src_col()), (1, 0));
        // `1` after the removed annotation maps to its place in the source.
        let t = map.lookup_token(&table, 0, 8).unwrap();
        assert_eq!((t.get_src_line(), t.get_src_col()), (0, 16));
        // `a` keeps its column.
        let t = map.lookup_token(&table, 0, 4).unwrap();
        assert_eq!((t.get_src_line(), t.get_src_col()), (0, 4));
    }

    #[test]
    fn going_backwards_breaks_the_output() {
        let mut e = Emitter::new("abcdef", false);
        e.copy_to(4);
        e.skip_to(2);
        assert!(e.broken);
    }
}
