//! The GitHub workflows: the ones in this repository, the action (`action.yml`) and the ones
//! `gazette init` writes.
//!
//! - Every `uses:` is pinned to a major version that exists (a list kept here, by hand) and
//!   no step installs or compiles a crate.
//! - The Pages workflow that `gazette init` writes is run here, step by step, the way a runner
//!   would: its `run:` steps and those of the action it uses, in order, with `${{ }}`
//!   expressions filled in. Third-party actions are stubbed (configure-pages answers a base
//!   URL; the upload only checks its folder). The "release" the action downloads is the binary
//!   under test, packed as the release workflow packs it and served over HTTP on 127.0.0.1,
//!   so the download, the checksum check and the unpacking are the real ones.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_serde::Value;

/// Major versions known to exist, per action (checked by hand on each action's releases
/// page). A new major needs adding here, on purpose.
const KNOWN_MAJORS: &[(&str, &[&str])] = &[
    ("actions/checkout", &["v4", "v5", "v6"]),
    ("actions/configure-pages", &["v5", "v6"]),
    ("actions/upload-pages-artifact", &["v3", "v4", "v5"]),
    ("actions/deploy-pages", &["v4", "v5"]),
    ("actions/upload-artifact", &["v4", "v5", "v6", "v7"]),
    ("actions/download-artifact", &["v4", "v5", "v6", "v7", "v8"]),
    ("gazette-ssg/gazette", &["v1"]),
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    yaml_serde::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every workflow file the project ships: the repository's, the action, and `init`'s.
fn shipped_files() -> Vec<(String, Value)> {
    let mut files = vec![];
    for dir in [repo().join(".github/workflows"), repo().join("src/scaffold")] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "yml")) {
            files.push((p.display().to_string(), yaml(&p)));
        }
    }
    files.push(("action.yml".into(), yaml(&repo().join("action.yml"))));
    files
}

/// Every step (a mapping with `uses:` or `run:`) anywhere in a workflow or action.
fn steps(v: &Value) -> Vec<&Value> {
    let mut out = vec![];
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Mapping(m) => {
                if m.contains_key("uses") || m.contains_key("run") {
                    out.push(v);
                }
                stack.extend(m.values());
            }
            Value::Sequence(s) => stack.extend(s),
            _ => {}
        }
    }
    out
}

fn text<'a>(step: &'a Value, key: &str) -> Option<&'a str> {
    step.get(key).and_then(Value::as_str)
}

#[test]
fn every_uses_is_pinned_to_a_major_version_that_exists() {
    let mut checked = 0;
    for (file, workflow) in shipped_files() {
        for step in steps(&workflow) {
            let Some(uses) = text(step, "uses") else { continue };
            if uses.starts_with("./") {
                continue;
            }
            let (action, version) = uses.split_once('@').unwrap_or_else(|| panic!("{file}: `{uses}` is not pinned"));
            let known = KNOWN_MAJORS.iter().find(|(a, _)| *a == action);
            let (_, majors) = known.unwrap_or_else(|| panic!("{file}: `{action}` is not in KNOWN_MAJORS"));
            assert!(majors.contains(&version), "{file}: `{uses}`: {action} has no major version {version}");
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} `uses:` found");
}

#[test]
fn pages_artifact_uploads_include_hidden_files() {
    let mut uploads = 0;
    for (file, workflow) in shipped_files() {
        for step in steps(&workflow) {
            if text(step, "uses").is_some_and(|u| u.starts_with("actions/upload-pages-artifact@")) {
                let hidden = step.get("with").and_then(|w| w.get("include-hidden-files"));
                assert_eq!(
                    hidden,
                    Some(&Value::Bool(true)),
                    "{file}: upload-pages-artifact without include-hidden-files: true"
                );
                uploads += 1;
            }
        }
    }
    assert!(uploads >= 1);
}

/// `cargo install gazette` (with any flags) would install another project's crate.
fn installs_crate_named_gazette(run: &str) -> bool {
    run.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        let installs = words.windows(2).any(|w| w == ["cargo", "install"] || w == ["cargo", "binstall"]);
        installs && words.contains(&"gazette")
    })
}

