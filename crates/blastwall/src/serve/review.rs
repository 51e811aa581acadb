//! The AdmissionReview contract (`admission.k8s.io/v1`): the parts of a request a decision reads, and the
//! response. The object is kept as the raw JSON the API server sent, so the engine reads it byte for byte
//! as `scan` reads a file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// Why a body is not an AdmissionReview the server can answer.
#[derive(Debug, PartialEq, Eq)]
pub struct BadReview(pub String);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReviewIn<'a> {
    #[serde(default)]
    api_version: String,
    #[serde(default)]
    kind: String,
    #[serde(borrow)]
    request: Option<&'a RawValue>,
}

/// What was asked.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Request<'a> {
    /// Copied into the response.
    pub uid: String,
    /// The kind of the object.
    pub kind: GroupVersionKind,
    /// Empty for cluster-scoped objects.
    #[serde(default)]
    pub namespace: String,
    /// Empty on CREATE with generateName.
    #[serde(default)]
    pub name: String,
    /// CREATE, UPDATE, DELETE or CONNECT.
    pub operation: String,
    /// Set when a subresource (`status`, `scale`, `ephemeralcontainers`) is written.
    #[serde(default)]
    pub sub_resource: String,
    /// Who asked.
    #[serde(default)]
    pub user_info: UserInfo,
    /// The object as it would be stored.
    #[serde(borrow, default)]
    pub object: Option<&'a RawValue>,
    /// The stored object, on UPDATE.
    #[serde(borrow, default)]
    pub old_object: Option<&'a RawValue>,
    /// Dry-run requests are judged the same.
    #[serde(default)]
    pub dry_run: bool,
}

/// The kind of the object (its group and version are in the object itself).
#[derive(Debug, Default, Deserialize)]
pub struct GroupVersionKind {
    /// `Pod`, `Deployment`.
    #[serde(default)]
    pub kind: String,
}

/// The requesting user.
#[derive(Debug, Default, Deserialize)]
pub struct UserInfo {
    /// As the authenticator named it.
    #[serde(default)]
    pub username: String,
}

/// Reads an AdmissionReview request.
pub fn parse(body: &[u8]) -> Result<Request<'_>, BadReview> {
    let review: ReviewIn<'_> = serde_json::from_slice(body)
        .map_err(|e| BadReview(format!("the body is not an AdmissionReview: {e}")))?;
    if review.api_version != "admission.k8s.io/v1" || review.kind != "AdmissionReview" {
        return Err(BadReview(format!(
            "expected kind AdmissionReview of admission.k8s.io/v1, got kind `{}` of `{}`",
            review.kind, review.api_version
        )));
    }
    let raw = review
        .request
        .ok_or_else(|| BadReview("the AdmissionReview has no `request`".into()))?;
    let request: Request<'_> = serde_json::from_str(raw.get())
        .map_err(|e| BadReview(format!("the AdmissionReview's request cannot be read: {e}")))?;
    if request.uid.is_empty() {
        return Err(BadReview("the request has no `uid`".into()));
    }
    Ok(request)
}

/// The answer to one request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The request's uid.
    pub uid: String,
    /// Whether the API server may store the object.
    pub allowed: bool,
    /// Why not, when not allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Shown by kubectl as `Warning: ...`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Added to the audit event, each key prefixed by the API server with the webhook's name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub audit_annotations: BTreeMap<String, String>,
}

/// A denial's status.
#[derive(Debug, Serialize)]
pub struct Status {
    /// HTTP-like code the API server returns to the client.
    pub code: u16,
    /// Shown by kubectl after `denied the request:`.
    pub message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReviewOut<'a> {
    api_version: &'static str,
    kind: &'static str,
    response: &'a Response,
}

/// The AdmissionReview that carries `response`.
pub fn encode(response: &Response) -> Vec<u8> {
    serde_json::to_vec(&ReviewOut {
        api_version: "admission.k8s.io/v1",
        kind: "AdmissionReview",
        response,
    })
    .expect("a response always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_request_and_keeps_the_object_exact() {
        let body = br#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u1",
            "kind":{"group":"apps","version":"v1","kind":"Deployment"},"namespace":"shop","name":"web",
            "operation":"UPDATE","userInfo":{"username":"alice","groups":["dev"]},
            "object":{"kind":"Deployment","spec":{"replicas":2}},"oldObject":null,"dryRun":true}}"#;
        let r = parse(body).expect("valid");
        assert_eq!(
            (r.uid.as_str(), r.kind.kind.as_str(), r.operation.as_str()),
            ("u1", "Deployment", "UPDATE")
        );
        assert_eq!(r.user_info.username, "alice");
        assert_eq!(
            r.object.map(RawValue::get),
            Some(r#"{"kind":"Deployment","spec":{"replicas":2}}"#)
        );
        assert!(r.old_object.is_none());
        assert!(r.dry_run);
    }

    #[test]
    fn refuses_what_is_not_a_v1_review_with_a_reason() {
        let cases: [(&[u8], &str); 5] = [
            (b"{", "not an AdmissionReview"),
            (b"[]", "not an AdmissionReview"),
            (br#"{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{}}"#, "v1beta1"),
            (br#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}"#, "no `request`"),
            (br#"{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"","kind":{},"operation":"CREATE"}}"#, "no `uid`"),
        ];
        for (body, reason) in cases {
            let error = parse(body).expect_err("refused");
            assert!(
                error.0.contains(reason),
                "{}: {}",
                String::from_utf8_lossy(body),
                error.0
            );
        }
    }

    #[test]
    fn encodes_the_v1_response_shape() {
        let response = Response {
            uid: "u1".into(),
            allowed: false,
            status: Some(Status {
                code: 403,
                message: "no".into(),
            }),
            warnings: vec!["w".into()],
            audit_annotations: BTreeMap::from([("findings".into(), "x".into())]),
        };
        let value: serde_json::Value = serde_json::from_slice(&encode(&response)).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{
                "uid":"u1","allowed":false,"status":{"code":403,"message":"no"},"warnings":["w"],
                "auditAnnotations":{"findings":"x"}}})
        );
    }
}
