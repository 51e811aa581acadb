//! What a scalar means: the YAML 1.1 resolution that go-yaml v2 (and so kubectl) applies.
//!
//! Plain scalars are resolved by their first character: `y/n/t/f/o/~` look in a table of booleans and
//! nulls, digits and signs try an integer (any Go base prefix, `0644` octal, `_` ignored), then a
//! YAML-style float; timestamps stay strings. Quoted and block scalars are strings. Explicit tags
//! (`!!str`, `!!int`, `!!float`, `!!bool`, `!!binary`) force a type or fail like go-yaml does.

use compact_str::CompactString;

use super::node::Value;

const TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// A scalar resolved to a value, or go-yaml's reason for refusing it.
pub(crate) fn resolve_scalar(text: &str, tag: Option<&str>, plain: bool) -> Result<Value, String> {
    let short = tag.map(|t| t.strip_prefix(TAG_PREFIX).map_or(t, |rest| rest));
    match short {
        None if !plain => Ok(Value::Str(text.into())),
        None => Ok(resolve_plain(text)),
        Some("binary") => decode_base64(text).map(Value::Str),
        Some(wanted @ ("bool" | "int" | "float" | "timestamp")) => {
            let value = resolve_plain(text);
            match (wanted, &value) {
                ("bool", Value::Bool(_))
                | ("int", Value::Int(_) | Value::UInt(_))
                | ("float", Value::Float(_)) => Ok(value),
                ("float", Value::Int(i)) => Ok(Value::Float(*i as f64)),
                ("float", Value::UInt(u)) => Ok(Value::Float(*u as f64)),
                ("timestamp", Value::Str(_)) if looks_like_timestamp(text) => Ok(value),
                _ => Err(format!(
                    "cannot decode {} `{text}` as a !!{wanted}",
                    short_kind(&value)
                )),
            }
        }
        // `!!str`, and every tag go-yaml leaves unresolved (`!!null`, `!custom`): the text itself.
        Some(_) => Ok(Value::Str(text.into())),
    }
}

fn short_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "!!null",
        Value::Bool(_) => "!!bool",
        Value::Int(_) | Value::UInt(_) => "!!int",
        Value::Float(_) => "!!float",
        _ => "!!str",
    }
}

/// Resolution of an untagged plain scalar.
#[must_use]
pub(crate) fn resolve_plain(text: &str) -> Value {
    let Some(&first) = text.as_bytes().first() else {
        return Value::Null;
    };
    match first {
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => {
            from_table(text).unwrap_or_else(|| Value::Str(text.into()))
        }
        b'.' => from_table(text)
            .or_else(|| parse_go_float(text).map(Value::Float))
            .unwrap_or_else(|| Value::Str(text.into())),
        b'0'..=b'9' | b'+' | b'-' => {
            // A timestamp (`2001-12-14`) is never also a number, and kubectl keeps it as text.
            from_table(text)
                .or_else(|| resolve_number(text))
                .unwrap_or_else(|| Value::Str(text.into()))
        }
        _ => Value::Str(text.into()),
    }
}

/// The fixed spellings go-yaml v2 knows. NaN and infinities resolve to floats that JSON cannot carry.
fn from_table(text: &str) -> Option<Value> {
    Some(match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Value::Bool(false)
        }
        "~" | "null" | "Null" | "NULL" => Value::Null,
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        _ => return None,
    })
}

fn resolve_number(text: &str) -> Option<Value> {
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(i) = parse_go_int(&plain) {
        return Some(i);
    }
    if is_yaml_float(&plain) {
        if let Some(f) = parse_go_float(&plain) {
            return Some(Value::Float(f));
        }
    }
    // `0b`/`-0b` binary already went through the base-prefix parse above; nothing else is a number.
    None
}

/// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` for values above `i64::MAX`.
fn parse_go_int(s: &str) -> Option<Value> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = if let Some(rest) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        (16, rest)
    } else if let Some(rest) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
        (8, rest)
    } else if let Some(rest) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
        (2, rest)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 + 1 {
            return Some(Value::Int((magnitude as i64).wrapping_neg()));
        }
        return None;
    }
    if let Ok(i) = i64::try_from(magnitude) {
        Some(Value::Int(i))
    } else if s.starts_with('+') {
        // ParseUint takes no sign, so "+" with a value above i64::MAX is not an integer.
        None
    } else {
        Some(Value::UInt(magnitude))
    }
}