#[test]
fn nothing_installs_a_crate_named_gazette_and_sites_compile_nothing() {
    assert!(installs_crate_named_gazette("cargo install --locked gazette"));
    assert!(!installs_crate_named_gazette("cargo install --locked gazette-ssg"));
    for (file, workflow) in shipped_files() {
        // Only the release workflow compiles Gazette; what a site runs downloads it.
        let site_facing = !file.ends_with("release.yml");
        for step in steps(&workflow) {
            let run = text(step, "run").unwrap_or("");
            assert!(!installs_crate_named_gazette(run), "{file}: {run}");
            if site_facing {
                assert!(!run.contains("cargo "), "{file} compiles or installs with cargo: {run}");
            }
        }
    }
}

#[test]
fn the_repository_pages_workflow_is_the_one_init_writes() {
    let init = gazette::scaffold::PAGES_WORKFLOW;
    let ours = std::fs::read_to_string(repo().join(".github/workflows/pages.yml")).unwrap();
    let action = format!("uses: {}", gazette::scaffold::ACTION);
    assert!(init.contains(&action));
    assert_eq!(ours, init.replace(&action, "uses: ./  # this repository's own action.yml"));
}

// --- running a workflow ---------------------------------------------------------------------

/// What a step can see: inputs of the action being run, step outputs, and the environment.
#[derive(Default)]
struct Scope {
    inputs: BTreeMap<String, String>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
}

/// Fills in `${{ … }}` for the contexts these workflows use; anything else fails the test.
fn expand(s: &str, scope: &Scope, ctx: &Runner) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("${{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("}}").expect("unclosed ${{") + at;
        out.push_str(&lookup(rest[at + 3..end].trim(), scope, ctx));
        rest = &rest[end + 2..];
    }
    out + rest
}

fn lookup(expr: &str, scope: &Scope, ctx: &Runner) -> String {
    let parts: Vec<&str> = expr.split('.').collect();
    match parts.as_slice() {
        ["inputs", name] => scope.inputs.get(*name).cloned().unwrap_or_else(|| panic!("no input `{name}`")),
        ["steps", id, "outputs", name] => {
            scope.outputs.get(*id).and_then(|o| o.get(*name)).cloned().unwrap_or_default()
        }
        ["runner", "temp"] => ctx.temp.display().to_string(),
        _ => panic!("this test does not know the expression `{expr}`"),
    }
}

/// `if:` conditions of the form `a == 'x' && b == 'y'`.
fn condition(cond: &str, scope: &Scope, ctx: &Runner) -> bool {
    cond.split("&&").all(|clause| {
        let (left, right) = clause.split_once("==").unwrap_or_else(|| panic!("unknown condition `{cond}`"));
        lookup(left.trim(), scope, ctx) == right.trim().trim_matches('\'')
    })
}

struct Runner {
    workdir: PathBuf,
    temp: PathBuf,
    path: Vec<PathBuf>,
    /// Inputs the test sets on the Gazette action beyond what the workflow gives.
    action_overrides: BTreeMap<String, String>,
    /// Each stubbed third-party action's outputs, by action name.
    stubs: BTreeMap<&'static str, BTreeMap<String, String>>,
    uploaded: Option<PathBuf>,
}

impl Runner {
    /// Runs a list of steps; returns the outputs by step id.
    fn run_steps(&mut self, steps: &[Value], scope: &mut Scope) -> Result<(), String> {
        for (i, step) in steps.iter().enumerate() {
            if let Some(cond) = text(step, "if") {
                if !condition(cond, scope, self) {
                    continue;
                }
            }
            let id = text(step, "id").map_or_else(|| format!("#{i}"), str::to_owned);
            let outputs = if let Some(run) = text(step, "run") {
                self.run_script(step, run, scope)?
            } else {
                self.run_action(step, text(step, "uses").unwrap(), scope)?
            };
            scope.outputs.insert(id, outputs);
        }
        Ok(())
    }

