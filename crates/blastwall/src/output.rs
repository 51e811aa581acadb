//! `-o FORMAT[=FILE]`: where each report goes.

use std::path::PathBuf;

use anyhow::{bail, Result};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

/// One requested output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    /// `None` for standard output.
    pub file: Option<PathBuf>,
}

/// Parses every `-o`; at most one may go to standard output.
pub fn parse(specs: &[String]) -> Result<Vec<Output>> {
    let mut outputs = Vec::new();
    for spec in specs {
        let (name, file) = match spec.split_once('=') {
            Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
            Some(_) => bail!("`-o {spec}`: the file name after `=` is empty"),
            None => (spec.as_str(), None),
        };
        let format = match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            other => bail!("unknown output format `{other}` (expected text, json or sarif)"),
        };
        outputs.push(Output { format, file });
    }
    if outputs.iter().filter(|o| o.file.is_none()).count() > 1 {
        bail!("only one `-o` format can go to standard output; give the others a file: `-o sarif=out.sarif`");
    }
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_files() {
        let o = parse(&["json=out.json".into(), "sarif=r.sarif".into(), "text".into()]).unwrap();
        assert_eq!(
            o[0],
            Output {
                format: Format::Json,
                file: Some("out.json".into())
            }
        );
        assert_eq!(
            o[2],
            Output {
                format: Format::Text,
                file: None
            }
        );
        assert!(parse(&["json".into(), "text".into()]).is_err());
        assert!(parse(&["xml".into()]).is_err());
        assert!(parse(&["json=".into()]).is_err());
    }
}
