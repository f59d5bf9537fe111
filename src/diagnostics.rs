//! Diagnostics: errors about the editor's files, with file, line, column and a hint.
//!
//! Every stage that reads something an editor wrote reports problems as [`Diagnostic`]s
//! instead of failing on the first one, so a build lists all of them together
//! (see [`Diagnostics`]). They render rustc-style through `miette`.

use std::fmt;
use std::path::{Path, PathBuf};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

/// How serious a diagnostic is: errors fail the build, warnings are only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, pointing at a line and column where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the user (relative to the site root when possible).
    pub file: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The text of the offending line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    /// Points the diagnostic at `line`:`column` of `text` (the whole file), keeping that line.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// Points the diagnostic at a byte offset of `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        self.at(text, line, column)
    }

    /// Points the diagnostic at the value of the first `key:` line of `text`.
    pub fn at_key(self, text: &str, key: &str) -> Self {
        let prefix = format!("{key}:");
        let found = text.lines().enumerate().find_map(|(i, line)| {
            let start = line.find(|c: char| !c.is_whitespace())?;
            line[start..].starts_with(&prefix).then(|| {
                let value = line[start + prefix.len()..].find(|c: char| !c.is_whitespace());
                (i + 1, start + prefix.len() + value.unwrap_or(0) + 1)
            })
        });
        match found {
            Some((line, column)) => self.at(text, line, column),
            None => self,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A rustc-style rendering with the offending line and a caret.
    pub fn render(&self, color: bool) -> String {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
        let mut out = String::new();
        if handler.render_report(&mut out, &MietteView::new(self)).is_err() {
            return self.to_string();
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: {}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// Converts a byte offset into a 1-based line and column (in characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest of `candidates` to `word`, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Relative display path of `path` under `root`, or the path itself.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// A set of diagnostics from one run, errors and warnings together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    /// Sorted by file, line, column so the report reads in order and is deterministic.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (a.severity, &a.file, a.line, a.column, &a.message)
                .cmp(&(b.severity, &b.file, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self
    }
}

/// The error returned when the editor's content has errors: all of them, not only the first.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in the site's files", .0.errors().count())]
pub struct ContentErrors(pub Diagnostics);

/// Adapter so miette can draw a [`Diagnostic`] with its offending line and a caret.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    /// The offending line as a source named `file:line:col`, and the span of the caret.
    snippet: Option<(LineSource, SourceSpan)>,
}

/// The offending line as a miette source that knows its real line number, so the report
/// reads `file:line:col` without keeping the whole file around.
struct LineSource {
    name: String,
    text: String,
    /// 0-based line number of `text` in its file.
    line: usize,
}

impl miette::SourceCode for LineSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let whole = SourceSpan::new(0.into(), self.text.len());
        let column = self.text.get(..span.offset()).map_or(0, |before| before.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            whole,
            self.line,
            column,
            1,
        )))
    }
}

impl<'a> MietteView<'a> {
    fn new(d: &'a Diagnostic) -> Self {
        let snippet = d.source_line.as_ref().map(|line| {
            let col = line.char_indices().nth(d.column.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
            let len = line[col..].chars().next().map_or(0, char::len_utf8);
            let source =
                LineSource { name: d.file.display().to_string(), text: line.clone(), line: d.line.saturating_sub(1) };
            (source, SourceSpan::new(col.into(), len))
        });
        MietteView { diagnostic: d, snippet }
    }
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}
impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        if d.source_line.is_none() {
            write!(f, "{}: ", d.file.display())?;
        }
        f.write_str(&d.message)
    }
}
impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.snippet.as_ref().map(|(source, _)| source as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.snippet.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(None, *span))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let text = "a\nbcd\néf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 4), (2, 3));
        assert_eq!(line_col(text, 8), (3, 2));
        assert_eq!(line_col(text, 9), (3, 3));
    }

    #[test]
    fn did_you_mean_finds_close_words() {
        assert_eq!(did_you_mean("titel", ["title", "date", "tags"]), Some("title"));
        assert_eq!(did_you_mean("zzzz", ["title", "date"]), None);
    }

    #[test]
    fn display_names_file_line_and_help() {
        let d = Diagnostic::error("content/a.md", "bad").at("x\ny", 2, 1).with_help("fix it");
        assert_eq!(d.to_string(), "error: content/a.md:2:1: bad (help: fix it)");
        assert!(d.render(false).contains("content/a.md:2:1"));
    }
}
