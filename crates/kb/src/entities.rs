//! The entity knowledge base: who and what armsgraph can name, and how each language names it.
//!
//! Files (tab-separated, `#` starts a comment line, first non-comment line is the header):
//! - `kb/entities.tsv`: `id  kind  name  country  category  note` — one row per entity.
//!   `country` is the state a place lies in, a person serves, or a weapon comes from;
//!   `category` is the weapon category of a system (`weapon-category:artillery`) or the
//!   type of an organisation (`alliance`, `intergovernmental`, `media`).
//! - `kb/names/<lang>.tsv`: `id  form  text` — the names of entities in one language
//!   (`*.tsv` is language-neutral: abbreviations such as `NATO`). Adding a language is adding
//!   a file here.
//! - `kb/offices.tsv`: `person  state  office  from  to  source` — offices of people.
//! - `kb/agents/<lang>.tsv`: `text  sector  source` — words for generic actors (`police`,
//!   `Rebellen`, `боевики`); each sector becomes an entity of kind [`EntityKind::Agent`] whose
//!   id is the sector (`police`), and each word a [`NameForm::Agent`] name of it.
//!
//! These files are compiled by the build script (`build.rs`, the code in `compile`) into
//! tables and fst indexes embedded in the binary, so start-up maps bytes instead of parsing
//! and indexing 10⁵ rows; a record is decoded when first asked for and kept
//! (docs/notes/startup.md). A `--data-dir` is compiled the same way when it is loaded.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use armsgraph_model::EntityKind;
use elsa::sync::FrozenMap;

pub use crate::schema::{kind_label, Entity, Name, NameForm, Office};

use crate::compile::{compile_all, Records};
use crate::files::{DataError, DataFiles};
use crate::format::SECTION_FORMS_PREFIX;
use crate::forms::InflectionRule;
use crate::view::{Bytes, Container, FormIndex, Tables};

/// The knowledge base compiled from the repository's `data/` by the build script.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.bin"));

/// The environment variable naming a compiled knowledge base file to memory-map instead of
/// the embedded one (the start-up bench's synthetic knowledge base; `armsgraph bench
/// startup`).
pub const KB_FILE_ENV: &str = "ARMSGRAPH_KB";

