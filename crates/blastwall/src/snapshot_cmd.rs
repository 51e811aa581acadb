//! `blastwall snapshot --cluster`: what the cluster holds, written as multi-document YAML (managed fields and
//! kubectl's last-applied copies left out, Secrets as metadata only), so that the offline commands and CI
//! give the same answers on the file as on the cluster.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::{bail, Context, Result};
use blastwall_core::load::Input;
use blastwall_kube::yaml;

use crate::cli::SnapshotArgs;
use crate::cluster;
use crate::output;

pub fn run(args: &SnapshotArgs) -> Result<u8> {
    if !args.live.cluster {
        bail!("snapshot reads a live cluster: add --cluster (and --context or --kubeconfig to choose it)");
    }
    let namespace = args.scope.namespace.as_deref();
    let read = cluster::read(&args.live, namespace)?;
    let mut text = format!(
        "# blastwall snapshot of context {} ({}), {}: {} objects of {} kinds.\n\
         # Secrets are listed as metadata only; managed fields and last-applied copies are left out.\n",
        read.context,
        read.server,
        namespace.map_or_else(|| "all namespaces".to_owned(), |ns| format!("namespace {ns}")),
        read.inputs.len(),
        read.kinds_read
    );
    for sentence in &read.unread {
        let _ = writeln!(text, "# incomplete: {sentence}");
    }
    for input in &read.inputs {
        if let Input::Text { name, bytes } = input {
            let value: serde_json::Value =
                serde_json::from_slice(bytes).with_context(|| format!("re-reading {name}"))?;
            text.push_str("---\n");
            text.push_str(&yaml::document(&value));
        }
    }
    if let Some(file) = &args.output {
        std::fs::write(file, text).with_context(|| format!("writing {}", file.display()))?;
    } else {
        let mut out = output::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(0)
}
