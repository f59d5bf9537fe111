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
#[command(name = "gazette", version = gazette::VERSION_LINE, about, long_about)]
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
    /// Create a new site: site.yaml, an example article and note, .gitignore, and the GitHub
    /// workflows that publish it to Pages and fetch its feeds (pinned to this release in
    /// `gazette.version`).
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
        /// Also ask every article's original (`source_url`) whether it is still there, and list
        /// the dead ones (answers are cached in .gazette/cache/external.tsv).
        #[arg(long)]
        external: bool,
        /// With --external: ask every original again, whatever the cache says.
        #[arg(long, requires = "external")]
        refresh: bool,
    },
    /// Import scraped text, saved HTML pages, feeds or Markdown as article files, from files,
    /// folders or web addresses.
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
        /// The URL the inputs were saved from: relative links resolve against it when a page
        /// names no canonical URL of its own.
        #[arg(long, value_name = "URL")]
        source_url: Option<String>,
        /// Show what would be imported without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Replace existing files (and re-import duplicates of files in the output folder).
        #[arg(long)]
        force: bool,
        /// Read scraped text with this line model instead of the built-in one (for fitting).
        #[arg(long, hide = true)]
        line_model: Option<PathBuf>,
        /// Files, folders (recursively), web addresses (https://…, fetched) or `-` for standard
        /// input, mixed as you like.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Fetch the feeds of site.yaml (`feeds:`) and import their new entries.
    ///
    /// Prints one line per feed (new, unchanged, failed and why) and a summary. Exit status 0
    /// when every feed answered, 1 when some failed (the others are imported and remembered all
    /// the same), 2 when it could not run: a usage error, a site.yaml or .gazette/fetch.json that
    /// does not read, a failed write. What was fetched is remembered in .gazette/fetch.json.
    Fetch {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Only this feed (its URL as written in site.yaml).
        #[arg(long)]
        feed: Option<String>,
        /// Fetch and show what would be imported, writing nothing (no articles, no state).
        #[arg(long)]
        dry_run: bool,
    },
    /// The feeds of site.yaml: add one, import or export OPML, list them with their last fetch.
    Feeds {
        #[command(subcommand)]
        what: FeedsWhat,
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".", global = true)]
        site: PathBuf,
    },
}

#[derive(Subcommand)]
enum FeedsWhat {
    /// Subscribe to a feed: add it to `feeds:` in site.yaml (its comments and order are kept).
    Add {
        /// The feed's address (RSS, Atom or JSON Feed).
        url: String,
        /// A topic slug from site.yaml for all its articles (else inferred per article).
        #[arg(long)]
        topic: Option<String>,
        /// The outlet's name for its articles (else the feed's own title).
        #[arg(long)]
        source: Option<String>,
        /// When to fetch each entry's page for its full text.
        #[arg(long, value_parser = ["auto", "always", "never"])]
        full_text: Option<String>,
    },
    /// Add every feed of an OPML file (a feed reader's export); a folder or category named like
    /// one of the site's topics gives its feeds that topic.
    Import {
        /// The OPML file.
        file: PathBuf,
    },
    /// Print the feeds as OPML, one folder per topic.
    Export,
    /// Each feed with its last fetch, last status and the articles imported from it.
    List,
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
        Command::Init { dir, force } => init(&dir, force, quiet),
        Command::New { what, site } => new(what, &site),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "gazette", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { site, out, base_url, drafts, force, timings, no_search } => {
            let options =
                gazette::BuildOptions { site, out, base_url, drafts, force, now: None, progress: !quiet, no_search };
            build(&options, timings, quiet)
        }
        Command::List { site, drafts, json } => list(site, drafts, json),
        Command::Check { site, base_url, external, refresh } => {
            let external =
                external.then(|| gazette::check::external::ExternalOptions { refresh, ..Default::default() });
            check(gazette::check::CheckOptions { site, base_url, now: None, external })
        }
        Command::Feeds { what, site } => Ok(feeds_exit(feeds(what, &site, quiet))),
        Command::Fetch { site, feed, dry_run } => fetch(
            gazette::fetch::FetchOptions { site, feed, dry_run, progress: std::io::stderr().is_terminal() && !quiet },
            quiet,
        ),
        Command::Import { site, out, stdout, topic, source, date, source_url, dry_run, force, line_model, inputs } => {
            let progress = std::io::stderr().is_terminal();
            let options = gazette::import::ImportOptions {
                site,
                out,
                stdout,
                topic,
                source,
                date,
                source_url,
                dry_run,
                force,
                progress,
                line_model,
                inputs,
            };
            import(&options)
        }
    }
}

