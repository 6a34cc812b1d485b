//! The read-only pass before emission: what the emitting walk must know ahead of the
//! place it needs it. Which names are read as values (for TypeScript's import elision),
//! which functions call hooks (their refresh signature goes in at the top of their body),
//! which names are used as JSX tags, and whether the module uses syntax this transform
//! leaves to the full oxc pipeline.
//!
//! Names stand in for symbols: no scope analysis is done. Where that could change the
//! meaning of the output (a shadowed import, say), the effect is to keep an import, never
//! to drop a used one.

use std::cell::Cell;

use oxc::ast::ast::*;
use oxc::ast_visit::{Visit, walk};
use oxc::span::GetSpan;
use oxc::syntax::scope::{ScopeFlags, ScopeId};
use rustc_hash::{FxHashMap, FxHashSet};

/// A function's hook signature, as react-refresh's Babel plugin computes it.
#[derive(Debug)]
pub(super) struct Signature {
    /// Numbered in the order functions end, as `_s`, `_s2`, ...
    pub index: u32,
    pub key: String,
    /// Custom hooks called, as the expression that names them (`useFoo`, `A.useFoo`).
    pub custom: Vec<oxc::span::Span>,
    /// Some custom hook could not be named: the component resets on every edit.
    pub unnamed_custom: bool,
    /// `_s()` goes at the top of the body, but no `_s(fn, key)` call is made.
    pub body_only: bool,
}

/// Whether each import's local name is read as a value (type positions excluded), for
/// TypeScript's import elision. A list: modules import tens of names, and most
/// identifiers fail the length check.
#[derive(Default)]
pub(super) struct ImportUse<'a> {
    names: Vec<&'a str>,
    used: Vec<bool>,
}

impl<'a> ImportUse<'a> {
    pub fn contains(&self, name: &str) -> bool {
        self.names
            .iter()
            .zip(&self.used)
            .any(|(n, used)| *used && *n == name)
    }

    fn mark(&mut self, name: &str) {
        for (n, used) in self.names.iter().zip(self.used.iter_mut()) {
            if n.len() == name.len() && *n == name {
                *used = true;
            }
        }
    }
}

/// Names the output declares; a module that uses them itself goes the full way.
pub(super) fn is_generated_name(name: &str) -> bool {
    if !name.starts_with('_') {
        return false;
    }
    let numbered = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
    };
    numbered("_c") || numbered("_s") || matches!(name, "_jsxFileName" | "_jsxDEV" | "_Fragment")
}

#[derive(Default)]
pub(super) struct Facts<'a> {
    /// Imported names read as values.
    pub referenced: ImportUse<'a>,
    /// The module names something the output generates (`_c`, `_s2`, `_jsxDEV`).
    pub generated_clash: bool,
    /// `import(...)` or `import.meta` (which `new URL(x, import.meta.url)` and
    /// `import.meta.glob` use) appear: the import scan goes deep.
    pub deep_imports: bool,
    /// `import.meta` or `process` appear: defines may apply.
    pub may_define: bool,
    /// Names declared as values anywhere.
    pub values: FxHashSet<&'a str>,
    /// Names declared as types (interfaces, type aliases).
    pub types: FxHashSet<&'a str>,
    /// Names used as a JSX tag or as the first argument of a `jsx`-like call.
    pub jsx_names: FxHashSet<&'a str>,
    /// Signatures by the start of their function.
    pub signatures: FxHashMap<u32, Signature>,
    /// Calls wrapped in the signature of the function they take (`memo(() => ...)`),
    /// by span, to the start of that function.
    pub call_wraps: FxHashMap<(u32, u32), u32>,
    pub signature_count: u32,
    pub has_jsx: bool,
    pub has_fragment: bool,
    /// The first JSX node to end is a fragment: oxc then imports `Fragment` first.
    pub fragment_first: Option<bool>,
    /// A name may be declared twice in one scope: an early error that only oxc's
    /// semantic analysis reports, so the module goes the full way.
    pub redeclared: bool,
    /// Syntax left to the full pipeline: enums, namespaces, decorators, parameter
    /// properties, `import x = require()`, `export =`.
    pub unsupported: bool,
}

