//! The emitting walk: visits the program in source order, copying what stays, dropping
//! TypeScript syntax, replacing defines, and inserting React Refresh signatures and
//! registrations. JSX is in `jsx.rs`.

use oxc::ast::ast::*;
use oxc::ast_visit::{Visit, walk};
use oxc::span::{GetSpan, Span};
use oxc::syntax::scope::ScopeFlags;
use rustc_hash::FxHashSet;

use super::emit::Emitter;
use super::facts::{Facts, Signature};
use super::register::Registrations;
use crate::define::EnvDefines;

pub(super) struct Writer<'a, 's> {
    pub e: Emitter<'s>,
    pub src: &'s str,
    pub facts: Facts<'a>,
    pub regs: Registrations<'a>,
    /// The next entry of `regs.after` to place.
    next_after: usize,
    pub defines: Option<&'s EnvDefines>,
    pub typescript: bool,
    pub uses_fragment: bool,
    /// Where the header (JSX runtime import, signature variables) goes.
    pub header_at: u32,
    pub header: String,
    /// Where the header landed in the output.
    pub header_out: Option<usize>,
    /// Import locals and re-exported names that TypeScript elision removed.
    pub elided: FxHashSet<String>,
    /// Text to add after each statement being walked: signatures, then registrations.
    afters: Vec<String>,
    scratch: String,
    statement_depth: u32,
    /// A function or arrow that is the direct initialiser of `const Name = ...`.
    init_owner: Option<(u32, &'a str)>,
    /// Whether JSX may pass `this` as `__self` (not in a derived class's constructor).
    pub self_allowed: Vec<bool>,
    classes_with_super: Vec<bool>,
    /// The next function visited is the constructor of a class with a superclass.
    derived_ctor_next: bool,
}

/// Pushes `_s`, `_s2`, ... (or `_c`, ...): names numbered the way oxc numbers them.
pub(super) fn push_numbered(out: &mut String, prefix: &str, n: usize) {
    out.push_str(prefix);
    if n > 1 {
        use std::fmt::Write;
        let _ = write!(out, "{n}");
    }
}

/// Statements that exist only in TypeScript and vanish whole.
fn erased(stmt: &Statement<'_>) -> bool {
    fn declaration(d: &Declaration<'_>) -> bool {
        match d {
            Declaration::VariableDeclaration(v) => v.declare,
            Declaration::FunctionDeclaration(f) => f.declare || f.body.is_none(),
            Declaration::ClassDeclaration(c) => c.declare,
            Declaration::TSTypeAliasDeclaration(_) | Declaration::TSInterfaceDeclaration(_) => true,
            Declaration::TSEnumDeclaration(e) => e.declare,
            Declaration::TSExternalModuleDeclaration(m) => m.declare,
            Declaration::TSNamespaceDeclaration(n) => n.declare,
            Declaration::TSGlobalDeclaration(_) => true,
            Declaration::TSImportEqualsDeclaration(_) => false,
        }
    }
    match stmt {
        Statement::ImportDeclaration(i) => i.import_kind.is_type(),
        Statement::ExportNamedDeclaration(e) => e.export_kind.is_type(),
        Statement::ExportFromDeclaration(e) => e.export_kind.is_type(),
        Statement::ExportAllDeclaration(e) => e.export_kind.is_type(),
        Statement::ExportDeclaration(e) => declaration(&e.declaration),
        Statement::ExportDefaultDeclaration(e) => {
            matches!(
                e.declaration,
                ExportDefaultDeclarationKind::TSInterfaceDeclaration(_)
            ) || matches!(&e.declaration,
            ExportDefaultDeclarationKind::FunctionDeclaration(f) if f.body.is_none())
        }
        Statement::TSNamespaceExportDeclaration(_) => true,
        other => other.as_declaration().is_some_and(declaration),
    }
}

const TS_MODIFIERS: [&str; 7] = [
    "public",
    "private",
    "protected",
    "readonly",
    "override",
    "declare",
    "abstract",
];

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
            uses_fragment: false,
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

