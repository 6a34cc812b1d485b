//! Sass (SCSS, or the indented syntax by the `.sass` extension) to CSS with grass, a
//! Sass compiler in Rust: what Vite does with the `sass` package, without Node. The
//! caller reads the files (`@use`, `@import`, `@forward` reach other sheets), so this
//! stays free of IO; what was read is reported, since an edit of any of those files
//! changes the output.

use std::cell::RefCell;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, TransformError, code_frame};

/// The files a sheet may read.
pub trait StyleFiles {
    fn read(&self, path: &Path) -> Option<Vec<u8>>;
    fn is_file(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
}

/// A compiled sheet. Serializable: the server compiles in a child process.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ScssOutput {
    pub css: String,
    /// Every other file the sheet read (partials, modules, package sheets).
    pub loaded: Vec<PathBuf>,
}

/// Reads through the caller, keeping what was read for the report and for error frames.
struct Recorder<'f> {
    entry: &'f Path,
    files: &'f dyn StyleFiles,
    read: RefCell<Vec<(PathBuf, String)>>,
}

impl std::fmt::Debug for Recorder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recorder")
    }
}

impl grass_compiler::Fs for Recorder<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        self.files.is_dir(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.is_file(path)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let bytes = self
            .files
            .read(path)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, path.display().to_string()))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // A partial's `url()`s name files next to the partial; the compiled sheet is
        // served from the entry's directory (Vite rebases them the same way).
        let rebased = match (path.parent(), self.entry.parent()) {
            (Some(from), Some(to)) if from != to => rebase_urls(&text, from, to),
            _ => None,
        };
        self.read.borrow_mut().push((path.to_path_buf(), text));
        Ok(rebased.map_or(bytes, String::into_bytes))
    }
}

/// `text` with each relative `url()` made relative to `to` instead of `from`; `None` when
/// there is none. URLs that are absolute, data, fragments, or built from Sass variables or
/// interpolation are left as written.
fn rebase_urls(text: &str, from: &Path, to: &Path) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.match_indices("url(") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') || at < copied {
            continue;
        }
        let inner_start = at + 4;
        let rest = &text[inner_start..];
        let Some(close) = rest.find(')') else { break };
        let raw = rest[..close].trim();
        let (quote, url) = match raw.chars().next() {
            Some(q @ ('"' | '\'')) if raw.len() >= 2 && raw.ends_with(q) => {
                (q.to_string(), &raw[1..raw.len() - 1])
            }
            _ => (String::new(), raw),
        };
        if !is_rebasable(url) {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push_str(&format!(
            "url({quote}{}{quote})",
            relative_to(&from.join(url), to)
        ));
        copied = inner_start + close + 1;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

fn is_rebasable(url: &str) -> bool {
    let scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !(url.is_empty()
        || url.starts_with(['/', '#', '$', '~'])
        || url.contains("#{")
        || url.contains(['(', '\\'])
        || scheme)
}

/// The path of `file` from the directory `dir`, with `/` separators (both absolute).
fn relative_to(file: &Path, dir: &Path) -> String {
    use std::path::Component;
    let normal = |p: &Path| {
        let mut parts: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::ParentDir => {
                    parts.pop();
                }
                _ => {}
            }
        }
        parts
    };
    let (file, dir) = (normal(file), normal(dir));
    let common = file.iter().zip(&dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - common];
    parts.extend(file[common..].iter().map(String::as_str));
    let joined = parts.join("/");
    if joined.starts_with("..") {
        joined
    } else {
        format!("./{joined}")
    }
}

/// Compiles the sheet at `entry`. `load_paths` are searched for names that are not
/// relative (`@use "bootstrap/scss/bootstrap"` with `node_modules` among them).
pub fn compile_scss(
    entry: &Path,
    load_paths: &[PathBuf],
    files: &dyn StyleFiles,
) -> Result<ScssOutput, TransformError> {
    let recorder = Recorder {
        entry,
        files,
        read: RefCell::new(Vec::new()),
    };
    let options = grass_compiler::Options::default()
        .fs(&recorder)
        .load_paths(load_paths)
        .quiet(true)
        .style(grass_compiler::OutputStyle::Expanded);
    let result = grass_compiler::from_path(entry, &options);
    let read = recorder.read.into_inner();
    match result {
        Ok(css) => Ok(ScssOutput {
            css,
            loaded: read
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| p != entry)
                .collect(),
        }),
        Err(e) => Err(TransformError::single(diagnostic(entry, &read, *e))),
    }
}

