//! Plain data types that flow between armsgraph's pipeline stages.
//!
//! Every stage (ingest → extract → nlp → events → store → analysis → server) talks in these
//! types and nothing else, so a stage can be tested, replaced or serialised on its own.
//! The types hold data only: no I/O, no global state, no behaviour beyond small helpers.
//!
//! # Offsets
//! Every [`Span`] counts **Unicode scalar values (chars)** into [`Document::text`], which is
//! never rewritten after extraction (stand-off annotation). Rust code works in byte offsets;
//! convert at the boundary with [`TextIndex`].

use serde::{Deserialize, Serialize};

/// Half-open range `[start, end)` of chars in [`Document::text`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Maps byte offsets of one string to char offsets and back, in O(log n).
///
/// Built once per document; every stage that produces spans from `str` byte positions uses it.
#[derive(Debug, Clone)]
pub struct TextIndex {
    /// Byte offset of every char boundary, plus `text.len()` at the end.
    char_to_byte: Vec<usize>,
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        let mut char_to_byte: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        char_to_byte.push(text.len());
        TextIndex { char_to_byte }
    }
    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_to_byte.len() - 1
    }
    /// Char offset of a byte offset; a byte inside a char maps to that char's start.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.char_to_byte.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
    /// Byte offset of a char offset (clamped to the end of the text).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        let last = self.char_to_byte.len() - 1;
        self.char_to_byte[ch.min(last)]
    }
    /// Span (chars) of a byte range.
    pub fn span(&self, byte_start: usize, byte_end: usize) -> Span {
        Span::new(self.char_of_byte(byte_start), self.char_of_byte(byte_end))
    }
    /// Byte range of a span, for slicing the original `str`.
    pub fn byte_range(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of_char(span.start)..self.byte_of_char(span.end)
    }
}

/// When the reading of one document must stop: a point in time, or never.
///
/// The pipeline sets it from its per-document time budget and hands it to the long stages;
/// their sentence loops ask [`Deadline::passed`] every few sentences and, once it has
/// passed, stop and return what they have (with a `stopped_by_time_budget` warning). The
/// pipeline then discards the partial result and reports the document as over budget, so a
/// pathological document holds a batch for about the budget, not for as long as its slowest
/// stage would take. A value, not global state: stages that are not given one never stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Deadline {
    at: Option<std::time::Instant>,
}

/// Warning code a stage leaves when it stopped at its [`Deadline`].
pub const STOPPED_BY_TIME_BUDGET: &str = "stopped_by_time_budget";

impl Deadline {
    /// No deadline: [`Deadline::passed`] is always false.
    pub const NONE: Deadline = Deadline { at: None };

    /// `budget` from now (a budget too large to represent is no deadline).
    pub fn after(budget: std::time::Duration) -> Deadline {
        Deadline {
            at: std::time::Instant::now().checked_add(budget),
        }
    }

    /// Whether the deadline has passed. Cheap (one clock read), but meant for every few
    /// sentences, not every word.
    pub fn passed(&self) -> bool {
        self.at.is_some_and(|at| std::time::Instant::now() >= at)
    }

