//! The object model: objects, their identities and field paths, pod specs found generically, Services and
//! Ingresses read once for every engine, and the inventory with its indexes.

pub mod ingress;
pub mod inventory;
pub mod object;
pub mod path;
pub mod pod;
mod rbac_validation;
pub mod schema;
pub mod selector;
pub mod service;
pub mod syntax;

pub use inventory::{ClusterRead, Invalid, Inventory};
pub(crate) use object::NAMESPACE_NAME_LABEL;
pub use object::{api_group, Object, ObjectId, ObjectRef};
pub use path::FieldPath;
pub(crate) use path::Segment;
pub use pod::{pod_specs, Container, ContainerKind, PodSpec, TemplatePath};
pub(crate) use selector::labels_of;
pub use selector::LabelSelector;
pub use service::{BackendPort, Service, ServicePort, ServiceType, TargetPort};
