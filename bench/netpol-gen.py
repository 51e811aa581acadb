#!/usr/bin/env python3
"""Writes a synthetic cluster for NetworkPolicy benchmarks: PODS workloads (Deployments, one pod each) in
NAMESPACES namespaces and POLICIES NetworkPolicies, deterministic for a seed.

    bench/netpol-gen.py PODS POLICIES NAMESPACES OPEN_NAMESPACES > cluster.yaml

Every namespace gets a default-deny policy for both directions and an egress rule to DNS, except the first
OPEN_NAMESPACES namespaces, which have no policy at all (their pods are open both ways). The remaining
policies allow traffic by tier and app label, within the namespace, from other namespaces by label, to
named ports, to port ranges, and to outside address blocks.
"""
import random
import sys

pods, policies, namespaces, open_namespaces = (int(a) for a in sys.argv[1:5])
rng = random.Random(7)
tiers = ["web", "api", "db", "cache", "worker"]
ports = {"web": 8080, "api": 9090, "db": 5432, "cache": 6379, "worker": 7000}
out = []
for n in range(namespaces):
    out.append(f"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-{n}\n  labels:\n    team: team-{n % 10}\n    env: {'prod' if n % 2 else 'dev'}\n")
for i in range(pods):
    n = i % namespaces
    tier = tiers[i % len(tiers)]
    out.append(
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  namespace: ns-{n}\nspec:\n"
        f"  selector:\n    matchLabels:\n      app: app-{i}\n  template:\n    metadata:\n      labels:\n"
        f"        app: app-{i}\n        tier: {tier}\n    spec:\n      containers:\n      - name: main\n"
        f"        image: registry.example/app:{i}\n        ports:\n        - name: serve\n          containerPort: {ports[tier]}\n"
    )

def policy(name, ns, selector, body):
    return f"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: ns-{ns}\nspec:\n  podSelector: {selector}\n{body}"

written = 0
guarded = list(range(open_namespaces, namespaces))
for n in guarded:
    if written + 2 > policies:
        break
    out.append(policy("default-deny", n, "{}", "  policyTypes: [Ingress, Egress]\n"))
    out.append(policy("allow-dns", n, "{}", "  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n    ports:\n    - {protocol: UDP, port: 53}\n    - {protocol: TCP, port: 53}\n"))
    written += 2
k = 0
while written < policies and guarded:
    n = guarded[k % len(guarded)]
    src, dst = rng.choice(tiers), rng.choice(tiers)
    kind = k % 5
    if kind == 0:
        body = f"  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          tier: {src}\n    ports:\n    - port: serve\n"
    elif kind == 1:
        body = f"  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          team: team-{rng.randrange(10)}\n      podSelector:\n        matchLabels:\n          tier: {src}\n    ports:\n    - {{port: {ports[dst]}}}\n"
    elif kind == 2:
        body = f"  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          tier: {dst}\n    ports:\n    - {{port: 7000, endPort: 9100}}\n"
    elif kind == 3:
        body = f"  policyTypes: [Egress]\n  egress:\n  - to:\n    - ipBlock:\n        cidr: 10.{k % 250}.0.0/16\n        except: [10.{k % 250}.1.0/24]\n    ports:\n    - {{port: 443}}\n"
    else:
        body = f"  ingress:\n  - from:\n    - namespaceSelector:\n        matchExpressions:\n        - {{key: env, operator: In, values: [prod]}}\n    ports:\n    - {{port: serve}}\n"
    out.append(policy(f"allow-{k}", n, f"{{matchLabels: {{tier: {dst}}}}}", body))
    written += 1
    k += 1
sys.stdout.write("---\n".join(out))
