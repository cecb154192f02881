//! A small HTML reader built for extraction: one pass over the (pre-cleaned) page gives an
//! arena tree of the elements and text the main-text finder looks at, plus the page facts
//! the metadata reader needs (`<title>`, `<meta>`, JSON-LD, canonical link, `lang`,
//! `<time>`), collected on the way so nothing walks the tree again for them.
//!
//! Why not html5ever: a spec parse builds a full DOM with atoms, attributes and reference
//! counts for every node, and was the largest single cost of extraction (docs/notes/
//! ingest-extract.md). Extraction needs tags, class/id, visibility and text. The tree
//! follows the HTML rules that matter for text — void elements, raw-text elements, implied
//! ends of `p`, `li`, `dt`/`dd`, table rows and cells, end tags closing what they enclose,
//! stray end tags ignored — and caps nesting depth, so hostile markup cannot blow the stack
//! or take quadratic time.

use memchr::{memchr, memchr2};

/// "No node" in the arena links.
pub const NONE: u32 = u32::MAX;

/// Deeper elements are flattened into their ancestor at this depth.
const MAX_DEPTH: usize = 512;

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The element names the extractor distinguishes; everything else is `Other`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Tag {
            /// A text node (not an element).
            Text,
            Other,
            $($variant),*
        }

        impl Tag {
            fn from_lower(name: &[u8]) -> Tag {
                match name {
                    $($name => Tag::$variant,)*
                    _ => Tag::Other,
                }
            }
        }
    };
}

tags! {
    A = b"a", Abbr = b"abbr", Address = b"address", Article = b"article", Aside = b"aside",
    Audio = b"audio", B = b"b", Blockquote = b"blockquote", Body = b"body", Br = b"br",
    Button = b"button", Canvas = b"canvas", Caption = b"caption", Center = b"center",
    Cite = b"cite", Code = b"code", Dd = b"dd", Details = b"details", Dialog = b"dialog",
    Div = b"div", Dl = b"dl", Dt = b"dt", Em = b"em", Embed = b"embed", Fieldset = b"fieldset",
    Figcaption = b"figcaption", Figure = b"figure", Font = b"font", Footer = b"footer",
    Form = b"form", H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4", H5 = b"h5", H6 = b"h6",
    Head = b"head", Header = b"header", Hr = b"hr", Html = b"html", I = b"i",
    Iframe = b"iframe", Img = b"img", Input = b"input", Label = b"label", Li = b"li",
    Link = b"link", Main = b"main", Map = b"map", Mark = b"mark", Math = b"math",
    Menu = b"menu", Meta = b"meta", Nav = b"nav", Noscript = b"noscript", Object = b"object",
    Ol = b"ol", Optgroup = b"optgroup", Option = b"option", P = b"p", Picture = b"picture",
    Pre = b"pre", Q = b"q", S = b"s", Script = b"script", Section = b"section",
    Select = b"select", Small = b"small", Source = b"source", Span = b"span",
    Strong = b"strong", Style = b"style", Sub = b"sub", Summary = b"summary", Sup = b"sup",
    Svg = b"svg", Table = b"table", Tbody = b"tbody", Td = b"td", Template = b"template",
    Textarea = b"textarea", Tfoot = b"tfoot", Th = b"th", Thead = b"thead", Time = b"time",
    Title = b"title", Tr = b"tr", U = b"u", Ul = b"ul", Video = b"video", Wbr = b"wbr",
    Area = b"area", Base = b"base", Col = b"col", Param = b"param", Track = b"track",
    Xmp = b"xmp",
}