    fn run_script(&mut self, step: &Value, run: &str, scope: &Scope) -> Result<BTreeMap<String, String>, String> {
        let output_file = self.temp.join("github_output");
        let path_file = self.temp.join("github_path");
        std::fs::write(&output_file, "").unwrap();
        std::fs::write(&path_file, "").unwrap();
        let mut cmd = Command::new("bash");
        cmd.arg("-e").arg("-c").arg(expand(run, scope, self)).current_dir(&self.workdir);
        if let Some(Value::Mapping(env)) = step.get("env") {
            for (k, v) in env {
                cmd.env(k.as_str().unwrap(), expand(v.as_str().unwrap(), scope, self));
            }
        }
        let system_path = std::env::var("PATH").unwrap_or_default();
        let mut path: Vec<String> = self.path.iter().rev().map(|p| p.display().to_string()).collect();
        path.push(system_path);
        cmd.env("PATH", path.join(":"))
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_PATH", &path_file)
            .env("RUNNER_TEMP", &self.temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64");
        let out = cmd.output().unwrap();
        if !out.status.success() {
            return Err(format!(
                "step failed:\n{run}\n--- stdout\n{}\n--- stderr\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        for line in std::fs::read_to_string(&path_file).unwrap().lines() {
            self.path.push(PathBuf::from(line));
        }
        let outputs = std::fs::read_to_string(&output_file).unwrap();
        Ok(outputs.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.into(), v.into())).collect())
    }

    fn run_action(&mut self, step: &Value, uses: &str, scope: &Scope) -> Result<BTreeMap<String, String>, String> {
        let (name, _) = uses.split_once('@').unwrap_or((uses, ""));
        let with: BTreeMap<String, String> = match step.get("with") {
            Some(Value::Mapping(m)) => m
                .iter()
                .map(|(k, v)| {
                    let v =
                        v.as_str().map_or_else(|| yaml_serde::to_string(v).unwrap().trim().to_owned(), str::to_owned);
                    (k.as_str().unwrap().to_owned(), expand(&v, scope, self))
                })
                .collect(),
            _ => BTreeMap::new(),
        };
        match name {
            "gazette-ssg/gazette" | "./" => self.run_gazette_action(with),
            "actions/upload-pages-artifact" => {
                self.uploaded = Some(self.workdir.join(&with["path"]));
                Ok(BTreeMap::new())
            }
            _ => Ok(self.stubs.get(name).cloned().unwrap_or_else(|| panic!("no stub for `{uses}`"))),
        }
    }

    /// Runs `action.yml` from this repository with the given inputs (defaults filled in).
    fn run_gazette_action(&mut self, with: BTreeMap<String, String>) -> Result<BTreeMap<String, String>, String> {
        let action = yaml(&repo().join("action.yml"));
        let mut scope = Scope::default();
        for (name, spec) in action["inputs"].as_mapping().unwrap() {
            let default = spec.get("default").and_then(Value::as_str).unwrap_or("");
            scope.inputs.insert(name.as_str().unwrap().into(), default.into());
        }
        for (k, v) in with.into_iter().chain(self.action_overrides.clone()) {
            assert!(scope.inputs.contains_key(&k), "the action has no input `{k}`");
            scope.inputs.insert(k, v);
        }
        let steps = action["runs"]["steps"].as_sequence().unwrap().clone();
        self.run_steps(&steps, &mut scope)?;
        let mut outputs = BTreeMap::new();
        for (name, spec) in action["outputs"].as_mapping().unwrap() {
            outputs.insert(name.as_str().unwrap().into(), expand(spec["value"].as_str().unwrap(), &scope, self));
        }
        Ok(outputs)
    }
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 until the test ends; returns the base URL.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_owned();
            let mut stream = stream;
            match std::fs::read(dir.join(&path)) {
                Ok(body) if !path.contains("..") => {
                    let head =
                        format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
                }
                _ => {
                    let _ =
                        stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                }
            }
        }
    });
    base
}

