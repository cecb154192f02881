//! The native main-text finder: one pass of scoring over the tree [`html::Page`] builds,
//! no second parse, no DOM copies.
//!
//! 1. Furniture is marked: never-text elements (forms controls, media), hidden elements,
//!    `<nav>`/`<aside>`/`<footer>`/`<figure>`, and elements whose class/id/role names
//!    furniture (`data/boilerplate/markup.tsv`), with everything inside them.
//! 2. Text statistics per element, bottom-up: characters, characters inside links, commas.
//! 3. Every paragraph (≥ 25 characters) scores `1 + commas + min(chars / 100, 3)`, credited
//!    to its parent in full and to four more ancestors with falling weight; an ancestor
//!    starts from a tag and class-name prior. The best container is the highest score times
//!    (1 − link density), moved up while its parent scores higher.
//! 4. A container whose class names only an article body carries (`content` in
//!    markup.tsv) and which holds most of the best container's text wins outright.
//! 5. The container and its siblings that score close to it (or are clean paragraphs) are
//!    read into blocks; link lists inside are dropped, and so are blocks that are mostly
//!    link text.
//!
//! Scored on the article-extraction-benchmark in docs/notes/ingest-extract.md.

use regex::{Regex, RegexSet};

use armsgraph_model::ParagraphKind;

use crate::blocks::Block;
use crate::html::{Page, Tag, HIDDEN, NONE};
use crate::ExtractError;

/// Class/id/role patterns from `data/boilerplate/markup.tsv`, one alternation per kind,
/// matched together in one pass ([`RegexSet`]): each element's names are matched once and
/// its kinds kept as a bit set.
#[derive(Debug, Clone, Default)]
pub struct Markup {
    set: Option<RegexSet>,
    /// The kind bit of each pattern of `set`.
    bits: Vec<u8>,
}

/// Kind bits of an element's names (see `markup.tsv`).
const NEGATIVE: u8 = 1;
const POSITIVE: u8 = 2;
const CONTENT: u8 = 4;
const FURNITURE: u8 = 8;
const COMMENTS: u8 = 16;

impl Markup {
    /// Parse `kind<TAB>pattern` lines; `#` starts a comment line.
    pub fn parse(name: &str, tsv: &str) -> Result<Markup, ExtractError> {
        const KINDS: [(&str, u8); 5] = [
            ("negative", NEGATIVE),
            ("positive", POSITIVE),
            ("content", CONTENT),
            ("furniture", FURNITURE),
            ("comments", COMMENTS),
        ];
        let mut kinds: [Vec<String>; 5] = Default::default();
        for (n, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| ExtractError::Data {
                path: format!("{name}:{}", n + 1),
                message,
            };
            let (kind, pattern) = line
                .split_once('\t')
                .ok_or_else(|| err("expected kind<TAB>pattern".to_string()))?;
            Regex::new(pattern).map_err(|e| err(e.to_string()))?;
            let slot = KINDS
                .iter()
                .position(|(k, _)| *k == kind.trim())
                .ok_or_else(|| err(format!("unknown kind {:?}", kind.trim())))?;
            kinds[slot].push(format!("(?:{pattern})"));
        }
        let mut patterns = Vec::new();
        let mut bits = Vec::new();
        for (slot, (_, bit)) in KINDS.iter().enumerate() {
            if !kinds[slot].is_empty() {
                patterns.push(kinds[slot].join("|"));
                bits.push(*bit);
            }
        }
        if patterns.is_empty() {
            return Ok(Markup::default());
        }
        let set = RegexSet::new(&patterns).map_err(|e| ExtractError::Data {
            path: name.to_string(),
            message: e.to_string(),
        })?;
        Ok(Markup {
            set: Some(set),
            bits,
        })
    }

    /// The kind bits of an element's `class id role itemprop` string.
    fn kinds(&self, marks: &str) -> u8 {
        let Some(set) = self.set.as_ref().filter(|_| !marks.is_empty()) else {
            return 0;
        };
        set.matches(marks)
            .iter()
            .fold(0, |acc, i| acc | self.bits.get(i).copied().unwrap_or(0))
    }

    fn has(&self, bit: u8) -> bool {
        self.bits.contains(&bit)
    }
}

/// Paragraphs shorter than this (in characters) do not vote for their container.
const MIN_PARAGRAPH_CHARS: u32 = 25;
/// Ancestors credited with a paragraph's score, with the divisor for each level.
const LEVEL_DIVISORS: [f32; 5] = [1.0, 2.0, 6.0, 9.0, 12.0];
/// Siblings of the best container join it when they score this share of it.
const SIBLING_SHARE: f32 = 0.3;
/// An element named like furniture is furniture only when it holds less than this share of
/// the page's text.
const FURNITURE_MAX_SHARE: f32 = 0.5;
/// An element named like furniture is not furniture when a `content`-named element inside
/// it holds this share of its text (it wraps the article body).
const WRAPPED_BODY_SHARE: f32 = 0.5;
/// Score bonus of a `content`-named element on top of the `positive` one.
const CONTENT_PRIOR: f32 = 25.0;
/// A `content`-named container must hold this share of the best container's text to win.
const CONTENT_SHARE: f32 = 0.6;
/// A `content`-named ancestor of the best container replaces it only when it is not mostly
/// links.
const ANCESTOR_MAX_LINK_DENSITY: f32 = 0.3;
/// Inside the article, a container (list, table, div) with more link text than this share
/// and few commas is a link list.
const LINK_LIST_DENSITY: f32 = 0.4;
/// Words a sentence ending in `:` needs to introduce a list of links as content.
const INTRODUCTION_MIN_WORDS: usize = 5;
/// Blocks with more link text than this share are navigation, not prose.
const BLOCK_LINK_DENSITY: f32 = 0.7;

