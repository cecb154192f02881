//! Score the extractor on AEB without the CLI: `cargo run --release -p armsgraph-eval --example aeb_eval -- DIR [engine]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_default());
    let engine = args.next().unwrap_or_else(|| "combined".into());
    let pages = armsgraph_eval::extraction::load_benchmark(&dir, None).unwrap();
    let files = armsgraph_kb::DataFiles::dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
    let ex = armsgraph_extract::Extractor::load(&files)
        .unwrap()
        .with_engine(armsgraph_extract::Engine::from_name(&engine).unwrap());
    let r = armsgraph_eval::extraction::evaluate_extractor(&pages, &ex);
    let s = r.summary;
    for p in r.worst(15) {
        println!(
            "{:.3} {:.3} {:.3} {} {}",
            p.score.f1(),
            p.score.precision().unwrap_or(0.0),
            p.score.recall().unwrap_or(0.0),
            &p.id[..8],
            p.url
        );
    }
    println!(
        "{} f1={:.4} precision={:.4} recall={:.4} docs={} sd={:.4} {:.1}ms/doc",
        engine,
        s.f1,
        s.precision,
        s.recall,
        s.docs,
        r.f1_sd,
        r.elapsed.as_secs_f64() * 1000.0 / s.docs as f64
    );
}
