//! Named-entity gold data: the column formats (IOB2/BIO/IOB1, UNER, GermEval TSV, CoNLL-2002,
//! Europeana) and factRuEval-2016's stand-off files, all read into [`NerSentence`]s with IOB2
//! tags and one type vocabulary (`PER`, `LOC`, `ORG`, `MISC`).

use std::collections::BTreeMap;
use std::path::Path;

use super::NerError;

/// One sentence of gold data: words and their IOB2 tags (`O`, `B-PER`, `I-PER`…).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NerSentence {
    pub words: Vec<String>,
    pub tags: Vec<String>,
}

/// An entity as a word range `[start, end)` and a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// The entities of a tag sequence; an `I-X` that does not continue an `X` starts one (so
/// IOB1 and sloppy IOB2 read the same way, as conlleval reads them).
pub fn spans(tags: &[String]) -> Vec<WordSpan> {
    let mut out = Vec::new();
    let mut open: Option<WordSpan> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, label) = match t.split_once('-') {
            Some((p, l)) if p == "B" || p == "I" => (p, l),
            _ => ("O", ""),
        };
        let continues = prefix == "I" && open.as_ref().is_some_and(|o| o.label == label);
        if continues {
            if let Some(o) = open.as_mut() {
                o.end = i + 1;
            }
            continue;
        }
        if let Some(o) = open.take() {
            out.push(o);
        }
        if prefix != "O" {
            open = Some(WordSpan {
                start: i,
                end: i + 1,
                label: label.to_string(),
            });
        }
    }
    out.extend(open);
    out
}

/// IOB2 tags for `n` words holding `entities` (which must not overlap).
pub fn tags_of(n: usize, entities: &[WordSpan]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); n];
    for e in entities {
        for (i, tag) in tags.iter_mut().enumerate().take(e.end).skip(e.start) {
            *tag = format!("{}-{}", if i == e.start { "B" } else { "I" }, e.label);
        }
    }
    tags
}

/// How a gold set's types map onto ours: `PERS` → `PER`, `OTH` → `MISC`; a type mapped to
/// the empty string is dropped. Types not listed keep their name.
pub type LabelMap = BTreeMap<String, String>;

/// The common renames of the sets we read (NER-UK `PERS`, factRuEval `Person`, GermEval
/// `OTH`, OntoNotes-style `GPE`). GermEval's `-deriv`/`-part` types (`deutsche`,
/// `EU-weit`) are not names of entities and are dropped.
pub fn default_labels() -> LabelMap {
    let mut m = LabelMap::new();
    for (from, to) in [
        ("PERS", "PER"),
        ("PERSON", "PER"),
        ("Person", "PER"),
        ("LOCATION", "LOC"),
        ("Location", "LOC"),
        ("LocOrg", "LOC"),
        ("GPE", "LOC"),
        ("ORGANIZATION", "ORG"),
        ("Org", "ORG"),
        ("OTH", "MISC"),
    ] {
        m.insert(from.to_string(), to.to_string());
    }
    m
}

/// Rename types by `map` (`-deriv`/`-part` types are dropped unless mapped) and keep only
/// `keep` when it is not empty; the tags are rebuilt as IOB2.
pub fn relabel(sentences: &mut [NerSentence], map: &LabelMap, keep: &[String]) {
    for s in sentences {
        let entities: Vec<WordSpan> = spans(&s.tags)
            .into_iter()
            .filter_map(|mut e| {
                let label = match map.get(&e.label) {
                    Some(to) => to.clone(),
                    None if e.label.ends_with("deriv") || e.label.ends_with("part") => {
                        String::new()
                    }
                    None => e.label.clone(),
                };
                if label.is_empty() || (!keep.is_empty() && !keep.contains(&label)) {
                    return None;
                }
                e.label = label;
                Some(e)
            })
            .collect();
        s.tags = tags_of(s.words.len(), &entities);
    }
}

