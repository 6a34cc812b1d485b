//! Sass sheets (`.scss`, and the indented `.sass`): compiled to CSS before the CSS pipeline, reading only what the serve
//! policy allows. A sheet's partials are recorded in the module graph as sheets it
//! imports, so that an edit of one updates the sheet, as an `@import`ed CSS file does.

use std::path::{Path, PathBuf};

use velocity_transform::{ScssOutput, StyleFiles, compile_scss};

use crate::error::ServeError;
use crate::policy::Access;
use crate::session::Session;

/// What a sheet may read: files the policy allows, the entry's text as given.
struct SessionFiles<'s> {
    session: &'s Session,
    entry: &'s Path,
    entry_source: &'s str,
}

impl StyleFiles for SessionFiles<'_> {
    fn read(&self, path: &Path) -> Option<Vec<u8>> {
        if path == self.entry {
            return Some(self.entry_source.as_bytes().to_vec());
        }
        match self.session.policy.check(path) {
            Access::Allowed(real) => std::fs::read(real).ok(),
            _ => None,
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        path == self.entry || matches!(self.session.policy.check(path), Access::Allowed(_))
    }

    fn is_dir(&self, path: &Path) -> bool {
        let inside = self
            .session
            .policy
            .allowed_dirs()
            .iter()
            .any(|d| path.starts_with(d));
        inside && path.is_dir()
    }
}

/// Compiles the Sass sheet `real` (its text is `source`; the syntax follows the extension).
pub fn compile(session: &Session, real: &Path, source: &str) -> Result<ScssOutput, ServeError> {
    let files = SessionFiles {
        session,
        entry: real,
        entry_source: source,
    };
    let load_paths: Vec<PathBuf> = vec![session.root().join("node_modules")];
    Ok(compile_scss(real, &load_paths, &files)?)
}
