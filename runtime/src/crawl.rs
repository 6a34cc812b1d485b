//! The start-up crawl: from index.html through every reachable module, collecting the
//! packages the app imports so they are bundled once, before the first page load, and
//! warming the transform cache on the way.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use velocity_deps::DepPlan;
use velocity_transform::ImportKind;

use crate::pipeline::{dependency_imports, transform_cached};
use crate::resolve::Resolved;
use crate::session::Session;
use crate::url;

/// Entry modules named by `<script type="module" src>` in the project's HTML.
pub(crate) fn html_entries(session: &Session) -> Vec<PathBuf> {
    let Ok(html) = std::fs::read_to_string(session.root().join("index.html")) else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find("<script") {
        rest = &rest[i..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(src) = attr(tag, "src")
            && src.starts_with('/')
            && !src.starts_with("/@")
        {
            out.push(session.root().join(src.trim_start_matches('/')));
        }
        rest = &rest[end..];
    }
    out
}

/// An attribute's value: quoted, or bare up to the next space (`src=/src/main.js`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let i = tag.find(&format!("{name}="))? + name.len() + 1;
    let quote = tag[i..].chars().next()?;
    if quote == '"' || quote == '\'' {
        let rest = &tag[i + 1..];
        rest.find(quote).map(|e| &rest[..e])
    } else {
        let rest = &tag[i..];
        Some(&rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())])
    }
}

/// Crawls the app and bundles its dependencies. The dependency lock is taken before this
/// returns and held until the bundle is in place, so that no request bundles a partial
/// set meanwhile: module requests wait for the crawl's plan, dependency files for the
/// bundle.
pub fn start(session: &Arc<Session>) {
    let guard = session.lock_deps_for_warmup();
    let s = session.clone();
    tokio::spawn(async move {
        let _guard = guard;
        let started = Instant::now();
        let s2 = s.clone();
        let (deps, files) = tokio::task::spawn_blocking(move || crawl(&s2))
            .await
            .unwrap_or_default();
        let files: Arc<[PathBuf]> = files.into();
        let modules = files.len();
        let entries = bundle_entries(&s, deps);
        tracing::info!(
            "scanned {modules} modules in {} ms",
            started.elapsed().as_millis()
        );
        if !entries.is_empty() {
            let (s2, e2) = (s.clone(), entries.clone());
            let plan = tokio::task::spawn_blocking(move || plan_deps(&s2, &e2))
                .await
                .ok()
                .flatten();
            let planned = plan.is_some();
            if let Some(plan) = plan {
                s.set_dep_plan(plan).await;
                crate::warmup::crawled(&s, files.clone());
            }
            let bundle = match s.store().get(s.root(), &entries).await {
                Ok(bundle) => Some(bundle),
                Err(e) => {
                    tracing::error!("{e}");
                    None
                }
            };
            if s.set_deps(bundle).await && planned {
                // Pages may hold modules written for the plan: they start again.
                tracing::info!("the dependency bundle differs from its plan; reloading pages");
                s.broadcast(&serde_json::json!({ "type": "full-reload", "path": "*" }));
            }
        }
        drop(_guard);
        crate::warmup::crawled(&s, files.clone());
        crate::warmup::prerender(&s, &files).await;
    });
}

/// What the bundle holds: the packages the app imports, and the refresh runtime the
/// preamble imports when the project has it.
fn bundle_entries(session: &Session, imported: BTreeSet<String>) -> Vec<String> {
    let mut entries: Vec<String> = imported.into_iter().collect();
    if session
        .resolver
        .resolve(&session.root().join("index.html"), "react-refresh/runtime")
        .is_ok()
    {
        entries.push("react-refresh/runtime".into());
    }
    entries
}

/// The dependency plan for `entries`, each entry's interop read from the file it
/// resolves to, so that the app's modules can be answered while the bundle is built.
fn plan_deps(session: &Session, entries: &[String]) -> Option<DepPlan> {
    let from = session.root().join("index.html");
    session.store().plan(session.root(), entries, |specifier| {
        let Ok(Resolved::Dependency { file, .. }) = session.resolver.resolve(&from, specifier)
        else {
            return None;
        };
        let source = std::fs::read_to_string(&file).ok()?;
        let format = velocity_transform::module_format(&file.to_string_lossy(), &source)?;
        Some(format.default_only())
    })
}

