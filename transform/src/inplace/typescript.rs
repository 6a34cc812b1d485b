//! TypeScript erasure helpers of the emitting walk: statements that vanish whole, unused
//! and type-only import specifiers, type-only export specifiers, class modifiers.

use oxc::ast::ast::*;
use oxc::span::{GetSpan, Span};

use super::walk::Writer;

/// Statements that exist only in TypeScript and vanish whole.
pub(super) fn erased(stmt: &Statement<'_>) -> bool {
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

impl<'a> Writer<'a, '_> {
    /// Removes the first `c` after `from` (skipping whitespace and `]`), if it is there.
    pub(super) fn remove_mark_after(&mut self, from: u32, c: u8) {
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
    pub(super) fn strip_modifiers(&mut self, start: u32, end: u32) {
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

    /// Whether an import specifier survives TypeScript's elision: not `type`, and (in a
    /// TypeScript module) read as a value somewhere.
    pub(super) fn keeps(&self, s: &ImportDeclarationSpecifier<'a>) -> bool {
        let type_only = matches!(s,
            ImportDeclarationSpecifier::ImportSpecifier(s) if s.import_kind.is_type());
        !type_only && (!self.typescript || self.facts.referenced.contains(s.local().name.as_str()))
    }

    pub(super) fn import_specifiers(&mut self, it: &ImportDeclaration<'a>) {
        let Some(specs) = &it.specifiers else {
            return;
        };
        let keep: Vec<bool> = specs.iter().map(|s| self.keeps(s)).collect();
        if keep.iter().all(|k| *k) {
            return;
        }
        for (s, k) in specs.iter().zip(&keep) {
            if !k {
                self.elided.insert(s.local().name.to_string());
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
    pub(super) fn remove_list_items(&mut self, spans: impl Iterator<Item = Span>, keep: &[bool]) {
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

    pub(super) fn export_specifiers(&mut self, specs: &[ExportSpecifier<'a>], local: bool) -> bool {
        let keep: Vec<bool> = specs
            .iter()
            .map(|s| {
                if s.export_kind.is_type() {
                    return false;
                }
                if !local {
                    return true;
                }
                !self.facts.is_type_only(s.local.name().as_str())
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
}
