//! A tiny static file server for tests: serves a built site under `/REPO/` on 127.0.0.1,
//! like GitHub Pages serves a project site. It answers a bounded number of connections,
//! one thread each, and stops when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const PREFIX: &str = "/REPO/";
pub const MAX_CONNECTIONS: usize = 3_000;

pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Binds first (the build needs the port for its base URL), serves once `start` is called.
pub struct Bound {
    listener: TcpListener,
    pub port: u16,
}

pub fn bind() -> Bound {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    Bound { listener, port }
}

impl Bound {
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}{PREFIX}", self.port)
    }

    pub fn start(self, root: PathBuf) -> Server {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let listener = self.listener;
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS) {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || handle(stream, &root));
            }
        });
        Server { port: self.port, stop, thread: Some(thread) }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port)); // wake the accept loop
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "xml" => "application/xml",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "txt" => "text/plain",
        _ => "application/octet-stream",
    }
}

pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Like GitHub Pages: `/REPO/x/` → `x/index.html`, `/REPO/x` (a folder) → 301 to `/REPO/x/`,
/// anything else → 404 with the site's `404.html`.
fn respond(root: &Path, raw_path: &str) -> (u16, Option<String>, PathBuf) {
    let path = raw_path.split(['?', '#']).next().unwrap_or_default();
    let not_found = (404, None, root.join("404.html"));
    if path == "/REPO" {
        return (301, Some(PREFIX.into()), PathBuf::new());
    }
    let Some(rel) = path.strip_prefix(PREFIX) else { return not_found };
    let rel = percent_decode(rel);
    if rel.split('/').any(|s| s == "..") {
        return not_found;
    }
    let file = root.join(&rel);
    if rel.is_empty() || rel.ends_with('/') {
        let index = file.join("index.html");
        return if index.is_file() { (200, None, index) } else { not_found };
    }
    if file.is_dir() {
        return (301, Some(format!("{path}/")), PathBuf::new());
    }
    if file.is_file() {
        (200, None, file)
    } else {
        not_found
    }
}

fn handle(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(clone) = stream.try_clone() else { return };
    let mut reader = BufReader::new(clone);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() || request_line.is_empty() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let (status, location, file) = respond(root, &path);
    let body = if status == 301 { Vec::new() } else { std::fs::read(&file).unwrap_or_default() };
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        _ => "Not Found",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        content_type(&file),
        body.len()
    );
    if let Some(l) = location {
        head.push_str(&format!("Location: {l}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&body));
}

pub struct Response {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// A plain HTTP/1.1 GET on the loopback server.
pub fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut location = None;
    let mut content_type = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.to_ascii_lowercase().as_str() {
                "location" => location = Some(v.trim().to_owned()),
                "content-type" => content_type = v.trim().to_owned(),
                _ => {}
            }
        }
    }
    Response { status, location, content_type, body: raw[split + 4..].to_vec() }
}
