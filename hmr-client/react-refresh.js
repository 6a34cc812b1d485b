// React Fast Refresh glue, served at <base>@react-refresh. It wraps the project's own
// `react-refresh/runtime` (bundled by Velocity) with the functions that modules
// transformed for refresh call, in the shape @vitejs/plugin-react's runtime exposes.
import RefreshRuntime from "__REFRESH_RUNTIME_URL__";

const runtime = RefreshRuntime && RefreshRuntime.default ? RefreshRuntime.default : RefreshRuntime;

export function injectIntoGlobalHook(globalObject) {
  if (runtime) runtime.injectIntoGlobalHook(globalObject);
}

export function register(type, id) {
  if (runtime) runtime.register(type, id);
}

export function createSignatureFunctionForTransform() {
  return runtime ? runtime.createSignatureFunctionForTransform() : (type) => type;
}

const REACT_MEMO = Symbol.for("react.memo");
const REACT_FORWARD_REF = Symbol.for("react.forward_ref");

function isLikelyComponentType(value) {
  switch (typeof value) {
    case "function": {
      if (value.prototype != null) {
        if (value.prototype.isReactComponent) return true;
        const own = Object.getOwnPropertyNames(value.prototype);
        if (own.length > 1 || own[0] !== "constructor") return false;
        if (value.prototype.__proto__ !== Object.prototype) return false;
      }
      const name = value.name || value.displayName;
      return typeof name === "string" && /^[A-Z]/.test(name);
    }
    case "object":
      if (value != null && (value.$$typeof === REACT_MEMO || value.$$typeof === REACT_FORWARD_REF)) return true;
      return false;
    default:
      return false;
  }
}

function isCompoundComponent(value) {
  if (value == null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => isLikelyComponentType(value[k]));
}

function ignoredExports(id) {
  const hook = typeof window !== "undefined" && window.__getReactRefreshIgnoredExports;
  return hook ? hook({ id }) || [] : [];
}

export function registerExportsForReactRefresh(filename, moduleExports) {
  for (const key in moduleExports) {
    if (key === "__esModule") continue;
    const value = moduleExports[key];
    if (isLikelyComponentType(value)) register(value, filename + " export " + key);
  }
}

let pending = null;
const beforeRefresh = [];
if (typeof window !== "undefined") {
  window.__registerBeforePerformReactRefresh = (cb) => beforeRefresh.push(cb);
}

// One refresh per HMR message: every module of a message is applied in the same task, so
// a zero-delay timer batches them without the 16 ms wait plugin-react uses.
function enqueueUpdate() {
  if (pending) return;
  pending = setTimeout(async () => {
    pending = null;
    await Promise.all(beforeRefresh.map((cb) => cb()));
    if (runtime) runtime.performReactRefresh();
  }, 0);
}

export function validateRefreshBoundaryAndEnqueueUpdate(id, prevExports, nextExports) {
  if (!runtime) return "Could not Fast Refresh (react-refresh is not installed)";
  const ignored = ignoredExports(id);
  for (const key in prevExports) {
    if (key === "__esModule" || ignored.includes(key)) continue;
    if (!(key in nextExports)) return "Could not Fast Refresh (export removed)";
  }
  let count = 0;
  for (const key in nextExports) {
    if (key === "__esModule" || ignored.includes(key)) continue;
    if (!(key in prevExports)) return "Could not Fast Refresh (new export)";
    count++;
    const next = nextExports[key];
    if (isLikelyComponentType(next) || isCompoundComponent(next) || prevExports[key] === next) continue;
    return `Could not Fast Refresh ("${key}" export is incompatible). Learn more at https://github.com/vitejs/vite-plugin-react/tree/main/packages/plugin-react#consistent-components-exports`;
  }
  if (count === 0) return "Could not Fast Refresh (no exports)";
  enqueueUpdate();
  return undefined;
}

export function __hmr_import(url) {
  return import(url);
}

export default { injectIntoGlobalHook };
