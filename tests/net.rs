//! The HTTP layer against a real server on 127.0.0.1: redirects, conditional requests,
//! compressed bodies, errors, timeouts, size limits, `Retry-After` and the per-host limit.

mod common;

use std::time::{Duration, Instant};

use common::origin::{brotli, deflate, gzip, serve, Body, Reply};
use gazette::net::{Client, ClientOptions, Fetched, Limits, NetError, Response, Validators};

fn client_with(limits: Limits) -> Client {
    let mut options = ClientOptions::new(Some("https://news.example.org/"));
    options.limits = limits;
    Client::new(&options).unwrap()
}

fn client() -> Client {
    client_with(Limits::default())
}

fn get(client: &Client, url: &str) -> Result<Response, NetError> {
    gazette::net::runtime().unwrap().block_on(client.get(url))
}

#[test]
fn redirect_chains_are_followed_to_the_final_url() {
    let origin = serve(|req| match req.path.as_str() {
        "/a" => Reply::redirect(301, "/b"),
        "/b" => Reply::redirect(302, "/c?x=1"),
        "/c?x=1" => Reply::redirect(307, "/final"),
        "/final" => Reply::ok("text/html", "<p>here</p>"),
        _ => Reply::status(404),
    });
    let r = get(&client(), &origin.url("/a")).unwrap();
    assert_eq!(r.url.as_str(), origin.url("/final"));
    assert_eq!(r.body, b"<p>here</p>");
}

#[test]
fn endless_redirects_stop_after_ten() {
    let origin = serve(|req| {
        let n: u32 = req.path.trim_start_matches("/r").parse().unwrap_or(0);
        Reply::redirect(302, &format!("/r{}", n + 1))
    });
    let err = get(&client(), &origin.url("/r0")).unwrap_err();
    assert!(matches!(err, NetError::TooManyRedirects { max: 10, .. }), "{err}");
    assert_eq!(origin.requests.lock().unwrap().len(), 11, "the first request and ten redirects");
}

#[test]
fn a_redirect_to_a_file_url_is_refused() {
    let origin = serve(|_| Reply::redirect(302, "file:///etc/passwd"));
    let err = get(&client(), &origin.url("/page")).unwrap_err();
    assert!(matches!(&err, NetError::RedirectScheme { to, .. } if to == "file:///etc/passwd"), "{err}");
    assert!(err.to_string().contains("only http:// and https:// redirects are followed"), "{err}");
    // And a file URL asked for directly is refused before any request.
    assert!(matches!(get(&client(), "file:///etc/passwd"), Err(NetError::Scheme(_))));
}

#[test]
fn conditional_requests_send_validators_and_read_304_without_a_body() {
    let origin = serve(|req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            return Reply::status(304).header("ETag", "\"v1\"");
        }
        Reply::ok("application/rss+xml", "<rss/>")
            .header("ETag", "\"v1\"")
            .header("Last-Modified", "Wed, 18 Nov 2026 07:45:00 GMT")
    });
    let c = client();
    let rt = gazette::net::runtime().unwrap();
    let first = rt.block_on(c.get_if_changed(&origin.url("/feed"), &Validators::default())).unwrap();
    let Fetched::Body(r) = first else { panic!("expected a body") };
    assert_eq!(r.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(r.validators.last_modified.as_deref(), Some("Wed, 18 Nov 2026 07:45:00 GMT"));
    let second = rt.block_on(c.get_if_changed(&origin.url("/feed"), &r.validators)).unwrap();
    assert!(matches!(second, Fetched::NotModified));
    let seen = origin.seen("/feed");
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(seen[1].header("if-modified-since"), Some("Wed, 18 Nov 2026 07:45:00 GMT"));
}

#[test]
fn gzip_deflate_and_brotli_bodies_are_decoded() {
    let text = "<p>Harbour pilots return to work after the strike.</p>".repeat(50);
    let page = text.clone();
    let origin = serve(move |req| {
        let encoding = req.path.trim_start_matches('/');
        let body = match encoding {
            "gzip" => gzip(page.as_bytes()),
            "deflate" => deflate(page.as_bytes()),
            "br" => brotli(page.as_bytes()),
            _ => page.clone().into_bytes(),
        };
        Reply::ok("text/html", body).header("Content-Encoding", encoding)
    });
    let c = client();
    for encoding in ["gzip", "deflate", "br"] {
        let r = get(&c, &origin.url(&format!("/{encoding}"))).unwrap();
        assert_eq!(String::from_utf8(r.body).unwrap(), text, "{encoding}");
        let accepted = origin.seen(&format!("/{encoding}"))[0].header("accept-encoding").unwrap_or_default().to_owned();
        assert!(["gzip", "deflate", "br"].iter().all(|e| accepted.contains(e)), "{accepted}");
    }
}

