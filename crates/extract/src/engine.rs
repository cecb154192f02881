//! Main-text engines: which library finds the article body in a page, and how their
//! outputs are combined. The choice is measured (`armsgraph eval extraction`), see
//! `docs/notes/ingest-extract.md`.

use crate::blocks::{blocks_from_html, Block};

/// The library (or combination) that finds the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// dom_smoothie (a readability.js port).
    Readability,
    /// rs-trafilatura (a trafilatura port).
    Trafilatura,
    /// Both, merged block by block (the default: best measured F1).
    #[default]
    Combined,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Readability, Engine::Trafilatura, Engine::Combined];

    pub fn name(&self) -> &'static str {
        match self {
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

fn readability_blocks(html: &str, url: Option<&str>) -> Result<Vec<Block>, String> {
    // dom_smoothie rejects relative URLs; an unusable URL must not cost the text.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::new(html, url, Some(cfg))
        .or_else(|_| dom_smoothie::Readability::new(html, None, None))
        .map_err(|e| format!("readability: {e}"))?;
    let article = reader.parse().map_err(|e| format!("readability: {e}"))?;
    Ok(blocks_from_html(&article.content))
}

fn trafilatura_blocks(html: &str, url: Option<&str>) -> Result<Vec<Block>, String> {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
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

pub(crate) fn run(engine: Engine, html: &str, url: Option<&str>) -> EngineOutput {
    match engine {
        Engine::Readability => single(readability_blocks(html, url)),
        Engine::Trafilatura => single(trafilatura_blocks(html, url)),
        Engine::Combined => {
            let tra = trafilatura_blocks(html, url);
            let rea = readability_blocks(html, url);
            match (tra, rea) {
                (Ok(t), Ok(r)) => EngineOutput {
                    blocks: combine(t, r),
                    note: None,
                },
                (Ok(t), Err(e)) | (Err(e), Ok(t)) => EngineOutput {
                    blocks: t,
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

fn single(r: Result<Vec<Block>, String>) -> EngineOutput {
    match r {
        Ok(blocks) => EngineOutput { blocks, note: None },
        Err(e) => EngineOutput {
            blocks: Vec::new(),
            note: Some(e),
        },
    }
}

/// Merge the two engines' blocks. Placeholder policy until measured: trafilatura's.
fn combine(tra: Vec<Block>, _rea: Vec<Block>) -> Vec<Block> {
    tra
}

#[doc(hidden)]
pub fn run_pub(engine: Engine, html: &str, url: Option<&str>) -> Vec<Block> {
    run(engine, html, url).blocks
}
