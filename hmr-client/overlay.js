// The error overlay: a custom element showing the message, file:line:column and the code
// frame. Closed by a click outside, Escape, or the next successful update.
export const overlayId = "vite-error-overlay";

const template = `
<style>
:host { position: fixed; inset: 0; z-index: 99999; }
.backdrop { position: fixed; inset: 0; overflow-y: scroll; background: rgba(0,0,0,0.66); margin: 0; }
.window { font-family: ui-monospace, Menlo, Consolas, monospace; line-height: 1.5; max-width: 80vw; color: #d8d8d8;
  margin: 30px auto; padding: 2.5vh 4vw; position: relative; background: #181818; border-radius: 6px 6px 8px 8px;
  box-shadow: 0 19px 38px rgba(0,0,0,0.30); border-top: 8px solid #ff5555; }
pre { font-family: inherit; font-size: 16px; margin: 0 0 1em 0; overflow-x: auto; white-space: pre-wrap; }
.message { color: #ff5555; font-weight: 600; }
.plugin { color: #cfa4ff; }
.file { color: #2dd9da; }
.frame { color: #e2aa53; }
.tip { font-size: 13px; color: #999; border-top: 1px dotted #999; padding-top: 13px; }
</style>
<div class="backdrop" part="backdrop">
  <div class="window" part="window">
    <pre class="message" part="message"><span class="plugin" part="plugin"></span><span class="message-body" part="message-body"></span></pre>
    <pre class="file" part="file"></pre>
    <pre class="frame" part="frame"></pre>
    <pre class="stack" part="stack"></pre>
    <div class="tip" part="tip">Click outside, press Esc key, or fix the code to dismiss.</div>
  </div>
</div>`;

const frameLine = /^(?:>?\s*\d+\s+\|.*|\s+\|\s*\^.*)\r?\n/gm;

const Base = typeof HTMLElement !== "undefined" ? HTMLElement : class {};

export class ErrorOverlay extends Base {
  constructor(err, links = true) {
    super();
    this.root = this.attachShadow({ mode: "open" });
    this.root.innerHTML = template;
    const hasFrame = typeof err.frame === "string" && err.frame.trim().length > 0;
    const message = hasFrame ? String(err.message).replace(frameLine, "") : String(err.message);
    if (err.plugin) this.text(".plugin", `[plugin:${err.plugin}] `);
    this.text(".message-body", message.trim());
    const file = ((err.loc && err.loc.file) || err.id || "unknown file").split("?")[0];
    if (err.loc) this.text(".file", `${file}:${err.loc.line}:${err.loc.column}`);
    else if (err.id) this.text(".file", file);
    if (hasFrame) this.text(".frame", err.frame.trim());
    this.text(".stack", err.stack || "");
    this.root.querySelector(".window").addEventListener("click", (e) => e.stopPropagation());
    this.addEventListener("click", () => this.close());
    this.closeOnEsc = (e) => {
      if (e.key === "Escape" || e.code === "Escape") this.close();
    };
    document.addEventListener("keydown", this.closeOnEsc);
  }

  text(selector, value) {
    const el = this.root.querySelector(selector);
    if (el) el.textContent = value;
  }

  close() {
    this.parentNode?.removeChild(this);
    document.removeEventListener("keydown", this.closeOnEsc);
  }
}

if (typeof customElements !== "undefined" && !customElements.get(overlayId)) {
  customElements.define(overlayId, ErrorOverlay);
}
