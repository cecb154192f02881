//! The records of the knowledge base as plain data: entities, their names per language, the
//! offices of people. Shared by the build script that compiles `data/kb/` and the run-time
//! reader, so both read the same rows the same way.

use armsgraph_model::EntityKind;

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

/// Every entity kind, in the order of their codes in the compiled tables.
pub const KINDS: [EntityKind; 8] = [
    EntityKind::State,
    EntityKind::Organisation,
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::WeaponSystem,
    EntityKind::WeaponCategory,
    EntityKind::Group,
    EntityKind::Agent,
];

/// The code of a kind in the compiled tables.
pub fn kind_code(kind: EntityKind) -> u8 {
    KINDS.iter().position(|&k| k == kind).unwrap_or(0) as u8
}

/// Every name form, in the order of their codes (`NameForm as u8`).
pub const FORMS: [NameForm; 9] = [
    NameForm::Name,
    NameForm::Official,
    NameForm::Short,
    NameForm::Abbrev,
    NameForm::Adjective,
    NameForm::Demonym,
    NameForm::Surname,
    NameForm::Alias,
    NameForm::Agent,
];
