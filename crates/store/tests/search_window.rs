//! A full-text search ranks the newest matches only, and says when older ones were left out.

use armsgraph_model::{Document, Extraction};
use armsgraph_store::{search, Store};

fn doc(n: usize, text: &str) -> Extraction {
    Extraction {
        document: Document {
            id: format!("{n:016x}"),
            content_hash: format!("hash{n}"),
            origin: format!("test/{n}.txt"),
            title: Some(format!("Report {n}")),
            text: text.to_string(),
            ..Document::default()
        },
        ..Extraction::default()
    }
}

#[test]
fn only_the_newest_matches_are_ranked_and_the_cut_is_said() {
    let mut store = Store::open_in_memory().expect("store");
    for n in 0..6 {
        let text = format!("Armenia report number {n}. {}", "Armenia ".repeat(n + 1));
        store.insert(&doc(n, &text)).expect("insert");
    }
    store
        .insert(&doc(99, "Nothing to see here."))
        .expect("insert");
    let q = search::parse("armenia").expect("query");
    let all = store.search_page_within(&q, 10, 100).expect("search");
    assert!(!all.cut);
    assert_eq!(all.hits.len(), 6);
    assert!(
        all.hits.windows(2).all(|w| w[0].rank <= w[1].rank),
        "best first"
    );

    let newest = store.search_page_within(&q, 10, 3).expect("search");
    assert!(newest.cut, "older matches exist");
    assert_eq!(newest.window, 3);
    let mut ids: Vec<String> = newest.hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    assert_eq!(
        ids,
        (3..6).map(|n| format!("{n:016x}")).collect::<Vec<_>>(),
        "the three newest"
    );
    // Scores within the window are the full ranking's scores.
    for h in &newest.hits {
        let same = all.hits.iter().find(|a| a.id == h.id).expect("in both");
        assert_eq!(same.rank, h.rank);
        assert!(h.snippet.contains('['), "{}", h.snippet);
    }
    // Exactly as many matches as the window: nothing was cut.
    let exact = store.search_page_within(&q, 10, 6).expect("search");
    assert!(!exact.cut);
    assert_eq!(exact.hits.len(), 6);
    // A limit below the window keeps the best.
    let two = store.search_page_within(&q, 2, 100).expect("search");
    assert_eq!(two.hits, all.hits[..2]);
}
