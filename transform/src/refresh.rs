//! React Fast Refresh: which exports look like components, and the footer that makes a
//! module its own HMR boundary (the shape `@vitejs/plugin-react` 6 appends).

use oxc::ast::ast::{
    BindingPattern, Declaration, ExportDefaultDeclarationKind, Expression, Program, Statement,
};

/// What the HMR layer needs to know to treat a module as a refresh boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RefreshInfo {
    /// The transform emitted `$RefreshReg$` calls: the module defines components.
    pub registers_components: bool,
    /// Number of runtime exports.
    pub export_count: usize,
    /// Every export is (by name or shape) a React component, so an edit can be applied
    /// in place; otherwise the module must invalidate and let its importers decide.
    pub all_exports_components: bool,
}

impl RefreshInfo {
    /// For a transformed module: `registers` says whether it registers components,
    /// `exports` is what [`analyze_exports`] found.
    pub(crate) fn of(registers: bool, (count, all): (usize, bool)) -> Self {
        Self {
            registers_components: registers,
            export_count: count,
            all_exports_components: all,
        }
    }
}

fn is_component_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// `memo(...)`, `React.forwardRef(...)` and friends produce component objects.
fn is_component_wrapper(e: &Expression<'_>) -> bool {
    let Expression::CallExpression(call) = e else {
        return false;
    };
    let name = match &call.callee {
        Expression::Identifier(id) => id.name.as_str(),
        Expression::StaticMemberExpression(m) => m.property.name.as_str(),
        _ => return false,
    };
    matches!(name, "memo" | "forwardRef" | "lazy")
}

/// Counts exports and decides whether all of them are components. `type_only` says which
/// local names are only types (their `export { Name }` vanishes with TypeScript).
pub(crate) fn analyze_exports(
    program: &Program<'_>,
    type_only: &dyn Fn(&str) -> bool,
) -> (usize, bool) {
    let mut count = 0;
    let mut all = true;
    let mut note = |component: bool| {
        count += 1;
        all &= component;
    };
    for stmt in &program.body {
        match stmt {
            // TypeScript's type-only exports are not runtime exports.
            Statement::ExportFromDeclaration(d) if !d.export_kind.is_type() => {
                for _ in d.specifiers.iter().filter(|s| !s.export_kind.is_type()) {
                    note(false);
                }
            }
            Statement::ExportNamedDeclaration(d) if !d.export_kind.is_type() => {
                for s in d
                    .specifiers
                    .iter()
                    .filter(|s| !s.export_kind.is_type() && !type_only(&s.local.name()))
                {
                    note(is_component_name(&s.exported.name()));
                }
            }
            Statement::ExportDeclaration(d) => match &d.declaration {
                Declaration::FunctionDeclaration(f) if f.declare || f.body.is_none() => {}
                Declaration::VariableDeclaration(v) if v.declare => {}
                Declaration::ClassDeclaration(c) if c.declare => {}
                Declaration::FunctionDeclaration(f) => {
                    note(f.id.as_ref().is_some_and(|id| is_component_name(&id.name)));
                }
                Declaration::ClassDeclaration(c) => {
                    note(c.id.as_ref().is_some_and(|id| is_component_name(&id.name)));
                }
                Declaration::VariableDeclaration(v) => {
                    for decl in &v.declarations {
                        match &decl.id {
                            BindingPattern::BindingIdentifier(id) => {
                                note(is_component_name(&id.name))
                            }
                            _ => note(false),
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportDefaultDeclaration(d) => match &d.declaration {
                ExportDefaultDeclarationKind::TSInterfaceDeclaration(_) => {}
                ExportDefaultDeclarationKind::FunctionDeclaration(f) if f.body.is_none() => {}
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    note(f.id.as_ref().is_some_and(|id| is_component_name(&id.name)));
                }
                ExportDefaultDeclarationKind::ClassDeclaration(c) => {
                    note(c.id.as_ref().is_some_and(|id| is_component_name(&id.name)));
                }
                other => match other.as_expression() {
                    Some(Expression::Identifier(id)) => note(is_component_name(&id.name)),
                    Some(e) => note(is_component_wrapper(e)),
                    None => note(false),
                },
            },
            Statement::ExportAllDeclaration(d) if !d.export_kind.is_type() => note(false),
            _ => {}
        }
    }
    (count, all && count > 0)
}

/// The code appended to a module that registers components, so that it accepts its own
/// updates and asks the refresh runtime whether the new exports can be swapped in place.
/// `module_id` identifies the module to the refresh runtime; `self_url` is how the module
/// imports itself (the server rewrites it like any import); `runtime_url` is `@react-refresh`.
pub fn refresh_footer(module_id: &str, self_url: &str, runtime_url: &str, has_reg: bool) -> String {
    let id = crate::define::json_str(module_id);
    let me = crate::define::json_str(self_url);
    let rt = crate::define::json_str(runtime_url);
    let mut s = format!(
        "\nimport * as RefreshRuntime from {rt};\n\
const inWebWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;\n\
import * as __vite_react_currentExports from {me};\n\
if (import.meta.hot && !inWebWorker) {{\n\
  if (!window.$RefreshReg$) {{\n\
    throw new Error(\"@vitejs/plugin-react can't detect preamble. Something is wrong.\");\n\
  }}\n\
  const currentExports = __vite_react_currentExports;\n\
  queueMicrotask(() => {{\n\
    RefreshRuntime.registerExportsForReactRefresh({id}, currentExports);\n\
    import.meta.hot.accept((nextExports) => {{\n\
      if (!nextExports) return;\n\
      const invalidateMessage = RefreshRuntime.validateRefreshBoundaryAndEnqueueUpdate({id}, currentExports, nextExports);\n\
      if (invalidateMessage) import.meta.hot.invalidate(invalidateMessage);\n\
    }});\n\
  }});\n\
}}\n"
    );
    if has_reg {
        s.push_str(&format!(
            "function $RefreshReg$(type, id) {{ return RefreshRuntime.register(type, {id} + ' ' + id); }}\n"
        ));
    }
    s.push_str("function $RefreshSig$() { return RefreshRuntime.createSignatureFunctionForTransform(); }\n");
    s
}
