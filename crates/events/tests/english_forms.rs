//! The English rule file's word forms (stop 34): a glob `urge*` covers `urge`, `urged`,
//! `urges`, but not `urging`, which drops the stem's `e`. `Russia is urging Ukraine to talk`
//! fired no rule. Every one-word glob on a stem ending in `e` must have its `-ing` form too,
//! except where that form reads as something else in news.

use std::path::Path;

/// `-ing` forms left out on purpose: `striking workers` are on strike (a protest, not an
/// assault); `airstrike` is no verb.
const NOT_EVENTS: &[&str] = &["striking", "airstriking"];

/// Whether `word` matches a rule form (`*` at the end: any continuation).
fn matches(form: &str, word: &str) -> bool {
    match form.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => form == word,
    }
}

#[test]
fn every_e_stem_glob_has_its_ing_form() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events/en.toml");
    let text = std::fs::read_to_string(&path).expect("data/events/en.toml");
    let file: toml::Value = toml::from_str(&text).expect("en.toml parses");
    let rules = file
        .get("rule")
        .and_then(|r| r.as_array())
        .expect("en.toml has [[rule]] tables");
    let mut missing = Vec::new();
    let mut checked = 0;
    for rule in rules {
        let id = rule.get("id").and_then(|v| v.as_str()).unwrap_or("?");
        let forms: Vec<&str> = rule
            .get("forms")
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|f| f.as_str()).collect())
            .unwrap_or_default();
        for form in &forms {
            let Some(stem) = form.strip_suffix("e*") else {
                continue;
            };
            if stem.contains(' ') || stem.ends_with('e') {
                continue;
            }
            let ing = format!("{stem}ing");
            checked += 1;
            if !NOT_EVENTS.contains(&ing.as_str()) && !forms.iter().any(|f| matches(f, &ing)) {
                missing.push(format!("{id}: {form} lacks {ing}"));
            }
        }
    }
    assert!(
        checked >= 10,
        "only {checked} e-stem globs: the file's shape changed"
    );
    assert!(missing.is_empty(), "{missing:#?}");
}