impl Facts<'_> {
    /// Declared as a type and never as a value: TypeScript erases it.
    pub fn is_type_only(&self, name: &str) -> bool {
        self.types.contains(name) && !self.values.contains(name)
    }
}

/// Where an expression stands in its parent: what react-refresh's rules ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Other,
    /// The initialiser of a declarator; the span is the declarator's id.
    Init(oxc::span::Span),
    /// The callee or an argument of a call (possibly through assignments).
    InCall,
    /// The value of a class method.
    Method,
    /// The value of an object method, getter or setter.
    ObjectMethod,
}

struct FunctionFrame {
    start: u32,
    key: String,
    custom: Vec<Option<oxc::span::Span>>,
    /// Nested non-function scopes (blocks, loops) between here and the function.
    depth: u32,
    /// Whether hooks count here: only functions that react-refresh signs.
    signable: bool,
}

pub(super) struct Collector<'a, 's> {
    pub facts: Facts<'a>,
    source: &'s str,
    refresh: bool,
    functions: Vec<FunctionFrame>,
    /// Where the next expression stands, as set by its parent; read at entry as `entry`.
    slot: Slot,
    entry: Slot,
    /// A signature waiting for the next call to end (`hoc(() => {...})`).
    pending: Option<u32>,
    /// Names bound in the open scopes, and whether a binding is lexical (`let`,
    /// `const`, ...); `scope_starts` says where each scope's names begin.
    bindings: Vec<(&'a str, bool)>,
    scope_starts: Vec<usize>,
    /// The module scope, which can hold hundreds of names: hashed.
    module_bindings: FxHashMap<&'a str, bool>,
    lexical: bool,
    /// A function declaration's name, already bound in the enclosing scope.
    bound_name: Option<oxc::span::Span>,
    /// For each scope oxc's walk entered: whether it is a block scope of ours.
    scope_is_block: Vec<bool>,
}

pub(super) fn is_use_hook_name(name: &str) -> bool {
    name.starts_with("use") && name.as_bytes().get(3).is_none_or(u8::is_ascii_uppercase)
}

fn is_builtin_hook(name: &str) -> bool {
    matches!(
        name,
        "useState"
            | "useReducer"
            | "useEffect"
            | "useLayoutEffect"
            | "useMemo"
            | "useCallback"
            | "useRef"
            | "useContext"
            | "useImperativeHandle"
            | "useDebugValue"
            | "useId"
            | "useDeferredValue"
            | "useTransition"
            | "useInsertionEffect"
            | "useSyncExternalStore"
            | "useFormStatus"
            | "useFormState"
            | "useActionState"
            | "useOptimistic"
    )
}

impl<'a, 's> Collector<'a, 's> {
    pub fn new(source: &'s str, refresh: bool) -> Self {
        // Sized for a typical module (a name every ~40 bytes) so the sets rarely grow.
        let names = source.len() / 40;
        let mut facts = Facts::default();
        facts.values.reserve(names);
        facts.signatures.reserve(16);
        Self {
            facts,
            source,
            refresh,
            functions: Vec::with_capacity(16),
            slot: Slot::Other,
            entry: Slot::Other,
            pending: None,
            bindings: Vec::with_capacity(64),
            scope_starts: Vec::from([0]),
            module_bindings: FxHashMap::with_capacity_and_hasher(names / 4, Default::default()),
            lexical: true,
            bound_name: None,
            scope_is_block: Vec::with_capacity(32),
        }
    }

    fn text(&self, span: oxc::span::Span) -> &'s str {
        &self.source[span.start as usize..span.end as usize]
    }

    fn open_block_scope(&mut self) {
        if let Some(f) = self.functions.last_mut() {
            f.depth += 1;
        }
        self.push_scope();
    }

