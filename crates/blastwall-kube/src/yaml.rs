//! Objects read from a cluster written back as YAML documents, in kubectl's block style: plain scalars where
//! YAML 1.1 (kubectl's reader) cannot take them for anything else, double-quoted JSON strings elsewhere, so
//! reading the text gives back exactly the values that were written.

use std::fmt::Write;

use serde_json::Value;

/// True when `text` can be written unquoted and still reads back as this string in YAML 1.1: it starts with
/// a letter, `_` or `/`, holds only letters, digits and `_./-`, and is not a word YAML 1.1 reads as a boolean
/// or null.
fn plain(text: &str) -> bool {
    const WORDS: &[&str] = &["y", "yes", "n", "no", "true", "false", "on", "off", "null"];
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/');
    first_ok
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
        && !WORDS.contains(&text.to_ascii_lowercase().as_str())
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) if plain(s) => s.clone(),
        // JSON's string escapes are YAML double-quoted escapes too.
        other => other.to_string(),
    }
}

fn write_value(out: &mut String, value: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                let _ = write!(out, "{pad}{}:", scalar(&Value::String(key.clone())));
                write_nested(out, item, indent + 2);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                let _ = write!(out, "{pad}-");
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // The first key goes on the dash's line, the others under it.
                        let mut text = String::new();
                        write_value(&mut text, item, indent + 2);
                        out.push(' ');
                        out.push_str(text.trim_start());
                    }
                    _ => write_nested(out, item, indent + 2),
                }
            }
        }
        other => {
            let _ = writeln!(out, "{pad}{}", inline(other));
        }
    }
}

/// After `key:` or `-`: a scalar or empty collection on the same line, else the block below.
fn write_nested(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            write_value(out, value, indent);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            write_value(out, value, indent);
        }
        other => {
            let _ = writeln!(out, " {}", inline(other));
        }
    }
}

fn inline(value: &Value) -> String {
    match value {
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
        other => scalar(other),
    }
}

/// One object as a YAML document (without the `---` line).
#[must_use]
pub fn document(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn block_style_with_quotes_only_where_yaml_would_misread() {
        let value = json!({
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "c", "labels": {"on": "yes", "app.kubernetes.io/name": "web"}, "annotations": {}},
            "data": {"port": "8080", "empty": "", "text": "two\nlines: here", "flag": true, "n": 3, "none": null},
            "list": [{"a": 1, "b": [1, "x y"]}, [], "y"]
        });
        // serde_json's maps are sorted by key; nested lists are indented under their key.
        let expected = "apiVersion: v1\ndata:\n  empty: \"\"\n  flag: true\n  \"n\": 3\n  none: null\n  port: \"8080\"\n  text: \"two\\nlines: here\"\nkind: ConfigMap\nlist:\n  - a: 1\n    b:\n      - 1\n      - \"x y\"\n  - []\n  - \"y\"\nmetadata:\n  annotations: {}\n  labels:\n    app.kubernetes.io/name: web\n    \"on\": \"yes\"\n  name: c\n";
        assert_eq!(document(&value), expected);
        // kubectl's reading (blastwall's loader) gives back every value, types included.
        let input = blastwall_core::load::Input::Text {
            name: "doc.yaml".into(),
            bytes: document(&value).into_bytes(),
        };
        let inventory = blastwall_core::load::load(vec![input], &std::sync::atomic::AtomicUsize::new(0));
        assert_eq!(inventory.objects[0].root.to_json(), value);
    }
}