/// Packs the binary under test as the release workflow packs it (`gazette-ssg-<target>.tar.xz`
/// holding `gazette-ssg-<target>/gazette`, and a `.sha256` beside it), under `v<version>/`.
fn fake_release(root: &Path, version: &str) -> PathBuf {
    let target = "x86_64-unknown-linux-musl";
    let name = format!("gazette-ssg-{target}");
    let stage = root.join("stage").join(&name);
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_gazette"), stage.join("gazette")).unwrap();
    let dir = root.join(format!("v{version}"));
    std::fs::create_dir_all(&dir).unwrap();
    let archive = dir.join(format!("{name}.tar.xz"));
    // The fastest xz level: a debug binary is large and the test is not about compression.
    let ok = Command::new("tar")
        .env("XZ_OPT", "-0 -T0")
        .arg("-cJf")
        .arg(&archive)
        .arg("-C")
        .arg(root.join("stage"))
        .arg(&name)
        .status();
    assert!(ok.unwrap().success(), "tar -cJf failed (needs xz)");
    let sum = Command::new("sha256sum").arg(format!("{name}.tar.xz")).current_dir(&dir).output().unwrap();
    std::fs::write(dir.join(format!("{name}.tar.xz.sha256")), sum.stdout).unwrap();
    archive
}

fn init_site(root: &Path) -> PathBuf {
    let site = root.join("my-digest");
    let out = Command::new(env!("CARGO_BIN_EXE_gazette")).arg("init").arg(&site).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    site
}

fn runner(root: &Path, site: &Path, download_url: String) -> Runner {
    let temp = root.join("runner-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let pages = BTreeMap::from([("base_url".to_owned(), "https://someone.github.io/my-digest".to_owned())]);
    Runner {
        workdir: site.to_path_buf(),
        temp,
        path: vec![],
        action_overrides: BTreeMap::from([("download-url".to_owned(), download_url)]),
        stubs: BTreeMap::from([("actions/checkout", BTreeMap::new()), ("actions/configure-pages", pages)]),
        uploaded: None,
    }
}

fn build_job_steps(site: &Path) -> Vec<Value> {
    let workflow = yaml(&site.join(".github/workflows/pages.yml"));
    workflow["jobs"]["build"]["steps"].as_sequence().unwrap().clone()
}

#[test]
fn init_pages_workflow_installs_the_pinned_release_and_builds_the_site() {
    let root = tempfile::tempdir().unwrap();
    let site = init_site(root.path());
    let version = std::fs::read_to_string(site.join("gazette.version")).unwrap().trim().to_owned();
    let releases = root.path().join("releases");
    fake_release(&releases, &version);
    let mut runner = runner(root.path(), &site, serve(releases));
    runner.run_steps(&build_job_steps(&site), &mut Scope::default()).unwrap_or_else(|e| panic!("{e}"));

    let uploaded = runner.uploaded.expect("the site was not uploaded");
    assert_eq!(uploaded, site.join("./output"));
    let front = std::fs::read_to_string(uploaded.join("index.html")).unwrap();
    assert!(front.contains("https://someone.github.io/my-digest/"), "the base URL was not used");
    let installed = root.path().join(format!("runner-temp/gazette-{version}/bin/gazette"));
    assert!(installed.exists(), "the binary was not installed where the action puts it");
}

#[test]
fn a_release_whose_checksum_does_not_match_is_not_installed() {
    let root = tempfile::tempdir().unwrap();
    let site = init_site(root.path());
    let version = std::fs::read_to_string(site.join("gazette.version")).unwrap().trim().to_owned();
    let releases = root.path().join("releases");
    let archive = fake_release(&releases, &version);
    let mut bytes = std::fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&archive, bytes).unwrap();
    let mut runner = runner(root.path(), &site, serve(releases));
    let err = runner.run_steps(&build_job_steps(&site), &mut Scope::default()).unwrap_err();
    assert!(err.contains("Checksum mismatch"), "{err}");
    assert!(runner.uploaded.is_none());
    assert!(!root.path().join(format!("runner-temp/gazette-{version}/bin/gazette")).exists());
}

