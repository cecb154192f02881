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

use std::collections::HashMap;

use armsgraph_model::EntityKind;

use crate::files::{DataError, DataFiles};

/// What kind of name a row of `kb/names/<lang>.tsv` is; matching rules depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameForm {
    /// The usual name (`Aserbaidschan`).
    Name,
    /// The full official name (`Republik Aserbaidschan`).
    Official,
    /// A press short form (`Russland`, `USA`, `Weißrussland`).
    Short,
    /// An abbreviation, matched with exact case (`OVKS`, `EU`, `US`).
    Abbrev,
    /// The adjective in its base form (`aserbaidschanisch`); inflected by language rules.
    Adjective,
    /// A noun for the people (`Azerbaijani`, `Armenier`).
    Demonym,
    /// A person's surname alone (`Putin`), used after the full name or for famous people.
    Surname,
    /// Any other spelling or exonym (`Paschinjan`).
    Alias,
    /// A word for a generic actor (`Polizei`, `rebels`, `боевики`) from `kb/agents/<lang>.tsv`;
    /// inflected by the language's `agent` rules.
    Agent,
}

impl NameForm {
    pub fn parse(s: &str) -> Option<NameForm> {
        Some(match s {
            "name" => NameForm::Name,
            "official" => NameForm::Official,
            "short" => NameForm::Short,
            "abbrev" => NameForm::Abbrev,
            "adjective" => NameForm::Adjective,
            "demonym" => NameForm::Demonym,
            "surname" => NameForm::Surname,
            "alias" => NameForm::Alias,
            "agent" => NameForm::Agent,
            _ => return None,
        })
    }
    pub fn label(&self) -> &'static str {
        match self {
            NameForm::Name => "name",
            NameForm::Official => "official",
            NameForm::Short => "short",
            NameForm::Abbrev => "abbrev",
            NameForm::Adjective => "adjective",
            NameForm::Demonym => "demonym",
            NameForm::Surname => "surname",
            NameForm::Alias => "alias",
            NameForm::Agent => "agent",
        }
    }
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entity {
    /// `AZE`, `CSTO`, `place:yerevan`, `person:vladimir-putin`, `weapon:polonez`.
    pub id: String,
    pub kind: EntityKind,
    /// Canonical English display name.
    pub name: String,
    /// State (alpha-3) a place lies in, a person serves or a weapon comes from.
    pub country: Option<String>,
    /// Weapon category id of a system, or the type of an organisation (`alliance`, `media`).
    pub category: Option<String>,
    pub note: String,
}

/// One name of an entity in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub entity: String,
    /// ISO 639-1 code, or `*` for names used in every language.
    pub lang: String,
    pub form: NameForm,
    pub text: String,
}

/// An office a known person held.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Office {
    pub person: String,
    pub state: String,
    /// English title (`president`, `prime minister`).
    pub office: String,
    /// Years or ISO dates as written in the file (`2018`, `2008-05-07`; empty when unknown).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Where the row comes from: `curated`, `phoenix-countries`, `everypolitician`.
    pub source: String,
}

impl Office {
    /// Whether holding the office makes the person speak and act for the state: offices
    /// written for armsgraph, and government or military posts of the open sources (a
    /// member of parliament or a former official does not stand for the state).
    pub fn acts_for_state(&self) -> bool {
        self.source == "curated"
            || self.office.starts_with("government")
            || self.office.starts_with("military")
    }

    /// `2018–` or `2000–2008`, for [`armsgraph_model::Role::years`].
    pub fn years(&self) -> Option<String> {
        match (&self.from, &self.to) {
            (None, None) => None,
            (from, to) => Some(format!(
                "{}–{}",
                from.as_deref().unwrap_or(""),
                to.as_deref().unwrap_or("")
            )),
        }
    }
    /// Whether the office was held in `year` (open ends count as held).
    pub fn held_in(&self, year: i32) -> bool {
        let from = self
            .from
            .as_deref()
            .and_then(|y| y.get(..4)?.parse::<i32>().ok());
        let to = self
            .to
            .as_deref()
            .and_then(|y| y.get(..4)?.parse::<i32>().ok());
        from.is_none_or(|f| f <= year) && to.is_none_or(|t| year <= t)
    }
}

