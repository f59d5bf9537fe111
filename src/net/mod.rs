//! The one HTTP layer of Gazette: every page, feed, picture and link check is fetched through
//! a [`Client`], below import, fetch and check in the layers. [`Client::probe`] (`probe.rs`)
//! asks only for a status: `HEAD`, or `GET` without its body.
//!
//! One place decides how Gazette behaves on the web:
//! - only `http://` and `https://`, also through redirects (at most [`Limits::max_redirects`]);
//! - a `User-Agent` naming Gazette, its version and the site ([`user_agent`]);
//! - connect timeout 10 s, total 30 s per request (body included), bodies over 10 MB refused
//!   (after decompression, so a small compressed bomb is refused too) — all [`Limits`];
//! - gzip, deflate and brotli bodies;
//! - conditional requests ([`Validators`]: `ETag`/`If-None-Match`,
//!   `Last-Modified`/`If-Modified-Since`), a `304` read as [`Fetched::NotModified`] with no body;
//! - `429` and `503` with a `Retry-After` up to [`Limits::max_retry_after`] waited for (holding
//!   the host, not a slot of the total) and tried again up to [`Limits::retries`] times;
//! - at most `per_host` requests at a time to one host (host name and port, see
//!   [`schedule::host_key`]) and `concurrency` in all ([`schedule`]).
//!
//! **Why reqwest.** Compared with `ureq` 3 (blocking) for the same needs: reqwest adds 27 crates
//! to this build (tokio, hyper and tower were already here for `serve`), ureq 16; a stripped
//! release program that fetches one URL on a tokio runtime grows by 3.4 MB with reqwest, 2.4 MB
//! with ureq. But ureq reads no `deflate` bodies, and its blocking calls would take a thread per
//! request in flight where reqwest takes a task, with the per-host and total limits as two async
//! semaphores. rustls runs on `ring` (no OpenSSL, and not aws-lc, a large C library built from
//! source); certificates are checked against the system's roots (`rustls-platform-verifier`).

mod error;
mod probe;
pub mod schedule;

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER};
use url::Url;

pub use error::NetError;
pub use probe::Probed;
use schedule::Scheduler;

/// The total number of requests in flight by default.
pub const DEFAULT_CONCURRENCY: usize = 8;

/// How long and how large a request may be.
#[derive(Debug, Clone)]
pub struct Limits {
    pub connect_timeout: Duration,
    /// From connecting to the last byte of the body.
    pub total_timeout: Duration,
    /// The largest body read, in bytes, after decompression.
    pub max_body: u64,
    pub max_redirects: usize,
    /// A `Retry-After` longer than this fails the request instead of waiting.
    pub max_retry_after: Duration,
    /// How many times a request answered `429`/`503` with a `Retry-After` is tried again.
    pub retries: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_body: 10 * 1024 * 1024,
            max_redirects: 10,
            max_retry_after: Duration::from_secs(60),
            retries: 2,
        }
    }
}

/// Everything a [`Client`] is built from.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    pub user_agent: String,
    pub limits: Limits,
    /// Requests in flight in all.
    pub concurrency: usize,
    /// Requests in flight to one host.
    pub per_host: usize,
}

impl ClientOptions {
    /// The defaults, with the `User-Agent` naming the site (its `base_url`) when there is one.
    pub fn new(site_url: Option<&str>) -> ClientOptions {
        ClientOptions {
            user_agent: user_agent(site_url),
            limits: Limits::default(),
            concurrency: DEFAULT_CONCURRENCY,
            per_host: 1,
        }
    }
}

/// `Gazette/0.1.0 (+https://news.example.org/)`: who is asking, and where to read about it.
pub fn user_agent(site_url: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match site_url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("Gazette/{version} (+{url})"),
        None => format!("Gazette/{version}"),
    }
}

/// The validators of a copy already held, sent back as a conditional request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The answer to a conditional request.
#[derive(Debug)]
pub enum Fetched {
    /// `304`: the copy held is current; no body was read.
    NotModified,
    Body(Response),
}

/// A successful answer, its body read in full.
#[derive(Debug, Clone)]
pub struct Response {
    /// Where the body came from, after redirects.
    pub url: Url,
    pub status: u16,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
}

impl Response {
    /// The `charset` parameter of `Content-Type`, if any.
    pub fn charset(&self) -> Option<&str> {
        let ct = self.content_type.as_deref()?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(['"', '\'']))
        })
    }

    /// The media type without parameters, lower-cased (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        let ct = self.content_type.as_deref()?;
        Some(ct.split(';').next().unwrap_or(ct).trim().to_ascii_lowercase())
    }
}

