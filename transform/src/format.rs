//! A package module's format, read without bundling it: whether it is CommonJS or an ES
//! module, and what an ES module exports. The server uses it to write its importers'
//! interop before the dependency bundle exists.

use oxc::allocator::Allocator;
use oxc::parser::Parser;
use oxc::semantic::SemanticBuilder;
use oxc::span::SourceType;
use oxc::syntax::module_record::ExportExportName;

/// How a module exposes what it exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModuleFormat {
    /// `import`/`export` syntax. `names` are its own and re-exported names (`default`
    /// included); `star` says it also passes on another module's (`export * from`).
    Esm { names: Vec<String>, star: bool },
    /// No module syntax, but `module` or `exports` is read: `module.exports` is its value.
    CommonJs,
    /// Neither: a script run for its effects, which exports nothing.
    Script,
}

impl ModuleFormat {
    /// Whether importers see a single default export (`module.exports`, or an ES module
    /// that exports only `default`) and must read named imports off it.
    pub fn default_only(&self) -> bool {
        match self {
            ModuleFormat::Esm { names, star } => !star && names.len() == 1 && names[0] == "default",
            ModuleFormat::CommonJs => true,
            ModuleFormat::Script => false,
        }
    }
}

/// The format of `source`; `None` when it does not parse.
pub fn module_format(filename: &str, source: &str) -> Option<ModuleFormat> {
    // A `.js` file is whichever its syntax says, as Node and bundlers read it.
    let source_type = match filename.rsplit_once('.').map(|(_, e)| e) {
        Some("mjs") => SourceType::mjs(),
        Some("cjs") => SourceType::cjs(),
        _ => SourceType::unambiguous(),
    };
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        return None;
    }
    let record = &parsed.module_record;
    if record.has_module_syntax {
        let mut names: Vec<String> = record
            .local_export_entries
            .iter()
            .chain(&record.indirect_export_entries)
            .filter_map(|e| match &e.export_name {
                ExportExportName::Name(n) => Some(n.name.to_string()),
                ExportExportName::Default(_) => Some("default".to_string()),
                ExportExportName::Null => None,
            })
            .collect();
        names.sort();
        names.dedup();
        let star = !record.star_export_entries.is_empty();
        return Some(ModuleFormat::Esm { names, star });
    }
    // CommonJS reads the free variables `module` or `exports` (not a local of that name).
    let semantic = SemanticBuilder::new().build(&parsed.program).semantic;
    let commonjs = semantic
        .scoping()
        .root_unresolved_references()
        .keys()
        .any(|name| matches!(name.as_str(), "module" | "exports"));
    Some(if commonjs {
        ModuleFormat::CommonJs
    } else {
        ModuleFormat::Script
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(source: &str) -> ModuleFormat {
        module_format("index.js", source).expect("parses")
    }

    #[test]
    fn commonjs_entries_are_default_only() {
        let react = "'use strict';\nif (process.env.NODE_ENV === 'production') {\n  module.exports = require('./cjs/react.production.js');\n} else {\n  module.exports = require('./cjs/react.development.js');\n}\n";
        assert_eq!(format(react), ModuleFormat::CommonJs);
        assert!(format(react).default_only());
        assert_eq!(format("exports.a = 1;"), ModuleFormat::CommonJs);
    }

    #[test]
    fn es_modules_list_their_exports() {
        let f =
            format("export { a, b as c } from './x.js';\nexport default 1;\nexport const d = 2;");
        assert_eq!(
            f,
            ModuleFormat::Esm {
                names: vec!["a".into(), "c".into(), "d".into(), "default".into()],
                star: false
            }
        );
        assert!(!f.default_only());
        assert!(format("const x = 1;\nexport default x;").default_only());
        assert!(format("export { default } from './x.js';").default_only());
        let star = format("export * from './x.js';\nexport default 1;");
        assert!(matches!(star, ModuleFormat::Esm { star: true, .. }));
        assert!(!star.default_only());
        assert!(!format("export * as ns from './x.js';").default_only());
    }

    #[test]
    fn scripts_export_nothing_and_broken_files_have_no_format() {
        assert_eq!(format("window.x = 1;"), ModuleFormat::Script);
        // A local named `exports` is not CommonJS's.
        assert_eq!(
            format("function f(exports) { exports.a = 1; }\nf({});"),
            ModuleFormat::Script
        );
        assert!(!ModuleFormat::Script.default_only());
        assert_eq!(module_format("index.js", "export const = ;"), None);
    }
}
