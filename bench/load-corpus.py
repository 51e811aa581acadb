#!/usr/bin/env python3
"""Writes the objects of the shared corpus (a folder, or a file such as scale.py makes) that a cluster can hold
as JSON Lists for `kubectl create -f`:
the built-in kinds blastwall reads, each with a namespace (its own, else `default`), without status and
server-set metadata, deduplicated by kind, namespace and name. Also writes the namespaces they need.

    load-corpus.py CORPUS_OR_FILE OUT_DIR CHUNKS
"""
import json
import os
import sys

import yaml

KINDS = {
    ("v1", "Namespace"): False, ("v1", "Pod"): True, ("v1", "ReplicationController"): True,
    ("v1", "Service"): True, ("v1", "ServiceAccount"): True, ("v1", "ConfigMap"): True,
    ("apps/v1", "Deployment"): True, ("apps/v1", "ReplicaSet"): True, ("apps/v1", "StatefulSet"): True,
    ("apps/v1", "DaemonSet"): True, ("batch/v1", "Job"): True, ("batch/v1", "CronJob"): True,
    ("networking.k8s.io/v1", "NetworkPolicy"): True, ("networking.k8s.io/v1", "Ingress"): True,
    ("rbac.authorization.k8s.io/v1", "Role"): True, ("rbac.authorization.k8s.io/v1", "ClusterRole"): False,
    ("rbac.authorization.k8s.io/v1", "RoleBinding"): True,
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"): False,
    ("policy/v1", "PodDisruptionBudget"): True, ("autoscaling/v2", "HorizontalPodAutoscaler"): True,
}


def documents(corpus):
    if os.path.isfile(corpus):
        with open(corpus, encoding="utf-8") as f:
            text = f.read()
        for piece in text.split("\n---"):
            try:
                yield from yaml.safe_load_all(piece)
            except Exception:  # odd formatting on purpose: the unreadable documents are skipped
                continue
        return
    for root, _, files in os.walk(corpus):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")) or "_tools" in root:
                continue
            try:
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    yield from yaml.safe_load_all(f)
            except Exception:  # odd formatting on purpose: the unreadable files are skipped
                continue


def main():
    corpus, out, chunks = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seen, objects, namespaces = set(), [], set()
    for doc in documents(corpus):
        if not isinstance(doc, dict):
            continue
        items = doc.get("items") if doc.get("kind") == "List" else [doc]
        for o in items or []:
            if not isinstance(o, dict) or not isinstance(o.get("metadata"), dict):
                continue
            key = (o.get("apiVersion"), o.get("kind"))
            if key not in KINDS or not isinstance(o["metadata"].get("name"), str):
                continue
            meta = {k: v for k, v in o["metadata"].items()
                    if k in ("name", "namespace", "labels", "annotations")}
            if KINDS[key]:
                ns = meta.get("namespace")
                meta["namespace"] = ns if isinstance(ns, str) and ns else "default"
                namespaces.add(meta["namespace"])
            else:
                meta.pop("namespace", None)
            ident = (key, meta.get("namespace"), meta["name"])
            if ident in seen:
                continue
            seen.add(ident)
            o = {k: v for k, v in o.items() if k not in ("status",)}
            o["metadata"] = meta
            objects.append(o)
    ns_objects = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": n}}
                  for n in sorted(namespaces) if n not in ("default", "kube-system", "kube-public")]
    with open(os.path.join(out, "namespaces.json"), "w") as f:
        json.dump({"apiVersion": "v1", "kind": "List", "items": ns_objects}, f)
    for i in range(chunks):
        with open(os.path.join(out, f"objects-{i}.json"), "w") as f:
            json.dump({"apiVersion": "v1", "kind": "List", "items": objects[i::chunks]}, f, default=str)
    print(f"{len(objects)} objects in {len(ns_objects)} namespaces")


main()