/// Why a redirect was not followed; carried through the client's error to [`NetError`].
#[derive(Debug, thiserror::Error)]
enum RedirectRefused {
    #[error("redirect to a URL that is not http or https: {0}")]
    Scheme(String),
    #[error("more than {0} redirects")]
    TooMany(usize),
}

/// An HTTP client with Gazette's limits and politeness. Cheap to clone; clones share the
/// connection pool and the scheduler. Its futures need a tokio runtime ([`runtime`]).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    scheduler: Arc<Scheduler>,
    limits: Limits,
}

/// A runtime for the client's futures: two worker threads, which is plenty for waiting on
/// sockets (the CPU work of parsing pages happens elsewhere, on rayon's threads).
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).thread_name("gazette-net").enable_all().build()
}

impl Client {
    pub fn new(options: &ClientOptions) -> Result<Client, NetError> {
        // rustls takes its cryptography from a process-wide provider: ring. An error means one
        // is installed already, which is all that is needed. rustls 0.23.48 marks ring's
        // provider deprecated because it lacks post-quantum key exchange; for reading public
        // pages that is acceptable, and it spares the build aws-lc's C library.
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
        let limits = options.limits.clone();
        let max_redirects = limits.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if !matches!(attempt.url().scheme(), "http" | "https") {
                let to = attempt.url().to_string();
                return attempt.error(RedirectRefused::Scheme(to));
            }
            if attempt.previous().len() > max_redirects {
                return attempt.error(RedirectRefused::TooMany(max_redirects));
            }
            attempt.follow()
        });
        let http = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(limits.connect_timeout)
            .timeout(limits.total_timeout)
            .redirect(policy)
            .gzip(true)
            .deflate(true)
            .brotli(true)
            .build()
            .map_err(|e| NetError::Other { url: String::new(), detail: format!("could not set up HTTP: {e}") })?;
        let scheduler = Arc::new(Scheduler::new(options.concurrency, options.per_host));
        Ok(Client { http, scheduler, limits })
    }

    /// `GET url`, its body read in full.
    pub async fn get(&self, url: &str) -> Result<Response, NetError> {
        match self.get_if_changed(url, &Validators::default()).await? {
            Fetched::Body(r) => Ok(r),
            // Without validators no server has a reason to answer 304.
            Fetched::NotModified => Err(NetError::Status { url: url.to_owned(), status: 304 }),
        }
    }

    /// `GET url` as a conditional request: [`Fetched::NotModified`] when the copy described by
    /// `validators` is current. Waits for the host's turn and a slot; answers `429`/`503` with
    /// a short enough `Retry-After` are waited out and tried again.
    pub async fn get_if_changed(&self, url: &str, validators: &Validators) -> Result<Fetched, NetError> {
        self.in_turn(url, |parsed| async move {
            let result = self.once(&parsed, validators).await;
            let wait = match &result {
                Err(NetError::Busy { wait, .. }) => *wait,
                _ => None,
            };
            (result, wait)
        })
        .await
    }

    /// Runs `attempt` for `url` in the host's turn and a slot of the total, again after the
    /// wait it returns (a `Retry-After`) while that is short enough and tries remain.
    async fn in_turn<T, F, Fut>(&self, url: &str, attempt: F) -> Result<T, NetError>
    where
        F: Fn(Url) -> Fut,
        Fut: std::future::Future<Output = (Result<T, NetError>, Option<Duration>)>,
    {
        let parsed = parse_web_url(url)?;
        let unavailable = || NetError::Other { url: url.to_owned(), detail: "the request queue was closed".into() };
        let _turn = self.scheduler.host(&parsed).await.ok_or_else(unavailable)?;
        let mut tries = 0;
        loop {
            let slot = self.scheduler.slot().await.ok_or_else(unavailable)?;
            let (result, wait) = attempt(parsed.clone()).await;
            drop(slot);
            match wait {
                Some(wait) if tries < self.limits.retries && wait <= self.limits.max_retry_after => {
                    tries += 1;
                    tracing::info!("{url} asked to wait {} s; waiting", wait.as_secs_f64());
                    tokio::time::sleep(wait).await;
                }
                _ => return result,
            }
        }
    }

    /// One request, no retries.
    async fn once(&self, url: &Url, validators: &Validators) -> Result<Fetched, NetError> {
        let mut request = self.http.get(url.clone());
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, modified);
        }
        let fail = |e| NetError::from_reqwest(url.as_str(), e, self.limits.total_timeout);
        let mut response = request.send().await.map_err(fail)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        match status {
            304 => return Ok(Fetched::NotModified),
            429 | 503 => return Err(NetError::Busy { url: url.to_string(), status, wait: retry_after(&headers) }),
            200..=299 => {}
            300..=399 => {
                return Err(refused_redirect(url, &headers).unwrap_or(NetError::Status { url: url.to_string(), status }))
            }
            _ => return Err(NetError::Status { url: url.to_string(), status }),
        }
        let limit = self.limits.max_body;
        let too_large = || NetError::TooLarge { url: url.to_string(), limit };
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(fail)? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let validators = Validators { etag: text(ETAG), last_modified: text(LAST_MODIFIED) };
        let final_url = response.url().clone();
        Ok(Fetched::Body(Response { url: final_url, status, content_type: text(CONTENT_TYPE), validators, body }))
    }

    /// Fetches every URL (concurrently, within the limits), in the order given.
    pub async fn get_all(&self, urls: &[String]) -> Vec<Result<Response, NetError>> {
        self.for_each_url(
            urls,
            |client, url| async move { client.get(&url).await },
            |url| Err(NetError::Other { url: url.to_owned(), detail: "the request was lost".into() }),
        )
        .await
    }

    /// Runs `job` for every URL concurrently (the client's limits apply to the requests it
    /// makes); the results in the order given, `lost(url)` for a job that did not finish.
    pub async fn for_each_url<T, F, Fut>(&self, urls: &[String], job: F, lost: impl Fn(&str) -> T) -> Vec<T>
    where
        F: Fn(Client, String) -> Fut,
        Fut: std::future::Future<Output = T> + Send + 'static,
        T: Send + 'static,
    {
        let mut jobs = tokio::task::JoinSet::new();
        for (i, url) in urls.iter().enumerate() {
            let job = job(self.clone(), url.clone());
            jobs.spawn(async move { (i, job.await) });
        }
        let mut out: Vec<Option<T>> = urls.iter().map(|_| None).collect();
        while let Some(joined) = jobs.join_next().await {
            if let Ok((i, r)) = joined {
                out[i] = Some(r);
            }
        }
        out.into_iter().zip(urls).map(|(r, url)| r.unwrap_or_else(|| lost(url))).collect()
    }
}

