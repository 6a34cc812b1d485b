//! Who may talk to the server: the Host check against DNS rebinding and the CORS origin
//! rule. Both are decided here, once, before any route runs.

/// Compares secrets (API and HMR tokens) in time that does not depend on where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hosts a request may name. IP literals, `localhost` and `*.localhost` are always
/// allowed; `extra` adds exact names and `.example.com` (the domain and its subdomains).
#[derive(Debug, Clone, Default)]
pub struct HostPolicy {
    extra: Vec<String>,
}

impl HostPolicy {
    pub fn new(extra: &[String]) -> Self {
        Self {
            extra: extra.iter().map(|h| h.to_ascii_lowercase()).collect(),
        }
    }

    /// `host` is the `Host` header value (with or without port). A missing header is
    /// allowed (HTTP/1.0 tools); an unparsable one is not.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return true };
        if is_loopback_with_port(host) {
            return true;
        }
        let Some(name) = hostname(host) else {
            return false;
        };
        if name.parse::<std::net::IpAddr>().is_ok()
            || name == "localhost"
            || name.ends_with(".localhost")
        {
            return true;
        }
        self.extra.iter().any(|a| {
            if let Some(domain) = a.strip_prefix('.') {
                name == domain || name.ends_with(a.as_str())
            } else {
                name == *a
            }
        })
    }
}

/// `127.0.0.1:5173` or `localhost:5173`, what nearly every request carries: allowed without
/// the allocation and parse of the general rule.
fn is_loopback_with_port(host: &str) -> bool {
    let Some((name, port)) = host.rsplit_once(':') else {
        return false;
    };
    !port.is_empty()
        && port.bytes().all(|b| b.is_ascii_digit())
        && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
}

/// The host name of a `Host` header: lower-cased, port and IPv6 brackets removed.
pub fn hostname(host: &str) -> Option<String> {
    let host = host.trim();
    if host.is_empty() || host.contains(['/', '@', ' ', '\\']) {
        return None;
    }
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next()?.to_string()
    } else {
        let (name, port) = host.rsplit_once(':').unwrap_or((host, ""));
        if !port.is_empty() && port.parse::<u16>().is_err() {
            return None;
        }
        name.to_string()
    };
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'))
    {
        return None;
    }
    Some(name.to_ascii_lowercase())
}

/// Vite's default CORS rule: only pages served from this machine may read responses.
pub fn cors_allows(origin: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = if let Some(v6) = rest.strip_prefix('[') {
        match v6.split_once(']') {
            Some((addr, port))
                if port.is_empty() || port[1..].parse::<u16>().is_ok() && port.starts_with(':') =>
            {
                return addr == "::1";
            }
            _ => return false,
        }
    } else {
        let (h, port) = rest.rsplit_once(':').unwrap_or((rest, ""));
        if !port.is_empty() && port.parse::<u16>().is_err() {
            return false;
        }
        h
    };
    host == "localhost"
        || host == "127.0.0.1"
        || (host.ends_with(".localhost") && !host[..host.len() - 10].contains(['/', '@']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let p = HostPolicy::new(&[".preview.dev".to_string(), "my.host".to_string()]);
        for ok in [
            "localhost:5173",
            "127.0.0.1",
            "[::1]:80",
            "app.localhost",
            "a.preview.dev",
            "preview.dev",
            "MY.HOST:1",
            "127.0.0.1:5173",
            "LocalHost:80",
        ] {
            assert!(p.allows(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.com",
            "localhost.evil.com",
            "preview.dev.evil.com",
            "my.host.evil",
            "a@b",
            "",
            "x:y:z",
            "evil.com:abc",
            "localhost.evil.com:80",
            "127.0.0.1.evil.com:80",
            "x@127.0.0.1:80",
        ] {
            assert!(!p.allows(Some(bad)), "{bad}");
        }
        assert!(p.allows(None));
    }

    #[test]
    fn origins() {
        for ok in [
            "http://localhost:5173",
            "https://127.0.0.1",
            "http://[::1]:3000",
            "http://app.localhost",
        ] {
            assert!(cors_allows(ok), "{ok}");
        }
        for bad in [
            "http://evil.com",
            "http://localhost.evil.com",
            "null",
            "http://127.0.0.1.nip.io",
            "file://",
            "http://[::2]",
        ] {
            assert!(!cors_allows(bad), "{bad}");
        }
    }
}
