//! The report as JUnit XML, for CI systems that show test results: one test suite per rule that ran, one
//! failing test case per finding (named by the object, or the file and line), a skipped one per suppressed
//! finding with its reason, and one passing case for a rule that found nothing.

use std::collections::BTreeMap;
use std::io::Write;

use quick_junit::{NonSuccessKind, Report as Junit, TestCase, TestCaseStatus, TestSuite};

use super::position;
use crate::engine::Report;
use crate::finding::Finding;

/// Where a finding is, as a test case's name: the object and field, else the file and line.
fn case_name(report: &Report, f: &Finding) -> String {
    let at = position(report, f).map(|(file, line, column)| format!("{file}:{line}:{column}"));
    match (f.object, at) {
        (Some(id), Some(at)) => format!("{} at {} ({at})", report.inventory.object(id).oref, f.path),
        (Some(id), None) => format!("{} at {}", report.inventory.object(id).oref, f.path),
        (None, Some(at)) => at,
        (None, None) => f.message.clone(),
    }
}

/// Writes the report.
///
/// # Errors
/// When writing fails.
pub fn write(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> =
        report.rules.iter().map(|r| (r.code, Vec::new())).collect();
    for f in &report.findings {
        by_rule.entry(f.rule.code).or_default().push(f);
    }
    let mut junit = Junit::new("blastwall");
    for rule in &report.rules {
        let mut suite = TestSuite::new(format!("{} {}", rule.code, rule.name));
        let findings = by_rule.get(rule.code).map_or(&[][..], Vec::as_slice);
        if findings.is_empty() {
            suite.add_test_case(TestCase::new("no findings", TestCaseStatus::success()));
        }
        for f in findings {
            let status = if let Some(s) = &f.suppressed {
                let mut status = TestCaseStatus::skipped();
                status.set_message(format!("suppressed: {}", s.reason));
                status
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status
                    .set_message(f.message.as_str())
                    .set_type(f.severity.as_str())
                    .set_description(format!("{}\nhelp: {}", f.message, f.help));
                status
            };
            let mut case = TestCase::new(case_name(report, f), status);
            case.set_classname(format!("{} {}", rule.code, rule.name));
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    // Made whole first, so that a reader that closes the pipe is a plain write error.
    let xml = junit.to_string().map_err(std::io::Error::other)?;
    out.write_all(xml.as_bytes())
}
