//! A byte-level pass that drops the parts of a page that are never article text or metadata
//! before any HTML parser sees it: `<script>` (except JSON-LD), `<style>`, `<svg>`,
//! `<noscript>`, `<template>` elements and comments. On the article-extraction-benchmark
//! they are 60 % of the bytes; every parse after this pass (ours and each engine's) gets
//! cheaper by that much. Measured in docs/notes/ingest-extract.md.
//!
//! This is a scanner, not a parser: it looks for `<` followed by one of these names and skips
//! to the matching close tag, as the HTML tokenizer does for raw-text elements. When a close
//! tag is missing the rest of the page is kept untouched, so a malformed page loses nothing
//! the parser would have shown.

/// Elements dropped with their content. `script` and `style` are raw text for the HTML
/// tokenizer, so their first close tag ends them; `svg`, `noscript` and `template` are
/// dropped up to their first close tag too (nested ones are rare and only cost a little
/// leftover markup, never article text).
const DROPPED: &[&[u8]] = &[b"script", b"style", b"svg", b"noscript", b"template"];

/// The page without comments and without the elements in [`DROPPED`] (JSON-LD scripts are
/// kept: metadata reads them). Returns the input unchanged (borrowed) when nothing is dropped.
pub fn clean(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // `kept` is the start of the input not yet copied to `out`.
    let mut kept = 0usize;
    let mut at = 0usize;
    while let Some(rel) = memchr(b'<', &bytes[at..]) {
        let lt = at + rel;
        let Some(end) = droppable_end(bytes, lt) else {
            at = lt + 1;
            continue;
        };
        let buf = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        // Both bounds sit on ASCII bytes (`<` and just after `>`), so they are char
        // boundaries.
        buf.push_str(html.get(kept..lt).unwrap_or(""));
        // A dropped element between two words must not glue them together.
        buf.push(' ');
        kept = end;
        at = end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(html.get(kept..).unwrap_or(""));
            std::borrow::Cow::Owned(buf)
        }
    }
}

/// If a droppable construct starts at `lt` (a `<`), the index just after its end.
fn droppable_end(bytes: &[u8], lt: usize) -> Option<usize> {
    let rest = bytes.get(lt + 1..)?;
    if rest.starts_with(b"!--") {
        return find(bytes, lt + 4, b"-->").map(|i| i + 3);
    }
    let name = DROPPED.iter().find(|name| {
        rest.len() > name.len()
            && rest[..name.len()].eq_ignore_ascii_case(name)
            && matches!(
                rest[name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
    })?;
    let open_end = lt + 1 + memchr(b'>', rest)?;
    if name == b"script" && is_json_ld(&bytes[lt..open_end]) {
        return None;
    }
    if bytes.get(open_end.wrapping_sub(1)) == Some(&b'/') && *name != b"script" {
        // `<svg … />`: self-closing in foreign content, nothing more to skip.
        return Some(open_end + 1);
    }
    let close = find_close(bytes, open_end + 1, name)?;
    let close_end = close + memchr(b'>', &bytes[close..])?;
    Some(close_end + 1)
}

fn is_json_ld(open_tag: &[u8]) -> bool {
    find_ci(open_tag, 0, b"ld+json").is_some()
}

/// Start of the first `</name` (any case) at or after `from`.
fn find_close(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let i = find(bytes, at, b"</")?;
        let tail = bytes.get(i + 2..)?;
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name) {
            return Some(i);
        }
        at = i + 2;
    }
}

use memchr::memchr;

/// Index of the first `needle` in `bytes[from..]`, as an index into `bytes`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn scripts_styles_and_comments_go_json_ld_stays() {
        let page = "<html><head><style>p{color:red}</style>\
            <script type=\"application/ld+json\">{\"headline\":\"Der Deal\"}</script>\
            <SCRIPT src=x.js></SCRIPT><script>if (a < b) { x = \"</p>\"; }</script></head>\
            <body><!-- <p>old</p> --><p>Belarus<svg viewBox='0 0 1 1'><path d='M0'/></svg>\
            lieferte</p><noscript><img src=a></noscript><template><p>t</p></template>\
            <scripts>kept</scripts></body></html>";
        assert_eq!(
            clean(page),
            "<html><head> <script type=\"application/ld+json\">{\"headline\":\"Der Deal\"}\
             </script>  </head><body> <p>Belarus lieferte</p>  <scripts>kept</scripts>\
             </body></html>"
        );
    }

    #[test]
    fn unclosed_constructs_keep_the_rest_of_the_page() {
        assert_eq!(clean("<p>a</p><!-- b <p>c</p>"), "<p>a</p><!-- b <p>c</p>");
        assert_eq!(clean("<p>a</p><script>x"), "<p>a</p><script>x");
        assert_eq!(clean("<p>a</p><style"), "<p>a</p><style");
        assert_eq!(clean("héllo <b>wörld</b> <"), "héllo <b>wörld</b> <");
    }

    #[test]
    fn a_page_without_droppable_parts_is_borrowed() {
        assert!(matches!(
            clean("<p>Ein Absatz</p>"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