    /// The warning a stage leaves when it stops at the deadline: `where` names the step and
    /// how far it got (`coreference, sentence 1200 of 40000`).
    pub fn stopped(&self, place: &str) -> Warning {
        Warning {
            code: STOPPED_BY_TIME_BUDGET.to_string(),
            message: format!("stopped at the time budget in {place}; the rest was not read"),
            span: None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Ingest: raw inputs before extraction
// ---------------------------------------------------------------------------------------------

/// What kind of container a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Html,
    #[default]
    Text,
    Warc,
    Feed,
    Jsonl,
    Stdin,
    Api,
    /// A PDF (text layer, or scanned pages read by OCR).
    Pdf,
    /// A scanned page image (PNG, JPEG, TIFF) read by OCR.
    Image,
    /// A word-processor file (DOCX, ODT).
    Office,
    /// An e-mail message (`.eml`, one message of an `.mbox`).
    Email,
    /// A file attached to an e-mail message (see [`SourceMeta::parent`]).
    Attachment,
}

/// One input document as the ingest stage found it: decoded text plus whatever metadata the
/// container carried (HTTP headers, feed fields, JSONL fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RawDocument {
    /// Where it came from: a file path, `path#record`, a feed item link, `-` for stdin.
    pub origin: String,
    pub kind: SourceKind,
    /// Original URL (WARC target URI, feed item link, JSONL `url`), when known.
    pub url: Option<String>,
    /// `true` when `body` is HTML markup, `false` for plain text.
    pub is_html: bool,
    /// The decoded body.
    pub body: String,
    /// The charset used to decode the body and where it came from (e.g. `utf-8 (bom)`).
    pub charset: Option<String>,
    /// Hints from the container, used when the page itself says nothing.
    pub title_hint: Option<String>,
    pub published_hint: Option<String>,
    pub language_hint: Option<String>,
    pub author_hint: Option<String>,
    /// What a leaked file or message says about itself (PDF info, office properties, e-mail
    /// headers, OCR); `None` for web pages and plain text. Pages of a paged `body` are
    /// separated by form feeds (`\u{c}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceMeta>,
}

/// The metadata a document file or e-mail message carries about itself, as read by ingest:
/// the PDF info dictionary, DOCX/ODT core properties, e-mail headers, and how the text was
/// obtained (text layer or OCR). Dates are ISO 8601 as far as the source allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SourceMeta {
    /// `pdf`, `png`, `jpeg`, `tiff`, `docx`, `odt`, `eml` (a message of an mbox included).
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The program that wrote the file (PDF `Producer`/`Creator`, office `Application`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
    /// E-mail: sender, recipients, subject, date (`created`) and `Message-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cc: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    /// Origin of the e-mail message this file was attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Files attached to this message, each read as a document of its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentRef>,
    /// Number of pages (PDF, multi-page TIFF); 0 when the format has no pages.
    #[serde(default)]
    pub page_count: usize,
    /// Pages (1-based) whose text came from OCR rather than a text layer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<usize>,
    /// The OCR engine and languages used (`tesseract 5.3.0 (deu+eng+rus+ukr)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<String>,
}

/// One attachment of an e-mail message, read as its own document under `origin`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AttachmentRef {
    /// File name as the message gives it (or `attachment-N`).
    pub name: String,
    /// The attachment document's origin (`mail.eml#attachment-1/report.pdf`).
    pub origin: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Why the attachment could not be read as a document, when it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<String>,
}

/// An input that could not be read; recorded, never fatal to a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedInput {
    pub origin: String,
    pub reason: String,
}

impl FailedInput {
    /// The start of the reason of an input deliberately not read (a hidden file, a corpus
    /// note, a file of no document format met in a directory walk), as opposed to one that
    /// could not be read. Both are reported and recorded; only failures make `ingest` exit 2.
    pub const SKIPPED: &'static str = "skipped: ";

    /// An input deliberately not read, with why.
    pub fn skipped(origin: impl Into<String>, why: &str) -> FailedInput {
        FailedInput {
            origin: origin.into(),
            reason: format!("{}{why}", Self::SKIPPED),
        }
    }

    /// Whether this input was skipped on purpose rather than failed.
    pub fn is_skipped(&self) -> bool {
        self.reason.starts_with(Self::SKIPPED)
    }
}

// ---------------------------------------------------------------------------------------------
// Extract: the clean document
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    #[default]
    Body,
    Heading,
    /// A block quotation (`<blockquote>`).
    BlockQuote,
    ListItem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub span: Span,
    pub kind: ParagraphKind,
}

/// A date with the place it was read from (`meta article:published_time`, `json-ld`, `url`,
/// `user`, `feed`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedValue {
    /// ISO 8601: `2024-05-14` or `2024-05-14T09:30:00Z`.
    pub value: String,
    pub source: String,
}

