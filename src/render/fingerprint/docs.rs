//! Content hashes of documents, and the hasher page fingerprints use.

use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::content::{Article, Doc, Note, Page};

/// What other pages need to know of a document, hashed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Hashes {
    /// Everything an article's card or coverage entry shows (see `Ctx::card` and
    /// `Ctx::coverage`), and the images an edition page may show; for notes and pages:
    /// everything of them.
    pub card: u64,
    /// What a link to it shows: title and URL.
    pub link: u64,
    /// Everything of the document.
    pub full: u64,
    /// Its key and URL: where it is.
    pub place: u64,
}

/// Content hashes of the documents, by index in `site.content`.
#[derive(Debug, Default)]
pub struct DocHashes {
    pub articles: Vec<Hashes>,
    pub notes: Vec<Hashes>,
    pub pages: Vec<Hashes>,
}

/// Feeds `Debug` output into a hasher without building the string.
struct Feed<'a>(&'a mut DefaultHasher);

impl std::fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// Hashes the values of a document's front matter (through `Debug`: every field, nested).
fn debug_hash(value: &impl std::fmt::Debug, h: &mut DefaultHasher) {
    let _ = write!(Feed(h), "{value:?}");
}

fn place(doc: &Doc) -> u64 {
    let mut h = DefaultHasher::new();
    (&doc.key, &doc.path).hash(&mut h);
    h.finish()
}

pub fn article_hashes(a: &Article) -> Hashes {
    let (d, m) = (&a.doc, &a.meta);
    let mut h = DefaultHasher::new();
    (&d.key, &d.path, &m.title).hash(&mut h);
    let link = h.finish();
    (&m.source, m.paywall, &m.authors, a.date, a.day, &d.summary, &m.topic, d.word_count, d.cjk_chars).hash(&mut h);
    m.language.hash(&mut h);
    debug_hash(&m.images, &mut h);
    let card = h.finish();
    debug_hash(&(m, a.updated), &mut h);
    d.html.hash(&mut h);
    Hashes { card, link, full: h.finish(), place: place(d) }
}

pub fn note_hashes(n: &Note) -> Hashes {
    let mut h = DefaultHasher::new();
    (&n.doc.key, &n.doc.path, &n.doc.summary, &n.doc.html).hash(&mut h);
    debug_hash(&(&n.meta, n.date, n.edition, &n.about_articles), &mut h);
    let all = h.finish();
    Hashes { card: all, link: all, full: all, place: place(&n.doc) }
}

pub fn page_hashes(p: &Page) -> Hashes {
    let mut h = DefaultHasher::new();
    (&p.doc.key, &p.doc.path, &p.doc.summary, &p.doc.html).hash(&mut h);
    debug_hash(&p.meta, &mut h);
    let all = h.finish();
    Hashes { card: all, link: all, full: all, place: place(&p.doc) }
}

/// The hasher of page fingerprints, which hash small numbers mostly (SipHash, the default,
/// is several times slower): each word is mixed in with two multiplies and a shift, which
/// spreads every input bit over the state.
#[derive(Default)]
pub struct Fp(u64);

impl Hasher for Fp {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }

    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }

    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    fn write_u8(&mut self, x: u8) {
        self.write_u64(u64::from(x));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fp {
    /// Hashes a sequence of numbers four at a time: four independent lanes let the processor
    /// overlap the multiplies (entity pages hash thousands of cards).
    pub fn each_u64(&mut self, items: impl IntoIterator<Item = u64>) {
        let mut lanes = [Fp(1), Fp(2), Fp(3), Fp(4)];
        let mut n = 0usize;
        for x in items {
            lanes[n % 4].write_u64(x);
            n += 1;
        }
        lanes.iter().for_each(|l| self.write_u64(l.0));
        self.write_usize(n);
    }

    /// Hashes a sequence without collecting it (its length last).
    pub fn each<T: Hash>(&mut self, items: impl IntoIterator<Item = T>) {
        let mut n = 0usize;
        for x in items {
            x.hash(self);
            n += 1;
        }
        self.write_usize(n);
    }
}

pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = Fp::default();
    value.hash(&mut h);
    h.finish()
}
