//! Dev tool: dump both engines' blocks for every AEB page as JSON lines (for tuning the merge).
use std::io::Read;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).expect("dir"));
    let gt: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap()).unwrap();
    let mut ids: Vec<_> = gt.as_object().unwrap().keys().cloned().collect();
    ids.sort();
    for id in ids {
        let f = std::fs::File::open(dir.join("html").join(format!("{id}.html.gz"))).unwrap();
        let mut s = String::new();
        flate2::read::GzDecoder::new(f).read_to_string(&mut s).unwrap();
        let url = gt[&id]["url"].as_str().map(str::to_string);
        let mut out = serde_json::Map::new();
        out.insert("id".into(), id.clone().into());
        for e in [armsgraph_extract::engine::Engine::Readability, armsgraph_extract::engine::Engine::Trafilatura] {
            let t = std::time::Instant::now();
            let o = armsgraph_extract::engine::run_pub(e, &s, url.as_deref());
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            let blocks: Vec<serde_json::Value> = o.iter().map(|b| serde_json::json!([format!("{:?}", b.kind), b.text])).collect();
            out.insert(e.name().into(), blocks.into());
            out.insert(format!("{}_ms", e.name()), ms.into());
        }
        println!("{}", serde_json::Value::Object(out));
    }
}
