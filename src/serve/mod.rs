//! `gazette serve`: builds the site in memory, serves it under the path of `base_url`,
//! watches the site's files and rebuilds what changed, reloading open pages.

mod http;
mod live;
mod session;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tokio::sync::broadcast;

use crate::project::ProjectOptions;
use http::{Notice, Shared};
use session::{error_text, Outcome, Session};

/// Work for the build thread: changed files, or a request that needs the search index.
pub(crate) enum Work {
    Changes(DebounceEventResult),
    Search(tokio::sync::oneshot::Sender<()>),
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: String,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// Runs the preview server until the process is interrupted.
///
/// Builds happen on plain threads, never inside the async runtime (the search indexer runs
/// a runtime of its own). The search index is built only when a page asks for it, and again
/// after a change only when asked again: at 10 000 articles it takes most of a minute.
pub fn serve(mut options: ServeOptions) -> anyhow::Result<()> {
    // Watch events carry canonical paths; give the session the same form.
    options.site =
        std::fs::canonicalize(&options.site).with_context(|| format!("failed to read `{}`", options.site.display()))?;
    let addr: SocketAddr = format!("{}:{}", options.bind, options.port)
        .parse()
        .with_context(|| format!("`{}` is not an address to listen on", options.bind))?;
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("failed to listen on {addr}"))?;
    listener.set_nonblocking(true)?;
    // The site as site.yaml has it, served from this address: only the origin changes.
    let project = ProjectOptions {
        origin: Some(format!("http://{}", listener.local_addr()?)),
        drafts: options.drafts,
        ..ProjectOptions::new(&options.site)
    };
    let config = project.config()?;
    let base_url = config.url.absolute("");
    let (notices, _) = broadcast::channel(16);
    let (work, todo) = std::sync::mpsc::channel::<Work>();
    let shared = Arc::new(Shared {
        store: Default::default(),
        base_path: config.url.base_path().to_owned(),
        notices,
        error: std::sync::Mutex::new(None),
        search: config.site.search,
        work: work.clone(),
    });
    let mut session = Session::new(project);
    report(&shared, session.full_build(&shared.store));
    println!("Serving {} at {base_url} (Ctrl-C to stop)", options.site.display());
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if options.open {
        let _ = open::that(&base_url);
    }
    let _watcher = watch(&options.site, shared.clone(), session, work, todo)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, http::router(shared))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        anyhow::Ok(())
    })
}

/// Prints a rebuild's result and tells open pages.
fn report(shared: &Shared, result: anyhow::Result<Outcome>) {
    match result {
        Ok(Outcome::Nothing) => {}
        Ok(Outcome::Rebuilt { pages, took, kind }) => {
            eprintln!("rebuilt ({kind}): {pages} pages in {:.1} ms", took.as_secs_f64() * 1000.0);
            *shared.error.lock().unwrap_or_else(|p| p.into_inner()) = None;
            let _ = shared.notices.send(Notice::Reload);
        }
        Err(e) => {
            let text = error_text(&e);
            eprintln!("{text}\nerror: the change did not build; still serving the last good version");
            *shared.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(text.clone());
            let _ = shared.notices.send(Notice::Error(text));
        }
    }
}

/// Watches site.yaml, content/, themes/ and static/; rebuilds on a background thread, which
/// also builds the search index when a request needs it.
fn watch(
    site: &std::path::Path,
    shared: Arc<Shared>,
    mut session: Session,
    work: std::sync::mpsc::Sender<Work>,
    todo: std::sync::mpsc::Receiver<Work>,
) -> anyhow::Result<impl Drop> {
    // Events are passed on once a file has been quiet for 10 ms: an editor's save (truncate
    // and write, or write and rename) takes well under that, and the wait is part of every
    // edit's latency. A save caught half-way costs one more rebuild, not a wrong site: the
    // session reads every file changed since the last good build again.
    let mut debouncer = new_debouncer(Duration::from_millis(10), None, move |r| {
        let _ = work.send(Work::Changes(r));
    })?;
    let root = site.to_path_buf();
    for name in ["site.yaml", "content", "themes", "static"] {
        let path = root.join(name);
        if path.exists() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("failed to watch `{}`", path.display()))?;
        }
    }
    std::thread::spawn(move || {
        while let Ok(first) = todo.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut waiting = Vec::new();
            for item in std::iter::once(first).chain(todo.try_iter()) {
                match item {
                    // Reading files during a build reports access events: only real changes count.
                    Work::Changes(Ok(events)) => {
                        let changes = events.into_iter().filter(|e| is_change(&e.event.kind));
                        paths.extend(changes.flat_map(|e| e.event.paths));
                    }
                    Work::Changes(Err(_)) => {}
                    Work::Search(reply) => waiting.push(reply),
                }
            }
            if !paths.is_empty() {
                paths.sort();
                paths.dedup();
                report(&shared, session.rebuild(&paths, &shared.store));
            }
            if !waiting.is_empty() {
                match session.search_index(&shared.store) {
                    Ok(Some(took)) => eprintln!("search index built in {:.1} s", took.as_secs_f64()),
                    Ok(None) => {}
                    Err(e) => eprintln!("error: the search index did not build: {}", error_text(&e)),
                }
                for reply in waiting {
                    let _ = reply.send(());
                }
            }
        }
    });
    Ok(debouncer)
}

fn is_change(kind: &notify_debouncer_full::notify::EventKind) -> bool {
    use notify_debouncer_full::notify::event::{EventKind, ModifyKind};
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
