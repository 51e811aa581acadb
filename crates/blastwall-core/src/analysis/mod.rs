//! Engines that answer questions over objects, on small types of their own: Pod Security Standards, RBAC,
//! NetworkPolicy and exposure, the control plane's configuration; and the analyses of one run, built once
//! and shared by every rule.

pub mod analyses;
pub mod attack;
pub mod controlplane;
pub(crate) mod host_paths;
pub mod netpol;
pub mod pss;
pub mod rbac;
