//! Criterion benchmarks of the hot paths of a build and an import:
//! Markdown + highlighting of one article, organizing N articles (stories, related, editions,
//! entities), rendering one page of each kind, and importing one HTML page and one scrape.
//!
//! `cargo bench --bench hot_paths`. The organize and render groups use the generated corpus of
//! `bench/gen.py` (made on first use in `bench/work/corpus-1000/`, like `bench/compare 1000`);
//! set `GAZETTE_BENCH_N` for another size.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use gazette::config::Config;
use gazette::content::markdown::{self, LinkResolver, LinkTarget};
use gazette::content::{self, LoadOptions};
use gazette::render::context::Ctx;
use gazette::render::{pages, Job};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The generated Gazette site with N articles (generated once, then reused).
fn corpus() -> PathBuf {
    let n: usize = std::env::var("GAZETTE_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let dir = root().join(format!("bench/work/corpus-{n}"));
    if !dir.join("gazette/site.yaml").exists() {
        let status = Command::new("python3")
            .arg(root().join("bench/gen.py"))
            .arg(n.to_string())
            .arg(&dir)
            .status()
            .expect("python3 runs bench/gen.py");
        assert!(status.success(), "bench/gen.py failed");
    }
    dir.join("gazette")
}

fn load(site: &Path) -> (Config, content::Content) {
    let config = Config::load(site, None).expect("the corpus has a valid site.yaml");
    let now = chrono::Utc::now().fixed_offset();
    let content = content::load(&config, &LoadOptions { drafts: false, now }).expect("the corpus loads");
    (config, content)
}

/// Resolves every link, as the loader's index would for a site where all targets exist.
struct AllExist;

impl LinkResolver for AllExist {
    fn resolve(&self, target: &str, _wiki: bool) -> Result<LinkTarget, String> {
        Ok(LinkTarget { key: target.to_owned(), url: format!("/{target}/"), title: target.to_owned() })
    }
    fn site_path(&self, path: &str) -> String {
        path.to_owned()
    }
}

fn markdown_article(c: &mut Criterion) {
    // The example site's longest article with a code block: prose, lists, a table, code.
    let mut bodies: Vec<String> = walkdir::WalkDir::new(root().join("content/articles"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .filter(|t| t.contains("```"))
        .collect();
    bodies.sort_by_key(|b| std::cmp::Reverse(b.len()));
    let body = bodies.first().expect("an example article with code").split_once("\n---\n").unwrap().1.to_owned();
    c.bench_function("markdown+highlight: one article", |b| b.iter(|| markdown::render(&body, &AllExist)));
}

fn organize(c: &mut Criterion) {
    let site = corpus();
    let (config, content) = load(&site);
    let n = content.articles.len();
    let mut group = c.benchmark_group("organize");
    group.sample_size(10);
    group.bench_function(format!("stories, related, editions, entities: {n} articles"), |b| {
        b.iter_batched(
            || content.clone(),
            |content| gazette::organize::organize(&config, content),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn render_page_kinds(c: &mut Criterion) {
    let site_dir = corpus();
    let (config, content) = load(&site_dir);
    let site = gazette::organize::organize(&config, content);
    let mut theme = gazette::render::theme::load(&config).expect("the theme loads");
    gazette::render::prepare(&config, &site, &mut theme);
    let ctx = Ctx::new(&config, &site, &theme.strings);
    let mut group = c.benchmark_group("render one page");
    let kinds = [
        ("article", Job::Article(0)),
        ("front page", Job::Front),
        ("daily edition", Job::Edition(0)),
        ("topic listing", Job::Topic { topic: 0, page: 1 }),
        ("story", Job::Story(0)),
        ("entity", Job::Entity(0)),
    ];
    let mut buf = Vec::new();
    for (name, job) in kinds {
        group.bench_function(name, |b| {
            b.iter(|| {
                let out = pages::build(&ctx, job);
                buf.clear();
                theme.tera.render_to(out.template, &out.context, &mut buf).unwrap();
                buf.len()
            })
        });
    }
    group.finish();
}

fn import_one(c: &mut Criterion) {
    let fixtures = root().join("tests/fixtures/import");
    let html = std::fs::read(fixtures.join("page.html")).unwrap();
    let text = std::fs::read(fixtures.join("scrape.txt")).unwrap();
    let feed = std::fs::read(fixtures.join("feed.rss")).unwrap();
    let mut group = c.benchmark_group("import one input");
    group.bench_function("saved HTML page", |b| b.iter(|| gazette::import::extract("page.html", &html).unwrap()));
    group.bench_function("scraped text", |b| b.iter(|| gazette::import::extract("scrape.txt", &text).unwrap()));
    group.bench_function("RSS feed", |b| b.iter(|| gazette::import::extract("feed.rss", &feed).unwrap()));
    group.finish();
}

criterion_group!(benches, markdown_article, organize, render_page_kinds, import_one);
criterion_main!(benches);
