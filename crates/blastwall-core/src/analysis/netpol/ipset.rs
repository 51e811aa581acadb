//! Sets of IP addresses as sorted, disjoint intervals, one list per address family: an ipBlock's `cidr`
//! minus its `except` entries, and the split of the address space into the blocks policies distinguish.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

impl Family {
    fn max(self) -> u128 {
        match self {
            Self::V4 => u128::from(u32::MAX),
            Self::V6 => u128::MAX,
        }
    }
}

/// A set of addresses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IpSet {
    /// (family, first, last), sorted and disjoint within each family.
    ranges: Vec<(Family, u128, u128)>,
}

/// Why a CIDR could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadCidr(pub String);

fn split_cidr(text: &str) -> Result<(Family, u128, u128), BadCidr> {
    let bad = || BadCidr(format!("`{text}` is not a CIDR such as 10.0.0.0/8"));
    let (addr, bits) = text.split_once('/').ok_or_else(bad)?;
    let addr: IpAddr = addr.parse().map_err(|_| bad())?;
    let bits: u32 = bits.parse().map_err(|_| bad())?;
    let (family, value, width) = match addr {
        IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a)), 32),
        IpAddr::V6(a) => (Family::V6, u128::from(a), 128),
    };
    if bits > width {
        return Err(bad());
    }
    let host = if bits == width {
        0
    } else {
        (family.max() >> bits) & family.max()
    };
    // Like the API server's parser, host bits are cleared: 10.1.2.3/8 is 10.0.0.0/8.
    let first = value & !host & family.max();
    Ok((family, first, first | host))
}

/// Why the API server (1.36 and later, with strict IP validation) refuses `text` in an ipBlock, beyond not
/// being a CIDR: leading zeros in the prefix length, an IPv4-mapped IPv6 address, or bits set beyond the
/// prefix length (`10.1.2.3/8`; 1.33-1.35 accepted it with a warning).
#[must_use]
pub(crate) fn strict_cidr_problem(text: &str) -> Option<String> {
    let (addr, bits) = text.split_once('/')?;
    let ip: IpAddr = addr.parse().ok()?;
    if bits.len() > 1 && bits.starts_with('0') {
        return Some(format!("`{text}` has a leading 0 in its prefix length"));
    }
    if let IpAddr::V6(v6) = ip {
        if v6.to_ipv4_mapped().is_some() {
            return Some(format!("`{text}` is an IPv4-mapped IPv6 address"));
        }
    }
    let (_, first, _) = split_cidr(text).ok()?;
    let value = match ip {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => u128::from(a),
    };
    (value != first).then(|| {
        format!("`{text}` has bits set beyond its prefix length (refused since Kubernetes 1.36; earlier versions read it as the network's first address)")
    })
}

/// True when `inner` is a strict subset of `outer` as the API server checks an ipBlock's `except`: the same
/// family, inside it, with a longer prefix.
#[must_use]
pub(crate) fn strict_subset(inner: &str, outer: &str) -> bool {
    let bits = |t: &str| t.split_once('/').and_then(|(_, b)| b.parse::<u32>().ok());
    match (split_cidr(inner), split_cidr(outer), bits(inner), bits(outer)) {
        (Ok((fi, first, _)), Ok((fo, lo, hi)), Some(bi), Some(bo)) => {
            fi == fo && lo <= first && first <= hi && bi > bo
        }
        _ => false,
    }
}

impl IpSet {
    /// Every address of both families.
    #[must_use]
    pub fn everything() -> Self {
        Self {
            ranges: vec![
                (Family::V4, 0, Family::V4.max()),
                (Family::V6, 0, Family::V6.max()),
            ],
        }
    }

    /// The addresses of a CIDR (`10.0.0.0/8`, `2001:db8::/32`).
    ///
    /// # Errors
    /// When the text is not a CIDR.
    pub fn cidr(text: &str) -> Result<Self, BadCidr> {
        let (family, first, last) = split_cidr(text)?;
        Ok(Self {
            ranges: vec![(family, first, last)],
        })
    }

