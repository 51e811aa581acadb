//! Escalation paths: the shortest chain of steps by which an identity reaches cluster-admin power, using the
//! moves an attacker with its credentials has: run a pod as another service account, mint or read its token,
//! impersonate it or another user or group, or grant itself cluster-admin (see `cluster_moves`).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use rayon::prelude::*;

use super::cluster_moves::{cluster_moves, Gain};
use super::matching::rule_allows;
use super::policy::{applies_to, Policy};
use super::types::{PolicyRule, Request, User};

/// What the inputs say exists besides RBAC: service accounts, and Secrets holding their tokens.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Service account names by namespace.
    pub by_namespace: BTreeMap<String, BTreeSet<String>>,
    /// (namespace, account) of every long-lived token Secret.
    pub token_secrets: BTreeSet<(String, String)>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Who acts.
    pub from: String,
    /// What it does.
    pub action: String,
    /// The identity (or power) it gains.
    pub to: String,
}

/// The power a path leads to.
pub(crate) const CLUSTER_ADMIN: &str = "cluster-admin";

/// The longest path searched.
pub const MAX_STEPS: usize = 4;

fn resource(verb: &str, group: &str, resource: &str, name: &str, namespace: &str) -> Request {
    let (resource, subresource) = resource.split_once('/').unwrap_or((resource, ""));
    Request::Resource {
        verb: verb.into(),
        api_group: group.into(),
        resource: resource.into(),
        subresource: subresource.into(),
        name: name.into(),
        namespace: namespace.into(),
    }
}

/// True when `user` may do everything everywhere: `*` verbs on `*` resources of `*` groups, cluster-wide.
#[must_use]
pub(crate) fn is_cluster_admin(policy: &Policy, user: &User) -> bool {
    policy.allows(user, &resource("*", "*", "*", "", "")).is_some()
}

/// The moves open to `user`: (action, identity gained), `CLUSTER_ADMIN` for a direct grab of full power.
/// The user's grants are gathered once (cluster-wide, and per namespace where RoleBindings add to them) and
/// every question is answered against them, so the search stays cheap on large inputs.
fn moves(policy: &Policy, user: &User, accounts: &Accounts) -> Vec<(Move, Gain)> {
    let rules_in = |ns: &str| -> Vec<PolicyRule> {
        policy
            .rules_for(user, ns)
            .filter_map(|g| g.rule.cloned())
            .collect()
    };
    let cluster = rules_in("");
    let mut out: Vec<(Move, Gain)> = cluster_moves(policy, user, &cluster)
        .into_iter()
        .map(|(action, gain)| (Move::Other(action), gain))
        .collect();
    let local_namespaces: BTreeSet<&str> = policy
        .bindings
        .iter()
        .filter_map(|b| {
            b.namespace
                .as_deref()
                .filter(|ns| applies_to(user, &b.subjects, ns).is_some())
        })
        .collect();
    // Rule matching ignores the namespace, so ClusterRoleBinding rules give the same answers everywhere:
    // keep only those that could allow one of the moves, and decide the name-free ones once.
    let could_move = |rule: &&PolicyRule| {
        ["pods", "secrets", "serviceaccounts"].iter().any(|r| {
            rule.resources
                .iter()
                .any(|x| x == "*" || x == r || x.starts_with(&format!("{r}/")) || x.starts_with("*/"))
        })
    };
    let cluster_moves: Vec<PolicyRule> = cluster.iter().filter(could_move).cloned().collect();
    let cluster_powers = Powers::of(&cluster_moves);
    // Where the cluster-wide rules open no move, only the namespaces of the user's RoleBindings matter.
    let namespaces: Vec<(&String, &BTreeSet<String>)> = if cluster_powers.none() {
        local_namespaces
            .iter()
            .filter_map(|ns| accounts.by_namespace.get_key_value(*ns))
            .collect()
    } else {
        accounts.by_namespace.iter().collect()
    };
    for (ns, sas) in namespaces {
        let local_rules;
        let local_powers;
        let powers = if local_namespaces.contains(ns.as_str()) {
            local_rules = rules_in(ns);
            local_powers = Powers::of(&local_rules);
            &local_powers
        } else {
            &cluster_powers
        };
        if powers.none() {
            continue;
        }
        for sa in sas {
            let action = if powers.create_pods {
                Move::CreatePod
            } else if powers.may_mint(sa) {
                Move::MintToken
            } else if powers.may_impersonate(sa) {
                Move::Impersonate
            } else if powers.read_secrets && accounts.token_secrets.contains(&(ns.clone(), sa.clone())) {
                Move::ReadTokenSecret
            } else {
                continue;
            };
            let target = format!("system:serviceaccount:{ns}:{sa}");
            if target != user.name {
                out.push((action, Gain::As(target)));
            }
        }
    }
    out
}

