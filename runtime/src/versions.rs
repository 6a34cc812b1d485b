//! Content-versioned module URLs, so a reload asks for nothing that did not change.
//!
//! Each served module records what its answer is made of ([`Inputs`]): its source's
//! hash and the URLs it names. A module's version hashes those together with the versions
//! of the modules it imports (a Merkle hash), so it changes whenever anything it reaches
//! changes, and an importer names `?v=<version>` for it, served `immutable`.
//!
//! - Modules in an import cycle cannot name each other's versions: they stay unversioned,
//!   revalidated like any plain URL, and so does anything whose inputs are unknown.
//! - A module an HMR update touched keeps Vite's `?t=`, the URL the page imported it by.
//! - The table is frozen when a page is served: an open page keeps getting the URLs it
//!   already holds (a lazily loaded module must not bring a second copy of an ancestor),
//!   and a request whose version is no longer current is answered `no-cache`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// A URL a module's answer names. `node` is the module-graph URL when the URL can carry
/// a version (a project file); the version itself is not part of `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub url: String,
    pub node: Option<String>,
}

/// What a served answer is made of, besides the session's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub source: [u8; 16],
    pub refs: Vec<Ref>,
}

/// Versions in effect for the pages served since it was frozen.
#[derive(Debug, Default)]
pub struct Table {
    /// The served-cache generation the versions were true for; a later one means some
    /// file changed and no answer is immutable until the next page freezes a new table.
    pub generation: u64,
    epoch: u64,
    fingerprint: [u8; 16],
    versions: HashMap<String, String>,
}

