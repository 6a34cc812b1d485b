//! npm's version ranges (`^1.2.3`, `~1.2`, `>=1 <2`, `1.x || 2.x`, `1.2.3 - 2`), enough to
//! tell whether an installed package already satisfies what a `package.json` asks for, so
//! the package store can link what it has instead of running an install.

use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: Vec<String>,
}

impl Version {
    /// A full version: a partial with all three numbers.
    fn parse(s: &str) -> Option<Self> {
        let p = partial(s)?;
        (p.nums.len() == 3).then(|| floor(&p))
    }

    fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self {
            major,
            minor,
            patch,
            pre: Vec::new(),
        }
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => {
                    for (a, b) in self.pre.iter().zip(&other.pre) {
                        let o = match (a.parse::<u64>(), b.parse::<u64>()) {
                            (Ok(x), Ok(y)) => x.cmp(&y),
                            (Ok(_), Err(_)) => Ordering::Less,
                            (Err(_), Ok(_)) => Ordering::Greater,
                            (Err(_), Err(_)) => a.cmp(b),
                        };
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                    self.pre.len().cmp(&other.pre.len())
                }
            })
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `1`, `1.2`, `1.2.3`, `1.x`, `*`: the numbers given (a wildcard ends them) and any
/// prerelease tag.
struct Partial {
    nums: Vec<u64>,
    pre: Vec<String>,
}

fn partial(s: &str) -> Option<Partial> {
    let s = s.trim().trim_start_matches(['v', '=']);
    let s = s.split('+').next()?;
    let (core, pre) = match s.split_once('-') {
        Some((c, p)) => (c, p.split('.').map(str::to_string).collect()),
        None => (s, Vec::new()),
    };
    let mut nums = Vec::new();
    if !core.is_empty() {
        for p in core.split('.') {
            if matches!(p, "x" | "X" | "*") {
                break;
            }
            nums.push(p.parse().ok()?);
        }
    }
    if nums.len() > 3 {
        return None;
    }
    Some(Partial { nums, pre })
}

/// The lowest version a partial names (`1.2` → `1.2.0`).
fn floor(p: &Partial) -> Version {
    let n = |i: usize| p.nums.get(i).copied().unwrap_or(0);
    Version {
        major: n(0),
        minor: n(1),
        patch: n(2),
        pre: p.pre.clone(),
    }
}

/// The first version past a partial (`1.2` → `1.3.0`); `None` for `*`.
fn past(p: &Partial) -> Option<Version> {
    let n = |i: usize| p.nums.get(i).copied().unwrap_or(0);
    match p.nums.len() {
        0 => None,
        1 => Some(Version::new(n(0) + 1, 0, 0)),
        2 => Some(Version::new(n(0), n(1) + 1, 0)),
        _ => Some(Version::new(n(0), n(1), n(2) + 1)),
    }
}

/// A half-open interval: `low <= v` (or `<`) and `v < high` (or `<=`).
#[derive(Default)]
struct Bounds {
    low: Option<(Version, bool)>,
    high: Option<(Version, bool)>,
}

impl Bounds {
    fn at_least(&mut self, v: Version, inclusive: bool) {
        self.low = Some((v, inclusive));
    }
    fn below(&mut self, v: Version, inclusive: bool) {
        self.high = Some((v, inclusive));
    }
    fn holds(&self, v: &Version) -> bool {
        let low = self.low.as_ref().is_none_or(|(l, inc)| match v.cmp(l) {
            Ordering::Greater => true,
            Ordering::Equal => *inc,
            Ordering::Less => false,
        });
        let high = self.high.as_ref().is_none_or(|(h, inc)| match v.cmp(h) {
            Ordering::Less => true,
            Ordering::Equal => *inc,
            Ordering::Greater => false,
        });
        low && high
    }
}

