//! The attack graph's own types: what an attacker can stand on (vertices), how one position leads to the
//! next (edges, each with the objects and fields that allow it), and the graph that holds them both ways.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::analysis::rbac::SubjectKey;
use crate::model::{FieldPath, ObjectId};

/// A position an attacker can hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Vertex {
    /// Anyone on the internet.
    Internet,
    /// Code running in the pods of a workload (a controller, or a Pod no input controls).
    Workload(ObjectId),
    /// Code running in the running containers of a workload's pods, where a connection to them lands: init
    /// containers have exited by then. Only where no running container takes the node but an init
    /// container does.
    Serving(ObjectId),
    /// A user, group or service account.
    Identity(SubjectKey),
    /// A role the attacker has bound to itself: its rules in a namespace (`None`: cluster-wide).
    Holding {
        /// The role (`None`: every permission, written into a role with `escalate`).
        role: Option<RoleKey>,
        /// Where the binding grants it.
        namespace: Option<String>,
    },
    /// A node (any node: the attacker picks where its pods run).
    Node,
    /// The Secrets of a namespace (`None`: of every namespace).
    Secrets(Option<String>),
    /// Full power over the cluster.
    ClusterAdmin,
    /// Any service account of a namespace (`None`: of any namespace): a hub, never a step of its own.
    AccountsOf(Option<String>),
    /// Any workload of a namespace (`None`: of any namespace): a hub, never a step of its own.
    WorkloadsOf(Option<String>),
}

/// A role by where it lives: a Role's namespace (`None` for a ClusterRole) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleKey {
    /// `None` for a ClusterRole.
    pub namespace: Option<String>,
    /// Its name.
    pub name: String,
}

impl fmt::Display for RoleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.namespace {
            Some(ns) => write!(f, "Role {ns}/{}", self.name),
            None => write!(f, "ClusterRole {}", self.name),
        }
    }
}

impl Vertex {
    /// Whether the vertex only gathers others: the step into it and the step out of it are one step.
    #[must_use]
    pub fn is_hub(&self) -> bool {
        matches!(self, Self::AccountsOf(_) | Self::WorkloadsOf(_))
    }
}

/// How one position leads to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    /// The internet reaches a workload (a load balancer, node port, external IP, Ingress or host port).
    Exposed,
    /// One workload's pods may open connections to another's.
    Network,
    /// A workload's pods carry their service account's token.
    Token,
    /// A container can take over its node.
    Escape,
    /// From a node: the pods that can be scheduled on it.
    NodePods,
    /// From a node: the kubelet's own credentials.
    KubeletCredentials,
    /// Create a pod (or a workload) that runs as a service account of the namespace.
    CreatePod,
    /// Create a pod that takes its node, where the namespace's Pod Security level admits it.
    PrivilegedPod,
    /// Relabel a namespace's Pod Security level, then create a pod that takes its node.
    RelabelNamespace,
    /// Run a command in a running pod (`pods/exec`, `pods/attach`), or add a debug container to it.
    Exec,
    /// Replace a running pod's image.
    ModifyPod,
    /// Change a workload's pod template (image, service account).
    ModifyWorkload,
    /// Read Secrets.
    ReadSecrets,
    /// Read a service account's long-lived token Secret.
    ReadTokenSecret,
    /// Create a token Secret for a service account and read it back.
    CreateTokenSecret,
    /// Request a token for a service account (`serviceaccounts/token`).
    MintToken,
    /// Impersonate a user, group or service account.
    Impersonate,
    /// Bind a role to oneself (`bind` on the role, as escalation prevention requires).
    BindRole,
    /// Add any permission to a role bound to oneself (`escalate`).
    EscalateRole,
    /// Use the kubelet API (`nodes/proxy`): run commands in any pod of a node.
    KubeletApi,
    /// Have a client certificate issued for any user or group.
    ClientCertificate,
    /// Register an admission webhook that sees (or rewrites) what others create.
    AdmissionWebhook,
    /// Create a hostPath PersistentVolume and a pod that mounts it.
    HostPathVolume,
    /// An identity that holds every permission.
    Holds,
    /// Cluster-admin power reaches every node, Secret and workload.
    Everything,
    /// Into one of the members a hub gathers.
    Member,
}

impl EdgeKind {
    /// The name in output and documentation.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exposed => "exposed",
            Self::Network => "network",
            Self::Token => "token",
            Self::Escape => "escape",
            Self::NodePods => "node-pods",
            Self::KubeletCredentials => "kubelet-credentials",
            Self::CreatePod => "create-pod",
            Self::PrivilegedPod => "privileged-pod",
            Self::RelabelNamespace => "relabel-namespace",
            Self::Exec => "exec",
            Self::ModifyPod => "modify-pod",
            Self::ModifyWorkload => "modify-workload",
            Self::ReadSecrets => "read-secrets",
            Self::ReadTokenSecret => "read-token-secret",
            Self::CreateTokenSecret => "create-token-secret",
            Self::MintToken => "mint-token",
            Self::Impersonate => "impersonate",
            Self::BindRole => "bind-role",
            Self::EscalateRole => "escalate-role",
            Self::KubeletApi => "kubelet-api",
            Self::ClientCertificate => "client-certificate",
            Self::AdmissionWebhook => "admission-webhook",
            Self::HostPathVolume => "hostpath-volume",
            Self::Holds => "holds",
            Self::Everything => "everything",
            Self::Member => "member",
        }
    }
}

