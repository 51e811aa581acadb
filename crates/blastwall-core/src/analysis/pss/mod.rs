//! Pod Security Standards exactly as Pod Security Admission applies them: every check of the
//! `baseline` and `restricted` levels with its version history (policy versions v1.0 to v1.37 and
//! `latest`), the restricted checks that replace baseline ones, and the Windows and user-namespace
//! exemptions. A pod satisfies a level when no check of that level (at that version) rejects it.

mod checks;
mod fields;
pub(crate) mod namespace_labels;
pub mod report;
mod types;

use crate::model::PodSpec;

pub use checks::*;
pub use types::{Check, Level, Version, Violation};

/// The checks that decide `level` at `version`, in upstream order (baseline checks first).
#[must_use]
pub(crate) fn checks_for(level: Level, version: Version) -> Vec<&'static Check> {
    let minor = version.minor();
    let active: Vec<&'static Check> = CHECKS.iter().copied().filter(|c| c.since <= minor).collect();
    match level {
        Level::Privileged => Vec::new(),
        Level::Baseline => active
            .into_iter()
            .filter(|c| c.level == Level::Baseline)
            .collect(),
        Level::Restricted => {
            let overridden: Vec<&str> = active.iter().filter_map(|c| c.overrides).collect();
            active
                .into_iter()
                .filter(|c| !overridden.contains(&c.id))
                .collect()
        }
    }
}

/// Every violation of `pod` against `level` at `version`.
#[must_use]
pub fn evaluate(pod: &PodSpec<'_>, level: Level, version: Version) -> Vec<Violation> {
    checks_for(level, version)
        .iter()
        .flat_map(|c| (c.run)(pod, version.minor()))
        .collect()
}

