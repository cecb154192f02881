//! Main-text engines: which library finds the article body in a page, and how their
//! outputs are combined. The choice is measured (`armsgraph eval extraction`), see
//! `docs/notes/ingest-extract.md`.

use crate::blocks::{blocks_from_html, Block};

/// The library (or combination) that finds the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Our own finder over our own one-pass tree (`native.rs`): the default, best measured
    /// F1 at a fifth of the time of `Combined`.
    #[default]
    Native,
    /// dom_smoothie (a readability.js port).
    Readability,
    /// rs-trafilatura (a trafilatura port).
    Trafilatura,
    /// Both libraries, merged block by block (a second opinion: what both find is the
    /// article). rs-trafilatura reads only the part of the page around readability's
    /// article, which makes it ~3× cheaper.
    Combined,
}

impl Engine {
    pub const ALL: [Engine; 4] = [
        Engine::Native,
        Engine::Readability,
        Engine::Trafilatura,
        Engine::Combined,
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Engine::Native => "native",
            Engine::Readability => "readability",
            Engine::Trafilatura => "trafilatura",
            Engine::Combined => "combined",
        }
    }

    pub fn from_name(name: &str) -> Option<Engine> {
        Engine::ALL
            .iter()
            .copied()
            .find(|e| e.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// What an engine found: body blocks plus the readability metadata it read on the way.
#[derive(Debug, Default)]
pub(crate) struct EngineOutput {
    pub blocks: Vec<Block>,
    /// Set when an engine failed and the other (or nothing) had to stand in.
    pub note: Option<String>,
}

fn readability_blocks(
    html: &str,
    dom: Option<dom_query::Document>,
    url: Option<&str>,
) -> Result<Vec<Block>, String> {
    // dom_smoothie rejects relative URLs; an unusable URL must not cost the text.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = || dom_smoothie::Config {
        max_elements_to_parse: 0,
        // Our metadata reader parses JSON-LD already.
        disable_json_ld: true,
        ..Default::default()
    };
    // Reuse the caller's parse of the page when it has one (one full parse less per page).
    let first = match dom {
        Some(dom) => dom_smoothie::Readability::with_document(dom, url, Some(cfg())),
        None => dom_smoothie::Readability::new(html, url, Some(cfg())),
    };
    let mut reader = first
        .or_else(|_| dom_smoothie::Readability::new(html, None, Some(cfg())))
        .map_err(|e| format!("readability: {e}"))?;
    let article = reader.parse().map_err(|e| format!("readability: {e}"))?;
    Ok(blocks_from_html(&article.content))
}

fn trafilatura_blocks(html: &str, url: Option<&str>) -> Result<Vec<Block>, String> {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        // armsgraph reads news: skip the page-type classifier (a fifth of rs-trafilatura's
        // time) and use its article profile.
        page_type: Some(rs_trafilatura::page_type::PageType::Article),
        ..Default::default()
    };
    let result = rs_trafilatura::extract_with_options(html, &options)
        .map_err(|e| format!("trafilatura: {e}"))?;
    match result.content_html {
        Some(content) => Ok(blocks_from_html(&content)),
        None => Ok(result
            .content_text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .map(|text| Block {
                kind: Default::default(),
                text,
            })
            .collect()),
    }
}

/// Run `engine` over a page (`dom`: the page already parsed, if the caller has it; it is
/// consumed); `keep` drops boilerplate blocks before the engines are merged
/// (merging compares what is left).
pub(crate) fn run(
    engine: Engine,
    html: &str,
    dom: Option<dom_query::Document>,
    url: Option<&str>,
    keep: &dyn Fn(&Block) -> bool,
) -> EngineOutput {
    let clean = |r: Result<Vec<Block>, String>| {
        r.map(|blocks| blocks.into_iter().filter(|b| keep(b)).collect::<Vec<_>>())
    };
    match engine {
        // The extractor runs the native finder on its own tree; never reached.
        Engine::Native => single(Ok(Vec::new())),
        Engine::Readability => single(clean(readability_blocks(html, dom, url))),
        Engine::Trafilatura => single(clean(trafilatura_blocks(html, url))),
        Engine::Combined => {
            // Readability changes the tree it reads; keep a copy to find its article in.
            let page = match &dom {
                Some(d) => d.clone(),
                None => dom_query::Document::from(html),
            };
            let rea = readability_blocks(html, dom, url);
            // rs-trafilatura costs ~5× dom_smoothie per page; give it only the part of the
            // page that holds readability's article (and a level of context), not the whole
            // page. When readability found nothing it reads the page.
            let region = rea
                .as_ref()
                .ok()
                .and_then(|blocks| article_region(&page, blocks, html.len()));
            let rea = clean(rea);
            let mut tra = clean(trafilatura_blocks(region.as_deref().unwrap_or(html), url));
            let mut merged = None;
            if let (Ok(r), Ok(t)) = (&rea, &tra) {
                merged = merge(r, t);
                let chars = |bs: &[Block]| bs.iter().map(|b| b.text.len()).sum::<usize>();
                let covered = merged.as_deref().map_or(0, chars);
                if region.is_some() && (covered as f64) < REGION_MIN_COVER * chars(r) as f64 {
                    // Trafilatura read the region differently from readability (the
                    // article continues outside it, or the anchors were wrong): let it
                    // read the whole page, as without the region.
                    tra = clean(trafilatura_blocks(html, url));
                    merged = None;
                    if let Ok(t) = &tra {
                        merged = merge(r, t);
                    }
                }
            }
            match (rea, tra) {
                (Ok(r), Ok(t)) => EngineOutput {
                    blocks: merged.unwrap_or_else(|| shorter(r, t)),
                    note: None,
                },
                (Ok(one), Err(e)) | (Err(e), Ok(one)) => EngineOutput {
                    blocks: one,
                    note: Some(e),
                },
                (Err(a), Err(b)) => EngineOutput {
                    blocks: Vec::new(),
                    note: Some(format!("{a}; {b}")),
                },
            }
        }
    }
}

