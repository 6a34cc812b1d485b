//! The page warm-up: once a page is viewed and the start-up crawl has planned the app's
//! dependencies, the modules the crawl reached from `index.html` are rendered into the
//! served cache in the order the browser asks for them, so that the page's requests find
//! their answers ready.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::answer;
use crate::crawl::html_entries;
use crate::session::Session;
use crate::url;

/// The page warm-up's state: the crawled modules, once they can be answered, and whether
/// a page was viewed. The warm-up runs once, when both are there.
#[derive(Debug, Default)]
pub struct Warmup(Mutex<WarmupState>);

#[derive(Debug, Default)]
struct WarmupState {
    modules: Option<Arc<[PathBuf]>>,
    viewed: bool,
    started: bool,
}

impl Warmup {
    /// Applies `change`; the modules to warm when that made the warm-up due.
    fn due_after(&self, change: impl FnOnce(&mut WarmupState)) -> Option<Arc<[PathBuf]>> {
        let mut state = self.0.lock().expect("warm-up lock");
        change(&mut state);
        if state.viewed && !state.started {
            let modules = state.modules.clone()?;
            state.started = true;
            return Some(modules);
        }
        None
    }

    pub fn started(&self) -> bool {
        self.0.lock().expect("warm-up lock").started
    }
}

/// Called whenever a page is served: the first one warms the served cache.
pub fn page_viewed(session: &Arc<Session>) {
    if let Some(modules) = session.warmup.due_after(|s| s.viewed = true) {
        spawn_warm(session, modules);
    }
}

/// The crawled modules can be answered now (their dependencies are planned).
pub(crate) fn crawled(session: &Arc<Session>, modules: Arc<[PathBuf]>) {
    let due = session.warmup.due_after(|s| {
        s.modules.get_or_insert(modules);
    });
    if let Some(modules) = due {
        spawn_warm(session, modules);
    }
}

fn spawn_warm(session: &Arc<Session>, modules: Arc<[PathBuf]>) {
    let s = session.clone();
    tokio::spawn(async move { warm(&s, &modules).await });
}

/// How a page asks for each crawled module: its entries as `index.html` names them, every
/// other module as its importers name it under the version table in force.
struct PageUrls {
    table: Arc<crate::versions::Table>,
    entries: HashSet<PathBuf>,
}

impl PageUrls {
    fn new(session: &Session) -> Self {
        Self {
            table: session.versions.table(),
            entries: html_entries(session)
                .into_iter()
                .filter_map(|e| e.canonicalize().ok())
                .collect(),
        }
    }

    /// The URL of `file` without the session's base, and its query.
    fn of(&self, session: &Session, file: &std::path::Path) -> (String, url::Query) {
        let url = match self.entries.contains(file) {
            true => url::file_url(session.root(), file),
            false => {
                let named = crate::pipeline::page_url(session, &self.table, file);
                let base = session.base().trim_end_matches('/');
                named.strip_prefix(base).unwrap_or(&named).to_string()
            }
        };
        let query = url::Query::parse(url.split_once('?').map_or("", |(_, q)| q));
        (url, query)
    }
}

