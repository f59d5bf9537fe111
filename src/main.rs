//! The `gazette` command line: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gazette::diagnostics::ContentErrors;

/// Gazette builds a static news digest from articles, notes and pages.
#[derive(Parser)]
#[command(name = "gazette", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into `output/` (or --out).
    Build {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Where to write the site; replaced as a whole when the build succeeds.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Override `base_url` from site.yaml (e.g. for GitHub Pages).
        #[arg(long)]
        base_url: Option<String>,
        /// Include drafts and future-dated articles.
        #[arg(long)]
        drafts: bool,
        /// Replace a non-empty output folder that Gazette did not make.
        #[arg(long)]
        force: bool,
        /// Print the time spent in each stage.
        #[arg(long)]
        timings: bool,
    },
    /// Import scraped text, saved HTML pages, feeds or Markdown as article files.
    Import {
        /// The site folder (holding site.yaml): topics, aliases and existing articles.
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Where to write the articles (default: <site>/content/articles).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print the articles instead of writing files.
        #[arg(long)]
        stdout: bool,
        /// Give every imported article this topic (no inference).
        #[arg(long)]
        topic: Option<String>,
        /// The outlet name for every imported article.
        #[arg(long)]
        source: Option<String>,
        /// The date for articles that carry none (2026-11-18 or RFC 3339).
        #[arg(long)]
        date: Option<String>,
        /// Show what would be imported without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Replace existing files (and re-import duplicates of files in the output folder).
        #[arg(long)]
        force: bool,
        /// Files, folders (recursively) or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { site, out, base_url, drafts, force, timings } => {
            let options = gazette::BuildOptions { site, out, base_url, drafts, force, now: None };
            let report = gazette::build(&options)?;
            let color = std::io::stderr().is_terminal();
            for w in &report.warnings.0 {
                eprint!("{}", w.render(color));
            }
            if timings {
                for (stage, time, count) in &report.timings {
                    eprintln!("{stage:>10} {:>9.1} ms {count:>8}", time.as_secs_f64() * 1000.0);
                }
            }
            println!("{}", report.summary_line());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { site, out, stdout, topic, source, date, dry_run, force, inputs } => {
            let progress = std::io::stderr().is_terminal();
            let options = gazette::import::ImportOptions {
                site,
                out,
                stdout,
                topic,
                source,
                date,
                dry_run,
                force,
                progress,
                inputs,
            };
            let report = match gazette::import::run(&options) {
                Ok(r) => r,
                Err(e) if e.is::<gazette::import::UsageError>() => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e),
            };
            if stdout {
                print!("{}", report.printed);
                eprintln!("{}", report.summary());
            } else {
                println!("{}", report.summary());
            }
            Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

/// Prints content errors rustc-style, anything else with its whole cause chain.
fn report_error(e: &anyhow::Error) {
    let color = std::io::stderr().is_terminal();
    if let Some(ContentErrors(diagnostics)) = e.downcast_ref::<ContentErrors>() {
        for d in &diagnostics.0 {
            eprint!("{}", d.render(color));
        }
        eprintln!("error: {e}; the previous output was left untouched");
        return;
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
