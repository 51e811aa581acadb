//! Building the span tree of one document from parse events, with go-yaml v2's decoding rules: anchors and
//! aliases, `<<` merge keys, keys converted to JSON strings, the last of repeated keys winning, and the
//! limits that keep hostile input (alias bombs, deep nesting) bounded.

use std::collections::HashMap;

use compact_str::{format_compact, CompactString};

use super::events::{Event, EventReader, Mark, ScalarStyle, SyntaxError};
use super::node::{Key, Map, Node, Span, Value};
use super::resolve::resolve_scalar;

/// Deeper nesting than this is refused; no Kubernetes object comes close.
pub(crate) const MAX_DEPTH: usize = 512;
/// Values produced by expanding aliases, per document, beyond which the document is refused.
pub(crate) const MAX_ALIAS_EXPANSION: usize = 1_000_000;

/// What one document turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Only comments or blank lines: kubectl skips it.
    Empty,
    /// The document's value.
    Value(Node),
    /// Why kubectl would refuse it.
    Error(LoadError),
}

/// A refusal with the position it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The reason, worded for a person.
    pub message: String,
    /// Where in the file.
    pub span: Span,
}

/// Something kubectl accepts silently but a reader should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quirk {
    /// A key written twice in one mapping; kubectl keeps the last value.
    DuplicateKey {
        /// The key.
        key: CompactString,
        /// The first occurrence (its value is lost).
        first: Span,
        /// The occurrence that wins.
        second: Span,
    },
    /// Text after a `...` end marker that kubectl never reads.
    IgnoredAfterEnd {
        /// Where the ignored text starts.
        span: Span,
    },
}

/// A parsed document: its outcome and the quirks met on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The value or the refusal.
    pub outcome: Outcome,
    /// Repeated keys and ignored text.
    pub quirks: Vec<Quirk>,
}

/// Parses one chunk (as cut by [`super::split::split_documents`]) whose first line is `first_line`: plain
/// JSON by the fast path, everything else (and JSON outside its subset) by the YAML path.
#[must_use]
pub(crate) fn parse_chunk(text: &str, first_line: u32) -> Parsed {
    match super::json::parse(text, first_line) {
        Some(node) => Parsed {
            outcome: Outcome::Value(node),
            quirks: Vec::new(),
        },
        None => parse_yaml_chunk(text, first_line),
    }
}

/// Parses one chunk with go-yaml v2's rules.
#[must_use]
pub(crate) fn parse_yaml_chunk(text: &str, first_line: u32) -> Parsed {
    let mut builder = Builder::new(first_line);
    // kubectl's line reader ends every line with a line break, the last one too; a block scalar at the
    // very end of a file keeps that break.
    let with_break;
    let input = if text.ends_with('\n') {
        text
    } else {
        with_break = format!("{text}\n");
        &with_break
    };
    let outcome = match builder.run(input.as_bytes()) {
        Ok(Some(node)) => Outcome::Value(node),
        Ok(None) => Outcome::Empty,
        Err(e) => Outcome::Error(e),
    };
    Parsed {
        outcome,
        quirks: builder.quirks,
    }
}

struct Frame {
    span: Span,
    anchor: Option<Vec<u8>>,
    kind: FrameKind,
}

enum FrameKind {
    Seq(Vec<Node>),
    Map(MapFrame),
}

#[derive(Default)]
struct MapFrame {
    map: Map,
    /// Entries brought in with `<<` rather than written in this mapping (usually none, so no allocation).
    merged: Vec<usize>,
    /// Key positions for large mappings, so repeated keys are found without quadratic work.
    index: Option<HashMap<CompactString, usize>>,
    pending: Option<Pending>,
}

enum Pending {
    Key(Key),
    Merge(Span),
}

struct Builder {
    first_line: u32,
    stack: Vec<Frame>,
    anchors: HashMap<Vec<u8>, Node>,
    root: Option<Node>,
    quirks: Vec<Quirk>,
    decoded: usize,
    aliases: usize,
    expanded: usize,
}

