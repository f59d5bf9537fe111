//! Turns YAML deserialisation errors into diagnostics with file, line, column and a hint.

use std::path::Path;

use crate::diagnostics::{did_you_mean, Diagnostic};

/// Converts a `yaml_serde` error into a [`Diagnostic`].
///
/// `line_offset` is the number of lines before the YAML in `file_text` (front matter starts
/// after its opening `---`), and `known_keys` feed the "did you mean" hint for unknown keys.
pub fn yaml_diagnostic(
    file: &Path,
    file_text: &str,
    line_offset: usize,
    err: &yaml_serde::Error,
    known_keys: &[&str],
) -> Diagnostic {
    let raw = err.to_string();
    // The location is repeated inside the message ("… at line 3 column 1"); keep it out.
    let message = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
    let (message, help) = explain(&message, known_keys);
    let mut d = Diagnostic::error(file, message.clone());
    if let Some(loc) = err.location() {
        let (line, column) =
            value_position(file_text, line_offset, &message).unwrap_or((loc.line() + line_offset, loc.column()));
        d = d.at(file_text, line, column);
    }
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// Errors raised while converting a value (such as a bad date) are located by the YAML
/// parser at the start of the enclosing mapping; find the line holding the quoted value instead.
fn value_position(file_text: &str, line_offset: usize, message: &str) -> Option<(usize, usize)> {
    if !message.starts_with("invalid date") {
        return None;
    }
    let value = message.split('`').nth(1).filter(|v| !v.is_empty())?;
    file_text.lines().enumerate().skip(line_offset).find_map(|(i, line)| line.find(value).map(|col| (i + 1, col + 1)))
}

/// Rewrites serde's wording into the editor's terms and finds a hint.
fn explain(message: &str, known_keys: &[&str]) -> (String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let help = match did_you_mean(key, known_keys.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known keys: {}; put free-form values under `extra:`", known_keys.join(", ")),
        };
        return (format!("unknown key `{key}`"), Some(help));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return (format!("missing required key `{key}`"), Some(format!("add a `{key}:` line")));
    }
    if message.starts_with("invalid type") {
        return (
            message.to_owned(),
            Some("check the value's type: lists are written `[a, b]`, text may need quotes".into()),
        );
    }
    (message.to_owned(), None)
}
