// React Fast Refresh glue over the refresh runtime a React plugin for Vite ships
// (`@vitejs/plugin-react` 5+, `@vitejs/plugin-react-swc`), for projects that do not
// install `react-refresh`. Served at <base>@react-refresh; the plugin's own file is at
// <base>@react-refresh-runtime. Plugin versions differ in how they expose `register`.
import * as shipped from "__SHIPPED_RUNTIME_URL__";

export const injectIntoGlobalHook = shipped.injectIntoGlobalHook;
export const createSignatureFunctionForTransform = shipped.createSignatureFunctionForTransform;
export const registerExportsForReactRefresh = shipped.registerExportsForReactRefresh;
export const validateRefreshBoundaryAndEnqueueUpdate = shipped.validateRefreshBoundaryAndEnqueueUpdate;

// Older plugin-react-swc runtimes have `getRefreshReg(file)` instead of `register`; the
// ids only need to be the same from one version of a module to the next.
const registerIn = shipped.register ? null : shipped.getRefreshReg("");
export function register(type, id) {
  return shipped.register ? shipped.register(type, id) : registerIn(type, id);
}

export function __hmr_import(url) {
  return import(url);
}

export default { injectIntoGlobalHook };
