//! RSS, Atom and JSON Feed: one document per item, the item's full content when the feed
//! carries it, else its summary.

use armsgraph_model::{FailedInput, RawDocument, SourceKind};

/// Every item of a feed; an unparsable or empty feed is one failure.
pub(crate) fn read_feed(origin: &str, bytes: &[u8]) -> Vec<Result<RawDocument, FailedInput>> {
    match feed_items(origin, bytes) {
        Ok(items) => items.into_iter().map(|item| item.document).collect(),
        Err(failure) => vec![Err(failure)],
    }
}

/// One item of a feed with what a poller needs besides the document: a stable key, the
/// linked page, and whether the feed carried only a summary of it.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The item's identity across polls: its `guid`/`id`, else its link (feed-rs derives an
    /// id from the content when the feed gives none).
    pub key: String,
    /// The article page the item links to, when it has one.
    pub link: Option<String>,
    /// `true` when the feed carries a summary but no full content: the linked page holds
    /// the article.
    pub summary_only: bool,
    /// The item as a document (its content, else its summary).
    pub document: Result<RawDocument, FailedInput>,
}

/// The items of a feed; an unparsable or empty feed is one failure.
pub(crate) fn feed_items(origin: &str, bytes: &[u8]) -> Result<Vec<FeedItem>, FailedInput> {
    let fail = |reason: String| FailedInput {
        origin: origin.to_string(),
        reason,
    };
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return Err(fail(format!("not a readable RSS/Atom/JSON feed: {e}"))),
    };
    if feed.entries.is_empty() {
        return Err(fail("feed has no items".to_string()));
    }
    let feed_language = feed.language.clone();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let item_origin = format!("{origin}#item-{}", i + 1);
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(entry.links.first())
                .map(|l| l.href.clone());
            let key = if entry.id.trim().is_empty() {
                url.clone().unwrap_or_else(|| item_origin.clone())
            } else {
                entry.id.clone()
            };
            // Full content first: many feeds put only a teaser in the summary.
            let content = entry.content.as_ref().and_then(|c| {
                let body = c.body.clone().filter(|b| !b.trim().is_empty())?;
                Some((body, c.content_type.to_string()))
            });
            let summary_only = content.is_none();
            let summary = entry
                .summary
                .as_ref()
                .filter(|s| !s.content.trim().is_empty())
                .map(|s| (s.content.clone(), s.content_type.to_string()));
            let document = match content.or(summary) {
                None => Err(FailedInput {
                    origin: item_origin,
                    reason: "feed item has neither content nor summary".to_string(),
                }),
                Some((body, media_type)) => {
                    let is_html = media_type.contains("html") || looks_like_markup(&body);
                    Ok(RawDocument {
                        origin: item_origin,
                        kind: SourceKind::Feed,
                        url: url.clone(),
                        is_html,
                        body,
                        charset: None,
                        title_hint: entry.title.as_ref().map(|t| t.content.trim().to_string()),
                        published_hint: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
                        language_hint: entry.language.clone().or_else(|| feed_language.clone()),
                        author_hint: entry.authors.first().and_then(|a| a.name.clone()),
                        source: None,
                    })
                }
            };
            FeedItem {
                key,
                link: url,
                summary_only,
                document,
            }
        })
        .collect())
}

/// RSS often declares text but carries escaped HTML paragraphs.
fn looks_like_markup(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    ["<p>", "<p ", "<br", "<div", "</a>", "<img"]
        .iter()
        .any(|t| lower.contains(t))
}

/// Whether the first bytes look like a feed (RSS, Atom, RDF or JSON Feed).
pub(crate) fn sniff_feed(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
    head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || (head.trim_start().starts_with('{') && head.contains("jsonfeed.org"))
}
