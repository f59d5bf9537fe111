//! Politeness: at most `per_host` requests at a time to one host and `total` in all.
//!
//! A request first waits for its host, then for a slot of the total, so that requests queued
//! behind a busy host never hold slots that other hosts could use. Both queues are first come,
//! first served (tokio's semaphores are fair).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use url::Url;

pub(super) struct Scheduler {
    total: Arc<Semaphore>,
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

/// A host's turn: no other request to that host runs while it is held.
pub(super) struct HostTurn(#[allow(dead_code)] OwnedSemaphorePermit);

/// A slot of the total concurrency.
pub(super) struct Slot(#[allow(dead_code)] OwnedSemaphorePermit);

impl Scheduler {
    pub(super) fn new(total: usize, per_host: usize) -> Scheduler {
        Scheduler {
            total: Arc::new(Semaphore::new(total.max(1))),
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for the host's turn. `None` only if the semaphores were closed, which never happens.
    pub(super) async fn host(&self, url: &Url) -> Option<HostTurn> {
        let key = host_key(url);
        let semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            hosts.entry(key).or_insert_with(|| Arc::new(Semaphore::new(self.per_host))).clone()
        };
        semaphore.acquire_owned().await.ok().map(HostTurn)
    }

    /// Waits for a slot of the total.
    pub(super) async fn slot(&self) -> Option<Slot> {
        self.total.clone().acquire_owned().await.ok().map(Slot)
    }
}

/// What "one host" means for the per-host limit: the URL's host name (lower-cased) and port,
/// so `https://example.org/` and `https://example.org:443/a` are one host, and two ports or two
/// addresses of one machine are two.
pub fn host_key(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    match url.port_or_known_default() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn host_keys_are_host_and_port() {
        let key = |u: &str| host_key(&Url::parse(u).unwrap());
        assert_eq!(key("https://Example.org/a"), key("https://example.org:443/b"));
        assert_ne!(key("http://example.org/"), key("https://example.org/"));
        assert_ne!(key("http://127.0.0.1:8001/"), key("http://127.0.0.1:8002/"));
        assert_ne!(key("http://127.0.0.2:80/"), key("http://127.0.0.3:80/"));
    }

    /// Runs `n` jobs through the scheduler against the given URLs and returns the highest number
    /// running at once, overall and per URL.
    async fn peak(scheduler: Arc<Scheduler>, urls: Vec<&'static str>) -> (usize, Vec<usize>) {
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let per: Arc<Vec<(AtomicUsize, AtomicUsize)>> =
            Arc::new(urls.iter().map(|_| (AtomicUsize::new(0), AtomicUsize::new(0))).collect());
        let mut jobs = tokio::task::JoinSet::new();
        for round in 0..4 {
            for (i, u) in urls.iter().enumerate() {
                let (s, running, peak, per) = (scheduler.clone(), running.clone(), peak.clone(), per.clone());
                let url = Url::parse(u).unwrap();
                jobs.spawn(async move {
                    let _turn = s.host(&url).await.unwrap();
                    let _slot = s.slot().await.unwrap();
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    let mine = per[i].0.fetch_add(1, Ordering::SeqCst) + 1;
                    per[i].1.fetch_max(mine, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(5 + round)).await;
                    per[i].0.fetch_sub(1, Ordering::SeqCst);
                    running.fetch_sub(1, Ordering::SeqCst);
                });
            }
        }
        while jobs.join_next().await.is_some() {}
        (peak.load(Ordering::SeqCst), per.iter().map(|(_, p)| p.load(Ordering::SeqCst)).collect())
    }

    #[tokio::test]
    async fn one_request_per_host_and_a_bounded_total() {
        let urls = vec!["http://a.test/", "http://b.test/", "http://c.test/", "http://d.test/", "http://e.test/"];
        let (total, per_host) = peak(Arc::new(Scheduler::new(3, 1)), urls).await;
        assert_eq!(total, 3, "the total limit is reached and never passed");
        assert!(per_host.iter().all(|&p| p == 1), "{per_host:?}");
    }
}
