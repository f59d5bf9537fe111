//! The line model: weights fitted by `bench/line_model/fit.py` on the public corpora and kept
//! as data (`line_model.json`), read once.
//!
//! Two logistic regressions: one gives each line of a scrape the probability that it is
//! article text ([`super::features`]), the other scores the lines before the article as its
//! headline (the `headline` module). The file also holds the parameters of the decision that
//! turns line probabilities into the article's body (the `decode` module).

use std::sync::{Arc, LazyLock};

use serde::Deserialize;

/// One logistic regression over named features, as the file stores it (standardised inputs).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Logistic {
    pub features: Vec<String>,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
    pub bias: f32,
}

impl Logistic {
    /// The log-odds of a row of features in the model's order.
    pub fn logit(&self, row: &[f32]) -> f32 {
        let mut z = self.bias;
        for (((x, m), s), w) in row.iter().zip(&self.mean).zip(&self.scale).zip(&self.weights) {
            z += (x - m) / s * w;
        }
        z
    }

    /// Checks that the model's features are `names`, in that order.
    fn check(&self, what: &str, names: &[&str]) -> anyhow::Result<()> {
        let n = self.features.len();
        if self.features.iter().map(String::as_str).ne(names.iter().copied()) {
            anyhow::bail!("the {what} model's features are not the ones this version computes (refit it)");
        }
        if self.mean.len() != n || self.scale.len() != n || self.weights.len() != n {
            anyhow::bail!("the {what} model has {n} features but not as many means, scales and weights");
        }
        if self.scale.iter().any(|s| *s <= 0.0) {
            anyhow::bail!("the {what} model has a scale that is not positive");
        }
        Ok(())
    }
}

/// How line probabilities become the body (see the `decode` module).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decode {
    /// A line above this probability is article text.
    pub threshold: f32,
    /// Lines weigh (words)^gamma in the search for the article's region.
    pub gamma: f32,
    /// Largest log-odds a text line adds, and a furniture line subtracts.
    pub clip: f32,
    pub junk_clip: f32,
    /// Weight of furniture lines, and the cost of a run of k of them (mu * k²).
    pub lambda: f32,
    pub mu: f32,
    /// After the region: lines sharing this much of their words with the prose are kept…
    pub after_overlap: f32,
    /// … across at most this many other lines.
    pub after_gap: usize,
}

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineModel {
    /// What the file is and how it was made (not read).
    #[serde(default)]
    pub about: serde_json::Value,
    pub lines: Logistic,
    pub headline: Logistic,
    pub decode: Decode,
}

impl LineModel {
    /// Reads a model from JSON and checks it fits this version's features.
    pub fn from_json(json: &str) -> anyhow::Result<LineModel> {
        let m: LineModel = serde_json::from_str(json)?;
        m.lines.check("line", &super::features::NAMES)?;
        m.headline.check("headline", &super::features::HEADLINE_NAMES)?;
        Ok(m)
    }

    /// Reads a model file (`gazette import --line-model FILE`, for fitting and checking).
    pub fn from_file(path: &std::path::Path) -> anyhow::Result<Arc<LineModel>> {
        use anyhow::Context as _;
        let json = std::fs::read_to_string(path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let m = LineModel::from_json(&json).with_context(|| format!("in `{}`", path.display()))?;
        Ok(Arc::new(m))
    }

    /// The model that ships with Gazette.
    pub fn embedded() -> Arc<LineModel> {
        static MODEL: LazyLock<Arc<LineModel>> = LazyLock::new(|| {
            // Checked by the test `the_embedded_model_loads`; a model that does not load would
            // be a build mistake, not bad input.
            Arc::new(LineModel::from_json(include_str!("line_model.json")).expect("line_model.json is valid"))
        });
        MODEL.clone()
    }
}

/// The probability of a log-odds.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        LineModel::from_json(include_str!("line_model.json")).unwrap();
    }

    #[test]
    fn a_model_for_other_features_is_refused() {
        let mut m: serde_json::Value = serde_json::from_str(include_str!("line_model.json")).unwrap();
        m["lines"]["features"][0] = "something_else".into();
        let err = LineModel::from_json(&m.to_string()).unwrap_err();
        assert!(err.to_string().contains("refit"), "{err}");
    }
}