/// Signs that a document is a copy of an article first published elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Syndication {
    /// Publisher the copy names as the original (e.g. from a ` – POLITICO` title suffix).
    pub original_publisher: Option<String>,
    /// Language differs from the original publisher's usual language: a translated copy.
    pub translated: bool,
    /// Why we think it is a copy.
    pub reason: String,
    /// Home language (ISO 639-1) of the original publisher, when known: `translated` is
    /// re-decided from it once the document's language is detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A cluster of copies of the same story (exact or near duplicates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CopyCluster {
    pub cluster_id: String,
    /// Documents in the cluster (including this one). A large cluster lists only its first
    /// members by id (a bound of the store's), so that joining or showing it does not cost
    /// its size; [`CopyCluster::size`] counts them all.
    pub members: Vec<String>,
    /// How many documents the cluster holds (0 in records stored before it was counted:
    /// `members` then lists them all).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub size: usize,
    /// `exact` (same normalised text), `near` (MinHash similarity estimate) or `translation`
    /// (same story in another language; `similarity` is then the anchors' weighted Jaccard).
    pub relation: String,
    pub similarity: f32,
}

/// The clean article: the one immutable text every span points into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable id: first 16 hex chars of the SHA-256 of the normalised text.
    pub id: String,
    /// Full SHA-256 (hex) of the normalised text; the idempotency key of the store.
    pub content_hash: String,
    pub origin: String,
    pub source_kind: SourceKind,
    pub url: Option<String>,
    pub canonical_url: Option<String>,
    pub title: Option<String>,
    /// Publisher named by the page (title suffix, og:site_name, JSON-LD publisher).
    pub publisher: Option<String>,
    pub site_name: Option<String>,
    pub authors: Vec<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    /// How the language was decided (`lingua`, `whatlang`, `html lang`, `user`, ...).
    pub language_source: Option<String>,
    pub published: Option<DatedValue>,
    pub modified: Option<DatedValue>,
    /// The clean body text (title not included); paragraphs separated by `\n\n`.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub syndication: Option<Syndication>,
    pub cluster: Option<CopyCluster>,
    /// MinHash signature over word shingles, for near-duplicate detection.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub minhash: Vec<u64>,
    /// Paged sources (PDF, scans): the chars of `text` on each page, page 1 first; a page
    /// with no text is an empty span where it would be. Empty for unpaged documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<Span>,
    /// What the file or message said about itself (see [`SourceMeta`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceMeta>,
}

impl Document {
    /// The page (1-based) that holds char `at`, for paged documents: the first non-empty
    /// page that ends after it (a char between two pages counts for the next one).
    pub fn page_of(&self, at: usize) -> Option<usize> {
        let first = self.pages.partition_point(|p| p.end <= at);
        (first..self.pages.len())
            .find(|&i| !self.pages[i].is_empty())
            .map(|i| i + 1)
    }
}

// ---------------------------------------------------------------------------------------------
// NLP: sentences, mentions, times
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph that holds it.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    #[default]
    State,
    Organisation,
    Person,
    Place,
    WeaponSystem,
    WeaponCategory,
    /// A group of actors referred to together (`die beiden Seiten`).
    Group,
    /// A generic actor coded by sector as PLOVER and ACLED do (`police`, `rebels`,
    /// `protesters`, `Syrian government forces`); see [`Mention::sector`].
    Agent,
}

/// How a mention was linked to its entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LinkMethod {
    /// The surface equals a known name or alias.
    #[default]
    Name,
    /// An inflected form of a known name or adjective (`aserbaidschanischen`).
    Inflection,
    /// Part of a hyphenated compound (`EU-Beobachtungsmission`).
    Compound,
    /// An office holder standing for the state (`Putin` → RUS).
    OfficeHolder,
    /// A capital or seat of power acting for its state (`Kyiv said`, `the Kremlin denied`).
    Metonymy,
    /// Recognised from context, not in the knowledge base (new person).
    Context,
    /// A pronoun, short form or definite description pointing back (`der Block`, `er`).
    Coreference,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Mention {
    pub span: Span,
    /// The exact surface text (`text[span]`).
    pub text: String,
    /// Canonical id: ISO alpha-3 for states (`AZE`), stable ids otherwise
    /// (`CSTO`, `person:vladimir-putin`, `place:nagorno-karabakh`, `weapon:polonez`).
    pub entity: String,
    pub kind: EntityKind,
    /// Canonical display name (`Azerbaijan`).
    pub name: String,
    pub method: LinkMethod,
    /// Span of the mention this one refers back to or derives from (coreference, office holder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<Span>,
    /// Entities a group mention stands for (`die beiden Seiten` → AZE, ARM).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// Id of the rule or lexicon entry that fired.
    pub rule: String,
    pub confidence: f32,
    /// Why an ambiguous surface was read this way (or empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Sector of a generic actor ([`EntityKind::Agent`]): `police`, `military`, `rebels`,
    /// `militants`, `protesters`, `students`, `civilians` …; `media` for a news organisation
    /// (the source of a report, not a party of what it reports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// State a generic actor belongs to when the text says so (`Indian police` → `IND`; the
    /// mention's id is then `IND.police`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A role a person holds (`Militäranalytiker am Regionalen Zentrum … in Eriwan`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Role {
    /// The role as written, and normalised to English where the lexicon knows it.
    pub title: String,
    pub title_en: Option<String>,
    pub organisation: Option<String>,
    pub place: Option<String>,
    /// Canonical id of the state/organisation the role belongs to (`ARM` for a Staatschef).
    pub affiliation: Option<String>,
    pub span: Option<Span>,
    /// Years the office was held, for office holders from the knowledge base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<String>,
}

