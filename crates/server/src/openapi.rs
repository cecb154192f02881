//! The OpenAPI 3.0 description of `/api`, written by hand (a generator would cost more build
//! time than the dozen routes are worth). `tests/api.rs` checks that every route is listed.

use serde_json::{json, Value};

fn ok(description: &str, schema: Value) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": schema } }
    })
}

fn error(description: &str) -> Value {
    ok(description, json!({ "$ref": "#/components/schemas/Error" }))
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn array_of(name: &str) -> Value {
    json!({ "type": "array", "items": schema_ref(name) })
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn path_id(description: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": description, "schema": { "type": "string" } })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" })
}

fn limit(default: u32) -> Value {
    query(
        "limit",
        "Largest number of items returned (at most 1000)",
        json!({ "type": "integer", "minimum": 1, "maximum": 1000, "default": default }),
    )
}

/// The OpenAPI document served at `/api/openapi.json`.
pub fn document() -> Value {
    let event_types: Vec<&str> = armsgraph_model::EventType::ALL
        .iter()
        .map(|t| t.label())
        .collect();
    let relations: Vec<&str> = crate::views::Relation::ALL
        .iter()
        .map(|r| r.label())
        .collect();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "armsgraph API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read the armsgraph store (documents with their extractions, entities, events, quotes, alerts, the actor graph) and ingest new documents. With `serve --accounts` every route but this description needs a personal API token (`Authorization: Bearer …`, from `armsgraph token create NAME`) or a signed-in session; writes need the analyst role, and readers see the documents of the collections granted to them. Errors are JSON objects {\"error\": message, \"status\": code}. Every route answers 421 to a request whose Host is not this server's (DNS rebinding), 503 past the request timeout, and 500 with only a request id for internal errors."
        },
        "paths": {
            "/api/openapi.json": { "get": {
                "summary": "This document",
                "responses": { "200": ok("OpenAPI 3 document", json!({ "type": "object" })) }
            }},
            "/api/stats": { "get": {
                "summary": "Counts of what the store holds",
                "responses": { "200": ok("Counts", schema_ref("Stats")) }
            }},
            "/api/documents": { "get": {
                "summary": "Stored documents, newest ingest first",
                "parameters": [ limit(50), query("offset", "Items to skip", json!({ "type": "integer", "minimum": 0, "maximum": 1_000_000_000 })) ],
                "responses": { "200": ok("Documents", array_of("DocumentSummary")), "400": error("Bad parameter") }
            }},
            "/api/documents/{id}": { "get": {
                "summary": "One document with its full extraction (text and every span)",
                "parameters": [ path_id("Document id or a unique prefix of at least 4 hex chars") ],
                "responses": { "200": ok("The document", schema_ref("StoredDocument")), "404": error("No such document"), "500": error("Internal error: the message carries only a request id; details are in the server log") }
            }},
            "/api/entities": { "get": {
                "summary": "Entities by name, id or surface form; the most mentioned when q is empty",
                "parameters": [
                    query("q", "Part of a name, id or surface form (case-insensitive)", string()),
                    query("kind", "Only entities of this kind", json!({ "type": "string", "enum": ["state", "organisation", "person", "place", "weapon_system", "weapon_category", "group"] })),
                    limit(50)
                ],
                "responses": { "200": ok("Entities", array_of("EntityHit")), "400": error("Bad parameter") }
            }},
            "/api/entities/{id}": { "get": {
                "summary": "Profile of one entity: aliases, roles, memberships, suppliers and recipients, events, quotes",
                "parameters": [ path_id("Entity id (`AZE`, `CSTO`, `person:eduard-arakelyan`)") ],
                "responses": { "200": ok("The profile", schema_ref("EntityProfile")), "404": error("No such entity") }
            }},
            "/api/events": { "get": {
                "summary": "Events matching every given filter, in document order",
                "parameters": [
                    query("type", "PLOVER event type", json!({ "type": "string", "enum": event_types })),
                    query("actor", "Entity id among the actors", string()),
                    query("recipient", "Entity id among the recipients", string()),
                    query("involving", "Entity id in any role", string()),
                    query("weapon", "Weapon system or category id, or a word of the weapon text", string()),
                    query("from", "Events whose time overlaps [from, to] (undated events match)", date()),
                    query("to", "See from", date()),
                    query("document", "Document id", string()),
                    limit(500)
                ],
                "responses": { "200": ok("Events", array_of("StoredEvent")), "400": error("Bad parameter") }
            }},
            "/api/quotes": { "get": {
                "summary": "Quotes, optionally of one speaker",
                "parameters": [ query("speaker", "Entity id of the speaker", string()), limit(200) ],
                "responses": { "200": ok("Quotes", array_of("StoredQuote")) }
            }},
            "/api/alerts": { "get": {
                "summary": "Alerts (alliance contradictions) with their evidence chains",
                "responses": { "200": ok("Alerts", schema_ref("Alerts")) }
            }},
            "/api/search": { "get": {
                "summary": "Full-text search over documents and name search over entities",
                "parameters": [
                    { "name": "q", "in": "query", "required": true, "description": "Search words (all must occur)", "schema": string() },
                    limit(20)
                ],
                "responses": { "200": ok("Hits", schema_ref("SearchResults")), "400": error("q missing") }
            }},
            "/api/graph": { "get": {
                "summary": "The actor graph: nodes and edges, each edge with the events behind it",
                "parameters": [
                    query("from", "Events overlapping [from, to]", date()),
                    query("to", "See from", date()),
                    query("relations", format!("Comma-separated relations: {}", relations.join(", ")).as_str(), string()),
                    query("entity", "Only edges of events involving this entity", string())
                ],
                "responses": { "200": ok("The graph", schema_ref("Graph")), "400": error("Bad parameter") }
            }},
            "/api/ingest": { "post": {
                "summary": "Read one document through the full pipeline and store it",
                "security": [ { "bearer": [] } ],
                "requestBody": {
                    "required": true,
                    "description": "JSON as below, or the document itself as text/plain or text/html (at most 8 MB by default)",
                    "content": {
                        "application/json": { "schema": schema_ref("IngestRequest") },
                        "text/plain": { "schema": string() },
                        "text/html": { "schema": string() }
                    }
                },
                "responses": {
                    "201": ok("Stored", schema_ref("IngestResult")),
                    "200": ok("Already stored (same normalised text)", schema_ref("IngestResult")),
                    "400": error("Empty or malformed body"),
                    "401": error("Token missing or wrong (checked before the body is read)"),
                    "403": error("Ingest disabled (no token at start-up), or a write from another origin"),
                    "413": error("Body too large (a declared Content-Length is checked before the body is read)"),
                    "422": error("The document cannot be read"),
                    "429": error("Too many failed token attempts from this address: see Retry-After"),
                    "503": error("The request took longer than the request timeout")
                }
            }},
            "/api/ingest/file": { "post": {
                "summary": "Read a file of any format armsgraph ingests (PDF, scan, DOCX/ODT, e-mail, mailbox, feed, WARC, HTML, text) and store every document in it",
                "security": [ { "bearer": [] } ],
                "parameters": [ query("name", "The file's name; its extension picks the reader when the bytes do not (note.pdf, mail.eml)", string()) ],
                "requestBody": {
                    "required": true,
                    "description": "The file's bytes (at most 8 MB by default)",
                    "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } }
                },
                "responses": {
                    "201": ok("At least one document stored; `documents` lists each (an e-mail's attachments too), `failed` the parts that could not be read", json!({ "type": "object" })),
                    "200": ok("Every document was already stored", json!({ "type": "object" })),
                    "400": error("No name, or an empty file"),
                    "401": error("Token missing or wrong (checked before the body is read)"),
                    "403": error("Ingest disabled (no token at start-up), or a write from another origin"),
                    "413": error("Body too large"),
                    "422": error("Nothing in the file could be read (see `failed`)"),
                    "429": error("Too many failed token attempts from this address: see Retry-After"),
                    "503": error("The request took longer than the request timeout")
                }
            }},
            "/api/corrections": {
                "get": {
                    "summary": "Every correction people made, oldest first, with who, when, why and whether its event is still found",
                    "parameters": [ query("orphaned", "Only corrections whose event is no longer in the store's reading", json!({ "type": "boolean" })) ],
                    "responses": { "200": ok("Corrections", json!({ "type": "array", "items": { "type": "object" } })) }
                },
                "post": {
                    "summary": "Correct the machine's reading: an event (wrong, type, actor, recipient, date, confirm) or an entity (merge, split, alias); applied to every view and export",
                    "security": [ { "bearer": [] } ],
                    "requestBody": {
                        "required": true,
                        "description": "{kind, target (event id or key; entity id), value, surface (split), name (split), by, reason}",
                        "content": { "application/json": { "schema": { "type": "object", "required": ["kind", "target"], "properties": {
                            "kind": string(), "target": string(), "value": string(), "surface": string(),
                            "name": string(), "by": string(), "reason": string() } } } }
                    },
                    "responses": {
                        "201": ok("Recorded; `documents` re-derived", json!({ "type": "object" })),
                        "400": error("Unknown kind, event or value"),
                        "401": error("Token missing or wrong"),
                        "403": error("Writes disabled (no token at start-up), or a write from another origin"),
                        "429": error("Too many failed token attempts from this address: see Retry-After")
                    }
                }
            },
            "/api/corrections/{id}/withdraw": {
                "post": {
                    "summary": "Take a correction back: it applies nowhere any more and stays listed with who withdrew it, when and why",
                    "security": [ { "bearer": [] } ],
                    "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                    "requestBody": {
                        "required": false,
                        "description": "{by, reason}",
                        "content": { "application/json": { "schema": { "type": "object", "properties": {
                            "by": string(), "reason": string() } } } }
                    },
                    "responses": {
                        "200": ok("Withdrawn; `documents` re-derived", json!({ "type": "object" })),
                        "400": error("No such correction, or already withdrawn"),
                        "401": error("Token missing or wrong"),
                        "403": error("Writes disabled (no token at start-up), or a write from another origin"),
                        "429": error("Too many failed token attempts from this address: see Retry-After")
                    }
                }
            },
            "/api/audit": { "get": {
                "summary": "Accounts mode (serve --accounts), admins only: the audit log, newest first — logins, failed logins, ingests, corrections, user, token and grant changes",
                "security": [ { "bearer": [] } ],
                "parameters": [
                    query("user", "Only rows of this user", string()),
                    query("since", "Only rows at or after this date (YYYY, YYYY-MM or YYYY-MM-DD)", string()),
                    query("limit", "At most this many rows (default 200)", json!({ "type": "integer" }))
                ],
                "responses": {
                    "200": ok("Audit rows {id, at, actor, action, object, detail, address}", json!({ "type": "array", "items": { "type": "object" } })),
                    "401": error("No valid personal token or session"),
                    "403": error("Not an admin"),
                    "404": error("Accounts mode is off")
                }
            } }
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": { "type": "object", "required": ["error", "status"], "properties": {
                    "error": string(), "status": { "type": "integer" } } },
                "Stats": { "type": "object", "properties": {
                    "documents": { "type": "integer" }, "mentions": { "type": "integer" },
                    "entities": { "type": "integer" }, "events": { "type": "integer" },
                    "quotes": { "type": "integer" }, "clusters": { "type": "integer" },
                    "failed_inputs": { "type": "integer" }, "skipped_inputs": { "type": "integer" },
                    "reference_facts": { "type": "integer" } } },
                "DocumentSummary": { "type": "object", "properties": {
                    "id": string(), "title": { "type": "string", "nullable": true },
                    "publisher": { "type": "string", "nullable": true }, "language": { "type": "string", "nullable": true },
                    "published": { "type": "string", "nullable": true }, "url": { "type": "string", "nullable": true },
                    "origin": string(), "cluster_id": { "type": "string", "nullable": true },
                    "ingested_at": string(), "events": { "type": "integer" }, "quotes": { "type": "integer" } } },
                "StoredDocument": { "type": "object", "properties": {
                    "summary": schema_ref("DocumentSummary"),
                    "extraction": { "type": "object", "description": "Everything read from the document: document (with the clean text; for PDFs and scans `pages`, the char span of each page; for leaked files and e-mails `source`, their metadata: author, dates, sender and recipients, attachments, OCR), sentences, entities (mentions), actors, times, events, quotes, alerts, warnings. Every span counts Unicode chars into document.text." },
                    "copies": { "type": "array", "description": "Other documents of the same copy cluster, the first 50 by id", "items": string() },
                    "copy_count": { "type": "integer", "description": "Other documents of the same copy cluster, all counted" },
                    "parent": { "type": "object", "nullable": true, "description": "The stored e-mail message this document was attached to", "properties": { "id": string(), "origin": string(), "title": { "type": "string", "nullable": true } } },
                    "attachments": { "type": "array", "description": "Stored documents read from this message's attachments", "items": { "type": "object", "properties": { "id": string(), "origin": string(), "title": { "type": "string", "nullable": true } } } } } },
                "SearchHit": { "type": "object", "properties": {
                    "id": string(), "title": { "type": "string", "nullable": true },
                    "snippet": { "type": "string", "description": "Text fragment with matches marked [ and ]" },
                    "rank": { "type": "number" } } },
                "EntityHit": { "type": "object", "properties": {
                    "id": string(), "kind": string(), "name": string(),
                    "mentions": { "type": "integer" }, "documents": { "type": "integer" } } },
                "SearchResults": { "type": "object", "properties": {
                    "query": string(), "documents": array_of("SearchHit"), "entities": array_of("EntityHit") } },
                "Counterpart": { "type": "object", "properties": {
                    "id": string(), "name": string(), "events": { "type": "array", "items": string() } } },
                "EntityProfile": { "type": "object", "properties": {
                    "id": string(), "name": string(), "kind": string(), "known": { "type": "boolean" },
                    "mentions": { "type": "integer" },
                    "aliases": { "type": "array", "items": { "type": "object", "properties": { "text": string(), "count": { "type": "integer" } } } },
                    "roles": { "type": "array", "items": { "type": "object" } },
                    "memberships": array_of("Counterpart"), "members": array_of("Counterpart"),
                    "suppliers": array_of("Counterpart"), "recipients": array_of("Counterpart"),
                    "events": array_of("StoredEvent"), "quotes": array_of("StoredQuote") } },
                "StoredEvent": { "type": "object", "properties": {
                    "document": string(), "cluster_id": { "type": "string", "nullable": true },
                    "event": { "type": "object", "description": "The event: id, event_type, mode, context, actors, recipients, locations, time, evidence (document, sentence and trigger spans), confidence, factuality, arms, displaced, outcome, inferences, quote, source_count, summary" } } },
                "StoredQuote": { "type": "object", "properties": {
                    "document": string(),
                    "quote": { "type": "object", "description": "The quote: id, kind, cue, message span and text, speaker, addressee, rule, confidence, events" } } },
                "AlertView": { "type": "object", "properties": {
                    "alert": { "type": "object", "description": "id, kind, title, supplier, recipient, target, alliance, chain (links with statement, source, evidence), confidence" },
                    "documents": { "type": "array", "items": string() } } },
                "Alerts": { "type": "object", "properties": {
                    "alerts": array_of("AlertView"),
                    "error": { "type": "string", "nullable": true, "description": "Why store-wide alerts could not be computed" } } },
                "Graph": { "type": "object", "properties": {
                    "nodes": { "type": "array", "items": { "type": "object", "properties": {
                        "id": string(), "name": string(), "kind": string(), "weight": { "type": "integer" } } } },
                    "edges": { "type": "array", "items": { "type": "object", "properties": {
                        "id": string(), "source": string(), "target": string(),
                        "relation": { "type": "string", "enum": relations },
                        "evidence": { "type": "array", "items": { "type": "object" }, "description": "At most 100 items, the first in document order" },
                        "evidence_total": { "type": "integer", "description": "Events behind the edge" } } } } } },
                "IngestRequest": { "type": "object", "required": ["text"], "properties": {
                    "text": { "type": "string", "description": "The document: plain text or HTML" },
                    "html": { "type": "boolean", "description": "Whether text is HTML; guessed when absent" },
                    "title": string(), "url": string(),
                    "published": { "type": "string", "description": "YYYY-MM-DD, anchors relative times" },
                    "language": { "type": "string", "description": "ISO 639-1" },
                    "filename": { "type": "string", "description": "Name of an uploaded file" } } },
                "IngestResult": { "type": "object", "properties": {
                    "outcome": { "type": "string", "enum": ["stored", "duplicate"] },
                    "id": string(), "href": string(), "title": { "type": "string", "nullable": true },
                    "entities": { "type": "integer" }, "events": { "type": "integer" }, "quotes": { "type": "integer" },
                    "warnings": { "type": "array", "items": { "type": "object" } } } }
            }
        }
    })
}
