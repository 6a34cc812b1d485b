//! Stylesheets and assets that packages import from their own scripts
//! (`import './style.css'`). rolldown does not bundle CSS, and one such import would fail
//! the whole bundle. They stay imports instead, of the file's URL under the project's
//! `node_modules`, which the dev server answers as it answers the app's own CSS and
//! assets (Vite's optimizer does the same).

use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

use rolldown::plugin::{
    HookResolveIdArgs, HookResolveIdOutput, HookResolveIdReturn, HookUsage, Plugin, PluginContext,
    PluginContextResolveOptions,
};
use rolldown_common::ResolvedExternal;

/// What stays outside the bundle: files a script cannot be built from.
fn kind(path: &str) -> Option<External> {
    let ext = path.rsplit_once('.')?.1;
    if ext.eq_ignore_ascii_case("css") {
        Some(External::Style)
    } else {
        is_asset(path).then_some(External::Asset)
    }
}

/// Whether a file is imported as its URL: images, fonts, media and other files a
/// browser fetches as they are (Vite's list of asset types).
pub fn is_asset(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let Some((_, ext)) = name.rsplit_once('.') else {
        return false;
    };
    matches!(
        ext.to_ascii_lowercase().as_str(),
        "apng"
            | "bmp"
            | "png"
            | "jpg"
            | "jpeg"
            | "jfif"
            | "pjpeg"
            | "pjp"
            | "gif"
            | "svg"
            | "ico"
            | "webp"
            | "avif"
            | "cur"
            | "jxl"
            | "mp4"
            | "webm"
            | "ogg"
            | "mp3"
            | "wav"
            | "flac"
            | "aac"
            | "opus"
            | "mov"
            | "m4a"
            | "vtt"
            | "woff"
            | "woff2"
            | "eot"
            | "ttf"
            | "otf"
            | "webmanifest"
            | "pdf"
            | "txt"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum External {
    /// Served as a module that injects the sheet.
    Style,
    /// Served as a module exporting the file's URL (`?import`).
    Asset,
}

#[derive(Debug)]
pub(crate) struct ExternalFiles {
    /// The project's `node_modules`, symlinks resolved.
    node_modules: PathBuf,
}

impl ExternalFiles {
    pub fn new(root: &Path) -> Self {
        let dir = root.join("node_modules");
        Self {
            node_modules: dir.canonicalize().unwrap_or(dir),
        }
    }

    /// The import that replaces `file`: relative to the bundle's own URL
    /// (`<base>node_modules/.vite/deps/x.js`), so it holds under any base and the bundle
    /// stays the same for every session that shares it.
    fn import_of(&self, file: &Path, kind: External) -> Option<String> {
        let rel = file.strip_prefix(&self.node_modules).ok()?;
        let mut url = String::from("../..");
        for c in rel.components() {
            let Component::Normal(part) = c else {
                return None;
            };
            url.push('/');
            url.push_str(part.to_str()?);
        }
        if kind == External::Asset {
            url.push_str("?import");
        }
        Some(url)
    }
}

impl Plugin for ExternalFiles {
    fn name(&self) -> Cow<'static, str> {
        Cow::Borrowed("velocity:external-files")
    }

    fn register_hook_usage(&self) -> HookUsage {
        HookUsage::ResolveId
    }

    async fn resolve_id(
        &self,
        ctx: &PluginContext,
        args: &HookResolveIdArgs<'_>,
    ) -> HookResolveIdReturn {
        let clean = args.specifier.split(['?', '#']).next().unwrap_or_default();
        let (Some(kind), Some(importer)) = (kind(clean), args.importer) else {
            return Ok(None);
        };
        let file = if clean.starts_with('.') {
            let Some(dir) = Path::new(importer).parent() else {
                return Ok(None);
            };
            dir.join(clean)
        } else {
            let options = PluginContextResolveOptions {
                skip_self: true,
                ..Default::default()
            };
            match ctx
                .resolve(args.specifier, Some(importer), Some(options))
                .await?
            {
                Ok(resolved) => PathBuf::from(resolved.id.as_str()),
                Err(_) => return Ok(None),
            }
        };
        let Ok(file) = file.canonicalize() else {
            return Ok(None);
        };
        let Some(id) = self.import_of(&file, kind) else {
            return Ok(None);
        };
        Ok(Some(HookResolveIdOutput {
            id: id.into(),
            external: Some(ResolvedExternal::Absolute),
            ..Default::default()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stylesheets_and_assets_stay_outside() {
        assert_eq!(kind("/p/x/style.CSS"), Some(External::Style));
        for asset in [
            "logo.PNG",
            "doc.pdf",
            "font.woff2",
            "clip.mov",
            "x.webmanifest",
        ] {
            assert_eq!(kind(asset), Some(External::Asset), "{asset}");
        }
        for script in ["index.js", "x.mjs", "no-extension", "dir.png/file"] {
            assert_eq!(kind(script), None, "{script}");
        }
    }

    #[test]
    fn imports_name_the_file_under_node_modules_relative_to_the_bundle() {
        let s = ExternalFiles {
            node_modules: PathBuf::from("/p/node_modules"),
        };
        assert_eq!(
            s.import_of(Path::new("/p/node_modules/pkg/dist/a.css"), External::Style)
                .as_deref(),
            Some("../../pkg/dist/a.css")
        );
        assert_eq!(
            s.import_of(
                Path::new("/p/node_modules/.pnpm/x@1/node_modules/x/i.png"),
                External::Asset
            )
            .as_deref(),
            Some("../../.pnpm/x@1/node_modules/x/i.png?import")
        );
        assert_eq!(
            s.import_of(Path::new("/elsewhere/a.css"), External::Style),
            None
        );
        assert_eq!(kind("a.CSS"), Some(External::Style));
        assert_eq!(kind("a.js"), None);
    }
}
