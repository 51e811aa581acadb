//! The API server as the oracle of Pod Security: random pods (mutations of every field the checks read) are
//! created with a server-side dry run in namespaces labelled `enforce=LEVEL`, `enforce-version=v1.N` for every
//! version from v1.0 to v1.37, and the server's admission decision is compared with blastwall's evaluation of
//! the same pod at the same level and version. Any difference is printed with the pod and fails the test.

mod common;

use std::sync::atomic::AtomicUsize;

use blastwall_core::analysis::pss::{evaluate, Level, Version};
use blastwall_core::load::{load, Input};
use blastwall_core::model::pod_specs;
use common::Rng;
use serde_json::{json, Value};

const PODS: usize = 80;
const NEWEST_MINOR: u32 = 37;
const LEVELS: [(Level, &str); 2] = [(Level::Baseline, "baseline"), (Level::Restricted, "restricted")];

/// The securityContext of the container (`c`) or of the pod (`p`).
fn context<'a>(pod: &'a mut Value, at: &str) -> &'a mut Value {
    let target = if at == "p" {
        &mut pod["spec"]
    } else {
        &mut pod["spec"]["containers"][0]
    };
    if target.get("securityContext").is_none() {
        target["securityContext"] = json!({});
    }
    &mut target["securityContext"]
}

