//! Source maps from elsewhere (a plugin's transform) joined with ours, so the browser maps
//! served code straight back to the file the user wrote.

use oxc_sourcemap::SourceMapBuilder;

use crate::SourceMap;

/// Line and column (0-based; columns in UTF-16 units, as source maps count).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineCol {
    #[inline]
    pub fn step(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
            self.col = 0;
        } else if !(0x80..0xC0).contains(&b) {
            // One unit per character; four-byte characters are two UTF-16 units.
            self.col += 1 + u32::from(b >= 0xF0);
        }
    }

    /// Moves past `text`.
    pub fn advance(&mut self, text: &[u8]) {
        if !text.iter().any(|&b| b == b'\n' || b >= 0x80) {
            self.col += text.len() as u32;
            return;
        }
        for &b in text {
            self.step(b);
        }
    }
}

/// A map of generated code back to one source file, with its content.
pub(crate) fn single_source(
    file: &str,
    content: &str,
    tokens: Vec<oxc_sourcemap::Token>,
) -> SourceMap {
    use std::borrow::Cow;
    SourceMap::new(
        None,
        Vec::new(),
        None,
        vec![Cow::Owned(file.to_string())],
        vec![Some(Cow::Owned(content.to_string()))],
        tokens.into_boxed_slice(),
        None,
    )
}

/// Reads a v3 source map. A map with one source (or none) describes `file`: it is named
/// so, and given `original` as its content when it carries none.
pub fn parse_map(json: &str, file: &str, original: &str) -> Option<SourceMap> {
    let mut map = oxc_sourcemap::SourceMap::from_json_string(json)
        .ok()?
        .into_owned();
    if map.get_sources().len() <= 1 {
        let content = map
            .get_source_contents()
            .next()
            .flatten()
            .map(str::to_string)
            .unwrap_or_else(|| original.to_string());
        map.set_sources([file]);
        map.set_source_contents(vec![Some(content.as_str())]);
        map = map.into_owned();
    }
    Some(map)
}

/// `outer` maps code C back to B and `inner` maps B back to A: the result maps C to A.
/// Each mapped position in C takes the position in A of the nearest mapping of `inner` at
/// or before it on the same line (Rollup's rule); positions `inner` does not cover on
/// their line are dropped rather than guessed.
pub fn compose_maps(outer: &SourceMap, inner: &SourceMap) -> SourceMap {
    let table = inner.generate_lookup_table();
    let mut builder = SourceMapBuilder::default();
    let mut sources: Vec<Option<u32>> = vec![None; inner.get_sources().len()];
    let mut names: Vec<Option<u32>> = vec![None; inner.get_names().len()];
    for token in outer.get_tokens() {
        if token.get_source_id().is_none() {
            continue;
        }
        let Some(found) =
            inner.lookup_token_approx(&table, token.get_src_line(), token.get_src_col())
        else {
            continue;
        };
        let Some(source) = found.get_source_id() else {
            continue;
        };
        let source_id = *sources[source as usize].get_or_insert_with(|| {
            builder.add_source_and_content(
                inner.get_source(source).unwrap_or_default(),
                inner.get_source_content(source).unwrap_or_default(),
            )
        });
        let name_id = found.get_name_id().map(|n| {
            *names[n as usize]
                .get_or_insert_with(|| builder.add_name(inner.get_name(n).unwrap_or_default()))
        });
        builder.add_token(
            token.get_dst_line(),
            token.get_dst_col(),
            found.get_src_line(),
            found.get_src_col(),
            Some(source_id),
            name_id,
        );
    }
    builder.into_sourcemap().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ScriptOptions, transform_script};

    /// A plugin that prepends two lines and maps every original line to its new place.
    fn shifted_by_two(original: &str) -> (String, String) {
        let mut code = String::from("// added by a plugin\n// and another line\n");
        code.push_str(original);
        let lines = original.lines().count();
        // Line n+2 of the output is line n of the original: ";;" then "AAAA" then "AACA"s.
        let mut mappings = String::from(";;AAAA");
        for _ in 1..lines {
            mappings.push_str(";AACA");
        }
        let json = format!(r#"{{"version":3,"sources":["x"],"names":[],"mappings":"{mappings}"}}"#);
        (code, json)
    }

    #[test]
    fn a_plugin_map_under_ours_points_at_the_original_file() {
        let original = "const a = 1;\nexport const answer = a + 41;\n";
        let (code, plugin_map) = shifted_by_two(original);
        let inner = parse_map(&plugin_map, "/src/answer.ts", original).unwrap();
        let ours = transform_script("/src/answer.ts", &code, &ScriptOptions::default())
            .unwrap()
            .map
            .unwrap();
        let composed = compose_maps(&ours, &inner);
        assert_eq!(
            composed.get_sources().collect::<Vec<_>>(),
            ["/src/answer.ts"]
        );
        assert_eq!(
            composed.get_source_contents().next().flatten(),
            Some(original),
            "the user's text, not the plugin's output"
        );
        // `answer` in the served code maps to line 2 (index 1) of the original.
        let out = transform_script("/src/answer.ts", &code, &ScriptOptions::default()).unwrap();
        let line = out.code.lines().position(|l| l.contains("answer")).unwrap() as u32;
        let table = composed.generate_lookup_table();
        let token = composed.lookup_token(&table, line, 20).unwrap();
        assert_eq!(token.get_src_line(), 1);
        let first = out
            .code
            .lines()
            .position(|l| l.contains("const a"))
            .unwrap() as u32;
        assert_eq!(
            composed
                .lookup_token(&table, first, 0)
                .unwrap()
                .get_src_line(),
            0
        );
    }

    #[test]
    fn a_bad_map_is_none() {
        assert!(parse_map("{not json", "/a.ts", "").is_none());
    }
}