/// One resolved entity of a document, with everything the document says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EntityRecord {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    /// Whether the knowledge base knows the entity (false: found from context only).
    pub known: bool,
    pub roles: Vec<Role>,
    /// States or organisations the entity belongs to (`person:vladimir-putin` → RUS).
    pub affiliations: Vec<String>,
    pub mentions: usize,
    /// Where the entity is named in [`Document::title`] (char spans into the title, not the
    /// text). The title is kept apart from `text`; an HTML page's headline also leads `text`
    /// (as a heading paragraph), so a name there is both a title mention and a [`Mention`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimePrecision {
    Day,
    Month,
    #[default]
    Year,
    /// A vague stretch (`in den letzten Jahren`).
    Period,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// Complete in itself (`im September 2022`).
    #[default]
    Absolute,
    /// Relative to the publication date (`im vergangenen September`).
    Relative,
    /// Points back to an earlier time in the text (`damals`, `seitdem`).
    BackReference,
}

/// A time expression normalised to an ISO interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TimeExpr {
    pub span: Span,
    pub text: String,
    pub kind: TimeKind,
    /// Inclusive ISO dates `YYYY-MM-DD`; `None` when the anchor is unknown.
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: TimePrecision,
    /// What it was resolved against: `absolute`, `published:2024-05-14`,
    /// `reference:<span start>`, or `unknown` (no publication date).
    pub anchor: String,
    pub rule: String,
}

// ---------------------------------------------------------------------------------------------
// Events and quotes
// ---------------------------------------------------------------------------------------------

/// PLOVER event types (manual v2.0) plus the two non-PLOVER kinds analysts asked for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    #[default]
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    /// Not PLOVER: people forced from their homes (count in `displaced`).
    Displacement,
    /// Not PLOVER: an actor did not answer a request for comment.
    NoComment,
}

impl EventType {
    pub const ALL: [EventType; 18] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
        EventType::Displacement,
        EventType::NoComment,
    ];
    /// The PLOVER label (`AID`, `NO_COMMENT`).
    pub fn label(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Displacement => "DISPLACEMENT",
            EventType::NoComment => "NO_COMMENT",
        }
    }
    pub fn from_label(label: &str) -> Option<EventType> {
        EventType::ALL
            .iter()
            .copied()
            .find(|t| t.label().eq_ignore_ascii_case(label.trim()))
    }
}

/// How the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Factuality {
    /// The document states it as fact.
    #[default]
    Asserted,
    /// The document reports it from a source (`laut Dokumenten`, `angeblich`).
    Reported,
    /// A quoted speaker claims it.
    Claimed,
    Denied,
    Hypothetical,
    Future,
}

/// One participant in an event role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Participant {
    /// Canonical entity id.
    pub entity: String,
    pub name: String,
    /// The mention in the text; `None` when inferred (see [`Event::inferences`]).
    pub span: Option<Span>,
    /// `explicit`, `coreference`, `inferred`, `quote_speaker`.
    pub how: String,
}

