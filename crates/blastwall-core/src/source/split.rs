//! Splitting a file into documents the way kubectl does: line by line, on lines that begin with `---`.
//!
//! kubectl does not hand a whole stream to the YAML parser; it cuts the text at separator lines and parses
//! each piece alone. Doing the same keeps one broken document from hiding the ones after it, and gives
//! the same documents kubectl would apply.

/// One piece of a file between separator lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Zero-based line where the chunk starts.
    pub first_line: u32,
    /// kubectl refuses a separator followed by anything but a comment; such a line is a chunk of its own
    /// that carries the refusal.
    pub bad_separator: Option<String>,
}

/// Cuts `text` into kubectl's documents. Chunks that hold only blank lines or comments are kept: they are
/// empty documents, which kubectl skips without a word, and callers decide what to do with them.
#[must_use]
pub(crate) fn split_documents(text: &str) -> Vec<Chunk> {
    let bytes = text.as_bytes();
    let mut chunks = Vec::new();
    let mut chunk_start = 0usize;
    let mut chunk_line = 0u32;
    let mut line_start = 0usize;
    let mut line_no = 0u32;
    let flush = |chunks: &mut Vec<Chunk>, start: usize, end: usize, line: u32| {
        if end > start {
            chunks.push(Chunk {
                start,
                end,
                first_line: line,
                bad_separator: None,
            });
        }
    };
    while line_start < bytes.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i + 1);
        let line = &text[line_start..line_end];
        if let Some(rest) = line.strip_prefix("---") {
            flush(&mut chunks, chunk_start, line_start, chunk_line);
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                chunks.push(Chunk {
                    start: line_start,
                    end: line_end,
                    first_line: line_no,
                    bad_separator: Some(format!(
                        "invalid YAML document separator `{}`: kubectl allows only a comment after `---`",
                        line.trim_end()
                    )),
                });
            }
            chunk_start = line_end;
            chunk_line = line_no + 1;
        }
        line_start = line_end;
        line_no += 1;
    }
    flush(&mut chunks, chunk_start, bytes.len(), chunk_line);
    chunks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(&str, u32)> {
        split_documents(text)
            .iter()
            .map(|c| (&text[c.start..c.end], c.first_line))
            .collect()
    }

    #[test]
    fn separators_cut_documents_and_are_dropped() {
        let text = "a: 1\n---\nb: 2\n--- # note\nc: 3";
        assert_eq!(pieces(text), vec![("a: 1\n", 0), ("b: 2\n", 2), ("c: 3", 4)]);
    }

    #[test]
    fn leading_and_repeated_separators_make_no_empty_chunks() {
        assert_eq!(pieces("---\n---\na: 1\n---\n"), vec![("a: 1\n", 2)]);
    }

    #[test]
    fn comment_only_pieces_are_chunks() {
        assert_eq!(
            pieces("# only\n---\na: 1\n"),
            vec![("# only\n", 0), ("a: 1\n", 2)]
        );
    }

    #[test]
    fn crlf_separator_is_a_separator() {
        assert_eq!(
            pieces("a: 1\r\n---\r\nb: 2\r\n"),
            vec![("a: 1\r\n", 0), ("b: 2\r\n", 2)]
        );
    }

    #[test]
    fn separator_with_content_is_refused() {
        let chunks = split_documents("a: 1\n--- |\n  text\n");
        assert_eq!(chunks.len(), 3);
        assert!(chunks[1].bad_separator.is_some());
        assert_eq!(chunks[1].first_line, 1);
        assert!(split_documents("----\n")
            .iter()
            .any(|c| c.bad_separator.is_some()));
    }

    #[test]
    fn indented_dashes_are_content() {
        assert_eq!(pieces("a: |\n  ---\n  x\n"), vec![("a: |\n  ---\n  x\n", 0)]);
    }
}
