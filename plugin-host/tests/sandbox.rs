//! Real components in real wasmtime: a well-behaved plugin works; hostile ones fail their
//! call with a clear error within the deadline, and the next call still works.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use velocity_plugin_host::{Grants, Limits, PluginEngine, PluginError, WIT_VERSION};

fn component(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../plugins/build")
        .join(format!("{name}.wasm"));
    assert!(
        p.is_file(),
        "{} is missing: build the test plugins with `npm ci` in plugins/ and \
         `node plugins/build.mjs plugins/test/{name}.js plugins/build/{name}.wasm` (.ci/run does)",
        p.display()
    );
    p
}

fn engine() -> Arc<PluginEngine> {
    let cache = std::env::temp_dir().join("velocity-plugin-test-cache");
    PluginEngine::new(
        Some(cache),
        Limits {
            deadline: Duration::from_millis(500),
            memory_bytes: 64 * 1024 * 1024,
            instances: 16,
        },
    )
    .unwrap()
}

#[test]
fn a_plugin_transforms_and_reports_its_metadata() {
    let e = engine();
    let p = e.load(&component("upper")).unwrap();
    assert_eq!(p.metadata.name, "test-upper");
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let out = i.transform("hello", "/p/a.txt").unwrap().unwrap();
    assert_eq!(out.code, "export default \"HELLO\"");
    assert!(
        i.transform("x", "/p/a.ts").unwrap().is_none(),
        "no answer leaves the module alone"
    );
    // Text that is not ASCII crosses both ways intact.
    let out = i.transform("héllo ✓ 😀", "/p/b.txt").unwrap().unwrap();
    assert_eq!(out.code, "export default \"HÉLLO ✓ 😀\"");
}