    /// Removes the first `c` after `from` (skipping whitespace and `]`), if it is there.
    fn remove_mark_after(&mut self, from: u32, c: u8) {
        let bytes = self.src.as_bytes();
        let mut i = from as usize;
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b']') {
            i += 1;
        }
        if bytes.get(i) == Some(&c) {
            self.e.remove(i as u32, i as u32 + 1);
        }
    }

    /// Drops TypeScript-only modifier words between `start` and `end`.
    fn strip_modifiers(&mut self, start: u32, end: u32) {
        let region = &self.src[start as usize..end as usize];
        let mut offset = 0;
        for word in region.split_inclusive(|c: char| c.is_ascii_whitespace()) {
            let trimmed = word.trim_end();
            if TS_MODIFIERS.contains(&trimmed) {
                let s = start + offset as u32;
                self.e.remove(s, s + word.len() as u32);
            }
            offset += word.len();
        }
    }

    /// Pushes `_sN(target, "key", ...)`.
    fn signature_call(&self, sig: &Signature, target: &str, out: &mut String) {
        push_numbered(out, "_s", sig.index as usize);
        out.push('(');
        out.push_str(target);
        self.signature_args(sig, out);
        out.push(')');
    }

    /// Pushes `, "key"[, forceReset[, function() { return [hooks]; }]]`.
    fn signature_args(&self, sig: &Signature, out: &mut String) {
        // Base64 needs no escaping inside double quotes.
        let mut buf = [0u8; 28];
        out.push_str(", \"");
        out.push_str(hashed_key(&sig.key, &mut buf));
        out.push('"');
        let src = self.src;
        let text = |s: &Span| &src[s.start as usize..s.end as usize];
        let is_declared = |s: &Span| {
            let c = text(s);
            let root = c.split('.').next().unwrap_or(c);
            self.facts.values.contains(root)
        };
        let declared = sig.custom.iter().filter(|c| is_declared(c)).count();
        let force_reset = sig.unnamed_custom || declared != sig.custom.len();
        if force_reset || declared > 0 {
            out.push_str(if force_reset { ", true" } else { ", false" });
        }
        if declared > 0 {
            out.push_str(", function() { return [");
            for (i, c) in sig.custom.iter().filter(|c| is_declared(c)).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(text(c));
            }
            out.push_str("]; }");
        }
    }

    /// Writes generated text built by `f` into a reused buffer, at source position `at`.
    fn insert_with(&mut self, at: u32, f: impl FnOnce(&Self, &mut String)) {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        f(self, &mut text);
        self.e.insert(at, &text);
        self.scratch = text;
    }

    /// Adds `_sN(target, ...);` after the statement being walked.
    fn sign_after_statement(&mut self, function_start: u32, target: &str) {
        let mut after = self.afters.pop().unwrap_or_default();
        if let Some(sig) = self.facts.signatures.get(&function_start) {
            self.signature_call(sig, target, &mut after);
            after.push(';');
        }
        self.afters.push(after);
    }

    /// `_sN();` at the top of a signed function's body.
    fn sign_body(&mut self, body: &FunctionBody<'a>, sig: u32) {
        match body.directives.last() {
            // A directive may end without its semicolon.
            Some(d) => self.e.insert(d.span.end, ";"),
            None => self.e.insert(body.span.start + 1, ""),
        }
        if sig == 1 {
            self.e.append_ascii("_s();");
        } else {
            self.e.append_ascii("_s");
            self.e.append_u32(sig);
            self.e.append_ascii("();");
        }
    }

    fn import_specifiers(&mut self, it: &ImportDeclaration<'a>) {
        let Some(specs) = &it.specifiers else {
            return;
        };
        let keep: Vec<bool> = specs
            .iter()
            .map(|s| {
                let (kind_is_type, local) = match s {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => {
                        (s.import_kind.is_type(), s.local.name.as_str())
                    }
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                        (false, s.local.name.as_str())
                    }
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                        (false, s.local.name.as_str())
                    }
                };
                !kind_is_type && (!self.typescript || self.facts.referenced.contains(local))
            })
            .collect();
        if keep.iter().all(|k| *k) {
            return;
        }
        for (s, k) in specs.iter().zip(&keep) {
            if !k {
                let local = match s {
                    ImportDeclarationSpecifier::ImportSpecifier(s) => &s.local.name,
                    ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => &s.local.name,
                    ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => &s.local.name,
                };
                self.elided.insert(local.to_string());
            }
        }
        if specs.is_empty() || !keep.iter().any(|k| *k) {
            // The caller erases the whole statement.
            return;
        }
        let first_named = specs
            .iter()
            .position(|s| matches!(s, ImportDeclarationSpecifier::ImportSpecifier(_)));
        match first_named {
            Some(0) => self.remove_list_items(specs.iter().map(|s| s.span()), &keep),
            Some(k) => {
                // `D, { a, b }`: the default (or namespace) comes before the braces.
                let named_kept = keep[k..].iter().any(|x| *x);
                if !keep[..k].iter().any(|x| *x) {
                    let brace = self.src[specs[0].span().end as usize..]
                        .find('{')
                        .map(|i| specs[0].span().end + i as u32);
                    if let Some(b) = brace {
                        self.e.remove(specs[0].span().start, b);
                    }
                    self.remove_list_items(specs[k..].iter().map(|s| s.span()), &keep[k..]);
                } else if !named_kept {
                    let end = self.src[specs[k - 1].span().end as usize..]
                        .find('}')
                        .map(|i| specs[k - 1].span().end + i as u32 + 1);
                    if let Some(end) = end {
                        self.e.remove(specs[k - 1].span().end, end);
                    }
                } else {
                    self.remove_list_items(specs[k..].iter().map(|s| s.span()), &keep[k..]);
                }
            }
            None => {
                // `D, * as ns` with one of them unused: rare; drop the unused one.
                self.remove_list_items(specs.iter().map(|s| s.span()), &keep);
            }
        }
    }

    /// Removes list items whose `keep` is false, with their commas. At least one stays.
    fn remove_list_items(&mut self, spans: impl Iterator<Item = Span>, keep: &[bool]) {
        let spans: Vec<Span> = spans.collect();
        let mut i = 0;
        while i < spans.len() {
            if keep[i] {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < spans.len() && !keep[i] {
                i += 1;
            }
            if i < spans.len() {
                self.e.remove(spans[run_start].start, spans[i].start);
            } else if run_start > 0 {
                self.e.remove(spans[run_start - 1].end, spans[i - 1].end);
            }
        }
    }

    fn export_specifiers(&mut self, specs: &[ExportSpecifier<'a>], local: bool) -> bool {
        let keep: Vec<bool> = specs
            .iter()
            .map(|s| {
                if s.export_kind.is_type() {
                    return false;
                }
                if !local {
                    return true;
                }
                let name = s.local.name();
                !self.facts.types.contains(name.as_str())
                    || self.facts.values.contains(name.as_str())
            })
            .collect();
        if specs.is_empty() || keep.iter().all(|k| *k) {
            return true;
        }
        if !keep.iter().any(|k| *k) {
            return false;
        }
        for (s, k) in specs.iter().zip(&keep) {
            if !k {
                self.elided.insert(s.exported.name().to_string());
            }
        }
        self.remove_list_items(specs.iter().map(|s| s.span), &keep);
        true
    }

    fn define_for(&self, expr: &Expression<'a>) -> Option<String> {
        let defines = self.defines?;
        let Expression::StaticMemberExpression(m) = expr else {
            return None;
        };
        let prop = m.property.name.as_str();
        match &m.object {
            Expression::StaticMemberExpression(inner)
                if inner.property.name.as_str() == "env"
                    && matches!(inner.object, Expression::ImportMeta(_)) =>
            {
                defines.env.get(prop).cloned()
            }
            Expression::ImportMeta(_) if prop == "env" => Some(defines.object_literal()),
            Expression::StaticMemberExpression(inner)
                if prop == "NODE_ENV"
                    && inner.property.name.as_str() == "env"
                    && matches!(&inner.object, Expression::Identifier(id) if id.name.as_str() == "process") =>
            {
                defines.node_env.clone()
            }
            _ => None,
        }
    }
}

/// The signature key as react-refresh's Babel plugin emits it: base64 of its SHA-1, so
/// it stays short whatever the hook arguments are.
fn hashed_key<'b>(key: &str, buf: &'b mut [u8; 28]) -> &'b str {
    use base64::Engine;
    use sha1::Digest;
    let n = base64::engine::general_purpose::STANDARD
        .encode_slice(sha1::Sha1::digest(key.as_bytes()), buf)
        .expect("28 bytes hold a base64 SHA-1");
    std::str::from_utf8(&buf[..n]).expect("base64 is ASCII")
}