/// One comparator (`^1.2`, `>=3`, `1.x`) as bounds; `None` if it cannot be read.
fn comparator(c: &str) -> Option<Bounds> {
    let mut b = Bounds::default();
    if let Some(rest) = c.strip_prefix('^') {
        let p = partial(rest)?;
        b.at_least(floor(&p), true);
        let n = |i: usize| p.nums.get(i).copied().unwrap_or(0);
        let high = match p.nums.len() {
            0 => None,
            _ if n(0) > 0 || p.nums.len() == 1 => Some(Version::new(n(0) + 1, 0, 0)),
            _ if n(1) > 0 || p.nums.len() == 2 => Some(Version::new(0, n(1) + 1, 0)),
            _ => Some(Version::new(0, 0, n(2) + 1)),
        };
        if let Some(h) = high {
            b.below(h, false);
        }
    } else if let Some(rest) = c.strip_prefix('~') {
        let p = partial(rest.trim_start_matches('>'))?;
        b.at_least(floor(&p), true);
        let n = |i: usize| p.nums.get(i).copied().unwrap_or(0);
        match p.nums.len() {
            0 => {}
            1 => b.below(Version::new(n(0) + 1, 0, 0), false),
            _ => b.below(Version::new(n(0), n(1) + 1, 0), false),
        }
    } else if let Some(rest) = c.strip_prefix(">=") {
        b.at_least(floor(&partial(rest)?), true);
    } else if let Some(rest) = c.strip_prefix("<=") {
        let p = partial(rest)?;
        match p.nums.len() {
            3 => b.below(floor(&p), true),
            _ => b.below(past(&p)?, false),
        }
    } else if let Some(rest) = c.strip_prefix('>') {
        let p = partial(rest)?;
        match p.nums.len() {
            3 => b.at_least(floor(&p), false),
            _ => b.at_least(past(&p)?, true),
        }
    } else if let Some(rest) = c.strip_prefix('<') {
        b.below(floor(&partial(rest)?), false);
    } else {
        let p = partial(c)?;
        if p.nums.len() == 3 {
            let v = floor(&p);
            b.at_least(v.clone(), true);
            b.below(v, true);
        } else {
            b.at_least(floor(&p), true);
            if let Some(h) = past(&p) {
                b.below(h, false);
            }
        }
    }
    Some(b)
}

/// Whether `version` satisfies the npm `range`. Ranges it cannot read (dist-tags but
/// `latest`, URLs) are never satisfied, so the caller installs. A prerelease satisfies
/// only a range that names a prerelease, as with npm.
pub fn satisfies(version: &str, range: &str) -> bool {
    let Some(v) = Version::parse(version) else {
        return false;
    };
    let range = range.trim();
    if range == "latest" {
        return v.pre.is_empty();
    }
    if !v.pre.is_empty() && !range.contains('-') {
        return false;
    }
    range.split("||").any(|alt| {
        let alt = alt.trim();
        if let Some((lo, hi)) = alt.split_once(" - ") {
            let (Some(lo), Some(hi)) = (partial(lo), partial(hi)) else {
                return false;
            };
            let mut b = Bounds::default();
            b.at_least(floor(&lo), true);
            match hi.nums.len() {
                3 => b.below(floor(&hi), true),
                _ => {
                    if let Some(h) = past(&hi) {
                        b.below(h, false)
                    }
                }
            }
            return b.holds(&v);
        }
        // `>= 1.2` is written with a space now and then: join operators to their versions.
        let mut parts: Vec<String> = Vec::new();
        for t in alt.split_whitespace() {
            match parts.last_mut() {
                Some(last)
                    if matches!(last.as_str(), ">" | ">=" | "<" | "<=" | "=" | "^" | "~") =>
                {
                    last.push_str(t)
                }
                _ => parts.push(t.to_string()),
            }
        }
        if parts.is_empty() {
            parts.push("*".into());
        }
        parts
            .iter()
            .all(|c| comparator(c).is_some_and(|b| b.holds(&v)))
    })
}

#[cfg(test)]
mod tests {
    use super::satisfies;

    #[test]
    fn npm_ranges() {
        let yes = [
            ("19.3.1", "^19.0.0"),
            ("19.3.1", "^19"),
            ("19.3.1", "19"),
            ("19.3.1", "19.x"),
            ("19.3.1", "19.3.x"),
            ("19.3.1", "*"),
            ("19.3.1", ""),
            ("19.3.1", "latest"),
            ("19.3.1", "~19.3.0"),
            ("19.3.1", "~19.3"),
            ("19.3.1", ">=18 <20"),
            ("19.3.1", ">= 18"),
            ("19.3.1", "17.x || 19.x"),
            ("19.3.1", "19.0.0 - 19.4"),
            ("19.3.1", "=19.3.1"),
            ("19.3.1", "v19.3.1"),
            ("0.28.0", "^0.28.0"),
            ("0.0.3", "^0.0.3"),
            ("2.1.1", "^2.1.0"),
            ("1.0.0-rc.2", "^1.0.0-rc.1"),
            ("19.3.1", ">19.2"),
            ("19.3.1", "<=19.3"),
        ];
        for (v, r) in yes {
            assert!(satisfies(v, r), "{v} satisfies {r:?}");
        }
        let no = [
            ("19.3.1", "^18.0.0"),
            ("19.3.1", "~19.2.0"),
            ("19.3.1", "19.3.0"),
            ("0.29.0", "^0.28.0"),
            ("0.0.4", "^0.0.3"),
            ("19.3.1", "<19"),
            ("19.3.1", ">19.3.1"),
            ("19.3.1", "18.x || 20.x"),
            ("19.3.1", "next"),
            ("19.3.1", "1.0.0 - 19.2"),
            ("2.0.0-beta.1", "^1.0.0"),
            ("2.0.0-beta.1", "^2.0.0"),
            ("not a version", "*"),
        ];
        for (v, r) in no {
            assert!(!satisfies(v, r), "{v} does not satisfy {r:?}");
        }
    }
}