/// How a move is made. Moves on a service account keep no text of their own (every account's moves are
/// stored, so they stay small); the text is written when a path uses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Move {
    /// Create a pod that runs as the account.
    CreatePod,
    /// Mint a token for the account.
    MintToken,
    /// Impersonate the account.
    Impersonate,
    /// Read the account's long-lived token Secret.
    ReadTokenSecret,
    /// A cluster-wide move, described.
    Other(String),
}

impl Move {
    /// The step's text for a move that gains `gain`.
    fn describe(&self, gain: &Gain) -> String {
        let target = gain.label();
        let (ns, sa) = target
            .strip_prefix("system:serviceaccount:")
            .and_then(|rest| rest.split_once(':'))
            .unwrap_or(("", &target));
        match self {
            Self::CreatePod => format!("create a pod in {ns} that runs as service account {sa}"),
            Self::MintToken => format!("mint a token for service account {ns}/{sa}"),
            Self::Impersonate => format!("impersonate service account {ns}/{sa}"),
            Self::ReadTokenSecret => format!("read the token Secret of service account {ns}/{sa}"),
            Self::Other(text) => text.clone(),
        }
    }
}

/// What one set of rules lets its holder do to the service accounts of a namespace. Rule matching ignores
/// the namespace, and rules without resourceNames answer alike for every account, so only rules that name
/// objects are asked about each account.
#[allow(clippy::struct_excessive_bools)] // four independent answers, not a state
struct Powers<'r> {
    create_pods: bool,
    read_secrets: bool,
    mint_any: bool,
    impersonate_any: bool,
    named: Vec<&'r PolicyRule>,
}

impl<'r> Powers<'r> {
    fn of(rules: &'r [PolicyRule]) -> Self {
        let (named, any_name): (Vec<&PolicyRule>, Vec<&PolicyRule>) =
            rules.iter().partition(|r| !r.resource_names.is_empty());
        // Creating a pod and listing Secrets carry no object name, so named rules never allow them.
        let allowed = |verb: &str, res: &str| {
            let request = resource(verb, "", res, "", "");
            any_name.iter().any(|rule| rule_allows(rule, &request))
        };
        Self {
            create_pods: allowed("create", "pods"),
            read_secrets: allowed("list", "secrets"),
            mint_any: allowed("create", "serviceaccounts/token"),
            impersonate_any: allowed("impersonate", "serviceaccounts"),
            named,
        }
    }

    /// True when no account of the namespace can be reached with these rules.
    fn none(&self) -> bool {
        !(self.create_pods || self.read_secrets || self.mint_any || self.impersonate_any)
            && self.named.is_empty()
    }

    /// Whether a token may be minted for `account`.
    fn may_mint(&self, account: &str) -> bool {
        self.mint_any || self.named_allow("create", "serviceaccounts/token", account)
    }

    /// Whether `account` may be impersonated.
    fn may_impersonate(&self, account: &str) -> bool {
        self.impersonate_any || self.named_allow("impersonate", "serviceaccounts", account)
    }

    fn named_allow(&self, verb: &str, res: &str, account: &str) -> bool {
        let request = resource(verb, "", res, account, "");
        self.named.iter().any(|rule| rule_allows(rule, &request))
    }
}

