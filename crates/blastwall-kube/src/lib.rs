//! Live reads of a Kubernetes cluster into blastwall's inputs: the kubeconfig and context as kubectl reads
//! them, discovery of every kind the engines read (custom resources with pod templates included), paged
//! lists in parallel with retries and a time bound, and Secrets as metadata only. Each object becomes one
//! JSON document named after the object, so every engine and renderer works on it as on a file. Managed
//! fields and kubectl's last-applied copy (which holds a Secret's data) are never kept.

mod connect;
mod kinds;
mod list;
mod read;
mod watch;
pub mod yaml;

pub use connect::ConnectError;
pub use read::{read_cluster, ClusterRead, Options};
pub use watch::{watch_cluster, Report, WatchCache};
