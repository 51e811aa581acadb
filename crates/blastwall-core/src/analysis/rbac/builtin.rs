//! Kubernetes' built-in RBAC policy: the roles and bindings the API server creates in every cluster
//! (cluster-admin, admin, edit, view and the `system:` roles of components and controllers), by minor
//! version, so that manifests binding `edit` or `view` are understood without the user supplying them.
//!
//! The policy is data in `builtin/*.txt`, one item per line:
//!
//! ```text
//! clusterrole NAME [label KEY=VALUE]... [aggregate KEY=VALUE]...
//! role NAMESPACE/NAME [label KEY=VALUE]...
//! rule VERBS GROUPS RESOURCES [names NAMES]       (lists comma-separated; `core` is the "" group)
//! url VERBS PATHS
//! clusterbinding NAME ClusterRole:ROLE [SUBJECT]...
//! binding NAMESPACE/NAME Role:ROLE|ClusterRole:ROLE [SUBJECT]...
//! ```
//!
//! A SUBJECT is `User:NAME`, `Group:NAME` or `ServiceAccount:NAMESPACE/NAME`; `rule` and `url` lines belong
//! to the role above them. Any line may end with `since 1.N` and/or `until 1.N` (inclusive).

use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};

use super::types::{Binding, PolicyRule, Role, RoleRef, Subject};
use crate::model::LabelSelector;
use crate::value_error::ValueError;

const FILES: [(&str, &str); 3] = [
    ("cluster-roles.txt", include_str!("builtin/cluster-roles.txt")),
    ("bindings.txt", include_str!("builtin/bindings.txt")),
    ("controllers.txt", include_str!("builtin/controllers.txt")),
];

/// The oldest and newest Kubernetes minor versions whose built-in policy blastwall holds.
pub const OLDEST_MINOR: u32 = 22;
/// See [`OLDEST_MINOR`].
pub const NEWEST_MINOR: u32 = 36;

/// A Kubernetes version, as given to `--k8s-version`: `1.N`, `v1.N`, `1.N.P` or `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    minor: u32,
}

impl KubeVersion {
    /// The newest version blastwall knows.
    pub const LATEST: Self = Self { minor: NEWEST_MINOR };

    /// The minor version.
    #[must_use]
    pub fn minor(self) -> u32 {
        self.minor
    }

    /// A version a user chooses (a flag, the configuration). A cluster newer than the newest release known
    /// keeps that release's built-in policy; a version a user asks for beyond it is a mistake, and an error
    /// that says the range.
    pub fn parse_setting(s: &str) -> Result<Self, ValueError> {
        let version: Self = s.parse()?;
        let asked = s
            .strip_prefix('v')
            .unwrap_or(s)
            .strip_prefix("1.")
            .and_then(|rest| rest.split('.').next())
            .and_then(|m| m.parse::<u32>().ok());
        match asked {
            Some(minor) if minor > NEWEST_MINOR => Err(ValueError::OutOfRange {
                what: "Kubernetes version",
                value: s.to_owned(),
                range: format!("1.{OLDEST_MINOR} to 1.{NEWEST_MINOR}, or latest"),
            }),
            _ => Ok(version),
        }
    }
}

impl std::fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "1.{}", self.minor)
    }
}

impl FromStr for KubeVersion {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        if s == "latest" {
            return Ok(Self::LATEST);
        }
        let invalid = || ValueError::Invalid {
            what: "Kubernetes version",
            value: s.to_owned(),
            expected: "1.N, v1.N, 1.N.P or latest",
        };
        let rest = s
            .strip_prefix('v')
            .unwrap_or(s)
            .strip_prefix("1.")
            .ok_or_else(invalid)?;
        let minor_text = rest.split_once('.').map_or(
            rest,
            |(m, patch)| {
                if patch.parse::<u32>().is_ok() {
                    m
                } else {
                    ""
                }
            },
        );
        let minor: u32 = minor_text.parse().map_err(|_| invalid())?;
        if minor < OLDEST_MINOR {
            return Err(ValueError::KubeVersionTooOld {
                minor,
                oldest: OLDEST_MINOR,
            });
        }
        // Newer releases than the newest known keep that policy, as the bootstrap roles change rarely.
        Ok(Self {
            minor: minor.min(NEWEST_MINOR),
        })
    }
}

