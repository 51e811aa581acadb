//! `/metrics` in the Prometheus text format: requests by outcome, findings by rule, namespace and effect,
//! and a latency histogram of the decisions.

use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::judge::Decision;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FindingLabels {
    rule: &'static str,
    namespace: String,
    effect: &'static str,
}

/// The server's counters.
pub struct Metrics {
    registry: Registry,
    requests: Family<OutcomeLabels, Counter>,
    findings: Family<FindingLabels, Counter>,
    latency: Histogram,
}

impl Metrics {
    /// Every metric at zero.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("blastwall_admission");
        let requests = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "requests",
            "AdmissionReview requests by outcome (admitted, denied, exempt, skipped, unreadable, bad_request)",
            requests.clone(),
        );
        let findings = Family::<FindingLabels, Counter>::default();
        registry.register(
            "findings",
            "Findings on admitted or denied objects by rule, namespace and effect (deny, warn)",
            findings.clone(),
        );
        let latency = Histogram::new([
            0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0,
        ]);
        registry.register(
            "decision_duration_seconds",
            "Time from a request's body to its decision",
            latency.clone(),
        );
        Self {
            registry,
            requests,
            findings,
            latency,
        }
    }

    /// Counts one decision.
    pub fn decided(&self, namespace: &str, decision: &Decision, took: Duration) {
        self.requests
            .get_or_create(&OutcomeLabels {
                outcome: decision.outcome.as_str(),
            })
            .inc();
        for j in &decision.findings {
            self.findings
                .get_or_create(&FindingLabels {
                    rule: j.rule,
                    namespace: namespace.to_owned(),
                    effect: if j.denies { "deny" } else { "warn" },
                })
                .inc();
        }
        self.latency.observe(took.as_secs_f64());
    }

    /// Counts a body that was not an AdmissionReview.
    pub fn bad_request(&self) {
        self.requests
            .get_or_create(&OutcomeLabels {
                outcome: "bad_request",
            })
            .inc();
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        encode(&mut out, &self.registry).expect("writing to a String cannot fail");
        out
    }
}