/// Where an extracted fact came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    pub document: String,
    pub sentence: Span,
    /// The trigger word(s) (or quote cue) that fired the rule.
    pub trigger: Span,
    /// The sentence text, for display without the document.
    pub text: String,
    pub rule: String,
    /// URL of the document, when known (exports need it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A candidate considered when inferring an unnamed role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Candidate {
    pub entity: String,
    pub score: f32,
    pub reasons: Vec<String>,
}

/// A role filled by document-level inference rather than by the sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct RoleInference {
    /// `actor` or `recipient`.
    pub role: String,
    /// The phrase that stands for the unnamed party (`einem Land … Verbündeter Armeniens`).
    pub cue: Option<Span>,
    pub candidates: Vec<Candidate>,
    pub chosen: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    Reported,
    Agreed,
    Delivered,
    Denied,
    /// Kept secret, known through leaks.
    Secret,
    /// Used in combat.
    Used,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Weapon {
    /// `weapon-category:artillery`.
    pub category: Option<String>,
    /// `weapon:polonez`.
    pub system: Option<String>,
    pub text: String,
    pub span: Option<Span>,
}

/// Extra fields of an AID/military event: an arms transfer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ArmsTransfer {
    pub weapons: Vec<Weapon>,
    pub quantity: Option<u64>,
    pub status: Vec<TransferStatus>,
    /// Documents the report relies on (`durchgesickerte Dokumente`), as written.
    pub cited_documents: Vec<String>,
    /// Times or events the materiel was used in, as written.
    pub used_in: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Event {
    /// Stable within a document: `<doc id>:e<n>`.
    pub id: String,
    pub event_type: EventType,
    /// PLOVER mode (`seize`, `assist`, `heavy-weapons`, `drone`, ...).
    pub mode: Option<String>,
    /// PLOVER contexts (`military`, `diplomatic`, `economic`, ...).
    pub context: Vec<String>,
    pub actors: Vec<Participant>,
    pub recipients: Vec<Participant>,
    pub locations: Vec<Participant>,
    pub time: Option<TimeExpr>,
    pub evidence: Vec<Evidence>,
    pub confidence: f32,
    pub factuality: Factuality,
    /// Set on AID/military.
    pub arms: Option<ArmsTransfer>,
    /// Number of displaced people, normalised (`100.000` → 100000).
    pub displaced: Option<u64>,
    /// Outcome as written (`beendete die faktische Unabhängigkeit`).
    pub outcome: Option<String>,
    pub inferences: Vec<RoleInference>,
    /// Id of the quote this event was read from, when claimed by a speaker.
    pub quote: Option<String>,
    /// Distinct sources (copy clusters) that report it; 1 for a single document.
    pub source_count: usize,
    /// Short English summary for people (`BLR → AZE: arms transfer (artillery, drones)`).
    pub summary: String,
    /// Remarks of the extractor a reader should see (`vague count "десятки тысяч": not
    /// normalised`, weapons named with a use).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What people changed or confirmed about this event (the store applies its corrections
    /// when it reads events), each with the machine's value beside the new one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<AppliedCorrection>,
}

/// One person's correction as applied to an event: who, when, why, and what the machine had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct AppliedCorrection {
    /// The correction's number in the store (`armsgraph corrections`).
    pub id: i64,
    /// `wrong`, `type`, `actor`, `recipient`, `date`, `confirm`, `merge`, `split`.
    pub kind: String,
    pub by: String,
    /// ISO 8601 UTC.
    pub at: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The machine's value before the correction (`AID`, `country:RUS`, `2022-03-01`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The value the correction set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    #[default]
    Direct,
    Indirect,
}