/// Levels above the smallest element holding readability's first and last paragraphs that
/// trafilatura also sees.
const REGION_CONTEXT_LEVELS: usize = 1;
/// When the merge with trafilatura's reading of the region keeps less than this share of
/// readability's text, trafilatura reads the whole page after all.
const REGION_MIN_COVER: f64 = 0.7;
/// A region bigger than this share of the page saves too little to be worth the rewrite.
const MAX_REGION_SHARE: f64 = 0.8;
/// Paragraphs are found in the page by their first words.
const KEY_WORDS: usize = 8;

fn words_key(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(KEY_WORDS)
        .map(str::to_lowercase)
        .collect();
    (words.len() >= 5).then(|| words.join(" "))
}

/// The page cut down to the element around readability's article: `<head>` plus that
/// element (with [`REGION_CONTEXT_LEVELS`] levels of context) as the body. `None` when the
/// paragraphs cannot be found in the page or the region is most of the page.
fn article_region(page: &dom_query::Document, blocks: &[Block], page_len: usize) -> Option<String> {
    use armsgraph_model::ParagraphKind;
    let keys: Vec<String> = blocks
        .iter()
        .filter(|b| b.kind == ParagraphKind::Body)
        .filter_map(|b| words_key(&b.text))
        .collect();
    let (first_keys, last_keys) = (
        keys.iter().take(3).collect::<Vec<_>>(),
        keys.iter().rev().take(3).collect::<Vec<_>>(),
    );
    let mut first = None;
    let mut last = None;
    let candidates = page.select("p, div, li, blockquote, pre, td, dd, h2, h3, h4, span, section");
    for node in candidates.nodes() {
        // Only elements that hold text directly: a wrapper's text starts like its first
        // paragraph, but the paragraph is the better anchor.
        if !node
            .children_it(false)
            .any(|c| c.is_text() && !c.text().trim().is_empty())
        {
            continue;
        }
        let Some(key) = words_key(&node.text()) else {
            continue;
        };
        if first.is_none() && first_keys.contains(&&key) {
            first = Some(*node);
        }
        if last_keys.contains(&&key) {
            last = Some(*node);
        }
    }
    let (first, last) = (first?, last?);
    let first_line: Vec<_> = std::iter::once(first.id)
        .chain(first.ancestors_it(None).map(|a| a.id))
        .collect();
    let mut region = std::iter::once(last)
        .chain(last.ancestors_it(None))
        .find(|n| first_line.contains(&n.id))?;
    for _ in 0..REGION_CONTEXT_LEVELS {
        match region.parent() {
            Some(p) if p.is_element() => region = p,
            _ => break,
        }
    }
    let body = region.html();
    if body.len() as f64 > MAX_REGION_SHARE * page_len as f64 {
        return None;
    }
    // The title only: rs-trafilatura's metadata (the rest of the head) is not used, and
    // leaving it out changed no AEB page.
    let title = page
        .select("head title")
        .nodes()
        .first()
        .map(|t| t.html().to_string())
        .unwrap_or_default();
    Some(format!(
        "<!DOCTYPE html><html><head>{title}</head><body>{body}</body></html>"
    ))
}

fn single(r: Result<Vec<Block>, String>) -> EngineOutput {
    match r {
        Ok(blocks) => EngineOutput { blocks, note: None },
        Err(e) => EngineOutput {
            blocks: Vec::new(),
            note: Some(e),
        },
    }
}

