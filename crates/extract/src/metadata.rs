//! Page metadata: title (and the publisher in its suffix), site name, authors, dates,
//! canonical URL and language, from meta tags, JSON-LD, `<time>` and the URL.

use crate::dates::{find_date, MonthNames};
use crate::html::{Page, Tag, NONE};
use serde_json::Value;

use armsgraph_model::DatedValue;

/// What the page says about itself. Every field is optional: pages say little.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The title without a publisher suffix.
    pub title: Option<String>,
    /// Publisher named in the title suffix (` – POLITICO`).
    pub title_publisher: Option<String>,
    pub site_name: Option<String>,
    /// JSON-LD `publisher.name`.
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<DatedValue>,
    pub modified: Option<DatedValue>,
    pub canonical_url: Option<String>,
    /// ISO 639-1, lower case.
    pub language: Option<String>,
    pub language_source: Option<String>,
}

/// Title separators before a publisher name, tried from the end of the title.
const TITLE_SEPARATORS: &[&str] = &[" – ", " — ", " | ", " - ", " :: ", " · ", " •"];
/// A suffix longer than this is part of the headline, not a publisher name.
const MAX_PUBLISHER_WORDS: usize = 5;
const MAX_PUBLISHER_CHARS: usize = 40;

/// Split a trailing ` – Publisher` (or `|`, `-`, …) off a title when the suffix is a short
/// name. Returns the title and the publisher.
pub fn split_title_publisher(raw: &str) -> (String, Option<String>) {
    let title = collapse(raw);
    for sep in TITLE_SEPARATORS {
        let Some(pos) = title.rfind(sep) else {
            continue;
        };
        let (head, tail) = (title[..pos].trim(), title[pos + sep.len()..].trim());
        let words = tail.split_whitespace().count();
        let head_words = head.split_whitespace().count();
        let looks_like_name = !tail.is_empty()
            && words <= MAX_PUBLISHER_WORDS
            && tail.chars().count() <= MAX_PUBLISHER_CHARS
            && !tail.ends_with(['.', '!', '?', ':', ',', ';'])
            && tail.chars().next().is_some_and(|c| !c.is_lowercase());
        if looks_like_name && head_words >= 2 {
            return (head.to_string(), Some(tail.to_string()));
        }
    }
    (title, None)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonempty(s: impl AsRef<str>) -> Option<String> {
    let s = collapse(s.as_ref());
    (!s.is_empty()).then_some(s)
}

/// Every `<meta>` of the page as (lower-case key, content), collected by the reader in its
/// one pass: looking keys up in the tree would walk it dozens of times per page.
struct MetaTags<'a>(&'a [(String, String)]);

impl MetaTags<'_> {
    /// The first tag among `keys` (in the order given) that the page has.
    fn get(&self, keys: &[&str]) -> Option<(String, String)> {
        keys.iter().find_map(|key| {
            let lower = key.to_ascii_lowercase();
            self.0
                .iter()
                .find(|(k, _)| *k == lower)
                .map(|(_, v)| (v.clone(), format!("meta {key}")))
        })
    }
}

