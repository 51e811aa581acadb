//! The report as one self-contained HTML page (no network: styles, script and charts are inline): a summary
//! with bar charts of the findings by severity and by category, the attack paths, and a table of every
//! finding with its snippet and what to do, filtered as one types (the filter can also come in the URL:
//! `report.html#q=privileged`).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{most_severe_first, position};
use crate::engine::Report;
use crate::finding::{Finding, Severity};
use crate::rule::Category;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d2330}h1{margin:0 0 .3em}\
.charts{display:flex;gap:3em;flex-wrap:wrap}.chart text{font-size:12px}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #dde;padding:.4em;vertical-align:top;text-align:left}pre{background:#f4f5f9;\
padding:.4em;overflow:auto;margin:.3em 0}.sev{font-weight:600}.critical{color:#8a1ea8}.high{color:#c0262d}\
.medium{color:#a86a00}.low{color:#1f6f8b}.info{color:#3b4a9c}.help{color:#4b5563}#controls{margin:1em 0}\
#controls input{width:24em;padding:.3em}td:nth-child(3),td:nth-child(4){min-width:14em;max-width:22em;\
overflow-wrap:anywhere}td pre{white-space:pre-wrap;overflow-wrap:anywhere}";

const SCRIPT: &str = "const q=document.getElementById('q'),s=document.getElementById('sev'),\
rows=[...document.querySelectorAll('#findings tbody tr')],n=document.getElementById('shown');\
const order=['info','low','medium','high','critical'];\
function apply(){const t=q.value.toLowerCase(),m=order.indexOf(s.value);let k=0;for(const r of rows){\
const ok=r.textContent.toLowerCase().includes(t)&&(m<0||order.indexOf(r.dataset.severity)>=m);\
r.style.display=ok?'':'none';if(ok)k++}n.textContent=k+' of '+rows.length+' findings shown'}\
const h=new URLSearchParams(location.hash.slice(1));if(h.get('q'))q.value=h.get('q');\
if(h.get('severity'))s.value=h.get('severity');q.addEventListener('input',apply);\
s.addEventListener('change',apply);apply();";

/// A horizontal bar chart as inline SVG.
fn chart(out: &mut String, id: &str, title: &str, bars: &[(String, usize, &str)]) {
    let max = bars.iter().map(|(_, n, _)| *n).max().unwrap_or(1).max(1);
    let height = 22 * bars.len() + 24;
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption><svg id=\"{id}\" width=\"360\" height=\"{height}\" \
role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    for (i, (label, n, class)) in bars.iter().enumerate() {
        let y = 22 * i + 4;
        let width = 220 * n / max;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect class=\"{class}\" x=\"110\" y=\"{y}\" width=\"{width}\" \
height=\"16\" fill=\"currentColor\"><title>{} {}</title></rect><text x=\"{}\" y=\"{}\">{n}</text>",
            y + 13,
            esc(label),
            n,
            esc(label),
            115 + width,
            y + 13
        );
    }
    out.push_str("</svg></figure>");
}

fn place(report: &Report, f: &Finding) -> String {
    position(report, f).map_or_else(
        || "-".to_owned(),
        |(file, line, column)| format!("{file}:{line}:{column}"),
    )
}

fn snippet(report: &Report, f: &Finding) -> Option<String> {
    let loc = f.location?;
    report.inventory.source(loc.source).line(loc.span.line).map(|l| {
        let l: String = l.chars().take(240).collect();
        l.replace('\t', " ")
    })
}

/// The report as HTML.
#[must_use]
pub fn render(report: &Report) -> String {
    let s = &report.summary;
    let shown = most_severe_first(report);
    let mut out = String::from("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
    let _ = write!(
        out,
        "<title>blastwall report</title><style>{STYLE}</style></head><body>"
    );
    let verdict = if report.fails() { "fails" } else { "passes" };
    let _ = write!(
        out,
        "<h1>blastwall report</h1><p id=\"verdict\">The scan <strong>{verdict}</strong> (fails on {} and above): \
{} files, {} objects, <strong>{} findings</strong>, {} suppressed.</p>",
        report.fail_on, s.files, s.objects, s.findings, s.suppressed
    );
    out.push_str("<section id=\"summary\" class=\"charts\">");
    let by_severity: Vec<(String, usize, &str)> = Severity::ALL
        .iter()
        .rev()
        .map(|sev| {
            (
                sev.as_str().to_owned(),
                s.by_severity.get(sev).copied().unwrap_or(0),
                sev.as_str(),
            )
        })
        .collect();
    chart(&mut out, "by-severity", "Findings by severity", &by_severity);
    let mut categories: BTreeMap<Category, usize> = BTreeMap::new();
    for f in &shown {
        *categories.entry(f.rule.category).or_default() += 1;
    }
    let by_category: Vec<(String, usize, &str)> = categories
        .iter()
        .map(|(c, n)| (c.as_str().to_owned(), *n, "category"))
        .collect();
    chart(&mut out, "by-category", "Findings by category", &by_category);
    out.push_str("</section>");
    let paths: Vec<&&Finding> = shown
        .iter()
        .filter(|f| f.rule.category == Category::AttackPath)
        .collect();
    out.push_str("<section id=\"paths\"><h2>Attack paths</h2>");
    if paths.is_empty() {
        out.push_str("<p>No path to cluster-admin or a node among the inputs.</p>");
    } else {
        out.push_str("<ul>");
        for f in paths {
            let _ = write!(
                out,
                "<li><span class=\"sev {0}\">{0}</span> {1}: {2}</li>",
                f.severity,
                esc(&place(report, f)),
                esc(&f.message)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section><section id=\"findings\"><h2>Findings</h2><div id=\"controls\">");
    out.push_str("<input id=\"q\" type=\"search\" placeholder=\"filter: rule, object, file, text\"> ");
    out.push_str("<select id=\"sev\"><option value=\"\">every severity</option>");
    for sev in Severity::ALL.iter().rev() {
        let _ = write!(out, "<option value=\"{0}\">{0} and above</option>", sev.as_str());
    }
    out.push_str(
        "</select> <span id=\"shown\"></span></div><table><thead><tr><th>severity</th><th>rule</th>\
<th>object</th><th>where</th><th>finding</th></tr></thead><tbody>",
    );
    for f in &shown {
        let object = f.object.map_or_else(String::new, |id| {
            format!("{} at {}", report.inventory.object(id).oref, f.path)
        });
        let _ = write!(
            out,
            "<tr data-severity=\"{sev}\" data-category=\"{cat}\"><td class=\"sev {sev}\">{sev}</td><td>{} {}</td>\
<td>{}</td><td>{}</td><td>{}",
            f.rule.code,
            esc(f.rule.name),
            esc(&object),
            esc(&place(report, f)),
            esc(&f.message),
            sev = f.severity,
            cat = f.rule.category.as_str(),
        );
        if let Some(line) = snippet(report, f) {
            let _ = write!(out, "<pre class=\"snippet\">{}</pre>", esc(&line));
        }
        let _ = write!(out, "<div class=\"help\">{}</div></td></tr>", esc(&f.help));
    }
    let _ = write!(
        out,
        "</tbody></table></section><script>{SCRIPT}</script></body></html>"
    );
    out.push('\n');
    out
}
