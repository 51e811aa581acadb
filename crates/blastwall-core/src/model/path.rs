//! Field paths: how a finding names the field that causes it, independent of where the object came from.

use std::fmt;

use compact_str::CompactString;

use crate::source::{Node, Span, Value};

/// One step into a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Segment {
    /// A mapping key.
    Key(CompactString),
    /// A list position, for lists whose items have no name.
    Index(u32),
    /// The list item whose `name` is this, as containers, volumes and ports are addressed.
    Named(CompactString),
}

/// A path such as `spec.template.spec.containers[name=app].securityContext.privileged`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The empty path: the object itself.
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// A path of mapping keys.
    #[must_use]
    pub fn keys(keys: &[&str]) -> Self {
        Self(keys.iter().map(|k| Segment::Key((*k).into())).collect())
    }

    /// This path followed by a key.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        self.with(Segment::Key(key.into()))
    }

    /// This path followed by several keys.
    #[must_use]
    pub fn join(&self, keys: &[&str]) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + keys.len());
        segments.extend_from_slice(&self.0);
        segments.extend(keys.iter().map(|k| Segment::Key((*k).into())));
        Self(segments)
    }

    /// This path followed by a list position.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        self.with(Segment::Index(i as u32))
    }

    /// This path followed by the list item named `name`.
    #[must_use]
    pub fn named(&self, name: &str) -> Self {
        self.with(Segment::Named(name.into()))
    }

    /// The item of a list at `i`: by its `name` when it has one, else by position.
    #[must_use]
    pub(crate) fn item(&self, i: usize, item: &Node) -> Self {
        match item.get("name").and_then(Node::as_str) {
            Some(name) => self.named(name),
            None => self.index(i),
        }
    }

    /// The path without its last step (the root stays the root).
    #[must_use]
    pub(crate) fn parent(&self) -> Self {
        Self(
            self.0
                .split_last()
                .map_or_else(Vec::new, |(_, rest)| rest.to_vec()),
        )
    }

    fn with(&self, s: Segment) -> Self {
        // One allocation of the final size: a clone and a push would grow the copy again.
        let mut segments = Vec::with_capacity(self.0.len() + 1);
        segments.extend_from_slice(&self.0);
        segments.push(s);
        Self(segments)
    }

    /// The segments.
    #[must_use]
    pub(crate) fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The node at this path in `root`, when every step exists.
    #[must_use]
    pub fn resolve<'a>(&self, root: &'a Node) -> Option<&'a Node> {
        self.0
            .iter()
            .try_fold(root, |node, segment| match (segment, &node.value) {
                (Segment::Key(k), Value::Map(m)) => m.get(k),
                (Segment::Index(i), Value::Seq(items)) => items.get(*i as usize),
                (Segment::Named(name), Value::Seq(items)) => items
                    .iter()
                    .find(|n| n.get("name").and_then(Node::as_str) == Some(name.as_str())),
                _ => None,
            })
    }

    /// Where the path points in `root`: the key of the last field that exists, so a missing field points
    /// at its nearest written parent.
    #[must_use]
    pub fn locate(&self, root: &Node) -> Span {
        let mut node = root;
        let mut span = root.span;
        for segment in &self.0 {
            let next = match (segment, &node.value) {
                (Segment::Key(k), Value::Map(m)) => m.entry(k).map(|(key, value)| (key.span, value)),
                (Segment::Index(i), Value::Seq(items)) => items.get(*i as usize).map(|n| (n.span, n)),
                (Segment::Named(name), Value::Seq(items)) => items
                    .iter()
                    .find(|n| n.get("name").and_then(Node::as_str) == Some(name.as_str()))
                    .map(|n| (n.span, n)),
                _ => None,
            };
            let Some((s, n)) = next else { break };
            span = s;
            node = n;
        }
        span
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(k) if k.contains(['.', '[', ']']) => write!(f, "[{k:?}]")?,
                Segment::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Named(name) => write!(f, "[name={name}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::build::{parse_chunk, Outcome};

    fn doc(text: &str) -> Node {
        match parse_chunk(text, 0).outcome {
            Outcome::Value(n) => n,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn displays_like_kubectl_explain_paths() {
        let p = FieldPath::keys(&["spec", "containers"])
            .named("app")
            .join(&["securityContext", "privileged"]);
        assert_eq!(
            p.to_string(),
            "spec.containers[name=app].securityContext.privileged"
        );
        let q = FieldPath::keys(&["metadata", "annotations"])
            .key("blastwall.dev/ignore")
            .index(0);
        assert_eq!(q.to_string(), "metadata.annotations[\"blastwall.dev/ignore\"][0]");
    }

    #[test]
    fn locates_the_deepest_written_field() {
        let root = doc("spec:\n  containers:\n  - name: sidecar\n  - name: app\n    image: x\n");
        let app = FieldPath::keys(&["spec", "containers"]).named("app");
        assert_eq!(app.key("image").locate(&root), Span { line: 4, column: 4 });
        // Missing field: the container itself (its first key).
        assert_eq!(
            app.key("securityContext").locate(&root),
            Span { line: 3, column: 4 }
        );
        assert_eq!(
            FieldPath::keys(&["spec", "containers"]).index(0).locate(&root),
            Span { line: 2, column: 4 }
        );
    }
}