#[test]
fn an_instance_that_hoards_memory_is_replaced_before_it_fails() {
    // 256 KB kept per call: the 64 MiB limit would stop it within 250 calls. Past three
    // quarters of the limit the instance is replaced between calls, so none fails, and
    // the count starts again.
    let e = engine();
    let p = e.load(&component("hoard")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let mut counts = Vec::new();
    for n in 0..600 {
        let out = i
            .transform("x", "/p/a.hoard")
            .unwrap_or_else(|e| panic!("call {n}: {e}"))
            .unwrap();
        counts.push(
            out.code
                .trim_start_matches("export default ")
                .parse::<u32>()
                .unwrap(),
        );
    }
    assert!(
        counts.windows(2).any(|w| w[1] < w[0]),
        "a fresh instance took over: {counts:?}"
    );
}

#[test]
fn many_calls_leave_no_garbage_behind() {
    // Each call returns an 8 KB module; an instance that kept any of it would reach its
    // 64 MiB limit within a few thousand calls.
    let e = engine();
    let p = e.load(&component("upper")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let source = "export const greeting = 'hello'\n".repeat(256);
    for n in 0..8000 {
        let out = i
            .transform(&source, "/p/a.shout.js")
            .unwrap_or_else(|e| panic!("call {n}: {e}"))
            .unwrap();
        assert!(out.code.len() > source.len());
    }
}

#[test]
fn a_runaway_plugin_is_stopped_at_its_deadline_and_recovers() {
    let e = engine();
    let p = e.load(&component("loop")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let started = Instant::now();
    let err = i.transform("x", "/p/a.ts").unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, PluginError::Timeout { .. }), "{err}");
    assert!(
        err.to_string().contains("test-loop"),
        "names the plugin: {err}"
    );
    assert!(
        took < Duration::from_secs(3),
        "stopped near the deadline, took {took:?}"
    );
    // The instance is rebuilt: a further call runs (and times out) again rather than
    // failing on a poisoned store.
    assert!(matches!(
        i.transform("x", "/p/b.ts").unwrap_err(),
        PluginError::Timeout { .. }
    ));
}

#[test]
fn a_memory_hog_hits_its_limit() {
    // A long deadline, so that on a busy machine the memory limit is what stops it.
    let cache = std::env::temp_dir().join("velocity-plugin-test-cache");
    let e = PluginEngine::new(
        Some(cache),
        Limits {
            deadline: Duration::from_secs(20),
            memory_bytes: 64 * 1024 * 1024,
            instances: 16,
        },
    )
    .unwrap();
    let p = e.load(&component("hog")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let err = i.transform("x", "/p/a.ts").unwrap_err();
    assert!(matches!(err, PluginError::OutOfMemory { .. }), "{err}");
    assert!(
        err.to_string().contains("test-hog") && err.to_string().contains("64 MiB"),
        "{err}"
    );
    // A fresh instance takes the next call (and fails the same way, not on a broken store).
    assert!(matches!(
        i.transform("x", "/p/b.ts").unwrap_err(),
        PluginError::OutOfMemory { .. }
    ));
}

/// A reader that knows one file: the host must ask it, and only when granted.
struct OneFile;

impl velocity_plugin_host::FileReader for OneFile {
    fn read(&self, path: &str) -> Result<String, String> {
        match path {
            "/p/ok.txt" => Ok("fine".into()),
            _ => Err(format!("{path:?} is not a file this plugin may read")),
        }
    }
}

#[test]
fn reads_go_through_the_granted_reader_only() {
    let e = engine();
    let p = e.load(&component("snoop")).unwrap();
    let mut none = e.instantiate(&p, Grants::default()).unwrap();
    let err = none.load("/p/ok.txt.snoop").unwrap_err();
    assert!(err.to_string().contains("not granted"), "{err}");

    let granted = Grants {
        read: Some(Arc::new(OneFile)),
    };
    let mut granted = e.instantiate(&p, granted).unwrap();
    let ok = granted.load("/p/ok.txt.snoop").unwrap().unwrap();
    assert!(ok.contains("fine"));
    let err = granted.load("/etc/passwd.snoop").unwrap_err();
    assert!(err.to_string().contains("may read"), "{err}");
    assert!(!err.to_string().contains("root:"), "{err}");
}

#[test]
fn plugin_errors_come_back_as_errors() {
    let e = engine();
    let p = e.load(&component("broken")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let err = i.transform("x", "/p/a.boom").unwrap_err();
    assert!(
        matches!(err, PluginError::Failed { location: None, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("boom: refused"), "{err}");
    // `this.error(message, offset)`: the position comes back typed, 1-based line and
    // 0-based column as Rollup's `loc`.
    let err = i.transform("fine\n  BOOM here", "/p/a.boom").unwrap_err();
    let PluginError::Failed {
        location: Some(loc),
        ..
    } = &err
    else {
        panic!("expected a located failure: {err}");
    };
    assert_eq!((loc.line, loc.column), (2, 2), "{err}");
    assert!(err.to_string().contains("line 2, column 3"), "{err}");
    // Broken output is the caller's to reject; the plugin itself answered.
    assert_eq!(
        i.transform("x", "/p/a.broken").unwrap().unwrap().code,
        "export default = = ;"
    );
}

#[test]
fn async_hooks_settle_before_the_call_returns() {
    let e = engine();
    let p = e.load(&component("later")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let out = i.transform("hi\n", "/p/a.later").unwrap().unwrap();
    assert_eq!(out.code, "export default \"later: hi\"");
    assert!(i.transform("x", "/p/a.ts").unwrap().is_none());
    assert!(i.load("/p/a.ts").unwrap().is_none());
    // A rejected promise is the hook's error, like a synchronous throw.
    let err = i.load("/p/a.never").unwrap_err();
    assert!(matches!(err, PluginError::Failed { .. }), "{err}");
    assert!(
        err.to_string().contains("later: gave up on /p/a.never"),
        "{err}"
    );
}

/// The no-op component of the host-call benchmark, changed by `edit`, written where the
/// engine can load it (wasmtime reads the component text format in tests).
fn wat_variant(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let noop = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../benches/inputs/noop-plugin.wat"),
    )
    .unwrap();
    let changed = edit(noop.clone());
    assert_ne!(changed, noop, "the edit applies");
    let path = std::env::temp_dir().join(format!("velocity-{name}-{}.wat", std::process::id()));
    std::fs::write(&path, changed).unwrap();
    path
}

#[test]
fn a_trapping_plugin_fails_its_call_and_recovers() {
    let e = engine();
    let trap = wat_variant("trap", |w| {
        w.replace(
            "(result i32)\n      (call $reset) (i32.const 1024)))",
            "(result i32)\n      unreachable))",
        )
    });
    let p = e.load(&trap).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    for _ in 0..2 {
        let err = i.transform("x", "/p/a.ts").unwrap_err();
        assert!(matches!(err, PluginError::Trap { .. }), "{err}");
        assert!(err.to_string().contains("wat-noop crashed"), "{err}");
        // The trap took only that call: the rebuilt instance still answers other hooks.
        assert!(i.load("/p/a.ts").unwrap().is_none());
    }
    std::fs::remove_file(trap).unwrap();
}

#[test]
fn a_component_for_another_wit_version_is_refused_by_name() {
    let e = engine();
    let old = wat_variant("old-wit", |w| {
        w.replacen(
            "(component\n",
            "(component\n  (import \"velocity:plugin/host@0.1.0\" (instance\n    (export \"log\" (func (param \"message\" string)))))\n",
            1,
        )
    });
    let err = e.load(&old).unwrap_err();
    assert!(
        err.to_string()
            .contains(&format!("not a velocity:plugin@{WIT_VERSION} component")),
        "{err}"
    );
    assert!(
        err.to_string().contains("velocity:plugin/host@0.1.0"),
        "{err}"
    );
    std::fs::remove_file(old).unwrap();
}

#[test]
fn invalid_options_are_a_configure_error() {
    let e = engine();
    let p = e.load(&component("upper")).unwrap();
    let mut i = e.instantiate(&p, Grants::default()).unwrap();
    let err = i.configure("{not json").unwrap_err();
    assert!(matches!(err, PluginError::Failed { .. }), "{err}");
    assert!(err.to_string().contains("test-upper"), "{err}");
    i.configure(r#"{"loud":true}"#).unwrap();
}

#[test]
fn bad_files_are_clear_load_errors() {
    let e = engine();
    let missing = e
        .load(std::path::Path::new("/nonexistent/plugin.wasm"))
        .unwrap_err();
    assert!(missing.to_string().contains("cannot read"), "{missing}");
    let not_wasm =
        std::env::temp_dir().join(format!("velocity-not-wasm-{}.wasm", std::process::id()));
    std::fs::write(&not_wasm, b"not a component").unwrap();
    let err = e.load(&not_wasm).unwrap_err();
    assert!(err.to_string().contains("not a component"), "{err}");
    std::fs::remove_file(&not_wasm).unwrap();
}
