//! The read-only pass before emission: what the emitting walk must know ahead of the
//! place it needs it. Which names are read as values (for TypeScript's import elision),
//! which functions call hooks (their refresh signature goes in at the top of their body),
//! which names are used as JSX tags, and whether the module uses syntax this transform
//! leaves to the full oxc pipeline.
//!
//! Names stand in for symbols: no scope analysis is done. Where that could change the
//! meaning of the output (a shadowed import, say), the effect is to keep an import, never
//! to drop a used one.

use oxc::ast::AstKind;
use oxc::ast::ast::*;
use oxc::ast_visit::{Visit, walk};
use oxc::span::GetSpan;
use oxc::syntax::scope::ScopeFlags;
use rustc_hash::{FxHashMap, FxHashSet};

/// A function's hook signature, as react-refresh's Babel plugin computes it.
#[derive(Debug)]
pub(super) struct Signature {
    /// Numbered in the order functions end, as `_s`, `_s2`, ...
    pub index: u32,
    pub key: String,
    /// Custom hooks called, as the expression that names them (`useFoo`, `A.useFoo`).
    pub custom: Vec<String>,
    /// Some custom hook could not be named: the component resets on every edit.
    pub unnamed_custom: bool,
    /// `_s()` goes at the top of the body, but no `_s(fn, key)` call is made.
    pub body_only: bool,
}

#[derive(Default)]
pub(super) struct Facts<'a> {
    /// Names read as values anywhere (type positions excluded).
    pub referenced: FxHashSet<&'a str>,
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