impl Builder {
    fn new(first_line: u32) -> Self {
        Self {
            first_line,
            stack: Vec::new(),
            anchors: HashMap::new(),
            root: None,
            quirks: Vec::new(),
            decoded: 0,
            aliases: 0,
            expanded: 0,
        }
    }

    fn span(&self, mark: Mark) -> Span {
        Span {
            line: self.first_line + mark.line,
            column: mark.column,
        }
    }

    fn syntax(&self, e: &SyntaxError) -> LoadError {
        let message = match &e.context {
            Some(ctx) => format!("{ctx}: {}", e.problem),
            None => e.problem.clone(),
        };
        LoadError {
            message: format!("YAML syntax error: {message}"),
            span: self.span(e.mark),
        }
    }

    fn run(&mut self, input: &[u8]) -> Result<Option<Node>, LoadError> {
        let mut reader = EventReader::new(input);
        // Stream start is skipped by the reader; a document start or the end of the stream follows.
        match reader.next_event() {
            Err(e) => return Err(self.syntax(&e)),
            Ok((Event::StreamEnd, _)) => return Ok(None),
            Ok(_) => {}
        }
        loop {
            let (event, mark) = reader.next_event().map_err(|e| self.syntax(&e))?;
            let span = self.span(mark);
            match event {
                Event::DocumentEnd => break,
                Event::StreamEnd | Event::DocumentStart => {
                    return Err(LoadError {
                        message: "unexpected end of document".into(),
                        span,
                    })
                }
                Event::Scalar {
                    anchor,
                    tag,
                    value,
                    style,
                    raw,
                } => {
                    if style == ScalarStyle::DoubleQuoted {
                        refuse_yaml_1_2_escapes(&input[raw], span)?;
                    }
                    let text = String::from_utf8_lossy(value);
                    let tag = tag.map(String::from_utf8_lossy);
                    let plain = style == ScalarStyle::Plain;
                    let is_merge = text == "<<"
                        && match tag.as_deref() {
                            None => plain,
                            Some(t) => t == "tag:yaml.org,2002:merge",
                        };
                    let value = resolve_scalar(&text, tag.as_deref(), plain)
                        .map_err(|message| LoadError { message, span })?;
                    let node = Node { span, value };
                    if let Some(a) = anchor {
                        self.anchors.insert(a.to_vec(), node.clone());
                    }
                    self.attach(node, is_merge)?;
                }
                Event::Alias { anchor } => {
                    let Some(target) = self.anchors.get(anchor) else {
                        let name = String::from_utf8_lossy(anchor);
                        return Err(LoadError {
                            message: format!("unknown anchor '{name}' referenced"),
                            span,
                        });
                    };
                    let node = target.clone();
                    self.count_alias(node.weight(), span)?;
                    self.attach(node, false)?;
                }
                Event::SequenceStart { anchor } | Event::MappingStart { anchor } => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(LoadError {
                            message: format!("document nests deeper than {MAX_DEPTH} levels"),
                            span,
                        });
                    }
                    let kind = if matches!(event, Event::SequenceStart { .. }) {
                        FrameKind::Seq(Vec::new())
                    } else {
                        FrameKind::Map(MapFrame::default())
                    };
                    let anchor = anchor.map(<[u8]>::to_vec);
                    self.stack.push(Frame { span, anchor, kind });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let frame = self.stack.pop().expect("libyaml balances start and end events");
                    // Growth leaves up to half of each list unused; trimming keeps memory near the input size.
                    let value = match frame.kind {
                        FrameKind::Seq(mut items) => {
                            items.shrink_to_fit();
                            Value::Seq(items)
                        }
                        FrameKind::Map(mut m) => {
                            m.map.entries_mut().shrink_to_fit();
                            Value::Map(m.map)
                        }
                    };
                    let node = Node {
                        span: frame.span,
                        value,
                    };
                    if let Some(a) = frame.anchor {
                        self.anchors.insert(a, node.clone());
                    }
                    self.attach(node, false)?;
                }
            }
        }
        match reader.next_event() {
            Ok((Event::StreamEnd, _)) => {}
            Ok((_, mark)) => self.quirks.push(Quirk::IgnoredAfterEnd {
                span: self.span(mark),
            }),
            Err(e) => self.quirks.push(Quirk::IgnoredAfterEnd {
                span: self.span(e.mark),
            }),
        }
        Ok(self.root.take())
    }

    /// go-yaml's guard against alias bombs (the same ratio it allows), plus an absolute cap.
    fn count_alias(&mut self, weight: usize, span: Span) -> Result<(), LoadError> {
        self.aliases += 1;
        self.decoded += weight;
        self.expanded += weight;
        let excessive = self.aliases > 100
            && self.decoded > 1000
            && (self.aliases as f64 / self.decoded as f64) > allowed_alias_ratio(self.decoded);
        if excessive || self.expanded > MAX_ALIAS_EXPANSION {
            return Err(LoadError {
                message: format!(
                    "document contains excessive aliasing ({} aliases expand to {} values)",
                    self.aliases, self.expanded
                ),
                span,
            });
        }
        Ok(())
    }

    fn attach(&mut self, node: Node, is_merge: bool) -> Result<(), LoadError> {
        self.decoded += 1;
        let Some(top) = self.stack.last_mut() else {
            json_value(&node)?;
            self.root = Some(node);
            return Ok(());
        };
        let frame = match &mut top.kind {
            FrameKind::Seq(items) => {
                json_value(&node)?;
                items.push(node);
                return Ok(());
            }
            FrameKind::Map(frame) => frame,
        };
        match frame.pending.take() {
            None if is_merge => frame.pending = Some(Pending::Merge(node.span)),
            None => {
                let text = json_key(&node).map_err(|message| LoadError {
                    message,
                    span: node.span,
                })?;
                frame.pending = Some(Pending::Key(Key {
                    text,
                    span: node.span,
                }));
            }
            Some(Pending::Key(key)) => {
                json_value(&node)?;
                if let Some(quirk) = frame.insert(key, node, true) {
                    self.quirks.push(quirk);
                }
            }
            Some(Pending::Merge(span)) => frame.merge(node, span)?,
        }
        Ok(())
    }
}