    fn close_block_scope(&mut self) {
        if let Some(f) = self.functions.last_mut() {
            f.depth -= 1;
        }
        self.pop_scope();
    }

    fn push_scope(&mut self) {
        self.scope_starts.push(self.bindings.len());
    }

    fn pop_scope(&mut self) {
        if let Some(start) = self.scope_starts.pop() {
            self.bindings.truncate(start);
        }
    }

    /// Records the program's imports, whose use decides TypeScript's elision.
    pub fn track_imports(&mut self, program: &Program<'a>) {
        for stmt in &program.body {
            if let Statement::ImportDeclaration(i) = stmt
                && let Some(specs) = &i.specifiers
            {
                for s in specs {
                    self.facts.referenced.names.push(s.local().name.as_str());
                    self.facts.referenced.used.push(false);
                }
            }
        }
    }

    /// Binds a name in the innermost scope; a second binding where either is lexical
    /// may be an early error. (Conservative: some flagged cases are legal.)
    fn bind(&mut self, name: &'a str, lexical: bool) {
        self.facts.values.insert(name);
        self.facts.generated_clash |= is_generated_name(name);
        let existing = if self.scope_starts.len() == 1 {
            self.module_bindings.get_mut(name)
        } else {
            let start = self.scope_starts.last().copied().unwrap_or(0);
            self.bindings[start..]
                .iter_mut()
                .find(|(n, _)| *n == name)
                .map(|(_, l)| l)
        };
        match existing {
            Some(l) => {
                self.facts.redeclared |= *l || lexical;
                *l |= lexical;
            }
            None if self.scope_starts.len() == 1 => {
                self.module_bindings.insert(name, lexical);
            }
            None => self.bindings.push((name, lexical)),
        }
    }

    /// Ends a function (no longer on the stack): numbers its signature, if it has one.
    /// Declarations are signed after their statement; expressions where they stand.
    fn end_function(&mut self, expression: bool, body_only: bool, slot: Slot) {
        self.pop_scope();
        let Some(frame) = self.functions.pop() else {
            return;
        };
        if frame.key.is_empty() || !frame.signable {
            return;
        }
        self.facts.signature_count += 1;
        let index = self.facts.signature_count;
        let frame_start = frame.start;
        let unnamed_custom = frame.custom.iter().any(Option::is_none);
        self.facts.signatures.insert(
            frame.start,
            Signature {
                index,
                key: frame.key,
                custom: frame.custom.into_iter().flatten().collect(),
                unnamed_custom,
                body_only,
            },
        );
        if expression && slot == Slot::InCall {
            self.pending = Some(frame_start);
        }
    }

    fn record_hook(&mut self, call: &CallExpression<'a>, slot: Slot) {
        let Some(frame) = self.functions.last() else {
            return;
        };
        if frame.depth > 0 {
            return;
        }
        // A custom hook is named by the callee's text (`useFoo`, `A.useFoo`, `A.b.useFoo`).
        let (name, custom): (&str, Option<Option<oxc::span::Span>>) = match &call.callee {
            Expression::Identifier(id) => {
                let n = id.name.as_str();
                if !is_use_hook_name(n) {
                    return;
                }
                (n, (!is_builtin_hook(n)).then_some(Some(id.span)))
            }
            Expression::StaticMemberExpression(m) => {
                let n = m.property.name.as_str();
                if !is_use_hook_name(n) {
                    return;
                }
                let custom = (!is_builtin_hook(n)).then(|| match &m.object {
                    Expression::Identifier(_) => Some(m.span),
                    Expression::StaticMemberExpression(inner)
                        if matches!(inner.object, Expression::Identifier(_)) =>
                    {
                        Some(m.span)
                    }
                    _ => None,
                });
                (n, custom)
            }
            _ => return,
        };
        let declarator = match slot {
            Slot::Init(id) => self.text(id),
            _ => "",
        };
        let args = &call.arguments;
        let args_key = if name == "useState" && !args.is_empty() {
            self.text(args[0].span())
        } else if name == "useReducer" && args.len() > 1 {
            self.text(args[1].span())
        } else {
            ""
        };
        let frame = self.functions.last_mut().expect("checked above");
        if frame.key.is_empty() {
            frame.key.reserve(96);
        } else {
            // A backslash and an `n`, not a newline: what the Babel plugin hashes.
            frame.key.push_str("\\n");
        }
        frame.key.push_str(name);
        frame.key.push('{');
        frame.key.push_str(declarator);
        if !args_key.is_empty() {
            frame.key.push('(');
            frame.key.push_str(args_key);
            frame.key.push(')');
        }
        frame.key.push('}');
        if let Some(custom) = custom {
            frame.custom.push(custom);
        }
    }