/// Share of a block's word 4-shingles that must occur in the other engine's text for the
/// block to count as agreed on.
const AGREEMENT: f64 = 0.5;
/// When agreement keeps less than this share of the shorter engine output, the engines chose
/// different parts of the page; agreement is then meaningless and the shorter (more
/// precise) output is taken whole.
const MIN_KEPT: f64 = 0.7;

/// The longer engine output loses to the shorter when the two disagree.
fn shorter(rea: Vec<Block>, tra: Vec<Block>) -> Vec<Block> {
    let chars = |bs: &[Block]| bs.iter().map(|b| b.text.len()).sum::<usize>();
    if chars(&rea) <= chars(&tra) {
        rea
    } else {
        tra
    }
}

/// Merge the two engines: keep readability's blocks (its paragraphing follows the markup
/// more closely) that trafilatura also found. Each engine alone over-includes different
/// page furniture (related links, bylines, captions); what both include is nearly always
/// the article. `None` when the engines chose different parts of the page (the caller then
/// takes the [`shorter`] output). Measured on AEB: see docs/notes/ingest-extract.md.
fn merge(rea: &[Block], tra: &[Block]) -> Option<Vec<Block>> {
    let tra_text: Vec<&str> = tra.iter().map(|b| b.text.as_str()).collect();
    let tra_shingles = ShingleBag::new(&tra_text.join("\n"));
    let kept: Vec<Block> = rea
        .iter()
        .filter(|b| tra_shingles.share_of(&b.text) >= AGREEMENT)
        .cloned()
        .collect();
    let chars = |bs: &[Block]| bs.iter().map(|b| b.text.len()).sum::<usize>();
    let (rea_len, tra_len, kept_len) = (chars(rea), chars(tra), chars(&kept));
    if (kept_len as f64) < MIN_KEPT * rea_len.min(tra_len) as f64 {
        return None;
    }
    // Readability sometimes drops paragraphs in the middle of the article that trafilatura
    // keeps. Trafilatura-only text *between* the first and last agreed blocks is article text
    // (page furniture sits before or after the body); when there is much of it, trafilatura's
    // span from the first to the last agreed block is the better reading.
    let rea_text: Vec<&str> = rea.iter().map(|b| b.text.as_str()).collect();
    let rea_shingles = ShingleBag::new(&rea_text.join("\n"));
    let agreed: Vec<bool> = tra
        .iter()
        .map(|b| rea_shingles.share_of(&b.text) >= AGREEMENT)
        .collect();
    if let (Some(first), Some(last)) = (
        agreed.iter().position(|a| *a),
        agreed.iter().rposition(|a| *a),
    ) {
        let interior_missing: usize = tra[first..=last]
            .iter()
            .zip(&agreed[first..=last])
            .filter(|(_, a)| !**a)
            .map(|(b, _)| b.text.len())
            .sum();
        if interior_missing as f64 > INTERIOR_GAP * kept_len as f64 {
            return Some(tra[first..=last].to_vec());
        }
    }
    Some(kept)
}

/// Share of the agreed text that trafilatura-only text inside the article must exceed
/// before trafilatura's reading of the article span is preferred.
const INTERIOR_GAP: f64 = 0.1;

/// Multiset of word 4-shingles (hashed), as the benchmark counts text overlap.
struct ShingleBag {
    counts: ShingleCounts,
}

/// Shingle keys are already well-mixed 64-bit hashes; hashing them again with SipHash was
/// most of the merge's time.
type ShingleCounts =
    std::collections::HashMap<u64, u32, std::hash::BuildHasherDefault<PremixedHasher>>;

#[derive(Default)]
struct PremixedHasher(u64);