/// The loaded knowledge base.
#[derive(Debug, Clone, Default)]
pub struct Kb {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    names: Vec<Name>,
    /// Lower-cased name text → indices into `names`.
    by_text: HashMap<String, Vec<usize>>,
    offices: Vec<Office>,
    /// Person id → indices into `offices`, in file order.
    offices_by_person: HashMap<String, Vec<usize>>,
}

pub fn kind_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::State => "state",
        EntityKind::Organisation => "organisation",
        EntityKind::Person => "person",
        EntityKind::Place => "place",
        EntityKind::WeaponSystem => "weapon-system",
        EntityKind::WeaponCategory => "weapon-category",
        EntityKind::Group => "group",
        EntityKind::Agent => "agent",
    }
}

fn parse_kind(s: &str) -> Option<EntityKind> {
    Some(match s {
        "state" => EntityKind::State,
        "organisation" => EntityKind::Organisation,
        "person" => EntityKind::Person,
        "place" => EntityKind::Place,
        "weapon-system" => EntityKind::WeaponSystem,
        "weapon-category" => EntityKind::WeaponCategory,
        "group" => EntityKind::Group,
        "agent" => EntityKind::Agent,
        _ => return None,
    })
}

/// Data rows of a TSV file: comments and the header skipped, each row split on tabs, with
/// its 1-based line number for error messages.
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn opt(cols: &[&str], i: usize) -> Option<String> {
    cols.get(i).filter(|s| !s.is_empty()).map(|s| s.to_string())
}

