//! Sets of connections: for each protocol NetworkPolicy knows (TCP, UDP, SCTP), a set of destination ports
//! kept as sorted, disjoint, non-adjacent intervals of 1..=65535.

use std::fmt;

/// The protocols a NetworkPolicy port can name, in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// TCP, the default.
    Tcp,
    /// UDP.
    Udp,
    /// SCTP.
    Sctp,
}

impl Protocol {
    /// Every protocol, in report order.
    pub(crate) const ALL: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Sctp];

    /// The protocol named as in a manifest (`TCP`, `UDP`, `SCTP`).
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "TCP" => Some(Self::Tcp),
            "UDP" => Some(Self::Udp),
            "SCTP" => Some(Self::Sctp),
            _ => None,
        }
    }

    /// The name as written in manifests.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "TCP",
            Self::Udp => "UDP",
            Self::Sctp => "SCTP",
        }
    }
}

/// Destination ports of one protocol.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct PortSet {
    ranges: Vec<(u16, u16)>,
}

impl PortSet {
    /// Every port, 1 to 65535.
    #[must_use]
    pub fn all() -> Self {
        Self::range(1, u16::MAX)
    }

    /// Ports `from..=to` (empty when `from > to`).
    #[must_use]
    pub fn range(from: u16, to: u16) -> Self {
        let from = from.max(1);
        Self {
            ranges: if from <= to { vec![(from, to)] } else { Vec::new() },
        }
    }

    /// True when no port is in the set.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// True when every port is in the set.
    #[must_use]
    pub fn is_all(&self) -> bool {
        self.ranges == [(1, u16::MAX)]
    }

    /// True when `port` is in the set.
    #[must_use]
    pub fn contains(&self, port: u16) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= port && port <= b)
    }

    /// The intervals, sorted.
    #[must_use]
    pub(crate) fn ranges(&self) -> &[(u16, u16)] {
        &self.ranges
    }

    /// Adds every port of `other`.
    pub fn add(&mut self, other: &PortSet) {
        if other.ranges.is_empty() {
            return;
        }
        let mut all: Vec<(u16, u16)> = self.ranges.iter().chain(&other.ranges).copied().collect();
        all.sort_unstable();
        let mut merged: Vec<(u16, u16)> = Vec::with_capacity(all.len());
        for (a, b) in all {
            match merged.last_mut() {
                Some(last) if u32::from(a) <= u32::from(last.1) + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        self.ranges = merged;
    }

    /// The ports in both sets.
    #[must_use]
    pub(crate) fn intersect(&self, other: &PortSet) -> PortSet {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.ranges.len() && j < other.ranges.len() {
            let (a1, b1) = self.ranges[i];
            let (a2, b2) = other.ranges[j];
            let (a, b) = (a1.max(a2), b1.min(b2));
            if a <= b {
                out.push((a, b));
            }
            if b1 < b2 {
                i += 1;
            } else {
                j += 1;
            }
        }
        PortSet { ranges: out }
    }
}

/// Allowed connections: destination ports per protocol.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Conns {
    by_protocol: [PortSet; 3],
}

impl Conns {
    /// No connection.
    #[must_use]
    pub(crate) fn none() -> Self {
        Self::default()
    }

    /// Every port of every protocol.
    #[must_use]
    pub fn all() -> Self {
        Self {
            by_protocol: [PortSet::all(), PortSet::all(), PortSet::all()],
        }
    }

    /// `ports` of one protocol.
    #[must_use]
    pub fn of(protocol: Protocol, ports: PortSet) -> Self {
        let mut c = Self::none();
        c.by_protocol[protocol as usize] = ports;
        c
    }

    /// The ports of `protocol`.
    #[must_use]
    pub fn ports(&self, protocol: Protocol) -> &PortSet {
        &self.by_protocol[protocol as usize]
    }

    /// True when nothing is allowed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_protocol.iter().all(PortSet::is_empty)
    }

    /// True when everything is allowed.
    #[must_use]
    pub fn is_all(&self) -> bool {
        self.by_protocol.iter().all(PortSet::is_all)
    }

    /// Adds everything `other` allows.
    pub fn add(&mut self, other: &Conns) {
        for (mine, theirs) in self.by_protocol.iter_mut().zip(&other.by_protocol) {
            mine.add(theirs);
        }
    }

    /// What both allow.
    #[must_use]
    pub(crate) fn intersect(&self, other: &Conns) -> Conns {
        Conns {
            by_protocol: [0, 1, 2].map(|i| self.by_protocol[i].intersect(&other.by_protocol[i])),
        }
    }

    /// True when `port` of `protocol` is allowed.
    #[must_use]
    pub fn allows(&self, protocol: Protocol, port: u16) -> bool {
        self.by_protocol[protocol as usize].contains(port)
    }
}

/// `All Connections`, or each protocol (alphabetically) with its ports: `TCP 80,8080-8090,UDP 53`,
/// `SCTP 1-65535`.
impl fmt::Display for Conns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all() {
            return f.write_str("All Connections");
        }
        if self.is_empty() {
            return f.write_str("No Connections");
        }
        let mut written = Vec::new();
        // Protocols in alphabetical order, as the reports of other analyzers list them.
        for protocol in [Protocol::Sctp, Protocol::Tcp, Protocol::Udp] {
            let ports = self.ports(protocol);
            if ports.is_empty() {
                continue;
            }
            let list: Vec<String> = ports
                .ranges()
                .iter()
                .map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") })
                .collect();
            written.push(format!("{} {}", protocol.as_str(), list.join(",")));
        }
        f.write_str(&written.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_sets_merge_and_intersect() {
        let mut s = PortSet::range(80, 80);
        s.add(&PortSet::range(81, 90));
        s.add(&PortSet::range(100, 110));
        assert_eq!(
            s.ranges(),
            &[(80, 90), (100, 110)],
            "adjacent ranges merge, gaps stay"
        );
        assert_eq!(
            s.intersect(&PortSet::range(85, 105)).ranges(),
            &[(85, 90), (100, 105)]
        );
        assert!(PortSet::range(0, 0).is_empty(), "port 0 is no port");
        assert!(PortSet::range(9, 8).is_empty(), "an inverted range is empty");
    }

    #[test]
    fn connections_print_as_reports_do() {
        assert_eq!(Conns::all().to_string(), "All Connections");
        let mut c = Conns::of(Protocol::Udp, PortSet::range(53, 53));
        c.add(&Conns::of(Protocol::Tcp, PortSet::range(10053, 10054)));
        c.add(&Conns::of(Protocol::Tcp, PortSet::range(80, 80)));
        assert_eq!(c.to_string(), "TCP 80,10053-10054,UDP 53");
        assert_eq!(
            Conns::of(Protocol::Sctp, PortSet::all()).to_string(),
            "SCTP 1-65535"
        );
        assert!(c
            .intersect(&Conns::of(Protocol::Udp, PortSet::all()))
            .allows(Protocol::Udp, 53));
        assert!(!c
            .intersect(&Conns::of(Protocol::Udp, PortSet::all()))
            .allows(Protocol::Tcp, 80));
    }
}