/// Serves every crawled module once, so the server knows what each answer is made of and
/// the first page can already name modules by content version (see `versions`). It runs
/// in quiet moments, until a page is viewed: the warm-up then renders what is left, for
/// that page's table.
pub(crate) async fn prerender(session: &Session, files: &[PathBuf]) {
    let started = Instant::now();
    let urls = PageUrls::new(session);
    for file in files {
        while session.quiet_for() < std::time::Duration::from_millis(250) {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if session.warmup.started() {
            return;
        }
        let (url, query) = urls.of(session, file);
        let path = url.split('?').next().unwrap_or(&url);
        let _ = crate::pipeline::serve_module(session, path, &query, false, true).await;
    }
    tracing::debug!(
        "prerendered {} modules in {} ms",
        files.len(),
        started.elapsed().as_millis()
    );
}

/// Renders the crawled modules into the served cache in the crawl's order, which is the
/// order the browser asks in, under the URLs the version table in force names them by.
/// On a machine the browser keeps busy, a module rendered on request took 1.5–2 ms to its
/// first byte at the median, against 0.1 ms for a kept one, and a page waits for ~350 of
/// them. A page served meanwhile with a new table ends it: the rest would be kept under
/// URLs nobody asks for.
async fn warm(session: &Session, modules: &[PathBuf]) {
    let started = Instant::now();
    let urls = PageUrls::new(session);
    // Half the cache at most: a larger app keeps room for what its page asks for first.
    let mut warmed = 0;
    for file in modules.iter().take(crate::served_cache::MAX_ENTRIES / 2) {
        if !Arc::ptr_eq(&urls.table, &session.versions.table()) {
            break;
        }
        warmed += 1;
        let (url, query) = urls.of(session, file);
        let (path, raw_query) = url.split_once('?').unwrap_or((&url, ""));
        let asked = answer::Asked::imported(path, raw_query, &query);
        let _ = answer::module(session, asked).await;
        tokio::task::yield_now().await;
    }
    tracing::debug!(
        "warmed {warmed} modules for the first page in {} ms",
        started.elapsed().as_millis()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer kept for a module URL as a browser would ask for it (`<script src>` or
    /// an import: `Sec-Fetch-Dest: script`).
    fn kept(session: &Session, page_url: &str) -> Option<String> {
        let (path, raw_query) = page_url.split_once('?').unwrap_or((page_url, ""));
        let query = url::Query::parse(raw_query);
        let asked = answer::Asked::imported(path, raw_query, &query);
        let file = url::url_file(session.root(), path);
        let stamp = || crate::served_cache::FileStamp::of(&file);
        let served = session.served.get(&asked.key(), stamp)?;
        Some(String::from_utf8_lossy(&served.body).into_owned())
    }

    async fn wait_kept(session: &Session, page_url: &str) -> String {
        for _ in 0..200 {
            if let Some(code) = kept(session, page_url) {
                return code;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("{page_url} was not answered ahead of its request");
    }

    /// The URL a module's answer imports `name` by.
    fn imported_url(code: &str, name: &str) -> String {
        let i = code
            .find(name)
            .unwrap_or_else(|| panic!("{name} in {code}"));
        let start = code[..i].rfind('"').unwrap() + 1;
        let end = i + code[i..].find('"').unwrap();
        code[start..end].to_string()
    }

    /// Once a page is viewed, its modules are answered ahead of its requests, under the
    /// URLs the page asks by: unversioned when the page came before the crawl (a cold
    /// start), versioned when it came after (the page froze the versions the crawl found).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_viewed_page_finds_its_modules_answered() {
        for late in [false, true] {
            let root = std::env::temp_dir()
                .join(format!("velocity-crawl-warm-{late}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(root.join("src")).unwrap();
            for (path, text) in [
                (
                    "index.html",
                    "<script type=module src=/src/main.js></script>\n",
                ),
                (
                    "src/main.js",
                    "import { a } from './a.js'\nimport './b.css'\nconsole.log(a)\n",
                ),
                (
                    "src/a.js",
                    "import logo from './c.svg'\nexport const a = logo\n",
                ),
                ("src/b.css", "body { margin: 0 }\n"),
                ("src/c.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"),
            ] {
                std::fs::write(root.join(path), text).unwrap();
            }
            let store = Arc::new(velocity_deps::DepStore::new(root.join(".cache")));
            let config = crate::config::SessionConfig::load(&root, None).expect("config");
            let session = Session::new(config, store);
            crate::crawl::start(&session);
            if late {
                // The crawl's quiet pre-render records every module's inputs.
                for _ in 0..200 {
                    if session.versions.recorded() == 4 {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                assert_eq!(session.versions.recorded(), 4);
            }
            session.refresh_versions();
            page_viewed(&session);
            let main = wait_kept(&session, "/src/main.js").await;
            let a = imported_url(&main, "/src/a.js");
            assert_eq!(a.contains("?v="), late, "{a}");
            let a_code = wait_kept(&session, &a).await;
            let css = imported_url(&main, "/src/b.css");
            wait_kept(&session, &css).await;
            let svg = imported_url(&a_code, "/src/c.svg");
            assert!(svg.contains("import"), "{svg}");
            wait_kept(&session, &svg).await;
            let _ = std::fs::remove_dir_all(&root);
        }
    }
}