/// Who said or wrote something.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Speaker {
    /// Canonical entity id when resolved (`person:eduard-arakelyan`), else empty.
    pub entity: Option<String>,
    pub name: String,
    /// `person`, `organisation`, `state`, `document`, `unknown`.
    pub kind: String,
    /// The mention naming the speaker in this quote's vicinity (may be a pronoun).
    pub span: Option<Span>,
    /// When resolved through a pronoun or earlier mention: the antecedent span.
    pub antecedent: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Quote {
    /// `<doc id>:q<n>`.
    pub id: String,
    pub kind: QuoteKind,
    /// The speech verb or phrase (`sagte`, `heißt es`).
    pub cue: Option<Span>,
    pub cue_text: Option<String>,
    /// The message without the quotation marks.
    pub message: Span,
    pub message_text: String,
    pub speaker: Option<Speaker>,
    pub addressee: Option<Speaker>,
    pub rule: String,
    pub confidence: f32,
    /// Events the message itself performs or reports (ids), marked claimed.
    pub events: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------------

/// One link in an alert's chain of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ChainLink {
    /// `membership`, `treaty`, `transfer`, `conflict`.
    pub kind: String,
    /// One readable line (`BLR member of CSTO since 1994-01-03`).
    pub statement: String,
    /// `reference:<dataset>:<row>` or `document:<id>`.
    pub source: String,
    pub evidence: Option<Evidence>,
    /// Event id when the link is an extracted event.
    pub event: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Alert {
    pub id: String,
    /// `alliance_contradiction`.
    pub kind: String,
    pub title: String,
    /// Supplier, recipient, target (the supplier's ally), treaty organisation.
    pub supplier: String,
    pub recipient: String,
    pub target: String,
    pub alliance: String,
    pub chain: Vec<ChainLink>,
    pub confidence: f32,
}

/// A non-fatal problem found while reading a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Warning {
    /// Machine-readable code (`no_publication_date`, `unbalanced_quote`, ...).
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// Everything armsgraph read from one document: the output of `armsgraph extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Extraction {
    pub document: Document,
    pub sentences: Vec<Sentence>,
    /// Every entity mention, in text order.
    pub entities: Vec<Mention>,
    /// One record per distinct entity, with roles and affiliations.
    pub actors: Vec<EntityRecord>,
    pub times: Vec<TimeExpr>,
    pub events: Vec<Event>,
    pub quotes: Vec<Quote>,
    pub alerts: Vec<Alert>,
    pub warnings: Vec<Warning>,
    /// Words of each sentence with lemma, part of speech, morphology and (when the language
    /// has a parser) dependencies; empty when the language has no syntax model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub syntax: Vec<SentenceSyntax>,
}

/// One syntactic word (Universal Dependencies) over the text. A surface token that stands
/// for several words (`zum` = `zu dem`) gives several words with the same span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SyntaxWord {
    /// Char span into `Document::text`.
    pub span: Span,
    pub form: String,
    pub lemma: String,
    /// Universal part of speech (`NOUN`, `VERB`, `PROPN`…).
    pub upos: String,
    /// UD morphological features, `Case=Nom|Number=Sing`, or `_`.
    pub feats: String,
    /// 1-based index of the head word in the sentence, 0 for the root; absent without a parser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    /// UD relation with subtype (`nsubj:pass`); absent without a parser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<String>,
}

/// The words of one sentence of `Extraction::sentences`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SentenceSyntax {
    /// Index into `Extraction::sentences`.
    pub sentence: usize,
    pub words: Vec<SyntaxWord>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_index_maps_multibyte_chars() {
        let text = "„Mit Ärger“ x";
        let idx = TextIndex::new(text);
        let b = text.find('x').unwrap();
        let span = idx.span(b, b + 1);
        assert_eq!(span, Span::new(12, 13));
        assert_eq!(&text[idx.byte_range(span)], "x");
        assert_eq!(idx.char_len(), text.chars().count());
    }

    #[test]
    fn deadlines_pass_or_never_do() {
        assert!(!Deadline::NONE.passed());
        assert!(!Deadline::default().passed());
        assert!(Deadline::after(std::time::Duration::ZERO).passed());
        assert!(!Deadline::after(std::time::Duration::from_secs(3600)).passed());
        // A budget past the end of time is no deadline, not a panic.
        assert!(!Deadline::after(std::time::Duration::MAX).passed());
        let w = Deadline::NONE.stopped("coreference, sentence 3 of 9");
        assert_eq!(w.code, STOPPED_BY_TIME_BUDGET);
        assert!(w.message.contains("sentence 3 of 9"));
    }

    #[test]
    fn event_labels_round_trip() {
        for t in EventType::ALL {
            assert_eq!(EventType::from_label(t.label()), Some(t));
        }
        assert_eq!(
            EventType::from_label("no_comment"),
            Some(EventType::NoComment)
        );
        assert_eq!(EventType::from_label("FIGHT"), None);
    }
}