/// Element content that is never article text.
fn never_text(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Head
            | Tag::Title
            | Tag::Script
            | Tag::Style
            | Tag::Noscript
            | Tag::Template
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Embed
            | Tag::Select
            | Tag::Option
            | Tag::Optgroup
            | Tag::Button
            | Tag::Input
            | Tag::Textarea
            | Tag::Canvas
            | Tag::Video
            | Tag::Audio
            | Tag::Map
            | Tag::Meta
            | Tag::Link
            | Tag::Label
            | Tag::Dialog
    )
}

/// Page furniture by element name.
fn furniture(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Nav | Tag::Aside | Tag::Footer | Tag::Menu | Tag::Figure | Tag::Figcaption
    )
}

fn kind_of(tag: Tag) -> Option<ParagraphKind> {
    match tag {
        t if t.is_heading() => Some(ParagraphKind::Heading),
        Tag::Li | Tag::Dt | Tag::Dd => Some(ParagraphKind::ListItem),
        Tag::Blockquote => Some(ParagraphKind::BlockQuote),
        _ => None,
    }
}

/// Per-node facts the finder computes once.
struct Stats {
    /// Furniture or never-text, with everything inside.
    junk: Vec<bool>,
    chars: Vec<u32>,
    links: Vec<u32>,
    commas: Vec<u32>,
    /// Characters and commas in text and inline elements directly under the element (text
    /// that sits between its block children).
    inline_chars: Vec<u32>,
    inline_commas: Vec<u32>,
    /// Has a block-level element child (so it is a container, not a paragraph).
    block_child: Vec<bool>,
    /// One past the last node of the subtree.
    end: Vec<u32>,
    /// Kind bits of each element's names ([`Markup::kinds`]).
    kinds: Vec<u8>,
}

impl Stats {
    fn link_density(&self, i: usize) -> f32 {
        if self.chars[i] == 0 {
            return 0.0;
        }
        self.links[i] as f32 / self.chars[i] as f32
    }
}

fn stats(page: &Page, markup: &Markup) -> Stats {
    let n = page.nodes.len();
    // Never-text, hidden and furniture elements by name, with everything inside.
    let mut junk = vec![false; n];
    for i in 1..n {
        let node = &page.nodes[i];
        let parent = node.parent as usize;
        junk[i] = (parent < n && junk[parent])
            || (node.tag != Tag::Text
                && (node.flags & HIDDEN != 0 || never_text(node.tag) || furniture(node.tag)));
    }
    // Furniture by class name, unless the element holds most of the page's text: page
    // builders put "widget" or "share" on the boxes that hold the article too.
    let raw = text_stats(page, &junk);
    let total = raw.chars[page.body.unwrap_or(0) as usize].max(1) as f32;
    let kinds: Vec<u8> = (0..n)
        .map(|i| {
            if page.nodes[i].tag == Tag::Text {
                0
            } else {
                markup.kinds(page.marks_of(i as u32))
            }
        })
        .collect();
    // The largest `content`-named element (article body) in each subtree: a box named like
    // furniture that wraps the article body (InfoWorld's `share_wrapper`) is not furniture.
    let mut body_chars = vec![0u32; n];
    if markup.has(CONTENT) {
        for i in (1..n).rev() {
            let node = &page.nodes[i];
            if node.tag == Tag::Text || junk[i] {
                continue;
            }
            if kinds[i] & CONTENT != 0 {
                body_chars[i] = body_chars[i].max(raw.chars[i]);
            }
            let parent = node.parent as usize;
            if parent < n {
                body_chars[parent] = body_chars[parent].max(body_chars[i]);
            }
        }
    }
    for i in 1..n {
        let node = &page.nodes[i];
        let parent = node.parent as usize;
        if junk[i] || node.tag == Tag::Text {
            continue;
        }
        let k = kinds[i];
        let named = k & (COMMENTS | FURNITURE) != 0
            && !matches!(node.tag, Tag::Html | Tag::Body | Tag::Article | Tag::Main)
            && (body_chars[i] as f32) < WRAPPED_BODY_SHARE * raw.chars[i] as f32;
        // A comment section is furniture however long it is (on a popular post it outweighs
        // the article) and whatever else its name says (`comment-body`, `comment-content`).
        let comments = named && k & COMMENTS != 0;
        junk[i] = (parent < n && junk[parent])
            || comments
            || (named
                && (raw.chars[i] as f32) < FURNITURE_MAX_SHARE * total
                && k & FURNITURE != 0
                && k & POSITIVE == 0);
    }
    // Text nodes below a furniture element.
    for i in 1..n {
        let parent = page.nodes[i].parent as usize;
        if parent < n && junk[parent] {
            junk[i] = true;
        }
    }
    let mut s = text_stats(page, &junk);
    s.junk = junk;
    s.kinds = kinds;
    s
}

