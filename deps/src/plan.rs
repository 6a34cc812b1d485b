//! What importers of a dependency bundle need to know (each entry's URL and whether it
//! needs interop), known before the bundle is built. The server answers the app's own
//! modules from the plan while the bundle is still being made, so bundling is no longer
//! on a cold page's critical path; the finished bundle then confirms the plan.

use std::collections::BTreeMap;

use crate::bundle::{DepBundle, DepEntry};
use crate::key::{DepKey, flat_name};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepPlan {
    pub key: DepKey,
    pub entries: BTreeMap<String, DepEntry>,
}

impl DepPlan {
    /// The plan a finished bundle follows.
    pub fn of(bundle: &DepBundle) -> Self {
        Self {
            key: bundle.key.clone(),
            entries: bundle.entries.clone(),
        }
    }

    /// The plan for bundling `entries` under `key`, where `default_only` says whether an
    /// entry exposes a single default export (CommonJS, say). `None` when it cannot tell
    /// for some entry.
    pub fn predict(
        key: DepKey,
        entries: &[String],
        mut default_only: impl FnMut(&str) -> Option<bool>,
    ) -> Option<Self> {
        let mut planned = BTreeMap::new();
        for e in entries {
            planned.insert(
                e.clone(),
                DepEntry {
                    specifier: e.clone(),
                    // The bundle names each entry's file `[name].js`.
                    file: format!("{}.js", flat_name(e)),
                    needs_interop: default_only(e)?,
                },
            );
        }
        Some(Self {
            key,
            entries: planned,
        })
    }

    pub fn entry(&self, specifier: &str) -> Option<&DepEntry> {
        self.entries.get(specifier)
    }

    pub fn browser_hash(&self) -> &str {
        self.key.browser_hash()
    }
}