/// The packages the app imports, and its own module files (in the order reached).
fn crawl(session: &Session) -> (BTreeSet<String>, Vec<PathBuf>) {
    let mut deps = BTreeSet::new();
    let mut seen = HashSet::new();
    let mut files = Vec::new();
    let mut queue: VecDeque<PathBuf> = html_entries(session).into();
    // Inline module scripts import too (served as `?html-proxy` modules).
    let page = session.root().join("index.html");
    if let Ok(html) = std::fs::read_to_string(&page) {
        for (_, body) in crate::html::inline_modules(&html) {
            let name = page.to_string_lossy();
            let Ok(out) =
                velocity_transform::transform_script(&name, &html[body], &session.script_options())
            else {
                continue;
            };
            deps.extend(dependency_imports(session, &page, &out));
            for r in &out.imports {
                if let Ok(Resolved::File(f)) = session.resolver.resolve(&page, &r.specifier) {
                    queue.push_back(f);
                }
            }
        }
    }
    while let Some(file) = queue.pop_front() {
        let Ok(real) = file.canonicalize() else {
            continue;
        };
        if !seen.insert(real.clone()) {
            continue;
        }
        let name = real.to_string_lossy().to_string();
        if name.contains("/node_modules/") {
            continue;
        }
        files.push(real.clone());
        let Ok(source) = std::fs::read_to_string(&real) else {
            continue;
        };
        // Plugins may turn other files (Markdown, say) into modules with imports of their own.
        let source = if url::is_script(&name) {
            source
        } else {
            match session.plugins.transform(&source, &name) {
                Ok(Some(out)) => out.code,
                _ => continue,
            }
        };
        let Ok(out) = transform_cached(session, &real, &source) else {
            continue;
        };
        deps.extend(dependency_imports(session, &real, &out));
        for r in &out.imports {
            if r.kind == ImportKind::Glob {
                if let Ok(glob) =
                    crate::glob::Glob::read(session, &real, &out.code[r.range.clone()])
                {
                    queue.extend(glob.files(session));
                }
                continue;
            }
            if matches!(r.kind, ImportKind::DynamicExpression | ImportKind::NewUrl) {
                continue;
            }
            if let Ok(Resolved::File(f)) = session.resolver.resolve(&real, &r.specifier) {
                queue.push_back(f);
            }
        }
    }
    (deps, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A package imported only by modules a glob reaches (lazily or eagerly) is in the
    /// first bundle, so opening that page does not rebuild the bundle and reload. (The
    /// page names its entry with a bare attribute value, which the crawl reads too.)
    #[test]
    fn the_crawl_follows_globs() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
        let root = std::env::temp_dir().join(format!("velocity-crawl-glob-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("src/pages")).unwrap();
        std::os::unix::fs::symlink(
            fixtures.join("react-ts/node_modules"),
            root.join("node_modules"),
        )
        .unwrap();
        for (path, text) in [
            (
                "index.html",
                "<script type=module src=/src/main.js></script>\n",
            ),
            (
                "src/main.js",
                "export const pages = import.meta.glob('./pages/*.js')\n",
            ),
            (
                "src/pages/a.js",
                "import { createRoot } from 'react-dom/client'\nexport { createRoot }\n",
            ),
        ] {
            std::fs::write(root.join(path), text).unwrap();
        }
        let store = Arc::new(velocity_deps::DepStore::new(root.join(".cache")));
        let config = crate::config::SessionConfig::load(&root, None).expect("config");
        let session = Session::new(config, store);
        let (deps, files) = crawl(&session);
        let _ = std::fs::remove_dir_all(&root);
        assert!(deps.contains("react-dom/client"), "{deps:?}");
        assert!(files.iter().any(|f| f.ends_with("pages/a.js")), "{files:?}");
    }

    /// A plan that the bundle contradicts costs a loading page a reload: for every
    /// package the fixtures import, the plan read from the entry files must be exactly
    /// what rolldown makes of them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn plans_agree_with_the_bundles_of_the_fixture_packages() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
        for name in ["deps", "react-ts"] {
            let root = fixtures.join(name);
            assert!(
                root.join("node_modules").is_dir(),
                "run `npm ci` in fixtures/{name} first"
            );
            let cache = std::env::temp_dir()
                .join(format!("velocity-plan-test-{name}-{}", std::process::id()));
            let store = Arc::new(velocity_deps::DepStore::new(cache.clone()));
            let config = crate::config::SessionConfig::load(&root, None).expect("config");
            let session = Session::new(config, store.clone());
            let (imported, _) = crawl(&session);
            let entries = bundle_entries(&session, imported);
            assert!(entries.len() >= 3, "{name}: {entries:?}");
            let plan = plan_deps(&session, &entries).expect("every entry has a format");
            let bundle = store.get(session.root(), &entries).await.expect("bundles");
            let _ = std::fs::remove_dir_all(&cache);
            assert_eq!(plan, DepPlan::of(&bundle), "{name}");
        }
    }
}
