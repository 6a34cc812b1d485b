// The HMR client, served at <base>@vite/client. It speaks Vite's HMR protocol over a
// WebSocket and gives every module its `import.meta.hot`. The server fills in the
// constants below when it serves this file.
import "__ENV_URL__";
import { ErrorOverlay, overlayId } from "__OVERLAY_URL__";

const base = __BASE__;
const wsToken = __WS_TOKEN__;
const hmrTimeout = 30000;
const enableOverlay = true;

export { ErrorOverlay };

// ---- connection ----------------------------------------------------------------------

const wsProtocol = location.protocol === "https:" ? "wss" : "ws";
const wsUrl = `${wsProtocol}://${new URL(import.meta.url).host}${base}`;
let socket;
let isFirstUpdate = true;
const outbox = [];

function connect() {
  socket = new WebSocket(`${wsUrl}?token=${wsToken}`, "vite-hmr");
  let opened = false;
  socket.addEventListener("open", () => {
    opened = true;
    notifyListeners("vite:ws:connect", { webSocket: socket });
    for (const m of outbox.splice(0)) socket.send(m);
  });
  socket.addEventListener("message", ({ data }) => {
    let payload;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    queue = queue.then(() => handleMessage(payload)).catch((e) => console.error("[vite]", e));
  });
  socket.addEventListener("close", async () => {
    if (!opened) return;
    notifyListeners("vite:ws:disconnect", { webSocket: socket });
    console.log("[vite] server connection lost. Polling for restart...");
    await waitForServer();
    location.reload();
  });
  setInterval(() => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
  }, hmrTimeout);
}

function waitForServer() {
  return new Promise((resolve) => {
    const ping = () => {
      const ws = new WebSocket(wsUrl, "vite-ping");
      ws.addEventListener("open", () => {
        ws.close();
        resolve();
      });
      ws.addEventListener("error", () => setTimeout(ping, 1000));
    };
    ping();
  });
}

function send(message) {
  const text = JSON.stringify(message);
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
  else outbox.push(text);
}

let queue = Promise.resolve();

// ---- messages ------------------------------------------------------------------------

async function handleMessage(payload) {
  switch (payload.type) {
    case "connected":
      console.debug("[vite] connected.");
      break;
    case "ping":
      break;
    case "update": {
      await notifyListeners("vite:beforeUpdate", payload);
      if (isFirstUpdate && hasErrorOverlay()) {
        location.reload();
        return;
      }
      clearErrorOverlay();
      isFirstUpdate = false;
      await Promise.all(
        payload.updates.map((update) => {
          if (update.type === "js-update") return queueUpdate(fetchUpdate(update));
          return updateLinkedStylesheet(update);
        }),
      );
      await notifyListeners("vite:afterUpdate", payload);
      break;
    }
    case "custom":
      await notifyListeners(payload.event, payload.data);
      break;
    case "full-reload": {
      await notifyListeners("vite:beforeFullReload", payload);
      const path = payload.path;
      if (path && path.endsWith(".html")) {
        const page = decodeURI(location.pathname);
        const target = base + path.slice(1);
        if (page === target || path === "/index.html" || (page.endsWith("/") && page + "index.html" === target)) {
          pageReload();
        }
      } else {
        pageReload();
      }
      break;
    }
    case "prune":
      await notifyListeners("vite:beforePrune", payload);
      for (const path of payload.paths) {
        const data = dataMap.get(path);
        const dispose = disposeMap.get(path);
        if (dispose) await dispose(data);
        const prune = pruneMap.get(path);
        if (prune) await prune(data);
        dataMap.delete(path);
      }
      break;
    case "error": {
      await notifyListeners("vite:error", payload);
      const err = payload.err;
      if (enableOverlay) createErrorOverlay(err);
      else console.error(`[vite] Internal Server Error\n${err.message}\n${err.stack}`);
      break;
    }
  }
}

let reloadTimer;
function pageReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => location.reload(), 20);
}

