//! What deploy/ installs holds to blastwall's own strictest profile: the plain manifests and the Helm chart
//! (rendered with several sets of values) scan with no finding under `--profile pss-restricted`, and the API
//! server of the test bed accepts them (server-side dry run).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run(program: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(repository())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} runs: {e}", program.display()));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("it ends")
}

/// The findings of a restricted scan of `manifests` (suppressed ones are not findings), as `rule at object`.
fn restricted_findings(manifests: &[u8]) -> Vec<String> {
    let blastwall = PathBuf::from(env!("CARGO_BIN_EXE_blastwall"));
    let out = run(
        &blastwall,
        &["scan", "-", "--profile", "pss-restricted", "-o", "json"],
        manifests,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("a JSON report ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    assert!(
        report["summary"]["objects"].as_u64().unwrap_or(0) > 0,
        "nothing was read: {report}"
    );
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["suppressed"].is_null())
        .map(|f| format!("{} at {} ({})", f["rule"]["name"], f["object"], f["message"]))
        .collect()
}

fn helm_template(values: &[&str]) -> Vec<u8> {
    let helm = PathBuf::from(std::env::var_os("BLASTWALL_HELM").expect("BLASTWALL_HELM is set"));
    let mut args = vec![
        "template",
        "blastwall",
        "deploy/helm/blastwall",
        "--namespace",
        "blastwall",
    ];
    for value in values {
        args.extend(["--set", value]);
    }
    let out = run(&helm, &args, b"");
    assert!(
        out.status.success(),
        "helm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

const CHART_VALUES: &[&[&str]] = &[
    &[],
    &["watchCluster=false", "mode=warn", "failurePolicy=Ignore"],
    &[
        "tls.certManager.enabled=true",
        "tls.certManager.issuerName=ca",
        "image.digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ],
    &[
        "createNamespace=false",
        "exemptions.namespaces={ci}",
        "apiServerCIDRs={10.0.0.0/24}",
    ],
];

#[test]
fn the_plain_manifests_pass_the_restricted_scan() {
    for file in [
        "deploy/webhook.yaml",
        "deploy/webhook-cert-manager.yaml",
        "deploy/scanner-rbac.yaml",
    ] {
        let text = std::fs::read(repository().join(file)).expect("the manifests");
        let findings = restricted_findings(&text);
        assert!(findings.is_empty(), "{file}:\n{}", findings.join("\n"));
    }
}

#[test]
#[cfg_attr(
    not(helm),
    ignore = "no helm: build it with tools/testbed/build-helm.sh and set BLASTWALL_HELM"
)]
fn the_helm_chart_renders_what_passes_the_restricted_scan() {
    let helm = PathBuf::from(std::env::var_os("BLASTWALL_HELM").expect("BLASTWALL_HELM is set"));
    let lint = run(&helm, &["lint", "--strict", "deploy/helm/blastwall"], b"");
    assert!(
        lint.status.success(),
        "helm lint: {}",
        String::from_utf8_lossy(&lint.stdout)
    );
    for values in CHART_VALUES {
        let rendered = helm_template(values);
        let findings = restricted_findings(&rendered);
        assert!(findings.is_empty(), "values {values:?}:\n{}", findings.join("\n"));
    }
    let text = String::from_utf8(helm_template(&[])).expect("UTF-8");
    for kind in [
        "kind: Deployment",
        "kind: PodDisruptionBudget",
        "kind: NetworkPolicy",
        "kind: ClusterRole",
        "kind: Service",
        "kind: ValidatingWebhookConfiguration",
        "caBundle:",
    ] {
        assert!(text.contains(kind), "no `{kind}` in the chart");
    }
    assert!(text.contains("replicas: 2"));
}

#[test]
#[cfg_attr(
    not(all(testbed, helm)),
    ignore = "needs the test bed (BLASTWALL_TESTBED) and helm (BLASTWALL_HELM)"
)]
fn the_api_server_accepts_the_manifests_and_the_chart() {
    let bed = PathBuf::from(std::env::var_os("BLASTWALL_TESTBED").expect("BLASTWALL_TESTBED is set"));
    let kubectl = bed.join("bin/kubectl");
    let kubeconfig = bed.join("kubeconfig");
    let kubeconfig = kubeconfig.to_str().expect("utf-8");
    // A dry run creates nothing: the namespace the objects go to must exist for real.
    let namespace = b"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blastwall\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n";
    let out = run(
        &kubectl,
        &["--kubeconfig", kubeconfig, "apply", "-f", "-"],
        namespace,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plain = std::fs::read(repository().join("deploy/webhook.yaml")).expect("the manifests");
    let charts: Vec<Vec<u8>> = CHART_VALUES
        .iter()
        .filter(|v| !v.iter().any(|s| s.starts_with("tls.certManager")))
        .map(|v| helm_template(v))
        .collect();
    for manifests in std::iter::once(&plain).chain(&charts) {
        let out = run(
            &kubectl,
            &["--kubeconfig", kubeconfig, "apply", "--dry-run=server", "-f", "-"],
            manifests,
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}
