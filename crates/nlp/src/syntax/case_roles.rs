//! Core arguments from case: a repair pass after the parser for languages whose treebank is
//! too small for the parser to learn its argument labels, but whose morphology marks them.
//!
//! The table is learnt from the training treebank (gold), not written by hand: for a noun or
//! pronoun that hangs on a verb without a preposition, the relation it has by its `Case` and
//! by whether the verb is passive (`Nom` → `nsubj`, `Nom+Pass` → `nsubj:pass`, `Acc` → `obj`,
//! `Dat` → `iobj` in Russian; `Dat` → `obl:arg` in German), kept when one relation has most
//! of the cases. After parsing, such a dependent whose relation is an argument or oblique
//! relation takes the table's relation for its predicted case; a subject whose number
//! disagrees with a finite verb's is left alone (the case was probably mispredicted).

use std::collections::BTreeMap;

use super::conllu::ConlluSentence;

/// Relations the pass may replace: the argument and oblique relations a parser confuses
/// with each other (never `conj`, `appos`, `parataxis`…, which say something else).
const REPLACEABLE: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "obj",
    "iobj",
    "obl",
    "obl:agent",
    "obl:arg",
    "nmod",
];

fn feat<'a>(feats: &'a str, name: &str) -> Option<&'a str> {
    feats
        .split('|')
        .filter_map(|fv| fv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The table key of dependent `d` on head `h`, when it is a bare nominal on a verb.
fn key(upos: &[&str], feats: &[&str], has_adp: bool, d: usize, h: usize) -> Option<String> {
    if has_adp
        || !matches!(upos.get(d).copied(), Some("NOUN" | "PROPN" | "PRON"))
        || !matches!(upos.get(h).copied(), Some("VERB" | "AUX"))
    {
        return None;
    }
    let case = feat(feats.get(d)?, "Case")?;
    let passive = feat(feats.get(h)?, "Voice") == Some("Pass");
    Some(if passive {
        format!("{case}+Pass")
    } else {
        case.to_string()
    })
}

/// Which words have a dependent tagged ADP (a preposition or postposition marks them).
fn with_adposition(upos: &[&str], heads: &[usize]) -> Vec<bool> {
    let mut out = vec![false; upos.len()];
    for (i, &h) in heads.iter().enumerate() {
        if upos.get(i) == Some(&"ADP") && h > 0 {
            if let Some(slot) = out.get_mut(h - 1) {
                *slot = true;
            }
        }
    }
    out
}

/// Learn the table from gold sentences: a key is kept when it was seen `min_count` times and
/// its most common relation has at least `min_share` of them.
pub fn learn(
    sentences: &[ConlluSentence],
    min_count: usize,
    min_share: f64,
) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for s in sentences {
        let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        let feats: Vec<&str> = s.words.iter().map(|w| w.feats.as_str()).collect();
        let heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
        let adp = with_adposition(&upos, &heads);
        for (d, w) in s.words.iter().enumerate() {
            if w.head == 0 {
                continue;
            }
            if let Some(k) = key(&upos, &feats, adp[d], d, w.head - 1) {
                *counts
                    .entry(k)
                    .or_default()
                    .entry(w.deprel.clone())
                    .or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, by_rel)| {
            let total: usize = by_rel.values().sum();
            let (rel, n) = by_rel
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            let keep = total >= min_count
                && n as f64 >= min_share * total as f64
                && REPLACEABLE.contains(&rel.as_str());
            keep.then_some((k, rel))
        })
        .collect()
}

/// Relabel bare nominal dependents of verbs by their predicted case (see the module doc).
pub fn apply(
    table: &BTreeMap<String, String>,
    upos: &[&str],
    feats: &[&str],
    heads: &mut [(usize, String)],
) {
    if table.is_empty() {
        return;
    }
    let head_of: Vec<usize> = heads.iter().map(|h| h.0).collect();
    let adp = with_adposition(upos, &head_of);
    for d in 0..heads.len() {
        let h = heads[d].0;
        if h == 0 || !REPLACEABLE.contains(&heads[d].1.as_str()) {
            continue;
        }
        let Some(k) = key(upos, feats, adp[d], d, h - 1) else {
            continue;
        };
        let Some(rel) = table.get(&k) else {
            continue;
        };
        // The parser's subtype of the same relation (`nsubj:pass` for the table's `nsubj`)
        // says more than the case does.
        let base = |r: &str| r.split(':').next().unwrap_or_default().to_string();
        if base(rel) == base(&heads[d].1) {
            continue;
        }
        if rel.starts_with("nsubj") {
            let dep = feats.get(d).copied().unwrap_or("_");
            let verb = feats.get(h - 1).copied().unwrap_or("_");
            let finite = feat(verb, "VerbForm") == Some("Fin");
            let (dn, vn) = (feat(dep, "Number"), feat(verb, "Number"));
            if finite && dn.is_some() && vn.is_some() && dn != vn {
                continue;
            }
        }
        heads[d].1 = rel.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    const GOLD: &str = "\
1\tСолдаты\tсолдат\tNOUN\t_\tCase=Nom|Number=Plur\t2\tnsubj\t_\t_
2\tвидят\tвидеть\tVERB\t_\tNumber=Plur|VerbForm=Fin\t0\troot\t_\t_
3\tтанк\tтанк\tNOUN\t_\tCase=Acc|Number=Sing\t2\tobj\t_\t_
4\tв\tв\tADP\t_\t_\t5\tcase\t_\t_
5\tполе\tполе\tNOUN\t_\tCase=Loc|Number=Sing\t2\tobl\t_\t_

";

    fn table() -> BTreeMap<String, String> {
        let s = conllu::parse(GOLD).expect("valid");
        learn(&s, 1, 0.8)
    }

    #[test]
    fn learns_relations_of_bare_cases_only() {
        let t = table();
        assert_eq!(t.get("Nom").map(String::as_str), Some("nsubj"));
        assert_eq!(t.get("Acc").map(String::as_str), Some("obj"));
        assert_eq!(
            t.get("Loc"),
            None,
            "a noun with a preposition teaches nothing"
        );
        let s = conllu::parse(GOLD).expect("valid");
        assert!(learn(&s, 2, 0.8).is_empty(), "too few cases");
    }

    #[test]
    fn relabels_by_case_unless_number_disagrees() {
        let t = table();
        let upos = ["NOUN", "VERB", "NOUN", "ADP", "NOUN"];
        let feats = [
            "Case=Nom|Number=Plur",
            "Number=Plur|VerbForm=Fin",
            "Case=Acc|Number=Sing",
            "_",
            "Case=Loc|Number=Sing",
        ];
        let mut heads: Vec<(usize, String)> = [
            (2, "obj"),
            (0, "root"),
            (2, "nsubj"),
            (5, "case"),
            (2, "obl"),
        ]
        .iter()
        .map(|(h, l)| (*h, l.to_string()))
        .collect();
        apply(&t, &upos, &feats, &mut heads);
        assert_eq!(heads[0].1, "nsubj");
        assert_eq!(heads[2].1, "obj");
        assert_eq!(heads[4].1, "obl");
        let mut feats = feats;
        feats[0] = "Case=Nom|Number=Sing";
        heads[0].1 = "obj".into();
        apply(&t, &upos, &feats, &mut heads);
        assert_eq!(
            heads[0].1, "obj",
            "a singular subject of a plural verb is doubted"
        );
        heads[2].1 = "obj:x".into();
        apply(&t, &upos, &feats, &mut heads);
        assert_eq!(heads[2].1, "obj:x", "the parser's subtype is kept");
    }
}