function updateLinkedStylesheet({ path, timestamp }) {
  const searchUrl = cleanUrl(path);
  const link = [...document.querySelectorAll("link")].find(
    (l) => !outdatedLinks.has(l) && cleanUrl(l.href).includes(searchUrl),
  );
  if (!link) return Promise.resolve();
  const next = link.cloneNode();
  const newPath = `${base}${searchUrl.slice(1)}${searchUrl.includes("?") ? "&" : "?"}t=${timestamp}`;
  next.href = new URL(newPath, link.href).href;
  outdatedLinks.add(link);
  return new Promise((resolve) => {
    const done = () => {
      link.remove();
      resolve();
    };
    next.addEventListener("load", done);
    next.addEventListener("error", done);
    link.after(next);
  });
}
const outdatedLinks = new WeakSet();

function cleanUrl(u) {
  const url = new URL(u, location.origin);
  url.searchParams.delete("direct");
  url.searchParams.delete("t");
  return url.pathname + url.search;
}

// ---- update queue --------------------------------------------------------------------

let pendingUpdates = [];
let flushScheduled = false;
// Updates of one message are fetched together and applied in the order they were sent.
function queueUpdate(p) {
  pendingUpdates.push(p);
  if (!flushScheduled) {
    flushScheduled = true;
    return Promise.resolve().then(async () => {
      flushScheduled = false;
      const loading = pendingUpdates;
      pendingUpdates = [];
      for (const cb of await Promise.all(loading)) if (cb) cb();
    });
  }
  return Promise.resolve();
}

async function fetchUpdate({ path, acceptedPath, timestamp, explicitImportRequired, isWithinCircularImport, firstInvalidatedBy }) {
  const mod = hotModulesMap.get(path);
  if (!mod) return;
  let fetched;
  const isSelf = path === acceptedPath;
  const qualified = mod.callbacks.filter(({ deps }) => deps.includes(acceptedPath));
  if (isSelf || qualified.length > 0) {
    const dispose = disposeMap.get(acceptedPath);
    if (dispose) await dispose(dataMap.get(acceptedPath));
    const [clean, query] = acceptedPath.split("?");
    const importPath = clean.startsWith("/") || clean.startsWith(".") ? clean : "/@id/" + clean;
    const url = `${base}${importPath.slice(1)}?${explicitImportRequired ? "import&" : ""}t=${timestamp}${query ? "&" + query : ""}`;
    try {
      fetched = await import(url);
    } catch (e) {
      console.error(`[hmr] Failed to reload ${path}. This could be due to syntax errors or importing non-existent modules. (see errors above)`, e);
      if (isWithinCircularImport) pageReload();
      return;
    }
  }
  return () => {
    currentFirstInvalidatedBy = firstInvalidatedBy;
    try {
      for (const { deps, fn } of qualified) fn(deps.map((d) => (d === acceptedPath ? fetched : undefined)));
      console.debug(`[vite] hot updated: ${isSelf ? path : `${acceptedPath} via ${path}`}`);
    } finally {
      currentFirstInvalidatedBy = undefined;
    }
  };
}

// ---- import.meta.hot -----------------------------------------------------------------

const hotModulesMap = new Map();
const disposeMap = new Map();
const pruneMap = new Map();
const dataMap = new Map();
const customListenersMap = new Map();
const ctxToListenersMap = new Map();
let currentFirstInvalidatedBy;

async function notifyListeners(event, data) {
  const cbs = customListenersMap.get(event);
  if (cbs) await Promise.allSettled([...cbs].map((cb) => cb(data)));
}

