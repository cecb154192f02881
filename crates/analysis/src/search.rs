//! Search that knows entities: a word that names an entity (in any language the knowledge
//! base or the documents write it) also finds the documents that mention that entity, however
//! they spell or inflect it. "Belarus" finds the German article that only says
//! "belarussische"; "Weißrussland" finds the English one.
//!
//! The typed query is parsed by [`armsgraph_store::search::parse`]; each plain word or phrase
//! that names an entity is widened, inside the full-text query, to the surface forms the
//! documents wrote that entity as (the store's `entity_surfaces`). So ranking and snippets
//! stay the full-text index's, and a document is found because a word or a mention is in it.

use armsgraph_kb::Kb;
use armsgraph_store::search::{self, Term, TextQuery};
use armsgraph_store::{EntityHit, SearchHit, Store};
use serde::{Deserialize, Serialize};

use crate::AnalysisError;

/// How many surface forms of one entity widen a word. The most frequent come first; rare
/// spellings beyond this are still found through the entity's own page.
const MAX_SURFACES: usize = 40;

/// An entity a word of the query was read as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedEntity {
    /// The word or phrase as typed.
    pub term: String,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub documents: Vec<SearchHit>,
    pub entities: Vec<EntityHit>,
    /// Words read as entities: documents mentioning these were searched too.
    #[serde(default)]
    pub named: Vec<NamedEntity>,
    /// More documents matched than were ranked: `documents` are the best of the newest
    /// `ranked` matches (see [`armsgraph_store::Store::search_page`]).
    #[serde(default)]
    pub cut: bool,
    #[serde(default)]
    pub ranked: usize,
}

/// The entity `text` names exactly: an id, a name the knowledge base knows in any language, or
/// a name or surface form the documents used. Unlike [`crate::query::resolve_entity`] there is
/// no closest guess: a search word that is not a name stays a word.
pub fn named_entity(
    store: &Store,
    kb: Option<&Kb>,
    text: &str,
) -> Result<Option<(String, String)>, AnalysisError> {
    let t = text.trim();
    if t.chars().count() < 2 {
        return Ok(None);
    }
    if let Some(kb) = kb {
        if let Some(e) = kb.entity(t) {
            return Ok(Some((e.id.clone(), e.name.clone())));
        }
        if let Some(e) = kb.lookup(t, None).first() {
            return Ok(Some((e.id.clone(), e.name.clone())));
        }
    }
    let lower = t.to_lowercase();
    for hit in store.search_entities(t, 20)? {
        if hit.id.to_lowercase() == lower || hit.name.to_lowercase() == lower {
            return Ok(Some((hit.id, hit.name)));
        }
        if store
            .entity_surfaces(&hit.id)?
            .iter()
            .any(|(s, _)| s.to_lowercase() == lower)
        {
            return Ok(Some((hit.id, hit.name)));
        }
    }
    Ok(None)
}

/// The surface forms of `id` as full-text terms, most frequent first.
fn surface_terms(store: &Store, id: &str, typed: &str) -> Result<Vec<Term>, AnalysisError> {
    let typed = typed.to_lowercase();
    let mut out: Vec<Term> = Vec::new();
    for (surface, _) in store.entity_surfaces(id)? {
        if out.len() >= MAX_SURFACES {
            break;
        }
        if surface.to_lowercase() == typed {
            continue;
        }
        if let Some(term) = Term::phrase(&surface) {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    Ok(out)
}

/// Widen each plain word or phrase of `query` that names an entity with that entity's surface
/// forms. A whole plain query of several words is tried as one name first ("Vladimir Putin").
fn widen(
    store: &Store,
    kb: Option<&Kb>,
    query: &mut TextQuery,
) -> Result<Vec<NamedEntity>, AnalysisError> {
    let mut named = Vec::new();
    if query.is_plain() && query.required.len() > 1 {
        let whole: Vec<String> = query.plain_terms().into_iter().flatten().collect();
        let whole = whole.join(" ");
        if let Some((id, name)) = named_entity(store, kb, &whole)? {
            let mut alternatives =
                vec![Term::Phrase(whole.split(' ').map(str::to_string).collect())];
            alternatives.extend(surface_terms(store, &id, &whole)?);
            query.required = vec![search::Clause { alternatives }];
            named.push(NamedEntity {
                term: whole,
                id,
                name,
            });
            return Ok(named);
        }
    }
    for (i, term) in query.plain_terms().into_iter().enumerate() {
        let Some(term) = term else { continue };
        if let Some((id, name)) = named_entity(store, kb, &term)? {
            let extra = surface_terms(store, &id, &term)?;
            if let Some(clause) = query.required.get_mut(i) {
                clause.alternatives.extend(extra);
            }
            named.push(NamedEntity { term, id, name });
        }
    }
    Ok(named)
}

/// Documents by words and by the entities the words name, and entities by name.
pub fn search(
    store: &Store,
    kb: Option<&Kb>,
    query: &str,
    limit: usize,
) -> Result<SearchResults, AnalysisError> {
    let mut parsed = search::parse(query).map_err(armsgraph_store::StoreError::from)?;
    let named = widen(store, kb, &mut parsed)?;
    let page = store.search_page(&parsed, limit)?;
    let documents = page.hits;
    // The entity list: those the words name first, then those whose names contain the text.
    let mut entities: Vec<EntityHit> = Vec::new();
    for n in &named {
        if let Some(hit) = store
            .search_entities(&n.id, 5)?
            .into_iter()
            .find(|h| h.id == n.id)
        {
            entities.push(hit);
        }
    }
    let text: Vec<String> = parsed
        .required
        .iter()
        .filter_map(|c| c.alternatives.first().map(Term::text))
        .collect();
    for hit in store.search_entities(&text.join(" "), limit)? {
        if entities.len() >= limit {
            break;
        }
        if !entities.iter().any(|e| e.id == hit.id) {
            entities.push(hit);
        }
    }
    Ok(SearchResults {
        query: query.to_string(),
        documents,
        entities,
        named,
        cut: page.cut,
        ranked: page.window,
    })
}