    /// One address.
    #[must_use]
    pub fn address(addr: IpAddr) -> Self {
        let (family, v) = match addr {
            IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a))),
            IpAddr::V6(a) => (Family::V6, u128::from(a)),
        };
        Self {
            ranges: vec![(family, v, v)],
        }
    }

    /// True when the set holds no address.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// The intervals.
    #[must_use]
    pub(crate) fn ranges(&self) -> &[(Family, u128, u128)] {
        &self.ranges
    }

    /// True when `addr` is in the set.
    #[must_use]
    pub fn contains(&self, addr: IpAddr) -> bool {
        let (family, v) = match addr {
            IpAddr::V4(a) => (Family::V4, u128::from(u32::from(a))),
            IpAddr::V6(a) => (Family::V6, u128::from(a)),
        };
        self.ranges
            .iter()
            .any(|&(f, a, b)| f == family && a <= v && v <= b)
    }

    /// True when every address of `other` is in this set.
    #[must_use]
    pub fn covers(&self, other: &IpSet) -> bool {
        other.minus(self).is_empty()
    }

    /// The addresses in this set and not in `other`.
    #[must_use]
    pub(crate) fn minus(&self, other: &IpSet) -> IpSet {
        let mut out = Vec::new();
        for &(family, a, b) in &self.ranges {
            let mut pieces = vec![(a, b)];
            for &(f, c, d) in &other.ranges {
                if f != family {
                    continue;
                }
                pieces = pieces
                    .into_iter()
                    .flat_map(|(x, y)| {
                        let mut keep = Vec::new();
                        if d < x || c > y {
                            keep.push((x, y));
                        } else {
                            if c > x {
                                keep.push((x, c - 1));
                            }
                            if d < y {
                                keep.push((d + 1, y));
                            }
                        }
                        keep
                    })
                    .collect();
            }
            out.extend(pieces.into_iter().map(|(x, y)| (family, x, y)));
        }
        IpSet { ranges: out }
    }

    /// Adds every address of `other`.
    pub fn add(&mut self, other: &IpSet) {
        let mut all: Vec<(Family, u128, u128)> = self.ranges.iter().chain(&other.ranges).copied().collect();
        all.sort_unstable();
        let mut merged: Vec<(Family, u128, u128)> = Vec::with_capacity(all.len());
        for (f, a, b) in all {
            match merged.last_mut() {
                Some(last) if last.0 == f && (last.2 == u128::MAX || a <= last.2 + 1) => {
                    last.2 = last.2.max(b);
                }
                _ => merged.push((f, a, b)),
            }
        }
        self.ranges = merged;
    }

    /// The disjoint blocks into which the boundaries of `sets` cut the whole address space of the families
    /// present: every block lies entirely inside or entirely outside each set.
    #[must_use]
    pub(crate) fn partition<'a>(
        sets: impl IntoIterator<Item = &'a IpSet>,
        families: &[Family],
    ) -> Vec<IpSet> {
        let mut cuts: Vec<(Family, u128)> = Vec::new();
        for set in sets {
            for &(f, a, b) in &set.ranges {
                cuts.push((f, a));
                if b < f.max() {
                    cuts.push((f, b + 1));
                }
            }
        }
        let mut out = Vec::new();
        for &family in families {
            let mut starts: Vec<u128> = cuts
                .iter()
                .filter(|(f, _)| *f == family)
                .map(|(_, v)| *v)
                .collect();
            starts.push(0);
            starts.sort_unstable();
            starts.dedup();
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).map_or(family.max(), |next| next - 1);
                out.push(IpSet {
                    ranges: vec![(family, start, end)],
                });
            }
        }
        out
    }
}

/// `first-last` for each interval, joined by commas: `10.0.0.0-10.255.255.255`.
impl fmt::Display for IpSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text: Vec<String> = self
            .ranges
            .iter()
            .map(|&(family, a, b)| match family {
                Family::V4 => format!(
                    "{}-{}",
                    Ipv4Addr::from(u32::try_from(a).unwrap_or(u32::MAX)),
                    Ipv4Addr::from(u32::try_from(b).unwrap_or(u32::MAX))
                ),
                Family::V6 => format!("{}-{}", Ipv6Addr::from(a), Ipv6Addr::from(b)),
            })
            .collect();
        f.write_str(&text.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(cidr: &str) -> IpSet {
        IpSet::cidr(cidr).expect("cidr")
    }

    #[test]
    fn cidrs_with_excepts() {
        let block = set("10.0.0.0/8").minus(&set("10.1.0.0/16"));
        assert_eq!(block.to_string(), "10.0.0.0-10.0.255.255,10.2.0.0-10.255.255.255");
        assert!(!block.contains("10.1.2.3".parse().expect("ip")));
        assert!(block.contains("10.2.0.1".parse().expect("ip")));
        assert_eq!(
            set("10.1.2.3/8").to_string(),
            "10.0.0.0-10.255.255.255",
            "host bits are cleared"
        );
        assert_eq!(set("0.0.0.0/0").to_string(), "0.0.0.0-255.255.255.255");
        assert_eq!(set("1.2.3.4/32").to_string(), "1.2.3.4-1.2.3.4");
        assert!(IpSet::cidr("10.0.0.0/33").is_err());
        assert!(IpSet::cidr("10.0.0.0").is_err());
        assert!(
            !set("::/0").contains("1.2.3.4".parse().expect("ip")),
            "families are separate"
        );
    }

    #[test]
    fn partitions_cut_at_every_boundary() {
        let a = set("0.0.0.0/0").minus(&set("10.0.0.0/8"));
        let b = set("10.10.0.0/16");
        let blocks = IpSet::partition([&a, &b], &[Family::V4]);
        let text: Vec<String> = blocks.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "0.0.0.0-9.255.255.255",
                "10.0.0.0-10.9.255.255",
                "10.10.0.0-10.10.255.255",
                "10.11.0.0-10.255.255.255",
                "11.0.0.0-255.255.255.255"
            ]
        );
        for block in &blocks {
            assert!(
                a.covers(block) || a.minus(block) == a,
                "{block} is inside or outside a"
            );
        }
    }
}