impl MapFrame {
    /// Sets `key`; the last write wins. Reports a repeat of a key written in this same mapping.
    fn insert(&mut self, key: Key, value: Node, explicit: bool) -> Option<Quirk> {
        let existing = match &self.index {
            Some(index) => index.get(&key.text).copied(),
            None => self
                .map
                .entries_mut()
                .iter()
                .position(|(k, _)| k.text == key.text),
        };
        if let Some(at) = existing {
            let entries = self.map.entries_mut();
            let first = entries[at].0.span;
            let quirk = (explicit && !self.merged.contains(&at)).then(|| Quirk::DuplicateKey {
                key: key.text.clone(),
                first,
                second: key.span,
            });
            entries[at] = (key, value);
            if explicit {
                self.merged.retain(|&m| m != at);
            } else if !self.merged.contains(&at) {
                self.merged.push(at);
            }
            return quirk;
        }
        let entries = self.map.entries_mut();
        if let Some(index) = &mut self.index {
            index.insert(key.text.clone(), entries.len());
        }
        entries.push((key, value));
        if !explicit {
            self.merged.push(entries.len() - 1);
        }
        if self.index.is_none() && entries.len() > 16 {
            self.index = Some(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.text.clone(), i))
                    .collect(),
            );
        }
        None
    }

    /// `<<: *anchor` or `<<: [*a, *b]`: entries are written in, earlier sequence items winning.
    fn merge(&mut self, value: Node, span: Span) -> Result<(), LoadError> {
        let want_map = || LoadError {
            message: "map merge requires map or sequence of maps as the value".into(),
            span,
        };
        match value.value {
            Value::Map(m) => {
                for (k, v) in m.into_entries() {
                    self.insert(k, v, false);
                }
            }
            Value::Seq(items) => {
                if items.iter().any(|i| !matches!(i.value, Value::Map(_))) {
                    return Err(want_map());
                }
                for item in items.into_iter().rev() {
                    if let Value::Map(m) = item.value {
                        for (k, v) in m.into_entries() {
                            self.insert(k, v, false);
                        }
                    }
                }
            }
            _ => return Err(want_map()),
        }
        Ok(())
    }
}