    fn start_function(&mut self, start: u32, signable: bool) {
        self.push_scope();
        self.functions.push(FunctionFrame {
            start,
            key: String::new(),
            custom: Vec::new(),
            depth: 0,
            signable: signable && self.refresh,
        });
    }
}

impl<'a> Visit<'a> for Collector<'a, '_> {
    fn visit_expression(&mut self, it: &Expression<'a>) {
        self.entry = std::mem::replace(&mut self.slot, Slot::Other);
        walk::walk_expression(self, it);
    }

    /// A call in a chain (`a?.useFoo()`) stands in the chain, not where the chain stands:
    /// its hook signature names no binding, as in oxc.
    fn visit_chain_expression(&mut self, it: &ChainExpression<'a>) {
        self.entry = Slot::Other;
        walk::walk_chain_expression(self, it);
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        self.slot = Slot::Other;
        self.entry = Slot::Other;
        walk::walk_statement(self, it);
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        self.visit_binding_pattern(&it.id);
        if let Some(init) = &it.init {
            self.slot = Slot::Init(it.id.span());
            self.visit_expression(init);
        }
    }

    fn visit_assignment_expression(&mut self, it: &AssignmentExpression<'a>) {
        // react-refresh looks through assignments for the call a function is passed to.
        let entry = self.entry;
        self.visit_assignment_target(&it.left);
        self.slot = if entry == Slot::InCall {
            Slot::InCall
        } else {
            Slot::Other
        };
        self.visit_expression(&it.right);
    }

    fn visit_method_definition(&mut self, it: &MethodDefinition<'a>) {
        self.visit_decorators(&it.decorators);
        self.visit_property_key(&it.key);
        self.entry = Slot::Method;
        self.visit_function(&it.value, ScopeFlags::Function);
    }

    fn visit_object_property(&mut self, it: &ObjectProperty<'a>) {
        self.visit_property_key(&it.key);
        self.slot = if it.method || it.kind != PropertyKind::Init {
            Slot::ObjectMethod
        } else {
            Slot::Other
        };
        self.visit_expression(&it.value);
    }