/// A redirect the client handed back instead of following: one to another scheme.
fn refused_redirect(url: &Url, headers: &HeaderMap) -> Option<NetError> {
    let location = headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
    let to = url.join(location).ok()?;
    (!matches!(to.scheme(), "http" | "https"))
        .then(|| NetError::RedirectScheme { url: url.to_string(), to: to.to_string() })
}

/// Parses a URL the user or a feed gave and refuses anything but `http` and `https`.
pub fn parse_web_url(url: &str) -> Result<Url, NetError> {
    match Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty()) => Ok(u),
        _ => Err(NetError::Scheme(url.to_owned())),
    }
}

/// Whether an input names a web page rather than a file: it starts with `http://` or `https://`.
pub fn is_web_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `Retry-After`: delay-seconds or an HTTP date (a date in the past means now).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = when.signed_duration_since(chrono::Utc::now());
    Some(wait.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn user_agent_names_gazette_its_version_and_the_site() {
        let ua = user_agent(Some("https://news.example.org/"));
        assert_eq!(ua, format!("Gazette/{} (+https://news.example.org/)", env!("CARGO_PKG_VERSION")));
        assert_eq!(user_agent(None), format!("Gazette/{}", env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn only_web_urls_are_accepted() {
        assert!(parse_web_url("https://example.org/a").is_ok());
        assert!(parse_web_url("HTTP://EXAMPLE.ORG").is_ok());
        for bad in ["file:///etc/passwd", "ftp://example.org/", "example.org", "http://", "javascript:alert(1)"] {
            assert!(matches!(parse_web_url(bad), Err(NetError::Scheme(_))), "{bad}");
        }
        assert!(is_web_url("https://x") && is_web_url("HTTP://x") && !is_web_url("notes/http.txt"));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(RETRY_AFTER, HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past means now");
        let later = (chrono::Utc::now() + chrono::Duration::seconds(120)).to_rfc2822();
        h.insert(RETRY_AFTER, HeaderValue::from_str(&later).unwrap());
        let wait = retry_after(&h).unwrap().as_secs();
        assert!((110..=120).contains(&wait), "{wait}");
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn charset_and_media_type_come_from_content_type() {
        let r = |ct: &str| Response {
            url: Url::parse("https://e.org/").unwrap(),
            status: 200,
            content_type: Some(ct.into()),
            validators: Validators::default(),
            body: Vec::new(),
        };
        assert_eq!(r("text/html; charset=\"ISO-8859-1\"").charset(), Some("ISO-8859-1"));
        assert_eq!(r("Text/HTML;Charset=utf-8").media_type().as_deref(), Some("text/html"));
        assert_eq!(r("application/rss+xml").charset(), None);
    }
}
