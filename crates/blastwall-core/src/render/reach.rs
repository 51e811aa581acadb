//! The `reach` answer: `yes` or `no`, then for each direction the policies that isolate the pods and the
//! rules that admit the other side, at file:line. A workload whose pods differ is answered group by group.

use std::io::{self, Write};

use crate::analysis::netpol::{Judgement, Network, Party, ReachAnswer, Verdict};
use crate::model::{FieldPath, Inventory};

fn place(inventory: &Inventory, net: &Network, policy: usize, path: Option<&FieldPath>) -> String {
    let p = &net.policies[policy];
    let Some(id) = p.object else {
        return format!("{}/{}", p.namespace, p.name);
    };
    let object = inventory.object(id);
    let span = path.map_or(object.span(), |path| path.locate(&object.root));
    format!(
        "{}/{} ({}:{})",
        p.namespace,
        p.name,
        inventory.source(object.source).name,
        span.line + 1
    )
}

fn explain(
    out: &mut dyn Write,
    inventory: &Inventory,
    net: &Network,
    direction: &str,
    who: &str,
    verdict: Option<&Verdict>,
) -> io::Result<()> {
    let Some(verdict) = verdict else {
        return writeln!(
            out,
            "  {direction} of {who}: outside the cluster, not governed by NetworkPolicy"
        );
    };
    if verdict.isolating.is_empty() {
        return writeln!(
            out,
            "  {direction} of {who}: not isolated (no NetworkPolicy selects it for {direction}): everything allowed"
        );
    }
    let isolating: Vec<String> = verdict
        .isolating
        .iter()
        .map(|&i| place(inventory, net, i, None))
        .collect();
    write!(
        out,
        "  {direction} of {who}: isolated by {}",
        isolating.join(", ")
    )?;
    if verdict.allowed_by.is_empty() {
        write!(out, "; no rule admits the other side: nothing allowed")?;
    }
    writeln!(out)?;
    for (policy, rule, conns) in &verdict.allowed_by {
        let p = &net.policies[*policy];
        let rules = if direction == "ingress" {
            &p.ingress
        } else {
            &p.egress
        };
        let path = &rules[*rule].path;
        writeln!(
            out,
            "    allowed by {} rule {path}: {conns}",
            place(inventory, net, *policy, Some(path))
        )?;
    }
    Ok(())
}

/// How to name one side of a judgement: the party, or the pods of its group when the party has several.
fn who(net: &Network, party: &Party, group: Option<&Vec<usize>>) -> String {
    match (party, group) {
        (Party::Pods { label, groups }, Some(group)) if groups.len() > 1 => {
            let names: Vec<&str> = group.iter().map(|&i| net.pods[i].name.as_str()).collect();
            format!("{label} pods {}", names.join(", "))
        }
        _ => party.label().to_owned(),
    }
}

fn write_judgement(
    out: &mut dyn Write,
    inventory: &Inventory,
    net: &Network,
    answer: &ReachAnswer,
    judgement: &Judgement,
) -> io::Result<()> {
    let from = who(net, &answer.from, judgement.from.as_ref());
    let to = who(net, &answer.to, judgement.to.as_ref());
    explain(out, inventory, net, "egress", &from, judgement.egress.as_ref())?;
    explain(out, inventory, net, "ingress", &to, judgement.ingress.as_ref())?;
    writeln!(out, "  allowed between them: {}", judgement.conns)
}

/// Writes the answer.
pub fn write(
    out: &mut dyn Write,
    inventory: &Inventory,
    net: &Network,
    answer: &ReachAnswer,
) -> io::Result<()> {
    writeln!(out, "{}", if answer.allowed { "yes" } else { "no" })?;
    if let [only] = answer.judgements.as_slice() {
        return write_judgement(out, inventory, net, answer, only);
    }
    writeln!(
        out,
        "  the pods differ for the policies, so each group is judged; yes when any group may connect"
    )?;
    for judgement in &answer.judgements {
        let from = who(net, &answer.from, judgement.from.as_ref());
        let to = who(net, &answer.to, judgement.to.as_ref());
        writeln!(
            out,
            "{from} -> {to}: {}",
            if judgement.allowed { "yes" } else { "no" }
        )?;
        write_judgement(out, inventory, net, answer, judgement)?;
    }
    Ok(())
}