/// kubectl's JSON encoder refuses NaN and the infinities as values (as keys they are text).
fn json_value(node: &Node) -> Result<(), LoadError> {
    match node.value {
        Value::Float(f) if !f.is_finite() => Err(LoadError {
            message: format!("json: unsupported value: {f} (quote it to make it a string)"),
            span: node.span,
        }),
        _ => Ok(()),
    }
}

/// go-yaml v2 predates YAML 1.2's `\/` escape, which libyaml accepts; kubectl refuses it.
fn refuse_yaml_1_2_escapes(raw: &[u8], span: Span) -> Result<(), LoadError> {
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'\\', &raw[i..]) {
        let next = i + at + 1;
        if raw.get(next) == Some(&b'/') {
            return Err(LoadError {
                message:
                    "YAML syntax error: while parsing a quoted scalar: found unknown escape character `\\/`"
                        .into(),
                span,
            });
        }
        i = next + 1;
    }
    Ok(())
}

/// go-yaml v2's allowed ratio of aliases to decoded values, falling from 99% to 10% as documents grow.
fn allowed_alias_ratio(decoded: usize) -> f64 {
    const LOW: f64 = 400_000.0;
    const HIGH: f64 = 4_000_000.0;
    let n = decoded as f64;
    if n <= LOW {
        0.99
    } else if n >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((n - LOW) / (HIGH - LOW))
    }
}

