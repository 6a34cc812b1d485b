//! request → resolve → load → transform → rewrite imports → response body.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use velocity_transform::{
    CssOptions, Diagnostic, Edits, ImportKind, ScriptOutput, SourceMap, cjs_dynamic_interop,
    cjs_import_interop, compose_maps, css_import_rule, css_inline_module, css_module,
    inline_map_comment, json_module, raw_module, refresh_footer, transform_css, transform_script,
    url_module,
};

use crate::error::ServeError;
use crate::policy::Access;
use crate::resolve::Resolved;
use crate::session::{Session, content_hash};
use crate::url::{self, DEPS_PREFIX, Query, js_string};
use crate::versions::{Inputs, Ref};

/// How long a browser may keep an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// Revalidate every time (ETag).
    NoCache,
    /// Content-versioned URL: keep for a year.
    Immutable,
}

/// A body ready to send.
#[derive(Debug, Clone)]
pub struct Served {
    pub body: bytes::Bytes,
    pub content_type: &'static str,
    pub caching: Caching,
    /// Built once: a repeat answer copies no header text.
    pub etag: axum::http::HeaderValue,
}

impl Served {
    pub fn new(
        body: impl Into<bytes::Bytes>,
        content_type: &'static str,
        caching: Caching,
    ) -> Self {
        let body = body.into();
        let h = content_hash(&body);
        let etag = format!(
            "W/\"{:x}-{}\"",
            body.len(),
            h[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        Self::with_etag(body, content_type, caching, &etag)
    }

    /// With an ETag known without hashing the body.
    pub fn with_etag(
        body: bytes::Bytes,
        content_type: &'static str,
        caching: Caching,
        etag: &str,
    ) -> Self {
        Self {
            body,
            content_type,
            caching,
            etag: axum::http::HeaderValue::from_str(etag).expect("an ETag is ASCII"),
        }
    }

    fn js(code: String) -> Self {
        Self::new(code, "text/javascript; charset=utf-8", Caching::NoCache)
    }
}

/// Reads a file the policy allows, naming the URL in errors.
pub fn load_file(session: &Session, url_path: &str) -> Result<(PathBuf, Vec<u8>), ServeError> {
    let file = url::url_file(session.root(), url_path);
    match session.policy.check(&file) {
        Access::Allowed(real) => {
            let read = || {
                std::fs::read(&real).map_err(|source| ServeError::Io {
                    path: url_path.to_string(),
                    source,
                })
            };
            let mut bytes = read()?;
            // A writer that truncates and then writes (no atomic rename) leaves the file
            // empty for a moment; a module that had content gets a short grace period.
            let mut tries = 0;
            while bytes.is_empty() && tries < 3 && !session.graph().urls_for_file(&real).is_empty()
            {
                std::thread::sleep(std::time::Duration::from_millis(15));
                bytes = read()?;
                tries += 1;
            }
            Ok((real, bytes))
        }
        Access::Denied => Err(ServeError::Denied(url_path.to_string())),
        Access::NotFound => Err(ServeError::NotFound(url_path.to_string())),
    }
}

fn text(url_path: &str, bytes: Vec<u8>) -> Result<String, ServeError> {
    String::from_utf8(bytes)
        .map_err(|_| ServeError::BadRequest(format!("{url_path} is not UTF-8 text")))
}

/// Transforms a script, reusing the cached result while the content is unchanged.
pub fn transform_cached(
    session: &Session,
    real: &Path,
    source: &str,
) -> Result<Arc<ScriptOutput>, ServeError> {
    let hash = content_hash(source.as_bytes());
    if let Some(out) = session.cached_transform(real, &hash) {
        return Ok(out);
    }
    let name = real.to_string_lossy();
    let out = Arc::new(transform_script(&name, source, &session.script_options())?);
    session.store_transform(real.to_path_buf(), hash, out.clone());
    Ok(out)
}

/// Query parameters that make a different module of the same file (`?raw`, `?url`).
fn meaningful_params(query: Option<&str>) -> Vec<&str> {
    query
        .map(|q| {
            q.split('&')
                .filter(|p| {
                    !p.is_empty() && *p != "import" && !p.starts_with("t=") && !p.starts_with("v=")
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The module-graph URL of an imported file: base-less, no `import` or `t`.
pub fn clean_url(session: &Session, file: &Path, query: Option<&str>) -> String {
    let path = url::file_url(session.root(), file);
    let params = meaningful_params(query);
    if params.is_empty() {
        path
    } else {
        format!("{path}?{}", params.join("&"))
    }
}

/// The graph URL of a served request.
pub fn request_graph_url(url_path: &str, query: &Query) -> String {
    let mut params: Vec<String> = Vec::new();
    if query.raw {
        params.push("raw".into());
    }
    if query.url {
        params.push("url".into());
    }
    if query.inline {
        params.push("inline".into());
    }
    params.extend(query.rest.iter().cloned());
    if params.is_empty() {
        url_path.to_string()
    } else {
        format!("{url_path}?{}", params.join("&"))
    }
}

/// The URL (with base) the browser uses for `file` when imported; `t` busts the browser's
/// module cache after an HMR update, `v` is the content version of an unchanged module.
fn import_url(
    session: &Session,
    file: &Path,
    query: Option<&str>,
    t: u64,
    v: Option<&str>,
) -> String {
    let path = url::file_url(session.root(), file);
    let as_module = !(url::is_script(&path) || url::is_css(&path));
    file_url_with(session, &path, query, t, v, as_module)
}

/// The URL an importer names a project module by (`clean` is its graph URL): with `?t=`
/// after an HMR update, else with its content version when the page's table has one.
fn module_url(
    session: &Session,
    table: &crate::versions::Table,
    file: &Path,
    query: Option<&str>,
    clean: &str,
) -> String {
    let t = session.graph().timestamp(clean);
    let v = if t == 0 { table.version(clean) } else { None };
    import_url(session, file, query, t, v)
}

/// The URL the page's modules import `file` by (with the session's base), as the table
/// in force names it.
pub fn page_url(session: &Session, table: &crate::versions::Table, file: &Path) -> String {
    let clean = clean_url(session, file, None);
    module_url(session, table, file, None, &clean)
}

/// The URL of a file the browser fetches as it is (`new URL('./a.png', import.meta.url)`
/// loads the image, not a module exporting its URL).
fn fetched_url(session: &Session, file: &Path, query: Option<&str>, t: u64) -> String {
    let path = url::file_url(session.root(), file);
    file_url_with(session, &path, query, t, None, false)
}

/// `path` (base-less) with its query: `import` first when it is asked for as a module,
/// then `t`, `v` and the importer's own parameters.
fn file_url_with(
    session: &Session,
    path: &str,
    query: Option<&str>,
    t: u64,
    v: Option<&str>,
    needs_import: bool,
) -> String {
    let extra = meaningful_params(query);
    let mut params: Vec<String> = Vec::new();
    if needs_import && !extra.iter().any(|p| *p == "inline" || *p == "worker") {
        params.push("import".into());
    }
    if t > 0 {
        params.push(format!("t={t}"));
    }
    if let Some(v) = v {
        params.push(format!("v={v}"));
    }
    params.extend(extra.iter().map(|p| p.to_string()));
    let base = session.base().trim_end_matches('/');
    if params.is_empty() {
        format!("{base}{path}")
    } else {
        format!("{base}{path}?{}", params.join("&"))
    }
}

/// Where a plugin-resolved id is served: virtual ids (`\0name`) under `/@id/__x00__`,
/// files at their URL, anything else under `/@id/`. Returns (URL with base, graph URL,
/// the file the graph keys it by).
fn plugin_id_url(session: &Session, id: &str) -> (String, String, PathBuf) {
    let base = session.base().trim_end_matches('/');
    if let Some(name) = id.strip_prefix('\0') {
        let path = format!("/@id/__x00__{name}");
        return (format!("{base}{path}"), path, virtual_file(session, id));
    }
    let p = Path::new(id);
    if p.is_absolute() && p.is_file() {
        let path = url::file_url(session.root(), p);
        let t = session.graph().timestamp(&path);
        return (import_url(session, p, None, t, None), path, p.to_path_buf());
    }
    let path = format!("/@id/{id}");
    (format!("{base}{path}"), path, virtual_file(session, id))
}

/// The stand-in path a virtual module is cached and graphed under.
fn virtual_file(session: &Session, id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    session
        .root()
        .join(".velocity-virtual")
        .join(format!("{safe}.js"))
}

/// `/@id/<id>`: a module only a plugin can load.
pub async fn serve_virtual(session: &Session, url_path: &str) -> Result<Served, ServeError> {
    let rest = url_path.strip_prefix("/@id/").unwrap_or(url_path);
    let id = match rest.strip_prefix("__x00__") {
        Some(name) => format!("\0{name}"),
        None => rest.to_string(),
    };
    let found = {
        let id = id.clone();
        session
            .plugins
            .off_thread(move |p| -> Result<_, ServeError> {
                let Some(code) = p.load_id(&id)? else {
                    return Ok(None);
                };
                let out = p.transform(&code, &id)?;
                Ok(Some((code, out)))
            })
            .await?
    };
    let (code, transformed) = found.ok_or_else(|| ServeError::NotFound(url_path.to_string()))?;
    let file = virtual_file(session, &id);
    match transformed {
        Some(out) => {
            serve_script(
                session,
                url_path,
                &file,
                &out.code,
                out.map.as_ref(),
                ScriptUse::PAGE,
            )
            .await
        }
        None => serve_script(session, url_path, &file, &code, None, ScriptUse::PAGE).await,
    }
}

fn dep_url(session: &Session, file: &str, hash: &str) -> String {
    format!(
        "{}{}{file}?v={hash}",
        session.base().trim_end_matches('/'),
        DEPS_PREFIX
    )
}

/// Bare specifiers a transformed module imports from installed packages.
pub fn dependency_imports(
    session: &Session,
    importer: &Path,
    out: &ScriptOutput,
) -> BTreeSet<String> {
    let mut needed = BTreeSet::new();
    for r in &out.imports {
        if matches!(r.kind, ImportKind::Glob | ImportKind::DynamicExpression) {
            continue;
        }
        if let Ok(Resolved::Dependency { specifier, .. }) =
            session.resolver.resolve(importer, &r.specifier)
        {
            needed.insert(specifier);
        }
    }
    needed
}

/// Where a script runs: a page (HMR client, refresh) or a worker, which has no document
/// for either and gets `@vite/env` instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Realm {
    Page,
    Worker,
}

/// How a script was asked for: where it runs, and the content version its URL carried.
/// A module that imports itself (the refresh footer does) must name the URL it was
/// loaded by, or the page would hold two copies of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptUse<'a> {
    pub realm: Realm,
    pub version: Option<&'a str>,
}

impl ScriptUse<'_> {
    pub const PAGE: Self = Self {
        realm: Realm::Page,
        version: None,
    };
}

/// Serves a script module: transformed, with imports rewritten to URLs. `upstream` maps
/// `source` back to the file when plugins made it, so the served map reaches the original.
pub async fn serve_script(
    session: &Session,
    url_path: &str,
    real: &Path,
    source: &str,
    upstream: Option<&SourceMap>,
    how: ScriptUse<'_>,
) -> Result<Served, ServeError> {
    let realm = how.realm;
    let out = transform_cached(session, real, source)?;
    let needed = dependency_imports(session, real, &out);
    // Only the plan is needed to name dependencies: the bundle may still be in the making.
    let deps = if needed.is_empty() {
        None
    } else {
        let (plan, changed) = session.ensure_deps(&needed).await?;
        if changed {
            session.broadcast(&serde_json::json!({ "type": "full-reload", "path": "*" }));
        }
        Some(plan)
    };

    let mut edits = Edits::new(&out.code);
    let mut hoisted = String::new();
    let mut imported: Vec<(String, PathBuf)> = Vec::new();
    let mut accepted: HashSet<String> = HashSet::new();
    let table = session.versions.table();
    let mut refs: Vec<Ref> = Vec::new();
    // A glob's expansion depends on which files exist, not on this file: never versioned.
    let mut versionable = realm == Realm::Page;
    let mut globs = Vec::new();
    for (index, r) in out.imports.iter().enumerate() {
        if r.kind == ImportKind::Glob {
            versionable = false;
            let glob = crate::glob::Glob::read(session, real, &out.code[r.range.clone()])?;
            let expansion = glob.expand(session, globs.len(), |file, query| {
                let clean = clean_url(session, file, query);
                (module_url(session, &table, file, query, &clean), clean)
            });
            edits.replace(r.range.clone(), expansion.object);
            hoisted.push_str(&expansion.imports);
            imported.extend(expansion.imported);
            globs.push(glob.patterns);
            continue;
        }
        if r.kind == ImportKind::DynamicExpression {
            continue;
        }
        let (spec, query) = match r.specifier.split_once('?') {
            Some((s, q)) => (s, Some(q)),
            None => (r.specifier.as_str(), None),
        };
        if !session.plugins.is_empty()
            && r.kind != ImportKind::HotAccept
            && let Some(id) = {
                let (specifier, importer) =
                    (r.specifier.clone(), real.to_string_lossy().to_string());
                session
                    .plugins
                    .off_thread(move |p| p.resolve_id(&specifier, Some(&importer)))
                    .await?
            }
        {
            let (u, graph_url, file) = plugin_id_url(session, &id);
            edits.replace(r.range.clone(), js_string(&u));
            refs.push(Ref { url: u, node: None });
            imported.push((graph_url, file));
            continue;
        }
        let resolved = session.resolver.resolve(real, &r.specifier)?;
        match resolved {
            Resolved::External => {}
            Resolved::Public(path) => {
                let u = format!("{}{path}?import", session.base().trim_end_matches('/'));
                edits.replace(r.range.clone(), js_string(&u));
                refs.push(Ref { url: u, node: None });
            }
            Resolved::File(file) => {
                let clean = clean_url(session, &file, query);
                if r.kind == ImportKind::HotAccept {
                    // The client compares accepted deps with base-less module URLs.
                    edits.replace(r.range.clone(), js_string(&clean));
                    accepted.insert(clean.clone());
                    refs.push(Ref {
                        url: clean.clone(),
                        node: None,
                    });
                } else if r.kind == ImportKind::NewUrl {
                    // An asset's URL, fetched as it is: never versioned.
                    let t = session.graph().timestamp(&clean);
                    let u = fetched_url(session, &file, query, t);
                    edits.replace(r.range.clone(), js_string(&u));
                    refs.push(Ref { url: u, node: None });
                } else {
                    edits.replace(
                        r.range.clone(),
                        js_string(&module_url(session, &table, &file, query, &clean)),
                    );
                    refs.push(Ref {
                        url: import_url(session, &file, query, 0, None),
                        node: Some(clean.clone()),
                    });
                }
                if r.kind != ImportKind::NewUrl {
                    imported.push((clean, file));
                }
            }
            Resolved::Dependency { specifier, .. } => {
                let plan = deps
                    .as_ref()
                    .ok_or_else(|| ServeError::NotFound(spec.to_string()))?;
                let entry = plan
                    .entry(&specifier)
                    .ok_or_else(|| ServeError::NotFound(spec.to_string()))?;
                let u = dep_url(session, &entry.file, plan.browser_hash());
                refs.push(Ref {
                    url: u.clone(),
                    node: None,
                });
                let node_mode = session.config.node_mode_interop;
                match (r.kind, entry.needs_interop, &r.statement) {
                    (ImportKind::Static, true, Some(stmt)) => {
                        let (s, consts) =
                            cjs_import_interop(index, spec, &u, r.bindings.as_ref(), node_mode);
                        edits.replace(stmt.clone(), s);
                        hoisted.push_str(&consts);
                    }
                    (ImportKind::Dynamic, true, _)
                        if r.range.start >= 7
                            && out.code[..r.range.start].ends_with("import(")
                            && out.code[r.range.end..].starts_with(')') =>
                    {
                        edits.replace(
                            r.range.start - 7..r.range.end + 1,
                            cjs_dynamic_interop(&u, node_mode),
                        );
                    }
                    _ => edits.replace(r.range.clone(), js_string(&u)),
                }
            }
        }
    }

    let own_t = session.graph().timestamp(url_path);
    let base = session.base().trim_end_matches('/');
    let self_url = match (own_t, how.version) {
        (0, Some(v)) => format!("{base}{url_path}?v={v}"),
        (0, None) => format!("{base}{url_path}"),
        (t, _) => format!("{base}{url_path}?t={t}"),
    };
    let client = format!("{}@vite/client", session.base());
    let is_jsx_like =
        matches!(url::ext(url_path), "jsx" | "tsx") || out.refresh.registers_components;
    let in_page = realm == Realm::Page;
    let footer = (in_page && is_jsx_like && out.refresh.registers_components).then(|| {
        let runtime = format!("{}@react-refresh", session.base());
        refresh_footer(&real.to_string_lossy(), &self_url, &runtime, true)
    });
    let mut prelude = String::new();
    if !in_page {
        prelude.push_str(&format!(
            "import {};",
            js_string(&format!("{}@vite/env", session.base()))
        ));
    } else if out.hot.uses_hot || footer.is_some() {
        prelude.push_str(&format!(
            "import {{ createHotContext as __vite__createHotContext }} from {};import.meta.hot = __vite__createHotContext({});",
            js_string(&client),
            js_string(url_path)
        ));
    }
    prelude.push_str(&hoisted);
    if !prelude.is_empty() {
        edits.insert(0, prelude);
    }
    let self_accepting = in_page && (out.hot.self_accepts || footer.is_some());
    let pruned = {
        let mut graph = session.graph();
        graph.set_globs(url_path, globs);
        graph.record_module(url_path, real, imported, accepted, self_accepting, false)
    };
    if !pruned.is_empty() {
        session.broadcast(&serde_json::json!({ "type": "prune", "paths": pruned }));
    }
    if versionable {
        let source = content_hash(source.as_bytes());
        session.versions.record(url_path, Inputs { source, refs });
    } else {
        session.versions.forget(url_path);
    }
    let (mut code, map) = edits.apply(out.map.as_ref());
    let map = match (map, upstream) {
        (Some(ours), Some(theirs)) => Some(compose_maps(&ours, theirs)),
        (map, _) => map,
    };
    if let Some(f) = footer {
        code.push_str(&f);
    }
    if let Some(map) = map {
        code.push_str(&inline_map_comment(&map));
    }
    Ok(Served::js(code))
}

/// Runs `f`, which may block for seconds (a Sass compile), telling a multi-threaded
/// runtime first so that its other tasks move to other workers meanwhile.
fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current().map(|h| h.runtime_flavor()) {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(f),
        _ => f(),
    }
}

/// Serves CSS: as a stylesheet (`<link>`, `?direct`), as its text (`?inline`), or as the
/// JS module that injects it. `chain` holds the sheets inlining this one (outermost
/// first; empty for a requested sheet): one already there is not inlined again (an
/// `@import` cycle).
pub fn serve_css(
    session: &Session,
    url_path: &str,
    real: &Path,
    source: &str,
    query: &Query,
    as_stylesheet: bool,
    chain: &mut Vec<PathBuf>,
) -> Result<Served, ServeError> {
    let rel = real
        .strip_prefix(session.root())
        .unwrap_or(real)
        .to_string_lossy()
        .to_string();
    let module = url::is_css_module(url_path);
    let scss = url::is_sass(url_path)
        .then(|| blocking(|| crate::sass::compile(session, real, source)))
        .transpose()?;
    let css_source = scss.as_ref().map_or(source, |s| s.css.as_str());
    // Positions in a Sass sheet's Tailwind warnings are in its compiled CSS.
    let tailwind_name = match &scss {
        Some(_) => format!("{rel} (as compiled from Sass)"),
        None => rel.clone(),
    };
    let tailwind = crate::tailwind::expand(session, real, &tailwind_name, css_source);
    let reads_sources = tailwind.as_ref().is_some_and(|t| t.scans_sources);
    let out = transform_css(
        &rel,
        tailwind.as_ref().map_or(css_source, |t| t.css.as_str()),
        &CssOptions {
            module,
            source_map: false,
            recover: true,
            ..CssOptions::default()
        },
    )?;
    // What the sheet loses: classes its `@apply`s name that do not exist, and rules or
    // declarations a browser would drop.
    let mut warnings = tailwind.map(|t| t.warnings).unwrap_or_default();
    warnings.extend(out.warnings.iter().map(|w| Diagnostic {
        message: format!("{} (left out, as a browser would)", w.message),
        ..w.clone()
    }));
    for w in &warnings {
        tracing::warn!(
            "{}:{}:{}: {}\n{}",
            w.file,
            w.line,
            w.column,
            w.message,
            w.frame
        );
    }
    let mut names_urls = false;
    let stylesheet = as_stylesheet || query.direct;
    let (css, _) = out.finish(|dep| {
        names_urls = true;
        resolve_css_url(session, real, &dep.url)
    });
    // `@import`ed sheets are inlined in order, ahead of this sheet's own rules (editing one
    // updates this sheet); sheets the browser fetches itself stay `@import`s, first.
    let (mut kept, mut inlined) = (String::new(), String::new());
    let mut imported = Vec::new();
    let mut names_sheets = false;
    chain.push(real.to_path_buf());
    for dep in out.dependencies.iter().filter(|d| d.is_import) {
        names_sheets = true;
        let media = dep.media.as_deref().filter(|m| !m.trim().is_empty());
        // An error ends the whole answer, so the chain needs no mending on the way out.
        match inline_css_import(session, real, &dep.url, chain)? {
            CssImport::Inlined { text, url, file } => {
                inlined.push_str(&match media {
                    Some(media) => format!("@media {media} {{\n{text}\n}}\n"),
                    None => format!("{text}\n"),
                });
                imported.push((url, file));
            }
            CssImport::Kept(url) => kept.push_str(&css_import_rule(&url, media)),
            CssImport::Cycle => {}
        }
    }
    chain.pop();
    // Sass partials are sheets this one imports, already compiled in.
    for partial in scss.iter().flat_map(|s| &s.loaded) {
        names_sheets = true;
        let partial_url = url::file_url(session.root(), partial);
        imported.push(record_inlined_sheet(session, &partial_url, partial));
    }
    // A Tailwind sheet's utilities come from the project's sources.
    names_sheets |= reads_sources;
    let mut full = kept;
    full.push_str(&inlined);
    full.push_str(&css);
    let graph_url = if stylesheet {
        format!("{url_path}?direct")
    } else {
        request_graph_url(url_path, query)
    };
    let self_accepting = stylesheet || !query.inline;
    // A sheet that inlines others or resolves `url()`s depends on more than its own text.
    if !stylesheet && !names_sheets && !names_urls {
        let source = content_hash(source.as_bytes());
        let refs = Vec::new();
        session.versions.record(&graph_url, Inputs { source, refs });
    } else {
        session.versions.forget(&graph_url);
    }
    {
        let mut graph = session.graph();
        graph.set_reads_sources(&graph_url, reads_sources);
        graph.record_module(
            &graph_url,
            real,
            imported,
            HashSet::new(),
            self_accepting,
            stylesheet,
        );
    }
    if stylesheet {
        return Ok(Served::new(
            full,
            "text/css; charset=utf-8",
            Caching::NoCache,
        ));
    }
    if query.inline {
        return Ok(Served::js(css_inline_module(&full)));
    }
    let client = format!("{}@vite/client", session.base());
    let mut code = css_module(
        &client,
        &real.to_string_lossy(),
        &full,
        out.exports.as_ref(),
    );
    code.insert_str(
        0,
        &format!(
            "import {{ createHotContext as __vite__createHotContext }} from {};import.meta.hot = __vite__createHotContext({});",
            js_string(&client),
            js_string(url_path)
        ),
    );
    // What the sheet lost is said in the page's console too, where its author looks.
    for w in &warnings {
        code.push_str(&format!(
            "\nconsole.warn({});",
            js_string(&format!(
                "[velocity] {}:{}:{}: {}",
                w.file, w.line, w.column, w.message
            ))
        ));
    }
    Ok(Served::js(code))
}

fn resolve_css_url(session: &Session, importer: &Path, u: &str) -> Option<String> {
    if u.starts_with("data:") || u.starts_with('#') || u.contains("://") {
        return None;
    }
    if u.starts_with('/') {
        return Some(format!("{}{}", session.base().trim_end_matches('/'), u));
    }
    match session.resolver.resolve_css(importer, u) {
        Ok(Resolved::File(f)) => Some(format!(
            "{}{}",
            session.base().trim_end_matches('/'),
            url::file_url(session.root(), &f)
        )),
        _ => None,
    }
}

/// What an `@import` becomes.
enum CssImport {
    /// The sheet's text (its own imports inlined), its graph URL and file.
    Inlined {
        text: String,
        url: String,
        file: PathBuf,
    },
    /// A URL the browser fetches itself (`http:`, `public/`): the `@import` stays.
    Kept(String),
    /// A sheet already being inlined further out.
    Cycle,
}

/// Records a sheet inlined into another (an `@import`ed sheet, a Sass partial) as a graph
/// node of its own, so that an edit of it updates its importer. Returns what the importer
/// imports: the node's URL and file.
fn record_inlined_sheet(session: &Session, url_path: &str, file: &Path) -> (String, PathBuf) {
    let url = format!("{url_path}?direct");
    session
        .graph()
        .record_module(&url, file, Vec::new(), HashSet::new(), false, true);
    (url, file.to_path_buf())
}

/// Inlines the sheet an `@import` in `importer` names. One that cannot be found is an
/// error naming the importer and the specifier, as in Vite.
fn inline_css_import(
    session: &Session,
    importer: &Path,
    spec: &str,
    chain: &mut Vec<PathBuf>,
) -> Result<CssImport, ServeError> {
    let f = match session.resolver.resolve_css(importer, spec)? {
        Resolved::File(f) | Resolved::Dependency { file: f, .. } => f,
        Resolved::External => return Ok(CssImport::Kept(spec.to_string())),
        Resolved::Public(path) => {
            let base = session.base().trim_end_matches('/');
            return Ok(CssImport::Kept(format!("{base}{path}")));
        }
    };
    let url_path = url::file_url(session.root(), &f);
    // A package with no stylesheet entry resolves to its script.
    if !url::is_css(&url_path) {
        return Err(ServeError::NotFound(format!(
            "@import {spec:?} in {} names {}, which is not a stylesheet",
            importer.display(),
            f.display()
        )));
    }
    let (real, bytes) = load_file(session, &url_path)?;
    if chain.contains(&real) {
        return Ok(CssImport::Cycle);
    }
    let source = String::from_utf8_lossy(&bytes);
    let served = serve_css(
        session,
        &url_path,
        &real,
        &source,
        &Query::default(),
        true,
        chain,
    )?;
    let (url, file) = record_inlined_sheet(session, &url_path, &real);
    Ok(CssImport::Inlined {
        text: String::from_utf8_lossy(&served.body).into_owned(),
        url,
        file,
    })
}

/// Serves any non-HTML project file by URL path and query.
pub async fn serve_module(
    session: &Session,
    url_path: &str,
    query: &Query,
    as_stylesheet: bool,
    as_module: bool,
) -> Result<Served, ServeError> {
    let (real, bytes) = load_file(session, url_path)?;
    let result = serve_loaded(
        session,
        url_path,
        query,
        as_stylesheet,
        as_module,
        &real,
        bytes,
    )
    .await;
    if let Err(e) = &result
        && e.status().is_server_error()
    {
        session
            .graph()
            .mark_error(&request_graph_url(url_path, query), &real);
    }
    result
}

/// A module with no imports of its own (JSON, raw text, an asset URL): changes go to its
/// importers.
fn record_leaf(session: &Session, url_path: &str, query: &Query, real: &Path, source: [u8; 16]) {
    let node = request_graph_url(url_path, query);
    let refs = Vec::new();
    session.versions.record(&node, Inputs { source, refs });
    session
        .graph()
        .record_module(&node, real, Vec::new(), HashSet::new(), false, false);
}

/// `import W from './w.ts?worker'` (or `?sharedworker`): a constructor for a module
/// worker whose entry is the file itself (`?worker_file`); with `&url`, just that URL.
fn worker_module(session: &Session, url_path: &str, query: &Query) -> Option<String> {
    let kind = query.rest.iter().find_map(|p| match p.as_str() {
        "worker" => Some("Worker"),
        "sharedworker" => Some("SharedWorker"),
        _ => None,
    })?;
    let entry = js_string(&format!(
        "{}{url_path}?worker_file&type=module",
        session.base().trim_end_matches('/')
    ));
    if query.url {
        return Some(format!("export default {entry}\n"));
    }
    Some(format!(
        "export default function WorkerWrapper(options) {{\n  return new {kind}({entry}, {{ type: \"module\", name: options?.name }});\n}}\n"
    ))
}

async fn serve_loaded(
    session: &Session,
    url_path: &str,
    query: &Query,
    as_stylesheet: bool,
    as_module: bool,
    real: &Path,
    bytes: Vec<u8>,
) -> Result<Served, ServeError> {
    let real_name = real.to_string_lossy().to_string();
    let source_hash = content_hash(&bytes);
    if let Some(code) = worker_module(session, url_path, query) {
        record_leaf(session, url_path, query, real, source_hash);
        return Ok(Served::js(code));
    }
    // Plugins see every module request first; an answer makes the file a JS module.
    if !session.plugins.is_empty()
        && (query.import || as_module)
        && !query.raw
        && !query.url
        && let Ok(source) = std::str::from_utf8(&bytes)
        && let Some(out) = {
            let (source, id) = (source.to_string(), real_name.clone());
            session
                .plugins
                .off_thread(move |p| p.transform(&source, &id))
                .await?
        }
    {
        let how = ScriptUse {
            realm: Realm::Page,
            version: query.v.as_deref(),
        };
        return serve_script(session, url_path, real, &out.code, out.map.as_ref(), how).await;
    }
    if query.raw {
        let source = text(url_path, bytes)?;
        record_leaf(session, url_path, query, real, source_hash);
        return Ok(Served::js(raw_module(&source)));
    }
    if query.url || (query.import && url::is_asset(&real_name)) {
        let mut u = format!(
            "{}{}",
            session.base().trim_end_matches('/'),
            url::file_url(session.root(), real)
        );
        // The asset's URL carries the version its module was asked for by, so the file
        // itself is kept by the browser like the modules are.
        match (&query.t, &query.v) {
            (Some(t), _) => u.push_str(&format!("?t={t}")),
            (None, Some(v)) => u.push_str(&format!("?v={v}")),
            (None, None) => {}
        }
        record_leaf(session, url_path, query, real, source_hash);
        return Ok(Served::js(url_module(&u)));
    }
    if url::is_css(&real_name) {
        let source = text(url_path, bytes)?;
        return serve_css(
            session,
            url_path,
            real,
            &source,
            query,
            as_stylesheet,
            &mut Vec::new(),
        );
    }
    if url::ext(&real_name) == "json" && (query.import || as_module) {
        let source = text(url_path, bytes)?;
        let code = json_module(&real_name, &source)?;
        record_leaf(session, url_path, query, real, source_hash);
        return Ok(Served::js(code));
    }
    if url::is_script(&real_name) && as_module {
        let source = text(url_path, bytes)?;
        let realm = if query.rest.iter().any(|p| p == "worker_file") {
            Realm::Worker
        } else {
            Realm::Page
        };
        let how = ScriptUse {
            realm,
            version: query.v.as_deref(),
        };
        return serve_script(session, url_path, real, &source, None, how).await;
    }
    Ok(Served::new(
        bytes,
        url::content_type(&real_name),
        Caching::NoCache,
    ))
}

/// The `index`th inline module script of the HTML page at `page`, served as a module.
pub async fn serve_html_proxy(
    session: &Session,
    page: &str,
    index: usize,
) -> Result<Served, ServeError> {
    let file = crate::html::page_file(page);
    let (real, bytes) = load_file(session, &file)?;
    let html = crate::html::with_env(
        &String::from_utf8_lossy(&bytes),
        session.base(),
        &session.env(),
    );
    let (_, body) = crate::html::inline_modules(&html)
        .into_iter()
        .nth(index)
        .ok_or_else(|| ServeError::NotFound(format!("{file}?html-proxy&index={index}.js")))?;
    let url_path = format!("{file}?html-proxy&index={index}.js");
    serve_script(
        session,
        &url_path,
        &real,
        &html[body],
        None,
        ScriptUse::PAGE,
    )
    .await
}

/// A file from the dependency bundle.
pub async fn serve_dependency(
    session: &Session,
    file: &str,
    version: Option<&str>,
) -> Result<Served, ServeError> {
    let current = session.deps().await;
    let bundle = match (current, version) {
        (Some(b), Some(v)) if b.key.browser_hash() != v => {
            session.store().by_browser_hash(v).unwrap_or(b)
        }
        (Some(b), _) => b,
        (None, Some(v)) => session
            .store()
            .by_browser_hash(v)
            .ok_or_else(|| ServeError::NotFound(format!("{DEPS_PREFIX}{file}")))?,
        (None, None) => return Err(ServeError::NotFound(format!("{DEPS_PREFIX}{file}"))),
    };
    let bytes = bundle
        .file(file)
        .ok_or_else(|| ServeError::NotFound(format!("{DEPS_PREFIX}{file}")))?;
    let ct = if file.ends_with(".map") {
        "application/json"
    } else {
        "text/javascript; charset=utf-8"
    };
    // The URL names the file and the bundle's key (its entries and every reached package's
    // name and version), which is all the ETag must tell apart: no copy, and no hash of a
    // megabyte per request.
    let etag = format!("W/\"{:x}-{}\"", bytes.len(), bundle.key.browser_hash());
    Ok(Served::with_etag(
        bytes::Bytes::from_owner(bytes.clone()),
        ct,
        Caching::Immutable,
        &etag,
    ))
}
