#[test]
#[ignore]
fn probe() {
    let reader = armsgraph_nlp::Reader::load(&armsgraph_kb::DataFiles::Embedded).unwrap();
    let text = std::fs::read_to_string(std::env::var("PROBE").unwrap()).unwrap();
    let lang = std::env::var("PROBE_LANG").unwrap_or("de".into());
    for line in text.lines() {
        let ms = reader.mentions_in(line, &lang);
        for m in ms {
            println!("{:?} {} {:?} {}", m.text, m.entity, m.method, m.rule);
        }
    }
}
