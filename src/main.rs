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
    /// Print the organized site (articles, stories, editions, notes) without writing it.
    List {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Include drafts and future-dated articles.
        #[arg(long)]
        drafts: bool,
        /// Print JSON (the shape is documented in the README).
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("GAZETTE_LOG"))
        .with_writer(std::io::stderr)
        .without_time()
        .init();
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
        Command::List { site, drafts, json } => {
            let mut options = gazette::BuildOptions::new(site);
            options.drafts = drafts;
            let (config, site) = gazette::organize_site(&options)?;
            let listing = gazette::list::listing(&config, &site);
            if json {
                println!("{}", serde_json::to_string_pretty(&listing)?);
            } else {
                print!("{}", gazette::list::to_text(&listing));
            }
            Ok(ExitCode::SUCCESS)
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
