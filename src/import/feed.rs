//! Feeds.
use super::Draft;
pub fn extract(_bytes: &[u8], _text: &str) -> anyhow::Result<Vec<Draft>> {
    anyhow::bail!("todo")
}
