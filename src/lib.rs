//! Gazette: a static site generator for news digests.
//!
//! The pipeline runs one way, one module per stage:
//! [`config`] → [`content`] (load) → [`organize`] → [`render`] → [`output`] (write).
//! A [`Project`] runs the stages in order, for every command: [`build()`] renders it into the
//! output folder, [`check`] into memory and inspects the result, [`serve`] into memory and
//! keeps it up to date, [`list`] prints it organized. [`diagnostics`] carries problems in the
//! editor's files.

pub mod atomic;
pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod feeds;
pub mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod import;
pub mod list;
pub mod net;
pub mod organize;
pub mod output;
pub mod pictures;
pub mod project;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod slug;

/// Gazette's version, as released (`gazette.version` files pin it).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// `gazette --version`: the version and the commit it was built from (see `build.rs`).
pub const VERSION_LINE: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("GAZETTE_COMMIT"), ")");

pub use build::{build, BuildOptions, BuildReport};
pub use project::{Digest, Project, ProjectOptions};