impl Tag {
    fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
        )
    }

    /// Elements whose content is raw text up to their end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Noscript
                | Tag::Template
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Elements that may stay inside `<head>`; any other start tag begins the body.
    fn stays_in_head(self) -> bool {
        matches!(
            self,
            Tag::Head
                | Tag::Html
                | Tag::Title
                | Tag::Meta
                | Tag::Link
                | Tag::Style
                | Tag::Script
                | Tag::Noscript
                | Tag::Template
                | Tag::Other
        )
    }

    /// A start tag of these ends an open `<p>` (HTML's "close a p element").
    fn closes_p(self) -> bool {
        self.is_heading()
            || matches!(
                self,
                Tag::Address
                    | Tag::Article
                    | Tag::Aside
                    | Tag::Blockquote
                    | Tag::Center
                    | Tag::Details
                    | Tag::Dialog
                    | Tag::Div
                    | Tag::Dl
                    | Tag::Fieldset
                    | Tag::Figcaption
                    | Tag::Figure
                    | Tag::Footer
                    | Tag::Form
                    | Tag::Header
                    | Tag::Hr
                    | Tag::Main
                    | Tag::Menu
                    | Tag::Nav
                    | Tag::Ol
                    | Tag::P
                    | Tag::Pre
                    | Tag::Section
                    | Tag::Summary
                    | Tag::Table
                    | Tag::Ul
                    | Tag::Li
                    | Tag::Dd
                    | Tag::Dt
            )
    }

    /// Elements that start a new line of text (everything else flows inline).
    pub fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Br
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Caption
                    | Tag::Body
                    | Tag::Html
                    | Tag::Option
                    | Tag::Select
                    | Tag::Textarea
                    | Tag::Iframe
                    | Tag::Video
                    | Tag::Audio
                    | Tag::Canvas
                    | Tag::Object
            )
    }
}

/// Node flags.
pub const HIDDEN: u8 = 1;

/// One element or text node. Links are arena indices ([`NONE`] when absent).
#[derive(Debug, Clone)]
pub struct Node {
    pub tag: Tag,
    pub parent: u32,
    pub first_child: u32,
    pub next_sibling: u32,
    last_child: u32,
    /// Text nodes: the range of their text in [`Page::text`]; elements: the range of their
    /// `class`, `id`, `role` and `itemprop` values (lower case, space-separated) in
    /// [`Page::marks`].
    start: u32,
    end: u32,
    pub flags: u8,
}

/// A `<time>` element.
#[derive(Debug, Clone, Default)]
pub struct TimeElement {
    pub datetime: Option<String>,
    pub pubdate: bool,
    /// Inside an `<article>`.
    pub in_article: bool,
    /// Index of the element (its text is read on demand).
    pub node: u32,
}