/// Characters, link characters, commas and subtree ends, bottom-up, outside `junk`.
fn text_stats(page: &Page, junk: &[bool]) -> Stats {
    let n = page.nodes.len();
    let mut chars = vec![0u32; n];
    let mut links = vec![0u32; n];
    let mut commas = vec![0u32; n];
    let mut inline_chars = vec![0u32; n];
    let mut inline_commas = vec![0u32; n];
    let mut block_child = vec![false; n];
    let mut end: Vec<u32> = (1..=n as u32).collect();
    for i in (1..n).rev() {
        let node = &page.nodes[i];
        let parent = node.parent as usize;
        if parent >= n {
            continue;
        }
        end[parent] = end[parent].max(end[i]);
        if junk[i] {
            continue;
        }
        if node.tag == Tag::Text {
            let t = page.text_of(i as u32);
            chars[i] = t.chars().count() as u32;
            commas[i] = t
                .chars()
                .filter(|c| matches!(c, ',' | '،' | '，' | '、'))
                .count() as u32;
        } else if node.tag == Tag::A {
            links[i] = chars[i];
        }
        chars[parent] += chars[i];
        links[parent] += links[i];
        commas[parent] += commas[i];
        if node.tag.is_block() && node.tag != Tag::Br {
            block_child[parent] = true;
        } else {
            inline_chars[parent] += chars[i];
            inline_commas[parent] += commas[i];
        }
    }
    Stats {
        junk: Vec::new(),
        chars,
        links,
        commas,
        inline_chars,
        inline_commas,
        block_child,
        end,
        kinds: Vec::new(),
    }
}

/// Tag prior of a scored container.
fn tag_prior(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        t if t.is_heading() => -5.0,
        Tag::Th => -5.0,
        _ => 0.0,
    }
}

fn class_prior(kinds: u8) -> f32 {
    let mut w = 0.0;
    if kinds & POSITIVE != 0 {
        w += 25.0;
    }
    if kinds & CONTENT != 0 {
        // Names only article bodies carry are stronger evidence than `positive` ones.
        w += CONTENT_PRIOR;
    }
    if kinds & (NEGATIVE | FURNITURE | COMMENTS) != 0 {
        w -= 25.0;
    }
    w
}

fn is_paragraph(page: &Page, s: &Stats, i: usize) -> bool {
    match page.nodes[i].tag {
        Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote => true,
        Tag::Div | Tag::Section | Tag::Article | Tag::Span | Tag::Font | Tag::Center | Tag::Dd => {
            !s.block_child[i]
        }
        _ => false,
    }
}

/// The article of a parsed page: its headline, when one sits right above the body, and the
/// body as blocks (both empty when the page has no text).
#[derive(Debug, Default)]
pub(crate) struct Article {
    pub headline: Option<Block>,
    pub blocks: Vec<Block>,
}

/// The article body of a parsed page as blocks, the headline first (empty when the page has
/// no text).
#[cfg(test)]
pub(crate) fn find_blocks(page: &Page, markup: &Markup) -> Vec<Block> {
    let a = find_article(page, markup);
    a.headline.into_iter().chain(a.blocks).collect()
}

/// The article of a parsed page: the body region the scoring chooses, read into blocks, and
/// the headline that introduces it ([`headline`]).
pub(crate) fn find_article(page: &Page, markup: &Markup) -> Article {
    let n = page.nodes.len();
    if n < 2 {
        return Article::default();
    }
    let s = stats(page, markup);
    let (root, only) = region(page, markup, &s);
    let blocks = read(page, &s, root, &only);
    let read_from = if only.is_empty() { vec![root] } else { only };
    Article {
        headline: headline(page, &s, &read_from),
        blocks,
    }
}

