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
    /// Past a ceiling (the deadline, memory, CPU time, output size): it would end the
    /// same way again, so it is remembered until a Sass file changes.
    Runaway(String),
    /// It crashed or could not start: reported, and tried again next time.
    Broken(String),
}

type Outcome = Result<Result<ScssOutput, TransformError>, Failure>;

/// The most CSS a compile may write.
const OUTPUT_LIMIT: u64 = 64 << 20;

/// The exit status of `compile-sass` for a job it cannot read (a binary replaced by
/// another version while the server runs).
const INVALID_JOB: i32 = 3;

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
    let remembered = || {
        let runaways = session.sass_runaways.lock().expect("sass lock");
        runaways.get(&key).map(|why| {
            error(format!(
                "Sass {why}; it is not compiled again until a Sass file changes"
            ))
        })
    };
    if let Some(e) = remembered() {
        return Err(e);
    }
    // One compile at a time per session: a burst of requests for a runaway sheet starts
    // one child, not one each.
    let _running = session.sass_running.lock().expect("sass lock");
    if let Some(e) = remembered() {
        return Err(e);
    }
    let job = SassJob {
        entry: real.to_path_buf(),
        source: source.to_string(),
        load_paths: vec![session.root().join("node_modules")],
        allowed_dirs: session.policy.allowed_dirs().to_vec(),
    };
    let outcome = match &session.config.workers {
        Some(workers) => {
            let _slot = workers.slot();
            in_child(workers.exe(), &job)
        }
        None => on_thread(job),
    };
    match outcome {
        Ok(result) => Ok(result?),
        Err(Failure::Runaway(why)) => {
            tracing::error!("{}: Sass {why}; stopped", real.display());
            session
                .sass_runaways
                .lock()
                .expect("sass lock")
                .insert(key, why.clone());
            Err(error(format!("Sass {why}")))
        }
        Err(Failure::Broken(why)) => {
            tracing::error!("{}: Sass {why}", real.display());
            Err(error(format!("Sass {why}")))
        }
    }
}

fn stalled() -> Failure {
    Failure::Runaway(format!(
        "did not finish compiling this sheet within {} s (an endless @while or @for?)",
        DEADLINE.as_secs()
    ))
}

/// Runs the job in `exe compile-sass`, killed at the deadline.
fn in_child(exe: &Path, job: &SassJob) -> Outcome {
    let input = serde_json::to_vec(job)
        .map_err(|e| Failure::Broken(format!("could not start compiling this sheet ({e})")))?;
    let mut child = Command::new(exe)
        .arg("compile-sass")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::Broken(format!("could not start compiling this sheet ({e})")))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let (stdout, mut stderr) = (
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
        let _ = stdout.take(OUTPUT_LIMIT + 1).read_to_end(&mut out);
        let _ = tx.send(out);
    });
    let errors = std::thread::spawn(move || {
        let mut err = Vec::new();
        let _ = (&mut stderr).take(64 << 10).read_to_end(&mut err);
        // The rest is drained so that the child never blocks on a full pipe.
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        err
    });
    let output = rx.recv_timeout(DEADLINE);
    let too_big = output.as_ref().is_ok_and(|o| o.len() as u64 > OUTPUT_LIMIT);
    if output.is_err() || too_big {
        let _ = child.kill();
    }
    let status = child.wait();
    let stderr = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
    let Ok(output) = output else {
        return Err(stalled());
    };
    if too_big {
        return Err(Failure::Runaway(format!(
            "wrote more than {} MiB of CSS for this sheet (an endless loop?)",
            OUTPUT_LIMIT >> 20
        )));
    }
    if let Ok(result) = serde_json::from_slice(&output) {
        return Ok(result);
    }
    Err(failure(status, &stderr))
}

/// Why a child ended without a result, from its status and what it said.
fn failure(status: std::io::Result<std::process::ExitStatus>, stderr: &str) -> Failure {
    if stderr.contains("memory allocation") {
        return Failure::Runaway(format!(
            "ran out of memory ({} MiB) compiling this sheet (an endless loop?)",
            MEMORY_LIMIT >> 20
        ));
    }
    #[cfg(unix)]
    if let Ok(s) = &status
        && std::os::unix::process::ExitStatusExt::signal(s) == Some(libc::SIGXCPU)
    {
        return Failure::Runaway(format!(
            "used up its {CPU_LIMIT} s of CPU time compiling this sheet (an endless loop?)"
        ));
    }
    let said = stderr.trim().lines().last().unwrap_or("").to_string();
    match status {
        Ok(s) if s.code() == Some(INVALID_JOB) => Failure::Broken(format!(
            "could not start compiling this sheet (the compiler did not understand its job: {said})"
        )),
        Ok(s) => Failure::Broken(format!("stopped compiling this sheet ({s}): {said}")),
        Err(e) => Failure::Broken(format!("stopped compiling this sheet ({e})")),
    }
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
        .map_err(|e| Failure::Broken(format!("could not start compiling this sheet ({e})")))?;
    rx.recv_timeout(DEADLINE).map_err(|e| match e {
        std::sync::mpsc::RecvTimeoutError::Timeout => stalled(),
        std::sync::mpsc::RecvTimeoutError::Disconnected => {
            Failure::Broken("crashed compiling this sheet".into())
        }
    })
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
        return std::process::ExitCode::from(INVALID_JOB as u8);
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
    // No core file: one that ran out of memory would write a gigabyte of it.
    for (resource, limit) in [
        (libc::RLIMIT_AS, MEMORY_LIMIT),
        (libc::RLIMIT_CPU, CPU_LIMIT),
        (libc::RLIMIT_CORE, 0),
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
