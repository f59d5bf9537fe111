//! `gazette serve`: builds the site in memory, serves it under the path of `base_url`,
//! watches the site's files and rebuilds what changed, reloading open pages.

mod http;
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

use crate::build::BuildOptions;
use crate::config::Config;
use http::{Notice, Shared};
use session::{error_text, Outcome, Session};

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
/// a runtime of its own).
pub fn serve(mut options: ServeOptions) -> anyhow::Result<()> {
    // Watch events carry canonical paths; give the session the same form.
    options.site =
        std::fs::canonicalize(&options.site).with_context(|| format!("failed to read `{}`", options.site.display()))?;
    let config = Config::load(&options.site, None)?;
    let addr: SocketAddr = format!("{}:{}", options.bind, options.port)
        .parse()
        .with_context(|| format!("`{}` is not an address to listen on", options.bind))?;
    let listener = std::net::TcpListener::bind(addr).with_context(|| format!("failed to listen on {addr}"))?;
    listener.set_nonblocking(true)?;
    let base_url = format!("http://{}{}", listener.local_addr()?, config.base_path);

    let mut build = BuildOptions::new(&options.site);
    build.base_url = Some(base_url.clone());
    build.drafts = options.drafts;
    let (notices, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        store: Default::default(),
        base_path: config.base_path.clone(),
        notices,
        error: std::sync::Mutex::new(None),
    });
    let mut session = Session::new(build);
    report(&shared, session.full_build(&shared.store));
    println!("Serving {} at {base_url} (Ctrl-C to stop)", options.site.display());
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    if options.open {
        let _ = open::that(&base_url);
    }
    let _watcher = watch(&options.site, shared.clone(), session)?;
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

/// Watches site.yaml, content/, themes/ and static/; rebuilds on a background thread.
fn watch(site: &std::path::Path, shared: Arc<Shared>, mut session: Session) -> anyhow::Result<impl Drop> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(30), None, tx)?;
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
        while let Ok(first) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            for events in std::iter::once(first).chain(rx.try_iter()).flatten() {
                // Reading files during a build reports access events: only real changes count.
                let changes = events.into_iter().filter(|e| is_change(&e.event.kind));
                paths.extend(changes.flat_map(|e| e.event.paths));
            }
            if paths.is_empty() {
                continue;
            }
            paths.sort();
            paths.dedup();
            report(&shared, session.rebuild(&paths, &shared.store));
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
