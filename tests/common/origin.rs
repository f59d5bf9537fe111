//! A web server for tests, on a loopback address: each request is answered by a function the
//! test gives, and every request is recorded. Answers can be delayed, trickled slowly or
//! endlessly, so the client's timeouts and limits meet real sockets.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the server saw it. Header names are lower-cased.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `GET`, `HEAD`, …
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

pub enum Body {
    Bytes(Vec<u8>),
    /// `chunk` every `every`, `count` times (forever with `None`), with no `Content-Length`.
    Trickle {
        chunk: Vec<u8>,
        every: Duration,
        count: Option<usize>,
    },
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// Wait this long before answering at all.
    pub delay: Duration,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200).header("Content-Type", content_type).body(body)
    }

    pub fn status(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Body::Bytes(Vec::new()), delay: Duration::ZERO }
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply::status(status).header("Location", location)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Reply {
        self.body = Body::Bytes(body.into());
        self
    }

    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

pub struct Origin {
    pub host: String,
    pub port: u16,
    pub requests: Arc<Mutex<Vec<Seen>>>,
    /// The most requests in hand at the same time (from arrival until the answer is ready).
    pub peak: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

/// Serves on 127.0.0.1 with a free port.
pub fn serve(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Origin {
    serve_on("127.0.0.1", handler)
}

/// Serves on `ip` (any 127.x.y.z is loopback on Linux) with a free port.
pub fn serve_on(ip: &str, handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Origin {
    let listener = TcpListener::bind((ip, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let handler: Arc<Handler> = Arc::new(handler);
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (stop, peak, running) =
        (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let origin =
        Origin { host: ip.to_owned(), port, requests: requests.clone(), peak: peak.clone(), stop: stop.clone() };
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let Ok(stream) = stream else { continue };
            let (handler, requests, peak, running) = (handler.clone(), requests.clone(), peak.clone(), running.clone());
            std::thread::spawn(move || {
                let _ = answer(stream, &*handler, &requests, (&running, &peak));
            });
        }
    });
    origin
}

impl Origin {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}:{}{path}", self.host, self.port)
    }

    /// The requests made to `path` so far.
    pub fn seen(&self, path: &str) -> Vec<Seen> {
        self.requests.lock().unwrap().iter().filter(|s| s.path == path).cloned().collect()
    }
}

impl Drop for Origin {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect((self.host.as_str(), self.port)); // wake the accept loop
    }
}

/// Answers one request. `load` (running, peak) counts the request as in hand from its arrival
/// until its answer is ready, not until the answer is written: a client that sends its next
/// request as soon as it has read an answer must not be seen overlapping with the thread that
/// is still returning from the write (a race that made a per-host limit of 1 look like 2).
fn answer(
    stream: TcpStream,
    handler: &Handler,
    requests: &Mutex<Vec<Seen>>,
    load: (&AtomicUsize, &AtomicUsize),
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let method = line.split_whitespace().next().unwrap_or("GET").to_owned();
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let seen = Seen { method, path, headers };
    requests.lock().unwrap().push(seen.clone());
    let (running, peak) = load;
    peak.fetch_max(running.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
    let reply = handler(&seen);
    std::thread::sleep(reply.delay);
    running.fetch_sub(1, Ordering::SeqCst);
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    for (k, v) in &reply.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    match reply.body {
        Body::Bytes(bytes) => {
            if !reply.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
                head.push_str(&format!("Content-Length: {}\r\n", bytes.len()));
            }
            out.write_all(format!("{head}\r\n").as_bytes())?;
            out.write_all(&bytes)?;
        }
        Body::Trickle { chunk, every, count } => {
            out.write_all(format!("{head}\r\n").as_bytes())?;
            let mut sent = 0;
            while count.is_none_or(|c| sent < c) {
                out.write_all(&chunk)?;
                out.flush()?;
                sent += 1;
                std::thread::sleep(every);
            }
        }
    }
    out.flush()
}

/// Bodies compressed as a server would send them.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &Default::default()).unwrap();
    out
}