/// Why an edge exists: a field of an object among the inputs, or a fact with no field (a built-in binding,
/// an assumption about state the inputs do not hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The object, when it is among the inputs.
    pub object: Option<ObjectId>,
    /// The field in it.
    pub path: FieldPath,
    /// What it says, in words.
    pub note: String,
}

impl Evidence {
    /// A field of an input object.
    #[must_use]
    pub fn field(object: ObjectId, path: FieldPath, note: impl Into<String>) -> Self {
        Self {
            object: Some(object),
            path,
            note: note.into(),
        }
    }

    /// A fact no input field holds.
    #[must_use]
    pub fn fact(note: impl Into<String>) -> Self {
        Self {
            object: None,
            path: FieldPath::root(),
            note: note.into(),
        }
    }
}

/// Evidence shared by every edge one grant opens.
pub type Evidences = Arc<[Evidence]>;

/// One edge.
#[derive(Debug, Clone)]
pub struct Edge {
    /// How.
    pub kind: EdgeKind,
    /// From (an index into the vertices).
    pub from: u32,
    /// To.
    pub to: u32,
    /// Why.
    pub evidence: Evidences,
}

impl Edge {
    /// Whether the edge counts as a step: edges out of a hub are part of the step into it.
    #[must_use]
    pub fn weight(&self) -> u32 {
        u32::from(self.kind != EdgeKind::Member)
    }
}

/// Vertices and edges, with each vertex's edges out and in.
#[derive(Debug, Default)]
pub struct Graph {
    /// Every vertex.
    pub vertices: Vec<Vertex>,
    index: HashMap<Vertex, u32>,
    /// Every edge.
    pub edges: Vec<Edge>,
    /// Edges out of each vertex.
    pub out: Vec<Vec<u32>>,
    /// Edges into each vertex.
    pub into: Vec<Vec<u32>>,
    seen: std::collections::HashSet<(u32, u32, EdgeKind)>,
}

impl Graph {
    /// The vertex's number, added when new.
    pub fn vertex(&mut self, v: Vertex) -> u32 {
        if let Some(&i) = self.index.get(&v) {
            return i;
        }
        let i = u32::try_from(self.vertices.len()).unwrap_or(u32::MAX);
        self.vertices.push(v.clone());
        self.index.insert(v, i);
        self.out.push(Vec::new());
        self.into.push(Vec::new());
        i
    }

    /// The number of a vertex already in the graph.
    #[must_use]
    pub fn find(&self, v: &Vertex) -> Option<u32> {
        self.index.get(v).copied()
    }

    /// Adds an edge; the same (from, to, kind) is kept once, with the evidence it was first given.
    pub fn edge(&mut self, kind: EdgeKind, from: Vertex, to: Vertex, evidence: &Evidences) {
        let (from, to) = (self.vertex(from), self.vertex(to));
        self.edge_between(kind, from, to, evidence);
    }

    /// Adds an edge between two vertices already numbered, as [`Graph::edge`] does.
    pub fn edge_between(&mut self, kind: EdgeKind, from: u32, to: u32, evidence: &Evidences) {
        if from == to || !self.seen.insert((from, to, kind)) {
            return;
        }
        let e = u32::try_from(self.edges.len()).unwrap_or(u32::MAX);
        self.edges.push(Edge {
            kind,
            from,
            to,
            evidence: Arc::clone(evidence),
        });
        self.out[from as usize].push(e);
        self.into[to as usize].push(e);
    }

    /// Drops what only building needed.
    pub(super) fn seal(&mut self) {
        self.seen = std::collections::HashSet::new();
    }
}

/// Edges out of one position, gathered apart from the graph (so that positions are worked on in parallel)
/// and added to it afterwards, with the vertices that belong in the graph even without an edge.
#[derive(Debug, Default)]
pub struct NewEdges(pub Vec<(EdgeKind, Vertex, Vertex, Evidences)>, Vec<Vertex>);

impl NewEdges {
    /// Gathers a vertex that searches may land on without an edge of the graph (a lateral move).
    pub fn vertex(&mut self, v: Vertex) {
        self.1.push(v);
    }

    /// Gathers an edge.
    pub fn edge(&mut self, kind: EdgeKind, from: Vertex, to: Vertex, evidence: &Evidences) {
        self.0.push((kind, from, to, Arc::clone(evidence)));
    }

    /// Whether an edge already gathered leads to `to`.
    #[must_use]
    pub fn reaches(&self, to: &Vertex) -> bool {
        self.0.iter().any(|(_, _, t, _)| t == to)
    }

    /// Adds every gathered edge to `graph`.
    pub fn into_graph(self, graph: &mut Graph) {
        for v in self.1 {
            graph.vertex(v);
        }
        for (kind, from, to, evidence) in self.0 {
            graph.edge(kind, from, to, &evidence);
        }
    }
}
