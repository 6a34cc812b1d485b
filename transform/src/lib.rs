//! `velocity-transform`: pure functions from source text to browser code.
//!
//! No IO, no HTTP, no sessions: every function takes text and options and returns text,
//! a source map and what the server needs to know about the module (its imports, its use
//! of `import.meta.hot`, whether it is a React refresh boundary).

mod config;
mod css;
mod define;
mod error;
mod format;
mod glob;
mod inplace;
mod locate;
mod maps;
mod modules;
mod refresh;
mod rewrite;
mod scan;
mod script;
mod scss;
mod tailwind;

/// Source maps, as oxc represents them.
pub type SourceMap = oxc_sourcemap::SourceMap<'static>;

pub use config::{StaticConfig, read_vite_config};
pub use css::{CssDependency, CssOptions, CssOutput, css_import_rule, transform_css};
pub use define::{EnvDefines, object_literal};
pub use error::{Diagnostic, TransformError, code_frame, line_col};
pub use format::{ModuleFormat, module_format};
pub use glob::{GlobCall, GlobSyntaxError, glob_call};
pub use maps::{compose_maps, parse_map};
pub use modules::{
    css_inline_module, css_module, is_identifier, json_module, raw_module, url_module,
};
pub use refresh::{RefreshInfo, refresh_footer};
pub use rewrite::{Edits, cjs_dynamic_interop, cjs_import_interop, legal_identifier};
pub use scan::{HotUsage, ImportBindings, ImportKind, ImportRecord};
pub use script::{ScriptOptions, ScriptOutput, source_type_for, transform_script};
pub use scss::{ScssOutput, StyleFiles, compile_scss};
pub use tailwind::{
    TailwindConfig, expand_tailwind, expand_tailwind_reporting, generates_utilities,
    read_tailwind_config, read_tailwind_palette, read_tailwind_theme_fonts, uses_tailwind,
};

/// A source map as a `data:` URL comment line, ready to append to served JavaScript.
pub fn inline_map_comment(map: &SourceMap) -> String {
    format!("\n//# sourceMappingURL={}", map.to_data_url())
}

#[cfg(test)]
mod tests;
