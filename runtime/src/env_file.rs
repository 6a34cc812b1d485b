//! `.env` files, loaded in Vite's order, exposing only prefixed keys to the browser.

use std::collections::BTreeMap;
use std::path::Path;

/// Files read for `mode`, later ones overriding earlier ones.
pub fn env_files(mode: &str) -> [String; 4] {
    [
        ".env".into(),
        ".env.local".into(),
        format!(".env.{mode}"),
        format!(".env.{mode}.local"),
    ]
}

/// Parses `KEY=value` lines: `#` comments, `export ` prefixes, single, double and back
/// quotes, `\n` in double quotes, and `${OTHER}` expansion from keys read so far.
pub fn parse(text: &str, into: &mut BTreeMap<String, String>) {
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
        {
            continue;
        }
        let value = value.trim();
        let parsed = match value.chars().next() {
            Some(q @ ('"' | '\'' | '`')) if value.len() >= 2 && value.ends_with(q) => {
                let inner = &value[1..value.len() - 1];
                if q == '"' {
                    inner.replace("\\n", "\n")
                } else {
                    inner.to_string()
                }
            }
            _ => {
                let v = value.split(" #").next().unwrap_or("").trim();
                expand(v, into)
            }
        };
        into.insert(key.to_string(), parsed);
    }
}

fn expand(value: &str, known: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find('}') {
            Some(end) => {
                let name = &rest[i + 2..i + 2 + end];
                out.push_str(known.get(name).map(String::as_str).unwrap_or(""));
                rest = &rest[i + 3 + end..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The variables a browser may see: keys with one of `prefixes`, from the env files in
/// `root` for `mode`, overridden by the process environment (as Vite does).
pub fn load(root: &Path, mode: &str, prefixes: &[String]) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for name in env_files(mode) {
        if let Ok(text) = std::fs::read_to_string(root.join(&name)) {
            parse(&text, &mut all);
        }
    }
    for (k, v) in std::env::vars() {
        if prefixes.iter().any(|p| k.starts_with(p.as_str())) {
            all.insert(k, v);
        }
    }
    all.retain(|k, _| prefixes.iter().any(|p| k.starts_with(p.as_str())));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quotes_comments_and_expansion() {
        let mut m = BTreeMap::new();
        parse(
            "# c\nA=1\nexport B=\"x\\ny\"\nC='${A}'\nD=${A}-2 # trailing\nbad line\n",
            &mut m,
        );
        assert_eq!(m["A"], "1");
        assert_eq!(m["B"], "x\ny");
        assert_eq!(m["C"], "${A}");
        assert_eq!(m["D"], "1-2");
        assert_eq!(m.len(), 4);
    }

    #[test]
    fn only_prefixed_keys_and_later_files_win() {
        let dir = std::env::temp_dir().join(format!("velocity-env-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(".env"), "VITE_A=base\nSECRET=s\nVITE_B=b\n").unwrap();
        std::fs::write(dir.join(".env.development.local"), "VITE_A=local\n").unwrap();
        let m = load(&dir, "development", &["VITE_".to_string()]);
        assert_eq!(m.get("VITE_A").map(String::as_str), Some("local"));
        assert_eq!(m.get("VITE_B").map(String::as_str), Some("b"));
        assert!(!m.contains_key("SECRET"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