#[test]
fn errors_name_the_url_and_the_status() {
    let origin = serve(|req| match req.path.as_str() {
        "/missing" => Reply::status(404),
        _ => Reply::status(500),
    });
    let c = client();
    let err = get(&c, &origin.url("/missing")).unwrap_err();
    assert_eq!(err.to_string(), format!("GET {} answered 404 Not Found", origin.url("/missing")));
    assert!(!err.is_transient());
    let err = get(&c, &origin.url("/broken")).unwrap_err();
    assert!(matches!(err, NetError::Status { status: 500, .. }) && err.is_transient(), "{err}");
}

fn short_limits() -> Limits {
    Limits { total_timeout: Duration::from_millis(800), ..Limits::default() }
}

#[test]
fn a_server_that_does_not_answer_times_out() {
    let origin = serve(|_| Reply::ok("text/html", "late").delay(Duration::from_secs(3)));
    let start = Instant::now();
    let err = get(&client_with(short_limits()), &origin.url("/slow")).unwrap_err();
    assert!(matches!(err, NetError::Timeout { .. }) && err.is_transient(), "{err}");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn an_endless_slow_body_times_out() {
    let origin = serve(|_| Reply {
        body: Body::Trickle { chunk: b"<p>more".to_vec(), every: Duration::from_millis(50), count: None },
        ..Reply::status(200).header("Content-Type", "text/html")
    });
    let start = Instant::now();
    let err = get(&client_with(short_limits()), &origin.url("/drip")).unwrap_err();
    assert!(matches!(err, NetError::Timeout { .. }), "{err}");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn oversized_bodies_are_refused_with_or_without_a_length() {
    let limits = Limits { max_body: 1000, ..Limits::default() };
    let origin = serve(|req| match req.path.as_str() {
        "/declared" => Reply::ok("text/html", vec![b'a'; 5000]),
        "/chunked" => Reply {
            body: Body::Trickle { chunk: vec![b'b'; 300], every: Duration::from_millis(1), count: Some(100) },
            ..Reply::status(200)
        },
        // Small on the wire, large once decompressed.
        _ => Reply::ok("text/html", gzip(&vec![b'c'; 100_000])).header("Content-Encoding", "gzip"),
    });
    let c = client_with(limits);
    for path in ["/declared", "/chunked", "/bomb"] {
        let err = get(&c, &origin.url(path)).unwrap_err();
        assert!(matches!(err, NetError::TooLarge { limit: 1000, .. }), "{path}: {err}");
    }
}

#[test]
fn retry_after_is_waited_for_and_the_request_tried_again() {
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let origin = serve(move |_| {
        if counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
            Reply::status(429).header("Retry-After", "1")
        } else {
            Reply::ok("text/html", "<p>ok</p>")
        }
    });
    let start = Instant::now();
    let r = get(&client(), &origin.url("/busy")).unwrap();
    assert_eq!(r.body, b"<p>ok</p>");
    assert!(start.elapsed() >= Duration::from_secs(1), "waited {:?}", start.elapsed());
    assert_eq!(origin.seen("/busy").len(), 2);
}

#[test]
fn a_retry_after_longer_than_the_limit_fails_at_once() {
    let origin = serve(|_| Reply::status(503).header("Retry-After", "3600"));
    let start = Instant::now();
    let err = get(&client(), &origin.url("/later")).unwrap_err();
    assert!(matches!(err, NetError::Busy { status: 503, .. }) && err.is_transient(), "{err}");
    assert!(err.to_string().contains("asked to wait 3600 s"), "{err}");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(origin.seen("/later").len(), 1);
}

#[test]
fn the_user_agent_names_gazette_and_the_site() {
    let origin = serve(|_| Reply::ok("text/plain", "x"));
    get(&client(), &origin.url("/ua")).unwrap();
    let ua = origin.seen("/ua")[0].header("user-agent").unwrap().to_owned();
    assert_eq!(ua, format!("Gazette/{} (+https://news.example.org/)", env!("CARGO_PKG_VERSION")));
}

#[test]
fn one_request_at_a_time_per_host_and_the_total_bounded() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let (running, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let hosts: Vec<_> = (0..5)
        .map(|_| {
            let (running, peak) = (running.clone(), peak.clone());
            serve(move |_| {
                peak.fetch_max(running.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(60));
                running.fetch_sub(1, Ordering::SeqCst);
                Reply::ok("text/plain", "x")
            })
        })
        .collect();
    let mut options = ClientOptions::new(None);
    options.concurrency = 3;
    let c = Client::new(&options).unwrap();
    let urls: Vec<String> = (0..4).flat_map(|i| hosts.iter().map(move |h| h.url(&format!("/{i}")))).collect();
    let results = gazette::net::runtime().unwrap().block_on(c.get_all(&urls));
    assert!(results.iter().all(Result::is_ok));
    for h in &hosts {
        assert_eq!(h.peak.load(Ordering::SeqCst), 1, "one request at a time per host");
    }
    assert_eq!(peak.load(Ordering::SeqCst), 3, "the total limit is reached and never passed");
}