/// Column files: one token per line, blank lines between sentences, `#` comment lines.
/// When every token line starts with a number and has at least three columns (UNER,
/// GermEval, WikiANN), the token is column 2 and the tag column 3; otherwise (CoNLL-2002,
/// NER-UK, Europeana) the token is the first column and the tag the last. A file without
/// blank lines (Europeana) is cut into sentences after `.`, `!` and `?`.
pub fn parse_columns(text: &str) -> Result<Vec<NerSentence>, NerError> {
    let token_lines = || {
        text.lines().enumerate().filter(|(_, l)| {
            !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("-DOCSTART-")
        })
    };
    let split = |l: &str| -> Vec<String> {
        if l.contains('\t') {
            l.split('\t').map(str::to_string).collect()
        } else {
            l.split_whitespace().map(str::to_string).collect()
        }
    };
    let numbered = token_lines().take(200).all(|(_, l)| {
        let cols = split(l);
        cols.len() >= 3 && cols[0].parse::<u32>().is_ok()
    });
    let has_breaks = text
        .lines()
        .any(|l| l.trim().is_empty() || l.starts_with("-DOCSTART-"));
    let mut out = Vec::new();
    let mut cur = NerSentence::default();
    let flush = |cur: &mut NerSentence, out: &mut Vec<NerSentence>| {
        if !cur.words.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut out);
            continue;
        }
        let cols = split(line);
        let (word, tag) = if numbered {
            (cols.get(1), cols.get(2))
        } else if cols.len() >= 2 {
            (cols.first(), cols.last())
        } else {
            (None, None)
        };
        let (Some(word), Some(tag)) = (word, tag) else {
            return Err(NerError::Format(format!(
                "line {}: want a token and a tag, got {line:?}",
                n + 1
            )));
        };
        let tag = tag.trim();
        let valid = tag == "O" || tag.starts_with("B-") || tag.starts_with("I-");
        if !valid {
            return Err(NerError::Format(format!(
                "line {}: {tag:?} is not an IOB tag",
                n + 1
            )));
        }
        cur.words.push(word.trim().to_string());
        cur.tags.push(tag.to_string());
        if !has_breaks && matches!(word.trim(), "." | "!" | "?") && tag == "O" {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    for s in &mut out {
        // IOB1 → IOB2.
        let entities = spans(&s.tags);
        s.tags = tags_of(s.words.len(), &entities);
    }
    Ok(out)
}

/// Bytes of a file, `.xz` decompressed.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, NerError> {
    let io = |source| NerError::Io {
        path: path.display().to_string(),
        source,
    };
    let raw = std::fs::read(path).map_err(io)?;
    if path.extension().is_some_and(|e| e == "xz") {
        let mut out = Vec::new();
        lzma_rs::xz_decompress(&mut raw.as_slice(), &mut out).map_err(|e| NerError::Io {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
        })?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, NerError> {
    String::from_utf8(bytes).map_err(|_| NerError::Io {
        path: path.to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8"),
    })
}

/// The regular files of a (ustar/GNU) tar archive, by path. Written here rather than taken
/// from the `tar` crate because one read-only pass over one archive format is all we need.
pub fn untar(data: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, NerError> {
    let mut out = BTreeMap::new();
    let mut pos = 0usize;
    let mut long_name: Option<String> = None;
    let bad = |m: &str| NerError::Format(format!("tar archive: {m}"));
    while pos + 512 <= data.len() {
        let header = &data[pos..pos + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |a: usize, b: usize| {
            let f = &header[a..b];
            let end = f.iter().position(|&c| c == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..end]).to_string()
        };
        let size_text = field(124, 136);
        let size = usize::from_str_radix(size_text.trim(), 8)
            .map_err(|_| bad(&format!("bad size {size_text:?}")))?;
        let body_start = pos + 512;
        let body_end = body_start
            .checked_add(size)
            .filter(|&e| e <= data.len())
            .ok_or_else(|| bad("truncated"))?;
        let body = &data[body_start..body_end];
        let kind = header[156];
        let name = match long_name.take() {
            Some(n) => n,
            None => {
                let prefix = field(345, 500);
                let name = field(0, 100);
                if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}/{name}")
                }
            }
        };
        match kind {
            b'L' => {
                let end = body.iter().position(|&c| c == 0).unwrap_or(body.len());
                long_name = Some(String::from_utf8_lossy(&body[..end]).to_string());
            }
            b'0' | 0 => {
                out.insert(name, body.to_vec());
            }
            _ => {}
        }
        pos = body_start + size.div_ceil(512) * 512;
    }
    Ok(out)
}

