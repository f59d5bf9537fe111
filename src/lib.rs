//! Gazette: a static site generator for news digests.
//!
//! The pipeline runs one way, one module per stage:
//! [`config`] → [`content`] (load) → [`organize`] → [`render`] → [`output`] (write),
//! driven by [`build`]. [`diagnostics`] carries problems in the editor's files; [`check`]
//! runs the stages in memory and reports what is wrong with the result.

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
pub mod import;
pub mod list;
pub mod net;
pub mod organize;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod serve;
pub mod slug;

pub use build::{build, organize_site, BuildOptions, BuildReport};
