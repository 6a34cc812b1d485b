//! The output of the in-place transform: source text copied through unchanged, generated
//! text written between, and a source-map token wherever output meets source.
//!
//! The walk calls [`Emitter::copy_to`], [`Emitter::skip_to`] and [`Emitter::write`] in
//! source order. A call that would go backwards marks the output unusable (the caller
//! falls back to the full oxc pipeline) instead of producing wrong code.

use std::borrow::Cow;

use oxc_sourcemap::Token;

use crate::SourceMap;

/// Line and column (0-based; columns in UTF-16 units, as source maps count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineCol {
    #[inline]
    fn step(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.col = 0;
        } else if !(0x80..0xC0).contains(&b) {
            // One unit per character; four-byte characters are two UTF-16 units.
            self.col += 1 + u32::from(b >= 0xF0);
        }
    }

    fn advance(&mut self, text: &[u8]) {
        if !text.iter().any(|&b| b == b'\n' || b >= 0x80) {
            self.col += text.len() as u32;
            return;
        }
        for &b in text {
            self.step(b);
        }
    }
}

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

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

impl<'s> Emitter<'s> {
    pub fn new(src: &'s str, maps: bool) -> Self {
        Self {
            src,
            // JSX grows: each element gains its runtime call and debug location.
            out: String::with_capacity(src.len() * 2 + 1024),
            cursor: 0,
            src_pos: LineCol::default(),
            out_pos: LineCol::default(),
            tokens: Vec::with_capacity(if maps { src.len() / 6 } else { 0 }),
            segments: Vec::with_capacity(64),
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
            let mut prev_word = is_word(text[0]);
            s.step(text[0]);
            o.step(text[0]);
            for &b in &text[1..] {
                let word = is_word(b) && !(0x80..0xC0).contains(&b);
                if word && !prev_word {
                    self.tokens
                        .push(Token::new(o.line, o.col, s.line, s.col, Some(0), None));
                }
                prev_word = is_word(b);
                s.step(b);
                o.step(b);
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

    /// Writes generated text, mapped to the current source position.
    pub fn write(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.maps {
            self.token(self.out_pos, self.src_pos);
        }
        self.out_pos.advance(text.as_bytes());
        self.out.push_str(text);
    }

    /// Continues generated text already mapped by [`Emitter::write`].
    pub fn append(&mut self, text: &str) {
        self.out_pos.advance(text.as_bytes());
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

    /// Writes formatted generated text.
    pub fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) {
        use std::fmt::Write;
        if self.maps {
            self.token(self.out_pos, self.src_pos);
        }
        let from = self.out.len();
        let _ = self.out.write_fmt(args);
        let written = &self.out.as_bytes()[from..];
        let mut pos = self.out_pos;
        pos.advance(written);
        self.out_pos = pos;
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
    pub fn finish(mut self, filename: &str, source: &str) -> (String, Option<SourceMap>) {
        self.copy_to(self.src.len());
        let map = self.maps.then(|| {
            SourceMap::new(
                None,
                Vec::new(),
                None,
                vec![Cow::Owned(filename.to_string())],
                vec![Some(Cow::Owned(source.to_string()))],
                self.tokens.into_boxed_slice(),
                None,
            )
        });
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
        let (code, map) = e.finish("a.ts", src);
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
