//! CSS: nesting and modern syntax, CSS modules, `@import`/`url()` reported and rewritten,
//! source maps. A sheet that is neither lowered nor minified is transformed in place
//! (`inplace`); everything else, and whatever that pass does not model, goes through
//! lightningcss.

mod inplace;
mod tokens;

use std::collections::BTreeMap;
use std::ops::Range;

use lightningcss::css_modules::{Config as ModulesConfig, CssModuleReference, Pattern, Segment};
use lightningcss::dependencies::{Dependency, DependencyOptions};
use lightningcss::printer::PrinterOptions;
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, StyleSheet};
use lightningcss::targets::{Browsers, Targets};

use crate::SourceMap;
use crate::error::{Diagnostic, TransformError, code_frame};
use crate::rewrite::Edits;

/// Options for [`transform_css`].
#[derive(Debug, Clone, Default)]
pub struct CssOptions {
    /// Treat the file as a CSS module (`*.module.css`): local class names, exported map.
    pub module: bool,
    pub minify: bool,
    pub source_map: bool,
    /// Browsers to lower syntax for, as a browserslist query (`"chrome 90"`). `None` keeps
    /// modern syntax (nesting included) as written.
    pub targets: Option<String>,
    /// Drop an invalid rule or declaration and go on, as browsers do, reporting each in
    /// [`CssOutput::warnings`]; otherwise the first one is an error.
    pub recover: bool,
}

/// One `@import` or `url()` the server must resolve.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CssDependency {
    pub url: String,
    pub is_import: bool,
    /// For `@import`: media and supports conditions that must wrap the imported sheet.
    pub media: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CssOutput {
    /// CSS with a slot for each `url()` dependency's URL; see [`CssOutput::finish`].
    code: String,
    /// Byte range in `code` of each slot, and the dependency it stands for.
    slots: Vec<(Range<usize>, usize)>,
    pub map: Option<SourceMap>,
    pub dependencies: Vec<CssDependency>,
    /// Class name map of a CSS module (`local` → `compiled [composed...]`), sorted.
    pub exports: Option<BTreeMap<String, String>>,
    /// What was dropped with [`CssOptions::recover`].
    pub warnings: Vec<Diagnostic>,
}

impl CssOutput {
    /// The final CSS: `resolve` maps each `url()` dependency to the URL to write (or `None`
    /// to keep it). `@import` rules are already out of the code: the server inlines or
    /// injects the sheets they name (`dependencies` lists them).
    pub fn finish(
        &self,
        mut resolve: impl FnMut(&CssDependency) -> Option<String>,
    ) -> (String, Option<SourceMap>) {
        let mut edits = Edits::new(&self.code);
        for (range, dep_index) in &self.slots {
            let dep = &self.dependencies[*dep_index];
            let url = resolve(dep).unwrap_or_else(|| dep.url.clone());
            edits.replace(range.clone(), css_url_text(&url));
        }
        edits.apply(self.map.as_ref())
    }
}

/// An `@import` rule for a sheet the browser fetches itself, under `media` if given.
pub fn css_import_rule(url: &str, media: Option<&str>) -> String {
    let media = media.map(|m| format!(" {m}")).unwrap_or_default();
    format!("@import url(\"{}\"){media};\n", css_url_text(url))
}

/// A URL as the text between the quotes of `url("")` (where every slot stands).
fn css_url_text(url: &str) -> String {
    let mut s = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\a "),
            c => s.push(c),
        }
    }
    s
}

fn css_error(file: &str, source: &str, message: String, loc: Option<(u32, u32)>) -> TransformError {
    let (line, column) = loc.unwrap_or((1, 1));
    TransformError::single(Diagnostic {
        file: file.to_string(),
        line,
        column,
        message,
        frame: code_frame(source, line, column),
    })
}

/// lightningcss's map as oxc's, token for token (no JSON in between).
fn oxc_map(map: &parcel_sourcemap::SourceMap, filename: &str, source: &str) -> SourceMap {
    let tokens = map
        .get_mappings()
        .into_iter()
        .filter_map(|m| {
            let o = m.original?;
            Some(oxc_sourcemap::Token::new(
                m.generated_line,
                m.generated_column,
                o.original_line,
                o.original_column,
                Some(0),
                None,
            ))
        })
        .collect();
    crate::maps::single_source(filename, source, tokens)
}

/// Transforms one stylesheet. `filename` should be the project-relative path: it seeds
/// CSS module class hashes, which then stay the same on every machine.
pub fn transform_css(
    filename: &str,
    source: &str,
    options: &CssOptions,
) -> Result<CssOutput, TransformError> {
    if !options.minify
        && options.targets.is_none()
        && let Some(out) = inplace::transform(filename, source, options.module, options.source_map)
    {
        return Ok(out);
    }
    transform_with_lightningcss(filename, source, options)
}