/// The built-in roles and bindings of `version`. Their `object` is `None`: they come from no input.
#[must_use]
pub(crate) fn builtin_policy(version: KubeVersion) -> (Vec<Role>, Vec<Binding>) {
    // Read once per version and process: an admission webhook judges thousands of objects a second.
    type Read = HashMap<KubeVersion, Arc<(Vec<Role>, Vec<Binding>)>>;
    static READ: OnceLock<Mutex<Read>> = OnceLock::new();
    let read = READ.get_or_init(Mutex::default);
    let cached = read.lock().ok().and_then(|m| m.get(&version).cloned());
    let policy = cached.unwrap_or_else(|| {
        let policy = Arc::new(read_policy(version));
        if let Ok(mut m) = read.lock() {
            m.insert(version, Arc::clone(&policy));
        }
        policy
    });
    (policy.0.clone(), policy.1.clone())
}

fn read_policy(version: KubeVersion) -> (Vec<Role>, Vec<Binding>) {
    let (mut roles, mut bindings) = (Vec::new(), Vec::new());
    for (file, text) in FILES {
        if let Err(e) = read(text, version, &mut roles, &mut bindings) {
            // The data is part of the program and covered by tests; a mistake in it is a bug.
            panic!("built-in RBAC data {file}: {e}");
        }
    }
    (roles, bindings)
}

fn read(
    text: &str,
    version: KubeVersion,
    roles: &mut Vec<Role>,
    bindings: &mut Vec<Binding>,
) -> Result<(), String> {
    // Set while the rules that follow belong to a role left out for this version.
    let mut skipping = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words: Vec<&str> = line.split_whitespace().collect();
        let present = in_version(&mut words, version).map_err(|e| format!("line {}: {e}", n + 1))?;
        let fail = |what: &str| format!("line {}: {what}: {line}", n + 1);
        match words[0] {
            "clusterrole" | "role" => {
                skipping = !present;
                if present {
                    roles.push(role(&words).ok_or_else(|| fail("bad role"))?);
                }
            }
            "rule" | "url" => {
                let role = roles.last_mut().ok_or_else(|| fail("rule before any role"))?;
                if present && !skipping {
                    role.rules.push(rule(&words).ok_or_else(|| fail("bad rule"))?);
                }
            }
            "clusterbinding" | "binding" => {
                if present {
                    bindings.push(binding(&words).ok_or_else(|| fail("bad binding"))?);
                }
            }
            _ => return Err(fail("unknown item")),
        }
    }
    Ok(())
}

/// Strips trailing `since 1.N` / `until 1.N` and tells whether the line holds for `version`.
fn in_version(words: &mut Vec<&str>, version: KubeVersion) -> Result<bool, String> {
    let mut present = true;
    while words.len() >= 3 && matches!(words[words.len() - 2], "since" | "until") {
        let bound = words[words.len() - 1]
            .strip_prefix("1.")
            .and_then(|m| m.parse::<u32>().ok())
            .ok_or("bad version bound")?;
        present &= match words[words.len() - 2] {
            "since" => version.minor >= bound,
            _ => version.minor <= bound,
        };
        words.truncate(words.len() - 2);
    }
    Ok(present)
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|w| if w == "core" { String::new() } else { w.to_owned() })
        .collect()
}

fn role(words: &[&str]) -> Option<Role> {
    let (namespace, name) = if words[0] == "role" {
        let (ns, name) = words.get(1)?.split_once('/')?;
        (Some(ns.to_owned()), name.to_owned())
    } else {
        (None, (*words.get(1)?).to_owned())
    };
    let mut role = Role {
        namespace,
        name,
        ..Role::default()
    };
    for pair in words[2..].chunks(2) {
        let (key, value) = pair.get(1)?.split_once('=')?;
        let entry = (key.to_owned(), value.to_owned());
        match pair[0] {
            "label" => {
                role.labels.insert(entry.0, entry.1);
            }
            "aggregate" => role
                .aggregation
                .get_or_insert_with(Vec::new)
                .push(LabelSelector::with_labels(BTreeMap::from([entry]))),
            _ => return None,
        }
    }
    Some(role)
}