/// The knowledge base: compiled tables read in place, records decoded on first use and kept.
///
/// Cloning is cheap (the tables and caches are shared), so every stage can hold one.
#[derive(Clone, Default)]
pub struct Kb {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// `None`: the empty knowledge base.
    tables: Option<Tables>,
    /// Name indexes compiled with the tables, by language (empty for a `--data-dir`, whose
    /// indexes are built on first use by the reader).
    forms: BTreeMap<String, Bytes>,
    /// Languages with names (`*` excluded), sorted.
    languages: Vec<String>,
    entities: FrozenMap<u32, Box<Entity>>,
    names: FrozenMap<u32, Box<Name>>,
    offices: FrozenMap<u32, Box<Office>>,
    all_entities: OnceLock<Vec<Entity>>,
    all_names: OnceLock<Vec<Name>>,
    all_offices: OnceLock<Vec<Office>>,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let t = self.inner.tables.as_ref();
        f.debug_struct("Kb")
            .field("entities", &t.map_or(0, Tables::entity_count))
            .field("names", &t.map_or(0, Tables::name_count))
            .field("offices", &t.map_or(0, Tables::office_count))
            .field(
                "compiled_forms",
                &self.inner.forms.keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Kb {
    /// The knowledge base of `files`: for the embedded data, the tables compiled at build time
    /// (or the file named by `ARMSGRAPH_KB`, memory-mapped); for a data directory, the same
    /// tables compiled now from its `kb/` files.
    pub fn load(files: &DataFiles) -> Result<Kb, DataError> {
        match files {
            DataFiles::Embedded => match std::env::var_os(KB_FILE_ENV) {
                Some(path) if !path.is_empty() => Kb::open(Path::new(&path)),
                _ => Kb::embedded(),
            },
            DataFiles::Dir(_) => {
                let records = Records::read(files)?;
                let mut out = crate::format::ContainerWriter::default();
                records.write_tables(&mut out)?;
                Kb::from_bytes(
                    Bytes::from_vec(out.finish()),
                    "kb (compiled from --data-dir)",
                )
            }
        }
    }

    /// The knowledge base compiled into the binary.
    pub fn embedded() -> Result<Kb, DataError> {
        Kb::from_bytes(Bytes::from_static(EMBEDDED), "kb (embedded)")
    }

    /// A compiled knowledge base file ([`compile_all`]), memory-mapped.
    pub fn open(path: &Path) -> Result<Kb, DataError> {
        Kb::from_bytes(Bytes::map(path)?, &path.display().to_string())
    }

    /// Compile the `kb/` and `lang/` files of `files` into the bytes of a knowledge-base file
    /// (what the build script embeds).
    pub fn compile(files: &DataFiles) -> Result<Vec<u8>, DataError> {
        compile_all(files)
    }

    fn from_bytes(bytes: Bytes, what: &str) -> Result<Kb, DataError> {
        let container = Container::open(bytes, what)?;
        let tables = Tables::open(&container, what)?;
        let forms = container
            .names()
            .filter_map(|n| n.strip_prefix(SECTION_FORMS_PREFIX))
            .filter_map(|code| {
                let bytes = container.get(&format!("{SECTION_FORMS_PREFIX}{code}"))?;
                Some((code.to_string(), bytes.clone()))
            })
            .collect();
        let languages = tables
            .langs()
            .iter()
            .filter(|l| l.as_str() != "*")
            .cloned()
            .collect();
        Ok(Kb {
            inner: Arc::new(Inner {
                tables: Some(tables),
                forms,
                languages,
                ..Default::default()
            }),
        })
    }

    fn tables(&self) -> Option<&Tables> {
        self.inner.tables.as_ref()
    }

    fn index_of(&self, id: &str) -> Option<u32> {
        self.tables()?.index_of(id)
    }

    fn entity_at(&self, i: u32) -> Option<&Entity> {
        if let Some(e) = self.inner.entities.get(&i) {
            return Some(e);
        }
        let e = self.tables()?.entity(i)?;
        Some(self.inner.entities.insert(i, Box::new(e)))
    }

    /// The name with index `i` (the order of [`Kb::names`]).
    pub fn name_at(&self, i: u32) -> Option<&Name> {
        if let Some(n) = self.inner.names.get(&i) {
            return Some(n);
        }
        let n = self.tables()?.name(i)?;
        Some(self.inner.names.insert(i, Box::new(n)))
    }

    fn office_at(&self, i: u32) -> Option<&Office> {
        if let Some(o) = self.inner.offices.get(&i) {
            return Some(o);
        }
        let o = self.tables()?.office(i)?;
        Some(self.inner.offices.insert(i, Box::new(o)))
    }

    /// The name index of `lang` compiled with the knowledge base, when it was (the embedded
    /// data and compiled files have one per language; a `--data-dir` has none).
    pub fn compiled_forms(&self, lang: &str) -> Option<Result<FormIndex, DataError>> {
        let bytes = self.inner.forms.get(lang)?;
        Some(FormIndex::open(
            bytes.clone(),
            &format!("kb {SECTION_FORMS_PREFIX}{lang}"),
        ))
    }

    /// Build the name index of `lang` now, with the language's inflection rules (for a
    /// knowledge base read from a data directory).
    pub fn build_forms(
        &self,
        lang: &str,
        rules: &[InflectionRule],
    ) -> Result<FormIndex, DataError> {
        let names = self.names();
        let rows: Vec<crate::forms::NameRow> = names
            .iter()
            .map(|n| crate::forms::NameRow {
                entity: &n.entity,
                lang: &n.lang,
                form: n.form,
                text: &n.text,
                note: self.entity(&n.entity).map_or("", |e| e.note.as_str()),
            })
            .collect();
        let bytes = crate::forms::compile_forms(&rows, rules, lang)?;
        FormIndex::open(Bytes::from_vec(bytes), &format!("kb forms:{lang}"))
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entity_at(self.index_of(id)?)
    }
    pub fn contains(&self, id: &str) -> bool {
        self.index_of(id).is_some()
    }
    pub fn kind(&self, id: &str) -> Option<EntityKind> {
        self.entity(id).map(|e| e.kind)
    }
    /// Canonical English display name.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.entity(id).map(|e| e.name.as_str())
    }
    /// Every entity, decoded on first call (a whole-table scan: for exports and tests, not
    /// for reading documents).
    pub fn entities(&self) -> &[Entity] {
        self.inner.all_entities.get_or_init(|| {
            let Some(t) = self.tables() else {
                return Vec::new();
            };
            (0..t.entity_count() as u32)
                .filter_map(|i| t.entity(i))
                .collect()
        })
    }
    pub fn entities_of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities().iter().filter(move |e| e.kind == kind)
    }
    /// Every name row of every language, decoded on first call (a whole-table scan).
    pub fn names(&self) -> &[Name] {
        self.inner.all_names.get_or_init(|| {
            let Some(t) = self.tables() else {
                return Vec::new();
            };
            (0..t.name_count() as u32)
                .filter_map(|i| t.name(i))
                .collect()
        })
    }
    /// Number of name rows.
    pub fn name_count(&self) -> usize {
        self.tables().map_or(0, Tables::name_count)
    }
    /// Number of entities (without decoding them).
    pub fn entity_count(&self) -> usize {
        self.tables().map_or(0, Tables::entity_count)
    }
    /// Number of offices.
    pub fn office_count(&self) -> usize {
        self.tables().map_or(0, Tables::office_count)
    }
    /// Names of one entity, optionally only those usable in `lang` (its own and `*`).
    pub fn names_of(&self, id: &str, lang: Option<&str>) -> Vec<&Name> {
        let (Some(t), Some(i)) = (self.tables(), self.index_of(id)) else {
            return Vec::new();
        };
        t.names_of(i)
            .filter_map(|n| self.name_at(n))
            .filter(|n| lang.is_none_or(|l| n.lang == l || n.lang == "*"))
            .collect()
    }
    /// Names usable in `lang` (its own rows and the `*` rows).
    pub fn names_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Name> + 'a {
        self.names()
            .iter()
            .filter(move |n| n.lang == lang || n.lang == "*")
    }
    /// Entities with a name exactly equal (ignoring case) to `text`, in `lang` when given.
    /// This is a dictionary lookup; inflected text is matched by `armsgraph-nlp`.
    pub fn lookup(&self, text: &str, lang: Option<&str>) -> Vec<&Entity> {
        let mut out: Vec<&Entity> = Vec::new();
        let Some(t) = self.tables() else {
            return out;
        };
        for i in t.names_with_text(&text.to_lowercase()) {
            let Some(name) = self.name_at(i) else {
                continue;
            };
            if lang.is_some_and(|l| name.lang != l && name.lang != "*") {
                continue;
            }
            if let Some(e) = self.entity(&name.entity) {
                if !out.iter().any(|o| o.id == e.id) {
                    out.push(e);
                }
            }
        }
        out
    }
    /// Languages that have a names file (`de`, `en`, …; not `*`).
    pub fn languages(&self) -> Vec<String> {
        self.inner.languages.clone()
    }
    /// The state an entity belongs to: a state itself, the country of a place or weapon, the
    /// state of a person's latest office.
    pub fn country_of<'a>(&'a self, id: &'a str) -> Option<&'a str> {
        // A generic actor of a state: `IND.police` → IND.
        if let Some((state, _sector)) = id.split_once('.') {
            if self.kind(state) == Some(EntityKind::State) && !self.contains(id) {
                return Some(state);
            }
        }
        let e = self.entity(id)?;
        match e.kind {
            EntityKind::State => Some(e.id.as_str()),
            EntityKind::Person => e
                .country
                .as_deref()
                .or_else(|| self.offices_of(id).last().map(|o| o.state.as_str())),
            _ => e.country.as_deref(),
        }
    }
    /// Offices of a person, in file order.
    pub fn offices_of(&self, person: &str) -> Vec<&Office> {
        let (Some(t), Some(i)) = (self.tables(), self.index_of(person)) else {
            return Vec::new();
        };
        t.offices_of(i).filter_map(|o| self.office_at(o)).collect()
    }
    /// Holders of offices of `state`, those in office in `year` when given (a whole-table
    /// scan).
    pub fn office_holders(&self, state: &str, year: Option<i32>) -> Vec<&Office> {
        self.offices()
            .iter()
            .filter(|o| o.state == state && year.is_none_or(|y| o.held_in(y)))
            .collect()
    }
    /// Every office, decoded on first call.
    pub fn offices(&self) -> &[Office] {
        self.inner.all_offices.get_or_init(|| {
            let Some(t) = self.tables() else {
                return Vec::new();
            };
            (0..t.office_count() as u32)
                .filter_map(|i| t.office(i))
                .collect()
        })
    }
    /// Weapon category of a weapon system (or the category itself).
    pub fn weapon_category(&self, id: &str) -> Option<&str> {
        let e = self.entity(id)?;
        match e.kind {
            EntityKind::WeaponCategory => Some(e.id.as_str()),
            EntityKind::WeaponSystem => e.category.as_deref(),
            _ => None,
        }
    }
    /// Whether an organisation is of the given type (`alliance`, `media`, …).
    pub fn is_org_type(&self, id: &str, category: &str) -> bool {
        self.entity(id).is_some_and(|e| {
            e.kind == EntityKind::Organisation && e.category.as_deref() == Some(category)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_data() -> DataFiles {
        DataFiles::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))
    }

    #[test]
    fn kinds_and_forms_keep_their_codes() {
        for (i, f) in crate::schema::FORMS.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f:?}");
        }
        for (i, k) in crate::schema::KINDS.iter().enumerate() {
            assert_eq!(crate::schema::kind_code(*k) as usize, i, "{k:?}");
        }
    }

    #[test]
    fn a_data_dir_compiles_to_the_knowledge_base_the_build_embedded() {
        let built = Kb::embedded().unwrap();
        let now = Kb::load(&repo_data()).unwrap();
        assert_eq!(built.entities(), now.entities());
        assert_eq!(built.names(), now.names());
        assert_eq!(built.offices(), now.offices());
        assert_eq!(built.languages(), now.languages());
        assert!(now.compiled_forms("de").is_none());
        let rules = crate::compile::read_inflection(&repo_data()).unwrap();
        let de = rules.iter().rev().find(|(c, _)| c == "de").unwrap();
        let compiled = built.compiled_forms("de").unwrap().unwrap();
        let fresh = now.build_forms("de", &de.1).unwrap();
        assert_eq!(compiled.len(), fresh.len());
        assert!(compiled.len() > 10_000, "{}", compiled.len());
        for key in [
            "armenien",
            "armeniens",
            "aserbaidschanischen",
            "berg-karabach",
            "nato",
        ] {
            assert!(compiled.get(key).is_some(), "{key}");
            assert_eq!(compiled.get(key), fresh.get(key), "{key}");
            assert!(compiled.max_words(key.split(['-', ' ']).next().unwrap()) >= 1);
        }
        assert_eq!(compiled.get("no-such-name"), None);
    }

    #[test]
    fn a_damaged_knowledge_base_file_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join(format!("armsgraph-kbfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("kb.bin");
        for bytes in [
            EMBEDDED[..EMBEDDED.len() / 2].to_vec(),
            b"not a knowledge base".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&path, &bytes).unwrap();
            let err = Kb::open(&path).unwrap_err().to_string();
            assert!(err.contains("kb.bin"), "{err}");
        }
        std::fs::write(&path, EMBEDDED).unwrap();
        let kb = Kb::open(&path).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(kb.name("AZE"), Some("Azerbaijan"));
    }

    #[test]
    fn embedded_kb_knows_the_states_people_and_places_of_the_seed() {
        let kb = Kb::load(&DataFiles::Embedded).unwrap();
        assert_eq!(kb.name("AZE"), Some("Azerbaijan"));
        assert_eq!(kb.kind("CSTO"), Some(EntityKind::Organisation));
        assert!(kb.is_org_type("CSTO", "alliance"));
        assert_eq!(kb.country_of("place:yerevan"), Some("ARM"));
        assert_eq!(kb.country_of("person:vladimir-putin"), Some("RUS"));
        assert!(kb
            .lookup("Eriwan", Some("de"))
            .iter()
            .any(|e| e.id == "place:yerevan"));
        assert!(kb.lookup("ОДКБ", Some("ru")).iter().any(|e| e.id == "CSTO"));
        assert_eq!(
            kb.weapon_category("weapon:polonez"),
            Some("weapon-category:mlrs")
        );
        let holders = kb.office_holders("ARM", Some(2024));
        assert!(holders.iter().any(|o| o.person == "person:nikol-pashinyan"));
        for lang in ["de", "en", "ru", "fr", "uk", "es"] {
            assert!(kb.languages().contains(&lang.to_string()), "{lang}");
        }
        // Stop 27: names the press writes that Phoenix lacked.
        assert!(kb
            .lookup("Fatah", Some("en"))
            .iter()
            .any(|e| e.id == "group:al-fatah"));
        assert!(kb
            .lookup("Osama bin Laden", Some("en"))
            .iter()
            .any(|e| e.id == "person:osama-bin-laden"));
    }

    /// Stop 30: the GeoNames gazetteer (`kb/places.tsv`) makes cities places in their state,
    /// under their names in the languages' scripts and inflected like other place names;
    /// names that are words or given names stay out.
    #[test]
    fn gazetteer_cities_are_places_in_their_state() {
        let kb = Kb::load(&DataFiles::Embedded).unwrap();
        let city_in = |text: &str, lang: &str, state: &str| {
            kb.lookup(text, Some(lang)).iter().any(|e| {
                e.kind == EntityKind::Place
                    && e.category.as_deref() == Some("city")
                    && kb.country_of(&e.id) == Some(state)
            })
        };
        assert!(city_in("Kupang", "de", "IDN"));
        assert!(city_in("Liverpool", "en", "GBR"));
        assert!(city_in("Ливерпуль", "ru", "GBR"));
        assert!(city_in("Mosul", "en", "IRQ"));
        // A capital already in the knowledge base is not added again.
        assert!(kb
            .lookup("Eriwan", Some("de"))
            .iter()
            .all(|e| e.category.as_deref() != Some("city")));
        // The Russian case forms come from the `name` rules (`в Ливерпуле`).
        let forms = kb.compiled_forms("ru").unwrap().unwrap();
        assert!(forms.get("ливерпуле").is_some_and(|f| !f.is_empty()));
        // Words and given names are not places.
        for word in ["Police", "Union", "Mark", "Reading", "Elizabeth"] {
            let cities = kb.lookup(word, Some("en"));
            assert!(
                cities.iter().all(|e| e.category.as_deref() != Some("city")),
                "{word}"
            );
        }
    }

    #[test]
    fn names_of_unknown_entities_are_reported_with_their_line() {
        let dir = std::env::temp_dir().join(format!("armsgraph-kb-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("kb/names")).unwrap();
        std::fs::write(
            dir.join("kb/entities.tsv"),
            "id\tkind\tname\nAZE\tstate\tAzerbaijan\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("kb/offices.tsv"),
            "person\tstate\toffice\tfrom\tto\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("kb/names/xx.tsv"),
            "id\tform\ttext\nXYZ\tname\tNowhere\n",
        )
        .unwrap();
        let err = Kb::load(&DataFiles::dir(&dir)).unwrap_err().to_string();
        std::fs::write(
            dir.join("kb/names/xx.tsv"),
            "id\tform\ttext\nAZE\tname\tAzerbaigian\n",
        )
        .unwrap();
        let kb = Kb::load(&DataFiles::dir(&dir)).unwrap();
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("xx.tsv:2") && err.contains("XYZ"), "{err}");
        assert_eq!(kb.lookup("azerbaigian", Some("xx")).len(), 1);
        assert_eq!(kb.languages(), ["xx"]);
    }

    #[test]
    fn offices_know_their_years() {
        let office = Office {
            from: Some("2012".into()),
            ..Default::default()
        };
        assert!(office.held_in(2024) && !office.held_in(2010));
        assert_eq!(office.years().as_deref(), Some("2012–"));
    }
}