/// The whole sheet through lightningcss: parsed, lowered or minified as asked, printed.
pub(crate) fn transform_with_lightningcss(
    filename: &str,
    source: &str,
    options: &CssOptions,
) -> Result<CssOutput, TransformError> {
    let modules = options.module.then(|| ModulesConfig {
        pattern: Pattern {
            segments: [
                Segment::Literal("_".into()),
                Segment::Local,
                Segment::Literal("_".into()),
                Segment::Hash,
            ]
            .into_iter()
            .collect(),
        },
        ..ModulesConfig::default()
    });
    let dropped = options
        .recover
        .then(|| std::sync::Arc::new(std::sync::RwLock::new(Vec::new())));
    let parser_options = ParserOptions {
        filename: filename.to_string(),
        css_modules: modules,
        error_recovery: options.recover,
        warnings: dropped.clone(),
        ..ParserOptions::default()
    };
    let mut sheet = StyleSheet::parse(source, parser_options).map_err(|e| {
        let loc = e.loc.as_ref().map(|l| (l.line + 1, l.column));
        css_error(filename, source, e.kind.to_string(), loc)
    })?;
    let warnings: Vec<Diagnostic> = dropped
        .map(|w| {
            let w = w.read().expect("css warnings lock");
            w.iter()
                .map(|e| {
                    let loc = e.loc.as_ref().map(|l| (l.line + 1, l.column));
                    css_error(filename, source, e.kind.to_string(), loc)
                        .first()
                        .clone()
                })
                .collect()
        })
        .unwrap_or_default();

    let targets = match &options.targets {
        Some(q) => Targets::from(
            Browsers::from_browserslist([q.as_str()])
                .map_err(|e| {
                    css_error(
                        filename,
                        source,
                        format!("invalid CSS targets {q:?}: {e}"),
                        None,
                    )
                })?
                .unwrap_or_default(),
        ),
        None => Targets::default(),
    };
    if options.minify || options.targets.is_some() {
        sheet
            .minify(MinifyOptions {
                targets,
                ..MinifyOptions::default()
            })
            .map_err(|e| css_error(filename, source, e.kind.to_string(), None))?;
    }

    let mut map = options.source_map.then(|| {
        let mut m = parcel_sourcemap::SourceMap::new("/");
        let id = m.add_source(filename);
        let _ = m.set_source_content(id as usize, source);
        m
    });
    let printed = sheet
        .to_css(PrinterOptions {
            minify: options.minify,
            source_map: map.as_mut(),
            targets,
            analyze_dependencies: Some(DependencyOptions {
                remove_imports: true,
            }),
            ..PrinterOptions::default()
        })
        .map_err(|e| css_error(filename, source, e.kind.to_string(), None))?;

    let mut dependencies = Vec::new();
    let mut placeholders: Vec<(String, usize)> = Vec::new();
    for dep in printed.dependencies.unwrap_or_default() {
        match dep {
            Dependency::Import(i) => dependencies.push(CssDependency {
                url: i.url,
                is_import: true,
                media: i.media,
            }),
            Dependency::Url(u) => {
                placeholders.push((u.placeholder, dependencies.len()));
                dependencies.push(CssDependency {
                    url: u.url,
                    is_import: false,
                    media: None,
                });
            }
        }
    }

    let exports = printed.exports.map(|exports| {
        exports
            .into_iter()
            .map(|(local, export)| {
                let mut value = export.name;
                for c in export.composes {
                    match c {
                        CssModuleReference::Local { name }
                        | CssModuleReference::Global { name } => {
                            value.push(' ');
                            value.push_str(&name);
                        }
                        CssModuleReference::Dependency { name, .. } => {
                            value.push(' ');
                            value.push_str(&name);
                        }
                    }
                }
                (local, value)
            })
            .collect()
    });

    // lightningcss printed each URL as a placeholder between quotes, in order.
    let mut slots = Vec::with_capacity(placeholders.len());
    let mut from = 0;
    for (placeholder, dep_index) in placeholders {
        if let Some(at) = printed.code[from..].find(&placeholder).map(|i| from + i) {
            from = at + placeholder.len();
            slots.push((at..from, dep_index));
        }
    }
    let map = map.map(|m| oxc_map(&m, filename, source));
    Ok(CssOutput {
        code: printed.code,
        slots,
        map,
        dependencies,
        exports,
        warnings,
    })
}
