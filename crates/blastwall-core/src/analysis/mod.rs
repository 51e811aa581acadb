//! Engines that answer questions over objects, on small types of their own: Pod Security Standards today;
//! RBAC, `NetworkPolicy` and exposure next.

pub mod controlplane;
pub mod netpol;
pub mod pss;
pub mod rbac;