export function createHotContext(ownerPath) {
  if (!dataMap.has(ownerPath)) dataMap.set(ownerPath, {});
  const mod = hotModulesMap.get(ownerPath);
  if (mod) mod.callbacks = [];
  const stale = ctxToListenersMap.get(ownerPath);
  if (stale) {
    for (const [event, staleFns] of stale) {
      const listeners = customListenersMap.get(event);
      if (listeners) customListenersMap.set(event, listeners.filter((l) => !staleFns.includes(l)));
    }
  }
  const newListeners = new Map();
  ctxToListenersMap.set(ownerPath, newListeners);

  function acceptDeps(deps, fn = () => {}) {
    const m = hotModulesMap.get(ownerPath) || { id: ownerPath, callbacks: [] };
    m.callbacks.push({ deps, fn });
    hotModulesMap.set(ownerPath, m);
  }

  return {
    get data() {
      return dataMap.get(ownerPath);
    },
    accept(deps, callback) {
      if (typeof deps === "function" || !deps) acceptDeps([ownerPath], ([mod]) => deps && deps(mod));
      else if (typeof deps === "string") acceptDeps([deps], ([mod]) => callback && callback(mod));
      else if (Array.isArray(deps)) acceptDeps(deps, callback);
      else throw new Error("invalid hot.accept() usage.");
    },
    acceptExports(_, callback) {
      acceptDeps([ownerPath], ([mod]) => callback && callback(mod));
    },
    dispose(cb) {
      disposeMap.set(ownerPath, cb);
    },
    prune(cb) {
      pruneMap.set(ownerPath, cb);
    },
    decline() {},
    invalidate(message) {
      const firstInvalidatedBy = currentFirstInvalidatedBy ?? ownerPath;
      notifyListeners("vite:invalidate", { path: ownerPath, message, firstInvalidatedBy });
      send({ type: "custom", event: "vite:invalidate", data: { path: ownerPath, message, firstInvalidatedBy } });
      console.debug(`[vite] invalidate ${ownerPath}${message ? `: ${message}` : ""}`);
    },
    on(event, cb) {
      const add = (map) => {
        const list = map.get(event) || [];
        list.push(cb);
        map.set(event, list);
      };
      add(customListenersMap);
      add(newListeners);
    },
    off(event, cb) {
      const remove = (map) => {
        const list = map.get(event);
        if (!list) return;
        const kept = list.filter((l) => l !== cb);
        if (kept.length) map.set(event, kept);
        else map.delete(event);
      };
      remove(customListenersMap);
      remove(newListeners);
    },
    send(event, data) {
      send({ type: "custom", event, data });
    },
  };
}

// ---- styles --------------------------------------------------------------------------

const sheetsMap = new Map();
let lastInsertedStyle;
for (const el of document.querySelectorAll("style[data-vite-dev-id]")) {
  sheetsMap.set(el.getAttribute("data-vite-dev-id"), el);
}

export function updateStyle(id, content) {
  if (document.querySelector(`link[rel="stylesheet"][data-vite-dev-id="${CSS.escape(id)}"]`)) return;
  let style = sheetsMap.get(id);
  if (!style) {
    style = document.createElement("style");
    style.setAttribute("type", "text/css");
    style.setAttribute("data-vite-dev-id", id);
    style.textContent = content;
    if (!lastInsertedStyle) {
      document.head.appendChild(style);
      setTimeout(() => (lastInsertedStyle = undefined), 0);
    } else {
      lastInsertedStyle.insertAdjacentElement("afterend", style);
    }
    lastInsertedStyle = style;
  } else {
    style.textContent = content;
  }
  sheetsMap.set(id, style);
}

export function removeStyle(id) {
  for (const link of document.querySelectorAll(`link[rel="stylesheet"][data-vite-dev-id="${CSS.escape(id)}"]`)) link.remove();
  const style = sheetsMap.get(id);
  if (style) {
    style.remove();
    sheetsMap.delete(id);
  }
}

export function injectQuery(url, queryToInject) {
  if (url[0] !== "." && url[0] !== "/") return url;
  const pathname = url.replace(/[?#].*$/, "");
  const { search, hash } = new URL(url, "http://vite.dev");
  return `${pathname}?${queryToInject}${search ? "&" + search.slice(1) : ""}${hash || ""}`;
}

// ---- overlay -------------------------------------------------------------------------

function createErrorOverlay(err) {
  clearErrorOverlay();
  document.body.appendChild(new ErrorOverlay(err));
}

function clearErrorOverlay() {
  document.querySelectorAll(overlayId).forEach((n) => n.close());
}

function hasErrorOverlay() {
  return document.querySelectorAll(overlayId).length > 0;
}

connect();