/// The shortest path (at most [`MAX_STEPS`] steps) from `start` to cluster-admin power, or `None`. An
/// identity that already holds it has an empty path.
#[must_use]
pub fn path_to_cluster_admin(policy: &Policy, accounts: &Accounts, start: &User) -> Option<Vec<Step>> {
    search(policy, start, |user| moves(policy, user, accounts))
}

/// Every service account's moves, computed once so that many searches share them.
#[derive(Debug, Default)]
pub struct EscalationGraph {
    edges: HashMap<String, Vec<(Move, Gain)>>,
}

impl EscalationGraph {
    /// The moves of every service account the inputs name.
    #[must_use]
    pub fn build(policy: &Policy, accounts: &Accounts) -> Self {
        let identities: Vec<String> = accounts
            .by_namespace
            .iter()
            .flat_map(|(ns, sas)| {
                sas.iter()
                    .map(move |sa| format!("system:serviceaccount:{ns}:{sa}"))
            })
            .collect();
        let edges = identities
            .into_par_iter()
            .map(|name| {
                let user = User::authenticated(&name, &[]);
                let m = moves(policy, &user, accounts);
                (name, m)
            })
            .collect();
        Self { edges }
    }

    /// The shortest path from `start` (a service account or any other identity) to cluster-admin power.
    #[must_use]
    pub(crate) fn path_from(&self, policy: &Policy, accounts: &Accounts, start: &User) -> Option<Vec<Step>> {
        search(policy, start, |user| match self.edges.get(&user.name) {
            Some(known) if user.groups.len() <= 3 => known.clone(),
            _ => moves(policy, user, accounts),
        })
    }
}

