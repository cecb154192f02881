//! Reading `data/kb/` into plain records and writing them as the compiled knowledge base.
//!
//! The same code runs in the build script (the knowledge base embedded in the binary) and at
//! run time for a data directory given with `--data-dir` (slower, but the same bytes), so
//! the two cannot disagree. Files:
//! - `kb/entities.tsv`: `id  kind  name  country  category  note` — one row per entity;
//! - `kb/names/<lang>.tsv`: `id  form  text` — names per language (`common.tsv`: every
//!   language);
//! - `kb/offices.tsv`: `person  state  office  from  to  source`;
//! - `kb/agents/<lang>.tsv`: `text  sector  source` — each sector becomes an entity of kind
//!   agent whose id is the sector, each word an agent name of it;
//! - `lang/<lang>.toml`: only its `code` and `inflection` rules are read here, to generate
//!   the inflected forms of every name.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use armsgraph_model::EntityKind;
use serde::Deserialize;

use crate::error::DataError;
use crate::format::{
    ContainerWriter, Pool, ENTITY_SIZE, NAME_SIZE, NONE, OFFICE_SIZE, SECTION_ENTITIES,
    SECTION_IDS, SECTION_LANGS, SECTION_NAMES, SECTION_OFFICES, SECTION_POOL, SECTION_POSTINGS,
    SECTION_TEXTS,
};
use crate::forms::{compile_forms, InflectionRule, NameRow};
use crate::schema::{kind_code, Entity, Name, NameForm, Office};

/// Where the data files come from: [`crate::DataFiles`] at run time, a directory in the
/// build script.
pub trait Source {
    /// The text of one file, by its path relative to `data/`.
    fn read_text(&self, rel: &str) -> Result<String, DataError>;
    /// Relative paths of the files directly in `subdir` ending with `suffix`, sorted.
    fn list_files(&self, subdir: &str, suffix: &str) -> Result<Vec<String>, DataError>;
}

/// A directory laid out like `data/` (the build script's source).
pub struct DirSource(pub PathBuf);

impl Source for DirSource {
    fn read_text(&self, rel: &str) -> Result<String, DataError> {
        let path = self.0.join(rel);
        std::fs::read_to_string(&path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => DataError::Missing {
                path: path.display().to_string(),
            },
            std::io::ErrorKind::InvalidData => DataError::NotUtf8 {
                path: path.display().to_string(),
            },
            _ => DataError::Io {
                path: path.display().to_string(),
                source,
            },
        })
    }

    fn list_files(&self, subdir: &str, suffix: &str) -> Result<Vec<String>, DataError> {
        let dir = self.0.join(subdir);
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(DataError::Io {
                    path: dir.display().to_string(),
                    source,
                })
            }
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| DataError::Io {
                path: dir.display().to_string(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy().to_string();
            if name.ends_with(suffix) && entry.path().is_file() {
                out.push(format!("{}/{}", subdir.trim_end_matches('/'), name));
            }
        }
        out.sort();
        Ok(out)
    }
}

