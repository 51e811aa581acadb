//! One input text (a file or standard input) and the documents read from it.

use std::path::PathBuf;
use std::sync::OnceLock;

use super::build::{parse_chunk, LoadError, Outcome, Parsed};
use super::node::Span;
use super::split::{split_documents, Chunk};
use rayon::prelude::*;

/// Index of a [`Source`] in its inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// An input text and where it came from.
#[derive(Debug)]
pub struct Source {
    /// The name shown to people: the path as given, or `<stdin>`.
    pub name: String,
    /// The file, when the input is a file.
    pub path: Option<PathBuf>,
    /// The text, without a byte-order mark.
    pub text: String,
    line_starts: OnceLock<Vec<usize>>,
}

/// One document of a source, as kubectl would cut it.
#[derive(Debug)]
pub struct Document {
    /// Position among the source's documents, from 0.
    pub index: u32,
    /// Zero-based line where the document's text starts.
    pub first_line: u32,
    /// The value or the refusal, and quirks.
    pub parsed: Parsed,
}

impl Source {
    /// A source over `bytes`: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark,
    /// the encodings kubectl's YAML reader accepts. Other bytes are refused with the offending position.
    pub fn new(name: String, path: Option<PathBuf>, bytes: Vec<u8>) -> Result<Self, LoadError> {
        let text = decode(bytes)?;
        Ok(Self {
            name,
            path,
            text,
            line_starts: OnceLock::new(),
        })
    }

    /// Cuts the text into documents and parses each one; the documents of a large file are parsed in
    /// parallel (results stay in document order).
    #[must_use]
    pub fn documents(&self) -> Vec<Document> {
        self.parse(None)
    }

    /// As [`Source::documents`], leaving out unparsed the documents whose kind, read from a single
    /// top-level `kind:` line, `wanted` refuses. Documents whose kind cannot be read that way (JSON, flow
    /// style, no or several such lines) are always parsed.
    #[must_use]
    pub(crate) fn documents_of_kinds(&self, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Document> {
        self.parse(Some(wanted))
    }

    fn parse(&self, wanted: Option<&(dyn Fn(&str) -> bool + Sync)>) -> Vec<Document> {
        // Below this many documents a file is parsed on one thread: splitting it costs more than it saves.
        const PARALLEL_FROM: usize = 64;
        let chunks: Vec<(usize, Chunk)> = split_documents(&self.text)
            .into_iter()
            .enumerate()
            .filter(|(_, c)| {
                let Some(wanted) = wanted else { return true };
                c.bad_separator.is_some() || top_level_kind(&self.text[c.start..c.end]).is_none_or(wanted)
            })
            .collect();
        let parse = |(index, chunk): &(usize, Chunk)| {
            let parsed = match &chunk.bad_separator {
                Some(message) => Parsed {
                    outcome: Outcome::Error(LoadError {
                        message: message.clone(),
                        span: Span {
                            line: chunk.first_line,
                            column: 0,
                        },
                    }),
                    quirks: Vec::new(),
                },
                None => parse_chunk(&self.text[chunk.start..chunk.end], chunk.first_line),
            };
            Document {
                index: *index as u32,
                first_line: chunk.first_line,
                parsed,
            }
        };
        if chunks.len() < PARALLEL_FROM {
            chunks.iter().map(parse).collect()
        } else {
            chunks.par_iter().map(parse).collect()
        }
    }

    /// The text of a zero-based line, without its line break.
    #[must_use]
    pub fn line(&self, line: u32) -> Option<&str> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let start = *starts.get(line as usize)?;
        let end = starts.get(line as usize + 1).map_or(self.text.len(), |&e| e);
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

fn decode(bytes: Vec<u8>) -> Result<String, LoadError> {
    let utf16 = |be: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|p| {
                let pair = [p[0], *p.get(1).unwrap_or(&0)];
                if be {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| LoadError {
            message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16".into(),
            span: Span::default(),
        })
    };
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => return utf16(false),
        Some([0xFE, 0xFF]) => return utf16(true),
        _ => {}
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = memchr::memchr_iter(b'\n', before).count() as u32;
        let column = String::from_utf8_lossy(&before[memchr::memrchr(b'\n', before).map_or(0, |i| i + 1)..])
            .chars()
            .count() as u32;
        LoadError {
            message: format!("the file is not valid UTF-8 (byte {at}); kubectl reads only UTF-8 or UTF-16"),
            span: Span { line, column },
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: &[u8]) -> Result<Source, LoadError> {
        Source::new("t.yaml".into(), None, bytes.to_vec())
    }

    #[test]
    fn byte_order_marks_are_read() {
        assert_eq!(source(b"\xEF\xBB\xBFa: 1\n").unwrap().text, "a: 1\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("a: 1\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(source(&utf16).unwrap().text, "a: 1\n");
    }

    #[test]
    fn invalid_utf8_is_refused_with_position() {
        let err = source(b"a: 1\nb: \xFF\n").unwrap_err();
        assert_eq!(err.span, Span { line: 1, column: 3 });
    }

    #[test]
    fn lines_are_addressable() {
        let s = source(b"a: 1\r\nb: 2\n").unwrap();
        assert_eq!(s.line(1), Some("b: 2"));
        assert_eq!(s.line(0), Some("a: 1"));
        assert_eq!(s.line(5), None);
    }

    #[test]
    fn one_broken_document_leaves_the_others() {
        let s = source(b"a: 1\n---\nb: [\n---\nc: 3\n").unwrap();
        let docs = s.documents();
        let kinds: Vec<bool> = docs
            .iter()
            .map(|d| matches!(d.parsed.outcome, Outcome::Value(_)))
            .collect();
        assert_eq!(kinds, [true, false, true]);
        assert_eq!(docs[2].first_line, 4);
    }
}

/// The value of a document's only column-0 `kind:` line, when it is a plain word (quotes and a trailing
/// comment allowed). Column 0 holds only top-level keys in block style, so this is the object's kind
/// without parsing; anything less certain gives `None`.
fn top_level_kind(text: &str) -> Option<&str> {
    let mut found = None;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("kind:") else {
            continue;
        };
        if found.is_some() {
            return None;
        }
        let value = rest.split(" #").next().unwrap_or("").trim();
        let value = ['"', '\'']
            .iter()
            .find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q)))
            .unwrap_or(value);
        if value.is_empty() || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        found = Some(value);
    }
    found
}

#[cfg(test)]
mod kind_tests {
    use super::top_level_kind;

    #[test]
    fn reads_the_kind_only_when_certain() {
        let rows: &[(&str, Option<&str>, &str)] = &[
            ("apiVersion: v1\nkind: Pod\n", Some("Pod"), "plain"),
            (
                "kind: \"Role\"  # quoted\n",
                Some("Role"),
                "quoted with a comment",
            ),
            ("kind: 'List'\n", Some("List"), "single-quoted"),
            ("{\"kind\": \"Pod\"}", None, "JSON is parsed"),
            ("spec:\n  kind: Pod\n", None, "indented keys are not the object's"),
            (
                "kind: Pod\nkind: Role\n",
                None,
                "a repeated key is left to the parser",
            ),
            ("kind: !!str Pod\n", None, "tags are left to the parser"),
            (
                "kind:\n  Pod\n",
                None,
                "a value on the next line is left to the parser",
            ),
            (
                "kind: Po-d\n",
                None,
                "anything but a plain word is left to the parser",
            ),
        ];
        for (text, expected, why) in rows {
            assert_eq!(top_level_kind(text), *expected, "{why}");
        }
    }
}
