//! Sentence structure: lemmas, parts of speech, morphology and dependencies (Universal
//! Dependencies), trained on open treebanks.

pub mod conllu;
pub mod parser;