/// The JSON object key kubectl makes of a YAML key.
fn json_key(node: &Node) -> Result<CompactString, String> {
    Ok(match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => format_compact!("{i}"),
        Value::Bool(b) => format_compact!("{b}"),
        Value::Float(f) => go_format_g32(*f),
        Value::UInt(u) => return Err(format!("unsupported map key of type uint64: {u}")),
        Value::Null => return Err("unsupported map key: null".into()),
        Value::Seq(_) | Value::Map(_) => {
            return Err("invalid map key: a list or mapping cannot be a key".into())
        }
    })
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 32)` with YAML's names for the infinities, as kubectl formats
/// float keys.
fn go_format_g32(f: f64) -> CompactString {
    if f.is_nan() {
        return ".nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    #[allow(clippy::cast_possible_truncation)]
    let single = f as f32;
    if single == 0.0 {
        return if single.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    // Shortest digits that round-trip through f32, in scientific form: "d.ddde±x".
    let sci = format!("{single:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if negative { "-" } else { "" };
    if !(-4..6).contains(&exp) {
        let (head, tail) = digits.split_at(1);
        let frac = if tail.is_empty() {
            String::new()
        } else {
            format!(".{tail}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        return format_compact!("{sign}{head}{frac}e{esign}{:02}", exp.abs());
    }
    let point = exp + 1;
    let text = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    };
    format_compact!("{sign}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> serde_json::Value {
        match parse_chunk(text, 0).outcome {
            Outcome::Value(n) => n.to_json(),
            other => panic!("expected a value, got {other:?}"),
        }
    }

    fn error(text: &str) -> LoadError {
        match parse_chunk(text, 0).outcome {
            Outcome::Error(e) => e,
            other => panic!("expected an error, got {other:?}"),
        }
    }

    #[test]
    fn keys_become_json_strings() {
        let v = value("80: http\non: push\nyes: 1\n1.5: x\n1000000: big\n");
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["1.5", "1000000", "80", "true"]);
        assert!(error("~: x\n").message.contains("null"));
        assert!(error("18446744073709551615: x\n").message.contains("uint64"));
    }

    #[test]
    fn float_keys_format_like_go_g_with_float32() {
        for (f, want) in [
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1e6, "1e+06"),
            (123_456.0, "123456"),
            (1e-5, "1e-05"),
        ] {
            assert_eq!(go_format_g32(f), want, "{f}");
        }
    }

    #[test]
    fn repeated_keys_keep_the_last_value_and_are_reported() {
        let parsed = parse_chunk("a: 1\nb: 2\na: 3\n", 10);
        let Outcome::Value(node) = parsed.outcome else {
            panic!()
        };
        assert_eq!(node.to_json(), serde_json::json!({"a": 3, "b": 2}));
        assert_eq!(
            parsed.quirks,
            vec![Quirk::DuplicateKey {
                key: "a".into(),
                first: Span { line: 10, column: 0 },
                second: Span { line: 12, column: 0 }
            }]
        );
    }

    #[test]
    fn merge_keys_apply_in_order_like_go_yaml_v2() {
        // (`y` would be the boolean key "true" in YAML 1.1, so the keys are p and q.)
        let base = "base: &b {p: 1, q: 2}\n";
        assert_eq!(
            value(&format!("{base}m:\n  <<: *b\n  p: 9\n"))["m"],
            serde_json::json!({"p": 9, "q": 2})
        );
        // go-yaml v2 writes merged entries in order, so a merge after an explicit key overrides it.
        assert_eq!(
            value(&format!("{base}m:\n  p: 9\n  <<: *b\n"))["m"],
            serde_json::json!({"p": 1, "q": 2})
        );
        let seq = "a: &a {k: a}\nb: &b {k: b, j: b}\nm:\n  <<: [*a, *b]\n";
        assert_eq!(value(seq)["m"], serde_json::json!({"k": "a", "j": "b"}));
        assert!(error("a: &a 1\nm:\n  <<: *a\n").message.contains("map merge"));
        // A quoted "<<" is an ordinary key.
        assert_eq!(value("'<<': 1\n"), serde_json::json!({"<<": 1}));
        // Keys merged in are not repeats.
        assert!(parse_chunk(&format!("{base}m:\n  <<: *b\n  p: 9\n"), 0)
            .quirks
            .is_empty());
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let parsed = parse_chunk("kind: Pod\nspec:\n  hostPID: true\n", 4);
        let Outcome::Value(node) = parsed.outcome else {
            panic!()
        };
        let (key, val) = node
            .get("spec")
            .unwrap()
            .as_map()
            .unwrap()
            .entry("hostPID")
            .unwrap();
        assert_eq!(key.span, Span { line: 6, column: 2 });
        assert_eq!(val.span, Span { line: 6, column: 11 });
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            let refs = vec![format!("*a{p}"); 10].join(", ");
            bomb.extend([format!("a{i}: &a{i} [{refs}]\n")]);
        }
        assert!(error(&bomb).message.contains("excessive aliasing"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 10), "]".repeat(MAX_DEPTH + 10));
        assert!(error(&deep).message.contains("deeper"));
        let fine = format!("{}{}", "[".repeat(50), "]".repeat(50));
        assert!(matches!(parse_chunk(&fine, 0).outcome, Outcome::Value(_)));
    }

    #[test]
    fn syntax_errors_carry_positions() {
        let e = error("a: 1\nb: [1, 2\n");
        assert!(e.message.starts_with("YAML syntax error"), "{}", e.message);
        assert!(e.span.line >= 1);
        assert!(error("a: *nope\n").message.contains("unknown anchor"));
        assert!(error("a: \"x\\/y\"\n").message.contains("unknown escape"));
        assert_eq!(value("a: \"x\\\\/y\"\n"), serde_json::json!({"a": "x\\/y"}));
    }

    #[test]
    fn a_block_scalar_at_the_end_of_a_file_keeps_its_line_break() {
        assert_eq!(value("a: |\n  text"), serde_json::json!({"a": "text\n"}));
    }

    #[test]
    fn empty_and_trailing_content() {
        assert_eq!(parse_chunk("# only a comment\n\n", 0).outcome, Outcome::Empty);
        let parsed = parse_chunk("a: 1\n...\nb: 2\n", 0);
        assert_eq!(parsed.outcome, Outcome::Value(parse_value_at("a: 1\n")));
        assert!(matches!(parsed.quirks[..], [Quirk::IgnoredAfterEnd { .. }]));
    }

    fn parse_value_at(text: &str) -> Node {
        match parse_chunk(text, 0).outcome {
            Outcome::Value(n) => n,
            _ => panic!(),
        }
    }
}
