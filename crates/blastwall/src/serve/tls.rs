//! The serving certificate: loaded at start, reloaded when its files change (cert-manager and kubelet
//! rotate Secret volumes by swapping files). Connections already open keep the certificate they started
//! with; new ones get the new one, so no request is dropped. A half-written pair is retried later.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use axum_server::tls_rustls::RustlsConfig;

use super::log;

/// The certificate and key files, and what was last loaded from them.
pub struct Certificate {
    cert: PathBuf,
    key: PathBuf,
    loaded: (Vec<u8>, Vec<u8>),
    /// What the server presents.
    pub config: RustlsConfig,
}

async fn read_pair(cert: &Path, key: &Path) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    Ok((tokio::fs::read(cert).await?, tokio::fs::read(key).await?))
}

impl Certificate {
    /// Loads the pair; an unreadable or invalid pair is an error that names the files.
    pub async fn load(cert: &Path, key: &Path) -> Result<Self> {
        let loaded = read_pair(cert, key)
            .await
            .with_context(|| format!("reading {} and {}", cert.display(), key.display()))?;
        let config = RustlsConfig::from_pem(loaded.0.clone(), loaded.1.clone())
            .await
            .with_context(|| {
                format!(
                    "loading the certificate {} with the key {}",
                    cert.display(),
                    key.display()
                )
            })?;
        Ok(Self {
            cert: cert.to_path_buf(),
            key: key.to_path_buf(),
            loaded,
            config,
        })
    }

    /// Checks the files every `interval` and reloads them when they change; runs until the process ends.
    pub async fn watch(mut self, interval: Duration) {
        let mut ticks = tokio::time::interval(interval);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            let Ok(pair) = read_pair(&self.cert, &self.key).await else {
                continue;
            };
            if pair == self.loaded {
                continue;
            }
            match self.config.reload_from_pem(pair.0.clone(), pair.1.clone()).await {
                Ok(()) => {
                    self.loaded = pair;
                    log::event(
                        "info",
                        &format!("reloaded the certificate {}", self.cert.display()),
                    );
                }
                // A rotation caught halfway (new certificate, old key): the next check sees both.
                Err(e) => log::event(
                    "warn",
                    &format!(
                        "the new certificate {} does not load yet: {e}",
                        self.cert.display()
                    ),
                ),
            }
        }
    }
}
