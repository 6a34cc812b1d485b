//! TS/TSX/JSX/JS to browser JavaScript: one parse, one transform, one codegen.

use std::path::Path;

use oxc::allocator::Allocator;
use oxc::codegen::{Codegen, CodegenOptions};
use oxc::parser::Parser;
use oxc::semantic::SemanticBuilder;
use oxc::span::SourceType;
use oxc::transformer::{
    JsxOptions, JsxRuntime, ReactRefreshOptions, TransformOptions, Transformer,
};

use crate::SourceMap;
use crate::define::{self, EnvDefines};
use crate::error::{Diagnostic, TransformError};
use crate::locate;
use crate::refresh::{self, RefreshInfo};
use crate::scan::{self, HotUsage, ImportRecord};

/// Options for [`transform_script`].
#[derive(Debug, Clone)]
pub struct ScriptOptions {
    /// Where `jsxDEV` comes from: `react`, `preact`, `@emotion/react`.
    pub jsx_import_source: String,
    /// Emit React Fast Refresh registrations (`$RefreshReg$`, `$RefreshSig$`).
    pub refresh: bool,
    /// Produce a source map.
    pub source_map: bool,
    /// `import.meta.env` and `process.env.NODE_ENV` replacements.
    pub defines: EnvDefines,
}

impl Default for ScriptOptions {
    fn default() -> Self {
        Self {
            jsx_import_source: "react".into(),
            refresh: true,
            source_map: true,
            defines: EnvDefines::development("/", &Default::default()),
        }
    }
}

/// Browser code for one module, with what the server needs to serve and hot-update it.
#[derive(Debug, Clone)]
pub struct ScriptOutput {
    pub code: String,
    pub map: Option<SourceMap>,
    pub imports: Vec<ImportRecord>,
    pub hot: HotUsage,
    pub refresh: RefreshInfo,
}

/// The kind of source by file name; `None` for names that are not scripts.
pub fn source_type_for(filename: &str) -> Option<SourceType> {
    let ext = Path::new(filename.split(['?', '#']).next().unwrap_or(filename))
        .extension()
        .and_then(|e| e.to_str())?;
    let st = match ext {
        "ts" | "mts" | "cts" => SourceType::ts(),
        "tsx" => SourceType::tsx(),
        "jsx" => SourceType::jsx(),
        // Plain JS may still hold JSX in many React projects; parse it permissively.
        "js" | "mjs" => SourceType::mjs().with_jsx(true),
        "cjs" => SourceType::cjs(),
        _ => return None,
    };
    Some(st)
}

fn diagnostics(
    file: &str,
    source: &str,
    errors: Vec<oxc::diagnostics::OxcDiagnostic>,
) -> TransformError {
    let diagnostics = errors
        .into_iter()
        .map(|e| {
            let offset = e.labels.first().map_or(0, |l| l.offset() as usize);
            let mut message = e.message.to_string();
            if let Some(help) = &e.help {
                message.push_str(&format!(" ({help})"));
            }
            Diagnostic::at(file, source, offset, message)
        })
        .collect();
    TransformError { diagnostics }
}

/// Transforms one script module. `filename` picks the syntax (by extension) and names the
/// module in JSX debug info, refresh registrations and the source map.
pub fn transform_script(
    filename: &str,
    source: &str,
    options: &ScriptOptions,
) -> Result<ScriptOutput, TransformError> {
    let source_type = source_type_for(filename).unwrap_or_else(|| SourceType::mjs().with_jsx(true));
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    if parsed.panicked || !parsed.diagnostics.is_empty() {
        let mut errors: Vec<_> = parsed.diagnostics.into_vec();
        if errors.is_empty() {
            errors.push(oxc::diagnostics::OxcDiagnostic::error(
                "could not parse this file",
            ));
        }
        return Err(diagnostics(filename, source, errors));
    }
    let program = parsed.program;
    if let Some(out) = crate::inplace::transform(filename, source, source_type, &program, options) {
        return Ok(out);
    }
    full_pipeline(&allocator, filename, source, source_type, program, options)
}

/// oxc's own passes: semantic analysis, transformer, codegen. For syntax the in-place
/// transform leaves alone (enums, namespaces, decorators, ...).
pub(crate) fn full_pipeline<'a>(
    allocator: &'a Allocator,
    filename: &str,
    source: &str,
    source_type: SourceType,
    mut program: oxc::ast::ast::Program<'a>,
    options: &ScriptOptions,
) -> Result<ScriptOutput, TransformError> {
    if options.defines.applies_to(source) {
        define::apply(allocator, &mut program, &options.defines);
    }

    let semantic = SemanticBuilder::new()
        .with_check_syntax_error(true)
        .with_enum_eval(true)
        .build(&program);
    if !semantic.diagnostics.is_empty() {
        return Err(diagnostics(
            filename,
            source,
            semantic.diagnostics.into_vec(),
        ));
    }
    let scoping = semantic.semantic.into_scoping();

    let mut jsx = JsxOptions::enable();
    jsx.runtime = JsxRuntime::Automatic;
    jsx.development = true;
    jsx.import_source = Some(options.jsx_import_source.clone());
    jsx.refresh = (options.refresh && source_type.is_jsx()).then(ReactRefreshOptions::default);
    jsx.conform();
    let transform_options = TransformOptions {
        jsx,
        ..TransformOptions::default()
    };
    let ret = Transformer::new(allocator, Path::new(filename), &transform_options)
        .build_with_scoping(scoping, &mut program);
    if !ret.diagnostics.is_empty() {
        return Err(diagnostics(filename, source, ret.diagnostics.into_vec()));
    }

    let deep =
        source.contains("import(") || source.contains("import.meta") || source.contains("URL(");
    let (found, hot) = scan::scan_program(&program, deep);
    let exports = refresh::analyze_exports(&program, &|_| false);

    let codegen_options = CodegenOptions {
        source_map_path: options
            .source_map
            .then(|| Path::new(filename).to_path_buf()),
        ..CodegenOptions::default()
    };
    let out = Codegen::new().with_options(codegen_options).build(&program);
    let map = out.map.map(|mut m| {
        m.set_sources([filename]);
        m.set_source_contents(vec![Some(source)]);
        m.into_owned()
    });
    let code = out.code;
    let imports = locate::locate_imports(&code, &found);
    let registers = options.refresh && code.contains("$RefreshReg$(");
    let refresh = RefreshInfo::of(registers, exports);
    Ok(ScriptOutput {
        code,
        map,
        imports,
        hot,
        refresh,
    })
}