fn diagnostic(
    entry: &Path,
    read: &[(PathBuf, String)],
    error: grass_compiler::Error,
) -> Diagnostic {
    use grass_compiler::ErrorKind as Kind;
    let fallback = |message: String| Diagnostic {
        file: entry.display().to_string(),
        line: 1,
        column: 1,
        message,
        frame: String::new(),
    };
    match error.kind() {
        Kind::ParseError { message, loc, .. } => {
            let name = loc.file.name().to_string();
            let (line, column) = (loc.begin.line as u32 + 1, loc.begin.column as u32 + 1);
            let source = read
                .iter()
                .find(|(p, _)| p.as_os_str() == name.as_str())
                .map(|(_, s)| s.as_str());
            Diagnostic {
                file: name,
                line,
                column,
                message,
                frame: source.map_or_else(String::new, |s| code_frame(s, line, column)),
            }
        }
        Kind::IoError(e) => fallback(format!("cannot read {}: {e}", entry.display())),
        Kind::FromUtf8Error(e) => fallback(e),
        other => fallback(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Memory(HashMap<PathBuf, &'static str>);

    impl StyleFiles for Memory {
        fn read(&self, path: &Path) -> Option<Vec<u8>> {
            self.0.get(path).map(|s| s.as_bytes().to_vec())
        }
        fn is_file(&self, path: &Path) -> bool {
            self.0.contains_key(path)
        }
        fn is_dir(&self, path: &Path) -> bool {
            self.0.keys().any(|k| k.starts_with(path) && k != path)
        }
    }

    fn files(list: &[(&str, &'static str)]) -> Memory {
        Memory(list.iter().map(|(p, s)| (PathBuf::from(p), *s)).collect())
    }

    #[test]
    fn compiles_variables_nesting_and_partials() {
        let fs = files(&[
            (
                "/p/src/app.scss",
                "@use 'theme' as t;\n.card { color: t.$brand; .title { font-weight: bold; } }\n",
            ),
            ("/p/src/_theme.scss", "$brand: rgb(1, 2, 3);\n"),
        ]);
        let out = compile_scss(Path::new("/p/src/app.scss"), &[], &fs).unwrap();
        assert!(
            out.css.contains(".card {\n  color: rgb(1, 2, 3);"),
            "{}",
            out.css
        );
        assert!(out.css.contains(".card .title {"), "{}", out.css);
        assert_eq!(out.loaded, [PathBuf::from("/p/src/_theme.scss")]);
    }

    #[test]
    fn packages_come_from_the_load_paths() {
        let fs = files(&[
            (
                "/p/src/app.scss",
                "@import 'kit/vars';\na { color: $kit; }\n",
            ),
            ("/p/node_modules/kit/_vars.scss", "$kit: red;\n"),
        ]);
        let out = compile_scss(
            Path::new("/p/src/app.scss"),
            &[PathBuf::from("/p/node_modules")],
            &fs,
        )
        .unwrap();
        assert!(out.css.contains("color: red"), "{}", out.css);
    }

    #[test]
    fn urls_in_partials_point_where_the_partial_does() {
        let fs = files(&[
            (
                "/p/src/app.scss",
                "@use 'styles/hero';\n.own { background: url(./own.png); }\n",
            ),
            (
                "/p/src/styles/_hero.scss",
                "$icons: '../icons';\n.hero {\n  background: URL( \"../img/bg.png\" ) no-repeat, url('x.svg');\n  \
                 mask: url(#m);\n  cursor: url(/c.cur), url(data:image/png;base64,AA), url(https://h/x.png);\n  \
                 list-style: url($icons + '/dot.svg');\n  --i: url(#{$icons}/a.svg);\n}\n",
            ),
        ]);
        let css = compile_scss(Path::new("/p/src/app.scss"), &[], &fs)
            .unwrap()
            .css;
        for want in [
            "url(\"./img/bg.png\") no-repeat, url(\"./styles/x.svg\")",
            "mask: url(#m)",
            "cursor: url(/c.cur), url(data:image/png;base64,AA), url(https://h/x.png)",
            "list-style: url(\"../icons/dot.svg\")",
            "--i: url(../icons/a.svg)",
            "url(./own.png)",
        ] {
            assert!(css.contains(want), "{want} in\n{css}");
        }
    }

    #[test]
    fn relative_paths_between_directories() {
        let rel = |f: &str, d: &str| relative_to(Path::new(f), Path::new(d));
        assert_eq!(rel("/p/src/styles/../img/a.png", "/p/src"), "./img/a.png");
        assert_eq!(rel("/p/lib/a.png", "/p/src/pages"), "../../lib/a.png");
        assert_eq!(rel("/p/src/a.png", "/p/src"), "./a.png");
    }

    #[test]
    fn errors_name_the_file_and_position_in_a_partial() {
        let fs = files(&[
            ("/p/src/app.scss", "@use 'broken';\n"),
            ("/p/src/_broken.scss", "a {\n  color: $missing;\n}\n"),
        ]);
        let e = compile_scss(Path::new("/p/src/app.scss"), &[], &fs).unwrap_err();
        let d = e.first();
        assert_eq!(
            (d.file.as_str(), d.line, d.column),
            ("/p/src/_broken.scss", 2, 10)
        );
        assert!(d.message.contains("Undefined variable"), "{}", d.message);
        assert!(d.frame.contains("color: $missing"), "{}", d.frame);
    }
}
