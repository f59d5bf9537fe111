//! The line features as the fitting script reads them: one JSON object per line of each
//! scrape, read as one batch exactly as `gazette import` reads it. `examples/line_features.rs`
//! prints them; `bench/line_model/fit.py` fits the model on them, so the weights fit what this
//! code computes.

use std::sync::Arc;

use serde_json::json;

use super::batch::BatchStats;
use super::model::LineModel;
use super::scrape::Scrape;

/// JSON lines for scrapes `(name, text)` read as one batch with `model` (or each on its own,
/// `alone`, as when one file is imported): per line its text, features (`x`), probability,
/// whether the body keeps it, and for headline candidates their headline features (`h`).
pub fn dump(inputs: &[(String, String)], model: Arc<LineModel>, alone: bool) -> String {
    let batch =
        if alone { BatchStats::default() } else { BatchStats::from_texts(inputs.iter().map(|(_, t)| t.as_str())) };
    let stats = batch.with_model(model);
    let mut out = String::new();
    for (name, text) in inputs {
        let scrape = Scrape::new(text, &stats);
        let mut draft = crate::import::Draft::default();
        let candidates = scrape.header(&mut draft);
        let ctx = scrape.headline_context();
        let (lines, feats, body) = scrape.parts();
        for (i, line) in lines.iter().enumerate() {
            let rank = candidates.iter().position(|&c| c == i).map(|k| candidates.len() - 1 - k);
            let h = rank.map(|r| super::headline::features(&ctx, i, r).to_vec());
            let record = json!({
                "doc": name,
                "lang": feats.lang.code(),
                "i": i,
                "text": line,
                "x": feats.rows[i].to_vec(),
                "p": scrape.prob(i),
                "keep": body.keep[i],
                "evidence": feats.info[i].evidence,
                "words": feats.info[i].words,
                "overlap": feats.info[i].overlap,
                "region": body.region.is_some_and(|(s, e)| s <= i && i <= e),
                "h": h,
            });
            out.push_str(&record.to_string());
            out.push('\n');
        }
    }
    out
}