/// Read everything the page says about itself.
pub fn read(page: &Page, url: Option<&str>, months: &MonthNames) -> PageMeta {
    let ld = json_ld_articles(page);
    let tags = MetaTags(&page.meta);
    let meta = |keys: &[&str]| tags.get(keys);
    let mut m = PageMeta::default();

    // Title: the document title carries the publisher suffix; og:title and JSON-LD
    // headline are usually clean. Prefer the clean headline, keep the suffix's publisher.
    let doc_title = page.title.as_deref().and_then(nonempty);
    let og_title = meta(&["og:title", "twitter:title"]).map(|(v, _)| v);
    let headline = ld.iter().find_map(|a| str_field(a, "headline"));
    if let Some(raw) = doc_title.as_deref().or(og_title.as_deref()) {
        let (t, p) = split_title_publisher(raw);
        m.title = Some(t);
        m.title_publisher = p;
    }
    if let Some(clean) = headline.or(og_title) {
        let (t, p) = split_title_publisher(&clean);
        m.title = Some(t);
        if m.title_publisher.is_none() {
            m.title_publisher = p;
        }
    }
    if m.title.is_none() {
        m.title = page
            .first(Tag::H1)
            .and_then(|h| nonempty(page.text_under(h)));
    }

    m.site_name = meta(&["og:site_name", "application-name"]).map(|(v, _)| v);
    m.publisher = ld.iter().find_map(|a| {
        a.get("publisher").and_then(|p| match p {
            Value::Object(_) => str_field(p, "name"),
            Value::String(s) => nonempty(s),
            _ => None,
        })
    });

    // Authors: JSON-LD names first (structured), then meta author.
    for a in &ld {
        if let Some(author) = a.get("author") {
            collect_names(author, &mut m.authors);
        }
    }
    if m.authors.is_empty() {
        if let Some((v, _)) = meta(&["author", "article:author", "parsely-author"]) {
            if !v.starts_with("http") {
                m.authors.push(v);
            }
        }
    }
    m.authors.dedup();

    m.published = ld
        .iter()
        .find_map(|a| str_field(a, "datePublished"))
        .and_then(|v| dated(&v, "json-ld datePublished"))
        .or_else(|| {
            meta(&[
                "article:published_time",
                "datePublished",
                "og:published_time",
                "pubdate",
                "publishdate",
                "publish-date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dcterms.created",
                "date",
            ])
            .and_then(|(v, src)| dated(&v, &src))
        })
        .or_else(|| time_element(page))
        .or_else(|| url.and_then(date_from_url));
    m.modified = ld
        .iter()
        .find_map(|a| str_field(a, "dateModified"))
        .and_then(|v| dated(&v, "json-ld dateModified"))
        .or_else(|| {
            meta(&[
                "article:modified_time",
                "og:updated_time",
                "dateModified",
                "last-modified",
            ])
            .and_then(|(v, src)| dated(&v, &src))
        });

    m.canonical_url = page
        .canonical
        .as_deref()
        .and_then(nonempty)
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta(&["og:url"]).map(|(v, _)| v))
        .filter(|u| u.starts_with("http"));

    let lang = page
        .lang
        .as_deref()
        .and_then(|v| language_code(v).map(|c| (c, "html lang".to_string())))
        .or_else(|| {
            meta(&["content-language", "language", "dc.language"])
                .and_then(|(v, src)| language_code(&v).map(|c| (c, src)))
        })
        .or_else(|| {
            ld.iter()
                .find_map(|a| str_field(a, "inLanguage"))
                .and_then(|v| language_code(&v).map(|c| (c, "json-ld inLanguage".to_string())))
        })
        .or_else(|| meta(&["og:locale"]).and_then(|(v, src)| language_code(&v).map(|c| (c, src))));
    if let Some((code, src)) = lang {
        m.language = Some(code);
        m.language_source = Some(src);
    }
    if m.published.is_none() {
        // US pages write 11/09/2019 for November 9.
        let month_first = m.language.as_deref() == Some("en");
        m.published = visible_date(page, months, month_first);
    }
    m
}

/// Class/id fragments of the elements that hold a page's dateline or byline.
const DATE_MARKS: &[&str] = &[
    "date", "time", "publish", "posted", "byline", "dateline", "datum", "fecha", "meta",
];
/// Text nodes after the first `<h1>` searched for a written date when no element is marked
/// as a dateline.
const AFTER_TITLE_NODES: usize = 40;

/// A publication date written on the page: in an element named like a dateline (or a
/// `<time>` without `datetime`), else just after the headline.
fn visible_date(page: &Page, months: &MonthNames, month_first: bool) -> Option<DatedValue> {
    if months.is_empty() {
        return None;
    }
    let dated = |text: &str| {
        find_date(text, months, month_first).map(|value| DatedValue {
            value,
            source: "page text".to_string(),
        })
    };
    let marked = |i: u32| {
        let mut a = i;
        for _ in 0..3 {
            a = page.node(a).parent;
            if a == NONE || a == 0 {
                return false;
            }
            let n = page.node(a);
            if n.tag == Tag::Time {
                return true;
            }
            let marks = page.marks_of(a);
            if DATE_MARKS.iter().any(|d| marks.contains(d)) {
                return true;
            }
        }
        false
    };
    let texts = (0..page.nodes.len() as u32).filter(|&i| page.node(i).tag == Tag::Text);
    for i in texts {
        let text = page.text_of(i);
        if text.len() > 3 && text.bytes().any(|b| b.is_ascii_digit()) && marked(i) {
            let parent = page.node(i).parent;
            let whole = page.text_under(parent);
            let candidate = if whole.len() <= 200 {
                whole.as_str()
            } else {
                text
            };
            if let Some(d) = dated(candidate) {
                return Some(d);
            }
        }
    }
    let h1 = page.first(Tag::H1)?;
    let after: Vec<&str> = (page.subtree_end(h1)..page.nodes.len() as u32)
        .filter(|&i| page.node(i).tag == Tag::Text)
        .take(AFTER_TITLE_NODES)
        .map(|i| page.text_of(i))
        .collect();
    dated(&after.join(" "))
}