/// A pod that passes restricted, then up to four mutations of the fields the checks read.
fn pod(rng: &mut Rng, n: usize) -> Value {
    let mut pod = json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": {"name": format!("p{n}")},
        "spec": {"containers": [{"name": "c", "image": "registry.example/app:1",
            "securityContext": {"allowPrivilegeEscalation": false, "runAsNonRoot": true,
                "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}}}]}
    });
    if rng.chance(8) {
        // A Windows pod: the Linux-only fields go, host process containers may come.
        pod["spec"]["os"] = json!({"name": "windows"});
        pod["spec"]["containers"][0]["securityContext"] = json!({"runAsNonRoot": true});
        if rng.chance(50) {
            pod["spec"]["securityContext"] =
                json!({"windowsOptions": {"hostProcess": true}, "runAsNonRoot": true});
            pod["spec"]["hostNetwork"] = json!(true);
        }
        return pod;
    }
    if rng.chance(15) {
        pod["spec"]["os"] = json!({"name": "linux"});
    }
    for _ in 0..rng.below(5) {
        mutate(rng, &mut pod);
    }
    pod
}

#[allow(clippy::too_many_lines)]
fn mutate(rng: &mut Rng, pod: &mut Value) {
    let at = *rng.pick(&["p", "c"]);
    match rng.below(17) {
        0 if pod["spec"]["hostUsers"] != false => {
            pod["spec"][*rng.pick(&["hostNetwork", "hostPID", "hostIPC"])] = json!(true);
        }
        1 => {
            // The API server refuses privileged containers that forbid privilege escalation.
            let privileged = rng.chance(70);
            let ctx = context(pod, "c");
            ctx["privileged"] = json!(privileged);
            if privileged {
                ctx["allowPrivilegeEscalation"] = json!(true);
            }
        }
        2 => {
            let add = rng.some(
                &[
                    "NET_BIND_SERVICE",
                    "CHOWN",
                    "SYS_ADMIN",
                    "NET_RAW",
                    "KILL",
                    "AUDIT_WRITE",
                    "ALL",
                ],
                2,
            );
            context(pod, "c")["capabilities"]["add"] = json!(add);
        }
        3 => {
            let drop = rng.pick(&[json!(["ALL"]), json!(["NET_RAW"]), json!([])]).clone();
            context(pod, "c")["capabilities"]["drop"] = drop;
        }
        4 => {
            pod["spec"]["volumes"] =
                json!([{"name": "host", "hostPath": {"path": *rng.pick(&["/", "/var/log", "/etc"])}}]);
            pod["spec"]["containers"][0]["volumeMounts"] = json!([{"name": "host", "mountPath": "/host"}]);
        }
        5 => {
            let host = *rng.pick(&[0, 8080, 80]);
            pod["spec"]["containers"][0]["ports"] = json!([{"containerPort": 8080, "hostPort": host}]);
        }
        6 => {
            let profile = match rng.below(4) {
                0 => json!({"type": "RuntimeDefault"}),
                1 => json!({"type": "Unconfined"}),
                2 => json!({"type": "Localhost", "localhostProfile": "profiles/audit.json"}),
                _ => Value::Null,
            };
            let ctx = context(pod, at);
            if profile.is_null() {
                ctx.as_object_mut().expect("an object").remove("seccompProfile");
            } else {
                ctx["seccompProfile"] = profile;
            }
        }
        7 => {
            let kind = *rng.pick(&[
                "container_t",
                "container_init_t",
                "container_kvm_t",
                "container_engine_t",
                "spc_t",
                "",
            ]);
            let mut options = json!({});
            if !kind.is_empty() {
                options["type"] = json!(kind);
            }
            if rng.chance(25) {
                options["user"] = json!("system_u");
            }
            if rng.chance(25) {
                options["role"] = json!("system_r");
            }
            context(pod, at)["seLinuxOptions"] = options;
        }
        8 => {
            let (name, value) = *rng.pick(&[
                ("kernel.shm_rmid_forced", "0"),
                ("net.ipv4.ip_local_port_range", "1024 65535"),
                ("net.ipv4.tcp_syncookies", "1"),
                ("net.ipv4.ping_group_range", "0 0"),
                ("net.ipv4.ip_unprivileged_port_start", "1024"),
                ("net.ipv4.ip_local_reserved_ports", "8080"),
                ("net.ipv4.tcp_keepalive_time", "7200"),
                ("net.ipv4.tcp_fin_timeout", "60"),
                ("net.ipv4.tcp_keepalive_intvl", "75"),
                ("net.ipv4.tcp_keepalive_probes", "9"),
                ("net.ipv4.tcp_rmem", "4096 87380 6291456"),
                ("net.ipv4.tcp_wmem", "4096 16384 4194304"),
                ("kernel.msgmax", "65536"),
                ("net.core.somaxconn", "1024"),
            ]);
            context(pod, "p")["sysctls"] = json!([{"name": name, "value": value}]);
        }
        9 => context(pod, at)["runAsNonRoot"] = json!(rng.chance(50)),
        10 => context(pod, at)["runAsUser"] = json!(*rng.pick(&[0, 1000])),
        11 => {
            let ctx = context(pod, "c");
            if rng.chance(50) {
                ctx["allowPrivilegeEscalation"] = json!(true);
            } else {
                ctx.as_object_mut()
                    .expect("an object")
                    .remove("allowPrivilegeEscalation");
            }
        }
        12 => {
            let (annotation, field) = rng
                .pick(&[
                    ("runtime/default", json!({"type": "RuntimeDefault"})),
                    ("unconfined", json!({"type": "Unconfined"})),
                    (
                        "localhost/custom",
                        json!({"type": "Localhost", "localhostProfile": "custom"}),
                    ),
                ])
                .clone();
            if rng.chance(50) {
                pod["metadata"]["annotations"] =
                    json!({"container.apparmor.security.beta.kubernetes.io/c": annotation});
            } else {
                context(pod, at)["appArmorProfile"] = field;
            }
        }
        13 => {
            let volume = rng
                .pick(&[
                    json!({"name": "v", "emptyDir": {}}),
                    json!({"name": "v", "configMap": {"name": "cm"}}),
                    json!({"name": "v", "projected": {"sources": []}}),
                    json!({"name": "v", "persistentVolumeClaim": {"claimName": "data"}}),
                    json!({"name": "v", "nfs": {"server": "nfs.example", "path": "/"}}),
                    json!({"name": "v", "iscsi": {"targetPortal": "10.0.0.1:3260", "iqn": "iqn.2001-04.com.example:storage", "lun": 0}}),
                    json!({"name": "v", "csi": {"driver": "csi.example"}}),
                ])
                .clone();
            pod["spec"]["volumes"] = json!([volume]);
        }
        14 => {
            let probe = if rng.chance(50) {
                json!({"httpGet": {"port": 8080, "host": "evil.example"}})
            } else {
                json!({"tcpSocket": {"port": 8080, "host": "127.0.0.1"}})
            };
            pod["spec"]["containers"][0][*rng.pick(&["livenessProbe", "readinessProbe"])] = probe;
        }
        15 => {
            let privileged = rng.chance(50);
            pod["spec"]["initContainers"] = json!([{"name": "init", "image": "registry.example/init:1",
                "securityContext": {"privileged": privileged, "allowPrivilegeEscalation": privileged,
                    "capabilities": {"drop": ["ALL"]}, "runAsNonRoot": true}}]);
        }
        _ => {
            // An unmasked /proc needs a user namespace, which the host's namespaces exclude.
            let host = ["hostNetwork", "hostPID", "hostIPC"]
                .iter()
                .any(|k| pod["spec"][*k] == true);
            let mount = if host {
                "Default"
            } else {
                *rng.pick(&["Default", "Unmasked"])
            };
            context(pod, "c")["procMount"] = json!(mount);
            if mount == "Unmasked" {
                pod["spec"]["hostUsers"] = json!(false);
            }
        }
    }
}

/// blastwall's answer: the pod passes `level` at `version`.
fn blastwall_admits(pod: &Value, level: Level, minor: u32) -> bool {
    let input = Input::Text {
        name: "pod.json".into(),
        bytes: serde_json::to_vec(pod).expect("JSON"),
    };
    let inventory = load(vec![input], &AtomicUsize::new(0));
    let specs = pod_specs(&inventory.objects[0]);
    evaluate(&specs[0], level, Version::v1(minor)).is_empty()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(
    not(testbed),
    ignore = "no test bed: start one with tools/testbed/up.sh DIR and set BLASTWALL_TESTBED=DIR"
)]
async fn pss_answers_as_pod_security_admission_does() {
    let mut rng = Rng::from_env(20_261_205);
    let prefix = format!("pss{:x}", common::run_id());
    let client = common::client().await;
    let mut namespaces = Vec::new();
    for (_, name) in LEVELS {
        for minor in 0..=NEWEST_MINOR {
            let ns = format!("{prefix}-{name}-{minor}");
            namespaces.push(
                json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns, "labels": {
                "pod-security.kubernetes.io/enforce": name,
                "pod-security.kubernetes.io/enforce-version": format!("v1.{minor}")}}}),
            );
        }
    }
    common::create_all(&client, &namespaces).await;
    common::wait_for_default_service_accounts(&client, &namespaces).await;
    let pods: Vec<Value> = (0..PODS).map(|n| pod(&mut rng, n)).collect();
    let cases: Vec<(usize, Level, &str, u32)> = (0..PODS)
        .flat_map(|p| {
            LEVELS
                .iter()
                .flat_map(move |&(level, name)| (0..=NEWEST_MINOR).map(move |m| (p, level, name, m)))
        })
        .collect();
    let objects: Vec<Value> = cases
        .iter()
        .map(|&(p, _, name, minor)| {
            let mut object = pods[p].clone();
            object["metadata"]["namespace"] = json!(format!("{prefix}-{name}-{minor}"));
            object
        })
        .collect();
    let answers = common::dry_run_all(&client, &objects, |status| {
        status.message.contains("violates PodSecurity")
    })
    .await;
    let (mut compared, mut admitted, mut refused_otherwise, mut differences) = (0, 0, Vec::new(), Vec::new());
    for (&(p, level, name, minor), answer) in cases.iter().zip(answers) {
        match answer {
            Ok(server) => {
                compared += 1;
                admitted += usize::from(server);
                let ours = blastwall_admits(&pods[p], level, minor);
                if ours != server {
                    differences.push(format!(
                        "{name} v1.{minor}: server admits {server}, blastwall {ours}: {}",
                        serde_json::to_string(&pods[p]).expect("JSON")
                    ));
                }
            }
            Err(reason) => refused_otherwise.push(format!("{}: {reason}", pods[p]["metadata"]["name"])),
        }
    }
    refused_otherwise.dedup();
    println!(
        "compared {compared} pod x level x version cases ({admitted} admitted) with Pod Security admission: {} differences; {} refused for other reasons",
        differences.len(),
        refused_otherwise.len()
    );
    for d in differences.iter().take(40) {
        eprintln!("{d}");
    }
    for r in &refused_otherwise {
        eprintln!("refused for another reason: {r}");
    }
    assert!(compared >= 3_000, "only {compared} cases: {refused_otherwise:?}");
    assert!(
        refused_otherwise.len() * 10 < cases.len(),
        "too many pods the server refuses for other reasons: {:?}",
        &refused_otherwise[..refused_otherwise.len().min(5)]
    );
    assert!(
        differences.is_empty(),
        "{} differences; the first: {}",
        differences.len(),
        differences[0]
    );
}
