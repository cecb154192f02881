//! Text blocks (paragraphs with a kind) from an HTML fragment: the shape every main-text
//! engine's output is brought into before post-processing.

use dom_query::{Document, NodeRef};

use armsgraph_model::ParagraphKind;

/// One paragraph of text before it is placed into the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: ParagraphKind,
    /// Whitespace-collapsed, trimmed, never empty.
    pub text: String,
}

/// Elements that end the current paragraph and start a new one.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "hr",
    "br",
    "form",
    "address",
    "details",
    "summary",
    "center",
    "fieldset",
];

/// Elements whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "select", "option", "button", "input", "textarea", "head", "title", "meta", "link", "canvas",
    "video", "audio", "map",
];

/// Table cells stay on one line, separated by a space.
const CELL_TAGS: &[&str] = &["td", "th"];

enum Step<'a> {
    Enter(NodeRef<'a>),
    Exit {
        block: bool,
        kind: Option<ParagraphKind>,
    },
}

fn kind_of(tag: &str) -> Option<ParagraphKind> {
    match tag {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Heading),
        "li" | "dt" | "dd" => Some(ParagraphKind::ListItem),
        "blockquote" => Some(ParagraphKind::BlockQuote),
        _ => None,
    }
}

struct Builder {
    blocks: Vec<Block>,
    current: String,
    /// Innermost special container (heading, list item, quote); `Body` when none.
    kinds: Vec<ParagraphKind>,
}

impl Builder {
    /// Append inline text, keeping the source's word boundaries: `a<b>b</b>` stays `ab`,
    /// `a <b>b</b>` becomes `a b`.
    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split_whitespace().enumerate() {
            let spaced = i > 0 || text.starts_with(char::is_whitespace);
            if spaced && !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
        if text.ends_with(char::is_whitespace)
            && !self.current.is_empty()
            && !self.current.ends_with(' ')
        {
            self.current.push(' ');
        }
    }

    fn flush(&mut self) {
        let text = self.current.trim();
        if !text.is_empty() {
            let kind = self.kinds.last().copied().unwrap_or_default();
            self.blocks.push(Block {
                kind,
                text: text.to_string(),
            });
        }
        self.current.clear();
    }
}

/// Paragraphs of an HTML fragment (or page), in document order.
pub fn blocks_from_html(html: &str) -> Vec<Block> {
    let doc = Document::from(html);
    blocks_from_node(&doc.root())
}

/// Paragraphs under `root`. Iterative, so deeply nested (or hostile) markup cannot overflow
/// the stack.
pub fn blocks_from_node(root: &NodeRef) -> Vec<Block> {
    let mut b = Builder {
        blocks: Vec::new(),
        current: String::new(),
        kinds: Vec::new(),
    };
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit { block, kind } => {
                if block {
                    b.flush();
                }
                if kind.is_some() {
                    b.kinds.pop();
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    let text = node.text();
                    b.push_text(&text);
                    continue;
                }
                if !node.is_element() {
                    continue;
                }
                let tag = node
                    .node_name()
                    .map(|t| t.to_ascii_lowercase())
                    .unwrap_or_default();
                if SKIP_TAGS.contains(&tag.as_str()) || is_hidden(&node) {
                    continue;
                }
                if tag == "br" || tag == "hr" {
                    b.flush();
                    continue;
                }
                if CELL_TAGS.contains(&tag.as_str()) {
                    b.push_text(" ");
                }
                let block = BLOCK_TAGS.contains(&tag.as_str());
                if block {
                    b.flush();
                }
                let kind = kind_of(&tag);
                if let Some(k) = kind {
                    b.kinds.push(k);
                }
                stack.push(Step::Exit { block, kind });
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    b.flush();
    b.blocks
}

fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
    {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(ParagraphKind, String)> {
        blocks_from_html(html)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn paragraphs_headings_lists_and_quotes_keep_their_kind() {
        let got = texts(
            "<div><h2>Mit  Freunden</h2><p>Erster <b>Satz</b>.<br>Zweiter</p>\
             <ul><li>eins</li><li>zwei</li></ul><blockquote><p>Zitat</p></blockquote>\
             <script>var x = 1;</script><p style='display: none'>hidden</p></div>",
        );
        use ParagraphKind::*;
        assert_eq!(
            got,
            vec![
                (Heading, "Mit Freunden".to_string()),
                (Body, "Erster Satz.".to_string()),
                (Body, "Zweiter".to_string()),
                (ListItem, "eins".to_string()),
                (ListItem, "zwei".to_string()),
                (BlockQuote, "Zitat".to_string()),
            ]
        );
    }

    #[test]
    fn inline_markup_does_not_split_or_join_words() {
        assert_eq!(
            texts("<p>Waffen<i>deal</i> und <a href='#'>Putin</a>s Verbündeter</p>"),
            vec![(
                ParagraphKind::Body,
                "Waffendeal und Putins Verbündeter".to_string()
            )]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(10_000) + "tief" + &"</div>".repeat(10_000);
        let got = texts(&html);
        assert_eq!(got.len(), 1);
    }
}