fn new(what: NewWhat, site: &std::path::Path) -> anyhow::Result<ExitCode> {
    let path = match what {
        NewWhat::Article { title, topic } => gazette::scaffold::new_article(site, &title, topic.as_deref())?,
        NewWhat::Note { title, edition } => gazette::scaffold::new_note(site, &title, edition.as_deref())?,
    };
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `gazette feeds`: 2 for a usage error, 1 for any other failure (site.yaml untouched).
fn feeds_exit(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Err(e) if e.is::<gazette::import::UsageError>() => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            report_error_then(&e, "site.yaml was left unchanged");
            ExitCode::FAILURE
        }
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn init(dir: &std::path::Path, force: bool, quiet: bool) -> anyhow::Result<ExitCode> {
    let written = gazette::scaffold::init(dir, force)?;
    if !quiet {
        written.iter().for_each(|p| println!("created {}", p.display()));
        println!("Build it with: gazette build --site {}", dir.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn build(options: &gazette::BuildOptions, timings: bool, quiet: bool) -> anyhow::Result<ExitCode> {
    let report = gazette::build(options)?;
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
        println!("{}", report.output_line());
    }
    report.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn list(site: PathBuf, drafts: bool, json: bool) -> anyhow::Result<ExitCode> {
    let options = gazette::ProjectOptions { drafts, ..gazette::ProjectOptions::new(site) };
    let digest = gazette::Project::load(&options)?.organize();
    let listing = gazette::list::listing(&digest.config, &digest.site);
    if json {
        println!("{}", serde_json::to_string_pretty(&listing)?);
    } else {
        print!("{}", gazette::list::to_text(&listing));
    }
    Ok(ExitCode::SUCCESS)
}

fn check(options: gazette::check::CheckOptions) -> anyhow::Result<ExitCode> {
    let report = gazette::check::check(&options)?;
    let color = std::io::stderr().is_terminal();
    let errors: Vec<_> = report.problems.errors().collect();
    let warnings: Vec<_> = report.problems.warnings().collect();
    for (heading, list) in [("errors", errors), ("warnings", warnings)] {
        if !list.is_empty() {
            eprintln!("{heading}:");
            list.iter().for_each(|d| eprint!("{}", d.render(color)));
        }
    }
    if let Some(external) = &report.external {
        let lines = external.unverified_lines();
        if !lines.is_empty() {
            eprintln!("could not verify (not counted as problems):");
            lines.iter().for_each(|l| eprintln!("  {l}"));
        }
        println!("{}", external.summary_line());
    }
    println!("{}", report.summary_line());
    Ok(if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn import(options: &gazette::import::ImportOptions) -> anyhow::Result<ExitCode> {
    let report = match gazette::import::run(options) {
        Ok(r) => r,
        Err(e) if e.is::<gazette::import::UsageError>() => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e),
    };
    if options.stdout {
        print!("{}", report.printed);
        eprintln!("{}", report.summary());
    } else {
        println!("{}", report.summary());
    }
    Ok(if report.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `gazette fetch`: one line per feed (only the failed ones with `-q`) and a summary.
///
/// Exit status 1 means the run went through and some feeds failed (what the others brought is
/// written and remembered); 2 that it could not run or finish: a usage error, a `site.yaml` or
/// state file that does not read, a write that failed.
fn fetch(options: gazette::fetch::FetchOptions, quiet: bool) -> anyhow::Result<ExitCode> {
    let report = match gazette::fetch::run(&options) {
        Ok(r) => r,
        Err(e) if e.is::<gazette::import::UsageError>() => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => {
            report_error_then(&e, "nothing was fetched");
            return Ok(ExitCode::from(2));
        }
    };
    for line in report.lines.iter().filter(|l| !quiet || l.status == gazette::fetch::LineStatus::Failed) {
        println!("{line}");
    }
    if report.lines.is_empty() {
        println!("no feeds in site.yaml: add one with `gazette feeds add URL`");
    } else if !quiet {
        println!("{}", report.summary());
    }
    Ok(if report.has_failures() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `gazette feeds …`.
fn feeds(what: FeedsWhat, site: &std::path::Path, quiet: bool) -> anyhow::Result<()> {
    use gazette::config::{FullText, Subscription};
    match what {
        FeedsWhat::Add { url, topic, source, full_text } => {
            let mut sub = Subscription::new(url.trim());
            (sub.topic, sub.source) = (topic, source);
            sub.full_text = match full_text.as_deref() {
                Some("always") => FullText::Always,
                Some("never") => FullText::Never,
                _ => FullText::Auto,
            };
            gazette::feeds::add(site, sub)?;
            if !quiet {
                println!("added {} to site.yaml; fetch it with `gazette fetch`", url.trim());
            }
        }
        FeedsWhat::Import { file } => {
            let r = gazette::feeds::import_opml(site, &file)?;
            if !quiet {
                let with_topic = r.added.iter().filter(|s| s.topic.is_some()).count();
                println!(
                    "added {} feeds to site.yaml ({with_topic} with a topic from their folder or category), {} already there",
                    r.added.len(),
                    r.present.len()
                );
                if !r.unmatched.is_empty() {
                    let names: Vec<&str> = r.unmatched.iter().map(String::as_str).collect();
                    println!(
                        "folders and categories that name no topic (topics inferred per article): {}",
                        names.join(", ")
                    );
                }
            }
        }
        FeedsWhat::Export => print!("{}", gazette::feeds::export(site)?),
        FeedsWhat::List => print!("{}", gazette::feeds::list(site)?),
    }
    Ok(())
}

/// Prints content errors rustc-style, anything else with its whole cause chain.
fn report_error(e: &anyhow::Error) {
    report_error_then(e, "the previous output was left untouched");
}

/// [`report_error`], saying what became of the work when the editor's files had errors.
fn report_error_then(e: &anyhow::Error, outcome: &str) {
    let color = std::io::stderr().is_terminal();
    if let Some(ContentErrors(diagnostics)) = e.downcast_ref::<ContentErrors>() {
        for d in &diagnostics.0 {
            eprintln!("{}", d.render(color));
        }
        eprintln!("error: {e}; {outcome}");
        return;
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
}
