//! What can go wrong with one request, in words that name the URL and say what to do.

use std::time::Duration;

/// Why a request failed. Callers match on [`NetError::is_transient`] to decide whether trying
/// again later can help (a timeout, a `503`) or not (a `404`, a refused redirect).
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("`{0}` is not an http:// or https:// URL: only web addresses can be fetched")]
    Scheme(String),
    #[error("GET {url} was redirected to `{to}`: only http:// and https:// redirects are followed")]
    RedirectScheme { url: String, to: String },
    #[error("GET {url}: more than {max} redirects; the address may loop")]
    TooManyRedirects { url: String, max: usize },
    #[error("GET {url} answered {status}{}", reason_suffix(*.status))]
    Status { url: String, status: u16 },
    #[error("GET {url} answered {status}{}{}; try again later", reason_suffix(*.status), wait_text(*.wait))]
    Busy { url: String, status: u16, wait: Option<Duration> },
    #[error("GET {url}: no complete answer within {} s", .after.as_secs_f64())]
    Timeout { url: String, after: Duration },
    #[error("GET {url}: the body is larger than {limit} bytes, the most Gazette reads")]
    TooLarge { url: String, limit: u64 },
    #[error("GET {url}: could not connect: {detail}")]
    Connect { url: String, detail: String },
    #[error("GET {url}: {detail}")]
    Other { url: String, detail: String },
}

impl NetError {
    /// Whether the same request may succeed later: timeouts, connection failures, `429`, `5xx`.
    pub fn is_transient(&self) -> bool {
        match self {
            NetError::Busy { .. } | NetError::Timeout { .. } | NetError::Connect { .. } | NetError::Other { .. } => {
                true
            }
            NetError::Status { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }

    /// Turns a client error into ours, with the cause chain flattened into one line.
    pub(super) fn from_reqwest(url: &str, e: reqwest::Error, total: Duration) -> NetError {
        let url = url.to_owned();
        if let Some(refused) = find_source::<super::RedirectRefused>(&e) {
            return match refused {
                super::RedirectRefused::Scheme(to) => NetError::RedirectScheme { url, to: to.clone() },
                super::RedirectRefused::TooMany(max) => NetError::TooManyRedirects { url, max: *max },
            };
        }
        if let Some(to) = e.url().filter(|u| !matches!(u.scheme(), "http" | "https")) {
            return NetError::RedirectScheme { url, to: to.to_string() };
        }
        if e.is_timeout() {
            return NetError::Timeout { url, after: total };
        }
        let detail = chain(&e);
        if e.is_connect() {
            return NetError::Connect { url, detail };
        }
        NetError::Other { url, detail }
    }
}

/// `: Not Found` after a status with a well-known reason.
fn reason_suffix(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

/// ` and asked to wait 90 s` when the server said how long.
fn wait_text(wait: Option<Duration>) -> String {
    wait.map(|w| format!(" and asked to wait {} s", w.as_secs())).unwrap_or_default()
}

/// The error's own message and each cause's, without the repeats clients tend to nest.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(e);
    while let Some(err) = next {
        let text = err.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = err.source();
    }
    parts.join(": ")
}

fn find_source<'a, T: std::error::Error + 'static>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a T> {
    let mut next = Some(e);
    while let Some(err) = next {
        if let Some(t) = err.downcast_ref::<T>() {
            return Some(t);
        }
        next = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_url_and_the_reason() {
        let e = NetError::Status { url: "https://e.org/a".into(), status: 404 };
        assert_eq!(e.to_string(), "GET https://e.org/a answered 404 Not Found");
        assert!(!e.is_transient());
        let e = NetError::Status { url: "https://e.org/a".into(), status: 503 };
        assert!(e.is_transient());
        let e = NetError::Busy { url: "u".into(), status: 429, wait: Some(Duration::from_secs(90)) };
        assert_eq!(e.to_string(), "GET u answered 429 Too Many Requests and asked to wait 90 s; try again later");
        assert!(!NetError::RedirectScheme { url: "u".into(), to: "file:///etc/passwd".into() }.is_transient());
    }
}