struct FunctionFrame {
    start: u32,
    key: String,
    custom: Vec<Option<String>>,
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
    kinds: Vec<AstKind<'a>>,
    /// A signature waiting for the next call to end (`hoc(() => {...})`).
    pending: Option<u32>,
    /// Names bound per scope, and whether a binding is lexical (`let`, `const`, ...).
    scopes: Vec<FxHashMap<&'a str, bool>>,
    lexical: bool,
    /// A function declaration's name, already bound in the enclosing scope.
    bound_name: Option<oxc::span::Span>,
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
        Self {
            facts: Facts::default(),
            source,
            refresh,
            functions: Vec::new(),
            kinds: Vec::with_capacity(64),
            pending: None,
            scopes: vec![FxHashMap::default()],
            lexical: true,
            bound_name: None,
        }
    }

    fn text(&self, span: oxc::span::Span) -> &'s str {
        &self.source[span.start as usize..span.end as usize]
    }

    /// Whether the nearest ancestor that is not an assignment is a call. `skip` is 1 when
    /// the node itself is on the stack.
    fn in_call_skipping_assignments(&self, skip: usize) -> bool {
        for kind in self.kinds.iter().rev().skip(skip) {
            match kind {
                AstKind::AssignmentExpression(_) => continue,
                AstKind::CallExpression(_) => return true,
                _ => return false,
            }
        }
        false
    }

    fn parent_is_declarator_init(&self) -> bool {
        matches!(
            self.kinds.last(),
            Some(AstKind::VariableDeclarator(d))
                if matches!(d.id, BindingPattern::BindingIdentifier(_))
        )
    }

    fn enter_scope(&mut self) {
        if let Some(f) = self.functions.last_mut() {
            f.depth += 1;
        }
        self.scopes.push(FxHashMap::default());
    }

    fn leave_scope(&mut self) {
        if let Some(f) = self.functions.last_mut() {
            f.depth -= 1;
        }
        self.scopes.pop();
    }

    /// Binds a name in the innermost scope; a second binding where either is lexical
    /// may be an early error. (Conservative: some flagged cases are legal.)
    fn bind(&mut self, name: &'a str, lexical: bool) {
        self.facts.values.insert(name);
        if let Some(scope) = self.scopes.last_mut() {
            match scope.get_mut(name) {
                Some(l) => {
                    self.facts.redeclared |= *l || lexical;
                    *l |= lexical;
                }
                None => {
                    scope.insert(name, lexical);
                }
            }
        }
    }

    /// Ends a function (no longer on the stack): numbers its signature, if it has one.
    /// Declarations are signed after their statement; expressions where they stand.
    fn end_function(&mut self, expression: bool, body_only: bool) {
        self.scopes.pop();
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
        if expression && !self.parent_is_declarator_init() && self.in_call_skipping_assignments(0) {
            self.pending = Some(frame_start);
        }
    }

    fn record_hook(&mut self, call: &CallExpression<'a>) {
        let Some(frame) = self.functions.last() else {
            return;
        };
        if frame.depth > 0 {
            return;
        }
        let (name, custom): (&str, Option<Option<String>>) = match &call.callee {
            Expression::Identifier(id) => {
                let n = id.name.as_str();
                (n, (!is_builtin_hook(n)).then(|| Some(n.to_string())))
            }
            Expression::StaticMemberExpression(m) => {
                let n = m.property.name.as_str();
                let custom = (!is_builtin_hook(n)).then(|| match &m.object {
                    Expression::Identifier(_) => Some(self.text(m.span).to_string()),
                    Expression::StaticMemberExpression(inner)
                        if matches!(inner.object, Expression::Identifier(_)) =>
                    {
                        Some(self.text(m.span).to_string())
                    }
                    _ => None,
                });
                (n, custom)
            }
            _ => return,
        };
        if !is_use_hook_name(name) {
            return;
        }
        let declarator = match self.kinds.iter().rev().nth(1) {
            Some(AstKind::VariableDeclarator(d)) => self.text(d.id.span()),
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
        if !frame.key.is_empty() {
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
        self.scopes.push(FxHashMap::default());
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
    fn enter_node(&mut self, kind: AstKind<'a>) {
        self.kinds.push(kind);
    }

    fn leave_node(&mut self, _kind: AstKind<'a>) {
        self.kinds.pop();
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
        self.facts.referenced.insert(it.name.as_str());
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
        let kind = AstKind::CallExpression(self.alloc(it));
        self.enter_node(kind);
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
            self.record_hook(it);
        }
        self.visit_expression(&it.callee);
        self.visit_arguments(&it.arguments);
        if let Some(sig) = self.pending.take() {
            self.facts
                .call_wraps
                .insert((it.span.start, it.span.end), sig);
            if self.in_call_skipping_assignments(1) {
                self.pending = Some(sig);
            }
        }
        self.leave_node(kind);
    }

    fn visit_function(&mut self, it: &Function<'a>, flags: ScopeFlags) {
        if it.declare || it.body.is_none() {
            return;
        }
        let expression = it.is_expression();
        // Methods are not signed (react-refresh only signs declarations and expressions
        // that stand as values); object methods with hooks are left to the full pipeline.
        let parent_is_method = matches!(
            self.kinds.last(),
            Some(AstKind::MethodDefinition(_)) | Some(AstKind::ObjectProperty(_))
        );
        let object_method = matches!(self.kinds.last(),
            Some(AstKind::ObjectProperty(p)) if p.method || p.kind != PropertyKind::Init);
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
        self.end_function(expression, anonymous_declaration);
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        self.start_function(it.span.start, true);
        walk::walk_arrow_function_expression(self, it);
        self.end_function(true, false);
    }

    fn visit_block_statement(&mut self, it: &BlockStatement<'a>) {
        self.enter_scope();
        walk::walk_block_statement(self, it);
        self.leave_scope();
    }

    fn visit_for_statement(&mut self, it: &ForStatement<'a>) {
        self.enter_scope();
        walk::walk_for_statement(self, it);
        self.leave_scope();
    }

    fn visit_for_in_statement(&mut self, it: &ForInStatement<'a>) {
        self.enter_scope();
        walk::walk_for_in_statement(self, it);
        self.leave_scope();
    }

    fn visit_for_of_statement(&mut self, it: &ForOfStatement<'a>) {
        self.enter_scope();
        walk::walk_for_of_statement(self, it);
        self.leave_scope();
    }

    fn visit_switch_statement(&mut self, it: &SwitchStatement<'a>) {
        self.enter_scope();
        walk::walk_switch_statement(self, it);
        self.leave_scope();
    }

    fn visit_catch_clause(&mut self, it: &CatchClause<'a>) {
        self.enter_scope();
        walk::walk_catch_clause(self, it);
        self.leave_scope();
    }

    fn visit_static_block(&mut self, it: &StaticBlock<'a>) {
        self.enter_scope();
        walk::walk_static_block(self, it);
        self.leave_scope();
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if it.declare {
            return;
        }
        self.enter_scope();
        walk::walk_class(self, it);
        self.leave_scope();
    }
}