impl Kb {
    /// Read `kb/entities.tsv`, every `kb/names/*.tsv` and `kb/offices.tsv`.
    pub fn load(files: &DataFiles) -> Result<Kb, DataError> {
        let mut kb = Kb::default();
        let path = "kb/entities.tsv";
        for (line, cols) in rows(&files.read(path)?) {
            let invalid = |message: String| DataError::Invalid {
                path: format!("{path}:{line}"),
                message,
            };
            let id = cols.first().copied().unwrap_or_default();
            let kind_text = cols.get(1).copied().unwrap_or_default();
            let kind = parse_kind(kind_text)
                .ok_or_else(|| invalid(format!("unknown kind `{kind_text}`")))?;
            if id.is_empty() {
                return Err(invalid("empty id".into()));
            }
            let entity = Entity {
                id: id.to_string(),
                kind,
                name: opt(&cols, 2).unwrap_or_else(|| id.to_string()),
                country: opt(&cols, 3),
                category: opt(&cols, 4),
                note: opt(&cols, 5).unwrap_or_default(),
            };
            if kb
                .by_id
                .insert(entity.id.clone(), kb.entities.len())
                .is_some()
            {
                return Err(invalid(format!("duplicate id `{id}`")));
            }
            kb.entities.push(entity);
        }
        for path in files.list("kb/names", ".tsv")? {
            let lang = DataFiles::stem(&path);
            for (line, cols) in rows(&files.read(&path)?) {
                let invalid = |message: String| DataError::Invalid {
                    path: format!("{path}:{line}"),
                    message,
                };
                let (id, form, text) = match cols[..] {
                    [id, form, text, ..] => (id, form, text),
                    _ => return Err(invalid("expected `id form text`".into())),
                };
                if !kb.by_id.contains_key(id) {
                    return Err(invalid(format!("unknown entity `{id}`")));
                }
                let form = NameForm::parse(form)
                    .ok_or_else(|| invalid(format!("unknown form `{form}`")))?;
                if text.is_empty() {
                    continue;
                }
                kb.by_text
                    .entry(text.to_lowercase())
                    .or_default()
                    .push(kb.names.len());
                kb.names.push(Name {
                    entity: id.to_string(),
                    lang: if lang == "common" {
                        "*".into()
                    } else {
                        lang.clone()
                    },
                    form,
                    text: text.to_string(),
                });
            }
        }
        let path = "kb/offices.tsv";
        for (line, cols) in rows(&files.read(path)?) {
            let (person, state) = match cols[..] {
                [p, s, ..] if kb.by_id.contains_key(p) && kb.by_id.contains_key(s) => (p, s),
                _ => {
                    return Err(DataError::Invalid {
                        path: format!("{path}:{line}"),
                        message: "expected known `person state office from to`".into(),
                    })
                }
            };
            kb.offices.push(Office {
                person: person.to_string(),
                state: state.to_string(),
                office: opt(&cols, 2).unwrap_or_default(),
                from: opt(&cols, 3),
                to: opt(&cols, 4),
                source: opt(&cols, 5).unwrap_or_else(|| "curated".into()),
            });
        }
        let mut by_person: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, o) in kb.offices.iter().enumerate() {
            by_person.entry(o.person.clone()).or_default().push(i);
        }
        kb.offices_by_person = by_person;
        for path in files.list("kb/agents", ".tsv")? {
            let lang = DataFiles::stem(&path);
            for (line, cols) in rows(&files.read(&path)?) {
                let (text, sector) = match cols[..] {
                    [text, sector, ..] if !text.is_empty() && !sector.is_empty() => (text, sector),
                    _ => {
                        return Err(DataError::Invalid {
                            path: format!("{path}:{line}"),
                            message: "expected `text sector source`".into(),
                        })
                    }
                };
                if !kb.by_id.contains_key(sector) {
                    kb.by_id.insert(sector.to_string(), kb.entities.len());
                    kb.entities.push(Entity {
                        id: sector.to_string(),
                        kind: EntityKind::Agent,
                        name: sector.to_string(),
                        country: None,
                        category: Some(sector.to_string()),
                        note: "generic actor (kb/agents)".into(),
                    });
                }
                kb.by_text
                    .entry(text.to_lowercase())
                    .or_default()
                    .push(kb.names.len());
                kb.names.push(Name {
                    entity: sector.to_string(),
                    lang: lang.clone(),
                    form: NameForm::Agent,
                    text: text.to_string(),
                });
            }
        }
        Ok(kb)
    }

    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).and_then(|&i| self.entities.get(i))
    }
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }
    pub fn kind(&self, id: &str) -> Option<EntityKind> {
        self.entity(id).map(|e| e.kind)
    }
    /// Canonical English display name.
    pub fn name(&self, id: &str) -> Option<&str> {
        self.entity(id).map(|e| e.name.as_str())
    }
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    pub fn entities_of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }
    /// Every name row of every language.
    pub fn names(&self) -> &[Name] {
        &self.names
    }
    /// Names of one entity, optionally only those usable in `lang` (its own and `*`).
    pub fn names_of(&self, id: &str, lang: Option<&str>) -> Vec<&Name> {
        self.names
            .iter()
            .filter(|n| n.entity == id && lang.is_none_or(|l| n.lang == l || n.lang == "*"))
            .collect()
    }
    /// Names usable in `lang` (its own rows and the `*` rows).
    pub fn names_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = &'a Name> + 'a {
        self.names
            .iter()
            .filter(move |n| n.lang == lang || n.lang == "*")
    }
    /// Entities with a name exactly equal (ignoring case) to `text`, in `lang` when given.
    /// This is a dictionary lookup; inflected text is matched by `armsgraph-nlp`.
    pub fn lookup(&self, text: &str, lang: Option<&str>) -> Vec<&Entity> {
        let mut out: Vec<&Entity> = Vec::new();
        for &i in self.by_text.get(&text.to_lowercase()).into_iter().flatten() {
            let Some(name) = self.names.get(i) else {
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
        let mut langs: Vec<String> = self
            .names
            .iter()
            .filter(|n| n.lang != "*")
            .map(|n| n.lang.clone())
            .collect();
        langs.sort();
        langs.dedup();
        langs
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
        self.offices_by_person
            .get(person)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.offices.get(i))
            .collect()
    }
    /// Holders of offices of `state`, those in office in `year` when given.
    pub fn office_holders(&self, state: &str, year: Option<i32>) -> Vec<&Office> {
        self.offices
            .iter()
            .filter(|o| o.state == state && year.is_none_or(|y| o.held_in(y)))
            .collect()
    }
    pub fn offices(&self) -> &[Office] {
        &self.offices
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
