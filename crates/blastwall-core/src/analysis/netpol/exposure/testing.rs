//! The door modules' table tests: the exposures a door module finds in a YAML text, compared with a table.

use super::super::from_inventory::network_of;
use super::super::network::Network;
use super::types::{Admission, Door, Exposure};
use crate::model::Inventory;

/// One expected exposure: door, path, target port, admission.
pub(super) type Expected<'a> = (Door, &'a str, Option<u16>, Admission);

/// Checks that `find` finds exactly the expected exposures in each case's text, each opened by the object
/// named `via` and leading to the pod named `pod`.
pub(super) fn assert_doors(
    cases: Vec<(String, Vec<Expected<'_>>)>,
    via: &str,
    pod: &str,
    find: fn(&Inventory, &Network) -> Vec<Exposure>,
) {
    for (text, want) in cases {
        let inventory = Inventory::from_text(&text);
        let (net, problems) = network_of(&inventory, false);
        assert!(problems.is_empty(), "{problems:?}");
        let got: Vec<Expected<'_>> = find(&inventory, &net)
            .into_iter()
            .map(|e| {
                assert_eq!(inventory.object(e.via).oref.name, via, "{text}");
                assert_eq!(net.pods[e.pod].name, pod, "{text}");
                let path = want
                    .iter()
                    .map(|w| w.1)
                    .find(|p| *p == e.path.to_string())
                    .unwrap_or("(unexpected path)");
                (e.door, path, e.target.map(|t| t.1), e.admission)
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }
}