/// The highest level `pod` satisfies at `version`, and what keeps it from the levels above. A pod that
/// fails baseline gets its baseline violations at level `baseline` (also those of a baseline check that a
/// restricted check replaces at the restricted level: host paths, baseline capabilities, baseline seccomp),
/// then its violations of the restricted-only checks at level `restricted`.
#[must_use]
pub(crate) fn highest_level(pod: &PodSpec<'_>, version: Version) -> (Level, Vec<Violation>) {
    let restricted = evaluate(pod, Level::Restricted, version);
    if restricted.is_empty() {
        return (Level::Restricted, restricted);
    }
    let baseline = evaluate(pod, Level::Baseline, version);
    if baseline.is_empty() {
        return (Level::Baseline, restricted);
    }
    let mut violations = baseline;
    violations.extend(restricted.into_iter().filter(|v| v.level == Level::Restricted));
    (Level::Privileged, violations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_like_the_namespace_labels() {
        assert_eq!("latest".parse::<Version>().unwrap(), Version::LATEST);
        assert_eq!("v1.25".parse::<Version>().unwrap().minor(), 25);
        assert_eq!(
            "v1.99".parse::<Version>().unwrap(),
            Version::LATEST,
            "newer than known: the newest policy"
        );
        for bad in ["1.25", "v2.0", "v1.", "v1.05", "v1.x"] {
            assert!(bad.parse::<Version>().is_err(), "{bad}");
        }
    }

    #[test]
    fn restricted_replaces_baseline_checks_from_their_version() {
        let ids = |v: u32| -> Vec<&str> {
            checks_for(Level::Restricted, Version::v1(v))
                .iter()
                .map(|c| c.id)
                .collect()
        };
        assert!(ids(21).contains(&"capabilities_baseline"));
        assert!(!ids(22).contains(&"capabilities_baseline"));
        assert!(ids(22).contains(&"capabilities_restricted"));
        assert!(ids(18).contains(&"seccompProfile_baseline"));
        assert!(!ids(19).contains(&"seccompProfile_baseline"));
        assert!(
            !ids(0).contains(&"hostPathVolumes"),
            "restrictedVolumes replaces it from v1.0"
        );
        assert!(ids(34).contains(&"procMount") && !ids(35).contains(&"procMount"));
        assert!(
            !ids(33).contains(&"hostProbesAndHostLifecycle")
                && ids(34).contains(&"hostProbesAndHostLifecycle")
        );
        assert!(checks_for(Level::Privileged, Version::LATEST).is_empty());
    }
}

#[cfg(test)]
mod corner_cases {
    use super::types::LATEST_MINOR;
    use super::*;
    use crate::model::{pod_specs, Inventory};
    use crate::source::Source;

    const RESTRICTED_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    \
        runAsNonRoot: true\n    seccompProfile: {type: RuntimeDefault}\n  containers:\n  - name: c\n    image: i\n    \
        securityContext:\n      allowPrivilegeEscalation: false\n      capabilities: {drop: [ALL]}\n";

    /// The restricted pod with `extra_spec` appended: `spec` is the last key, so appended fields land in it
    /// and, as repeated keys, replace the base's.
    fn inventory_of(extra_spec: &str) -> Inventory {
        let text = format!("{RESTRICTED_POD}{extra_spec}");
        let source = Source::new("t.yaml".into(), None, text.into_bytes()).unwrap();
        let docs = source.documents();
        let mut inv = Inventory::default();
        inv.add(source, docs);
        inv
    }

    fn checks(extra_spec: &str, level: Level, minor: u32) -> Vec<&'static str> {
        let inv = inventory_of(extra_spec);
        let specs = pod_specs(&inv.objects[0]);
        evaluate(&specs[0], level, Version::v1(minor))
            .iter()
            .map(|v| v.check)
            .collect()
    }

    #[test]
    fn the_base_pod_is_restricted_at_every_version() {
        for minor in 0..=LATEST_MINOR {
            assert!(checks("", Level::Restricted, minor).is_empty(), "v1.{minor}");
        }
    }

    #[test]
    fn table_of_corner_cases() {
        let cases: [(&str, Level, u32, &[&str]); 14] = [
            ("  hostNetwork: false\n", Level::Baseline, 37, &[]),
            (
                "  hostUsers: false\n  securityContext: {runAsUser: 0, seccompProfile: {type: Localhost}}\n",
                Level::Restricted,
                34,
                &["runAsNonRoot", "runAsUser"],
            ),
            (
                "  hostUsers: false\n  securityContext: {runAsUser: 0, seccompProfile: {type: Localhost}}\n",
                Level::Restricted,
                35,
                &[],
            ),
            (
                "  os: {name: windows}\n  containers: [{name: w, image: i}]\n",
                Level::Restricted,
                24,
                &["allowPrivilegeEscalation", "capabilities_restricted"],
            ),
            (
                "  os: {name: windows}\n  containers: [{name: w, image: i}]\n",
                Level::Restricted,
                25,
                &[],
            ),
            (
                "  volumes: [{name: v, configMap: null}]\n",
                Level::Restricted,
                37,
                &[],
            ),
            (
                "  volumes: [{name: v, nfs: {server: s, path: /}}]\n",
                Level::Restricted,
                37,
                &["restrictedVolumes"],
            ),
            (
                "  volumes: [{name: v, nfs: {server: s, path: /}}]\n",
                Level::Baseline,
                37,
                &[],
            ),
            (
                "  securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: '1'}]}\n",
                Level::Baseline,
                31,
                &["sysctls"],
            ),
            (
                "  securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: '1'}]}\n",
                Level::Baseline,
                32,
                &[],
            ),
            (
                "  securityContext: {seLinuxOptions: {type: container_engine_t}}\n",
                Level::Baseline,
                30,
                &["seLinuxOptions"],
            ),
            (
                "  securityContext: {seLinuxOptions: {type: container_engine_t}}\n",
                Level::Baseline,
                31,
                &[],
            ),
            (
                "  ephemeralContainers: [{name: e, image: i, securityContext: {privileged: true}}]\n",
                Level::Baseline,
                0,
                &["privileged"],
            ),
            (
                "  containers: [{name: c, image: i, livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}}]\n",
                Level::Baseline,
                34,
                &["hostProbesAndHostLifecycle"],
            ),
        ];
        for (spec, level, minor, want) in cases {
            let mut got = checks(spec, level, minor);
            got.dedup();
            assert_eq!(got, want, "{spec} at {level} v1.{minor}");
        }
    }

    #[test]
    fn an_empty_seccomp_profile_turns_seccomp_off() {
        // An empty seccompProfile decodes to type "": not a profile that keeps seccomp on.
        let spec = "  containers: [{name: c, image: i, securityContext: {seccompProfile: {}}}]\n";
        assert_eq!(checks(spec, Level::Baseline, 19), ["seccompProfile_baseline"]);
        // Before v1.19 only the annotations counted.
        assert!(checks(spec, Level::Baseline, 18).is_empty());
    }

    fn highest(extra_spec: &str) -> (Level, Vec<(Level, &'static str)>) {
        let inv = inventory_of(extra_spec);
        let specs = pod_specs(&inv.objects[0]);
        let (level, violations) = highest_level(&specs[0], Version::LATEST);
        let mut checks: Vec<(Level, &str)> = violations.iter().map(|v| (v.level, v.check)).collect();
        checks.dedup();
        (level, checks)
    }

    #[test]
    fn a_pod_that_fails_baseline_names_the_baseline_check_a_restricted_one_replaces() {
        use Level::{Baseline, Privileged, Restricted};
        type Case<'a> = (&'a str, Level, &'a [(Level, &'a str)]);
        let cases: [Case<'_>; 4] = [
            (
                "  volumes: [{name: v, hostPath: {path: /etc}}]\n",
                Privileged,
                &[(Baseline, "hostPathVolumes"), (Restricted, "restrictedVolumes")],
            ),
            (
                "  containers: [{name: c, image: i, securityContext: {allowPrivilegeEscalation: false, \
                 runAsNonRoot: true, capabilities: {drop: [ALL], add: [SYS_ADMIN]}}}]\n",
                Privileged,
                &[
                    (Baseline, "capabilities_baseline"),
                    (Restricted, "capabilities_restricted"),
                ],
            ),
            (
                "  securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}\n",
                Privileged,
                &[
                    (Baseline, "seccompProfile_baseline"),
                    (Restricted, "seccompProfile_restricted"),
                ],
            ),
            (
                "  securityContext: {runAsNonRoot: true}\n",
                Baseline,
                &[(Restricted, "seccompProfile_restricted")],
            ),
        ];
        for (spec, level, want) in cases {
            assert_eq!(highest(spec), (level, want.to_vec()), "{spec}");
        }
    }
}
