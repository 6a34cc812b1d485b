//! A module's answer through the session's served cache. The request handler and the
//! page warm-up (`warmup`) both come here, so an answer rendered ahead of a
//! request is found under the key that request looks for.

use crate::error::ServeError;
use crate::pipeline::{self, Served};
use crate::served_cache::FileStamp;
use crate::session::Session;
use crate::url;

/// What a module request asks for, as far as its answer depends on it.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub path: &'a str,
    /// The query as the browser wrote it.
    pub raw_query: &'a str,
    pub query: &'a url::Query,
    /// A `<link>` (or `Accept: text/css`) asks for CSS itself, not the module around it.
    pub as_stylesheet: bool,
    pub as_module: bool,
}

impl<'a> Asked<'a> {
    /// As a page asks for a module it imports, or names in `<script src>`.
    pub fn imported(path: &'a str, raw_query: &'a str, query: &'a url::Query) -> Self {
        Self {
            path,
            raw_query,
            query,
            as_stylesheet: false,
            as_module: true,
        }
    }

    /// The served-cache key. A timestamp (`t=`) names the same answer as none. The other
    /// parameters keep their order: with a name twice, or `worker` and `sharedworker`,
    /// the order decides the answer. (Importers and the warm-up write URLs one way.)
    pub fn key(&self) -> String {
        let params: Vec<&str> = self
            .raw_query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("t="))
            .collect();
        let mut key = String::with_capacity(self.path.len() + self.raw_query.len() + 3);
        key.push(if self.as_stylesheet { 's' } else { '-' });
        key.push(if self.as_module { 'm' } else { '-' });
        key.push_str(self.path);
        key.push('?');
        key.push_str(&params.join("&"));
        key
    }
}

/// The kept answer when it is still current (a lookup, and a `stat` for a file whose
/// writes nobody reports); else the module rendered now, and kept.
pub async fn module(session: &Session, asked: Asked<'_>) -> Result<Served, ServeError> {
    let key = asked.key();
    let generation = session.served.generation();
    let file = || url::url_file(session.root(), asked.path);
    if let Some(hit) = session.served.get(&key, || FileStamp::of(&file())) {
        return Ok(hit);
    }
    // Only answers for files are kept: a virtual module may depend on anything.
    let file = file();
    let stamp = FileStamp::of(&file).filter(|s| s.is_file);
    let result = pipeline::serve_module(
        session,
        asked.path,
        asked.query,
        asked.as_stylesheet,
        asked.as_module,
    )
    .await;
    if let (Ok(served), Some(stamp)) = (&result, stamp) {
        let stamp = (!session.hears_writes_to(&file)).then_some(stamp);
        session.served.put(key, generation, stamp, served.clone());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_names_the_same_answer_as_none() {
        let query = url::Query::default();
        let asked = |raw_query| Asked::imported("/src/a.tsx", raw_query, &query);
        assert_eq!(asked("").key(), "-m/src/a.tsx?");
        assert_eq!(asked("t=5").key(), asked("").key());
        assert_eq!(asked("import&t=5&v=9").key(), "-m/src/a.tsx?import&v=9");
        assert_ne!(
            asked("worker&sharedworker").key(),
            asked("sharedworker&worker").key()
        );
        // A version is part of the answer (a module imports itself by its own URL).
        assert_ne!(asked("v=9").key(), asked("").key());
        assert_ne!(asked("raw").key(), asked("").key());
    }
}
