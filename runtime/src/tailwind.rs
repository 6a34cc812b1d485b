//! Tailwind CSS for a session: the project's sheets that use `@tailwind`, `@import
//! "tailwindcss"` or `@apply` are expanded before the CSS pipeline (see
//! `velocity_transform::expand_tailwind_reporting`), from the class names in the
//! project's scripts and HTML. Such a sheet depends on every one of those files, so an
//! edit of any of them updates it.

use std::path::Path;

use velocity_transform::{
    Diagnostic, TailwindConfig, expand_tailwind_reporting, generates_utilities,
    read_tailwind_config, read_tailwind_palette, read_tailwind_theme_fonts, uses_tailwind,
};

use crate::policy::Access;
use crate::session::Session;
use crate::walk::Walk;

/// Files whose text is scanned for class names: what Tailwind's default `content` globs
/// of a Vite project reach.
const CONTENT_EXTENSIONS: [&str; 9] = [
    "html", "js", "jsx", "ts", "tsx", "mjs", "mdx", "vue", "svelte",
];

/// At most this many files are scanned.
const CONTENT_LIMIT: usize = 5_000;

const CONFIG_NAMES: [&str; 4] = [
    "tailwind.config.ts",
    "tailwind.config.js",
    "tailwind.config.mjs",
    "tailwind.config.cjs",
];

/// A sheet with Tailwind expanded.
pub struct Expanded {
    pub css: String,
    /// It depends on the project's sources (it generates utilities).
    pub scans_sources: bool,
    /// What its `@apply`s named that does not exist, at their places in the sheet `name`.
    pub warnings: Vec<Diagnostic>,
}

/// The sheet `real` (text `sheet`, reported as `name`) with Tailwind expanded; `None`
/// when it uses no Tailwind.
pub fn expand(session: &Session, real: &Path, name: &str, sheet: &str) -> Option<Expanded> {
    if !uses_tailwind(sheet) || real.components().any(|c| c.as_os_str() == "node_modules") {
        return None;
    }
    let config = config(session.root());
    let scans_sources = generates_utilities(sheet);
    let sources = if scans_sources {
        content(session)
    } else {
        Vec::new()
    };
    let (css, warnings) =
        expand_tailwind_reporting(name, sheet, sources.iter().map(String::as_str), &config);
    Some(Expanded {
        css,
        scans_sources,
        warnings,
    })
}

/// Whether a change to `path` can change what a Tailwind sheet generates.
pub fn is_content(root: &Path, path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if CONFIG_NAMES.contains(&name.as_ref()) {
        return path.parent() == Some(root);
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy())
        .unwrap_or_default();
    CONTENT_EXTENSIONS.contains(&ext.as_ref())
        && (rel == Path::new("index.html") || rel.starts_with("src"))
}

/// Where Tailwind 3 keeps its default palette, and Tailwind 4 its default theme.
const PALETTE: &str = "node_modules/tailwindcss/lib/public/colors.js";
const THEME: &str = "node_modules/tailwindcss/theme.css";

fn config(root: &Path) -> TailwindConfig {
    let mut config = CONFIG_NAMES
        .iter()
        .find_map(|name| {
            let text = std::fs::read_to_string(root.join(name)).ok()?;
            Some(read_tailwind_config(name, &text))
        })
        .unwrap_or_default();
    if let Ok(text) = std::fs::read_to_string(root.join(PALETTE)) {
        config.palette = read_tailwind_palette(&text);
    } else if let Ok(text) = std::fs::read_to_string(root.join(THEME)) {
        config.default_fonts = read_tailwind_theme_fonts(&text);
    }
    config
}

/// The texts of `index.html` and the scripts and HTML under `src/`.
fn content(session: &Session) -> Vec<String> {
    let root = session.root();
    let mut files = vec![root.join("index.html")];
    // Directories and skipped names count too: room for them besides the files kept.
    let walk = Walk::all(crate::walk::hidden_or_package, CONTENT_LIMIT * 4);
    files.extend(
        walk.files(&root.join("src"))
            .filter(|f| is_content(root, f))
            .take(CONTENT_LIMIT),
    );
    files
        .iter()
        .filter_map(|f| match session.policy.check(f) {
            Access::Allowed(real) => std::fs::read_to_string(real).ok(),
            _ => None,
        })
        .collect()
}
