// The words of a text as Gazette's search index sees them (src/render/search/index.rs,
// `for_each_word`): runs of letters and digits, at most 40 long, except that each Chinese or
// Japanese character (IDEOGRAPH, the ranges of `is_ideograph` there) is a word of its own.
// Shared by search.js and by the test that checks the two sides agree.
const IDEOGRAPH = "\\u{3040}-\\u{30ff}\\u{3400}-\\u{4dbf}\\u{4e00}-\\u{9fff}\\u{f900}-\\u{faff}\\u{20000}-\\u{2fa1f}";
export const WORD = new RegExp(`[${IDEOGRAPH}]|(?:(?![${IDEOGRAPH}])[\\p{Alphabetic}\\p{N}])+`, "gu");
const tooLong = (w) => [...w].length > 40;

// The lower-cased words of `text`, as the index stores them.
export const words = (text) => [...text.matchAll(WORD)].map((m) => m[0].toLowerCase()).filter((w) => !tooLong(w));
