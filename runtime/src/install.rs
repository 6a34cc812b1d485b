//! Installing a project's packages when `node_modules` is missing: once, before serving,
//! with the package manager its lockfile names. Never on the request path.

use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use tokio::io::{AsyncBufReadExt, BufReader};

/// The package manager and arguments for a project, from its lockfile.
pub fn install_command(root: &Path) -> (&'static str, Vec<&'static str>) {
    if root.join("pnpm-lock.yaml").is_file() {
        ("pnpm", vec!["install", "--frozen-lockfile"])
    } else if root.join("yarn.lock").is_file() {
        ("yarn", vec!["install", "--frozen-lockfile"])
    } else if root.join("bun.lockb").is_file() || root.join("bun.lock").is_file() {
        ("bun", vec!["install"])
    } else if root.join("package-lock.json").is_file() {
        ("npm", vec!["ci", "--no-audit", "--no-fund"])
    } else {
        ("npm", vec!["install", "--no-audit", "--no-fund"])
    }
}

pub fn needs_install(root: &Path) -> bool {
    root.join("package.json").is_file() && !root.join("node_modules").is_dir()
}

/// Runs the install, echoing its output as progress lines.
pub async fn install(root: &Path) -> Result<(), String> {
    let (program, args) = install_command(root);
    let started = Instant::now();
    tracing::info!("node_modules missing: running {program} {}", args.join(" "));
    let mut child = tokio::process::Command::new(program)
        .args(&args)
        .current_dir(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("could not start {program}: {e} (install it, or pass --no-install)")
        })?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let (status, _, _) = tokio::join!(child.wait(), echo(program, stdout), echo(program, stderr));
    let status = status.map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("{program} {} failed with {status}", args.join(" ")));
    }
    tracing::info!(
        "installed packages in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

async fn echo(program: &str, r: impl tokio::io::AsyncRead + Unpin) {
    let mut lines = BufReader::new(r).lines();
    while let Ok(Some(line)) = lines.next_line().await {
        if !line.trim().is_empty() {
            tracing::info!("[{program}] {line}");
        }
    }
}
