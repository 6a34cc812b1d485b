//! Every failure a request can meet, and the one place that turns them into HTTP answers
//! and HMR overlay payloads.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use velocity_transform::TransformError;

use crate::resolve::ResolveError;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("The request id \"{0}\" is outside of the serving allow list.")]
    Denied(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("{0}")]
    Transform(#[from] TransformError),
    #[error("{0}")]
    Resolve(#[from] ResolveError),
    #[error("{0}")]
    Deps(velocity_deps::DepError),
    #[error("{0}")]
    Plugin(#[from] crate::plugins::PluginFailure),
    #[error("{0}")]
    Glob(#[from] crate::glob::GlobError),
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

impl From<velocity_plugin_host::PluginError> for ServeError {
    fn from(e: velocity_plugin_host::PluginError) -> Self {
        ServeError::Plugin(e.into())
    }
}

impl ServeError {
    pub fn status(&self) -> StatusCode {
        match self {
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::Denied(_) => StatusCode::FORBIDDEN,
            ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The `error` payload the HMR client shows in its overlay (Vite's shape).
    pub fn overlay_payload(&self) -> serde_json::Value {
        let mut err = serde_json::json!({ "message": self.to_string(), "stack": "" });
        if let ServeError::Transform(t) = self {
            let d = t.first();
            err = serde_json::json!({
                "message": d.message,
                "stack": "",
                "id": d.file,
                "frame": d.frame,
                "loc": { "file": d.file, "line": d.line, "column": d.column },
                "plugin": "velocity:transform",
            });
        }
        if let ServeError::Plugin(failure) = self {
            use velocity_plugin_host::PluginError as E;
            let name = match &failure.error {
                E::Failed { plugin, .. }
                | E::Timeout { plugin, .. }
                | E::OutOfMemory { plugin, .. }
                | E::Trap { plugin, .. } => plugin.clone(),
                E::Load { path, .. } => path.clone(),
            };
            err["plugin"] = serde_json::json!(name);
            if let E::Failed {
                location: Some(l), ..
            } = &failure.error
            {
                err["id"] = serde_json::json!(l.file);
                err["loc"] =
                    serde_json::json!({ "file": l.file, "line": l.line, "column": l.column + 1 });
            }
            if let Some(frame) = &failure.frame {
                err["frame"] = serde_json::json!(frame);
            }
        }
        serde_json::json!({ "type": "error", "err": err })
    }
}

/// Escapes text for HTML bodies and attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe to embed in a `<script>`: no `<` can close the element.
pub fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

impl ServeError {
    /// The answer for a request. `wants_html` picks a page that opens the overlay.
    pub fn into_response_for(self, base: &str, wants_html: bool) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!("{self}");
        } else {
            tracing::debug!("{self}");
        }
        if wants_html && status.is_server_error() {
            let payload = self.overlay_payload();
            let client = serde_json::Value::String(format!("{base}@vite/client"));
            let body = format!(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\" /><title>Error</title>\
<script type=\"module\">const error = {err};\ntry {{ const {{ ErrorOverlay }} = await import({client}); \
document.body.appendChild(new ErrorOverlay(error)) }} catch {{ const h = document.createElement('h1'); \
h.textContent = 'Internal Server Error'; const p = document.createElement('pre'); p.textContent = error.message; \
document.body.append(h, p) }}</script></head><body></body></html>\n",
                err = script_json(&payload["err"]),
                client = script_json(&client),
            );
            return (
                status,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                )],
                body,
            )
                .into_response();
        }
        let body = match &self {
            ServeError::Denied(_) => format!("403 Restricted\n{self}\n"),
            _ => format!("{self}\n"),
        };
        (
            status,
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                ),
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            body,
        )
            .into_response()
    }
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        self.into_response_for("/", false)
    }
}
