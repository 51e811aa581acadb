//! Flags of control-plane components, wherever they are written, with the field each comes from.

use crate::model::{FieldPath, Object, PodSpec};
use crate::source::Node;

/// A control-plane component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Component {
    /// kube-apiserver.
    ApiServer,
    /// kube-controller-manager.
    ControllerManager,
    /// kube-scheduler.
    Scheduler,
    /// etcd.
    Etcd,
}

impl Component {
    /// The binary's name.
    #[must_use]
    pub(crate) fn binary(self) -> &'static str {
        match self {
            Self::ApiServer => "kube-apiserver",
            Self::ControllerManager => "kube-controller-manager",
            Self::Scheduler => "kube-scheduler",
            Self::Etcd => "etcd",
        }
    }

    fn from_binary(word: &str) -> Option<Self> {
        let name = word.rsplit('/').next().unwrap_or(word);
        [
            Self::ApiServer,
            Self::ControllerManager,
            Self::Scheduler,
            Self::Etcd,
        ]
        .into_iter()
        .find(|c| c.binary() == name)
    }
}

/// One flag as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// The name without dashes.
    pub name: String,
    /// The value; `true` for a bare boolean flag.
    pub value: String,
    /// The field that holds it.
    pub path: FieldPath,
    /// True when kubeadm sets it and the configuration does not override it.
    pub kubeadm_default: bool,
}

/// Where a component's flags come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A container of a (static) pod: the path of the container.
    Container(FieldPath),
    /// A section of kubeadm's ClusterConfiguration (`apiServer`, `etcd.local`...): its path.
    Kubeadm(FieldPath),
}

/// The flags one component runs with.
#[derive(Debug, Clone)]
pub struct ComponentFlags {
    /// Which component.
    pub component: Component,
    /// Where they are written.
    pub origin: Origin,
    /// In written order; a repeated flag's last value counts.
    pub flags: Vec<Flag>,
    /// Where a finding about a missing flag points: the container's `command` (or `args`), or the kubeadm
    /// section's `extraArgs` (else the section).
    pub missing_at: FieldPath,
}

impl ComponentFlags {
    /// The value that counts for `name`, if set.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().rev().find(|f| f.name == name)
    }

    /// A comma-separated flag as a list (empty when not set).
    #[must_use]
    pub fn list(&self, name: &str) -> Vec<&str> {
        self.get(name)
            .map(|f| {
                f.value
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How the fix is written for this origin: `--name=value` on a command line, `name: value` in kubeadm's
    /// `extraArgs`.
    #[must_use]
    pub(crate) fn how_to_set(&self, name: &str, value: &str) -> String {
        match &self.origin {
            Origin::Container(_) => format!("`--{name}={value}`"),
            Origin::Kubeadm(path) => format!("`{name}: \"{value}\"` under `{path}.extraArgs`"),
        }
    }
}

/// Parses command-line words into flags: `--name=value`, `--name value`, and bare `--name` (true). Words
/// that hold a whole shell command line are split on spaces.
fn parse_words(words: &[(String, FieldPath)]) -> Vec<Flag> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (word, path) = &words[i];
        i += 1;
        let Some(body) = word
            .strip_prefix("--")
            .or_else(|| word.strip_prefix('-').filter(|b| !b.is_empty()))
        else {
            continue;
        };
        let (name, value) = match body.split_once('=') {
            Some((n, v)) => (n.to_owned(), v.to_owned()),
            None => match words.get(i) {
                Some((next, _)) if !next.starts_with('-') => {
                    i += 1;
                    (body.to_owned(), next.clone())
                }
                _ => (body.to_owned(), "true".to_owned()),
            },
        };
        out.push(Flag {
            name,
            value,
            path: path.clone(),
            kubeadm_default: false,
        });
    }
    out
}

/// The words of a container's `command` then `args`, each with its field; a word that holds a shell command
/// line (`sh -c "kube-apiserver --a=b ..."`) is split on white space.
fn container_words(container: &Node, path: &FieldPath) -> Vec<(String, FieldPath)> {
    let mut words = Vec::new();
    for key in ["command", "args"] {
        for (i, word) in container
            .get(key)
            .and_then(Node::as_seq)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let Some(text) = word.as_str() else { continue };
            let at = path.key(key).index(i);
            if text.contains(' ') {
                words.extend(text.split_whitespace().map(|w| (w.to_owned(), at.clone())));
            } else {
                words.push((text.to_owned(), at));
            }
        }
    }
    words
}

/// Every control-plane component an object runs (in the containers of `pods`, its pod specs) or configures
/// (a kubeadm ClusterConfiguration).
#[must_use]
pub(crate) fn component_flags(object: &Object, pods: &[PodSpec<'_>]) -> Vec<ComponentFlags> {
    if object.oref.kind == "ClusterConfiguration" && object.oref.api_version.starts_with("kubeadm.k8s.io/") {
        return super::kubeadm::flags(object);
    }
    let mut out = Vec::new();
    for spec in pods {
        for container in spec.declared_containers() {
            let words = container_words(container.node, &container.path);
            // The binary is the first word, or the first after a shell or hyperkube.
            let component = words.iter().take(4).find_map(|(w, _)| Component::from_binary(w));
            if let Some(component) = component {
                let key = if container.node.get("command").is_some() {
                    "command"
                } else {
                    "args"
                };
                out.push(ComponentFlags {
                    component,
                    origin: Origin::Container(container.path.clone()),
                    flags: parse_words(&words),
                    missing_at: container.path.key(key),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<(String, FieldPath)> {
        list.iter()
            .enumerate()
            .map(|(i, w)| ((*w).to_owned(), FieldPath::keys(&["command"]).index(i)))
            .collect()
    }

    #[test]
    fn flags_parse_in_every_written_form() {
        let flags = parse_words(&words(&[
            "/usr/local/bin/kube-apiserver",
            "--anonymous-auth=false",
            "--audit-log-path",
            "/var/log/audit.log",
            "--profiling",
            "--v=2",
            "-v",
            "4",
        ]));
        let got: Vec<(&str, &str)> = flags
            .iter()
            .map(|f| (f.name.as_str(), f.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("anonymous-auth", "false"),
                ("audit-log-path", "/var/log/audit.log"),
                ("profiling", "true"),
                ("v", "2"),
                ("v", "4")
            ]
        );
        assert_eq!(
            flags[1].path,
            FieldPath::keys(&["command"]).index(2),
            "a value written apart points at the flag"
        );
        assert_eq!(
            Component::from_binary("/usr/local/bin/kube-apiserver"),
            Some(Component::ApiServer)
        );
        assert_eq!(Component::from_binary("etcd"), Some(Component::Etcd));
        assert_eq!(Component::from_binary("etcdctl"), None);
    }
}
