//! The browser-side modules embedded in the binary: the HMR client, its overlay, the env
//! module and the React refresh glue.

use crate::session::Session;
use crate::url::js_string;

const CLIENT: &str = include_str!("../../hmr-client/client.js");
const OVERLAY: &str = include_str!("../../hmr-client/overlay.js");
const ENV: &str = include_str!("../../hmr-client/env.js");
const REFRESH: &str = include_str!("../../hmr-client/react-refresh.js");
const REFRESH_SHIPPED: &str = include_str!("../../hmr-client/react-refresh-shipped.js");

/// Vite's own `client.mjs` with the constants Vite's server fills in, pointing at this
/// session. `host` is the request's `Host` header.
pub fn vite_client_module(session: &Session, source: &str, host: &str) -> String {
    let base = session.base();
    let j = |s: &str| js_string(s);
    source
        .replace(
            "import \"@vite/env\";",
            &format!("import {};", j(&format!("{base}@vite/env"))),
        )
        .replace("__MODE__", &j("development"))
        .replace("__BASE__", &j(base))
        .replace("__SERVER_HOST__", &j(&format!("{host}{base}")))
        .replace("__HMR_PROTOCOL__", "null")
        .replace("__HMR_HOSTNAME__", "null")
        .replace("__HMR_PORT__", "null")
        .replace("__HMR_DIRECT_TARGET__", &j(&format!("{host}{base}")))
        .replace("__HMR_BASE__", &j(base))
        .replace("__HMR_TIMEOUT__", "30000")
        .replace("__HMR_ENABLE_OVERLAY__", "true")
        .replace("__HMR_CONFIG_NAME__", &j("vite.config.js"))
        .replace("__HMR_PARTIAL_ACCEPT__", "false")
        .replace("__WS_TOKEN__", &j(&session.ws_token))
        .replace("__SERVER_FORWARD_CONSOLE__", "{\"enabled\":false}")
}

/// `<base>@vite/client` with this session's constants.
pub fn client_module(session: &Session) -> String {
    let base = session.base();
    CLIENT
        .replace("\"__ENV_URL__\"", &js_string(&format!("{base}@vite/env")))
        .replace(
            "\"__OVERLAY_URL__\"",
            &js_string(&format!("{base}@vite/overlay")),
        )
        .replace("__BASE__", &js_string(base))
        .replace("__WS_TOKEN__", &js_string(&session.ws_token))
}

pub fn overlay_module() -> &'static str {
    OVERLAY
}

/// `@vite/env` with the config's `define`s that are not `import.meta.env.*`.
pub fn env_module(session: &Session) -> String {
    ENV.replace(
        "__DEFINES__",
        &velocity_transform::object_literal(&session.config.global_defines),
    )
}

/// The refresh runtime a React plugin for Vite ships (`@vitejs/plugin-react` 5+ and
/// `@vitejs/plugin-react-swc` do not install `react-refresh`): a standalone module that
/// Vite itself serves as `/@react-refresh`. Velocity serves it as it is at
/// `<base>@react-refresh-runtime`, behind [`shipped_refresh_module`].
pub fn shipped_refresh_runtime(root: &std::path::Path) -> Option<std::path::PathBuf> {
    const SHIPPED: [&str; 3] = [
        "node_modules/@vitejs/plugin-react/dist/refresh-runtime.js",
        "node_modules/@vitejs/plugin-react-swc/refresh-runtime.js",
        "node_modules/@vitejs/plugin-react-oxc/dist/refresh-runtime.js",
    ];
    SHIPPED.iter().map(|p| root.join(p)).find(|p| p.is_file())
}

/// The text of [`shipped_refresh_runtime`], its one placeholder filled as the plugin fills it.
pub fn shipped_refresh_code(file: &std::path::Path) -> std::io::Result<String> {
    Ok(std::fs::read_to_string(file)?.replace(
        "__README_URL__",
        "https://github.com/vitejs/vite-plugin-react/tree/main/packages/plugin-react",
    ))
}

/// `<base>@react-refresh` over a plugin's shipped runtime (see
/// [`shipped_refresh_runtime`]).
pub fn shipped_refresh_module(base: &str) -> String {
    REFRESH_SHIPPED.replace(
        "\"__SHIPPED_RUNTIME_URL__\"",
        &js_string(&format!("{base}@react-refresh-runtime")),
    )
}

/// `<base>@react-refresh`, importing the project's bundled `react-refresh/runtime`, or a
/// stand-in that makes every update a full reload when the package is not installed.
pub fn refresh_module(runtime_url: Option<&str>) -> String {
    match runtime_url {
        Some(u) => REFRESH.replace("\"__REFRESH_RUNTIME_URL__\"", &js_string(u)),
        None => REFRESH.replace(
            "import RefreshRuntime from \"__REFRESH_RUNTIME_URL__\";",
            "const RefreshRuntime = null;",
        ),
    }
}
