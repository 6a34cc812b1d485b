//! React Refresh signatures as the emitting walk writes them: `_sN()` at the top of a
//! signed function, `_sN(fn, "key", ...)` after or around it.

use oxc::ast::ast::FunctionBody;
use oxc::span::Span;

use super::facts::Signature;
use super::walk::Writer;

/// Pushes `_s`, `_s2`, ... (or `_c`, ...): names numbered the way oxc numbers them.
pub(super) fn push_numbered(out: &mut String, prefix: &str, n: usize) {
    out.push_str(prefix);
    if n > 1 {
        use std::fmt::Write;
        let _ = write!(out, "{n}");
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

impl<'a> Writer<'a, '_> {
    /// Pushes `_sN(target, "key", ...)`.
    pub(super) fn signature_call(&self, sig: &Signature, target: &str, out: &mut String) {
        push_numbered(out, "_s", sig.index as usize);
        out.push('(');
        out.push_str(target);
        self.signature_args(sig, out);
        out.push(')');
    }

    /// Pushes `, "key"[, forceReset[, function() { return [hooks]; }]]`.
    pub(super) fn signature_args(&self, sig: &Signature, out: &mut String) {
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
    pub(super) fn insert_with(&mut self, at: u32, f: impl FnOnce(&Self, &mut String)) {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        f(self, &mut text);
        self.e.insert(at, &text);
        self.scratch = text;
    }

    /// Opens `_sN(` around an expression starting at `at`.
    pub(super) fn open_wrap(&mut self, at: u32, index: u32) {
        self.insert_with(at, |_, s| {
            push_numbered(s, "_s", index as usize);
            s.push('(');
        });
    }

    /// Closes the wrap with the signature of the function starting at `function_start`.
    pub(super) fn close_wrap(&mut self, at: u32, function_start: u32) {
        self.insert_with(at, |w, s| {
            w.signature_args(&w.facts.signatures[&function_start], s);
            s.push(')');
        });
    }

    /// Adds `_sN(target, ...);` after the statement being walked.
    pub(super) fn sign_after_statement(&mut self, function_start: u32, target: &str) {
        let mut after = self.afters.pop().unwrap_or_default();
        if let Some(sig) = self.facts.signatures.get(&function_start) {
            self.signature_call(sig, target, &mut after);
            after.push(';');
        }
        self.afters.push(after);
    }

    /// `_sN();` at the top of a signed function's body.
    pub(super) fn sign_body(&mut self, body: &FunctionBody<'a>, sig: u32) {
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
}