/// The file stem of a relative path (`lang/de.toml` → `de`).
pub fn stem(rel: &str) -> String {
    std::path::Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// Every row of the knowledge base, in file order (names: `names/*.tsv` sorted, then agents).
#[derive(Debug, Default)]
pub struct Records {
    pub entities: Vec<Entity>,
    pub names: Vec<Name>,
    pub offices: Vec<Office>,
    by_id: HashMap<String, usize>,
}

fn parse_kind(s: &str) -> Option<EntityKind> {
    crate::schema::KINDS
        .iter()
        .copied()
        .find(|&k| crate::schema::kind_label(k) == s)
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

impl Records {
    /// Read `kb/entities.tsv`, every `kb/names/*.tsv`, `kb/offices.tsv` and every
    /// `kb/agents/*.tsv`.
    pub fn read(files: &dyn Source) -> Result<Records, DataError> {
        let mut kb = Records::default();
        let path = "kb/entities.tsv";
        for (line, cols) in rows(&files.read_text(path)?) {
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
        for path in files.list_files("kb/names", ".tsv")? {
            let lang = stem(&path);
            for (line, cols) in rows(&files.read_text(&path)?) {
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
        kb.read_places(files)?;
        let path = "kb/offices.tsv";
        for (line, cols) in rows(&files.read_text(path)?) {
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
        for path in files.list_files("kb/agents", ".tsv")? {
            let lang = stem(&path);
            for (line, cols) in rows(&files.read_text(&path)?) {
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

    /// The world gazetteer `kb/places.tsv` (`id state population name`, one row per place
    /// and name; written by `scripts/kb_places.py` from GeoNames): each place a `place`
    /// entity of category `city` in its state, each name usable in every language (inflected
    /// by the `name` rules like other place names). Optional: a data directory without it
    /// has no cities.
    fn read_places(&mut self, files: &dyn Source) -> Result<(), DataError> {
        let path = "kb/places.tsv";
        let text = match files.read_text(path) {
            Ok(t) => t,
            Err(DataError::Missing { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        for (line, cols) in rows(&text) {
            let (id, state, population, name) = match cols[..] {
                [id, state, population, name, ..]
                    if !id.is_empty() && !name.is_empty() && self.by_id.contains_key(state) =>
                {
                    (id, state, population, name)
                }
                _ => {
                    return Err(DataError::Invalid {
                        path: format!("{path}:{line}"),
                        message: "expected `id state population name` with a known state".into(),
                    })
                }
            };
            if !self.by_id.contains_key(id) {
                self.by_id.insert(id.to_string(), self.entities.len());
                self.entities.push(Entity {
                    id: id.to_string(),
                    kind: EntityKind::Place,
                    name: name.to_string(),
                    country: Some(state.to_string()),
                    category: Some("city".into()),
                    note: format!("GeoNames cities15000 (CC BY 4.0), population {population}"),
                });
            }
            self.names.push(Name {
                entity: id.to_string(),
                lang: "*".into(),
                form: NameForm::Name,
                text: name.to_string(),
            });
        }
        Ok(())
    }

    /// Records from rows made elsewhere (the start-up bench's synthetic knowledge base); a
    /// later entity with the same id replaces nothing, as in [`Records::read`] it is an error.
    pub fn from_rows(
        entities: Vec<Entity>,
        names: Vec<Name>,
        offices: Vec<Office>,
    ) -> Result<Records, DataError> {
        let mut by_id = HashMap::with_capacity(entities.len());
        for (i, e) in entities.iter().enumerate() {
            if by_id.insert(e.id.clone(), i).is_some() {
                return Err(DataError::Invalid {
                    path: "kb (rows)".into(),
                    message: format!("duplicate id `{}`", e.id),
                });
            }
        }
        Ok(Records {
            entities,
            names,
            offices,
            by_id,
        })
    }

    /// The rows the form generator reads, in name order.
    pub fn name_rows(&self) -> Vec<NameRow<'_>> {
        self.names
            .iter()
            .map(|n| NameRow {
                entity: &n.entity,
                lang: &n.lang,
                form: n.form,
                text: &n.text,
                note: self
                    .by_id
                    .get(&n.entity)
                    .and_then(|&i| self.entities.get(i))
                    .map_or("", |e| e.note.as_str()),
            })
            .collect()
    }

    /// The entity, name and office tables with their indexes, as one container.
    pub fn write_tables(&self, out: &mut ContainerWriter) -> Result<(), DataError> {
        let invalid = |message: String| DataError::Invalid {
            path: "kb (compiling)".into(),
            message,
        };
        let count = |n: usize| u32::try_from(n).map_err(|_| invalid(format!("{n} rows")));
        count(self.entities.len())?;
        count(self.names.len())?;
        count(self.offices.len())?;
        let mut pool = Pool::default();
        let mut postings: Vec<u32> = Vec::new();
        let push_list = |postings: &mut Vec<u32>, items: &[u32]| -> u32 {
            let at = postings.len() as u32;
            postings.push(items.len() as u32);
            postings.extend_from_slice(items);
            at
        };
        // Languages as they occur in names, `*` among them.
        let langs: Vec<&str> = self
            .names
            .iter()
            .map(|n| n.lang.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let lang_index: HashMap<&str, u32> = langs
            .iter()
            .enumerate()
            .map(|(i, l)| (*l, i as u32))
            .collect();
        let mut names_of: Vec<Vec<u32>> = vec![Vec::new(); self.entities.len()];
        let mut offices_of: Vec<Vec<u32>> = vec![Vec::new(); self.entities.len()];
        let mut by_text: HashMap<String, Vec<u32>> = HashMap::new();
        let mut names = Vec::with_capacity(self.names.len() * NAME_SIZE);
        for (i, n) in self.names.iter().enumerate() {
            let entity = self.by_id.get(&n.entity).copied().unwrap_or(usize::MAX);
            if let Some(list) = names_of.get_mut(entity) {
                list.push(i as u32);
            }
            by_text
                .entry(n.text.to_lowercase())
                .or_default()
                .push(i as u32);
            names.extend_from_slice(&(entity as u32).to_le_bytes());
            names.extend_from_slice(&pool.add(&n.text).to_le_bytes());
            let lang = lang_index.get(n.lang.as_str()).copied().unwrap_or(NONE);
            names.extend_from_slice(&lang.to_le_bytes());
            names.extend_from_slice(&[n.form as u8, 0, 0, 0]);
        }
        let mut offices = Vec::with_capacity(self.offices.len() * OFFICE_SIZE);
        for (i, o) in self.offices.iter().enumerate() {
            let person = self.by_id.get(&o.person).copied().unwrap_or(usize::MAX);
            let state = self.by_id.get(&o.state).copied().unwrap_or(usize::MAX);
            if let Some(list) = offices_of.get_mut(person) {
                list.push(i as u32);
            }
            for v in [
                person as u32,
                state as u32,
                pool.add(&o.office),
                pool.add_opt(o.from.as_deref()),
                pool.add_opt(o.to.as_deref()),
                pool.add(&o.source),
            ] {
                offices.extend_from_slice(&v.to_le_bytes());
            }
        }
        let mut entities = Vec::with_capacity(self.entities.len() * ENTITY_SIZE);
        for (i, e) in self.entities.iter().enumerate() {
            let names_at = push_list(&mut postings, &names_of[i]);
            let offices_at = push_list(&mut postings, &offices_of[i]);
            for v in [
                pool.add(&e.id),
                pool.add(&e.name),
                pool.add_opt(e.country.as_deref()),
                pool.add_opt(e.category.as_deref()),
                pool.add(&e.note),
                names_at,
                offices_at,
            ] {
                entities.extend_from_slice(&v.to_le_bytes());
            }
            entities.extend_from_slice(&[kind_code(e.kind), 0, 0, 0]);
        }
        // fst maps need their keys in byte order.
        let mut ids: Vec<(&str, u64)> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i as u64))
            .collect();
        ids.sort_unstable();
        let ids = fst::Map::from_iter(ids)
            .map_err(|e| invalid(format!("id index: {e}")))?
            .into_fst()
            .into_inner();
        let mut texts: Vec<(String, Vec<u32>)> = by_text.into_iter().collect();
        texts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text_map = fst::MapBuilder::memory();
        for (text, list) in &texts {
            let at = push_list(&mut postings, list);
            text_map
                .insert(text, u64::from(at))
                .map_err(|e| invalid(format!("name index: {e}")))?;
        }
        let texts = text_map
            .into_inner()
            .map_err(|e| invalid(format!("name index: {e}")))?;
        let mut lang_table = Vec::new();
        lang_table.extend_from_slice(&(langs.len() as u32).to_le_bytes());
        for l in &langs {
            lang_table.extend_from_slice(&pool.add(l).to_le_bytes());
        }
        let postings: Vec<u8> = postings.iter().flat_map(|v| v.to_le_bytes()).collect();
        out.section(SECTION_ENTITIES, entities);
        out.section(SECTION_NAMES, names);
        out.section(SECTION_OFFICES, offices);
        out.section(SECTION_POSTINGS, postings);
        out.section(SECTION_IDS, ids);
        out.section(SECTION_TEXTS, texts);
        out.section(SECTION_LANGS, lang_table);
        let pool = pool.into_bytes();
        // Strings are named by u32 offsets.
        if pool.len() >= NONE as usize {
            return Err(invalid(format!("{} bytes of strings", pool.len())));
        }
        out.section(SECTION_POOL, pool);
        Ok(())
    }
}

/// The parts of `lang/<lang>.toml` the form generator needs.
#[derive(Debug, Default, Deserialize)]
struct InflectionFile {
    #[serde(default)]
    code: String,
    #[serde(default)]
    inflection: Vec<InflectionRule>,
}

/// Every language's inflection rules, keyed by code (the file's `code`, else its stem).
pub fn read_inflection(
    files: &dyn Source,
) -> Result<Vec<(String, Vec<InflectionRule>)>, DataError> {
    let mut out = Vec::new();
    for path in files.list_files("lang", ".toml")? {
        let text = files.read_text(&path)?;
        let file: InflectionFile = toml::from_str(&text).map_err(|e| DataError::Invalid {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let code = if file.code.is_empty() {
            stem(&path)
        } else {
            file.code
        };
        out.push((code, file.inflection));
    }
    Ok(out)
}

/// The whole compiled knowledge base: tables, and the inflected-form index of every language
/// that has names or rules (`forms:<lang>`), built with that language's rules.
pub fn compile_all(files: &dyn Source) -> Result<Vec<u8>, DataError> {
    let records = Records::read(files)?;
    let rules = read_inflection(files)?;
    compile_records(&records, &rules, None)
}

/// Like [`compile_all`] from records already read; `only` limits the form indexes to some
/// languages (the start-up bench compiles a synthetic knowledge base for one language).
pub fn compile_records(
    records: &Records,
    rules: &[(String, Vec<InflectionRule>)],
    only: Option<&[&str]>,
) -> Result<Vec<u8>, DataError> {
    let mut out = ContainerWriter::default();
    records.write_tables(&mut out)?;
    let mut codes: BTreeSet<&str> = records
        .names
        .iter()
        .map(|n| n.lang.as_str())
        .filter(|l| *l != "*")
        .collect();
    codes.extend(rules.iter().map(|(c, _)| c.as_str()));
    let rows = records.name_rows();
    let empty = Vec::new();
    for code in codes {
        if only.is_some_and(|o| !o.contains(&code)) {
            continue;
        }
        // As at run time, the last file declaring a code wins.
        let lang_rules = rules
            .iter()
            .rev()
            .find(|(c, _)| c == code)
            .map_or(&empty, |(_, r)| r);
        let forms = compile_forms(&rows, lang_rules, code)?;
        out.section(
            &format!("{}{code}", crate::format::SECTION_FORMS_PREFIX),
            forms,
        );
    }
    Ok(out.finish())
}

/// Unused entries of a table are [`NONE`]; the record sizes are checked here once.
const _: () = assert!(ENTITY_SIZE == 32 && NAME_SIZE == 16 && OFFICE_SIZE == 24);
