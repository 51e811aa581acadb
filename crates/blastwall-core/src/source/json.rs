//! A fast path for JSON documents — what the API server sends an admission webhook, and what a live read
//! stores — read in one pass without the YAML machinery into the very tree the YAML path builds. It takes
//! only a plain subset: ASCII text, the escapes `\" \\ \n \t \r`, spaces and line breaks between tokens, no
//! repeated keys, shallow nesting. Anything else (`None`) goes to the YAML path, so what this path accepts
//! it reads exactly as kubectl would; the tests compare the two on every corpus document.

use std::collections::HashSet;

use compact_str::CompactString;

use super::node::{Key, Map, Node, Span, Value};
use super::resolve::resolve_scalar;

/// Deeper than this goes to the YAML path (which also owns the error for absurd depths).
const MAX_DEPTH: usize = 100;
/// YAML refuses implicit keys over 1024 characters; longer keys go to the YAML path.
const MAX_KEY: usize = 1000;

/// The tree of a chunk holding one JSON object, or `None` when the chunk is anything else.
pub(crate) fn parse(text: &str, first_line: u32) -> Option<Node> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
        line: first_line,
        line_start: 0,
    };
    reader.blank();
    if reader.peek()? != b'{' {
        return None;
    }
    let node = reader.value(0)?;
    reader.blank();
    (reader.at == reader.bytes.len()).then_some(node)
}

struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
    line: u32,
    line_start: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn span(&self) -> Span {
        Span {
            line: self.line,
            column: (self.at - self.line_start) as u32,
        }
    }

    /// Spaces and line breaks only: tabs and carriage returns have YAML rules of their own.
    fn blank(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.blank();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.blank();
        let span = self.span();
        let value = match self.peek()? {
            b'{' => Value::Map(self.object(depth)?),
            b'[' => Value::Seq(self.array(depth)?),
            b'"' => Value::Str(self.string()?),
            _ => self.literal()?,
        };
        Some(Node { span, value })
    }

    fn object(&mut self, depth: usize) -> Option<Map> {
        self.at += 1;
        let mut map = Map::new();
        // Keys seen, once the mapping is too large to search (annotations, ConfigMaps).
        let mut seen: Option<HashSet<CompactString>> = None;
        self.blank();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(map);
        }
        loop {
            self.blank();
            let span = self.span();
            if self.peek()? != b'"' {
                return None;
            }
            let text = self.string()?;
            // A repeated key is a quirk the YAML path reports.
            let repeated = match &mut seen {
                Some(seen) => !seen.insert(text.clone()),
                None => map.get(&text).is_some(),
            };
            if text.len() > MAX_KEY || repeated {
                return None;
            }
            if seen.is_none() && map.len() == 32 {
                seen = Some(
                    map.iter()
                        .map(|(k, _)| k.text.clone())
                        .chain([text.clone()])
                        .collect(),
                );
            }
            self.eat(b':')?;
            let value = self.value(depth + 1)?;
            map.entries_mut().push((Key { text, span }, value));
            self.blank();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    map.entries_mut().shrink_to_fit();
                    return Some(map);
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Vec<Node>> {
        self.at += 1;
        let mut items = Vec::new();
        self.blank();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(items);
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.blank();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(items);
                }
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<CompactString> {
        self.at += 1;
        let start = self.at;
        // Most strings hold no escape: they are one slice of the input.
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                    self.at += 1;
                    return Some(CompactString::from(text));
                }
                b'\\' => break,
                0x20..=0x7e => self.at += 1,
                _ => return None,
            }
        }
        let mut out = String::from_utf8(self.bytes[start..self.at].to_vec()).ok()?;
        loop {
            let b = self.peek()?;
            self.at += 1;
            match b {
                b'"' => return Some(CompactString::from(out)),
                b'\\' => {
                    let escaped = self.peek()?;
                    self.at += 1;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        _ => return None,
                    });
                }
                0x20..=0x7e => out.push(char::from(b)),
                _ => return None,
            }
        }
    }

    /// `true`, `false`, `null` or a JSON number, resolved as the YAML path resolves the same plain scalar.
    fn literal(&mut self) -> Option<Value> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-'))
        {
            self.at += 1;
        }
        let token = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        if !matches!(token, "true" | "false" | "null") && !is_json_number(token) {
            return None;
        }
        resolve_scalar(token, None, true).ok()
    }
}

/// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(token: &str) -> bool {
    let b = token.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::build::{parse_yaml_chunk, Outcome};

    /// The YAML path's tree of `text`, when it reads one without quirks.
    fn by_yaml(text: &str) -> Option<Node> {
        let parsed = parse_yaml_chunk(text, 3);
        match parsed.outcome {
            Outcome::Value(node) if parsed.quirks.is_empty() => Some(node),
            _ => None,
        }
    }

    /// Whatever the fast path accepts, it reads as the YAML path does.
    fn agrees(text: &str) -> bool {
        match parse(text, 3) {
            Some(fast) => {
                assert_eq!(Some(&fast), by_yaml(text).as_ref(), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_plain_json_as_the_yaml_path_does() {
        let taken = [
            r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"x":"1"}}}"#,
            "{\n  \"a\": [\n    1,\n    {\"b\": null}\n  ],\n  \"c\": {}\n}\n",
            r#"{"n":[0,-0,-1,1.5,-2.25,1e3,1E+3,2e-2,0.0,9223372036854775807,9223372036854775808,18446744073709551615,123456789012345678901234]}"#,
            r#"{"b":[true,false,null],"e":[],"o":{}}"#,
            r#"{"s":"a\"b\\c\nd\te\rf","k":"on","y":"y","p":"80","m":"<<","t":"~","q":"","sp":" x "}"#,
            r#"{"<<":{"a":1},"on":"yes","80":"port","":"empty key"}"#,
            "  \n{ \"a\" : 1 , \"b\" :[ 2 ] }  \n\n",
        ];
        for text in taken {
            assert!(agrees(text), "not taken by the fast path: {text}");
        }
    }

    #[test]
    fn leaves_what_is_outside_its_subset_to_the_yaml_path() {
        let left = [
            r#"{"a":1,"a":2}"#,
            "{\"a\":\t1}",
            "{\"a\":1}\r\n",
            r#"{"a":"caf\u00e9"}"#,
            "{\"a\":\"café\"}",
            r#"{"a":"x\/y"}"#,
            r#"{"a":01}"#,
            r#"{"a":.5}"#,
            r#"{"a":1.}"#,
            r#"{"a":+1}"#,
            r#"{"a":NaN}"#,
            r#"{"a":yes}"#,
            r"{a:1}",
            r#"{"a":1,}"#,
            r#"["a"]"#,
            "kind: Pod\n",
            "{\"a\":1} # comment\n",
            "{\"a\":1}\n...\n",
            r#"{"a":1}{"b":2}"#,
        ];
        for text in left {
            // `01`, `.5` and friends are valid YAML plain scalars; the fast path still leaves them.
            assert!(!agrees(text), "taken by the fast path: {text}");
        }
        let deep = format!(
            "{}1{}",
            "{\"a\":".repeat(MAX_DEPTH + 2),
            "}".repeat(MAX_DEPTH + 2)
        );
        assert!(parse(&deep, 0).is_none());
        let long_key = format!("{{\"{}\":1}}", "k".repeat(MAX_KEY + 1));
        assert!(parse(&long_key, 0).is_none());
    }

    /// Every corpus document, written as compact and as indented JSON, reads the same by both paths; most
    /// are taken by the fast path.
    #[test]
    #[cfg_attr(not(shared_corpus), ignore = "../shared/corpus is absent")]
    fn every_corpus_document_as_json_reads_the_same_by_both_paths() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let files = crate::source::discover::discover(&[root])
            .expect("corpus readable")
            .files;
        let (mut compared, mut taken) = (0usize, 0usize);
        for file in files {
            let Ok(bytes) = std::fs::read(&file) else { continue };
            let Ok(source) = crate::source::Source::new(file.display().to_string(), None, bytes) else {
                continue;
            };
            for document in source.documents() {
                let Outcome::Value(node) = document.parsed.outcome else {
                    continue;
                };
                let json = node.to_json();
                for text in [
                    serde_json::to_string(&json).expect("json"),
                    serde_json::to_string_pretty(&json).expect("json"),
                ] {
                    compared += 1;
                    taken += usize::from(agrees(&text));
                }
            }
        }
        println!("compared {compared} JSON documents, {taken} taken by the fast path");
        assert!(compared > 10_000, "{compared}");
        assert!(taken * 10 > compared * 8, "only {taken} of {compared} taken");
    }
}
