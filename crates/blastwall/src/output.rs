//! `-o FORMAT[=FILE]`: where each report goes.

use std::path::PathBuf;

use anyhow::{bail, Result};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Concise,
    Junit,
    Markdown,
    Html,
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

/// Parses one `-o FORMAT[=FILE]`.
pub fn parse_one(spec: &str) -> Result<Output, String> {
    let (name, file) = match spec.split_once('=') {
        Some((n, f)) if !f.is_empty() => (n, Some(PathBuf::from(f))),
        Some(_) => return Err(format!("`{spec}`: the file name after `=` is empty")),
        None => (spec, None),
    };
    let format = match name {
        "text" => Format::Text,
        "concise" => Format::Concise,
        "junit" => Format::Junit,
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        "json" => Format::Json,
        "sarif" => Format::Sarif,
        other => {
            return Err(format!(
            "unknown output format `{other}` (expected text, concise, json, sarif, junit, markdown or html)"
        ))
        }
    };
    Ok(Output { format, file })
}

/// Checks that at most one output goes to standard output.
pub fn check(outputs: &[Output]) -> Result<()> {
    if outputs.iter().filter(|o| o.file.is_none()).count() > 1 {
        bail!("only one `-o` format can go to standard output; give the others a file: `-o sarif=out.sarif`");
    }
    Ok(())
}

/// Standard output, buffered.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_files() {
        let o: Vec<Output> = ["json=out.json", "sarif=r.sarif", "text"]
            .into_iter()
            .map(|s| parse_one(s).unwrap())
            .collect();
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
        assert!(check(&[parse_one("json").unwrap(), parse_one("text").unwrap()]).is_err());
        assert!(check(&o).is_ok());
        assert!(parse_one("xml").is_err());
        assert!(parse_one("json=").is_err());
    }
}
