//! The emitting walk: visits the program in source order, copying what stays, dropping
//! TypeScript syntax, replacing defines, and inserting React Refresh signatures and
//! registrations. JSX is in `jsx.rs`.

use oxc::ast::ast::*;
use oxc::ast_visit::{Visit, walk};
use oxc::span::GetSpan;
use oxc::syntax::scope::ScopeFlags;
use rustc_hash::FxHashSet;

use super::emit::Emitter;
use super::facts::Facts;
use super::register::Registrations;
use super::signatures::push_numbered;
use super::typescript::erased;
use crate::define::EnvDefines;

pub(super) struct Writer<'a, 's> {
    pub e: Emitter<'s>,
    pub src: &'s str,
    pub facts: Facts<'a>,
    pub regs: Registrations<'a>,
    /// The next entry of `regs.after` to place.
    pub next_after: usize,
    pub defines: Option<&'s EnvDefines>,
    pub typescript: bool,
    /// Where the header (JSX runtime import, signature variables) goes.
    pub header_at: u32,
    pub header: String,
    /// Where the header landed in the output.
    pub header_out: Option<usize>,
    /// Import locals and re-exported names that TypeScript elision removed.
    pub elided: FxHashSet<String>,
    /// Text to add after each statement being walked: signatures, then registrations.
    pub afters: Vec<String>,
    pub scratch: String,
    statement_depth: u32,
    /// A function or arrow that is the direct initialiser of `const Name = ...`.
    init_owner: Option<(u32, &'a str)>,
    /// Whether JSX may pass `this` as `__self` (not in a derived class's constructor).
    pub self_allowed: Vec<bool>,
    classes_with_super: Vec<bool>,
    /// The next function visited is the constructor of a class with a superclass.
    derived_ctor_next: bool,
}

impl<'a, 's> Writer<'a, 's> {
    pub fn new(
        src: &'s str,
        maps: bool,
        facts: Facts<'a>,
        regs: Registrations<'a>,
        defines: Option<&'s EnvDefines>,
        typescript: bool,
    ) -> Self {
        Self {
            e: Emitter::new(src, maps),
            src,
            facts,
            regs,
            defines,
            typescript,
            header_at: 0,
            header: String::new(),
            header_out: None,
            elided: FxHashSet::default(),
            afters: Vec::new(),
            scratch: String::new(),
            next_after: 0,
            statement_depth: 0,
            init_owner: None,
            self_allowed: Vec::new(),
            classes_with_super: Vec::new(),
            derived_ctor_next: false,
        }
    }

