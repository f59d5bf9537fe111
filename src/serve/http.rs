//! The preview server: serves the in-memory site under the base path, injects the
//! live-reload script into HTML, and streams reload and error events (server-sent events).

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::store::MemorySite;

/// What the watcher tells open pages.
#[derive(Debug, Clone)]
pub enum Notice {
    Reload,
    Error(String),
}

pub struct Shared {
    pub store: MemorySite,
    pub base_path: String,
    pub notices: broadcast::Sender<Notice>,
    /// The current build error, shown to pages that connect while it lasts.
    pub error: std::sync::Mutex<Option<String>>,
    /// Whether the site has a search index (built when first asked for).
    pub search: bool,
    pub work: std::sync::mpsc::Sender<super::Work>,
}

/// Path of the event stream, under the base path.
pub const EVENTS: &str = "__gazette/events";

pub fn router(shared: Arc<Shared>) -> axum::Router {
    axum::Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path();
    let Some(rel) = path.strip_prefix(shared.base_path.as_str()) else {
        if path == "/" || format!("{path}/") == shared.base_path {
            return redirect(&shared.base_path);
        }
        return not_found(&shared);
    };
    if rel == EVENTS {
        return events(shared).into_response();
    }
    let rel = crate::slug::percent_decode(rel);
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.clone() };
    if shared.search && rel.starts_with(crate::render::search::BUNDLE_DIR) && !shared.store.contains(&file) {
        // The index is built on the build thread; wait for it.
        let (reply, done) = tokio::sync::oneshot::channel();
        if shared.work.send(super::Work::Search(reply)).is_ok() {
            let _ = done.await;
        }
    }
    match shared.store.get(&file) {
        Some(bytes) => respond(&shared, &file, &bytes, StatusCode::OK),
        None if shared.store.contains(&format!("{rel}/index.html")) => redirect(&format!("{path}/")),
        None => not_found(&shared),
    }
}

fn redirect(to: &str) -> Response {
    (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to.to_owned())]).into_response()
}

fn not_found(shared: &Shared) -> Response {
    match shared.store.get("404.html") {
        Some(bytes) => respond(shared, "404.html", &bytes, StatusCode::NOT_FOUND),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn respond(shared: &Shared, file: &str, bytes: &[u8], status: StatusCode) -> Response {
    let kind = content_type(file);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(bytes, &shared.base_path))
    } else {
        Body::from(bytes.to_vec())
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, kind)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Adds the live-reload script before `</body>` (only in serve mode; built files never have it).
fn inject(html: &[u8], base: &str) -> Vec<u8> {
    let script = format!("<script>{}</script>", RELOAD_JS.replace("__EVENTS__", &format!("{base}{EVENTS}")));
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// Reloads on "reload"; shows build errors in an overlay on "failed".
const RELOAD_JS: &str = r#"(()=>{const s=new EventSource("__EVENTS__");let o;s.addEventListener("reload",()=>location.reload());s.addEventListener("failed",e=>{if(!o){o=document.createElement("pre");o.id="gazette-error";o.setAttribute("role","alert");o.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1em;background:#2b0b0b;color:#ffe9e9;font:13px/1.45 monospace;white-space:pre-wrap;z-index:2147483647";document.body.append(o)}o.textContent="Gazette: the last change did not build. The page shows the last good version.\n\n"+e.data})})();"#;

fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let current = shared.error.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let first = tokio_stream::iter(current.map(|e| Ok(Event::default().event("failed").data(e))));
    let rest = BroadcastStream::new(shared.notices.subscribe()).filter_map(|n| match n {
        Ok(Notice::Reload) => Some(Ok(Event::default().event("reload").data("reload"))),
        Ok(Notice::Error(e)) => Some(Ok(Event::default().event("failed").data(e))),
        Err(_) => None,
    });
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "wasm" => "application/wasm",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body>x</body></html>", "/repo/")).unwrap();
        assert!(out.contains("x<script>") && out.ends_with("</script></body></html>"));
        assert!(out.contains("/repo/__gazette/events"));
    }
}
