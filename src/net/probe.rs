//! Whether an address answers, without reading what it answers: `HEAD`, and `GET` with only
//! its headers read when the server refuses `HEAD` (`405`, `501`). For `check --external`,
//! which asks about every article's original and needs statuses, not pages.

use url::Url;

use super::{Client, NetError};

/// The answer to a probe: the final status after redirects, whatever it is.
#[derive(Debug, Clone)]
pub struct Probed {
    /// Where the answer came from, after redirects.
    pub url: Url,
    pub status: u16,
    /// `HEAD`, or `GET` when the server refused `HEAD`.
    pub method: &'static str,
}

impl Client {
    /// Asks for `url`'s status within the same limits as [`Client::get`] (the host's turn, a
    /// slot of the total, redirects, `Retry-After`). Statuses are answers, not errors: a `404`
    /// is `Ok`; `Err` means there was no answer (the name does not resolve, nothing listens,
    /// a timeout, a refused redirect).
    pub async fn probe(&self, url: &str) -> Result<Probed, NetError> {
        self.in_turn(url, |parsed| async move {
            match self.probe_once(&parsed).await {
                Ok((probed, wait)) => (Ok(probed), wait),
                Err(e) => (Err(e), None),
            }
        })
        .await
    }

    /// One `HEAD` (and its `GET` fallback), with the `Retry-After` of a `429`/`503`.
    async fn probe_once(&self, url: &Url) -> Result<(Probed, Option<std::time::Duration>), NetError> {
        let fail = |e| NetError::from_reqwest(url.as_str(), e, self.limits.total_timeout);
        let mut method = "HEAD";
        let mut response = self.http.head(url.clone()).send().await.map_err(fail)?;
        if matches!(response.status().as_u16(), 405 | 501) {
            method = "GET";
            // Only the status line and headers are awaited; dropping the response closes the
            // connection without reading the body.
            response = self.http.get(url.clone()).send().await.map_err(fail)?;
        }
        let status = response.status().as_u16();
        let wait = matches!(status, 429 | 503).then(|| super::retry_after(response.headers())).flatten();
        if (300..400).contains(&status) {
            if let Some(refused) = super::refused_redirect(url, response.headers()) {
                return Err(refused);
            }
        }
        Ok((Probed { url: response.url().clone(), status, method }, wait))
    }
}
