//! Filters Gazette adds to Tera for themes.

use tera::{Kwargs, State, Tera};

/// Registers Gazette's filters.
pub fn register(tera: &mut Tera) {
    // `{{ n | plural(one="source", many="sources") }}`: English-style count words.
    tera.register_filter("plural", |n: i64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let one: String = kwargs.get("one")?.unwrap_or_default();
        let many: String = kwargs.get("many")?.unwrap_or_else(|| format!("{one}s"));
        Ok(format!("{n} {}", if n == 1 { one } else { many }))
    });
}