/// A JavaScript string literal for `s`.
pub(super) fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

impl<'a> Visit<'a> for Writer<'a, '_> {
    fn visit_program(&mut self, it: &Program<'a>) {
        for stmt in &it.body {
            self.visit_statement(stmt);
            if stmt.span().end == self.header_at && !self.header.is_empty() {
                let header = std::mem::take(&mut self.header);
                self.e.copy_to(self.header_at as usize);
                self.header_out = Some(self.e.out_len());
                self.e.write(&format!(";{header}"));
            }
        }
    }

    fn visit_statement(&mut self, it: &Statement<'a>) {
        let span = it.span();
        if !self.header.is_empty() && span.start == self.header_at {
            let header = std::mem::take(&mut self.header);
            self.e.copy_to(self.header_at as usize);
            self.header_out = Some(self.e.out_len());
            self.e.write(&header);
        }
        if erased(it) {
            self.e.remove(span.start, span.end);
            return;
        }
        let erase = match it {
            Statement::ImportDeclaration(i) => i.specifiers.as_ref().is_some_and(|s| {
                !s.is_empty()
                    && !s.iter().any(|s| match s {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => {
                            !s.import_kind.is_type()
                                && (!self.typescript
                                    || self.facts.referenced.contains(s.local.name.as_str()))
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            !self.typescript
                                || self.facts.referenced.contains(s.local.name.as_str())
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                            !self.typescript
                                || self.facts.referenced.contains(s.local.name.as_str())
                        }
                    })
            }),
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
        if let Some(text) = self.define_for(it) {
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
            self.insert_with(span.start, |_, s| {
                push_numbered(s, "_s", index as usize);
                s.push('(');
            });
        }
        walk::walk_expression(self, it);
        if let Some((f, _)) = wrap {
            self.insert_with(span.end, |w, s| {
                w.signature_args(&w.facts.signatures[&f], s);
                s.push(')');
            });
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
            self.insert_with(it.span.start, |_, s| {
                push_numbered(s, "_s", n as usize);
                s.push('(');
            });
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
            let start = it.span.start;
            self.insert_with(it.span.end, |w, s| {
                w.signature_args(&w.facts.signatures[&start], s);
                s.push(')');
            });
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
            self.insert_with(it.span.start, |_, s| {
                push_numbered(s, "_s", n as usize);
                s.push('(');
            });
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
            let start = it.span.start;
            self.insert_with(it.span.end, |w, s| {
                w.signature_args(&w.facts.signatures[&start], s);
                s.push(')');
            });
        } else if let Some((_, name)) = owner {
            self.sign_after_statement(it.span.start, name);
        }
    }

    fn visit_class(&mut self, it: &Class<'a>) {
        if it.r#abstract
            && let Some(i) = self.src[it.span.start as usize..it.span.end as usize].find("abstract")
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
