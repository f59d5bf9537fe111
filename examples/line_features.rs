//! Prints the line features of scraped text files, read as one batch, as JSON lines (see
//! `gazette::import::text::dump`). Used by `bench/line_model/fit.py`:
//!
//!     cargo run --example line_features -- [--model line_model.json] [--alone] FILE...
//!
//! `--alone` reads each file on its own, as importing it by itself would (no batch).

use std::sync::Arc;

use gazette::import::text::{dump::dump, LineModel};

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let model = match args.iter().position(|a| a == "--model") {
        Some(i) if i + 1 < args.len() => {
            let path = args.remove(i + 1);
            args.remove(i);
            LineModel::from_file(std::path::Path::new(&path))?
        }
        _ => LineModel::embedded(),
    };
    let alone = args.iter().any(|a| a == "--alone");
    args.retain(|a| a != "--alone");
    let mut inputs = Vec::new();
    for path in args {
        let bytes = std::fs::read(&path)?;
        let loaded = gazette::import::decode_input(&path, &bytes)?;
        inputs.push((path, loaded));
    }
    print!("{}", dump(&inputs, Arc::clone(&model), alone));
    Ok(())
}
