//! BW119 restricted-volume-type: a volume type that reaches node or network storage directly.

use crate::model::Segment;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::pss_check::report_check;
use crate::analysis::pss;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW119",
    name: "restricted-volume-type",
    category: Category::Pod,
    severity: Severity::Medium,
    responsibility: Responsibility::User,
    standards: &["pss:restricted:restrictedVolumes"],
    summary: "A pod mounts storage directly (NFS, iSCSI, cloud disks, gitRepo...) instead of through a claim.",
    help: "mount the storage through a PersistentVolumeClaim, or use configMap, secret, emptyDir or projected volumes",
    docs: Docs {
        what: "Reports volumes whose type the restricted Pod Security Standard does not allow (`restrictedVolumes`): \
anything but configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and \
secret. hostPath volumes are reported by the host-path rules instead. A volume that names no source at all is \
allowed, because the API server turns it into an emptyDir.",
        why: "Inline volume sources bypass the storage administrators' PersistentVolumes and StorageClasses: the pod \
names a server, a disk or a repository itself, with whatever credentials and mount options it likes. `gitRepo` \
even runs git on the node.",
        example: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: reports\nspec:\n  containers:\n  - name: reports\n    image: registry.example/reports:1\n  volumes:\n  - name: share\n    nfs:\n      server: nfs.example.internal\n      path: /exports/reports\n",
        remediation: "Create a PersistentVolume (or a StorageClass) for the storage and mount it through a \
PersistentVolumeClaim. For repository content, clone it in an init container into an emptyDir.",
        references: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
            "https://kubernetes.io/docs/concepts/storage/persistent-volumes/",
        ],
    },
    optional: false,
};

pub(super) fn check(c: &mut Check<'_>) {
    report_check(c, &pss::RESTRICTED_VOLUMES, |_, v| {
        v.path.segments().last() != Some(&Segment::Key("hostPath".into()))
    });
}