/// Breadth-first search over the moves `edges` gives each identity.
fn search(policy: &Policy, start: &User, edges: impl Fn(&User) -> Vec<(Move, Gain)>) -> Option<Vec<Step>> {
    if is_cluster_admin(policy, start) {
        return Some(Vec::new());
    }
    let mut queue: VecDeque<(User, Vec<Step>)> = VecDeque::from([(start.clone(), Vec::new())]);
    let label = |user: &User| match user.groups.first() {
        Some(group) if user.name.is_empty() => format!("group {group}"),
        _ => user.name.clone(),
    };
    let mut seen: BTreeSet<String> = BTreeSet::from([label(start)]);
    while let Some((user, path)) = queue.pop_front() {
        if path.len() >= MAX_STEPS {
            continue;
        }
        for (action, gain) in edges(&user) {
            let mut next = path.clone();
            next.push(Step {
                from: label(&user),
                action: action.describe(&gain),
                to: gain.label(),
            });
            let Some(gained) = gain.identity() else {
                return Some(next);
            };
            if !seen.insert(gain.label()) {
                continue;
            }
            if is_cluster_admin(policy, &gained) {
                return Some(next);
            }
            queue.push_back((gained, next));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::rbac::types::{Binding, PolicyRule, Role, RoleRef, Subject};

    fn rule(verbs: &[&str], group: &str, resources: &[&str]) -> PolicyRule {
        PolicyRule {
            verbs: verbs.iter().map(|v| (*v).to_owned()).collect(),
            api_groups: vec![group.to_owned()],
            resources: resources.iter().map(|r| (*r).to_owned()).collect(),
            ..PolicyRule::default()
        }
    }

    fn everything() -> PolicyRule {
        rule(&["*"], "*", &["*"])
    }

    fn bind(ns: Option<&str>, role_kind: &str, role: &str, sa_ns: &str, sa: &str) -> Binding {
        Binding {
            namespace: ns.map(str::to_owned),
            name: format!("{role}-{sa}"),
            role_ref: RoleRef {
                kind: role_kind.into(),
                name: role.into(),
            },
            subjects: vec![Subject {
                kind: "ServiceAccount".into(),
                name: sa.into(),
                namespace: Some(sa_ns.into()),
            }],
            object: None,
        }
    }

    fn cluster_role(name: &str, rules: Vec<PolicyRule>) -> Role {
        Role {
            name: name.into(),
            rules,
            ..Role::default()
        }
    }

    fn accounts(list: &[(&str, &str)]) -> Accounts {
        let mut a = Accounts::default();
        for (ns, sa) in list {
            a.by_namespace
                .entry((*ns).into())
                .or_default()
                .insert((*sa).into());
        }
        a
    }

    fn sa(ns: &str, name: &str) -> User {
        User::authenticated(&format!("system:serviceaccount:{ns}:{name}"), &[])
    }

    #[test]
    fn creating_pods_reaches_a_stronger_account_of_the_namespace() {
        let policy = Policy::new(
            vec![
                cluster_role("admin-all", vec![everything()]),
                cluster_role("deployer", vec![rule(&["create"], "", &["pods"])]),
            ],
            vec![
                bind(None, "ClusterRole", "admin-all", "ops", "operator"),
                bind(Some("ops"), "ClusterRole", "deployer", "ops", "ci"),
            ],
        );
        let path = path_to_cluster_admin(
            &policy,
            &accounts(&[("ops", "operator"), ("ops", "ci")]),
            &sa("ops", "ci"),
        )
        .expect("a path");
        assert_eq!(path.len(), 1);
        assert!(path[0].action.contains("create a pod in ops"), "{path:?}");
        assert_eq!(path[0].to, "system:serviceaccount:ops:operator");
        assert_eq!(
            path_to_cluster_admin(&policy, &Accounts::default(), &sa("ops", "operator")),
            Some(Vec::new())
        );
    }

    #[test]
    fn a_token_rule_with_resource_names_reaches_only_the_named_account() {
        let named_minter = PolicyRule {
            resource_names: vec!["robot".to_owned()],
            ..rule(&["create"], "", &["serviceaccounts/token"])
        };
        let policy = Policy::new(
            vec![
                cluster_role("minter", vec![named_minter]),
                cluster_role("masters", vec![rule(&["impersonate"], "", &["users", "groups"])]),
            ],
            vec![
                bind(None, "ClusterRole", "minter", "a", "web"),
                bind(None, "ClusterRole", "masters", "b", "robot"),
                bind(None, "ClusterRole", "masters", "b", "admin"),
            ],
        );
        let everyone = accounts(&[("a", "web"), ("b", "robot"), ("b", "admin")]);
        let path = path_to_cluster_admin(&policy, &everyone, &sa("a", "web")).expect("a path");
        assert_eq!(
            path[0].action, "mint a token for service account b/robot",
            "the ClusterRoleBinding reaches the named account in any namespace"
        );
        let moves = moves(&policy, &sa("a", "web"), &everyone);
        assert!(
            moves.iter().all(|(_, to)| !to.label().ends_with(":admin")),
            "an account the rule does not name is out of reach: {moves:?}"
        );
    }

    #[test]
    fn two_steps_through_a_token_and_impersonation() {
        let policy = Policy::new(
            vec![
                cluster_role("minter", vec![rule(&["create"], "", &["serviceaccounts/token"])]),
                cluster_role("masters", vec![rule(&["impersonate"], "", &["users", "groups"])]),
            ],
            vec![
                bind(Some("a"), "ClusterRole", "minter", "a", "web"),
                bind(None, "ClusterRole", "masters", "a", "robot"),
            ],
        );
        let path = path_to_cluster_admin(
            &policy,
            &accounts(&[("a", "web"), ("a", "robot")]),
            &sa("a", "web"),
        )
        .expect("a path");
        let actions: Vec<&str> = path.iter().map(|s| s.action.as_str()).collect();
        assert_eq!(
            actions,
            [
                "mint a token for service account a/robot",
                "impersonate group system:masters"
            ]
        );
    }

    #[test]
    fn no_path_without_a_move() {
        let policy = Policy::new(
            vec![cluster_role(
                "reader",
                vec![rule(&["get", "list"], "", &["configmaps"])],
            )],
            vec![bind(Some("a"), "ClusterRole", "reader", "a", "web")],
        );
        assert_eq!(
            path_to_cluster_admin(
                &policy,
                &accounts(&[("a", "web"), ("a", "other")]),
                &sa("a", "web")
            ),
            None
        );
    }
}
