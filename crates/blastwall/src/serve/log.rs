//! Structured logs: one JSON line on standard output per decision and per server event.

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::judge::Decision;
use super::review::Request;

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn write(line: &Value) {
    let mut out = std::io::stdout().lock();
    // A closed standard output must not stop the server from answering the API server.
    let _ = serde_json::to_writer(&mut out, line);
    let _ = out.write_all(b"\n");
}

/// A server event (`level` is info, warn or error).
pub fn event(level: &str, message: &str) {
    write(&json!({"ts": now(), "level": level, "msg": message}));
}

/// One decision.
pub fn decision(request: &Request<'_>, decision: &Decision, took: Duration) {
    let findings: Vec<Value> = decision
        .findings
        .iter()
        .map(|j| {
            json!({
                "rule": j.rule,
                "severity": j.severity.as_str(),
                "path": j.path,
                "effect": if j.denies { "deny" } else { "warn" },
                "preexisting": j.preexisting,
            })
        })
        .collect();
    write(&json!({
        "ts": now(),
        "level": "info",
        "msg": "decision",
        "uid": request.uid,
        "kind": request.kind.kind,
        "namespace": request.namespace,
        "name": request.name,
        "operation": request.operation,
        "user": request.user_info.username,
        "dry_run": request.dry_run,
        "outcome": decision.outcome.as_str(),
        "allowed": decision.response.allowed,
        "findings": findings,
        "took_ms": took.as_secs_f64() * 1000.0,
    }));
}
