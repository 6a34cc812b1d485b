//! The machine-wide store of dependency bundles: memory first, then disk, then rolldown.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::sync::OnceCell;

use crate::DepError;
use crate::bundle::{DepBundle, DepEntry, bundle_dependencies};
use crate::key::{DepKey, dep_key, reachable_packages};
use crate::plan::DepPlan;

/// The entries sorted and deduplicated, and the key of their bundle.
fn keyed(root: &Path, entries: &[String]) -> (Vec<String>, DepKey) {
    let mut entries = entries.to_vec();
    entries.sort();
    entries.dedup();
    let packages = reachable_packages(root, &entries);
    let key = dep_key(&entries, &packages);
    (entries, key)
}

const METADATA: &str = "_metadata.json";

/// Shared by every session in the process; cheap to clone through `Arc`.
#[derive(Debug)]
pub struct DepStore {
    dir: PathBuf,
    bundles: Mutex<HashMap<DepKey, Arc<OnceCell<Arc<DepBundle>>>>>,
    /// Bundle in a child process (`<program> <args…> <root> <entries…>`) rather than here.
    bundler: Option<(PathBuf, Vec<String>)>,
}

impl DepStore {
    /// `dir` is the machine-wide cache directory (`$VELOCITY_CACHE_DIR`).
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            bundles: Mutex::new(HashMap::new()),
            bundler: None,
        }
    }

    /// Builds bundles in a child process that writes them to the disk cache, where this
    /// store reads them. A server then never holds rolldown's code or heap: its memory
    /// stays that of serving, and a bundler crash is an error, not an outage. The child
    /// is run as `program args… --cache-dir <dir> <root> <entries…>` and is expected to
    /// call [`DepStore::get`] on a store of its own.
    pub fn bundling_in(mut self, program: PathBuf, args: Vec<String>) -> Self {
        self.bundler = Some((program, args));
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A bundle still in memory by the `?v=` hash browsers saw: pages that loaded an
    /// earlier bundle can finish loading it while they are told to reload.
    pub fn by_browser_hash(&self, hash: &str) -> Option<Arc<DepBundle>> {
        let bundles = self.bundles.lock().expect("store lock");
        bundles
            .iter()
            .filter(|(k, _)| k.browser_hash() == hash)
            .find_map(|(_, c)| c.get().cloned())
    }

    /// Number of distinct bundles held in memory.
    pub fn loaded(&self) -> usize {
        self.bundles
            .lock()
            .expect("store lock")
            .values()
            .filter(|c| c.initialized())
            .count()
    }

    /// The bundle for `entries` as resolved from `root`; built at most once per key, even
    /// when many sessions ask at the same moment.
    pub async fn get(&self, root: &Path, entries: &[String]) -> Result<Arc<DepBundle>, DepError> {
        let (entries, key) = keyed(root, entries);
        let cell = self
            .bundles
            .lock()
            .expect("store lock")
            .entry(key.clone())
            .or_default()
            .clone();
        cell.get_or_try_init(|| async {
            if let Some(b) = self.read_disk(&key) {
                tracing::debug!(key = %key.browser_hash(), "dependency bundle from disk cache");
                return Ok(Arc::new(b));
            }
            let started = Instant::now();
            tracing::info!(
                "bundling {} dependencies: {}",
                entries.len(),
                entries.join(", ")
            );
            let child = match &self.bundler {
                Some((program, args)) => {
                    self.bundle_in_child(program, args, root, &entries).await?
                }
                None => false,
            };
            let bundle = match child {
                true => self.read_disk(&key).ok_or_else(|| {
                    DepError::Bundle(format!(
                        "the bundler process left no bundle {} in {}",
                        key.0,
                        self.dir.display()
                    ))
                })?,
                false => {
                    let bundle = bundle_dependencies(root, &entries, key.clone()).await?;
                    if let Err(e) = self.write_disk(&bundle) {
                        tracing::warn!("could not write dependency cache: {e}");
                    }
                    bundle
                }
            };
            tracing::info!(
                "bundled {} dependencies ({} files, {} KiB) in {} ms",
                entries.len(),
                bundle.files.len(),
                bundle.total_bytes() / 1024,
                started.elapsed().as_millis()
            );
            Ok(Arc::new(bundle))
        })
        .await
        .cloned()
    }

    /// What [`DepStore::get`] will return for these entries, as far as importers must
    /// know, without waiting for a bundle to be built: the plan of the bundle when it is
    /// in memory or on disk, else a prediction from `default_only` (see
    /// [`DepPlan::predict`]), which the built bundle may still contradict.
    pub fn plan(
        &self,
        root: &Path,
        entries: &[String],
        default_only: impl FnMut(&str) -> Option<bool>,
    ) -> Option<DepPlan> {
        let (entries, key) = keyed(root, entries);
        let held = self
            .bundles
            .lock()
            .expect("store lock")
            .get(&key)
            .and_then(|c| c.get().cloned());
        if let Some(b) = held {
            return Some(DepPlan::of(&b));
        }
        if let Some(entries) = self.read_metadata(&key) {
            return Some(DepPlan { key, entries });
        }
        DepPlan::predict(key, &entries, default_only)
    }

    /// Runs the bundler child. `Ok(false)` when it cannot be started (the binary was
    /// replaced while running, say): the caller bundles in this process instead.
    async fn bundle_in_child(
        &self,
        program: &Path,
        args: &[String],
        root: &Path,
        entries: &[String],
    ) -> Result<bool, DepError> {
        let out = tokio::process::Command::new(program)
            .args(args)
            .arg("--cache-dir")
            .arg(&self.dir)
            .arg(root)
            .args(entries)
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .output()
            .await;
        let out = match out {
            Ok(out) => out,
            Err(e) => {
                tracing::warn!(
                    "could not start the bundler process {}: {e}; bundling in this one",
                    program.display()
                );
                return Ok(false);
            }
        };
        if out.status.success() {
            return Ok(true);
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let message = stderr.trim();
        Err(DepError::Bundle(if message.is_empty() {
            format!("the bundler process ended with {}", out.status)
        } else {
            message.to_string()
        }))
    }

    fn bundle_dir(&self, key: &DepKey) -> PathBuf {
        self.dir.join("deps").join(&key.0)
    }

    fn read_metadata(&self, key: &DepKey) -> Option<BTreeMap<String, DepEntry>> {
        let path = self.bundle_dir(key).join(METADATA);
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }

    fn read_disk(&self, key: &DepKey) -> Option<DepBundle> {
        let dir = self.bundle_dir(key);
        let meta = self.read_metadata(key)?;
        let mut files = HashMap::new();
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name == METADATA {
                continue;
            }
            files.insert(name, Arc::from(std::fs::read(entry.path()).ok()?));
        }
        Some(DepBundle {
            key: key.clone(),
            entries: meta,
            files,
        })
    }

    fn write_disk(&self, bundle: &DepBundle) -> Result<(), DepError> {
        let dir = self.bundle_dir(&bundle.key);
        let tmp = dir.with_extension(format!("tmp{}", std::process::id()));
        let io = |source| DepError::Cache {
            path: tmp.clone(),
            source,
        };
        std::fs::create_dir_all(&tmp).map_err(io)?;
        for (name, bytes) in &bundle.files {
            std::fs::write(tmp.join(name), bytes).map_err(io)?;
        }
        let meta = serde_json::to_vec_pretty(&bundle.entries).expect("metadata serialises");
        std::fs::write(tmp.join(METADATA), meta).map_err(io)?;
        if std::fs::rename(&tmp, &dir).is_err() {
            // Another process wrote the same content first.
            let _ = std::fs::remove_dir_all(&tmp);
        }
        Ok(())
    }
}
