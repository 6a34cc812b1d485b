// Builds a Vite-style JavaScript plugin into a Velocity plugin component.
//
//   node plugins/build.mjs my-plugin.js my-plugin.wasm
//
// The plugin is a plain ES module whose default export is a plugin object (or a function
// of the options returning one) with `name`, `enforce`, and `resolveId`, `load`,
// `transform` hooks, as for Vite; hooks may be async. The module may import
// `velocity:plugin/host` ({ log, readFile }) and nothing else yet: bundle other
// dependencies into it first. Node runs only here, at build time, never when serving.
//
// Errors a hook throws (or raises with `this.error`) reach the host as a `hook-error`:
// the message, plus the location from `err.loc` ({ file, line, column }, as Rollup's) or
// from `this.error(message, { line, column } | offset)`.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { componentize } from '@bytecodealliance/componentize-js'

const [input, output] = process.argv.slice(2)
if (!input || !output) {
  console.error('usage: node build.mjs <plugin.js> <out.wasm>')
  process.exit(2)
}
const here = dirname(fileURLToPath(import.meta.url))
// The WIT version this host speaks; plugins import the host interface without one.
const WIT_VERSION = readFileSync(join(here, 'wit', 'plugin.wit'), 'utf8').match(/package velocity:plugin@([0-9.]+);/)[1]
const user = readFileSync(input, 'utf8').replace(/(['"])velocity:plugin\/host(@[0-9.]+)?\1/g, `'velocity:plugin/host@${WIT_VERSION}'`)
if (!/export\s+default\s/.test(user)) {
  console.error(`${input}: a plugin module needs a default export (the plugin object or factory)`)
  process.exit(1)
}

const wrapper = `
import { log as __velocityLog, readFile as __velocityReadFile } from 'velocity:plugin/host@${WIT_VERSION}';
${user.replace(/export\s+default\s/, 'const __velocity_default = ')}
let __velocity_plugin = typeof __velocity_default === 'function' ? __velocity_default({}) : __velocity_default;
const __velocity_ctx = {
  meta: { watchMode: true },
  warn: (m) => __velocityLog('warn', String(m && m.message ? m.message : m)),
  info: (m) => __velocityLog('info', String(m && m.message ? m.message : m)),
  debug: (m) => __velocityLog('debug', String(m && m.message ? m.message : m)),
  error: (m, pos) => { __velocity_fail(m, pos); },
  addWatchFile: () => {},
  getWatchFiles: () => [],
  readFile: (p) => __velocityReadFile(p),
};
function __velocity_hook(h) { return typeof h === 'function' ? h : (h && typeof h.handler === 'function' ? h.handler : null); }
function __velocity_pattern(p) {
  if (!(p instanceof RegExp)) return String(p);
  const flags = p.flags.replace(/[^ims]/g, '');
  return 're:' + (flags ? '(?' + flags + ')' : '') + p.source;
}
function __velocity_list(x) { return x == null ? [] : (Array.isArray(x) ? x : [x]).map(__velocity_pattern); }
function __velocity_filter(h) {
  const f = h && typeof h === 'object' ? h.filter : null;
  if (!f) return undefined;
  const id = f.id && typeof f.id === 'object' && !(f.id instanceof RegExp) && !Array.isArray(f.id) ? f.id : { include: f.id };
  const code = f.code && typeof f.code === 'object' && !(f.code instanceof RegExp) ? f.code.include : f.code;
  return { idInclude: __velocity_list(id.include), idExclude: __velocity_list(id.exclude), codeIncludes: typeof code === 'string' ? code : undefined };
}
let __velocity_code = '';
function __velocity_position(pos) {
  if (typeof pos === 'number') {
    const before = __velocity_code.slice(0, pos).split('\\n');
    return { line: before.length, column: before[before.length - 1].length };
  }
  if (pos && typeof pos === 'object' && Number.isFinite(pos.line)) {
    return { line: pos.line, column: Number.isFinite(pos.column) ? pos.column : 0 };
  }
  return undefined;
}
function __velocity_fail(e, pos) {
  if (e && e.__velocityHookError) throw e;
  const message = e && e.message != null ? String(e.message) : String(e);
  const p = __velocity_position(pos) || __velocity_position(e && e.loc) || __velocity_position(e);
  const file = e && e.loc && typeof e.loc.file === 'string' ? e.loc.file : (e && typeof e.id === 'string' ? e.id : undefined);
  const location = p ? { file, line: Math.max(0, p.line | 0), column: Math.max(0, p.column | 0) } : undefined;
  throw { __velocityHookError: true, message, location };
}
export function metadata() {
  const p = __velocity_plugin;
  return {
    name: String(p.name || 'anonymous-plugin'),
    version: String(p.version || '0.0.0'),
    enforce: p.enforce === 'pre' || p.enforce === 'post' ? p.enforce : 'normal',
    resolveFilter: __velocity_filter(p.resolveId),
    loadFilter: __velocity_filter(p.load),
    transformFilter: __velocity_filter(p.transform),
  };
}
export function configure(json) {
  try {
    const options = JSON.parse(json);
    if (typeof __velocity_default === 'function') __velocity_plugin = __velocity_default(options);
  } catch (e) { __velocity_fail(e); }
}
// A hook's answer, sync or async: an async hook's promise is returned as is, and
// componentize-js runs the event loop until it settles before the call returns.
function __velocity_settle(run, finish) {
  let r;
  try { r = run(); } catch (e) { __velocity_fail(e); }
  if (r && typeof r.then === 'function') return r.then(finish, (e) => __velocity_fail(e));
  return finish(r);
}
export function resolveId(specifier, importer) {
  const f = __velocity_hook(__velocity_plugin.resolveId);
  if (!f) return undefined;
  return __velocity_settle(() => f.call(__velocity_ctx, specifier, importer, { isEntry: false }), (r) => {
    if (r && typeof r === 'object') r = r.id;
    return r == null || r === false ? undefined : String(r);
  });
}
export function load(id) {
  const f = __velocity_hook(__velocity_plugin.load);
  if (!f) return undefined;
  return __velocity_settle(() => f.call(__velocity_ctx, id), (r) => {
    if (r && typeof r === 'object') r = r.code;
    return r == null ? undefined : String(r);
  });
}
export function transform(code, id) {
  const f = __velocity_hook(__velocity_plugin.transform);
  if (!f) return undefined;
  __velocity_code = code;
  return __velocity_settle(() => f.call(__velocity_ctx, code, id), (r) => {
    if (r == null) return undefined;
    if (typeof r === 'string') return { code: r, sourceMap: undefined };
    const map = r.map == null ? undefined : (typeof r.map === 'string' ? r.map : JSON.stringify(r.map));
    return { code: String(r.code), sourceMap: map };
  });
}
`

// componentize-js's generated glue measures every string a hook returns in an interpreted
// JS loop before encoding it natively: about 240 ns a character inside the sandbox, 2 ms
// for an 8 KB module. Encoding straight into the guest's memory (one allocation for ASCII,
// grown once otherwise) does the same job natively and leaves no garbage behind.
// The glue is patched where it is generated; if its shape ever changes, the build says so
// and keeps the original.
// The same file componentize-js imports (plugins/node_modules), found without
// import.meta.resolve, which Debian's Node 18 lacks.
const splicerUrl = new URL('./node_modules/@bytecodealliance/componentize-js/lib/spidermonkey-embedding-splicer.js', import.meta.url)
const { splicer } = await import(splicerUrl)
const spliceBindings = splicer.spliceBindings
const slowEncode = /function _utf8AllocateAndEncode\(s, realloc, memory\) \{[\s\S]*?\n\}\n/
const fastEncode = `function _utf8AllocateAndEncode(s, realloc, memory) {
  if (typeof s !== 'string') {
    throw new TypeError('expected a string, received [' + typeof s + ']');
  }
  if (s.length === 0) { return { ptr: 1, len: 0, codepoints: 0 }; }
  // ASCII fills exactly s.length bytes; anything else needs at most 3 per UTF-16 unit.
  let cap = s.length;
  let ptr = realloc(0, 0, 1, cap);
  let { read, written } = TEXT_ENCODER_UTF8.encodeInto(s, new Uint8Array(memory.buffer, ptr, cap));
  if (read < s.length) {
    const bigger = s.length * 3;
    ptr = realloc(ptr, cap, 1, bigger);
    cap = bigger;
    const rest = TEXT_ENCODER_UTF8.encodeInto(s.slice(read), new Uint8Array(memory.buffer, ptr + written, cap - written));
    if (read + rest.read !== s.length) { throw new Error('failed to encode whole string'); }
    written += rest.written;
    ptr = realloc(ptr, cap, 1, written);
  }
  return { ptr, len: written, codepoints: s.length };
}
`
splicer.spliceBindings = (...args) => {
  const out = spliceBindings(...args)
  if (!slowEncode.test(out.jsBindings)) {
    console.warn('build.mjs: componentize-js string glue not recognised; returned strings stay slow')
    return out
  }
  return { ...out, jsBindings: out.jsBindings.replace(slowEncode, fastEncode) }
}

const { component } = await componentize(wrapper, {
  witPath: join(here, 'wit'),
  worldName: 'plugin',
  disableFeatures: ['random', 'stdio', 'clocks', 'http', 'fetch-event'],
})
writeFileSync(output, component)
console.log(`${output}: ${(component.length / 1024 / 1024).toFixed(1)} MiB`)