/// factRuEval-2016 documents (`<dir>/<doc>.tokens` and `.objects`, with the `.spans` they
/// point to) as sentences. Each mention covers the tokens of its spans, first to last;
/// nested mentions (`мэрии [Москвы]`) keep the outermost, as a flat tagger can only predict
/// one level. `Person`, `Org`, `Location` and `LocOrg` are read (the last as `LOC`: a
/// place acting as an organisation is still named as a place); `Project` and `Facility`
/// are rare and dropped.
pub fn factrueval(
    files: &BTreeMap<String, Vec<u8>>,
    split: &str,
) -> Result<Vec<NerSentence>, NerError> {
    let mut docs: Vec<&str> = files
        .keys()
        .filter(|k| k.ends_with(".tokens"))
        .filter(|k| k.split('/').any(|part| part == split))
        .map(|k| k.trim_end_matches(".tokens"))
        .collect();
    docs.sort_unstable();
    if docs.is_empty() {
        return Err(NerError::Format(format!(
            "no factRuEval documents in split {split:?}"
        )));
    }
    let text_of = |name: String| -> Result<String, NerError> {
        match files.get(&name) {
            Some(b) => utf8(&name, b.clone()),
            None => Ok(String::new()),
        }
    };
    let mut out = Vec::new();
    for doc in docs {
        let tokens = text_of(format!("{doc}.tokens"))?;
        let spans_text = text_of(format!("{doc}.spans"))?;
        let objects = text_of(format!("{doc}.objects"))?;
        // token id → (sentence, word index)
        let mut sentences: Vec<NerSentence> = vec![NerSentence::default()];
        let mut at: BTreeMap<u64, (usize, usize)> = BTreeMap::new();
        for line in tokens.lines() {
            let cols: Vec<&str> = line.split(' ').collect();
            if line.trim().is_empty() {
                if sentences.last().is_some_and(|s| !s.words.is_empty()) {
                    sentences.push(NerSentence::default());
                }
                continue;
            }
            let (Some(id), Some(word)) = (cols.first(), cols.get(3)) else {
                continue;
            };
            let Ok(id) = id.parse::<u64>() else { continue };
            let si = sentences.len() - 1;
            if let Some(s) = sentences.last_mut() {
                at.insert(id, (si, s.words.len()));
                s.words.push(word.to_string());
            }
        }
        // span id → (first token, token count)
        let mut span_tokens: BTreeMap<u64, (u64, u64)> = BTreeMap::new();
        for line in spans_text.lines() {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let parse = |i: usize| cols.get(i).and_then(|c| c.parse::<u64>().ok());
            if let (Some(id), Some(first), Some(n)) = (parse(0), parse(4), parse(5)) {
                span_tokens.insert(id, (first, n));
            }
        }
        let mut mentions: Vec<(usize, usize, usize, String)> = Vec::new();
        for line in objects.lines() {
            let body = line.split('#').next().unwrap_or_default();
            let cols: Vec<&str> = body.split_whitespace().collect();
            let Some(kind) = cols.get(1) else { continue };
            let label = match *kind {
                "Person" => "PER",
                "Org" => "ORG",
                "Location" | "LocOrg" => "LOC",
                _ => continue,
            };
            let mut words: Vec<(usize, usize)> = Vec::new();
            for span in cols.iter().skip(2).filter_map(|c| c.parse::<u64>().ok()) {
                let Some(&(first, n)) = span_tokens.get(&span) else {
                    continue;
                };
                // Token ids run consecutively through a document.
                for t in first..first + n {
                    if let Some(&w) = at.get(&t) {
                        words.push(w);
                    }
                }
            }
            let Some(&(s0, _)) = words.first() else {
                continue;
            };
            if words.iter().any(|(s, _)| *s != s0) {
                continue;
            }
            let start = words.iter().map(|w| w.1).min().unwrap_or(0);
            let end = words.iter().map(|w| w.1).max().unwrap_or(0) + 1;
            mentions.push((s0, start, end, label.to_string()));
        }
        // Outermost first: longer mentions win, then earlier.
        mentions.sort_by_key(|(s, a, b, _)| (*s, std::cmp::Reverse(b - a), *a));
        let mut taken: Vec<Vec<WordSpan>> = vec![Vec::new(); sentences.len()];
        for (s, a, b, label) in mentions {
            let Some(list) = taken.get_mut(s) else {
                continue;
            };
            if list.iter().any(|e| a < e.end && e.start < b) {
                continue;
            }
            list.push(WordSpan {
                start: a,
                end: b,
                label,
            });
        }
        for (s, list) in sentences.iter_mut().zip(taken) {
            s.tags = tags_of(s.words.len(), &list);
        }
        out.extend(sentences.into_iter().filter(|s| !s.words.is_empty()));
    }
    Ok(out)
}

/// `file` or `file#split` (factRuEval: `devset`/`testset`), optionally `@a-b` for the
/// sentences from a% to b%: read and relabelled with [`default_labels`].
pub fn read_spec(dir: &Path, spec: &str) -> Result<Vec<NerSentence>, NerError> {
    let (spec, range) = match spec.rsplit_once('@') {
        Some((s, r)) => (s, Some(r)),
        None => (spec, None),
    };
    let (file, split) = match spec.split_once('#') {
        Some((f, s)) => (f, Some(s)),
        None => (spec, None),
    };
    let mut all = read_file(&dir.join(file), split)?;
    relabel(&mut all, &default_labels(), &[]);
    let Some(range) = range else {
        return Ok(all);
    };
    let bad = || {
        NerError::Recipe(format!(
            "bad range in {spec:?}@{range} (want @from-to percent)"
        ))
    };
    let (a, b) = range.split_once('-').ok_or_else(bad)?;
    let a: usize = a.parse().map_err(|_| bad())?;
    let b: usize = b.parse().map_err(|_| bad())?;
    if a > b || b > 100 {
        return Err(bad());
    }
    let n = all.len();
    Ok(all
        .into_iter()
        .skip(n * a / 100)
        .take(n * b / 100 - n * a / 100)
        .collect())
}