/// go-yaml's `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` for the decimal forms YAML reaches: out-of-range values are errors.
fn parse_go_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    // Rust also accepts "inf"/"nan" words, which Go would too, but YAML only gets here with digits or '.'.
    let plausible = b
        .iter()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !plausible {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// go-yaml's timestamp forms: `2001-12-14`, `2001-12-14t21:59:43.10-05:00`, `2001-12-14 21:59:43.10`.
/// Timestamps stay strings in kubectl's reading; only the explicit `!!timestamp` tag needs the check.
fn looks_like_timestamp(s: &str) -> bool {
    parse_go_timestamp(s)
}

/// The exact layouts go-yaml v2 tries, in its order.
fn parse_go_timestamp(s: &str) -> bool {
    // Layouts: "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
    // "2006-1-2 15:4:5.999999999", "2006-1-2".
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some((&s[i..=i], &s[i + 1..]))),
        None => (s, None),
    };
    if !valid_date(date) {
        return false;
    }
    let Some((sep, time)) = rest else { return true };
    match sep {
        "T" | "t" => valid_time_with_zone(time),
        _ => valid_time(time),
    }
}

fn valid_date(d: &str) -> bool {
    let mut parts = d.split('-');
    let (Some(y), Some(m), Some(day), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let num =
        |p: &str, lo: usize, hi: usize| (lo..=hi).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit());
    if !(num(y, 4, 4) && num(m, 1, 2) && num(day, 1, 2)) {
        return false;
    }
    let (year, month, dd): (u32, u32, u32) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        day.parse().unwrap_or(0),
    );
    (1..=12).contains(&month) && dd >= 1 && dd <= days_in_month(year, month)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `15:4:5` with an optional `.fraction` (Go's `.999999999`).
fn valid_time(t: &str) -> bool {
    let (clock, frac) = match t.find('.') {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mut parts = clock.split(':');
    let (Some(h), Some(m), Some(s), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let num = |p: &str, max: u32| {
        (1..=2).contains(&p.len())
            && p.bytes().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().unwrap_or(99) <= max
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()));
    num(h, 23) && num(m, 59) && num(s, 59) && frac_ok
}

/// A time followed by `Z` or a `±hh:mm` zone, as in RFC 3339.
fn valid_time_with_zone(t: &str) -> bool {
    if let Some(clock) = t.strip_suffix('Z') {
        return valid_time(clock);
    }
    let Some(i) = t.rfind(['+', '-']) else {
        return false;
    };
    let zone = &t[i + 1..];
    let zone_ok = zone.len() == 5
        && zone.as_bytes()[2] == b':'
        && zone[..2].bytes().all(|c| c.is_ascii_digit())
        && zone[3..].bytes().all(|c| c.is_ascii_digit());
    zone_ok && valid_time(&t[..i])
}

/// Standard base64 with padding, as Go's `base64.StdEncoding` (YAML allows line breaks, which libyaml
/// has already folded away for quoted forms; block scalars keep newlines, which Go also rejects).
fn decode_base64(text: &str) -> Result<CompactString, String> {
    const ERR: &str = "!!binary value contains invalid base64 data";
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err(ERR.to_owned());
    }
    let value = |c: u8| -> Option<u32> {
        Some(u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        }))
    };
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (n, chunk) in bytes.chunks(4).enumerate() {
        let last = n == bytes.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return Err(ERR.to_owned());
        }
        let mut acc = 0u32;
        for &c in &chunk[..4 - pad] {
            acc = (acc << 6) | value(c).ok_or_else(|| ERR.to_owned())?;
        }
        acc <<= 6 * pad as u32;
        let decoded = [(acc >> 16) as u8, (acc >> 8) as u8, acc as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    // Go keeps arbitrary bytes in a string; JSON encoding then replaces invalid UTF-8 with U+FFFD.
    Ok(String::from_utf8_lossy(&out).as_ref().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Value {
        resolve_plain(s)
    }

    #[test]
    fn yaml_1_1_booleans_and_nulls() {
        for t in [
            "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        ] {
            assert_eq!(plain(t), Value::Bool(true), "{t}");
        }
        for f in [
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        ] {
            assert_eq!(plain(f), Value::Bool(false), "{f}");
        }
        for n in ["", "~", "null", "Null", "NULL"] {
            assert_eq!(plain(n), Value::Null, "{n:?}");
        }
        for s in ["yES", "nO", "tRUE", "nuLL", "oN"] {
            assert_eq!(plain(s), Value::Str(s.into()), "{s}");
        }
    }

    #[test]
    fn integers_follow_go_parse_int_with_base_prefixes() {
        let cases = [
            ("0644", 420),
            ("0o17", 15),
            ("0x1F", 31),
            ("0b101", 5),
            ("-0b11", -3),
            ("+12", 12),
            ("1_000", 1000),
            ("-9223372036854775808", i64::MIN),
            ("0", 0),
        ];
        for (text, want) in cases {
            assert_eq!(plain(text), Value::Int(want), "{text}");
        }
        assert_eq!(plain("18446744073709551615"), Value::UInt(u64::MAX));
    }

    #[test]
    fn invalid_octal_and_huge_numbers_become_floats() {
        assert_eq!(plain("08"), Value::Float(8.0));
        assert_eq!(plain("09.5"), Value::Float(9.5));
        assert_eq!(plain("99999999999999999999"), Value::Float(1e20));
    }

    #[test]
    fn floats_and_their_limits() {
        assert_eq!(plain("1.5"), Value::Float(1.5));
        assert_eq!(plain(".5"), Value::Float(0.5));
        assert_eq!(plain("1e3"), Value::Float(1000.0));
        assert_eq!(plain("-1.0e+3"), Value::Float(-1000.0));
        // Out of float64 range: Go's ParseFloat fails, so it stays a string.
        assert_eq!(plain("1e400"), Value::Str("1e400".into()));
        assert!(matches!(plain(".inf"), Value::Float(f) if f.is_infinite()));
        assert!(matches!(plain(".NaN"), Value::Float(f) if f.is_nan()));
        assert_eq!(plain(".iNf"), Value::Str(".iNf".into()));
        assert_eq!(plain("1.2.3"), Value::Str("1.2.3".into()));
        assert_eq!(plain("1e"), Value::Str("1e".into()));
    }

    #[test]
    fn timestamps_and_versions_stay_strings() {
        for s in [
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "1.27",
            "v1.2.3",
            "10.0.0.1",
            "1:20",
        ] {
            assert!(matches!(plain(s), Value::Str(_) | Value::Float(_)), "{s}");
        }
        assert_eq!(plain("2001-12-14"), Value::Str("2001-12-14".into()));
        assert_eq!(plain("1.27"), Value::Float(1.27));
        assert_eq!(plain("10.0.0.1"), Value::Str("10.0.0.1".into()));
    }

    #[test]
    fn explicit_tags() {
        let tag = |t: &str| Some(format!("{TAG_PREFIX}{t}"));
        assert_eq!(
            resolve_scalar("123", tag("str").as_deref(), true),
            Ok(Value::Str("123".into()))
        );
        assert_eq!(
            resolve_scalar("42", tag("int").as_deref(), false),
            Ok(Value::Int(42))
        );
        assert_eq!(
            resolve_scalar("1", tag("float").as_deref(), true),
            Ok(Value::Float(1.0))
        );
        assert!(resolve_scalar("abc", tag("int").as_deref(), true).is_err());
        assert_eq!(
            resolve_scalar("aGVsbG8=", tag("binary").as_deref(), true),
            Ok(Value::Str("hello".into()))
        );
        assert!(resolve_scalar("aGVsbG8", tag("binary").as_deref(), true).is_err());
        assert_eq!(
            resolve_scalar("x", Some("!custom"), true),
            Ok(Value::Str("x".into()))
        );
        assert_eq!(resolve_scalar("yes", None, false), Ok(Value::Str("yes".into())));
    }
}
