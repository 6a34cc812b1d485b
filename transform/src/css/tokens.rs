//! A CSS tokenizer (CSS Syntax Level 3) for the in-place pass: enough to see a stylesheet's
//! structure, selectors and `url()`s. It works on bytes, since every character CSS gives a
//! meaning to is ASCII. Input it does not model (escapes in names, bad strings and URLs,
//! HTML comment tokens, unclosed comments) makes it give up, and lightningcss takes over.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Whitespace,
    Comment,
    Ident,
    /// A name and its `(`.
    Function,
    AtKeyword,
    /// `#name`; `id` when the name could be an identifier (a selector's `#id`).
    Hash {
        id: bool,
    },
    String,
    /// `url(` with an unquoted URL, through its `)`.
    Url,
    /// A number, percentage or dimension.
    Number,
    Delim(u8),
    Colon,
    Semicolon,
    Comma,
    OpenParen,
    CloseParen,
    OpenSquare,
    CloseSquare,
    OpenCurly,
    CloseCurly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        &src[self.start as usize..self.end as usize]
    }

    pub fn is_trivia(&self) -> bool {
        matches!(self.kind, Kind::Whitespace | Kind::Comment)
    }
}

/// Input the tokenizer leaves to lightningcss.
#[derive(Debug)]
pub struct Unsupported;

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_name(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-'
}

struct Cursor<'s> {
    b: &'s [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn at(&self, k: usize) -> u8 {
        self.b.get(self.pos + k).copied().unwrap_or(0)
    }

    /// Whether the next bytes start an identifier (escapes count, and are refused later).
    fn starts_ident(&self, k: usize) -> bool {
        match self.at(k) {
            b'-' => {
                is_name_start(self.at(k + 1)) || self.at(k + 1) == b'-' || self.at(k + 1) == b'\\'
            }
            b'\\' => true,
            b => is_name_start(b) && b != 0,
        }
    }

    fn starts_number(&self) -> bool {
        let digit_after_dot = |k: usize| self.at(k) == b'.' && self.at(k + 1).is_ascii_digit();
        match self.at(0) {
            b'+' | b'-' => self.at(1).is_ascii_digit() || digit_after_dot(1),
            b'.' => digit_after_dot(0),
            b => b.is_ascii_digit(),
        }
    }

    fn name(&mut self) -> Result<(), Unsupported> {
        while self.pos < self.b.len() {
            match self.b[self.pos] {
                b'\\' => return Err(Unsupported),
                b if is_name(b) => self.pos += 1,
                _ => break,
            }
        }
        Ok(())
    }

    fn number(&mut self) -> Result<(), Unsupported> {
        if matches!(self.at(0), b'+' | b'-') {
            self.pos += 1;
        }
        while self.at(0).is_ascii_digit() {
            self.pos += 1;
        }
        if self.at(0) == b'.' && self.at(1).is_ascii_digit() {
            self.pos += 1;
            while self.at(0).is_ascii_digit() {
                self.pos += 1;
            }
        }
        if matches!(self.at(0), b'e' | b'E') {
            let sign = usize::from(matches!(self.at(1), b'+' | b'-'));
            if self.at(1 + sign).is_ascii_digit() {
                self.pos += 1 + sign;
                while self.at(0).is_ascii_digit() {
                    self.pos += 1;
                }
            }
        }
        if self.starts_ident(0) {
            self.name()?;
        } else if self.at(0) == b'%' {
            self.pos += 1;
        }
        Ok(())
    }

    fn string(&mut self, quote: u8) -> Result<(), Unsupported> {
        self.pos += 1;
        loop {
            match self.b.get(self.pos) {
                None | Some(b'\n' | b'\r' | 0x0c) => return Err(Unsupported),
                Some(&q) if q == quote => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => self.pos += 2,
                Some(_) => self.pos += 1,
            }
        }
    }

    /// After `url(`: an unquoted URL through its `)`, or `None` when a string follows
    /// (then `url(` is a function).
    fn unquoted_url(&mut self) -> Result<bool, Unsupported> {
        let mut k = self.pos;
        while k < self.b.len() && is_ws(self.b[k]) {
            k += 1;
        }
        if matches!(self.b.get(k), Some(b'"' | b'\'')) {
            return Ok(false);
        }
        self.pos = k;
        loop {
            match self.b.get(self.pos) {
                Some(b')') => {
                    self.pos += 1;
                    return Ok(true);
                }
                Some(&b) if is_ws(b) => {
                    while self.pos < self.b.len() && is_ws(self.b[self.pos]) {
                        self.pos += 1;
                    }
                    if self.at(0) != b')' {
                        return Err(Unsupported);
                    }
                }
                Some(b'"' | b'\'' | b'(' | b'\\') | None => return Err(Unsupported),
                Some(&b) if b < 0x20 || b == 0x7f => return Err(Unsupported),
                Some(_) => self.pos += 1,
            }
        }
    }

    fn next(&mut self) -> Result<Kind, Unsupported> {
        let b = self.b[self.pos];
        let single = |c: &mut Self, kind| {
            c.pos += 1;
            Ok(kind)
        };
        match b {
            _ if is_ws(b) => {
                while self.pos < self.b.len() && is_ws(self.b[self.pos]) {
                    self.pos += 1;
                }
                Ok(Kind::Whitespace)
            }
            b'/' if self.at(1) == b'*' => {
                let rest = &self.b[self.pos + 2..];
                let end = rest
                    .windows(2)
                    .position(|w| w == b"*/")
                    .ok_or(Unsupported)?;
                self.pos += 2 + end + 2;
                Ok(Kind::Comment)
            }
            b'"' | b'\'' => self.string(b).map(|_| Kind::String),
            b'#' if is_name(self.at(1)) || self.at(1) == b'\\' => {
                self.pos += 1;
                let id = self.starts_ident(0);
                self.name()?;
                Ok(Kind::Hash { id })
            }
            b'(' => single(self, Kind::OpenParen),
            b')' => single(self, Kind::CloseParen),
            b'[' => single(self, Kind::OpenSquare),
            b']' => single(self, Kind::CloseSquare),
            b'{' => single(self, Kind::OpenCurly),
            b'}' => single(self, Kind::CloseCurly),
            b',' => single(self, Kind::Comma),
            b':' => single(self, Kind::Colon),
            b';' => single(self, Kind::Semicolon),
            b'<' if self.b[self.pos..].starts_with(b"<!--") => Err(Unsupported),
            b'-' if self.b[self.pos..].starts_with(b"-->") => Err(Unsupported),
            b'\\' => Err(Unsupported),
            b'@' if self.starts_ident(1) => {
                self.pos += 1;
                self.name()?;
                Ok(Kind::AtKeyword)
            }
            _ if self.starts_number() => self.number().map(|_| Kind::Number),
            _ if self.starts_ident(0) => {
                let start = self.pos;
                self.name()?;
                if self.at(0) != b'(' {
                    return Ok(Kind::Ident);
                }
                self.pos += 1;
                let is_url = self.b[start..self.pos - 1].eq_ignore_ascii_case(b"url");
                if is_url && self.unquoted_url()? {
                    Ok(Kind::Url)
                } else {
                    Ok(Kind::Function)
                }
            }
            _ => {
                // One whole character, so a token never splits one.
                let len = match b {
                    0xf0.. => 4,
                    0xe0.. => 3,
                    0xc0.. => 2,
                    _ => 1,
                };
                self.pos += len;
                Ok(Kind::Delim(b))
            }
        }
    }
}