/// `de-DE`, `de_DE`, `DE` → `de`; anything not starting with two ASCII letters → `None`.
pub fn language_code(raw: &str) -> Option<String> {
    let first = raw.trim().split([',', ';']).next()?.trim();
    let code: String = first
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    (code.len() == 2 || code.len() == 3).then(|| code.to_ascii_lowercase())
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => nonempty(s),
        Value::Array(items) => items.iter().find_map(|i| i.as_str().and_then(nonempty)),
        _ => None,
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if let Some(s) = nonempty(s).filter(|s| !s.starts_with("http")) {
                out.push(s);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_names(i, out)),
        Value::Object(_) => {
            if let Some(name) = str_field(v, "name") {
                out.push(name);
            }
        }
        _ => {}
    }
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "WebPage",
    "Report",
];

/// JSON-LD objects that describe the article (also inside `@graph` and arrays), articles
/// before generic web pages.
fn json_ld_articles(page: &Page) -> Vec<Value> {
    let mut found = Vec::new();
    for text in &page.json_ld {
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![v];
        // Bounded walk: hostile pages can nest JSON deeply.
        let mut budget = 1000;
        while let Some(v) = stack.pop() {
            budget -= 1;
            if budget == 0 {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(ref map) => {
                    if let Some(Value::Array(graph)) = map.get("@graph") {
                        stack.extend(graph.iter().cloned());
                    }
                    let is_article = match map.get("@type") {
                        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                        Some(Value::Array(ts)) => ts
                            .iter()
                            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                        _ => false,
                    };
                    if is_article {
                        found.push(v);
                    }
                }
                _ => {}
            }
        }
    }
    // Articles first, the generic WebPage last.
    found.sort_by_key(|v| v.get("@type").and_then(Value::as_str) == Some("WebPage"));
    found
}

/// `<time pubdate>` first, then a `<time datetime>` inside the article, then any.
fn time_element(page: &Page) -> Option<DatedValue> {
    let value = |t: &crate::html::TimeElement| {
        t.datetime.clone().or_else(|| {
            let text = page.text_under(t.node);
            (!text.is_empty()).then_some(text)
        })
    };
    let tiers: [&dyn Fn(&crate::html::TimeElement) -> bool; 3] = [
        &|t| t.pubdate,
        &|t| t.in_article && t.datetime.is_some(),
        &|t| t.datetime.is_some(),
    ];
    for tier in tiers {
        for t in page.times.iter().filter(|t| tier(t)) {
            if let Some(d) = value(t).and_then(|v| dated(&v, "time element")) {
                return Some(d);
            }
        }
    }
    None
}

/// A date in the URL path: `/2024/05/14/`, `/2024-05-14/`, `/20240514/` (day precision) or
/// `/2024/05/` (month, reported as the 1st is wrong, so only full dates count).
pub fn date_from_url(url: &str) -> Option<DatedValue> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let parts: Vec<&str> = path.split('/').collect();
    for w in parts.windows(3) {
        if let (Some(y), Some(mo), Some(d)) = (num(w[0], 4), num(w[1], 2), num(w[2], 2)) {
            if let Some(v) = ymd(y, mo, d) {
                return Some(DatedValue {
                    value: v,
                    source: "url".to_string(),
                });
            }
        }
    }
    for p in &parts {
        let digits: String = p.chars().filter(|c| *c != '-' && *c != '_').collect();
        let compact = p.len() == 8 || (p.len() == 10 && p.matches('-').count() == 2);
        if compact && digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
            let (y, mo, d) = (
                digits[..4].parse().ok()?,
                digits[4..6].parse().ok()?,
                digits[6..].parse().ok()?,
            );
            if let Some(v) = ymd(y, mo, d) {
                return Some(DatedValue {
                    value: v,
                    source: "url".to_string(),
                });
            }
        }
    }
    None
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Normalise a machine date to ISO 8601 (`2024-05-14` or `2024-05-14T09:30:00+02:00`).
/// Accepts ISO forms (`T` or space, optional seconds/fraction/zone) and RFC 2822
/// (`Tue, 14 May 2024 09:30:00 +0200`). Anything else is not a date we trust.
pub fn normalise_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    iso_date(s).or_else(|| rfc2822_date(s))
}