/// The region the article is read from: a root and, when not all of it, the children of the
/// root that belong to the article.
fn region(page: &Page, markup: &Markup, s: &Stats) -> (usize, Vec<usize>) {
    let n = page.nodes.len();
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    for i in 1..n {
        if s.junk[i] || page.nodes[i].tag == Tag::Text {
            continue;
        }
        // A paragraph credits its ancestors; text sitting directly in a container between
        // its blocks is a paragraph of that container (credited to it first).
        let (chars, commas, mut a) = if is_paragraph(page, s, i) {
            (s.chars[i], s.commas[i], page.nodes[i].parent)
        } else if s.block_child[i] {
            (s.inline_chars[i], s.inline_commas[i], i as u32)
        } else {
            continue;
        };
        if chars < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let points = 1.0 + commas as f32 + (chars as f32 / 100.0).min(3.0);
        for divisor in LEVEL_DIVISORS {
            if a == NONE || a == 0 {
                break;
            }
            let ai = a as usize;
            if !scored[ai] {
                scored[ai] = true;
                score[ai] = tag_prior(page.nodes[ai].tag) + class_prior(s.kinds[ai]);
            }
            score[ai] += points / divisor;
            a = page.nodes[ai].parent;
        }
    }
    let final_score = |i: usize| score[i] * (1.0 - s.link_density(i));
    let best = (1..n)
        .filter(|&i| scored[i] && !s.junk[i])
        .max_by(|&a, &b| final_score(a).total_cmp(&final_score(b)));
    let Some(mut top) = best else {
        return (page.body.unwrap_or(0) as usize, Vec::new());
    };
    top = climb(page, s, &scored, &final_score, top);
    let named = content_container(page, markup, s, top);
    if let Some(body) = named {
        top = body;
    }
    if let Some((parent, boxes)) = repeated_boxes(page, s, top) {
        return (parent, boxes);
    }
    if named.is_some() {
        return (top, Vec::new());
    }
    let siblings = siblings(page, s, &scored, &final_score, top);
    let parent = page.nodes[top].parent as usize;
    (parent, siblings)
}

/// The text is the site's name (`og:site_name`, or the publisher part of the `<title>`):
/// themes put the site name in an `<h1>` above every page.
fn names_the_site(page: &Page, text: &str) -> bool {
    let norm = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let text = norm(text);
    let site = page
        .meta
        .iter()
        .filter(|(k, _)| k == "og:site_name" || k == "application-name")
        .map(|(_, v)| v.clone());
    let publisher = page
        .title
        .as_deref()
        .and_then(|t| crate::metadata::split_title_publisher(t).1);
    site.chain(publisher)
        .any(|s| !text.is_empty() && norm(&s) == text)
}

/// An `<h2>`/`<h3>` whose words all occur in the page's `<title>`: a blog's post title
/// (themes keep `<h1>` for the site name).
fn is_title_heading(page: &Page, s: &Stats, i: usize) -> bool {
    if !matches!(page.nodes[i].tag, Tag::H2 | Tag::H3) || s.junk[i] || s.chars[i] == 0 {
        return false;
    }
    let Some(title) = page.title.as_deref() else {
        return false;
    };
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let title = words(title);
    let heading = words(&page.text_under(i as u32));
    heading.len() >= 2 && heading.iter().all(|w| title.contains(w))
}

/// Text allowed between the headline and the body it introduces (a byline, a date, a share
/// count), in characters outside furniture.
const HEADLINE_MAX_GAP: u32 = 300;
/// A headline is a line, not a paragraph.
const HEADLINE_MAX_CHARS: usize = 300;

/// The article's headline: when the body region (the subtrees `read_from`) holds no
/// `<h1>`, the nearest `<h1>` — or `<h2>`/`<h3>` worded like the page's `<title>` — before
/// it, if little text separates the two. Pages put the headline in a header box above the
/// body container, which scoring (over paragraphs) never chooses; the headline belongs to
/// the article text (events are reported in it). O(page) once per page.
fn headline(page: &Page, s: &Stats, read_from: &[usize]) -> Option<Block> {
    let is_h1 = |i: usize| page.nodes[i].tag == Tag::H1 && !s.junk[i] && s.chars[i] > 0;
    // The region has its own headline (a site-name `<h1>` above it is not one).
    let own = read_from
        .iter()
        .any(|&r| (r..s.end[r] as usize).any(|i| is_h1(i) || is_title_heading(page, s, i)));
    let first = *read_from.first()?;
    if own {
        return None;
    }
    // The last h1 that ends before the region, and the text between the two (walking back,
    // the h1's own text is counted first and taken off when the h1 is reached).
    let mut gap = 0u32;
    let mut j = first;
    while j > 1 {
        j -= 1;
        if (is_h1(j) || is_title_heading(page, s, j)) && (s.end[j] as usize) <= first {
            if gap.saturating_sub(s.chars[j]) > HEADLINE_MAX_GAP {
                return None;
            }
            let text = read(page, s, j, &[])
                .into_iter()
                .map(|b| b.text)
                .collect::<Vec<_>>()
                .join(" ");
            if text.is_empty()
                || text.chars().count() > HEADLINE_MAX_CHARS
                || names_the_site(page, &text)
            {
                return None;
            }
            return Some(Block {
                kind: ParagraphKind::Heading,
                text,
            });
        }
        if page.nodes[j].tag == Tag::Text && !s.junk[j] {
            gap += s.chars[j];
            if gap > HEADLINE_MAX_GAP + HEADLINE_MAX_CHARS as u32 {
                return None;
            }
        }
    }
    None
}

