// Builds a Vite-style JavaScript plugin into a Velocity plugin component.
//
//   node plugins/build.mjs my-plugin.js my-plugin.wasm
//
// The plugin is a plain ES module whose default export is a plugin object (or a function
// of the options returning one) with `name`, `enforce`, and `resolveId`, `load`,
// `transform` hooks, as for Vite. Hooks must be synchronous. The module may import
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
function __velocity_pattern(p) { return p instanceof RegExp ? 're:' + p.source : String(p); }
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
export function resolveId(specifier, importer) {
  const f = __velocity_hook(__velocity_plugin.resolveId);
  if (!f) return undefined;
  try {
    let r = f.call(__velocity_ctx, specifier, importer, { isEntry: false });
    if (r && typeof r.then === 'function') throw 'async hooks are not supported yet';
    if (r && typeof r === 'object') r = r.id;
    return r == null || r === false ? undefined : String(r);
  } catch (e) { __velocity_fail(e); }
}
export function load(id) {
  const f = __velocity_hook(__velocity_plugin.load);
  if (!f) return undefined;
  try {
    let r = f.call(__velocity_ctx, id);
    if (r && typeof r.then === 'function') throw 'async hooks are not supported yet';
    if (r && typeof r === 'object') r = r.code;
    return r == null ? undefined : String(r);
  } catch (e) { __velocity_fail(e); }
}
export function transform(code, id) {
  const f = __velocity_hook(__velocity_plugin.transform);
  if (!f) return undefined;
  __velocity_code = code;
  try {
    const r = f.call(__velocity_ctx, code, id);
    if (r && typeof r.then === 'function') throw 'async hooks are not supported yet';
    if (r == null) return undefined;
    if (typeof r === 'string') return { code: r, sourceMap: undefined };
    const map = r.map == null ? undefined : (typeof r.map === 'string' ? r.map : JSON.stringify(r.map));
    return { code: String(r.code), sourceMap: map };
  } catch (e) { __velocity_fail(e); }
}
`

const { component } = await componentize(wrapper, {
  witPath: join(here, 'wit'),
  worldName: 'plugin',
  disableFeatures: ['random', 'stdio', 'clocks', 'http', 'fetch-event'],
})
writeFileSync(output, component)
console.log(`${output}: ${(component.length / 1024 / 1024).toFixed(1)} MiB`)
