//! Vite's URL forms: base stripping, query flags, and file ↔ URL mapping.

use std::path::{Path, PathBuf};

/// Query flags the server acts on. Unknown parameters are kept in `rest` so they survive
/// into module identities (`?worker`, `?html-proxy`), and `t`/`v` only bust caches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub import: bool,
    pub raw: bool,
    pub url: bool,
    pub inline: bool,
    pub direct: bool,
    pub t: Option<String>,
    pub v: Option<String>,
    pub rest: Vec<String>,
}

impl Query {
    pub fn parse(q: &str) -> Self {
        let mut out = Query::default();
        for part in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            match k {
                "import" => out.import = true,
                "raw" => out.raw = true,
                "url" => out.url = true,
                "inline" => out.inline = true,
                "direct" => out.direct = true,
                "t" => out.t = Some(v.to_string()),
                "v" => out.v = Some(v.to_string()),
                _ => out.rest.push(part.to_string()),
            }
        }
        out
    }
}

/// A request path with the base removed and percent-decoding applied once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPath {
    /// Starts with `/`.
    pub path: String,
    pub query: Query,
    pub raw_query: String,
}

/// Decodes `%XX` once. `None` for malformed escapes or non-UTF-8 results.
pub fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Splits `path?query` after the base. `None` when the path is outside the base.
pub fn strip_base(path_and_query: &str, base: &str) -> Option<RequestPath> {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let decoded = if base == "/" {
        percent_decode(path)?
    } else if path == base.trim_end_matches('/') {
        "/".to_string()
    } else {
        percent_decode(&format!("/{}", path.strip_prefix(base)?))?
    };
    Some(RequestPath {
        path: decoded,
        query: Query::parse(query),
        raw_query: query.to_string(),
    })
}

pub const FS_PREFIX: &str = "/@fs/";
pub const ID_PREFIX: &str = "/@id/";
pub const DEPS_PREFIX: &str = "/node_modules/.vite/deps/";

/// The URL path (without base) a browser uses for a file: root-relative inside the root,
/// `/@fs/<abs>` outside it.
pub fn file_url(root: &Path, file: &Path) -> String {
    match file.strip_prefix(root) {
        Ok(rel) => format!("/{}", rel.to_string_lossy().replace('\\', "/")),
        Err(_) => format!("/@fs{}", file.to_string_lossy().replace('\\', "/")),
    }
}

/// The file a URL path names, before any policy check.
pub fn url_file(root: &Path, path: &str) -> PathBuf {
    if let Some(abs) = path.strip_prefix(FS_PREFIX) {
        PathBuf::from(format!("/{abs}"))
    } else {
        root.join(path.trim_start_matches('/'))
    }
}

/// Extensions served as ES modules after transformation.
pub fn is_script(path: &str) -> bool {
    matches!(
        ext(path),
        "ts" | "tsx" | "jsx" | "js" | "mjs" | "mts" | "cjs" | "cts"
    )
}

/// Stylesheets: CSS, and Sass (`.scss`, `.sass`), which is compiled to CSS first.
pub fn is_css(path: &str) -> bool {
    matches!(ext(path), "css" | "scss" | "sass")
}

pub fn is_sass(path: &str) -> bool {
    matches!(ext(path), "scss" | "sass")
}

pub fn is_css_module(path: &str) -> bool {
    [".module.css", ".module.scss", ".module.sass"]
        .iter()
        .any(|m| path.ends_with(m))
}

pub fn ext(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, e)| e)
}

/// Files imported as their URL (images, fonts, media, ...): one list for the server
/// and the dependency bundler, which keeps a package's imports of them out of bundles.
pub use velocity_deps::is_asset;

pub fn content_type(path: &str) -> &'static str {
    match ext(path).to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => {
            "text/javascript; charset=utf-8"
        }
        "css" | "scss" | "sass" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" | "jfif" | "pjpeg" | "pjp" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" | "cur" => "image/x-icon",
        "bmp" => "image/bmp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "eot" => "application/vnd.ms-fontobject",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" => "audio/ogg",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// A string as a JavaScript (JSON) string literal, for generated code.
pub fn js_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// Lexical normalisation (no file system access): `a/./b/../c` → `a/c`.
pub fn normalize_path(path: &std::path::Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_and_query() {
        let r = strip_base("/app/src/a.ts?import&t=123", "/app/").unwrap();
        assert_eq!(r.path, "/src/a.ts");
        assert!(r.query.import);
        assert_eq!(r.query.t.as_deref(), Some("123"));
        assert_eq!(strip_base("/app", "/app/").unwrap().path, "/");
        assert!(strip_base("/other/x", "/app/").is_none());
        assert_eq!(
            strip_base("/src/a%20b.ts", "/").unwrap().path,
            "/src/a b.ts"
        );
        assert!(strip_base("/src/%zz", "/").is_none());
    }

    #[test]
    fn file_urls() {
        let root = Path::new("/p");
        assert_eq!(file_url(root, Path::new("/p/src/App.tsx")), "/src/App.tsx");
        assert_eq!(file_url(root, Path::new("/q/x.js")), "/@fs/q/x.js");
        assert_eq!(url_file(root, "/@fs/q/x.js"), PathBuf::from("/q/x.js"));
    }
}
