//! The HTTP routes: `/validate` (AdmissionReview), `/healthz`, `/readyz` and `/metrics`, with a body limit,
//! a time bound and a concurrency bound on every request.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::judge::Judge;
use super::log;
use super::metrics::Metrics;
use super::review;

/// The API server refuses request bodies over 3 MiB, and etcd objects over 1.5 MiB, so an AdmissionReview
/// (object and stored object) fits in the API server's own limit; anything larger is refused with 413.
pub const MAX_BODY: usize = 3 * 1024 * 1024;

/// What every route shares.
pub struct App {
    /// Decides.
    pub judge: Judge,
    /// Counts.
    pub metrics: Metrics,
    /// False until the watch cache (when there is one) has listed every kind once.
    pub ready: Arc<AtomicBool>,
    /// Writes a JSON line per decision.
    pub log_decisions: bool,
    /// Judges on the blocking pool (a cluster view makes each decision read the whole cache).
    pub judge_off_thread: bool,
}

/// The router with its limits.
pub fn router(app: Arc<App>, timeout: Duration, max_concurrent: usize) -> Router {
    Router::new()
        .route("/validate", post(validate))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(ConcurrencyLimitLayer::new(max_concurrent.max(1)))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .with_state(app)
}

async fn validate(State(app): State<Arc<App>>, body: Bytes) -> Response {
    if app.judge_off_thread {
        let app2 = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || answer(&app2, &body)).await {
            Ok(response) => response,
            Err(e) => {
                log::event("error", &format!("a decision failed: {e}"));
                (StatusCode::INTERNAL_SERVER_ERROR, "the decision failed").into_response()
            }
        }
    } else {
        answer(&app, &body)
    }
}

fn answer(app: &App, body: &[u8]) -> Response {
    let started = Instant::now();
    let request = match review::parse(body) {
        Ok(r) => r,
        Err(bad) => {
            app.metrics.bad_request();
            return (StatusCode::BAD_REQUEST, bad.0).into_response();
        }
    };
    let decision = app.judge.decide(&request);
    let took = started.elapsed();
    app.metrics.decided(&request.namespace, &decision, took);
    if app.log_decisions {
        log::decision(&request, &decision, took);
    }
    (
        [(header::CONTENT_TYPE, "application/json")],
        review::encode(&decision.response),
    )
        .into_response()
}

async fn readyz(State(app): State<Arc<App>>) -> Response {
    if app.ready.load(Ordering::Acquire) {
        "ok".into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "the watch cache of the cluster is not synced yet",
        )
            .into_response()
    }
}

async fn metrics(State(app): State<Arc<App>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        app.metrics.render(),
    )
        .into_response()
}