    // Types are erased: nothing in them is a value reference.
    fn visit_ts_type_annotation(&mut self, _it: &TSTypeAnnotation<'a>) {}
    fn visit_ts_type(&mut self, _it: &TSType<'a>) {}
    fn visit_ts_type_parameter_declaration(&mut self, _it: &TSTypeParameterDeclaration<'a>) {}
    fn visit_ts_type_parameter_instantiation(&mut self, _it: &TSTypeParameterInstantiation<'a>) {}
    fn visit_ts_class_implements(&mut self, _it: &TSClassImplements<'a>) {}
    fn visit_ts_index_signature(&mut self, _it: &TSIndexSignature<'a>) {}

    fn visit_ts_interface_declaration(&mut self, it: &TSInterfaceDeclaration<'a>) {
        self.facts.types.insert(it.id.name.as_str());
    }

    fn visit_ts_type_alias_declaration(&mut self, it: &TSTypeAliasDeclaration<'a>) {
        self.facts.types.insert(it.id.name.as_str());
    }

    fn visit_ts_enum_declaration(&mut self, it: &TSEnumDeclaration<'a>) {
        if !it.declare {
            self.facts.unsupported = true;
        }
    }

    fn visit_declaration(&mut self, it: &Declaration<'a>) {
        match it {
            Declaration::TSNamespaceDeclaration(d) if !d.declare => self.facts.unsupported = true,
            Declaration::TSExternalModuleDeclaration(d) if !d.declare => {
                self.facts.unsupported = true
            }
            Declaration::TSImportEqualsDeclaration(_) => self.facts.unsupported = true,
            Declaration::TSNamespaceDeclaration(_)
            | Declaration::TSExternalModuleDeclaration(_)
            | Declaration::TSGlobalDeclaration(_) => {}
            Declaration::VariableDeclaration(v) if v.declare => {}
            Declaration::FunctionDeclaration(f) if f.declare || f.body.is_none() => {}
            Declaration::ClassDeclaration(c) if c.declare => {}
            _ => walk::walk_declaration(self, it),
        }
    }

    fn visit_ts_export_assignment(&mut self, _it: &TSExportAssignment<'a>) {
        self.facts.unsupported = true;
    }

    fn visit_ts_namespace_export_declaration(&mut self, _it: &TSNamespaceExportDeclaration<'a>) {}

    fn visit_ts_this_parameter(&mut self, _it: &TSThisParameter<'a>) {
        self.facts.unsupported = true;
    }

    fn visit_decorator(&mut self, _it: &Decorator<'a>) {
        self.facts.unsupported = true;
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        if it.accessibility.is_some() || it.readonly || it.r#override {
            self.facts.unsupported = true;
        }
        walk::walk_formal_parameter(self, it);
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        if it.import_kind.is_type() {
            return;
        }
        walk::walk_import_declaration(self, it);
    }

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        if it.export_kind.is_type() {
            return;
        }
        walk::walk_export_named_declaration(self, it);
    }

    fn visit_export_specifier(&mut self, it: &ExportSpecifier<'a>) {
        if it.export_kind.is_type() {
            return;
        }
        walk::walk_export_specifier(self, it);
    }

    fn visit_identifier_reference(&mut self, it: &IdentifierReference<'a>) {
        let name = it.name.as_str();
        self.facts.referenced.mark(name);
        self.facts.generated_clash |= is_generated_name(name);
        self.facts.may_define |= name == "process";
    }

    fn visit_import_meta(&mut self, _it: &ImportMeta) {
        self.facts.deep_imports = true;
        self.facts.may_define = true;
    }

    fn visit_import_expression(&mut self, it: &ImportExpression<'a>) {
        self.facts.deep_imports = true;
        walk::walk_import_expression(self, it);
    }

    fn visit_binding_identifier(&mut self, it: &BindingIdentifier<'a>) {
        if self.bound_name == Some(it.span) {
            return;
        }
        self.bind(it.name.as_str(), self.lexical);
    }

    fn visit_variable_declaration(&mut self, it: &VariableDeclaration<'a>) {
        if it.declare {
            return;
        }
        let saved = self.lexical;
        self.lexical = it.kind != VariableDeclarationKind::Var;
        walk::walk_variable_declaration(self, it);
        self.lexical = saved;
    }

    fn visit_formal_parameters(&mut self, it: &FormalParameters<'a>) {
        let saved = self.lexical;
        self.lexical = false;
        walk::walk_formal_parameters(self, it);
        self.lexical = saved;
    }

    fn visit_function_body(&mut self, it: &FunctionBody<'a>) {
        let saved = self.lexical;
        self.lexical = true;
        walk::walk_function_body(self, it);
        self.lexical = saved;
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        self.facts.has_jsx = true;
        if let JSXElementName::IdentifierReference(id) = &it.opening_element.name {
            self.facts.jsx_names.insert(id.name.as_str());
        }
        walk::walk_jsx_element(self, it);
        self.facts.fragment_first.get_or_insert(false);
    }

    fn visit_jsx_fragment(&mut self, it: &JSXFragment<'a>) {
        self.facts.has_jsx = true;
        self.facts.has_fragment = true;
        walk::walk_jsx_fragment(self, it);
        self.facts.fragment_first.get_or_insert(true);
    }

    fn visit_jsx_spread_child(&mut self, _it: &JSXSpreadChild<'a>) {
        self.facts.unsupported = true;
    }

    fn visit_jsx_opening_element(&mut self, it: &JSXOpeningElement<'a>) {
        // oxc reports namespace tags as errors; let it.
        if matches!(it.name, JSXElementName::NamespacedName(_)) {
            self.facts.unsupported = true;
        }
        // A `key` after a spread makes React's runtime fall back to `createElement`.
        let mut spread = false;
        for attr in &it.attributes {
            match attr {
                JSXAttributeItem::SpreadAttribute(_) => spread = true,
                JSXAttributeItem::Attribute(a) if spread && a.is_key() => {
                    self.facts.unsupported = true;
                }
                JSXAttributeItem::Attribute(a) if a.is_key() && a.value.is_none() => {
                    self.facts.unsupported = true;
                }
                _ => {}
            }
        }
        walk::walk_jsx_opening_element(self, it);
    }

    fn visit_call_expression(&mut self, it: &CallExpression<'a>) {
        let entry = self.entry;
        let name = match &it.callee {
            Expression::Identifier(id) => Some(id.name.as_str()),
            Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
            _ => None,
        };
        if name.is_some_and(|n| matches!(n, "createElement" | "jsx" | "jsxDEV" | "jsxs"))
            && let Some(Argument::Identifier(id)) = it.arguments.first()
        {
            self.facts.jsx_names.insert(id.name.as_str());
        }
        if self.refresh {
            self.record_hook(it, entry);
        }
        self.slot = Slot::InCall;
        self.visit_expression(&it.callee);
        for arg in &it.arguments {
            self.slot = Slot::InCall;
            self.visit_argument(arg);
        }
        self.slot = Slot::Other;
        if let Some(sig) = self.pending.take() {
            self.facts
                .call_wraps
                .insert((it.span.start, it.span.end), sig);
            if entry == Slot::InCall {
                self.pending = Some(sig);
            }
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        if it.declare || it.body.is_none() {
            return;
        }
        let expression = it.is_expression();
        let entry = std::mem::replace(&mut self.entry, Slot::Other);
        // Methods are not signed (react-refresh only signs declarations and expressions
        // that stand as values); object methods with hooks are left to the full pipeline.
        let object_method = entry == Slot::ObjectMethod;
        let parent_is_method = entry == Slot::Method || object_method;
        if !expression && let Some(id) = &it.id {
            self.bind(id.name.as_str(), true);
            self.bound_name = Some(id.span);
        }
        self.start_function(it.span.start, !parent_is_method || object_method);
        walk::walk_function(self, it, flags);
        let anonymous_declaration = !expression && it.id.is_none();
        if object_method && self.functions.last().is_some_and(|f| !f.key.is_empty()) {
            self.facts.unsupported = true;
        }
        self.end_function(expression, anonymous_declaration, entry);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let entry = std::mem::replace(&mut self.entry, Slot::Other);
        self.start_function(it.span.start, true);
        walk::walk_arrow_function_expression(self, it);
        self.end_function(true, false, entry);
    }

    // Blocks, loops, `switch`, `catch`, static blocks and classes: oxc's walk reports
    // every scope it enters. Functions open theirs in `start_function`; the module's is
    // the base of `scope_starts`.
    fn enter_scope(&mut self, flags: ScopeFlags, _scope_id: &Cell<Option<ScopeId>>) {
        let block = !flags.is_function() && !flags.is_top();
        self.scope_is_block.push(block);
        if block {
            self.open_block_scope();
        }
    }

    fn leave_scope(&mut self) {
        if self.scope_is_block.pop() == Some(true) {
            self.close_block_scope();
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if !it.declare {
            walk::walk_class(self, it);
        }
    }
}
