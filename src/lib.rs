//! Gazette: a static site generator for news digests.
//!
//! The pipeline runs one way, one module per stage:
//! [`config`] → [`content`] (load) → [`organize`] → [`render`] → [`output`] (write),
//! driven by [`build`]. [`diagnostics`] carries problems in the editor's files.

pub mod build;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod import;
pub mod organize;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod slug;

pub use build::{build, BuildOptions, BuildReport};
