//! The span tree: every value of a document as kubectl would see it (YAML 1.1, converted to JSON), with the
//! line and column where it was written.

use compact_str::CompactString;

/// Where a key or value was written: zero-based line and column (column in characters) in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column, in characters.
    pub column: u32,
}

/// A value in a document, with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub span: Span,
    /// The value, as kubectl's JSON would hold it.
    pub value: Value,
}

/// A JSON value, as kubectl turns YAML into JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~`, or nothing.
    Null,
    /// `true`/`false` and the YAML 1.1 spellings (`yes`, `on`, `y`...).
    Bool(bool),
    /// An integer that fits in 64 signed bits.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A finite float.
    Float(f64),
    /// A string.
    Str(CompactString),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping whose keys are already JSON strings.
    Map(Map),
}

/// A mapping key converted to the string JSON would use, with its own position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key as a JSON string (`80` becomes "80", `on` becomes "true").
    pub text: CompactString,
    /// Where the key was written.
    pub span: Span,
}

/// Mapping entries in the order they were first written; a repeated key keeps the last value, as kubectl does.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map {
    entries: Vec<(Key, Node)>,
}

impl Map {
    /// An empty mapping.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The entry for `key`, if present.
    #[must_use]
    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(k, v)| (k, v))
    }

    /// The value for `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// Entries in written order.
    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Node)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Number of entries.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the mapping has no entries.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes and returns the value for `key`.
    pub fn remove(&mut self, key: &str) -> Option<Node> {
        let at = self.entries.iter().position(|(k, _)| k.text == key)?;
        Some(self.entries.remove(at).1)
    }

    pub(crate) fn entries_mut(&mut self) -> &mut Vec<(Key, Node)> {
        &mut self.entries
    }

    pub(crate) fn into_entries(self) -> Vec<(Key, Node)> {
        self.entries
    }
}

impl Node {
    /// The string value, if this is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The mapping, if this is a mapping.
    #[must_use]
    pub(crate) fn as_map(&self) -> Option<&Map> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    #[must_use]
    pub(crate) fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The integer, if this is an integer within `i64`.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    /// The value under `key` when this is a mapping.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.get(key)
    }

    /// Follows a chain of mapping keys.
    #[must_use]
    pub(crate) fn get_path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// True for `true` only: the way Kubernetes reads an optional boolean field.
    #[must_use]
    pub(crate) fn is_true(&self) -> bool {
        self.as_bool() == Some(true)
    }

    /// A short name of the value's type for messages ("a string", "a mapping").
    #[must_use]
    pub(crate) fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as `serde_json` would hold it.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::UInt(u) => J::from(*u),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.to_string()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(m) => J::Object(m.iter().map(|(k, v)| (k.text.to_string(), v.to_json())).collect()),
        }
    }

    /// Counts this node and everything under it (keys included).
    #[must_use]
    pub(crate) fn weight(&self) -> usize {
        match &self.value {
            Value::Seq(items) => 1 + items.iter().map(Node::weight).sum::<usize>(),
            Value::Map(m) => 1 + m.iter().map(|(_, v)| 1 + v.weight()).sum::<usize>(),
            _ => 1,
        }
    }
}
