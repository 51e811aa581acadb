//! `--cluster`: reading the live cluster with a progress line, and one line on standard error saying what
//! was read (and a warning for each kind that could not be). Connection problems are errors (exit 2).

use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use blastwall_kube::{read_cluster, ClusterRead, Options};

use crate::cli::LiveArgs;
use crate::progress::Progress;

/// Reads the cluster `live` names; `namespace` limits the namespaced kinds to one namespace.
pub fn read(live: &LiveArgs, namespace: Option<&str>) -> Result<ClusterRead> {
    let options = Options {
        kubeconfig: live.kubeconfig.clone(),
        context: live.context.clone(),
        namespace: namespace.map(str::to_owned),
        timeout: Duration::from_secs(live.request_timeout.max(1)),
    };
    let total = Arc::new(AtomicUsize::new(0));
    let progress = Progress::towards(Arc::clone(&total), "kinds");
    let read = read_cluster(&options, &progress.done, &total);
    progress.finish();
    let read = read?;
    let scope = namespace.map_or_else(|| "all namespaces".to_owned(), |ns| format!("namespace {ns}"));
    eprintln!(
        "read {} objects of {} kinds ({scope}) from context {} ({})",
        read.inputs.len(),
        read.kinds_read,
        read.context,
        read.server
    );
    for sentence in &read.unread {
        eprintln!("warning: {sentence}");
    }
    Ok(read)
}