fn dated(raw: &str, source: &str) -> Option<DatedValue> {
    normalise_date(raw).map(|value| DatedValue {
        value,
        source: source.to_string(),
    })
}

fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let date = ymd(
        s.get(..4)?.parse().ok()?,
        s.get(5..7)?.parse().ok()?,
        s.get(8..10)?.parse().ok()?,
    )?;
    let rest = &s[10..];
    let Some(time) = rest.strip_prefix(['T', ' ']) else {
        return Some(date);
    };
    let hh: u32 = time.get(..2)?.parse().ok()?;
    let mm: u32 = time.get(3..5)?.parse().ok()?;
    if time.as_bytes().get(2) != Some(&b':') || hh > 23 || mm > 59 {
        return Some(date);
    }
    let mut ss = 0;
    let mut tail = &time[5..];
    if let Some(t) = tail.strip_prefix(':') {
        ss = t.get(..2).and_then(|x| x.parse().ok()).unwrap_or(0);
        tail = t.get(2..).unwrap_or("");
    }
    // Skip fractional seconds.
    if let Some(t) = tail.strip_prefix('.') {
        tail = t.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let zone = zone_suffix(tail.trim());
    Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{zone}"))
}

fn zone_suffix(z: &str) -> String {
    if z.eq_ignore_ascii_case("z") || z.eq_ignore_ascii_case("utc") || z == "GMT" {
        return "Z".to_string();
    }
    let digits: String = z.chars().filter(|c| c.is_ascii_digit()).collect();
    match z.chars().next() {
        Some(sign @ ('+' | '-')) if digits.len() == 4 => {
            format!("{sign}{}:{}", &digits[..2], &digits[2..])
        }
        _ => String::new(),
    }
}

