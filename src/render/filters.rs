//! Filters and functions Gazette adds to Tera for themes.

use std::sync::Arc;

use tera::{Kwargs, State, Tera};

use crate::i18n::{tera::Translate, Strings};

/// Registers Gazette's filters and `t()` for the site's language.
pub fn register(tera: &mut Tera, strings: &Arc<Strings>) {
    tera.register_function("t", Translate::new(strings.clone()));
    // `{{ n | num }}`: a number in the language's digits.
    let lang = strings.clone();
    tera.register_filter("num", move |n: i64, _: Kwargs, _: &State| lang.formats.count(n));
    // `{{ n | plural(one="source", many="sources") }}`: English-style count words.
    tera.register_filter("plural", |n: i64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
        let one: String = kwargs.get("one")?.unwrap_or_default();
        let many: String = kwargs.get("many")?.unwrap_or_else(|| format!("{one}s"));
        Ok(format!("{n} {}", if n == 1 { one } else { many }))
    });
}