#[test]
fn a_missing_release_fails_with_the_url() {
    let root = tempfile::tempdir().unwrap();
    let site = init_site(root.path());
    std::fs::write(site.join("gazette.version"), "9.9.9\n").unwrap();
    let empty = root.path().join("releases");
    std::fs::create_dir_all(&empty).unwrap();
    let base = serve(empty);
    let mut runner = runner(root.path(), &site, base.clone());
    let err = runner.run_steps(&build_job_steps(&site), &mut Scope::default()).unwrap_err();
    assert!(err.contains(&format!("{base}/v9.9.9/gazette-ssg-x86_64-unknown-linux-musl.tar.xz")), "{err}");
}

// --- the scheduled fetch workflow -----------------------------------------------------------

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// An RSS feed of two reports with their full text, as an outlet would publish it.
fn harbour_feed(origin: &str) -> String {
    let report = |n: usize, topic: &str| -> String {
        (0..14)
            .map(|i| {
                format!(
                    "The {topic} board met for the {}th time this season and agreed on measure {} after a long debate \
                     about berth fees, night shifts and the state of the eastern breakwater.",
                    n * 20 + i,
                    n * 100 + i
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Harbour Echo</title>\
         <link>{origin}/</link>\
         <item><guid>echo-1</guid><title>Harbour board agrees on berth fees</title><link>{origin}/a/1</link>\
         <description>{}</description><pubDate>Wed, 18 Nov 2026 07:00:00 GMT</pubDate></item>\
         <item><guid>echo-2</guid><title>Night shifts return to the east quay</title><link>{origin}/a/2</link>\
         <description>{}</description><pubDate>Wed, 18 Nov 2026 09:00:00 GMT</pubDate></item>\
         </channel></rss>",
        report(1, "harbour"),
        report(2, "quay")
    )
}

#[test]
fn init_fetch_workflow_commits_new_articles_once_then_deploys() {
    let root = tempfile::tempdir().unwrap();
    let site = init_site(root.path());
    let version = std::fs::read_to_string(site.join("gazette.version")).unwrap().trim().to_owned();
    let served = root.path().join("served");
    fake_release(&served, &version);
    let origin = serve(served.clone());
    std::fs::write(served.join("feed.xml"), harbour_feed(&origin)).unwrap();
    let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let feeds = format!("feeds:\n  - url: {origin}/feed.xml\n    topic: world\n    full_text: never\n");
    std::fs::write(site.join("site.yaml"), config + &feeds).unwrap();

    // The site's repository on "GitHub": a bare repository the workflow pushes to.
    let remote = root.path().join("remote.git");
    git(root.path(), &["init", "-q", "--bare", "-b", "main", remote.to_str().unwrap()]);
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "add", "."]);
    git(&site, &["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-qm", "New site"]);
    git(&site, &["remote", "add", "origin", remote.to_str().unwrap()]);
    git(&site, &["push", "-q", "-u", "origin", "main"]);

    let workflow = yaml(&site.join(".github/workflows/fetch.yml"));
    let steps = workflow["jobs"]["fetch"]["steps"].as_sequence().unwrap().clone();
    let count = || git(&remote, &["rev-list", "--count", "main"]).trim().parse::<u32>().unwrap();

    let mut first = runner(root.path(), &site, origin.clone());
    let mut scope = Scope::default();
    first.run_steps(&steps, &mut scope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scope.outputs["commit"]["changed"], "true");
    assert_eq!(count(), 2, "one commit with what was fetched");
    let files = git(&remote, &["show", "--name-only", "--format=%an", "main"]);
    assert!(files.starts_with("github-actions[bot]"), "{files}");
    assert!(files.contains(".gazette/fetch.json"), "{files}");
    assert_eq!(files.lines().filter(|l| l.starts_with("content/articles/")).count(), 2, "{files}");
    let uploaded = first.uploaded.expect("new articles were not built and uploaded");
    let edition = std::fs::read_to_string(uploaded.join("editions/2026/11/18/index.html")).unwrap();
    assert!(edition.contains("Harbour board agrees on berth fees"), "the fetched article is not in its edition");

    // An hour later nothing is new: nothing is committed, built or deployed.
    let mut second = runner(root.path(), &site, origin);
    let mut scope = Scope::default();
    second.run_steps(&steps, &mut scope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(scope.outputs["commit"]["changed"], "false");
    assert_eq!(count(), 2);
    assert!(second.uploaded.is_none());
}
