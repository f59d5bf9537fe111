//! The postings' text form: each number as base-32 digits, least significant first, written
//! with a 64-letter alphabet whose first half ends a number and whose second half says more
//! digits follow. A document delta under 32 and a weight take one letter each, against
//! "12,1," in a JSON array of numbers: the shards, the search index's bulk, shrink by about
//! half. `search.js` reads them back with the same alphabet; the letters need no escaping in
//! JSON or HTML.

/// The alphabet: `ALPHABET[d]` ends a number with digit `d`, `ALPHABET[32 + d]` continues it.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `n` to `out`.
pub fn push(out: &mut String, mut n: u64) {
    while n >= 32 {
        out.push(ALPHABET[32 + (n % 32) as usize] as char);
        n /= 32;
    }
    out.push(ALPHABET[n as usize] as char);
}

/// The numbers of a text written by [`push`]; `None` when a letter is outside the alphabet
/// or the text ends inside a number.
#[cfg(test)]
pub fn read(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let (mut value, mut scale) = (0u64, 1u64);
    for b in text.bytes() {
        let d = ALPHABET.iter().position(|&a| a == b)? as u64;
        if d < 32 {
            out.push(value + d * scale);
            (value, scale) = (0, 1);
        } else {
            value += (d - 32) * scale;
            scale *= 32;
        }
    }
    (scale == 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_as_they_were_written() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX as u64];
        let mut text = String::new();
        for n in numbers {
            push(&mut text, n);
        }
        assert_eq!(read(&text).as_deref(), Some(&numbers[..]));
        let one = |n| {
            let mut s = String::new();
            push(&mut s, n);
            s
        };
        assert_eq!((one(0), one(31), one(32), one(33)), ("0".into(), "V".into(), "W1".into(), "X1".into()));
        assert_eq!(read("W"), None, "a number left unfinished");
        assert_eq!(read("0,1"), None, "a letter outside the alphabet");
    }
}
