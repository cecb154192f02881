//! CoNLL-U (Universal Dependencies) reading: the training and evaluation format of the syntax
//! layer. Multiword-token lines (`3-4 zum`) are kept as [`MultiwordToken`] next to the
//! syntactic words they expand to; empty nodes (`5.1`) are skipped, as the UD scorer does.

use thiserror::Error;

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    /// `Case=Nom|Number=Sing`, or `_`.
    pub feats: String,
    /// 1-based index of the head word, 0 for the root.
    pub head: usize,
    /// Full relation with subtype (`nsubj:pass`).
    pub deprel: String,
}

/// A surface token that stands for several syntactic words (`zum` = `zu dem`, `du` = `de le`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// 1-based, inclusive word range.
    pub first: usize,
    pub last: usize,
    pub form: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// `# sent_id`, when present.
    pub id: Option<String>,
    /// `# text`, when present.
    pub text: Option<String>,
    pub words: Vec<ConlluWord>,
    pub multiword: Vec<MultiwordToken>,
}

#[derive(Debug, Error)]
pub enum ConlluError {
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
}

fn malformed(line: usize, message: impl Into<String>) -> ConlluError {
    ConlluError::Malformed {
        line,
        message: message.into(),
    }
}

/// Every sentence of a CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<ConlluSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = ConlluSentence::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(malformed(
                line_no,
                format!("{} columns, expected 10", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue; // empty node of an enhanced graph
        }
        if let Some((a, b)) = id.split_once('-') {
            let first = a
                .parse()
                .map_err(|_| malformed(line_no, format!("bad range {id:?}")))?;
            let last = b
                .parse()
                .map_err(|_| malformed(line_no, format!("bad range {id:?}")))?;
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
            });
            continue;
        }
        let index: usize = id
            .parse()
            .map_err(|_| malformed(line_no, format!("bad id {id:?}")))?;
        if index != cur.words.len() + 1 {
            return Err(malformed(line_no, format!("word {index} out of order")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| malformed(line_no, format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(ConlluWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    for s in &out {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(malformed(
                0,
                format!("sentence {:?}: head beyond the sentence", s.id),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_multiword_tokens_and_skips_empty_nodes() {
        let text = "# sent_id = s1\n# text = Er geht zum Markt.\n\
1\tEr\ter\tPRON\t_\tCase=Nom\t2\tnsubj\t_\t_\n\
2\tgeht\tgehen\tVERB\t_\t_\t0\troot\t_\t_\n\
3-4\tzum\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tzu\tzu\tADP\t_\t_\t5\tcase\t_\t_\n\
4\tdem\tder\tDET\t_\t_\t5\tdet\t_\t_\n\
4.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\
5\tMarkt\tMarkt\tNOUN\t_\t_\t2\tobl\t_\t_\n\
6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n";
        let s = parse(text).expect("valid");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 6);
        assert_eq!(s[0].multiword[0].form, "zum");
        assert_eq!(s[0].words[0].deprel, "nsubj");
        assert_eq!(s[0].text.as_deref(), Some("Er geht zum Markt."));
    }

    #[test]
    fn malformed_lines_are_errors_not_panics() {
        assert!(parse("1\tx\n").is_err());
        assert!(parse("1\ta\ta\tX\t_\t_\t9\tdep\t_\t_\n").is_err());
        assert!(parse("2\ta\ta\tX\t_\t_\t0\troot\t_\t_\n").is_err());
    }
}