/// Move up from the best container while its parent is a better (or only) reading.
fn climb(
    page: &Page,
    s: &Stats,
    scored: &[bool],
    final_score: &dyn Fn(usize) -> f32,
    mut top: usize,
) -> usize {
    let top_score = final_score(top);
    let mut last = top_score;
    let mut parent = page.nodes[top].parent as usize;
    // An article split over several scored children: a parent that scores higher than its
    // best child holds more of the article.
    while parent != 0 && page.nodes[parent].tag != Tag::Body {
        if !scored[parent] {
            parent = page.nodes[parent].parent as usize;
            continue;
        }
        let ps = final_score(parent);
        if ps < top_score / 3.0 {
            break;
        }
        if ps > last {
            top = parent;
            break;
        }
        last = ps;
        parent = page.nodes[parent].parent as usize;
    }
    // A container that is its parent's only element child is the same region.
    loop {
        let p = page.nodes[top].parent as usize;
        if p == 0 || matches!(page.nodes[p].tag, Tag::Body | Tag::Html) || s.junk[p] {
            break;
        }
        let elements = page
            .children(p as u32)
            .filter(|&c| page.nodes[c as usize].tag != Tag::Text)
            .count();
        if elements != 1 {
            break;
        }
        top = p;
    }
    top
}

/// A descendant (or ancestor) of `top` whose class names the article body and that holds
/// most of `top`'s text.
fn content_container(page: &Page, markup: &Markup, s: &Stats, top: usize) -> Option<usize> {
    if !markup.has(CONTENT) {
        return None;
    }
    let want = (s.chars[top] as f32 * CONTENT_SHARE) as u32;
    let mut best: Option<usize> = None;
    for i in top..s.end[top] as usize {
        if s.junk[i] || page.nodes[i].tag == Tag::Text || s.chars[i] < want.max(200) {
            continue;
        }
        if s.kinds[i] & CONTENT != 0 {
            // The outermost match: bodies are often nested (`article-body` > `body-text`).
            best = Some(i);
            break;
        }
    }
    if best.is_none() {
        // The best container can be one box of a body split into boxes (cards, "chunks"):
        // the nearest ancestor named as the body holds them all.
        let mut a = page.nodes[top].parent;
        while a != NONE && a != 0 {
            let ai = a as usize;
            if matches!(page.nodes[ai].tag, Tag::Body | Tag::Html) {
                break;
            }
            if s.kinds[ai] & CONTENT != 0 && s.link_density(ai) < ANCESTOR_MAX_LINK_DENSITY {
                best = Some(ai);
                break;
            }
            a = page.nodes[ai].parent;
        }
    }
    best.filter(|&b| b != top)
}

/// Levels above the best container searched for [`repeated_boxes`].
const BOX_LEVELS: usize = 4;

/// An article cut into boxes of one kind (sections, cards, "chunks"), of which scoring
/// found one: the box at or above `top` (up to [`BOX_LEVELS`] up) that has siblings with
/// the same element name and class, and those siblings that hold prose. Returns the boxes'
/// parent and the boxes.
fn repeated_boxes(page: &Page, s: &Stats, top: usize) -> Option<(usize, Vec<usize>)> {
    let mut x = top;
    for _ in 0..=BOX_LEVELS {
        let parent = page.nodes[x].parent;
        if parent == NONE || parent == 0 {
            return None;
        }
        let p = parent as usize;
        if matches!(page.nodes[p].tag, Tag::Html) {
            return None;
        }
        let marks = page.marks_of(x as u32);
        if !marks.is_empty() {
            let tag = page.nodes[x].tag;
            let same: Vec<usize> = page
                .children(parent)
                .map(|c| c as usize)
                .filter(|&c| {
                    c == x
                        || (!s.junk[c]
                            && page.nodes[c].tag == tag
                            && page.marks_of(c as u32) == marks
                            && s.chars[c] >= MIN_PARAGRAPH_CHARS
                            && s.link_density(c) < BOX_MAX_LINK_DENSITY)
                })
                .collect();
            if same.len() > 1 {
                return Some((p, same));
            }
        }
        if matches!(page.nodes[p].tag, Tag::Body) {
            return None;
        }
        x = p;
    }
    None
}

/// Sibling boxes with more link text than this are teasers, not parts of the article.
const BOX_MAX_LINK_DENSITY: f32 = 0.3;

/// The children of `top`'s parent that belong to the article: `top` itself, siblings that
/// score close to it, and clean prose paragraphs.
fn siblings(
    page: &Page,
    s: &Stats,
    scored: &[bool],
    final_score: &dyn Fn(usize) -> f32,
    top: usize,
) -> Vec<usize> {
    let parent = page.nodes[top].parent;
    if parent == NONE || parent == 0 {
        return vec![top];
    }
    let threshold = (final_score(top) * SIBLING_SHARE).max(10.0);
    let mut out = Vec::new();
    for c in page.children(parent) {
        let c = c as usize;
        if c == top {
            out.push(c);
            continue;
        }
        if s.junk[c] || page.nodes[c].tag == Tag::Text {
            continue;
        }
        if scored[c] && final_score(c) >= threshold {
            out.push(c);
            continue;
        }
        if page.nodes[c].tag == Tag::P || (is_paragraph(page, s, c) && s.chars[c] > 80) {
            let ld = s.link_density(c);
            let chars = s.chars[c];
            let text = || page.text_under(c as u32);
            if (chars > 80 && ld < 0.25)
                || (chars > 0 && chars <= 80 && ld == 0.0 && text().contains(". "))
            {
                out.push(c);
            }
        }
    }
    out
}

