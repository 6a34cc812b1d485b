//! Sass sheets (`.scss`, and the indented `.sass`): compiled to CSS before the CSS pipeline, reading only what the serve
//! policy allows. A sheet's partials are recorded in the module graph as sheets it
//! imports, so that an edit of one updates the sheet, as an `@import`ed CSS file does.

use std::path::{Path, PathBuf};

use std::time::Duration;

use velocity_transform::{Diagnostic, ScssOutput, StyleFiles, TransformError, compile_scss};

use crate::error::ServeError;
use crate::policy::{Access, ServePolicy};
use crate::session::{Session, content_hash};

/// A compile may take at most this long. Sass has loops, and grass cannot be
/// interrupted: a sheet past its deadline is answered with an error while its thread is
/// left to finish (or spin) on its own.
const DEADLINE: Duration = Duration::from_secs(5);

/// What a sheet may read: files the policy allows, the entry's text as given.
struct SessionFiles {
    policy: ServePolicy,
    entry: PathBuf,
    entry_source: String,
}

impl StyleFiles for SessionFiles {
    fn read(&self, path: &Path) -> Option<Vec<u8>> {
        if path == self.entry {
            return Some(self.entry_source.as_bytes().to_vec());
        }
        match self.policy.check(path) {
            Access::Allowed(real) => std::fs::read(real).ok(),
            _ => None,
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        path == self.entry || matches!(self.policy.check(path), Access::Allowed(_))
    }

    fn is_dir(&self, path: &Path) -> bool {
        let inside = self
            .policy
            .allowed_dirs()
            .iter()
            .any(|d| path.starts_with(d));
        inside && path.is_dir()
    }
}

/// Compiles the Sass sheet `real` (its text is `source`; the syntax follows the extension).
pub fn compile(session: &Session, real: &Path, source: &str) -> Result<ScssOutput, ServeError> {
    let key = content_hash(format!("{}\0{source}", real.display()).as_bytes());
    let stalled = |again: bool| {
        let mut message = format!(
            "Sass did not finish compiling this sheet within {} s (an endless @while or @for?)",
            DEADLINE.as_secs()
        );
        if again {
            message.push_str("; it is not compiled again until it changes");
        }
        let d = Diagnostic {
            file: real.display().to_string(),
            line: 1,
            column: 1,
            message,
            frame: String::new(),
        };
        ServeError::Transform(TransformError::single(d))
    };
    if session
        .sass_stalled
        .lock()
        .expect("sass lock")
        .contains(&key)
    {
        return Err(stalled(true));
    }
    let files = SessionFiles {
        policy: session.policy.clone(),
        entry: real.to_path_buf(),
        entry_source: source.to_string(),
    };
    let load_paths: Vec<PathBuf> = vec![session.root().join("node_modules")];
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("sass".into())
        .spawn(move || {
            let _ = tx.send(compile_scss(&files.entry.clone(), &load_paths, &files));
        })
        .map_err(|e| ServeError::Io {
            path: real.display().to_string(),
            source: e,
        })?;
    match rx.recv_timeout(DEADLINE) {
        Ok(result) => Ok(result?),
        Err(_) => {
            tracing::error!(
                "{}: Sass compile ran past {} s",
                real.display(),
                DEADLINE.as_secs()
            );
            session.sass_stalled.lock().expect("sass lock").insert(key);
            Err(stalled(false))
        }
    }
}
