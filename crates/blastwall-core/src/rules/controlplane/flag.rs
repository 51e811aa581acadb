//! What the control-plane flag rules share: the components the checked object runs or configures, and
//! reports at a flag or, for a missing one, at the command line or kubeadm section.

use crate::analysis::controlplane::{Component, ComponentFlags, Flag};
use crate::rules::check::Check;

/// Runs `check` on every instance of `component` in the checked object.
pub fn each(c: &mut Check<'_>, component: Component, mut check: impl FnMut(&mut Check<'_>, &ComponentFlags)) {
    let found = c.components;
    for flags in found.iter().filter(|f| f.component == component) {
        check(c, flags);
    }
}

/// Reports the field that holds `flag`.
pub(crate) fn at_flag(c: &mut Check<'_>, flag: &Flag, message: String) {
    c.report(flag.path.clone(), message);
}

/// Reports a flag that should be set: at the command line, or at the kubeadm section.
pub fn missing(c: &mut Check<'_>, flags: &ComponentFlags, name: &str, value: &str, why: &str) {
    c.report(
        flags.missing_at.clone(),
        format!(
            "{} {why}: set {}",
            flags.component.binary(),
            flags.how_to_set(name, value)
        ),
    );
}

/// Checks a boolean flag that must be `want`: reports it when set otherwise, or when unset and the
/// component's default differs.
pub(crate) fn require_bool(
    c: &mut Check<'_>,
    flags: &ComponentFlags,
    name: &str,
    want: bool,
    default: bool,
    why: &str,
) {
    let want_text = if want { "true" } else { "false" };
    match flags.get(name) {
        Some(flag) if !flag.value.eq_ignore_ascii_case(want_text) => {
            let message = format!(
                "{} `--{name}={}` {why}: set {}",
                flags.component.binary(),
                flag.value,
                flags.how_to_set(name, want_text)
            );
            at_flag(c, flag, message);
        }
        None if default != want => missing(
            c,
            flags,
            name,
            want_text,
            &format!("defaults to `--{name}={default}`, which {why}"),
        ),
        _ => {}
    }
}