/// Read `root`'s subtree (only the children in `only`, when given) into blocks.
fn read(page: &Page, s: &Stats, root: usize, only: &[usize]) -> Vec<Block> {
    let mut b = Builder {
        article: true,
        ..Default::default()
    };
    let ranges: Vec<(usize, usize)> = if only.is_empty() {
        vec![(root, s.end[root] as usize)]
    } else {
        only.iter().map(|&c| (c, s.end[c] as usize)).collect()
    };
    for (start, end) in ranges {
        b.walk(page, s, start, end);
    }
    b.finish()
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    current: String,
    current_links: usize,
    kinds: Vec<ParagraphKind>,
    in_link: usize,
    /// Reading the article: link lists and mostly-link blocks are dropped. Off for the
    /// all-visible-text reading (fragments, and the fallback when no article is found).
    article: bool,
    /// Inside a list the article's text introduced: its links are content.
    keep_links: usize,
}

/// An open element during the walk: where it ends and what to undo then.
struct Open {
    end: usize,
    block: bool,
    kind: bool,
    link: bool,
    /// A list the text introduced (see [`Builder::introduces_a_list`]).
    keep_links: bool,
}

impl Builder {
    fn walk(&mut self, page: &Page, s: &Stats, start: usize, end: usize) {
        let mut open: Vec<Open> = Vec::new();
        let mut j = start;
        while j < end {
            self.close(&mut open, j);
            let node = &page.nodes[j];
            if s.junk[j] {
                j = s.end[j] as usize;
                continue;
            }
            match node.tag {
                Tag::Text => {
                    self.push_text(page.text_of(j as u32));
                    j += 1;
                    continue;
                }
                Tag::Br | Tag::Hr => {
                    self.flush();
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let introduced = self.article
                && self.keep_links == 0
                && matches!(node.tag, Tag::Ul | Tag::Ol | Tag::Dl)
                && self.introduces_a_list();
            if self.article
                && j != start
                && self.keep_links == 0
                && !introduced
                && is_link_list(node.tag, s, j)
            {
                j = s.end[j] as usize;
                continue;
            }
            if introduced {
                self.keep_links += 1;
            }
            if matches!(node.tag, Tag::Td | Tag::Th) {
                self.push_text(" ");
            }
            let block = node.tag.is_block();
            if block {
                self.flush();
            }
            let kind = kind_of(node.tag);
            if let Some(k) = kind {
                self.kinds.push(k);
            }
            let link = node.tag == Tag::A;
            if link {
                self.in_link += 1;
            }
            open.push(Open {
                end: s.end[j] as usize,
                block,
                kind: kind.is_some(),
                link,
                keep_links: introduced,
            });
            j += 1;
        }
        self.close(&mut open, usize::MAX);
        self.flush();
    }

    /// Leave every open element that ends at or before `at`.
    fn close(&mut self, open: &mut Vec<Open>, at: usize) {
        while open.last().is_some_and(|o| o.end <= at) {
            let Some(o) = open.pop() else { break };
            if o.block {
                self.flush();
            }
            if o.kind {
                self.kinds.pop();
            }
            if o.link {
                self.in_link = self.in_link.saturating_sub(1);
            }
            if o.keep_links {
                self.keep_links = self.keep_links.saturating_sub(1);
            }
        }
    }

    /// Text is already whitespace-collapsed by the reader; only the joins need care.
    fn push_text(&mut self, text: &str) {
        let t = if self.current.is_empty() || self.current.ends_with(' ') {
            text.trim_start()
        } else {
            text
        };
        if self.in_link > 0 {
            self.current_links += t.trim().chars().count();
        }
        self.current.push_str(t);
    }

    /// The text just read is a sentence that announces a list ("The papers in this issue:"):
    /// the list that follows is part of the article even when every item is a link.
    /// "Related:" or "Read more:" alone is too short to count.
    fn introduces_a_list(&self) -> bool {
        let pending = self.current.trim();
        let last = if pending.is_empty() {
            match self.blocks.last() {
                Some(b) => b.text.as_str(),
                None => return false,
            }
        } else {
            pending
        };
        last.ends_with(':') && last.split_whitespace().count() >= INTRODUCTION_MIN_WORDS
    }

    fn flush(&mut self) {
        let text = self.current.trim();
        if !text.is_empty() {
            let chars = text.chars().count();
            let mostly_links = self.article
                && self.keep_links == 0
                && self.current_links as f32 > BLOCK_LINK_DENSITY * chars as f32;
            if !mostly_links {
                let kind = self.kinds.last().copied().unwrap_or_default();
                self.blocks.push(Block {
                    kind,
                    text: text.to_string(),
                });
            }
        }
        self.current.clear();
        self.current_links = 0;
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush();
        self.blocks
    }
}

/// Inside the article, a list, table or division that is mostly links (and not prose with
/// commas) is a "related stories" or tag list.
fn is_link_list(tag: Tag, s: &Stats, i: usize) -> bool {
    matches!(
        tag,
        Tag::Ul | Tag::Ol | Tag::Dl | Tag::Table | Tag::Div | Tag::Section
    ) && s.chars[i] > 0
        && s.link_density(i) > LINK_LIST_DENSITY
        && s.commas[i] < 10
}

/// Every visible text block of a page or fragment (furniture included): for fragments
/// that are already the article, and as the fallback when no article is found.
pub(crate) fn all_blocks(page: &Page) -> Vec<Block> {
    let n = page.nodes.len();
    let mut s = Stats {
        junk: vec![false; n],
        chars: vec![1; n],
        links: vec![0; n],
        commas: vec![0; n],
        inline_chars: vec![0; n],
        inline_commas: vec![0; n],
        block_child: vec![false; n],
        end: (1..=n as u32).collect(),
        kinds: vec![0; n],
    };
    for i in (1..n).rev() {
        let p = page.nodes[i].parent as usize;
        if p < n {
            s.end[p] = s.end[p].max(s.end[i]);
        }
    }
    for i in 1..n {
        let node = &page.nodes[i];
        let p = node.parent as usize;
        s.junk[i] = (p < n && s.junk[p])
            || (node.tag != Tag::Text && (node.flags & HIDDEN != 0 || never_text(node.tag)));
    }
    let root = page.body.unwrap_or(0) as usize;
    let mut b = Builder::default();
    b.walk(page, &s, root, s.end[root] as usize);
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup() -> Markup {
        let files =
            armsgraph_kb::DataFiles::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
        let tsv = files.read("boilerplate/markup.tsv").expect("markup.tsv");
        Markup::parse("markup.tsv", &tsv).expect("valid markup.tsv")
    }

    fn texts(html: &str) -> Vec<String> {
        find_blocks(&Page::parse(html), &markup())
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    const P1: &str = "Belarus lieferte Artillerie, Drohnen und Munition an Aserbaidschan, zeigen \
                      Dokumente, die POLITICO vorliegen, und zwar über Jahre hinweg.";
    const P2: &str = "Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später \
                      vor, untätig geblieben zu sein, als die Kämpfe begannen.";
    const P3: &str = "Eduard Arakelyan bestätigte, dass es sich um Ausrüstung aus den Kriegen \
                      handelt, die Minsk in den Jahren zuvor geliefert hatte.";

    #[test]
    fn the_article_is_found_and_furniture_left_out() {
        let nav = "<li><a href='/x'>Eine andere Geschichte über etwas</a></li>".repeat(30);
        let html = format!(
            "<html><head><title>T</title></head><body><nav><ul>{nav}</ul></nav>\
             <div class=wrapper><div class=article-main><h2>Zwischentitel</h2><p>{P1}</p>\
             <figure><img src=x><figcaption>Foto: Agentur</figcaption></figure>\
             <p>{P2} <a href=/y>Link</a></p><div class=share-bar>Teilen Sie diesen Artikel</div>\
             <p>{P3}</p><ul class=list>{nav}</ul></div>\
             <div class=sidebar><p>{P1}</p></div></div>\
             <footer><p>Impressum, Datenschutz, Kontakt und alles andere hier.</p></footer>\
             </body></html>"
        );
        let got = texts(&html);
        assert_eq!(
            got,
            vec![
                "Zwischentitel".to_string(),
                P1.to_string(),
                format!("{P2} Link"),
                P3.to_string()
            ]
        );
    }

    #[test]
    fn a_furniture_named_box_around_the_article_body_is_read() {
        // InfoWorld wraps its article in `share_wrapper`; the body inside is named as one.
        let nav = "<li><a href='/x'>Eine andere Geschichte über etwas</a></li>".repeat(40);
        let html = format!(
            "<html><body><ul class=menu>{nav}</ul><div class=share_wrapper><h1>T</h1>             <div class=articlebody><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></div>             <div class=share-bar><p>{P1} Teilen.</p></div></body></html>"
        );
        let got = texts(&html);
        assert_eq!(got[got.len() - 3..], [P1, P2, P3]);
        assert!(!got.iter().any(|t| t.contains("Teilen")), "{got:?}");
    }

    #[test]
    fn the_headline_above_the_body_box_leads_the_text() {
        // The headline sits in a header box beside the body container, with a byline
        // between: scoring chooses the body, the headline is read with it.
        let html = format!(
            "<html><head><title>Minsk lieferte Artillerie – Zeitung</title></head><body>\
             <div class=top><h1>Zeitung</h1></div><ul class=menu><li>Politik</li></ul>\
             <div class=story-header><h1>Minsk lieferte Artillerie</h1>\
             <span class=meta>Von A. Autor, 14. Mai 2024</span></div>\
             <div class=main><div class=story-text><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=more><a href=/a>Andere Geschichte</a></div></div></body></html>"
        );
        let got = texts(&html);
        assert_eq!(got[0], "Minsk lieferte Artillerie");
        assert_eq!(got[got.len() - 3..], [P1, P2, P3]);
        let a = find_article(&Page::parse(&html), &markup());
        assert_eq!(a.headline.map(|h| h.kind), Some(ParagraphKind::Heading));
    }

    #[test]
    fn a_heading_far_above_the_body_or_inside_it_is_not_added() {
        // Much text between the site's h1 and the body: not the article's headline.
        let filler = format!("<li>{P3}</li>").repeat(4);
        let html = format!(
            "<html><body><h1>Das Portal</h1><ul class=facts>{filler}</ul>\
             <div class=side><span>x</span></div>\
             <article><p>{P1}</p><p>{P2}</p><p>{P1} {P2}</p><p>{P2} {P1}</p></article></body></html>"
        );
        let a = find_article(&Page::parse(&html), &markup());
        assert!(a.headline.is_none(), "{:?}", a.headline);
        // An h1 inside the body region is read with the body, not added twice.
        let html = format!(
            "<html><body><article><h1>Minsk lieferte</h1><p>{P1}</p><p>{P2}</p></article></body></html>"
        );
        let a = find_article(&Page::parse(&html), &markup());
        assert!(a.headline.is_none());
        assert_eq!(a.blocks[0].text, "Minsk lieferte");
    }

    #[test]
    fn a_blog_post_title_in_an_h2_worded_like_the_title_is_the_headline() {
        // Blog themes give `<h1>` to the site name and `<h2>`/`<h3>` to the post title.
        let page = |h2: &str| {
            format!(
                "<html><head><title>Drohnen für Baku | Mein Blog</title></head><body>\
                 <div id=header><h1>Mein Blog</h1></div>\
                 <div class=post><h2>{h2}</h2><div class=entry><p>{P1}</p><p>{P2}</p>\
                 <p>{P3}</p></div></div></body></html>"
            )
        };
        assert_eq!(texts(&page("Drohnen für Baku"))[0], "Drohnen für Baku");
        // A heading the title does not name (a section name) is not taken, nor is the
        // site name's `<h1>` above it.
        assert_eq!(texts(&page("Neueste Beiträge"))[0], P1);
        // A post whose title heading is inside the body region: the site's h1 above it is
        // not added.
        let html = format!(
            "<html><head><title>Drohnen für Baku | Mein Blog</title></head><body>\
             <div id=header><h1>Mein Blog</h1></div><div class=post><h2>Drohnen für Baku</h2>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body></html>"
        );
        assert_eq!(texts(&html)[..2], ["Drohnen für Baku", P1]);
    }

    #[test]
    fn kinds_follow_the_markup() {
        let html = format!(
            "<html><body><article><p>{P1}</p><blockquote><p>{P2}</p></blockquote>\
             <ul><li>{P3}</li></ul><h3>Mehr dazu</h3><p>{P1}</p></article></body></html>"
        );
        let blocks = find_blocks(&Page::parse(&html), &markup());
        let kinds: Vec<ParagraphKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ParagraphKind::Body,
                ParagraphKind::BlockQuote,
                ParagraphKind::ListItem,
                ParagraphKind::Heading,
                ParagraphKind::Body
            ]
        );
    }

    #[test]
    fn a_page_without_paragraphs_gives_its_visible_text_or_nothing() {
        assert!(texts("").is_empty());
        assert_eq!(texts("<div>kurz</div>"), vec!["kurz".to_string()]);
    }

    #[test]
    fn tag_soup_never_panics_and_blocks_stay_clean() {
        // Random sequences of the constructs the reader special-cases, from a fixed seed.
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<div class='article-body'>",
            "<div class=share>",
            "</div>",
            "<li>",
            "<ul>",
            "</ul>",
            "<table><tr><td>",
            "</td>",
            "<a href=x>",
            "</a>",
            "<br>",
            "<h2>",
            "</h2>",
            "<script>",
            "</script>",
            "<title>",
            "<!--",
            "-->",
            "<",
            ">",
            "&amp;",
            "&#x110000;",
            "&bogus;",
            " Wort, ",
            "Ein längerer Satz mit Kommas, Wörtern und Punkt. ",
            "<nav>",
            "</nav>",
            "<figure>",
            "<span hidden>",
            "</span>",
            "<body>",
            "</body>",
            "<article>",
            "</article>",
            "<p/>",
            "<x-y z=\"",
            "\"",
            "'",
            "<!DOCTYPE html>",
            "\u{0}",
        ];
        let markup = markup();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut html = String::new();
            let len = (state % 60) as usize;
            for _ in 0..len {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                html.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
            }
            let page = Page::parse(&html);
            for b in find_blocks(&page, &markup)
                .into_iter()
                .chain(all_blocks(&page))
            {
                assert!(!b.text.is_empty() && b.text == b.text.trim(), "{html:?}");
                assert!(!b.text.contains("  "), "{html:?}");
            }
        }
    }

    #[test]
    fn bad_markup_data_names_its_line() {
        let err = Markup::parse("m.tsv", "negative\tfoo\nbogus\tx").unwrap_err();
        assert!(err.to_string().contains("m.tsv:2"), "{err}");
        let err = Markup::parse("m.tsv", "negative\t(").unwrap_err();
        assert!(err.to_string().contains("m.tsv:1"), "{err}");
    }
}