fn rule(words: &[&str]) -> Option<PolicyRule> {
    if words[0] == "url" {
        return (words.len() == 3).then(|| PolicyRule {
            verbs: list(words[1]),
            non_resource_urls: list(words[2]),
            ..PolicyRule::default()
        });
    }
    let names = match words.get(4..) {
        Some([]) => Vec::new(),
        Some(["names", names]) => list(names),
        _ => return None,
    };
    Some(PolicyRule {
        verbs: list(words[1]),
        api_groups: list(words.get(2)?),
        resources: list(words.get(3)?),
        resource_names: names,
        non_resource_urls: Vec::new(),
    })
}

fn binding(words: &[&str]) -> Option<Binding> {
    let (namespace, name) = if words[0] == "binding" {
        let (ns, name) = words.get(1)?.split_once('/')?;
        (Some(ns.to_owned()), name.to_owned())
    } else {
        (None, (*words.get(1)?).to_owned())
    };
    let (kind, role) = words.get(2)?.split_once(':')?;
    let subjects = words[3..]
        .iter()
        .map(|s| {
            let (kind, name) = s.split_once(':')?;
            let (namespace, name) = match kind {
                "ServiceAccount" => {
                    let (ns, name) = name.split_once('/')?;
                    (Some(ns.to_owned()), name)
                }
                "User" | "Group" => (None, name),
                _ => return None,
            };
            Some(Subject {
                kind: kind.to_owned(),
                name: name.to_owned(),
                namespace,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Binding {
        namespace,
        name,
        role_ref: RoleRef {
            kind: kind.to_owned(),
            name: role.to_owned(),
        },
        subjects,
        object: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_data_reads_and_holds_together_for_every_version() {
        for minor in OLDEST_MINOR..=NEWEST_MINOR {
            let (roles, bindings) = builtin_policy(KubeVersion { minor });
            let mut names = HashSet::new();
            for role in &roles {
                let key = (role.namespace.clone(), role.name.clone());
                assert!(names.insert(key), "1.{minor}: {} is defined twice", role.name);
                assert!(
                    role.aggregation.is_some() || !role.rules.is_empty(),
                    "1.{minor}: {} grants nothing",
                    role.name
                );
            }
            for b in &bindings {
                let namespace = (b.role_ref.kind == "Role").then(|| b.namespace.clone()).flatten();
                assert!(
                    names.contains(&(namespace, b.role_ref.name.clone())),
                    "1.{minor}: binding {} references a role that is not built in",
                    b.name
                );
            }
            assert!(roles.iter().any(|r| r.name == "cluster-admin"), "1.{minor}");
        }
    }

    #[test]
    fn version_markers_select_lines() {
        let text = "clusterrole a\n  rule get core pods\n  rule list core pods since 1.30\n  rule watch core pods until 1.29\nclusterrole b since 1.31\n  rule get core nodes\n";
        let rules_of = |minor| {
            let (mut roles, mut bindings) = (Vec::new(), Vec::new());
            read(text, KubeVersion { minor }, &mut roles, &mut bindings).expect("reads");
            roles
                .iter()
                .map(|r| {
                    format!(
                        "{}:{}",
                        r.name,
                        r.rules
                            .iter()
                            .map(|x| x.verbs.join(""))
                            .collect::<Vec<_>>()
                            .join(",")
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            rules_of(29),
            ["a:get,watch"],
            "until is inclusive; a later role is absent"
        );
        assert_eq!(rules_of(30), ["a:get,list"], "since is inclusive");
        assert_eq!(
            rules_of(31),
            ["a:get,list", "b:get"],
            "a role present from its version on"
        );
    }

    #[test]
    fn malformed_lines_are_refused_with_their_line_number() {
        for (text, line) in [
            ("rule get core pods\n", 1),
            ("clusterrole a\n  rule get core\n", 2),
            ("clusterrole a\nbinding nons Role:a\n", 2),
            ("clusterrole a label novalue\n", 1),
            ("clusterrole a\n  rule get core pods since 2.1\n", 2),
            ("grant a\n", 1),
        ] {
            let err = read(text, KubeVersion::LATEST, &mut Vec::new(), &mut Vec::new()).expect_err(text);
            assert!(err.starts_with(&format!("line {line}:")), "{text:?}: {err}");
        }
    }
}
