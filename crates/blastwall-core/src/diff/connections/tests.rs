//! The grouped comparison against the plain one: for each edit of a small cluster, the connections added
//! and removed are exactly the set difference of the two trees' whole connlists.

use std::collections::BTreeSet;

use super::{between_networks, ConnectionChange};
use crate::analysis::netpol::{connlist, network_of, Network};
use crate::model::Inventory;
use crate::render::connlist::side_text;

/// Two namespaces with labels and one without a Namespace object; a database admitting the API by
/// namespace and pod labels on a named port; the web's egress limited to an address block and the API;
/// a ReplicaSet missing from the inputs whose two pods differ (one workload of two classes), one of them
/// admitting the tool only.
const BASE: &str = "\
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: v1
kind: Namespace
metadata: {name: db, labels: {team: b}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: x, ports: [{name: http, containerPort: 9090}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: pg, namespace: db}
spec:
  template:
    metadata: {labels: {app: pg}}
    spec: {containers: [{name: c, image: x, ports: [{name: pg, containerPort: 5432}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: tool, namespace: other}
spec:
  template:
    metadata: {labels: {app: tool}}
    spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: job-a
  namespace: other
  labels: {app: job, shard: a}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: job, uid: u1, controller: true}]
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: job-b
  namespace: other
  labels: {app: job, shard: b}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: job, uid: u1, controller: true}]
spec: {containers: [{name: c, image: x}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: pg-from-api, namespace: db}
spec:
  podSelector: {matchLabels: {app: pg}}
  ingress:
  - from: [{namespaceSelector: {matchLabels: {team: a}}, podSelector: {matchLabels: {app: api}}}]
    ports: [{port: pg}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
  - to: [{podSelector: {matchLabels: {app: api}}}]
    ports: [{port: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: shard-a-from-tool, namespace: other}
spec:
  podSelector: {matchLabels: {shard: a}}
  ingress: [{from: [{podSelector: {matchLabels: {app: tool}}}]}]
";

/// Edits of BASE: (what, text replaced, replacement).
const EDITS: &[(&str, &str, &str)] = &[
    ("a pod's labels", "labels: {app: web}", "labels: {app: webx}"),
    ("a namespace's labels", "labels: {team: a}", "labels: {team: c}"),
    (
        "a named port",
        "name: http, containerPort: 9090",
        "name: http, containerPort: 9191",
    ),
    ("a policy's port", "ports: [{port: pg}]", "ports: [{port: 5433}]"),
    (
        "an address block",
        "except: [10.1.0.0/16]",
        "except: [10.2.0.0/16]",
    ),
    (
        "one pod of a two-class workload",
        "labels: {app: job, shard: b}",
        "labels: {app: job, shard: a}",
    ),
    (
        "a workload's namespace",
        "name: tool, namespace: other",
        "name: tool, namespace: shop",
    ),
    (
        "a default deny",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web-out",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: other}\n\
         spec: {podSelector: {}}\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n\
         metadata: {name: web-out",
    ),
    (
        "a new workload",
        "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: job-a",
        "---\napiVersion: v1\nkind: Pod\nmetadata: {name: lone, namespace: db, labels: {app: api}}\n\
         spec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: job-a",
    ),
    (
        "a policy that selects nothing any more",
        "podSelector: {matchLabels: {app: pg}}",
        "podSelector: {matchLabels: {app: none}}",
    ),
];

fn network(text: &str) -> Network {
    network_of(&Inventory::from_text(text), false).0
}

fn listed(net: &Network) -> BTreeSet<ConnectionChange> {
    connlist(net)
        .into_iter()
        .map(|c| ConnectionChange {
            src: side_text(net, &c.src),
            dst: side_text(net, &c.dst),
            conns: c.conns.to_string(),
        })
        .collect()
}

#[test]
fn each_edit_changes_exactly_the_set_difference_of_the_connlists() {
    let base = network(BASE);
    let before = listed(&base);
    for &(what, from, to) in EDITS {
        assert!(BASE.contains(from), "{what}: {from}");
        let head = network(&BASE.replacen(from, to, 1));
        let after = listed(&head);
        let diff = between_networks(&base, &head);
        let added: Vec<_> = after.difference(&before).cloned().collect();
        let removed: Vec<_> = before.difference(&after).cloned().collect();
        assert!(
            !added.is_empty() || !removed.is_empty(),
            "{what}: the edit changes some connection"
        );
        assert_eq!(diff.added, added, "{what}: added");
        assert_eq!(diff.removed, removed, "{what}: removed");
        // Both ways round.
        let back = between_networks(&head, &base);
        assert_eq!((back.added, back.removed), (removed, added), "{what}: reversed");
    }
}