impl std::hash::Hasher for PremixedHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed; fold anything else in rather than fail.
        for b in bytes {
            self.0 = mix(self.0 ^ u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn word_hashes(text: &str) -> Vec<u64> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(crate::copies::fnv1a)
        .collect()
}

fn shingle_hashes(words: &[u64]) -> Vec<u64> {
    if words.len() < 4 {
        if words.is_empty() {
            return Vec::new();
        }
        return vec![words.iter().fold(0xcbf2_9ce4_8422_2325, |h, w| mix(h ^ w))];
    }
    words
        .windows(4)
        .map(|w| w.iter().fold(0xcbf2_9ce4_8422_2325, |h, x| mix(h ^ x)))
        .collect()
}

fn mix(x: u64) -> u64 {
    crate::copies::splitmix64(x)
}

impl ShingleBag {
    fn new(text: &str) -> ShingleBag {
        let words = word_hashes(text);
        // Each word starts up to four entries (its 4-shingle and its 1–3-word runs).
        let mut counts =
            ShingleCounts::with_capacity_and_hasher(words.len() * 4, Default::default());
        for h in shingle_hashes(&words) {
            *counts.entry(h).or_insert(0) += 1;
        }
        // Short blocks (1–3 words) are compared as one shingle; index every short run of
        // the other text too so "Mit Freunden" is found inside a longer paragraph.
        for n in 1..4 {
            for w in words.windows(n) {
                let h = w.iter().fold(0xcbf2_9ce4_8422_2325, |h, x| mix(h ^ x));
                counts.entry(h).or_insert(1);
            }
        }
        ShingleBag { counts }
    }

    /// Share of `text`'s shingles found in the bag (multiset intersection).
    fn share_of(&self, text: &str) -> f64 {
        let shingles = shingle_hashes(&word_hashes(text));
        if shingles.is_empty() {
            return 0.0;
        }
        let mut used = ShingleCounts::default();
        let mut hit = 0usize;
        for h in &shingles {
            let have = self.counts.get(h).copied().unwrap_or(0);
            let u = used.entry(*h).or_insert(0);
            if *u < have {
                *u += 1;
                hit += 1;
            }
        }
        hit as f64 / shingles.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use armsgraph_model::ParagraphKind;

    fn combine(rea: Vec<Block>, tra: Vec<Block>) -> Vec<Block> {
        merge(&rea, &tra).unwrap_or_else(|| shorter(rea, tra))
    }

    fn b(t: &str) -> Block {
        Block {
            kind: ParagraphKind::Body,
            text: t.to_string(),
        }
    }

    #[test]
    fn the_region_is_the_article_container_with_one_level_of_context() {
        let paras = [
            "Belarus lieferte Artillerie und Drohnen an Aserbaidschan, zeigen Dokumente.",
            "Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später vor.",
            "Eduard Arakelyan bestätigte, dass es sich um Ausrüstung aus den Kriegen handelt.",
        ];
        let nav =
            "<li><a href='/x'>Eine andere Geschichte über etwas ganz anderes</a></li>".repeat(40);
        let html = format!(
            "<!DOCTYPE html><html><head><title>Der Deal</title><meta name=x content=y></head>\
             <body><nav><ul>{nav}</ul></nav><main><div class=byline>Von A. Autor</div>\
             <div class=article><p>{}</p><p>{} <b>fett</b></p><p>{}</p></div></main>\
             <footer>{nav}</footer></body></html>",
            paras[0], paras[1], paras[2]
        );
        let page = dom_query::Document::from(html.as_str());
        let blocks: Vec<Block> = paras.iter().map(|p| b(p)).collect();
        let region = article_region(&page, &blocks, html.len()).expect("a region");
        assert!(region.starts_with("<!DOCTYPE html><html><head><title>Der Deal</title></head>"));
        assert!(region.contains("<main><div class=\"byline\">"), "{region}");
        assert!(paras.iter().all(|p| region.contains(p)));
        assert!(!region.contains("andere Geschichte"));
        // Paragraphs that are not in the page give no region (the page is read whole).
        assert!(article_region(
            &page,
            &[b("Ganz andere Worte stehen in diesem Absatz hier")],
            html.len()
        )
        .is_none());
    }

    #[test]
    fn combine_keeps_what_both_engines_found() {
        let body = "Belarus lieferte Artillerie und Drohnen an Aserbaidschan, zeigen Dokumente, \
                    die POLITICO vorliegen. Weder Minsk noch Baku reagierten auf Anfragen.";
        let rea = vec![
            b("Related: Something else entirely here now"),
            b(body),
            b("Kurz"),
        ];
        let tra = vec![
            b(&format!("{body} Kurz")),
            b("Subscribe to our newsletter today"),
        ];
        let got: Vec<String> = combine(rea, tra).into_iter().map(|b| b.text).collect();
        assert_eq!(got, vec![body.to_string(), "Kurz".to_string()]);
    }

    #[test]
    fn combine_restores_paragraphs_readability_dropped_inside_the_article() {
        let p1 = "Belarus lieferte Artillerie und Drohnen an Aserbaidschan, zeigen Dokumente.";
        let p2 = "Armenien bat damals die OVKS um Unterstützung, warf dem Block jedoch später vor.";
        let p3 = "Eduard Arakelyan bestätigte, dass es sich um Ausrüstung aus den Kriegen handelt.";
        let rea = vec![b(p1), b(p3)];
        let tra = vec![b("Menu Home News"), b(p1), b(p2), b(p3), b("Share this")];
        let got: Vec<String> = combine(rea, tra).into_iter().map(|b| b.text).collect();
        assert_eq!(got, vec![p1, p2, p3]);
    }

    #[test]
    fn combine_falls_back_to_the_shorter_output_when_engines_disagree() {
        let rea = vec![b("one two three four five six seven eight")];
        let tra = vec![b(
            "alpha beta gamma delta epsilon zeta eta theta iota kappa",
        )];
        let got = combine(rea.clone(), tra);
        assert_eq!(got, rea);
    }
}