/// A gold file in any of the formats: a `.tar`/`.tar.xz` archive or a directory is read as
/// factRuEval (`split` names its `devset`/`testset`), anything else as columns.
pub fn read_file(path: &Path, split: Option<&str>) -> Result<Vec<NerSentence>, NerError> {
    let name = path.to_string_lossy();
    if path.is_dir() {
        let mut files = BTreeMap::new();
        collect_dir(path, path, &mut files)?;
        return factrueval(&files, split.unwrap_or("testset"));
    }
    let bytes = read_bytes(path)?;
    if name.ends_with(".tar") || name.ends_with(".tar.xz") {
        return factrueval(&untar(&bytes)?, split.unwrap_or("testset"));
    }
    parse_columns(&utf8(&name, bytes)?)
}

fn collect_dir(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, Vec<u8>>,
) -> Result<(), NerError> {
    let io = |source| NerError::Io {
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.is_dir() {
            collect_dir(root, &p, out)?;
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap_or(&p)
                .to_string_lossy()
                .to_string();
            let bytes = std::fs::read(&p).map_err(|source| NerError::Io {
                path: p.display().to_string(),
                source,
            })?;
            out.insert(format!("{}/{rel}", dir_name(root)), bytes);
        }
    }
    Ok(())
}

fn dir_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_numbered_columns_read_as_iob2() {
        let uner =
            "# sent_id = 1\n1\tJohn\tB-PER\t-\t-\n2\tKerry\tI-PER\t-\t-\n3\tsaid\tO\t-\t-\n\n";
        let s = parse_columns(uner).expect("parses");
        assert_eq!(s[0].words, ["John", "Kerry", "said"]);
        assert_eq!(s[0].tags, ["B-PER", "I-PER", "O"]);
        let iob1 = "Ban I-PER\nKi-moon I-PER\nurged O\nNATO I-ORG\n. O\nParis I-LOC\n";
        let s = parse_columns(iob1).expect("parses");
        assert_eq!(s.len(), 2, "no blank lines: cut after the full stop");
        assert_eq!(s[0].tags, ["B-PER", "I-PER", "O", "B-ORG", "O"]);
        assert!(parse_columns("Paris X-LOC\n").is_err());
    }

    #[test]
    fn germeval_derived_types_are_dropped_and_others_renamed() {
        let text = "#\tsrc\n1\tdeutsche\tB-LOCderiv\tO\n2\tSPD\tB-ORG\tO\n3\tEcce\tB-OTH\tO\n\n";
        let mut s = parse_columns(text).expect("parses");
        relabel(&mut s, &default_labels(), &[]);
        assert_eq!(s[0].tags, ["O", "B-ORG", "B-MISC"]);
        relabel(&mut s, &default_labels(), &["ORG".to_string()]);
        assert_eq!(s[0].tags, ["O", "B-ORG", "O"]);
    }

    #[test]
    fn factrueval_keeps_the_outermost_mention() {
        let mut files = BTreeMap::new();
        files.insert(
            "x/devset/a.tokens".to_string(),
            b"10 0 5 \xd0\xbc\xd1\x8d\xd1\x80\xd0\xb8\xd0\xb8 \n11 6 6 M\n12 13 4 said\n\n20 18 4 Yuri\n".to_vec(),
        );
        files.insert(
            "x/devset/a.spans".to_string(),
            b"1 loc_name 6 6 11 1  # 11 M\n2 org_descr 0 5 10 1 # 10\n3 name 18 4 20 1 # 20\n"
                .to_vec(),
        );
        files.insert(
            "x/devset/a.objects".to_string(),
            b"100 Org 1 2 # M\n101 LocOrg 1 # M\n102 Person 3 # Yuri\n".to_vec(),
        );
        let s = factrueval(&files, "devset").expect("reads");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tags, ["B-ORG", "I-ORG", "O"]);
        assert_eq!(s[1].tags, ["B-PER"]);
    }

    #[test]
    fn tar_archives_list_their_files() {
        let mut tar = vec![0u8; 512];
        tar[..5].copy_from_slice(b"a.txt");
        tar[124..135].copy_from_slice(b"00000000003");
        tar[156] = b'0';
        let mut body = b"abc".to_vec();
        body.resize(512, 0);
        tar.extend(body);
        tar.extend(vec![0u8; 1024]);
        let files = untar(&tar).expect("reads");
        assert_eq!(files.get("a.txt").map(Vec::as_slice), Some(&b"abc"[..]));
        assert!(untar(&tar[..514]).is_err(), "a body cut short is an error");
    }
}