/// RFC 2822 month abbreviations: a machine format, not language knowledge.
const RFC_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn rfc2822_date(s: &str) -> Option<String> {
    let s = s.split_once(',').map(|(_, r)| r).unwrap_or(s).trim();
    let mut it = s.split_whitespace();
    let d: u32 = it.next()?.parse().ok()?;
    let mon = it.next()?.to_ascii_lowercase();
    let m = RFC_MONTHS.iter().position(|x| mon.starts_with(x))? as u32 + 1;
    let y: u32 = it.next()?.parse().ok()?;
    let date = ymd(y, m, d)?;
    let Some(time) = it.next() else {
        return Some(date);
    };
    let t: Vec<u32> = time.split(':').filter_map(|x| x.parse().ok()).collect();
    match t.as_slice() {
        [hh, mm, rest @ ..] if *hh < 24 && *mm < 60 => {
            let ss = rest.first().copied().unwrap_or(0);
            let zone = zone_suffix(it.next().unwrap_or(""));
            Some(format!("{date}T{hh:02}:{mm:02}:{ss:02}{zone}"))
        }
        _ => Some(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publisher_suffix_is_split_only_when_it_is_a_short_name() {
        assert_eq!(
            split_title_publisher(
                "Der geheime Waffendeal, der Putin einen Verbündeten kostete – POLITICO"
            ),
            (
                "Der geheime Waffendeal, der Putin einen Verbündeten kostete".to_string(),
                Some("POLITICO".to_string())
            )
        );
        assert_eq!(
            split_title_publisher("Ukraine war latest | The Kyiv Independent").1,
            Some("The Kyiv Independent".to_string())
        );
        // A long tail is a sub-headline, not a publisher.
        let long = "Talks fail - the two sides could not agree on a ceasefire in the east";
        assert_eq!(split_title_publisher(long).1, None);
        assert_eq!(split_title_publisher("POLITICO").1, None);
    }

    #[test]
    fn dates_normalise_from_meta_rfc_and_url() {
        assert_eq!(normalise_date("2024-05-14").as_deref(), Some("2024-05-14"));
        assert_eq!(
            normalise_date("2024-05-14T09:30:12.123+0200").as_deref(),
            Some("2024-05-14T09:30:12+02:00")
        );
        assert_eq!(
            normalise_date("2019-11-19 08:38Z").as_deref(),
            Some("2019-11-19T08:38:00Z")
        );
        assert_eq!(
            normalise_date("Tue, 14 May 2024 09:30:00 GMT").as_deref(),
            Some("2024-05-14T09:30:00Z")
        );
        assert_eq!(normalise_date("gestern"), None);
        assert_eq!(normalise_date("2024-13-01"), None);
        let u = date_from_url("https://www.example.com/news/2024/05/14/deal-story/").unwrap();
        assert_eq!((u.value.as_str(), u.source.as_str()), ("2024-05-14", "url"));
        assert_eq!(
            date_from_url("https://x.org/a/20240514/b").map(|d| d.value),
            Some("2024-05-14".to_string())
        );
        assert_eq!(date_from_url("https://x.org/2024/99/14/"), None);
    }

    #[test]
    fn a_date_written_only_on_the_page_is_read_from_the_dateline() {
        let files =
            armsgraph_kb::DataFiles::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
        let months = MonthNames::load(&files).expect("time data");
        let html = r#"<html lang="en"><head><title>Deal</title></head><body>
            <div class="sidebar">Most read: March 3, 2017</div>
            <h1>Belarus armed Azerbaijan</h1>
            <div class="post-meta"><span class="posted-on">Posted on <a>11/09/2019</a></span></div>
            <p>Belarus supplied artillery to Azerbaijan in 2018, documents show.</p>
            </body></html>"#;
        let m = read(&Page::parse(html), None, &months);
        let d = m.published.expect("a date");
        assert_eq!(
            (d.value.as_str(), d.source.as_str()),
            ("2019-11-09", "page text")
        );
        // Without a marked dateline, the text right after the headline.
        let html = r#"<html lang="de"><body><p>Archiv 1. Januar 2001</p><h1>Der Deal</h1>
            <p>Von Anna Muster, 19. November 2019</p><p>Text</p></body></html>"#;
        let m = read(&Page::parse(html), None, &months);
        assert_eq!(m.published.map(|d| d.value).as_deref(), Some("2019-11-19"));
    }

    #[test]
    fn page_metadata_from_meta_tags_and_json_ld() {
        let html = r#"<html lang="de-DE"><head>
            <title>Der geheime Waffendeal – POLITICO</title>
            <meta property="og:site_name" content="Beispiel News">
            <link rel="canonical" href="https://example.com/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"NewsArticle","headline":"Der geheime Waffendeal",
               "datePublished":"2024-05-14T09:30:00Z","dateModified":"2024-05-15",
               "author":[{"@type":"Person","name":"Eva Muster"}],
               "publisher":{"@type":"Organization","name":"Beispiel News"}}]}</script>
            </head><body><h1>x</h1></body></html>"#;
        let m = read(&Page::parse(html), None, &MonthNames::default());
        assert_eq!(m.title.as_deref(), Some("Der geheime Waffendeal"));
        assert_eq!(m.title_publisher.as_deref(), Some("POLITICO"));
        assert_eq!(m.site_name.as_deref(), Some("Beispiel News"));
        assert_eq!(m.publisher.as_deref(), Some("Beispiel News"));
        assert_eq!(m.authors, vec!["Eva Muster".to_string()]);
        assert_eq!(
            m.published.as_ref().map(|d| d.value.as_str()),
            Some("2024-05-14T09:30:00Z")
        );
        assert_eq!(
            m.modified.as_ref().map(|d| d.value.as_str()),
            Some("2024-05-15")
        );
        assert_eq!(m.canonical_url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert_eq!(m.language_source.as_deref(), Some("html lang"));
    }
}
