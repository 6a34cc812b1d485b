//! Errors carry everything an overlay needs: where, what, and the code around it.

use std::fmt;

/// One problem in one file, with a position a person can jump to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    pub message: String,
    /// A few lines of source around the position with a caret under it.
    pub frame: String,
}

impl Diagnostic {
    /// Builds a diagnostic for a byte offset into `source`.
    pub fn at(file: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_col(source, offset);
        Self {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            frame: code_frame(source, line, column),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if !self.frame.is_empty() {
            write!(f, "\n{}", self.frame)?;
        }
        Ok(())
    }
}

/// A transform that could not produce code. Holds every error the parser reported.
#[derive(Debug, Clone, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub struct TransformError {
    pub diagnostics: Vec<Diagnostic>,
}

impl TransformError {
    pub fn single(d: Diagnostic) -> Self {
        Self {
            diagnostics: vec![d],
        }
    }

    /// The first diagnostic: what an overlay shows.
    pub fn first(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }
}

impl fmt::Display for TransformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in chars) of a byte offset. Offsets past the end clamp to it.
pub fn line_col(source: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() as u32 + 1;
    (line, column)
}

/// Two lines either side of `line`, numbered, with a caret under `column`.
pub fn code_frame(source: &str, line: u32, column: u32) -> String {
    let lines: Vec<&str> = source.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let target = (line as usize).clamp(1, lines.len());
    let first = target.saturating_sub(2).max(1);
    let last = (target + 2).min(lines.len());
    let width = last.to_string().len();
    let mut out = String::new();
    for n in first..=last {
        let text = lines[n - 1].trim_end_matches('\r');
        let marker = if n == target { '>' } else { ' ' };
        out.push_str(&format!("{marker} {n:>width$} | {text}\n"));
        if n == target {
            let pad: String = text
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("  {:>width$} | {pad}^\n", ""));
        }
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let src = "ab\ncd\nef";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 4), (2, 2));
        assert_eq!(line_col(src, 100), (3, 3));
    }

    #[test]
    fn frame_points_at_column() {
        let src = "one\ntwo\nthree = ;\nfour\nfive\nsix";
        insta::assert_snapshot!(code_frame(src, 3, 9), @r"
          1 | one
          2 | two
        > 3 | three = ;
            |         ^
          4 | four
          5 | five
        ");
    }
}
