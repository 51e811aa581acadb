//! BW409 data-store-open-to-all-namespaces: a database or other stateful workload that pods of any
//! namespace may connect to.

use crate::analysis::netpol::Endpoint;
use crate::model::FieldPath;
use crate::rule::{Category, Docs, Responsibility, Rule, Severity};
use crate::rules::check::Check;

use super::net::{pods_of, stranger};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    code: "BW409",
    name: "data-store-open-to-all-namespaces",
    category: Category::Network,
    severity: Severity::High,
    responsibility: Responsibility::User,
    standards: &["nsa:network:least-privilege", "mitre:T1210"],
    summary: "A database or other stateful workload accepts connections from pods of every namespace.",
    help: "allow ingress only from the workloads that use the data store, by namespace and pod labels",
    docs: Docs {
        what: "Reports workloads that run a data store, recognised by the image (postgres, mysql, mariadb, mongo, \
redis, valkey, memcached, cassandra, elasticsearch, opensearch, etcd, kafka, zookeeper, rabbitmq, couchdb, \
clickhouse, influxdb, neo4j, cockroach, minio) or by a declared well-known data-store port \
(PostgreSQL 5432, MySQL 3306, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Cassandra 9042, \
Elasticsearch 9200, CouchDB 5984, InfluxDB 8086, etcd 2379, Memcached 11211), that a pod of a namespace \
with no particular labels could connect to: no ingress isolation, or a rule open to every namespace.",
        why: "Data stores hold what attackers want. Reachable from every namespace, one compromised pod \
anywhere in the cluster can try their credentials, exploit them, or read them when they trust the network.",
        example: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: postgres\n  namespace: data\nspec:\n  serviceName: postgres\n  selector:\n    matchLabels: {app: postgres}\n  template:\n    metadata:\n      labels: {app: postgres}\n    spec:\n      containers:\n      - name: postgres\n        image: postgres:16.4\n        ports:\n        - containerPort: 5432\n",
        remediation: "Add a default deny to the namespace and a policy that admits only the clients, e.g. \
`namespaceSelector` on `kubernetes.io/metadata.name` together with a `podSelector` in the same peer.",
        references: &["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
    },
    optional: false,
};

/// Ports data stores listen on by default.
const DATA_STORE_PORTS: &[i64] = &[
    5432, 3306, 1433, 1521, 27017, 6379, 9042, 9200, 5984, 8086, 2379, 11211,
];

pub(super) fn check(c: &mut Check<'_>) {
    let store_image = c.pods.iter().any(|spec| {
        spec.declared_containers().any(|container| {
            container
                .node
                .get("image")
                .and_then(crate::source::Node::as_str)
                .is_some_and(is_data_store_image)
        })
    });
    let declares_store_port = c.pods.iter().any(|spec| {
        spec.declared_containers().any(|container| {
            container.list("ports").iter().any(|p| {
                p.get("containerPort")
                    .and_then(crate::source::Node::as_i64)
                    .is_some_and(|n| DATA_STORE_PORTS.contains(&n))
            })
        })
    });
    if !store_image && !declares_store_port {
        return;
    }
    let pods = pods_of(c);
    let (net, _) = c.network();
    let Some(pod) = pods.first() else {
        return;
    };
    if pod.host_network.is_some() {
        return;
    }
    let outsider = stranger();
    let verdict = net.ingress(pod, Endpoint::Pod(&outsider));
    if verdict.conns.is_empty() {
        return;
    }
    let why = match verdict.allowed_by.first() {
        None => "no NetworkPolicy selects it for ingress".to_owned(),
        Some((policy, rule, _)) => {
            let p = &net.policies[*policy];
            format!(
                "NetworkPolicy {}/{} rule {} admits every namespace",
                p.namespace, p.name, p.ingress[*rule].path
            )
        }
    };
    c.report(
        FieldPath::keys(&["metadata", "name"]),
        format!(
            "pods of any namespace may connect to this data store ({}): {why}",
            verdict.conns
        ),
    );
}

/// Images of the usual data stores, by the last part of their repository name (`bitnami/postgresql`,
/// `docker.io/library/redis`); exporters and operators beside them (`postgres-exporter`) are not stores.
fn is_data_store_image(image: &str) -> bool {
    const STORES: [&str; 23] = [
        "postgres",
        "postgresql",
        "mysql",
        "mariadb",
        "mongo",
        "mongodb",
        "redis",
        "valkey",
        "memcached",
        "cassandra",
        "elasticsearch",
        "opensearch",
        "etcd",
        "kafka",
        "zookeeper",
        "rabbitmq",
        "couchdb",
        "clickhouse",
        "influxdb",
        "neo4j",
        "cockroach",
        "cockroachdb",
        "minio",
    ];
    let name = image.split('@').next().unwrap_or(image);
    let last = name.rsplit('/').next().unwrap_or(name);
    let repository = last.split(':').next().unwrap_or(last);
    STORES.contains(&repository)
}

#[cfg(test)]
mod tests {
    use super::is_data_store_image;

    #[test]
    fn data_stores_are_recognised_by_the_repository_name() {
        for store in [
            "postgres:16.4",
            "docker.io/bitnami/postgresql:16",
            "redis@sha256:00",
            "registry:5000/team/mysql",
        ] {
            assert!(is_data_store_image(store), "{store}");
        }
        for other in [
            "prometheuscommunity/postgres-exporter:0.15",
            "nginx:1.27",
            "redis-operator:1",
            "etcd-backup",
        ] {
            assert!(!is_data_store_image(other), "{other}");
        }
    }
}
