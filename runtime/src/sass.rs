//! Sass sheets (`.scss`, and the indented `.sass`): compiled to CSS before the CSS
//! pipeline, reading only what the serve policy allows. A sheet's partials are recorded in
//! the module graph as sheets it imports, so that an edit of one updates the sheet, as an
//! `@import`ed CSS file does.
//!
//! Sass has loops, and grass cannot be interrupted. A sheet that loops for ever spins a
//! core, and one that emits rules as it loops also grows memory until the machine runs
//! out, taking every session with it. So the server compiles each sheet in a child
//! process of its own binary (`velocity compile-sass`) under a deadline and memory and CPU
//! ceilings, and kills it past them. Without the binary (library tests) a sheet compiles
//! on a thread instead.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use velocity_transform::{Diagnostic, ScssOutput, StyleFiles, TransformError, compile_scss};

use crate::error::ServeError;
use crate::policy::{Access, ServePolicy};
use crate::session::{Session, content_hash};

/// A compile may take at most this long.
const DEADLINE: Duration = Duration::from_secs(5);
/// Address space of a compiling child: far above what real sheets need (Bootstrap's
/// whole source compiles in tens of megabytes), far below what hurts the machine.
const MEMORY_LIMIT: u64 = 1 << 30;
/// CPU seconds of a compiling child: a backstop should its parent die before killing it.
const CPU_LIMIT: u64 = 10;

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

/// One compile: everything it needs, so that a child process can run it.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SassJob {
    entry: PathBuf,
    source: String,
    load_paths: Vec<PathBuf>,
    /// The session's allowed directories, its root first.
    allowed_dirs: Vec<PathBuf>,
}

impl SassJob {
    fn run(self) -> Result<ScssOutput, TransformError> {
        let (root, extra) = self
            .allowed_dirs
            .split_first()
            .map_or((Path::new("/nonexistent"), &[][..]), |(r, e)| {
                (r.as_path(), e)
            });
        let files = SessionFiles {
            policy: ServePolicy::new(root, extra),
            entry: self.entry,
            entry_source: self.source,
        };
        compile_scss(&files.entry, &self.load_paths, &files)
    }
}

/// How a compile ended, besides with a result.
enum Failure {
    /// Still running at the deadline.
    Stalled,
    /// The child died without a result: out of memory, out of CPU time, or a crash.
    Died(String),
    /// No compile ran (a process or thread could not start): worth trying again.
    NotStarted(String),
}

/// Compiles the Sass sheet `real` (its text is `source`; the syntax follows the extension).
pub fn compile(session: &Session, real: &Path, source: &str) -> Result<ScssOutput, ServeError> {
    let key = content_hash(format!("{}\0{source}", real.display()).as_bytes());
    let error = |message: String| {
        ServeError::Transform(TransformError::single(Diagnostic {
            file: real.display().to_string(),
            line: 1,
            column: 1,
            message,
            frame: String::new(),
        }))
    };
    let stalled_message = format!(
        "Sass did not finish compiling this sheet within {} s (an endless @while or @for?)",
        DEADLINE.as_secs()
    );
    if session
        .sass_stalled
        .lock()
        .expect("sass lock")
        .contains(&key)
    {
        return Err(error(format!(
            "{stalled_message}; it is not compiled again until it changes"
        )));
    }
    let job = SassJob {
        entry: real.to_path_buf(),
        source: source.to_string(),
        load_paths: vec![session.root().join("node_modules")],
        allowed_dirs: session.policy.allowed_dirs().to_vec(),
    };
    let outcome = match &session.config.worker_exe {
        Some(exe) => in_child(exe, &job),
        None => on_thread(job),
    };
    match outcome {
        Ok(result) => Ok(result?),
        Err(Failure::Stalled) => {
            tracing::error!(
                "{}: Sass compile ran past {} s and was stopped",
                real.display(),
                DEADLINE.as_secs()
            );
            session.sass_stalled.lock().expect("sass lock").insert(key);
            Err(error(stalled_message))
        }
        Err(Failure::Died(why)) => {
            tracing::error!("{}: Sass compile {why}", real.display());
            session.sass_stalled.lock().expect("sass lock").insert(key);
            Err(error(format!(
                "Sass {why} compiling this sheet (an endless loop?); it is not compiled again until it changes"
            )))
        }
        Err(Failure::NotStarted(why)) => {
            tracing::error!("{}: Sass compile could not start: {why}", real.display());
            Err(error(format!(
                "Sass could not start compiling this sheet: {why}"
            )))
        }
    }
}

