//! Reading the compiled knowledge base in place (layout in `format`): nothing is decoded at
//! start-up beyond the section table; a record is decoded when it is asked for.

use std::ops::Deref;
use std::path::Path;
use std::sync::Arc;

use crate::error::DataError;
use crate::format::{
    ENTITY_SIZE, MAGIC, NAME_SIZE, NONE, OFFICE_SIZE, SECTION_ENTITIES, SECTION_FIRST, SECTION_IDS,
    SECTION_KEYS, SECTION_LANGS, SECTION_NAMES, SECTION_OFFICES, SECTION_POOL, SECTION_POSTINGS,
    SECTION_TEXTS,
};
use crate::schema::{Entity, Name, Office, FORMS, KINDS};

enum Backing {
    Static(&'static [u8]),
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Backing {
    fn bytes(&self) -> &[u8] {
        match self {
            Backing::Static(b) => b,
            Backing::Owned(b) => b,
            Backing::Mapped(m) => m,
        }
    }
}

/// A shared, cheaply cloned byte range of an embedded, owned or memory-mapped buffer.
#[derive(Clone)]
pub struct Bytes {
    backing: Arc<Backing>,
    start: usize,
    end: usize,
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.backing
            .bytes()
            .get(self.start..self.end)
            .unwrap_or_default()
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl Bytes {
    pub fn from_static(bytes: &'static [u8]) -> Bytes {
        Bytes::whole(Backing::Static(bytes))
    }

    pub fn from_vec(bytes: Vec<u8>) -> Bytes {
        Bytes::whole(Backing::Owned(bytes))
    }

    /// Memory-maps a file.
    pub fn map(path: &Path) -> Result<Bytes, DataError> {
        let io = |source| DataError::Io {
            path: path.display().to_string(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // SAFETY: the file is opened read-only and only read through bounds-checked slices;
        // it must not be truncated while mapped, as with any memory-mapped data file.
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(io)?;
        Ok(Bytes::whole(Backing::Mapped(map)))
    }

    fn whole(backing: Backing) -> Bytes {
        let end = backing.bytes().len();
        Bytes {
            backing: Arc::new(backing),
            start: 0,
            end,
        }
    }

    fn slice(&self, offset: u64, len: u64) -> Option<Bytes> {
        let start = self.start.checked_add(usize::try_from(offset).ok()?)?;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        (end <= self.end).then(|| Bytes {
            backing: Arc::clone(&self.backing),
            start,
            end,
        })
    }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

/// The sections of one container.
pub struct Container {
    sections: Vec<(String, Bytes)>,
}

impl Container {
    pub fn open(bytes: Bytes, what: &str) -> Result<Container, DataError> {
        let invalid = |message: &str| DataError::Invalid {
            path: what.to_string(),
            message: format!("not a compiled knowledge base: {message}"),
        };
        if bytes.get(..MAGIC.len()) != Some(MAGIC.as_slice()) {
            return Err(invalid("wrong header"));
        }
        let mut at = MAGIC.len();
        let count = u32_at(&bytes, at).ok_or_else(|| invalid("truncated"))?;
        at += 4;
        let mut sections = Vec::new();
        for _ in 0..count {
            let len = u32_at(&bytes, at).ok_or_else(|| invalid("truncated"))? as usize;
            at += 4;
            let name = bytes
                .get(at..at.saturating_add(len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or_else(|| invalid("bad section name"))?
                .to_string();
            at += len;
            let offset = u64_at(&bytes, at).ok_or_else(|| invalid("truncated"))?;
            let size = u64_at(&bytes, at + 8).ok_or_else(|| invalid("truncated"))?;
            at += 16;
            let section = bytes
                .slice(offset, size)
                .ok_or_else(|| invalid(&format!("section {name} out of bounds")))?;
            sections.push((name, section));
        }
        Ok(Container { sections })
    }

    pub fn get(&self, name: &str) -> Option<&Bytes> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|(n, _)| n.as_str())
    }

    fn require(&self, name: &str, what: &str) -> Result<Bytes, DataError> {
        self.get(name).cloned().ok_or_else(|| DataError::Invalid {
            path: what.to_string(),
            message: format!("compiled knowledge base lacks section `{name}`"),
        })
    }

    fn fst(&self, name: &str, what: &str) -> Result<fst::Map<Bytes>, DataError> {
        fst::Map::new(self.require(name, what)?).map_err(|e| DataError::Invalid {
            path: what.to_string(),
            message: format!("section `{name}`: {e}"),
        })
    }
}

fn pool_str(pool: &[u8], at: u32) -> Option<&str> {
    if at == NONE {
        return None;
    }
    let at = at as usize;
    let len = u32_at(pool, at)? as usize;
    let start = at + 4;
    std::str::from_utf8(pool.get(start..start.checked_add(len)?)?).ok()
}

/// A u32 list of `postings` at `at` (in u32 units).
fn list(postings: &[u8], at: u32) -> impl Iterator<Item = u32> + '_ {
    let at = at as usize;
    let count = if at == NONE as usize {
        0
    } else {
        u32_at(postings, at * 4).unwrap_or(0) as usize
    };
    (0..count).filter_map(move |k| u32_at(postings, (at + 1 + k) * 4))
}

/// The entity, name and office tables.
pub struct Tables {
    pool: Bytes,
    entities: Bytes,
    names: Bytes,
    offices: Bytes,
    postings: Bytes,
    ids: fst::Map<Bytes>,
    texts: fst::Map<Bytes>,
    langs: Vec<String>,
}

impl Tables {
    pub fn open(c: &Container, what: &str) -> Result<Tables, DataError> {
        let pool = c.require(SECTION_POOL, what)?;
        let lang_table = c.require(SECTION_LANGS, what)?;
        let count = u32_at(&lang_table, 0).unwrap_or(0) as usize;
        let langs = (0..count)
            .map(|i| {
                u32_at(&lang_table, 4 + 4 * i)
                    .and_then(|at| pool_str(&pool, at))
                    .map(str::to_string)
                    .ok_or_else(|| DataError::Invalid {
                        path: what.to_string(),
                        message: "bad language table".into(),
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Tables {
            entities: c.require(SECTION_ENTITIES, what)?,
            names: c.require(SECTION_NAMES, what)?,
            offices: c.require(SECTION_OFFICES, what)?,
            postings: c.require(SECTION_POSTINGS, what)?,
            ids: c.fst(SECTION_IDS, what)?,
            texts: c.fst(SECTION_TEXTS, what)?,
            langs,
            pool,
        })
    }

    fn str(&self, at: u32) -> Option<&str> {
        pool_str(&self.pool, at)
    }

    fn field(table: &[u8], size: usize, i: u32, k: usize) -> Option<u32> {
        u32_at(table, (i as usize).checked_mul(size)? + 4 * k)
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len() / ENTITY_SIZE
    }
    pub fn name_count(&self) -> usize {
        self.names.len() / NAME_SIZE
    }
    pub fn office_count(&self) -> usize {
        self.offices.len() / OFFICE_SIZE
    }

    /// Languages as they occur in names (`*` among them), sorted.
    pub fn langs(&self) -> &[String] {
        &self.langs
    }

    pub fn index_of(&self, id: &str) -> Option<u32> {
        self.ids.get(id).and_then(|i| u32::try_from(i).ok())
    }

    fn entity_id(&self, i: u32) -> Option<&str> {
        self.str(Self::field(&self.entities, ENTITY_SIZE, i, 0)?)
    }

    pub fn entity(&self, i: u32) -> Option<Entity> {
        let f = |k| Self::field(&self.entities, ENTITY_SIZE, i, k);
        let kind = *self
            .entities
            .get((i as usize).checked_mul(ENTITY_SIZE)? + 28)?;
        Some(Entity {
            id: self.str(f(0)?)?.to_string(),
            kind: *KINDS.get(kind as usize)?,
            name: self.str(f(1)?)?.to_string(),
            country: self.str(f(2)?).map(str::to_string),
            category: self.str(f(3)?).map(str::to_string),
            note: self.str(f(4)?).unwrap_or_default().to_string(),
        })
    }

    /// Name indexes of entity `i`, in file order.
    pub fn names_of(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let at = Self::field(&self.entities, ENTITY_SIZE, i, 5).unwrap_or(NONE);
        list(&self.postings, at)
    }

    /// Office indexes of person `i`, in file order.
    pub fn offices_of(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let at = Self::field(&self.entities, ENTITY_SIZE, i, 6).unwrap_or(NONE);
        list(&self.postings, at)
    }

    pub fn name(&self, i: u32) -> Option<Name> {
        let f = |k| Self::field(&self.names, NAME_SIZE, i, k);
        let form = *self.names.get((i as usize).checked_mul(NAME_SIZE)? + 12)?;
        Some(Name {
            entity: self.entity_id(f(0)?)?.to_string(),
            lang: self.langs.get(f(2)? as usize)?.clone(),
            form: *FORMS.get(form as usize)?,
            text: self.str(f(1)?)?.to_string(),
        })
    }

    /// Name indexes whose lower-cased text is `lower`, in file order.
    pub fn names_with_text(&self, lower: &str) -> impl Iterator<Item = u32> + '_ {
        let at = self
            .texts
            .get(lower)
            .and_then(|a| u32::try_from(a).ok())
            .unwrap_or(NONE);
        list(&self.postings, at)
    }

    pub fn office(&self, i: u32) -> Option<Office> {
        let f = |k| Self::field(&self.offices, OFFICE_SIZE, i, k);
        Some(Office {
            person: self.entity_id(f(0)?)?.to_string(),
            state: self.entity_id(f(1)?)?.to_string(),
            office: self.str(f(2)?).unwrap_or_default().to_string(),
            from: self.str(f(3)?).map(str::to_string),
            to: self.str(f(4)?).map(str::to_string),
            source: self.str(f(5)?).unwrap_or_default().to_string(),
        })
    }
}

/// One way of writing a name in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormEntry<'a> {
    /// Index of the knowledge-base name it derives from.
    pub name: u32,
    pub inflected: bool,
    /// The suffix rule of an inflected form (`-+s`), empty for the name itself.
    pub rule: &'a str,
}

/// The name index of one language: lookup key → the names it may be.
#[derive(Clone)]
pub struct FormIndex {
    keys: fst::Map<Bytes>,
    first: fst::Map<Bytes>,
    postings: Bytes,
    pool: Bytes,
}

impl std::fmt::Debug for FormIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FormIndex({} keys)", self.keys.len())
    }
}

impl FormIndex {
    pub fn open(bytes: Bytes, what: &str) -> Result<FormIndex, DataError> {
        let c = Container::open(bytes, what)?;
        Ok(FormIndex {
            keys: c.fst(SECTION_KEYS, what)?,
            first: c.fst(SECTION_FIRST, what)?,
            postings: c.require(SECTION_POSTINGS, what)?,
            pool: c.require(SECTION_POOL, what)?,
        })
    }

    /// Number of distinct lookup keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The most words of a key starting with `first` (0: none does).
    pub fn max_words(&self, first: &str) -> usize {
        self.first
            .get(first)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0)
    }

    /// The entries of `key` in the order they were added (`None`: no such key).
    pub fn get(&self, key: &str) -> Option<Vec<FormEntry<'_>>> {
        let at = usize::try_from(self.keys.get(key)?).ok()?;
        let p = &self.postings;
        let count = u32_at(p, at * 4)? as usize;
        let mut out = Vec::with_capacity(count);
        for k in 0..count {
            let base = (at + 1 + 3 * k) * 4;
            out.push(FormEntry {
                name: u32_at(p, base)?,
                inflected: u32_at(p, base + 4)? != 0,
                rule: pool_str(&self.pool, u32_at(p, base + 8)?).unwrap_or_default(),
            });
        }
        Some(out)
    }
}
