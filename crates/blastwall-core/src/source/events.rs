//! The one place that talks to libyaml: a safe, pull-style reader of YAML parse events.
//!
//! kubectl reads YAML through go-yaml, a line-by-line port of libyaml, so parsing with libyaml's own
//! scanner and parser (via the `unsafe-libyaml` translation) accepts and rejects exactly the inputs that
//! kubectl accepts and rejects. Everything above this module is safe code working on [`Event`]s.
#![allow(unsafe_code)]

use std::mem::MaybeUninit;
use std::ptr::addr_of_mut;

/// A position reported by libyaml: zero-based line and column (column counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column, in characters.
    pub column: u32,
}

/// How a scalar was written, which decides how its text is resolved to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarStyle {
    /// Unquoted: resolved by YAML 1.1 rules (booleans, numbers, null...).
    Plain,
    /// Double-quoted: a string unless tagged, with escapes.
    DoubleQuoted,
    /// Single-quoted or a block scalar: a string unless tagged.
    Other,
}

/// One parse event, borrowing its strings from the parser's current event.
#[derive(Debug)]
pub(crate) enum Event<'a> {
    /// A document begins.
    DocumentStart,
    /// A document ends.
    DocumentEnd,
    /// `*name`.
    Alias { anchor: &'a [u8] },
    /// A scalar with its optional anchor and tag.
    Scalar {
        anchor: Option<&'a [u8]>,
        tag: Option<&'a [u8]>,
        value: &'a [u8],
        style: ScalarStyle,
        /// Byte range of the scalar as written, quotes included.
        raw: std::ops::Range<usize>,
    },
    /// `[` or a block sequence begins.
    SequenceStart { anchor: Option<&'a [u8]> },
    /// The current sequence ends.
    SequenceEnd,
    /// `{` or a block mapping begins.
    MappingStart { anchor: Option<&'a [u8]> },
    /// The current mapping ends.
    MappingEnd,
    /// The input is exhausted.
    StreamEnd,
}

/// A syntax error as libyaml describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// libyaml's wording, e.g. "mapping values are not allowed in this context".
    pub problem: String,
    /// Where the problem was found.
    pub mark: Mark,
    /// What was being parsed, e.g. "while parsing a block mapping", when libyaml says.
    pub context: Option<String>,
}

/// Pulls events from one YAML text.
pub(crate) struct EventReader<'input> {
    parser: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    event: Box<MaybeUninit<unsafe_libyaml::yaml_event_t>>,
    has_event: bool,
    finished: bool,
    _input: &'input [u8],
}

impl<'input> EventReader<'input> {
    /// Starts reading `input`; nothing is parsed until [`EventReader::next_event`].
    #[must_use]
    pub fn new(input: &'input [u8]) -> Self {
        let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        // SAFETY: `parser` is valid writable memory; libyaml initialises it. The input slice outlives the
        // parser because the reader borrows it for 'input.
        unsafe {
            let p = parser.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_initialize(p).fail {
                // Initialisation only fails when allocation fails, which aborts in Rust anyway.
                std::process::abort();
            }
            unsafe_libyaml::yaml_parser_set_encoding(p, unsafe_libyaml::YAML_UTF8_ENCODING);
            unsafe_libyaml::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
        }
        Self {
            parser,
            event: Box::new(MaybeUninit::uninit()),
            has_event: false,
            finished: false,
            _input: input,
        }
    }

    /// The next event and where it starts, or the syntax error that stops the stream.
    pub(crate) fn next_event(&mut self) -> Result<(Event<'_>, Mark), SyntaxError> {
        self.release_event();
        if self.finished {
            return Ok((Event::StreamEnd, Mark { line: 0, column: 0 }));
        }
        // SAFETY: the parser was initialised in `new`; `event` is writable memory that libyaml fills on
        // success, and is released before the next call or on drop.
        unsafe {
            let p = self.parser.as_mut_ptr();
            let e = self.event.as_mut_ptr();
            if unsafe_libyaml::yaml_parser_parse(p, e).fail {
                self.finished = true;
                return Err(read_error(&*p));
            }
            self.has_event = true;
            let ev = &*e;
            let mark = Mark {
                line: ev.start_mark.line as u32,
                column: ev.start_mark.column as u32,
            };
            let event = match ev.type_ {
                unsafe_libyaml::YAML_STREAM_END_EVENT => {
                    self.finished = true;
                    Event::StreamEnd
                }
                unsafe_libyaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
                unsafe_libyaml::YAML_DOCUMENT_END_EVENT => Event::DocumentEnd,
                unsafe_libyaml::YAML_ALIAS_EVENT => Event::Alias {
                    anchor: c_bytes(ev.data.alias.anchor).unwrap_or(b""),
                },
                unsafe_libyaml::YAML_SCALAR_EVENT => {
                    let s = &ev.data.scalar;
                    let value = if s.value.is_null() {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(s.value, s.length as usize)
                    };
                    let style = match s.style {
                        unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE => ScalarStyle::Plain,
                        unsafe_libyaml::YAML_DOUBLE_QUOTED_SCALAR_STYLE => ScalarStyle::DoubleQuoted,
                        _ => ScalarStyle::Other,
                    };
                    let raw = ev.start_mark.index as usize..ev.end_mark.index as usize;
                    Event::Scalar {
                        anchor: c_bytes(s.anchor),
                        tag: c_bytes(s.tag),
                        value,
                        style,
                        raw,
                    }
                }
                unsafe_libyaml::YAML_SEQUENCE_START_EVENT => Event::SequenceStart {
                    anchor: c_bytes(ev.data.sequence_start.anchor),
                },
                unsafe_libyaml::YAML_SEQUENCE_END_EVENT => Event::SequenceEnd,
                unsafe_libyaml::YAML_MAPPING_START_EVENT => Event::MappingStart {
                    anchor: c_bytes(ev.data.mapping_start.anchor),
                },
                unsafe_libyaml::YAML_MAPPING_END_EVENT => Event::MappingEnd,
                // Stream start carries nothing we need; read past it.
                _ => return self.next_event(),
            };
            Ok((event, mark))
        }
    }

    fn release_event(&mut self) {
        if self.has_event {
            // SAFETY: `has_event` means libyaml filled `event` and it was not yet released.
            unsafe { unsafe_libyaml::yaml_event_delete(self.event.as_mut_ptr()) };
            self.has_event = false;
        }
    }
}

impl Drop for EventReader<'_> {
    fn drop(&mut self) {
        self.release_event();
        // SAFETY: the parser was initialised in `new` and is deleted exactly once.
        unsafe { unsafe_libyaml::yaml_parser_delete(addr_of_mut!(*self.parser).cast()) };
    }
}

/// Copies libyaml's error description out of the parser.
unsafe fn read_error(parser: &unsafe_libyaml::yaml_parser_t) -> SyntaxError {
    let problem = c_string(parser.problem).unwrap_or_else(|| "unknown YAML error".to_owned());
    let context = c_string(parser.context);
    let mark = Mark {
        line: parser.problem_mark.line as u32,
        column: parser.problem_mark.column as u32,
    };
    SyntaxError {
        problem,
        mark,
        context,
    }
}

/// A NUL-terminated libyaml string as bytes; `None` for a null pointer.
unsafe fn c_bytes<'a>(ptr: *const u8) -> Option<&'a [u8]> {
    if ptr.is_null() {
        return None;
    }
    Some(std::ffi::CStr::from_ptr(ptr.cast()).to_bytes())
}

unsafe fn c_string(ptr: *const std::ffi::c_char) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    Some(std::ffi::CStr::from_ptr(ptr).to_string_lossy().into_owned())
}