    /// Writes the header (once) at the cursor, which is at `header_at`.
    fn place_header(&mut self, separator: &str) {
        let header = std::mem::take(&mut self.header);
        self.e.copy_to(self.header_at as usize);
        self.header_out = Some(self.e.out_len());
        self.e.write(separator);
        self.e.append(&header);
    }
}

/// A JavaScript string literal for `s`.
pub(super) use crate::define::json_str as quote;

impl<'a> Visit<'a> for Writer<'a, '_> {
    fn visit_program(&mut self, it: &Program<'a>) {
        for stmt in &it.body {
            self.visit_statement(stmt);
            if stmt.span().end == self.header_at && !self.header.is_empty() {
                // After the last import, which may lack its semicolon.
                self.place_header(";");
            }
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        let span = it.span();
        if !self.header.is_empty() && span.start == self.header_at {
            self.place_header("");
        }
        if erased(it) {
            self.e.remove(span.start, span.end);
            return;
        }
        // An import whose every specifier is elided goes whole (`import {} from` stays).
        let erase = match it {
            Statement::ImportDeclaration(i) => i
                .specifiers
                .as_ref()
                .is_some_and(|s| !s.is_empty() && !s.iter().any(|s| self.keeps(s))),
            _ => false,
        };
        if erase {
            self.e.remove(span.start, span.end);
            return;
        }
        self.afters.push(String::new());
        self.statement_depth += 1;
        walk::walk_statement(self, it);
        self.statement_depth -= 1;
        let mut after = self.afters.pop().unwrap_or_default();
        if self.statement_depth == 0 {
            while let Some(&(start, n)) = self.regs.after.get(self.next_after)
                && start == span.start
            {
                push_numbered(&mut after, "_c", n);
                after.push_str(" = ");
                after.push_str(&self.regs.ids[n - 1]);
                after.push(';');
                self.next_after += 1;
            }
        }
        if !after.is_empty() {
            self.e.insert(span.end, ";");
            self.e.append(&after);
        }
    }

    fn visit_import_declaration(&mut self, it: &ImportDeclaration<'a>) {
        self.import_specifiers(it);
    }

    fn visit_export_named_declaration(&mut self, it: &ExportNamedDeclaration<'a>) {
        if !self.export_specifiers(&it.specifiers, true) {
            self.e.remove(it.span.start, it.span.end);
        }
    }

    fn visit_export_from_declaration(&mut self, it: &ExportFromDeclaration<'a>) {
        if !self.export_specifiers(&it.specifiers, false) {
            self.e.remove(it.span.start, it.span.end);
        }
    }

    // Types vanish.
    fn visit_ts_type_annotation(&mut self, it: &TSTypeAnnotation<'a>) {
        self.e.remove(it.span.start, it.span.end);
    }

    fn visit_ts_type_parameter_declaration(&mut self, it: &TSTypeParameterDeclaration<'a>) {
        self.e.remove(it.span.start, it.span.end);
    }

    fn visit_ts_type_parameter_instantiation(&mut self, it: &TSTypeParameterInstantiation<'a>) {
        self.e.remove(it.span.start, it.span.end);
    }

    fn visit_ts_class_implements_list(
        &mut self,
        it: &oxc::allocator::Vec<'a, TSClassImplements<'a>>,
    ) {
        let (Some(first), Some(last)) = (it.first(), it.last()) else {
            return;
        };
        if let Some(kw) = self.src[..first.span.start as usize].rfind("implements") {
            self.e.remove(kw as u32, last.span.end);
        }
    }

    fn visit_ts_as_expression(&mut self, it: &TSAsExpression<'a>) {
        self.visit_expression(&it.expression);
        self.e.remove(it.expression.span().end, it.span.end);
    }

    fn visit_ts_satisfies_expression(&mut self, it: &TSSatisfiesExpression<'a>) {
        self.visit_expression(&it.expression);
        self.e.remove(it.expression.span().end, it.span.end);
    }

    fn visit_ts_non_null_expression(&mut self, it: &TSNonNullExpression<'a>) {
        self.visit_expression(&it.expression);
        self.e.remove(it.expression.span().end, it.span.end);
    }

    fn visit_ts_type_assertion(&mut self, it: &TSTypeAssertion<'a>) {
        self.e.remove(it.span.start, it.expression.span().start);
        self.visit_expression(&it.expression);
    }

    fn visit_formal_parameter(&mut self, it: &FormalParameter<'a>) {
        self.visit_binding_pattern(&it.pattern);
        if it.optional {
            self.remove_mark_after(it.pattern.span().end, b'?');
        }
        if let Some(t) = &it.type_annotation {
            self.visit_ts_type_annotation(t);
        }
        if let Some(init) = &it.initializer {
            self.visit_expression(init);
        }
    }

    fn visit_variable_declarator(&mut self, it: &VariableDeclarator<'a>) {
        self.visit_binding_pattern(&it.id);
        if it.definite {
            self.remove_mark_after(it.id.span().end, b'!');
        }
        if let Some(t) = &it.type_annotation {
            self.visit_ts_type_annotation(t);
        }
        if let Some(init) = &it.init {
            let saved = self.init_owner.take();
            if let (BindingPattern::BindingIdentifier(id), true) = (
                &it.id,
                matches!(
                    init,
                    Expression::ArrowFunctionExpression(_) | Expression::FunctionExpression(_)
                ),
            ) {
                self.init_owner = Some((init.span().start, id.name.as_str()));
            }
            self.visit_expression(init);
            self.init_owner = saved;
        }
    }

    fn visit_expression(&mut self, it: &Expression<'a>) {
        if self.defines.is_none() && self.regs.before.is_empty() && self.facts.call_wraps.is_empty()
        {
            // Nothing here can need more than the walk.
            walk::walk_expression(self, it);
            return;
        }
        let span = it.span();
        if let Some(text) = self.defines.and_then(|d| crate::define::replacement(d, it)) {
            self.e.insert(span.start, &text);
            self.e.skip_to(span.end as usize);
            return;
        }
        if !self.regs.before.is_empty()
            && let Some(&n) = self.regs.before.get(&(span.start, span.end))
        {
            self.insert_with(span.start, |_, s| {
                push_numbered(s, "_c", n);
                s.push_str(" = ");
            });
        }
        let wrap = match it {
            Expression::CallExpression(_) if !self.facts.call_wraps.is_empty() => {
                self.facts.call_wraps.get(&(span.start, span.end)).copied()
            }
            _ => None,
        };
        let wrap = wrap.and_then(|f| self.facts.signatures.get(&f).map(|s| (f, s.index)));
        if let Some((_, index)) = wrap {
            self.open_wrap(span.start, index);
        }
        walk::walk_expression(self, it);
        if let Some((f, _)) = wrap {
            self.close_wrap(span.end, f);
        }
    }

    fn visit_function(&mut self, it: &Function<'a>, _flags: ScopeFlags) {
        if it.declare || it.body.is_none() {
            self.e.remove(it.span.start, it.span.end);
            return;
        }
        let derived_ctor = std::mem::take(&mut self.derived_ctor_next);
        self.self_allowed.push(!derived_ctor);
        let owner = self.init_owner.take();
        let sig = self.facts.signatures.get(&it.span.start).map(|s| s.index);
        let expression = it.is_expression();
        let wrap = expression && sig.is_some() && owner.is_none_or(|(s, _)| s != it.span.start);
        if let (true, Some(n)) = (wrap, sig) {
            self.open_wrap(it.span.start, n);
        }
        if let Some(id) = &it.id {
            self.visit_binding_identifier(id);
        }
        if let Some(t) = &it.type_parameters {
            self.visit_ts_type_parameter_declaration(t);
        }
        self.visit_formal_parameters(&it.params);
        if let Some(t) = &it.return_type {
            self.visit_ts_type_annotation(t);
        }
        if let Some(body) = &it.body {
            if let Some(n) = sig {
                self.sign_body(body, n);
            }
            self.visit_function_body(body);
        }
        self.self_allowed.pop();
        let Some(signature) = self.facts.signatures.get(&it.span.start) else {
            return;
        };
        if wrap {
            self.close_wrap(it.span.end, it.span.start);
        } else if signature.body_only {
        } else if expression {
            if let Some((_, name)) = owner {
                self.sign_after_statement(it.span.start, name);
            }
        } else if let Some(id) = &it.id {
            self.sign_after_statement(it.span.start, id.name.as_str());
        }
    }

    fn visit_arrow_function_expression(&mut self, it: &ArrowFunctionExpression<'a>) {
        let owner = self.init_owner.take();
        let sig = self.facts.signatures.get(&it.span.start).map(|s| s.index);
        let wrap = sig.is_some() && owner.is_none_or(|(s, _)| s != it.span.start);
        if let (true, Some(n)) = (wrap, sig) {
            self.open_wrap(it.span.start, n);
        }
        if let Some(t) = &it.type_parameters {
            self.visit_ts_type_parameter_declaration(t);
        }
        self.visit_formal_parameters(&it.params);
        if let Some(t) = &it.return_type {
            self.visit_ts_type_annotation(t);
        }
        match &it.body {
            ArrowFunctionBody::FunctionBody(body) => {
                if let Some(n) = sig {
                    self.sign_body(body, n);
                }
                self.visit_function_body(body);
            }
            body => {
                let expr = body.as_expression().expect("not a function body");
                let span = expr.span();
                if let Some(n) = sig {
                    self.insert_with(span.start, |_, s| {
                        s.push('{');
                        push_numbered(s, "_s", n as usize);
                        s.push_str("();return ");
                    });
                }
                self.visit_expression(expr);
                if sig.is_some() {
                    self.e.insert(span.end, "}");
                }
            }
        }
        if sig.is_none() {
            return;
        }
        if wrap {
            self.close_wrap(it.span.end, it.span.start);
        } else if let Some((_, name)) = owner {
            self.sign_after_statement(it.span.start, name);
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        // The modifier stands before the `class` keyword.
        let head = &self.src[it.span.start as usize..it.body.span.start as usize];
        if it.r#abstract
            && let Some(i) = head
                .find("abstract")
                .filter(|i| head.find("class") > Some(*i))
        {
            let s = it.span.start + i as u32;
            let rest = &self.src[s as usize + 8..];
            let ws = rest.len() - rest.trim_start().len();
            self.e.remove(s, s + 8 + ws as u32);
        }
        self.classes_with_super.push(it.heritage.is_some());
        walk::walk_class(self, it);
        self.classes_with_super.pop();
    }

    fn visit_class_element(&mut self, it: &ClassElement<'a>) {
        match it {
            ClassElement::TSIndexSignature(s) => self.e.remove(s.span.start, s.span.end),
            ClassElement::MethodDefinition(m) => {
                if m.r#type == MethodDefinitionType::TSAbstractMethodDefinition
                    || m.value.body.is_none()
                {
                    self.e.remove(m.span.start, m.span.end);
                    return;
                }
                self.strip_modifiers(m.span.start, m.key.span().start);
                self.visit_property_key(&m.key);
                if m.optional {
                    self.remove_mark_after(m.key.span().end, b'?');
                }
                let derived = m.kind == MethodDefinitionKind::Constructor
                    && self.classes_with_super.last().copied().unwrap_or(false);
                self.derived_ctor_next = derived;
                self.visit_function(&m.value, ScopeFlags::Function);
            }
            ClassElement::PropertyDefinition(p) => {
                if p.declare || p.r#type == PropertyDefinitionType::TSAbstractPropertyDefinition {
                    self.e.remove(p.span.start, p.span.end);
                    return;
                }
                self.strip_modifiers(p.span.start, p.key.span().start);
                self.visit_property_key(&p.key);
                if p.optional {
                    self.remove_mark_after(p.key.span().end, b'?');
                }
                if p.definite {
                    self.remove_mark_after(p.key.span().end, b'!');
                }
                if let Some(t) = &p.type_annotation {
                    self.visit_ts_type_annotation(t);
                }
                if let Some(v) = &p.value {
                    self.visit_expression(v);
                }
            }
            ClassElement::AccessorProperty(p) => {
                self.strip_modifiers(p.span.start, p.key.span().start);
                walk::walk_accessor_property(self, p);
            }
            other => walk::walk_class_element(self, other),
        }
    }

    fn visit_jsx_element(&mut self, it: &JSXElement<'a>) {
        self.emit_element(it);
    }

    fn visit_jsx_fragment(&mut self, it: &JSXFragment<'a>) {
        self.emit_fragment(it);
    }
}
