//! Where the cluster runs: the platform decides who owns the control plane and the nodes. A bottom module
//! that both the configuration file and the resolved settings read.

use crate::value_error::ValueError;

/// Where the cluster runs, which decides who owns the control plane and the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Platform {
    /// The team runs the control plane itself (kubeadm, kops, bare metal...).
    #[default]
    SelfManaged,
    /// Amazon EKS.
    Eks,
    /// Google GKE.
    Gke,
    /// Azure AKS.
    Aks,
    /// Red Hat OpenShift, whose operators own the control plane's configuration.
    Openshift,
    /// k3s, run by the team.
    K3s,
}

impl Platform {
    /// True when a provider runs the control plane: its findings are the provider's, not the team's.
    #[must_use]
    pub fn managed(self) -> bool {
        matches!(self, Self::Eks | Self::Gke | Self::Aks | Self::Openshift)
    }

    /// The name used on the command line.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SelfManaged => "self-managed",
            Self::Eks => "eks",
            Self::Gke => "gke",
            Self::Aks => "aks",
            Self::Openshift => "openshift",
            Self::K3s => "k3s",
        }
    }
}

impl std::str::FromStr for Platform {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        [
            Self::SelfManaged,
            Self::Eks,
            Self::Gke,
            Self::Aks,
            Self::Openshift,
            Self::K3s,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
        .ok_or_else(|| ValueError::Unknown {
            what: "platform",
            value: s.to_owned(),
            expected: "self-managed, eks, gke, aks, openshift or k3s",
        })
    }
}