impl Table {
    pub fn version(&self, node: &str) -> Option<&str> {
        self.versions.get(node).map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.versions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.versions.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct Versions {
    inputs: Mutex<HashMap<String, Inputs>>,
    /// Bumped whenever `inputs` changes.
    epoch: AtomicU64,
    table: RwLock<Arc<Table>>,
}

impl Versions {
    /// Remembers what the answer for `node` was made of.
    pub fn record(&self, node: &str, inputs: Inputs) {
        let mut map = self.inputs.lock().expect("versions lock");
        if map.get(node) != Some(&inputs) {
            map.insert(node.to_string(), inputs);
            self.epoch.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// How many modules' inputs are known.
    pub fn recorded(&self) -> usize {
        self.inputs.lock().expect("versions lock").len()
    }

    /// Forgets a module whose file changed (or that cannot be versioned).
    pub fn forget(&self, node: &str) {
        if self
            .inputs
            .lock()
            .expect("versions lock")
            .remove(node)
            .is_some()
        {
            self.epoch.fetch_add(1, Ordering::SeqCst);
        }
    }

    /// The frozen table.
    pub fn table(&self) -> Arc<Table> {
        self.table.read().expect("versions lock").clone()
    }

    /// Whether a page served now would need a new table.
    pub fn is_stale(&self, fingerprint: [u8; 16], generation: u64) -> bool {
        let t = self.table();
        t.epoch != self.epoch.load(Ordering::SeqCst)
            || t.fingerprint != fingerprint
            || t.generation != generation
    }

    /// Freezes a new table, true for `generation` (the caller bumps the served cache to it
    /// right after, so that no answer rendered with the old table stays cached).
    pub fn freeze(&self, fingerprint: [u8; 16], generation: u64, timestamp: impl Fn(&str) -> u64) {
        let epoch = self.epoch.load(Ordering::SeqCst);
        let versions = {
            let inputs = self.inputs.lock().expect("versions lock");
            compute(&inputs, &fingerprint, &timestamp)
        };
        *self.table.write().expect("versions lock") = Arc::new(Table {
            generation,
            epoch,
            fingerprint,
            versions,
        });
    }
}

/// Versions for every module that can have one, bottom-up over the strongly connected
/// components of the import graph (Tarjan's algorithm, iterative).
fn compute(
    inputs: &HashMap<String, Inputs>,
    fingerprint: &[u8; 16],
    timestamp: &impl Fn(&str) -> u64,
) -> HashMap<String, String> {
    let mut nodes: Vec<&str> = inputs.keys().map(String::as_str).collect();
    nodes.sort_unstable();
    let edges = |n: &str| -> Vec<&str> {
        inputs[n]
            .refs
            .iter()
            .filter_map(|r| r.node.as_deref())
            .filter(|c| inputs.contains_key(*c))
            .collect()
    };
    let mut versions: HashMap<String, String> = HashMap::new();
    let mut walk = Walk::default();
    for &root in &nodes {
        if walk.index.contains_key(root) {
            continue;
        }
        walk.enter(root);
        let mut work: Vec<(&str, Vec<&str>, usize)> = vec![(root, edges(root), 0)];
        while let Some((u, children, pos)) = work.last_mut() {
            let u = *u;
            if *pos < children.len() {
                let w = children[*pos];
                *pos += 1;
                if !walk.index.contains_key(w) {
                    walk.enter(w);
                    work.push((w, edges(w), 0));
                } else if walk.on_stack.contains(w) {
                    let l = walk.low[u].min(walk.index[w]);
                    walk.low.insert(u, l);
                }
                continue;
            }
            work.pop();
            if let Some((p, _, _)) = work.last() {
                let l = walk.low[*p].min(walk.low[u]);
                walk.low.insert(*p, l);
            }
            if walk.low[u] != walk.index[u] {
                continue;
            }
            let mut component = Vec::new();
            while let Some(w) = walk.stack.pop() {
                walk.on_stack.remove(w);
                component.push(w);
                if w == u {
                    break;
                }
            }
            let cyclic = component.len() > 1 || edges(u).contains(&u);
            if !cyclic && timestamp(u) == 0 {
                let v = version_of(u, &inputs[u], fingerprint, &versions, timestamp);
                versions.insert(u.to_string(), v);
            }
        }
    }
    versions
}

/// Tarjan's bookkeeping: discovery order, low links, and the stack of open nodes.
#[derive(Default)]
struct Walk<'a> {
    index: HashMap<&'a str, usize>,
    low: HashMap<&'a str, usize>,
    on_stack: HashSet<&'a str>,
    stack: Vec<&'a str>,
    next: usize,
}

impl<'a> Walk<'a> {
    fn enter(&mut self, n: &'a str) {
        self.index.insert(n, self.next);
        self.low.insert(n, self.next);
        self.next += 1;
        self.stack.push(n);
        self.on_stack.insert(n);
    }
}

fn version_of(
    node: &str,
    inputs: &Inputs,
    fingerprint: &[u8; 16],
    versions: &HashMap<String, String>,
    timestamp: &impl Fn(&str) -> u64,
) -> String {
    let mut text = Vec::with_capacity(64 + inputs.refs.len() * 48);
    text.extend_from_slice(fingerprint);
    text.extend_from_slice(node.as_bytes());
    text.push(0);
    text.extend_from_slice(&inputs.source);
    for r in &inputs.refs {
        text.extend_from_slice(r.url.as_bytes());
        text.push(0);
        if let Some(c) = &r.node {
            let t = timestamp(c);
            if t > 0 {
                text.extend_from_slice(format!("t={t}").as_bytes());
            } else if let Some(v) = versions.get(c) {
                text.extend_from_slice(v.as_bytes());
            }
        }
        text.push(b'\n');
    }
    crate::session::content_hash(&text)[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(source: &str, children: &[&str]) -> Inputs {
        Inputs {
            source: crate::session::content_hash(source.as_bytes()),
            refs: children
                .iter()
                .map(|c| Ref {
                    url: c.to_string(),
                    node: Some(c.to_string()),
                })
                .collect(),
        }
    }

    fn table(graph: &[(&str, &str, &[&str])], t: &[(&str, u64)]) -> HashMap<String, String> {
        let map: HashMap<String, Inputs> = graph
            .iter()
            .map(|(n, s, c)| (n.to_string(), inputs(s, c)))
            .collect();
        let ts: HashMap<&str, u64> = t.iter().copied().collect();
        compute(&map, &[0; 16], &|n| ts.get(n).copied().unwrap_or(0))
    }

    #[test]
    fn a_version_covers_everything_a_module_reaches() {
        let g = |leaf: &'static str| {
            table(
                &[
                    ("/main", "m", &["/app", "/other"]),
                    ("/app", "a", &["/leaf"]),
                    ("/leaf", leaf, &[]),
                    ("/other", "o", &[]),
                ],
                &[],
            )
        };
        let (before, after) = (g("one"), g("two"));
        assert_eq!(before.len(), 4);
        for changed in ["/main", "/app", "/leaf"] {
            assert_ne!(before[changed], after[changed], "{changed}");
        }
        assert_eq!(before["/other"], after["/other"], "siblings keep theirs");
        assert_eq!(before, g("one"), "the same inputs, the same versions");
    }

    #[test]
    fn cycles_stay_unversioned_and_their_importers_do_not() {
        // main → a ⇄ b → leaf; main → c → b: a and b form a cycle.
        let v = table(
            &[
                ("/main", "m", &["/a", "/c"]),
                ("/a", "a", &["/b"]),
                ("/b", "b", &["/a", "/leaf"]),
                ("/c", "c", &["/b"]),
                ("/leaf", "l", &[]),
                ("/self", "s", &["/self"]),
            ],
            &[],
        );
        assert!(!v.contains_key("/a") && !v.contains_key("/b"), "{v:?}");
        assert!(!v.contains_key("/self"));
        for n in ["/main", "/c", "/leaf"] {
            assert!(v.contains_key(n), "{n}: {v:?}");
        }
    }

    #[test]
    fn hmr_touched_modules_keep_their_timestamp() {
        let graph: &[(&str, &str, &[&str])] = &[("/main", "m", &["/leaf"]), ("/leaf", "l", &[])];
        let fresh = table(graph, &[]);
        let touched = table(graph, &[("/leaf", 3)]);
        assert!(!touched.contains_key("/leaf"));
        assert_ne!(
            fresh["/main"], touched["/main"],
            "the importer names ?t=3 now"
        );
        assert_ne!(touched["/main"], table(graph, &[("/leaf", 4)])["/main"]);
    }

    #[test]
    fn unknown_children_and_the_fingerprint_count() {
        let map: HashMap<String, Inputs> =
            [("/main".to_string(), inputs("m", &["/not-served-yet"]))].into();
        let a = compute(&map, &[0; 16], &|_| 0);
        let b = compute(&map, &[1; 16], &|_| 0);
        assert!(a.contains_key("/main"));
        assert_ne!(
            a["/main"], b["/main"],
            "configuration is part of every version"
        );
    }

    #[test]
    fn freezing_tracks_changes() {
        let v = Versions::default();
        assert!(v.is_stale([0; 16], 1));
        v.record("/main", inputs("m", &[]));
        v.freeze([0; 16], 1, |_| 0);
        assert!(!v.is_stale([0; 16], 1));
        assert!(v.table().version("/main").is_some());
        v.record("/main", inputs("m", &[]));
        assert!(!v.is_stale([0; 16], 1), "the same inputs change nothing");
        assert!(v.is_stale([0; 16], 2), "a file changed");
        v.record("/main", inputs("m2", &[]));
        assert!(v.is_stale([0; 16], 1));
        v.freeze([0; 16], 2, |_| 0);
        v.forget("/main");
        assert!(v.is_stale([0; 16], 2));
    }
}
