//! Turns YAML deserialisation errors into diagnostics with file, line, column and a hint.

use std::path::Path;

use crate::diagnostics::{did_you_mean, Diagnostic};

/// Converts a `yaml_serde` error into a [`Diagnostic`].
///
/// `line_offset` is the number of lines before the YAML in `file_text` (front matter starts
/// after its opening `---`). The "did you mean" hint for an unknown key comes from the keys
/// serde lists as expected there; `known_keys` only when it lists none.
pub fn yaml_diagnostic(
    file: &Path,
    file_text: &str,
    line_offset: usize,
    err: &yaml_serde::Error,
    known_keys: &[&str],
) -> Diagnostic {
    let raw = err.to_string();
    // The location is repeated inside the message ("… at line 3 column 1"); keep it out.
    let problem = raw.split(" at line ").next().unwrap_or(&raw).split(", while ").next().unwrap_or(&raw);
    // "…, while scanning a quoted scalar at line 1 column 8": say what was open, and point
    // at where it opened rather than at the end of the YAML where the parser gave up.
    let context = context_of(&raw);
    let message = match context {
        Some((what, _)) => format!("{problem} while {what}"),
        None => problem.to_owned(),
    };
    let (message, help) = explain(&message, known_keys);
    let mut d = Diagnostic::error(file, message.clone());
    if let Some(loc) = err.location() {
        let (line, column) = value_position(file_text, line_offset, &message)
            .or_else(|| duplicate_position(file_text, line_offset, &message))
            .or_else(|| context.and_then(|(_, mark)| mark).map(|(l, c)| (l + line_offset, c)))
            .unwrap_or((loc.line() + line_offset, loc.column()));
        d = d.at(file_text, line, column);
    }
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// `…, while scanning a quoted scalar at line 1 column 8` → `scanning a quoted scalar` and its
/// line and column.
fn context_of(raw: &str) -> Option<(&str, Option<(usize, usize)>)> {
    let (_, rest) = raw.split_once(", while ")?;
    let (what, mark) = rest.split_once(" at line ").map_or((rest, None), |(w, m)| (w, Some(m)));
    let mark = mark.and_then(|m| {
        let (line, column) = m.split_once(" column ")?;
        let column: String = column.chars().take_while(char::is_ascii_digit).collect();
        Some((line.trim().parse().ok()?, column.parse().ok()?))
    });
    Some((what, mark))
}

/// A key given twice is reported at the start of its mapping; point at the second one.
fn duplicate_position(file_text: &str, line_offset: usize, message: &str) -> Option<(usize, usize)> {
    let key = message.split_once("duplicate key `")?.1.split('`').next()?;
    let prefix = format!("{key}:");
    file_text
        .lines()
        .enumerate()
        .skip(line_offset)
        .filter_map(|(i, line)| {
            let start = line.find(|c: char| !c.is_whitespace())?;
            line[start..].starts_with(&prefix).then_some((i + 1, start + 1))
        })
        .nth(1)
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
///
/// Errors inside nested values start with their path (`images[0]: unknown field …`); the
/// path is kept. The keys serde lists as expected feed the hint: the struct's own fields, so
/// no list kept by hand can drift from it.
fn explain(message: &str, known_keys: &[&str]) -> (String, Option<String>) {
    let (path, rest) = match message.split_once(": ") {
        Some((head, rest)) if !head.is_empty() && !head.contains(char::is_whitespace) => (Some(head), rest),
        _ => (None, message),
    };
    let with_path = |m: String| path.map_or_else(|| m.clone(), |p| format!("{p}: {m}"));
    if let Some(after) = rest.strip_prefix("unknown field `") {
        let key = after.split('`').next().unwrap_or_default();
        let expected: Vec<&str> = after
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let keys: &[&str] = if expected.is_empty() { known_keys } else { &expected };
        let help = match did_you_mean(key, keys.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known keys: {}; put free-form values under `extra:`", keys.join(", ")),
        };
        return (with_path(format!("unknown key `{key}`")), Some(help));
    }
    if let Some(after) = rest.strip_prefix("missing field `") {
        let key = after.split('`').next().unwrap_or_default();
        return (with_path(format!("missing required key `{key}`")), Some(format!("add a `{key}:` line")));
    }
    if let Some(after) = rest.strip_prefix("duplicate field `") {
        let key = after.split('`').next().unwrap_or_default();
        return (with_path(format!("duplicate key `{key}`")), Some(format!("keep only one `{key}:` line")));
    }
    if let Some(after) = rest.strip_prefix("unknown variant `") {
        // "unknown variant `sometimes`, expected one of `auto`, `always`, `never`"
        let value = after.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> =
            after.split_once("expected ").map(|(_, l)| l.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
        let help = match did_you_mean(value, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("write one of {}", allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ")),
        };
        return (with_path(format!("unknown value `{value}`")), Some(help));
    }
    if rest.starts_with("invalid type") {
        return (
            message.to_owned(),
            Some("check the value's type: lists are written `[a, b]`, text may need quotes".into()),
        );
    }
    (message.to_owned(), None)
}
