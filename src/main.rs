//! The `gazette` command line: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gazette::diagnostics::ContentErrors;

/// mimalloc instead of glibc's malloc: builds allocate many small strings and values on
/// several threads at once, where glibc's allocator spent a fifth of the CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gazette builds a static news digest from articles, notes and pages.
///
/// A site is a folder with `site.yaml`, `content/articles/`, `content/notes/`,
/// `content/pages/`, optionally `themes/` and `static/`. `gazette init` makes one;
/// `gazette build` turns it into `output/`, ready for GitHub Pages.
#[derive(Parser)]
#[command(name = "gazette", version, about, long_about)]
struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// More detail: -v for progress notes, -vv for debugging (stage timings and more).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
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
        /// Leave out the search index and /search/ (faster for large sites).
        #[arg(long)]
        no_search: bool,
    },
    /// Preview the site: build it in memory, serve it under the path of `base_url`, rebuild
    /// and reload open pages when files change.
    ///
    /// Build errors keep the last good version served and appear in the terminal and as an
    /// overlay in the browser. Listens on 127.0.0.1 unless --bind says otherwise.
    Serve {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include drafts and future-dated articles.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site: site.yaml, an example article and note, .gitignore and the GitHub
    /// Pages workflow.
    Init {
        /// The folder to create the site in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the files to a non-empty folder (existing files are never replaced).
        #[arg(long)]
        force: bool,
    },
    /// Create a new article or note with its front matter filled in; prints its path.
    New {
        #[command(subcommand)]
        what: NewWhat,
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".", global = true)]
        site: PathBuf,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
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
    /// Build the site in memory and report broken links, missing images and other problems.
    Check {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Override `base_url` from site.yaml, as `build` would be run.
        #[arg(long)]
        base_url: Option<String>,
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
        /// Read scraped text with this line model instead of the built-in one (for fitting).
        #[arg(long, hide = true)]
        line_model: Option<PathBuf>,
        /// Files, folders (recursively) or `-` for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// content/articles/YYYY/MM/DD/<slug>.md, dated now in the site's time zone.
    Article {
        title: String,
        /// A topic slug from site.yaml.
        #[arg(long)]
        topic: Option<String>,
    },
    /// content/notes/<slug>.md, optionally attached to a daily edition.
    Note {
        title: String,
        /// The edition's date, YYYY-MM-DD.
        #[arg(long)]
        edition: Option<String>,
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
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("GAZETTE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("gazette={level}")));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).without_time().init();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report_error(&e);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Serve { site, port, bind, open, drafts } => {
            gazette::serve::serve(gazette::serve::ServeOptions { site, bind, port, open, drafts })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, force } => {
            let written = gazette::scaffold::init(&dir, force)?;
            if !quiet {
                written.iter().for_each(|p| println!("created {}", p.display()));
                println!("Build it with: gazette build --site {}", dir.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::New { what, site } => {
            let path = match what {
                NewWhat::Article { title, topic } => gazette::scaffold::new_article(&site, &title, topic.as_deref())?,
                NewWhat::Note { title, edition } => gazette::scaffold::new_note(&site, &title, edition.as_deref())?,
            };
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "gazette",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { site, out, base_url, drafts, force, timings, no_search } => {
            let options =
                gazette::BuildOptions { site, out, base_url, drafts, force, now: None, progress: !quiet, no_search };
            let report = gazette::build(&options)?;
            let color = std::io::stderr().is_terminal();
            for w in report.warnings.0.iter().filter(|_| !quiet) {
                eprint!("{}", w.render(color));
            }
            if timings {
                for (stage, time, count) in &report.timings {
                    eprintln!("{stage:>10} {:>9.1} ms {count:>8}", time.as_secs_f64() * 1000.0);
                }
            }
            if !quiet {
                println!("{}", report.summary_line());
            }
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
        Command::Check { site, base_url } => {
            let report = gazette::check::check(&gazette::check::CheckOptions { site, base_url, now: None })?;
            let color = std::io::stderr().is_terminal();
            let errors: Vec<_> = report.problems.errors().collect();
            let warnings: Vec<_> = report.problems.warnings().collect();
            for (heading, list) in [("errors", errors), ("warnings", warnings)] {
                if !list.is_empty() {
                    eprintln!("{heading}:");
                    list.iter().for_each(|d| eprint!("{}", d.render(color)));
                }
            }
            println!("{}", report.summary_line());
            Ok(if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Import { site, out, stdout, topic, source, date, dry_run, force, line_model, inputs } => {
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
                line_model,
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
            eprintln!("{}", d.render(color));
        }
        eprintln!("error: {e}; the previous output was left untouched");
        return;
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