type Outcome = Result<Result<ScssOutput, TransformError>, Failure>;

/// Runs the job in `exe compile-sass`, killed at the deadline.
fn in_child(exe: &Path, job: &SassJob) -> Outcome {
    let spawned = Command::new(exe)
        .arg("compile-sass")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) => return Err(Failure::NotStarted(e.to_string())),
    };
    let input = serde_json::to_vec(job).expect("a job serializes");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let (mut stdout, mut stderr) = (
        child.stdout.take().expect("piped stdout"),
        child.stderr.take().expect("piped stderr"),
    );
    // Each pipe has a reader of its own, so a child that writes a lot to one never
    // blocks on it; the readers end when the child does.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
        drop(stdin);
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        let _ = tx.send(out);
    });
    let errors = std::thread::spawn(move || {
        let mut err = Vec::new();
        let _ = stderr.read_to_end(&mut err);
        err
    });
    let output = rx.recv_timeout(DEADLINE);
    if output.is_err() {
        let _ = child.kill();
    }
    let status = child.wait();
    let stderr = errors.join().unwrap_or_default();
    let Ok(output) = output else {
        return Err(Failure::Stalled);
    };
    if let Ok(result) = serde_json::from_slice(&output) {
        return Ok(result);
    }
    let stderr = String::from_utf8_lossy(&stderr);
    let why = if stderr.contains("memory allocation") {
        format!("ran out of memory ({} MiB)", MEMORY_LIMIT / (1024 * 1024))
    } else {
        match status {
            Ok(s) => format!("stopped ({s})"),
            Err(e) => format!("stopped ({e})"),
        }
    };
    Err(Failure::Died(why))
}

/// Runs the job on a thread of its own. One that runs past the deadline is left to finish
/// (or spin) on its own: only a child process can be stopped.
fn on_thread(job: SassJob) -> Outcome {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("sass".into())
        .spawn(move || {
            let _ = tx.send(job.run());
        })
        .map_err(|e| Failure::NotStarted(e.to_string()))?;
    rx.recv_timeout(DEADLINE).map_err(|_| Failure::Stalled)
}

/// `velocity compile-sass`: reads a [`SassJob`] from stdin, writes its result to stdout,
/// within this process's memory and CPU ceilings.
pub fn compile_sass_command() -> std::process::ExitCode {
    limit_resources();
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return std::process::ExitCode::FAILURE;
    }
    let Ok(job) = serde_json::from_slice::<SassJob>(&input) else {
        eprintln!("compile-sass: the job on stdin is not valid");
        return std::process::ExitCode::FAILURE;
    };
    let result = job.run();
    let mut stdout = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut stdout, &result).is_ok() && stdout.flush().is_ok();
    if written {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

#[cfg(unix)]
fn limit_resources() {
    for (resource, limit) in [
        (libc::RLIMIT_AS, MEMORY_LIMIT),
        (libc::RLIMIT_CPU, CPU_LIMIT),
    ] {
        let rlimit = libc::rlimit {
            rlim_cur: limit as libc::rlim_t,
            rlim_max: limit as libc::rlim_t,
        };
        // SAFETY: setrlimit reads the struct it is given and changes only this process.
        unsafe {
            libc::setrlimit(resource, &rlimit);
        }
    }
}

#[cfg(not(unix))]
fn limit_resources() {}
