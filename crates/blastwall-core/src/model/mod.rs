//! The object model: objects, their identities and field paths, pod specs found generically, Services and
//! Ingresses read once for every engine, and the inventory with its indexes.

pub mod ingress;
pub mod inventory;
pub mod object;
pub mod path;
pub mod pod;
pub mod schema;
pub mod selector;
pub mod service;

pub use inventory::{Invalid, Inventory};
pub use object::{api_group, Object, ObjectId, ObjectRef, NAMESPACE_NAME_LABEL};
pub use path::{FieldPath, Segment};
pub use pod::{pod_specs, pod_specs_with, Container, ContainerKind, PodSpec, TemplatePath};
pub use selector::{labels_of, LabelSelector};
pub use service::{BackendPort, Service, ServicePort, ServiceType, TargetPort};