/// A parsed page: the tree and the facts the metadata reader needs.
#[derive(Debug, Default)]
pub struct Page {
    pub nodes: Vec<Node>,
    /// Text of all text nodes, entities decoded, whitespace runs collapsed to one space.
    text: String,
    marks: String,
    /// `<meta>` as (lower-case `property`/`name`/`itemprop`/`http-equiv`, content).
    pub meta: Vec<(String, String)>,
    /// The first `<title>`'s text.
    pub title: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `href` of the first `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `lang` (or `xml:lang`) of `<html>`.
    pub lang: Option<String>,
    pub times: Vec<TimeElement>,
    /// Index of `<body>`, when the page has one.
    pub body: Option<u32>,
}

impl Page {
    pub fn node(&self, i: u32) -> &Node {
        &self.nodes[i as usize]
    }

    /// A text node's text (collapsed whitespace); empty for elements.
    pub fn text_of(&self, i: u32) -> &str {
        let n = &self.nodes[i as usize];
        if n.tag != Tag::Text {
            return "";
        }
        self.text
            .get(n.start as usize..n.end as usize)
            .unwrap_or("")
    }

    /// An element's `class id role itemprop` values, lower case.
    pub fn marks_of(&self, i: u32) -> &str {
        let n = &self.nodes[i as usize];
        if n.tag == Tag::Text {
            return "";
        }
        self.marks
            .get(n.start as usize..n.end as usize)
            .unwrap_or("")
    }

    /// Children of `i`, in order.
    pub fn children(&self, i: u32) -> Children<'_> {
        Children {
            page: self,
            next: self.nodes.get(i as usize).map_or(NONE, |n| n.first_child),
        }
    }

    /// All text under `i`, whitespace collapsed, trimmed.
    pub fn text_under(&self, i: u32) -> String {
        let mut out = String::new();
        let end = self.subtree_end(i);
        for j in i..end {
            if self.nodes[j as usize].tag == Tag::Text {
                out.push_str(self.text_of(j));
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// One past the last node of `i`'s subtree (nodes are numbered in document order, so a
    /// subtree is a contiguous range).
    pub fn subtree_end(&self, i: u32) -> u32 {
        let mut n = i;
        loop {
            let node = &self.nodes[n as usize];
            if node.next_sibling != NONE {
                return node.next_sibling;
            }
            if node.parent == NONE {
                return self.nodes.len() as u32;
            }
            n = node.parent;
        }
    }

    /// The first element with `tag`, in document order.
    pub fn first(&self, tag: Tag) -> Option<u32> {
        self.nodes
            .iter()
            .position(|n| n.tag == tag)
            .map(|i| i as u32)
    }

    /// Parse a page (best after [`crate::preclean::clean`]). Never fails: anything that is
    /// not markup is text.
    pub fn parse(html: &str) -> Page {
        Parser::new(html).run()
    }
}

pub struct Children<'a> {
    page: &'a Page,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let i = self.next;
        self.next = self.page.nodes[i as usize].next_sibling;
        Some(i)
    }
}

struct Parser<'a> {
    src: &'a str,
    page: Page,
    /// Open elements, innermost last. Index 0 is the synthetic root.
    open: Vec<u32>,
    /// Open `<article>` elements (for `<time>`).
    articles: usize,
    /// The last character written to `page.text` was a space (or nothing yet).
    space: bool,
    /// The `<script>` being read is JSON-LD.
    pending_json_ld: bool,
    /// How many elements of each tag are open: implied ends look for an open `<p>`, `<li>`…
    /// on every start tag, and a deep stack without one must not be scanned each time.
    open_tags: [u32; TAG_SLOTS],
    /// Per raw-text tag: a position after which its end tag is known to be missing.
    unclosed_from: [usize; TAG_SLOTS],
}

/// More than the number of [`Tag`] variants.
const TAG_SLOTS: usize = 128;

/// What a start tag carried that the reader keeps.
#[derive(Default)]
struct Attrs {
    marks: Vec<(usize, usize)>,
    hidden: bool,
    meta_key: Vec<String>,
    content: Option<String>,
    rel_canonical: bool,
    href: Option<String>,
    lang: Option<String>,
    datetime: Option<String>,
    pubdate: bool,
    json_ld: bool,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Parser<'a> {
        let mut page = Page {
            nodes: Vec::with_capacity(src.len() / 40 + 16),
            text: String::with_capacity(src.len() / 4),
            ..Default::default()
        };
        // The synthetic root every top-level node hangs from.
        page.nodes.push(Node {
            tag: Tag::Other,
            parent: NONE,
            first_child: NONE,
            next_sibling: NONE,
            last_child: NONE,
            start: 0,
            end: 0,
            flags: 0,
        });
        Parser {
            src,
            page,
            open: vec![0],
            articles: 0,
            space: true,
            pending_json_ld: false,
            open_tags: [0; TAG_SLOTS],
            unclosed_from: [usize::MAX; TAG_SLOTS],
        }
    }

    fn run(mut self) -> Page {
        let bytes = self.src.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let Some(rel) = memchr(b'<', &bytes[at..]) else {
                self.text(at, bytes.len());
                break;
            };
            let lt = at + rel;
            if lt > at {
                self.text(at, lt);
            }
            at = self.markup(lt);
        }
        self.page
    }

    fn current(&self) -> u32 {
        *self.open.last().unwrap_or(&0)
    }

    fn append(&mut self, tag: Tag, start: usize, end: usize, flags: u8) -> u32 {
        let parent = self.current();
        let id = self.page.nodes.len() as u32;
        self.page.nodes.push(Node {
            tag,
            parent,
            first_child: NONE,
            next_sibling: NONE,
            last_child: NONE,
            start: start as u32,
            end: end as u32,
            flags,
        });
        let p = &mut self.page.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.page.nodes[prev as usize].next_sibling = id;
        }
        id
    }

    /// Text between tags: entities decoded, whitespace collapsed, appended as a text node
    /// (or merged into the previous one when nothing came between).
    fn text(&mut self, from: usize, to: usize) {
        let raw = self.src.get(from..to).unwrap_or("");
        if raw.is_empty() {
            return;
        }
        if self.open_tags[Tag::Head as usize % TAG_SLOTS] > 0
            && raw.bytes().any(|b| !b.is_ascii_whitespace())
        {
            // Text cannot be in the head: it starts the body (see `implied_ends`).
            self.close_in_scope(Tag::Head, &[]);
        }
        let decoded = decode(raw);
        let start = self.page.text.len();
        push_collapsed(&mut self.page.text, &decoded, &mut self.space);
        let end = self.page.text.len();
        if end == start {
            return;
        }
        let parent = self.current();
        let last = self.page.nodes[parent as usize].last_child;
        if last != NONE {
            let n = &mut self.page.nodes[last as usize];
            if n.tag == Tag::Text && n.end as usize == start {
                n.end = end as u32;
                return;
            }
        }
        self.append(Tag::Text, start, end, 0);
    }

    /// Handle the markup at `lt` (a `<`); returns where text resumes.
    fn markup(&mut self, lt: usize) -> usize {
        let bytes = self.src.as_bytes();
        let next = bytes.get(lt + 1).copied().unwrap_or(b' ');
        if next == b'!' {
            if bytes[lt..].starts_with(b"<!--") {
                // An unclosed comment would hide the rest of the page; lenient readers
                // (libxml2, which trafilatura uses) end it at the next `>`, and so do we.
                return find(bytes, lt + 4, b"-->")
                    .map(|i| i + 3)
                    .or_else(|| memchr(b'>', &bytes[lt + 4..]).map(|i| lt + 4 + i + 1))
                    .unwrap_or(bytes.len());
            }
            return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
        }
        if next == b'?' {
            return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
        }
        if next == b'/' {
            let name_start = lt + 2;
            if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
                // `</>` or `</ x`: a bogus comment in HTML; skip to `>`.
                return memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
            }
            let name_end = name_end(bytes, name_start);
            let tag = tag_of(&bytes[name_start..name_end]);
            self.end_tag(tag);
            return memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |i| name_end + i + 1);
        }
        if !next.is_ascii_alphabetic() {
            // A lone `<` is text.
            self.text(lt, lt + 1);
            return lt + 1;
        }
        let name_start = lt + 1;
        let name_end = name_end(bytes, name_start);
        let tag = tag_of(&bytes[name_start..name_end]);
        let mut attrs = Attrs::default();
        let (after, self_closing) = self.attributes(name_end, tag, &mut attrs);
        self.start_tag(tag, attrs, self_closing);
        if tag.is_raw_text() {
            return self.raw_text(tag, after, name_start, name_end);
        }
        after
    }

    /// Content of a raw-text element up to its end tag.
    fn raw_text(&mut self, tag: Tag, from: usize, name_start: usize, name_end: usize) -> usize {
        let bytes = self.src.as_bytes();
        let name = &bytes[name_start..name_end];
        let mut at = from;
        let slot = tag as usize % TAG_SLOTS;
        let (content_end, resume) = loop {
            let found = if at >= self.unclosed_from[slot] {
                None
            } else {
                find(bytes, at, b"</")
            };
            let Some(rel) = found else {
                // Known from here on: no end tag for this element, so the next one of its
                // kind does not search again (many unclosed ones must stay linear).
                self.unclosed_from[slot] = self.unclosed_from[slot].min(from);
                // No end tag: the element would swallow the rest of the page (a `<title>`
                // or `<script>` left open by a broken template). Recover as lenient readers
                // do: the raw text ends where the next tag starts.
                let next_tag = (from..bytes.len()).find(|&i| {
                    bytes[i] == b'<'
                        && bytes
                            .get(i + 1)
                            .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!'))
                });
                let end = next_tag.unwrap_or(bytes.len());
                break (end, end);
            };
            let i = rel;
            let candidate = bytes.get(i + 2..i + 2 + name.len());
            if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
                && bytes
                    .get(i + 2 + name.len())
                    .is_none_or(|b| matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'))
            {
                let close = memchr(b'>', &bytes[i..]).map_or(bytes.len(), |j| i + j + 1);
                break (i, close);
            }
            at = i + 2;
        };
        let content = self.src.get(from..content_end).unwrap_or("");
        match tag {
            Tag::Title if self.page.title.is_none() => {
                let t = collapse(&decode(content));
                if !t.is_empty() {
                    self.page.title = Some(t);
                }
            }
            Tag::Script if self.pending_json_ld => {
                self.page.json_ld.push(content.to_string());
            }
            _ => {}
        }
        self.pending_json_ld = false;
        // The element holds no children for the extractor.
        self.end_tag(tag);
        resume
    }

    /// Parse attributes from `at` (just after the tag name) to the closing `>`; returns
    /// the index after `>` and whether the tag ended with `/>`.
    fn attributes(&mut self, mut at: usize, tag: Tag, attrs: &mut Attrs) -> (usize, bool) {
        let bytes = self.src.as_bytes();
        let mut self_closing = false;
        loop {
            while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
                self_closing = bytes[at] == b'/';
                at += 1;
            }
            if at >= bytes.len() {
                return (bytes.len(), self_closing);
            }
            if bytes[at] == b'>' {
                return (at + 1, self_closing);
            }
            self_closing = false;
            let name_start = at;
            while at < bytes.len()
                && !matches!(
                    bytes[at],
                    b'=' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c
                )
            {
                at += 1;
            }
            let name = &bytes[name_start..at];
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let mut value: Option<(usize, usize)> = None;
            if bytes.get(at) == Some(&b'=') {
                at += 1;
                while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                    at += 1;
                }
                match bytes.get(at) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let start = at + 1;
                        let end = memchr(q, &bytes[start..]).map_or(bytes.len(), |i| start + i);
                        value = Some((start, end));
                        at = (end + 1).min(bytes.len());
                    }
                    Some(_) => {
                        let start = at;
                        while at < bytes.len()
                            && !bytes[at].is_ascii_whitespace()
                            && bytes[at] != b'>'
                        {
                            at += 1;
                        }
                        value = Some((start, at));
                    }
                    None => {}
                }
            }
            self.attribute(tag, name, value, attrs);
        }
    }

    fn value(&self, v: Option<(usize, usize)>) -> &'a str {
        v.and_then(|(s, e)| self.src.get(s..e)).unwrap_or("")
    }

    fn attribute(
        &mut self,
        tag: Tag,
        name: &[u8],
        value: Option<(usize, usize)>,
        attrs: &mut Attrs,
    ) {
        let lower = |n: &[u8], want: &[u8]| n.eq_ignore_ascii_case(want);
        if lower(name, b"class") || lower(name, b"id") || lower(name, b"role") {
            if let Some(v) = value {
                attrs.marks.push(v);
            }
            return;
        }
        if lower(name, b"itemprop") {
            if let Some(v) = value {
                attrs.marks.push(v);
                if tag == Tag::Meta {
                    attrs
                        .meta_key
                        .push(self.value(value).trim().to_ascii_lowercase());
                }
            }
            return;
        }
        if lower(name, b"hidden") {
            attrs.hidden = true;
            return;
        }
        if lower(name, b"aria-hidden") {
            attrs.hidden |= self.value(value).trim().eq_ignore_ascii_case("true");
            return;
        }
        if lower(name, b"style") {
            let v = self.value(value);
            if v.contains("none") || v.contains("hidden") {
                let squeezed: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                attrs.hidden |=
                    squeezed.contains("display:none") || squeezed.contains("visibility:hidden");
            }
            return;
        }
        match tag {
            Tag::Meta => {
                if lower(name, b"content") {
                    attrs.content = Some(decode(self.value(value)).into_owned());
                } else if lower(name, b"property")
                    || lower(name, b"name")
                    || lower(name, b"http-equiv")
                {
                    attrs
                        .meta_key
                        .push(self.value(value).trim().to_ascii_lowercase());
                }
            }
            Tag::Link => {
                if lower(name, b"rel") {
                    attrs.rel_canonical = self
                        .value(value)
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"));
                } else if lower(name, b"href") {
                    attrs.href = Some(decode(self.value(value)).trim().to_string());
                }
            }
            Tag::Html
                if lower(name, b"lang") || (lower(name, b"xml:lang") && attrs.lang.is_none()) =>
            {
                attrs.lang = Some(self.value(value).trim().to_string());
            }
            Tag::Time => {
                if lower(name, b"datetime") {
                    attrs.datetime = Some(self.value(value).trim().to_string());
                } else if lower(name, b"pubdate") {
                    attrs.pubdate = true;
                }
            }
            Tag::Script if lower(name, b"type") => {
                attrs.json_ld = self
                    .value(value)
                    .trim()
                    .eq_ignore_ascii_case("application/ld+json");
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, tag: Tag, attrs: Attrs, self_closing: bool) {
        self.implied_ends(tag);
        // Marks: class, id, role, itemprop values, lower case, one space apart.
        let marks_start = self.page.marks.len();
        for (s, e) in &attrs.marks {
            if let Some(v) = self.src.get(*s..*e) {
                if self.page.marks.len() > marks_start {
                    self.page.marks.push(' ');
                }
                for c in v.chars() {
                    self.page.marks.push(c.to_ascii_lowercase());
                }
            }
        }
        let marks_end = self.page.marks.len();
        let flags = if attrs.hidden { HIDDEN } else { 0 };
        match tag {
            Tag::Meta => {
                if let Some(content) = attrs
                    .content
                    .map(|c| collapse(&c))
                    .filter(|c| !c.is_empty())
                {
                    for key in attrs.meta_key {
                        self.page.meta.push((key, content.clone()));
                    }
                }
            }
            Tag::Link if attrs.rel_canonical && self.page.canonical.is_none() => {
                self.page.canonical = attrs.href.filter(|h| !h.is_empty());
            }
            Tag::Html if self.page.lang.is_none() => {
                self.page.lang = attrs.lang.filter(|l| !l.is_empty());
            }
            _ => {}
        }
        self.pending_json_ld = attrs.json_ld;
        let id = self.append(tag, marks_start, marks_end, flags);
        if tag == Tag::Time {
            self.page.times.push(TimeElement {
                datetime: attrs.datetime.filter(|d| !d.is_empty()),
                pubdate: attrs.pubdate,
                in_article: self.articles > 0,
                node: id,
            });
        }
        if tag == Tag::Body && self.page.body.is_none() {
            self.page.body = Some(id);
        }
        let is_void = tag.is_void() || (self_closing && tag == Tag::Other);
        if !is_void && self.open.len() < MAX_DEPTH {
            self.open.push(id);
            self.open_tags[tag as usize % TAG_SLOTS] += 1;
            if tag == Tag::Article {
                self.articles += 1;
            }
        }
    }

    /// The end tags HTML implies when `tag` starts.
    fn implied_ends(&mut self, tag: Tag) {
        if self.open_tags[Tag::Head as usize % TAG_SLOTS] > 0 && !tag.stays_in_head() {
            // A page without `<body>` (or with a `<head>` never closed) starts its body at
            // the first element that cannot be in the head, as HTML does; otherwise the
            // whole page would hang under `<head>`, which is never text.
            self.close_in_scope(Tag::Head, &[]);
        }
        if tag.closes_p() {
            self.close_in_scope(
                Tag::P,
                &[Tag::Table, Tag::Td, Tag::Th, Tag::Caption, Tag::Button],
            );
        }
        match tag {
            Tag::Li => self.close_in_scope(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Table]),
            Tag::Dt | Tag::Dd => {
                self.close_in_scope(Tag::Dt, &[Tag::Dl, Tag::Table]);
                self.close_in_scope(Tag::Dd, &[Tag::Dl, Tag::Table]);
            }
            Tag::Tr => self.close_in_scope(Tag::Tr, &[Tag::Table]),
            Tag::Td | Tag::Th => {
                self.close_in_scope(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.close_in_scope(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                for t in [Tag::Thead, Tag::Tbody, Tag::Tfoot] {
                    self.close_in_scope(t, &[Tag::Table]);
                }
            }
            Tag::Option => self.close_in_scope(Tag::Option, &[Tag::Select]),
            Tag::A => self.close_in_scope(Tag::A, &[Tag::Td, Tag::Th, Tag::Table]),
            _ => {}
        }
        if tag.is_heading() {
            let top = self.current();
            if self.page.nodes[top as usize].tag.is_heading() {
                self.pop();
            }
        }
    }

    /// Close the innermost open `tag` unless one of `boundary` (or `<body>`/`<html>`)
    /// encloses the current node first.
    fn close_in_scope(&mut self, tag: Tag, boundary: &[Tag]) {
        if self.open_tags[tag as usize % TAG_SLOTS] == 0 {
            return;
        }
        for depth in (1..self.open.len()).rev() {
            let t = self.page.nodes[self.open[depth] as usize].tag;
            if t == tag {
                while self.open.len() > depth {
                    self.pop();
                }
                return;
            }
            if boundary.contains(&t) || matches!(t, Tag::Body | Tag::Html) {
                return;
            }
        }
    }

    fn pop(&mut self) {
        if self.open.len() > 1 {
            if let Some(id) = self.open.pop() {
                let tag = self.page.nodes[id as usize].tag;
                let open = &mut self.open_tags[tag as usize % TAG_SLOTS];
                *open = open.saturating_sub(1);
                if tag == Tag::Article {
                    self.articles = self.articles.saturating_sub(1);
                }
            }
        }
    }

    fn end_tag(&mut self, tag: Tag) {
        if matches!(tag, Tag::Body | Tag::Html) {
            // Content after `</body>` still belongs to the body.
            return;
        }
        if tag == Tag::Other {
            // Unknown names are not told apart; closing the innermost unknown element is
            // what a matching end tag would do nearly always.
            if self.page.nodes[self.current() as usize].tag == Tag::Other && self.open.len() > 1 {
                self.pop();
            }
            return;
        }
        if self.open_tags[tag as usize % TAG_SLOTS] == 0 {
            // A stray end tag: nothing to close.
            return;
        }
        if let Some(depth) = (1..self.open.len())
            .rev()
            .find(|&d| self.page.nodes[self.open[d] as usize].tag == tag)
        {
            while self.open.len() > depth {
                self.pop();
            }
        }
    }
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() && !matches!(bytes[i], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
    {
        i += 1;
    }
    i
}

fn tag_of(name: &[u8]) -> Tag {
    if name.len() > 10 {
        return Tag::Other;
    }
    let mut buf = [0u8; 10];
    for (b, n) in buf.iter_mut().zip(name) {
        *b = n.to_ascii_lowercase();
    }
    Tag::from_lower(&buf[..name.len()])
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = needle.first().copied()?;
    let mut at = from;
    while at < bytes.len() {
        let i = at + memchr(first, &bytes[at..])?;
        if bytes[i..].starts_with(needle) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Character references decoded (only when there is an `&`).
fn decode(raw: &str) -> std::borrow::Cow<'_, str> {
    if memchr2(b'&', b'\0', raw.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(raw);
    }
    let decoded = html_escape::decode_html_entities(raw);
    if decoded.contains('\0') {
        return std::borrow::Cow::Owned(decoded.replace('\0', ""));
    }
    decoded
}

/// Append `s` with whitespace runs collapsed to one space (`space`: the buffer ends with a
/// space or is at a fresh start).
fn push_collapsed(buf: &mut String, s: &str, space: &mut bool) {
    let mut run_start = None::<usize>;
    for (i, c) in s.char_indices() {
        let ws = if c.is_ascii() {
            c.is_ascii_whitespace()
        } else {
            c.is_whitespace()
        };
        if ws {
            if let Some(start) = run_start.take() {
                buf.push_str(&s[start..i]);
            }
            if !*space {
                buf.push(' ');
                *space = true;
            }
        } else {
            if run_start.is_none() {
                run_start = Some(i);
            }
            *space = false;
        }
    }
    if let Some(start) = run_start {
        buf.push_str(&s[start..]);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(page: &Page, i: u32, out: &mut String) {
        let n = page.node(i);
        if n.tag == Tag::Text {
            out.push_str(&format!("'{}'", page.text_of(i)));
            return;
        }
        out.push_str(&format!("{:?}(", n.tag).to_lowercase());
        for c in page.children(i) {
            outline(page, c, out);
        }
        out.push(')');
    }

    fn tree(html: &str) -> String {
        let page = Page::parse(html);
        let mut out = String::new();
        for c in page.children(0) {
            outline(&page, c, &mut out);
        }
        out
    }

    #[test]
    fn a_page_without_body_starts_its_body_at_the_first_body_element() {
        // Without the implied end of <head>, all of this would hang under <head>.
        assert_eq!(
            tree("<html><head><title>T</title><meta name=a content=b><div>x</div></html>"),
            "html(head(title()meta())div('x'))"
        );
        assert_eq!(
            tree("<head><title>T</title>Text<p>y</p>"),
            "head(title())'Text'p('y')"
        );
    }

    #[test]
    fn unclosed_raw_text_and_comments_end_at_the_next_tag() {
        let page = Page::parse("<title>T <script>x</script><body><p>Text</p>");
        assert_eq!(page.title.as_deref(), Some("T"));
        assert!(tree("<title>T <script>x</script><body><p>Text</p>").contains("p('Text')"));
        // The comment ends at the first `>`: the text after it is back.
        assert_eq!(tree("<p>a</p><!-- b <p>c</p>"), "p('a')'c'");
        // Many unclosed raw-text elements stay linear and keep the text between them.
        let many = "<textarea>x <b>y</b> ".repeat(2000);
        assert_eq!(Page::parse(&many).text_under(0).matches('y').count(), 2000);
    }

    #[test]
    fn implied_ends_follow_html() {
        assert_eq!(tree("<p>a<p>b<div>c</div>"), "p('a')p('b')div('c')");
        assert_eq!(tree("<ul><li>a<li>b</ul>x"), "ul(li('a')li('b'))'x'");
        assert_eq!(
            tree("<table><tr><td>a<td>b<tr><td>c</table>"),
            "table(tr(td('a')td('b'))tr(td('c')))"
        );
        assert_eq!(tree("<div><span>a</div>b"), "div(span('a'))'b'");
        assert_eq!(tree("<p>a</span>b</p>"), "p('a' 'b')".replace("' '", ""));
        assert_eq!(tree("a<br>b<img src=x>c"), "'a'br()'b'img()'c'");
    }

    #[test]
    fn text_is_decoded_and_collapsed() {
        let page = Page::parse("<p>  Caf&eacute; &amp;\n\n  Bar&#8217;s&nbsp;x </p>");
        let p = page.first(Tag::P).unwrap();
        assert_eq!(page.text_under(p), "Café & Bar’s x");
    }

    #[test]
    fn page_facts_are_collected() {
        let page = Page::parse(
            r#"<html lang="de-DE"><head><title>T &amp; U</title>
            <meta property="og:title" content="OG &quot;x&quot;"><meta name=author content='A B'>
            <link rel="canonical" href="https://e.com/a">
            <script type="application/ld+json">{"@type":"NewsArticle"}</script>
            <script>var x = "</div>";</script></head>
            <body><article><time datetime="2024-05-14">14. Mai</time><p class="Lead x" id=K>t</p></article>
            <div hidden>h</div><div style="display: none">h</div></body></html>"#,
        );
        assert_eq!(page.title.as_deref(), Some("T & U"));
        assert_eq!(page.lang.as_deref(), Some("de-DE"));
        assert_eq!(page.canonical.as_deref(), Some("https://e.com/a"));
        assert_eq!(
            page.meta,
            vec![
                ("og:title".to_string(), "OG \"x\"".to_string()),
                ("author".to_string(), "A B".to_string())
            ]
        );
        assert_eq!(page.json_ld, vec![r#"{"@type":"NewsArticle"}"#.to_string()]);
        assert_eq!(page.times.len(), 1);
        assert!(page.times[0].in_article);
        assert_eq!(page.text_under(page.times[0].node), "14. Mai");
        let p = page.first(Tag::P).unwrap();
        assert_eq!(page.marks_of(p), "lead x k");
        let hidden = page.nodes.iter().filter(|n| n.flags & HIDDEN != 0).count();
        assert_eq!(hidden, 2);
        // The script's text is not body text.
        let body = page.body.unwrap();
        assert!(!page.text_under(body).contains("var x"));
    }

    #[test]
    fn hostile_markup_neither_panics_nor_recurses() {
        let deep = "<div>".repeat(100_000) + "x";
        let page = Page::parse(&deep);
        assert!(page.nodes.len() > 100_000);
        // Variants fit the per-tag counters.
        assert!((Tag::Xmp as usize) < TAG_SLOTS);
        for s in [
            "<",
            "</",
            "<a",
            "<a b='",
            "<!--",
            "<script>",
            "<title>x",
            "&#xFFFFFF;",
            "<p \0>",
        ] {
            let _ = Page::parse(s);
        }
    }
}