/// The tokens of `src`, in order, covering every byte.
pub fn tokenize(src: &str) -> Result<Vec<Token>, Unsupported> {
    if src.len() > u32::MAX as usize {
        return Err(Unsupported);
    }
    let mut c = Cursor {
        b: src.as_bytes(),
        pos: 0,
    };
    let mut out = Vec::with_capacity(src.len() / 4);
    while c.pos < c.b.len() {
        let start = c.pos;
        let kind = c.next()?;
        if c.pos > c.b.len() {
            return Err(Unsupported);
        }
        out.push(Token {
            kind,
            start: start as u32,
            end: c.pos as u32,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        tokenize(src)
            .unwrap()
            .into_iter()
            .filter(|t| t.kind != Kind::Whitespace)
            .map(|t| (t.kind, t.text(src)))
            .collect()
    }

    #[test]
    fn selectors_numbers_and_urls() {
        assert_eq!(
            kinds(".a>#b:hover{margin:-.5em 10%;background:url( x.png )}"),
            vec![
                (Kind::Delim(b'.'), "."),
                (Kind::Ident, "a"),
                (Kind::Delim(b'>'), ">"),
                (Kind::Hash { id: true }, "#b"),
                (Kind::Colon, ":"),
                (Kind::Ident, "hover"),
                (Kind::OpenCurly, "{"),
                (Kind::Ident, "margin"),
                (Kind::Colon, ":"),
                (Kind::Number, "-.5em"),
                (Kind::Number, "10%"),
                (Kind::Semicolon, ";"),
                (Kind::Ident, "background"),
                (Kind::Colon, ":"),
                (Kind::Url, "url( x.png )"),
                (Kind::CloseCurly, "}"),
            ]
        );
        assert_eq!(
            kinds("url('a b') #0f0 --x"),
            vec![
                (Kind::Function, "url("),
                (Kind::String, "'a b'"),
                (Kind::CloseParen, ")"),
                (Kind::Hash { id: false }, "#0f0"),
                (Kind::Ident, "--x"),
            ]
        );
    }

    #[test]
    fn gives_up_on_what_it_does_not_model() {
        for src in [
            ".a\\:b{}",
            "/* open",
            "a{content:\"x\n\"}",
            "url(a b)",
            "<!--",
            "u\\rl",
        ] {
            assert!(tokenize(src).is_err(), "{src}");
        }
    }
}
