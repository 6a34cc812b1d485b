//! Plugin costs: `cargo bench -p velocity-plugin-host` prints the median of each.
//!
//! - a host call: a no-op `transform` of a 200-line file into a component written in the
//!   component text format (`inputs/noop-plugin.wat`), so only the host's work is timed;
//! - a JS plugin's `transform` of the same file (`plugins/test/upper.js`, built by
//!   `plugins/build.mjs`): componentize-js's engine running real JavaScript;
//! - a new instance of a loaded JS plugin, as a new session gets one;
//! - a hook filter that does not match: the call the host skips.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use velocity_plugin_host::{Filter, Grants, HookFilter, Limits, LoadedPlugin, PluginEngine};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn load(engine: &PluginEngine, path: &Path) -> Arc<LoadedPlugin> {
    assert!(
        path.is_file(),
        "{} is missing: build the plugins with `npm ci` in plugins/ and `node plugins/build.mjs \
         plugins/test/upper.js plugins/build/upper.wasm` (.ci/run does)",
        path.display()
    );
    engine.load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn benches(c: &mut Criterion) {
    let source = std::fs::read_to_string(repo("benches/inputs/component-200.tsx")).unwrap();
    let cache = std::env::temp_dir().join("velocity-plugin-bench-cache");
    let limits = Limits {
        instances: 64,
        ..Limits::default()
    };
    let engine = PluginEngine::new(Some(cache), limits).unwrap();

    let noop = load(&engine, &repo("benches/inputs/noop-plugin.wat"));
    let mut instance = engine.instantiate(&noop, Grants::default()).unwrap();
    c.bench_function("host call: no-op transform, 200-line file (WAT)", |b| {
        b.iter(|| instance.transform(&source, "/src/Dashboard.tsx").unwrap())
    });

    let upper = load(&engine, &repo("plugins/build/upper.wasm"));
    let mut js = engine.instantiate(&upper, Grants::default()).unwrap();
    assert!(
        js.transform(&source, "/src/Dashboard.shout.js")
            .unwrap()
            .is_some_and(|o| o.source_map.is_some())
    );
    c.bench_function("JS plugin transform, 200-line file, with map", |b| {
        b.iter(|| js.transform(&source, "/src/Dashboard.shout.js").unwrap())
    });

    c.bench_function(
        "JS plugin transform that declines (the call's floor)",
        |b| b.iter(|| js.transform(&source, "/src/Dashboard.tsx").unwrap()),
    );

    c.bench_function("JS plugin instance start", |b| {
        b.iter(|| engine.instantiate(&upper, Grants::default()).unwrap())
    });

    // Compiled once at load, as the host keeps every plugin's filters.
    let filter = Filter::new(Some(&HookFilter {
        id_include: vec!["**/*.md".into(), "re:\\.mdx$".into()],
        id_exclude: vec!["**/node_modules/**".into()],
        code_includes: None,
    }));
    c.bench_function("hook filter that does not match", |b| {
        b.iter(|| filter.matches("/home/user/app/src/components/Dashboard.tsx", None))
    });
}

criterion_group!(plugins, benches);
criterion_main!(plugins);
