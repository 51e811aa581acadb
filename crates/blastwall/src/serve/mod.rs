//! `blastwall serve`: the engine as a validating admission webhook. The API server sends each object it is
//! about to store; the same rules, configuration and suppressions as `scan` decide it (see `judge`), over
//! HTTPS with a certificate reloaded on rotation, until SIGTERM drains the requests in flight.

mod args;
mod judge;
mod log;
mod metrics;
mod review;
mod router;
mod tls;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use blastwall_core::config::Config;
use blastwall_core::settings::{Options, Settings};

pub use args::ServeArgs;
use judge::{ClusterView, Judge};
use router::App;

use crate::config_file;
use crate::exit::EXIT_ERROR;

pub fn run(args: &ServeArgs) -> Result<u8> {
    let Some(settings) = settings_for(args)? else {
        return Ok(EXIT_ERROR);
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(args, settings))?;
    Ok(0)
}

/// The config file's rules and exemptions (only the file given: a server never picks one up from its
/// working directory).
fn settings_for(args: &ServeArgs) -> Result<Option<Settings>> {
    let config = match &args.config {
        Some(path) => match config_file::load(Some(path), &[])? {
            Some(config) => config,
            None => return Ok(None),
        },
        None => Config::default(),
    };
    let options = Options {
        // A live cluster holds its own built-in roles and bindings.
        no_default_rbac: args.live.cluster,
        ..Options::default()
    };
    Ok(config_file::resolve(config, &options))
}

impl ClusterView for blastwall_kube::WatchCache {
    fn objects(&self) -> Vec<(Arc<str>, Arc<[u8]>)> {
        blastwall_kube::WatchCache::objects(self)
    }
}

async fn serve(args: &ServeArgs, settings: Settings) -> Result<()> {
    let ready = Arc::new(AtomicBool::new(!args.live.cluster));
    let cluster: Option<Arc<dyn ClusterView>> = if args.live.cluster {
        let options = blastwall_kube::Options {
            kubeconfig: args.live.kubeconfig.clone(),
            context: args.live.context.clone(),
            namespace: None,
            timeout: Duration::from_secs(args.live.request_timeout),
        };
        let report: blastwall_kube::Report = Arc::new(|problem| log::event("warn", &problem));
        let cache = blastwall_kube::watch_cluster(&options, Arc::clone(&ready), report).await?;
        Some(cache)
    } else {
        None
    };
    let certificate = tls::Certificate::load(&args.tls_cert, &args.tls_key).await?;
    let tls = certificate.config.clone();
    tokio::spawn(certificate.watch(Duration::from_secs(args.tls_reload_interval.max(1))));
    let app = Arc::new(App {
        judge_off_thread: cluster.is_some(),
        judge: Judge::new(settings, args.deny_on.into(), args.mode, cluster),
        metrics: metrics::Metrics::new(),
        ready,
        log_decisions: true,
    });
    let timeout = Duration::from_secs(args.timeout.max(1));
    let app_router = router::router(app, timeout, args.max_concurrent);
    let handle = axum_server::Handle::new();
    let on_signal = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        log::event("info", "shutting down: finishing the requests in flight");
        on_signal.graceful_shutdown(Some(timeout + Duration::from_secs(2)));
    });
    log::event("info", &format!("listening on https://{}", args.listen));
    axum_server::bind_rustls(args.listen, tls)
        .handle(handle)
        .serve(app_router.into_make_service())
        .await
        .with_context(|| format!("serving on {}", args.listen))?;
    log::event("info", "stopped");
    Ok(())
}

async fn shutdown_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests;
