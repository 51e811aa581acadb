//! The client for a kubeconfig and context, as kubectl picks them (`--kubeconfig`, else `KUBECONFIG`, else
//! `~/.kube/config`; `--context`, else the current context), with errors that name the file or the context.

use std::path::PathBuf;
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};

/// Why no client could be made, or the server could not be reached.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The kubeconfig could not be read or is not one.
    #[error("cannot read the kubeconfig {file}: {reason}")]
    Kubeconfig {
        /// The file (or the `KUBECONFIG` list, or the default path).
        file: String,
        /// Why.
        reason: String,
    },
    /// The kubeconfig has no such context, or its context is unusable.
    #[error("kubeconfig {file}: context {context}: {reason}")]
    Context {
        /// The file.
        file: String,
        /// The context asked for (or the current one).
        context: String,
        /// Why.
        reason: String,
    },
    /// The server did not answer, or refused the credentials.
    #[error("cannot reach the API server {server} (context {context}): {reason}")]
    Unreachable {
        /// The server's address.
        server: String,
        /// The context.
        context: String,
        /// Why.
        reason: String,
    },
}

/// A client and what names it.
pub(crate) struct Connection {
    pub client: Client,
    pub context: String,
    pub server: String,
}

fn kubeconfig_name(path: Option<&PathBuf>) -> String {
    match path {
        Some(p) => p.display().to_string(),
        None => std::env::var("KUBECONFIG").unwrap_or_else(|_| "~/.kube/config".into()),
    }
}

/// One line of an error and its causes, as `a: b: c`, without repeats (of each, its first line).
pub(crate) fn chain(error: &dyn std::error::Error) -> String {
    let line = |e: &dyn std::error::Error| e.to_string().lines().next().unwrap_or("").trim().to_owned();
    let mut parts: Vec<String> = vec![line(error)];
    let mut source = error.source();
    while let Some(e) = source {
        let text = line(e);
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = e.source();
    }
    parts.join(": ")
}

/// Inside a pod without a kubeconfig: the pod's service account, as kubectl and client-go do there.
fn in_cluster_only() -> bool {
    std::env::var_os("KUBERNETES_SERVICE_HOST").is_some()
        && std::env::var_os("KUBECONFIG").is_none()
        && !std::env::var_os("HOME").is_some_and(|home| PathBuf::from(home).join(".kube/config").exists())
}

fn in_cluster(bound: Bound) -> Result<Connection, ConnectError> {
    let failed = |reason: String| ConnectError::Kubeconfig {
        file: "(in-cluster service account)".into(),
        reason,
    };
    let mut config = Config::incluster().map_err(|e| failed(chain(&e)))?;
    bound.apply(&mut config);
    let server = config.cluster_url.to_string();
    let client = Client::try_from(config).map_err(|e| failed(chain(&e)))?;
    Ok(Connection {
        client,
        context: "in-cluster".into(),
        server,
    })
}

/// How long a request may take: reads are bounded; a watch waits for events as long as the server keeps
/// it open.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Bound {
    /// Connect, read and write each within the duration.
    Each(Duration),
    /// Connect and write within the duration; reads wait.
    Watching(Duration),
}

impl Bound {
    fn apply(self, config: &mut Config) {
        let (Self::Each(timeout) | Self::Watching(timeout)) = self;
        config.connect_timeout = Some(timeout);
        config.write_timeout = Some(timeout);
        config.read_timeout = match self {
            Self::Each(t) => Some(t),
            Self::Watching(_) => None,
        };
    }
}

/// Reads the kubeconfig and makes a client for the context, its requests bounded by `bound`.
pub(crate) async fn connect(
    kubeconfig: Option<&PathBuf>,
    context: Option<&str>,
    bound: Bound,
) -> Result<Connection, ConnectError> {
    let file = kubeconfig_name(kubeconfig);
    if kubeconfig.is_none() && context.is_none() && in_cluster_only() {
        return in_cluster(bound);
    }
    let read = match kubeconfig {
        Some(path) => Kubeconfig::read_from(path),
        None => Kubeconfig::read(),
    };
    let config_file = read.map_err(|e| ConnectError::Kubeconfig {
        file: file.clone(),
        reason: chain(&e),
    })?;
    let name = context
        .map(str::to_owned)
        .or_else(|| config_file.current_context.clone())
        .unwrap_or_default();
    if !config_file.contexts.iter().any(|c| c.name == name) {
        let known: Vec<&str> = config_file.contexts.iter().map(|c| c.name.as_str()).collect();
        return Err(ConnectError::Context {
            file,
            context: if name.is_empty() {
                "(none set)".into()
            } else {
                name
            },
            reason: format!("no such context; the file has: {}", known.join(", ")),
        });
    }
    let options = KubeConfigOptions {
        context: Some(name.clone()),
        ..KubeConfigOptions::default()
    };
    let mut config = Config::from_custom_kubeconfig(config_file, &options)
        .await
        .map_err(|e| ConnectError::Context {
            file: file.clone(),
            context: name.clone(),
            reason: chain(&e),
        })?;
    bound.apply(&mut config);
    let server = config.cluster_url.to_string();
    let client = Client::try_from(config).map_err(|e| ConnectError::Context {
        file,
        context: name.clone(),
        reason: chain(&e),
    })?;
    Ok(Connection {
        client,
        context: name,
        server,
    })
}
