//! Plain-text documents (`.txt`, `.md`, pasted text): paragraphs, a title line and
//! heading-like lines.

use armsgraph_model::ParagraphKind;

use crate::blocks::Block;

/// A title line is at most this long.
const MAX_TITLE_CHARS: usize = 200;
const MAX_TITLE_WORDS: usize = 30;
/// A heading line between paragraphs is at most this long.
const MAX_HEADING_CHARS: usize = 100;
const MAX_HEADING_WORDS: usize = 12;

/// Chars that close a sentence; a line ending in one of them (before closing quotes) is prose.
const SENTENCE_END: &[char] = &['.', '!', '?', ':', ';', ',', '…'];
const CLOSING_QUOTES: &[char] = &['"', '\'', '“', '”', '’', '»', '«', '‘', ')', ']'];

/// Split plain text into blocks: blank lines separate paragraphs; bullet lines are list
/// items; Markdown `#` headings and `>` quotes keep their kind (markers dropped).
pub fn blocks_from_text(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if current.is_empty() {
            return;
        }
        let joined = current.join(" ");
        current.clear();
        let collapsed = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return;
        }
        let (kind, body) = markdown_kind(&collapsed);
        if !body.is_empty() {
            blocks.push(Block {
                kind,
                text: body.to_string(),
            });
        }
    };
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            flush(&mut current, &mut blocks);
        } else if is_bullet(t) || t.starts_with('#') {
            // A bullet or heading line stands alone even without blank lines around it.
            flush(&mut current, &mut blocks);
            current.push(t);
            flush(&mut current, &mut blocks);
        } else {
            current.push(t);
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn is_bullet(line: &str) -> bool {
    ["- ", "* ", "• ", "– "].iter().any(|b| line.starts_with(b))
}

fn markdown_kind(p: &str) -> (ParagraphKind, &str) {
    if let Some(rest) = p.strip_prefix('#') {
        let rest = rest.trim_start_matches('#');
        if rest.starts_with(' ') {
            return (ParagraphKind::Heading, rest.trim());
        }
    }
    if let Some(rest) = p.strip_prefix("> ") {
        return (ParagraphKind::BlockQuote, rest.trim());
    }
    for b in ["- ", "* ", "• ", "– "] {
        if let Some(rest) = p.strip_prefix(b) {
            return (ParagraphKind::ListItem, rest.trim());
        }
    }
    (ParagraphKind::Body, p)
}

fn ends_like_prose(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(CLOSING_QUOTES)
        .ends_with(SENTENCE_END)
}

/// Whether the first line of a plain text is its title: short, one line, followed by a blank
/// line and more text. Returns the title line.
pub fn title_line(text: &str) -> Option<&str> {
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n')?;
    let first = first.trim();
    let blank_follows = rest.lines().next().is_some_and(|l| l.trim().is_empty());
    let more_text = !rest.trim().is_empty();
    let words = first.split_whitespace().count();
    let short = first.chars().count() <= MAX_TITLE_CHARS && (1..=MAX_TITLE_WORDS).contains(&words);
    // A question can be a headline; a full stop or colon ends a sentence or a lead-in.
    let prose = first
        .trim_end_matches(CLOSING_QUOTES)
        .ends_with(['.', ':', ';', ',', '…']);
    (blank_follows && more_text && short && !prose && !first.starts_with('#')).then_some(first)
}

/// Mark short heading-like body paragraphs between other paragraphs as headings: one
/// line, few words, no sentence-final punctuation (`„Mit Freunden wie diesen`).
pub fn mark_headings(blocks: &mut [Block]) {
    let n = blocks.len();
    for i in 0..n {
        if i + 1 >= n || blocks[i].kind != ParagraphKind::Body {
            continue;
        }
        let t = &blocks[i].text;
        let words = t.split_whitespace().count();
        let next_is_prose = blocks[i + 1].text.split_whitespace().count() > words;
        if words <= MAX_HEADING_WORDS
            && t.chars().count() <= MAX_HEADING_CHARS
            && !ends_like_prose(t)
            && next_is_prose
            && t.chars().any(char::is_alphabetic)
        {
            blocks[i].kind = ParagraphKind::Heading;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_markdown() {
        let got = blocks_from_text(
            "# Titel\n\nErster Absatz\nzweite Zeile.\n\n- eins\n- zwei\n\n> Zitat hier\n",
        );
        let kinds: Vec<(ParagraphKind, &str)> =
            got.iter().map(|b| (b.kind, b.text.as_str())).collect();
        use ParagraphKind::*;
        assert_eq!(
            kinds,
            vec![
                (Heading, "Titel"),
                (Body, "Erster Absatz zweite Zeile."),
                (ListItem, "eins"),
                (ListItem, "zwei"),
                (BlockQuote, "Zitat hier"),
            ]
        );
    }

    #[test]
    fn title_line_needs_a_short_first_line_and_a_blank_line() {
        assert_eq!(
            title_line("Der Deal – POLITICO\n\nText."),
            Some("Der Deal – POLITICO")
        );
        assert_eq!(title_line("Ein Satz.\n\nText."), None);
        assert_eq!(title_line("Zeile eins\nZeile zwei\n\nText."), None);
        assert_eq!(title_line("Nur ein Titel\n\n"), None);
    }

    #[test]
    fn short_unpunctuated_lines_between_paragraphs_are_headings() {
        let mut blocks = blocks_from_text(
            "Weder A noch B reagierten.\n\n„Mit Freunden wie diesen\n\nIn den letzten Jahren wurden Drohnen eingesetzt.\n\nEnde",
        );
        mark_headings(&mut blocks);
        let kinds: Vec<ParagraphKind> = blocks.iter().map(|b| b.kind).collect();
        use ParagraphKind::*;
        assert_eq!(kinds, vec![Body, Heading, Body, Body]);
    }
}
