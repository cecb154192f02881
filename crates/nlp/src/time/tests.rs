use super::*;
use expect_test::{expect, Expect};

pub(super) fn reader() -> TimeReader {
    TimeReader::load(&DataFiles::Embedded).expect("embedded time data loads")
}

/// One line per expression: `text | kind precision start..end | anchor | rule`.
fn render(exprs: &[TimeExpr]) -> String {
    exprs
        .iter()
        .map(|t| {
            format!(
                "{} | {:?} {:?} {}..{} | {} | {}\n",
                t.text,
                t.kind,
                t.precision,
                t.start.as_deref().unwrap_or("?"),
                t.end.as_deref().unwrap_or("?"),
                t.anchor,
                t.rule
            )
        })
        .collect()
}

pub(super) fn check(lang: &str, published: Option<&str>, text: &str, expected: Expect) {
    let (exprs, _) = reader().read(text, lang, published);
    for t in &exprs {
        let chars: String = text.chars().skip(t.span.start).take(t.span.len()).collect();
        assert_eq!(chars, t.text, "span is in chars");
    }
    expected.assert_eq(&render(&exprs));
}

const SEED: &str = include_str!("../../../../data/corpus/000_79a71588b356f729.txt");

#[test]
fn seed_with_publication_date() {
    check(
        "de",
        Some("2024-05-15"),
        SEED,
        expect![[r#"
        In den letzten Jahren | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:de:recent_years
        im Jahr 2020 | Absolute Year 2020-01-01..2020-12-31 | absolute | time:de:year_phrase
        im vergangenen September | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:de:last_month_name
        Im September 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:de:month_year
        damals | BackReference Month 2022-09-01..2022-09-30 | reference:1097 | time:de:then
        Seitdem | BackReference Month 2022-09-01..2024-05-15 | reference:1097 | time:de:since_then
    "#]],
    );
}

#[test]
fn seed_without_publication_date_warns_and_still_resolves_absolute_references() {
    let (exprs, warnings) = reader().read(SEED, "de", None);
    expect![[r#"
        In den letzten Jahren | Relative Period ?..? | unknown | time:de:recent_years
        im Jahr 2020 | Absolute Year 2020-01-01..2020-12-31 | absolute | time:de:year_phrase
        im vergangenen September | Relative Month ?..? | unknown | time:de:last_month_name
        Im September 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:de:month_year
        damals | BackReference Month 2022-09-01..2022-09-30 | reference:1097 | time:de:then
        Seitdem | BackReference Month 2022-09-01..? | reference:1097 | time:de:since_then
    "#]]
    .assert_eq(&render(&exprs));
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "no_publication_date");
    assert!(warnings[0].message.contains("--published"));
}

#[test]
fn german_news_sentences() {
    check(
        "de",
        Some("2024-05-15"),
        "Am 3. März 2021 unterzeichneten beide Regierungen ein Abkommen. Am 13.01.2015 \
         begann die Offensive. Der Vertrag läuft seit 2019; im vergangenen Jahr wurden vor \
         zwei Wochen neue Lieferungen bekannt. Gestern bestätigte das Ministerium, dass die \
         Drohnen im Mai des vergangenen Jahres geliefert wurden. In den letzten drei Jahren \
         stiegen die Exporte. Am Dienstag reiste der Minister nach Baku, zwischen 2020 und 2022 \
         war er Botschafter.",
        expect![[r#"
            Am 3. März 2021 | Absolute Day 2021-03-03..2021-03-03 | absolute | time:de:date_dmy
            Am 13.01.2015 | Absolute Day 2015-01-13..2015-01-13 | absolute | time:de:date_numeric
            seit 2019 | Absolute Year 2019-01-01..2024-05-15 | absolute | time:de:since_year
            im vergangenen Jahr | Relative Year 2023-01-01..2023-12-31 | published:2024-05-15 | time:de:last_unit
            vor zwei Wochen | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:de:ago
            Gestern | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:de:yesterday
            im Mai des vergangenen Jahres | Relative Month 2023-05-01..2023-05-31 | published:2024-05-15 | time:de:month_last_year
            In den letzten drei Jahren | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:de:last_n_units
            Am Dienstag | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:de:weekday
            zwischen 2020 und 2022 | Absolute Year 2020-01-01..2022-12-31 | absolute | time:de:year_range
        "#]],
    );
}

#[test]
fn english_news_sentences() {
    check(
        "en",
        Some("2024-05-15"),
        "On May 14, 2024, the ministry confirmed the sale. Fighting erupted in September 2022 \
         and again last September. Two weeks ago, officials said the shipment had arrived \
         yesterday; at the time, Baku declined to comment. In recent years, exports have grown, \
         and since then the alliance has frayed. The treaty was signed on 3 March 2021.",
        expect![[r#"
            On May 14, 2024 | Absolute Day 2024-05-14..2024-05-14 | absolute | time:en:date_mdy
            in September 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:en:month_year
            last September | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:en:last_month_name
            Two weeks ago | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:en:ago
            yesterday | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:en:yesterday
            at the time | BackReference Day 2024-05-14..2024-05-14 | reference:166 | time:en:then
            In recent years | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:en:recent_years
            since then | BackReference Day 2024-05-14..2024-05-15 | reference:166 | time:en:since_then
            on 3 March 2021 | Absolute Day 2021-03-03..2021-03-03 | absolute | time:en:date_dmy
        "#]],
    );
}

#[test]
fn russian_news_sentences() {
    check(
        "ru",
        Some("2024-05-15"),
        "13 января 2015 года в Минске было подписано соглашение. В сентябре 2022 года \
         азербайджанские войска вошли на территорию Армении; тогда Ереван обратился к ОДКБ. \
         В прошлом месяце министр заявил, что две недели назад поставки возобновились. \
         В последние годы экспорт вырос, а с тех пор отношения ухудшились. Вчера МИД \
         отказался от комментариев. В сентябре прошлого года началось наступление.",
        expect![[r#"
            13 января 2015 года | Absolute Day 2015-01-13..2015-01-13 | absolute | time:ru:date_dmy
            В сентябре 2022 года | Absolute Month 2022-09-01..2022-09-30 | absolute | time:ru:month_year
            тогда | BackReference Month 2022-09-01..2022-09-30 | reference:56 | time:ru:then
            В прошлом месяце | Relative Month 2024-04-01..2024-04-30 | published:2024-05-15 | time:ru:last_unit
            две недели назад | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:ru:ago
            В последние годы | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:ru:recent_years
            с тех пор | BackReference Day 2024-05-01..2024-05-15 | reference:197 | time:ru:since_then
            Вчера | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:ru:yesterday
            В сентябре прошлого года | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:ru:month_last_year
        "#]],
    );
}

#[test]
fn ukrainian_news_sentences() {
    check(
        "uk",
        Some("2024-05-15"),
        "У вересні 2022 року азербайджанські війська увійшли на територію Вірменії, тоді \
         Єреван звернувся до ОДКБ. Минулого вересня почався наступ. Два тижні тому міністр \
         заявив, що в останні роки експорт зріс; відтоді ситуація погіршилася. \
         Угоду підписали 24 лютого 2022 року, а в минулому році її продовжили. Учора \
         відомство відмовилося від коментарів.",
        expect![[r#"
            У вересні 2022 року | Absolute Month 2022-09-01..2022-09-30 | absolute | time:uk:month_year
            тоді | BackReference Month 2022-09-01..2022-09-30 | reference:0 | time:uk:then
            Минулого вересня | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:uk:last_month_name
            Два тижні тому | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:uk:ago
            в останні роки | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:uk:recent_years
            відтоді | BackReference Day 2024-05-01..2024-05-15 | reference:139 | time:uk:since_then
            24 лютого 2022 року | Absolute Day 2022-02-24..2022-02-24 | absolute | time:uk:date_dmy
            Учора | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:uk:yesterday
        "#]],
    );
}

#[test]
fn french_news_sentences() {
    check(
        "fr",
        Some("2024-05-15"),
        "Le 14 mai 2024, le ministère a confirmé la vente. En septembre 2022, les forces \
         azerbaïdjanaises sont entrées en Arménie ; à l'époque, Erevan avait demandé l'aide de \
         l'OTSC. L'offensive de septembre dernier a provoqué un exode. Il y a deux semaines, \
         le gouvernement a reconnu que ces dernières années les exportations avaient augmenté. \
         Depuis lors, l'alliance s'est affaiblie. Hier, le porte-parole n'a pas répondu, \
         et l'année dernière le contrat a été prolongé.",
        expect![[r#"
            Le 14 mai 2024 | Absolute Day 2024-05-14..2024-05-14 | absolute | time:fr:date_dmy
            En septembre 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:fr:month_year
            à l'époque | BackReference Month 2022-09-01..2022-09-30 | reference:50 | time:fr:then
            septembre dernier | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:fr:last_month_name
            Il y a deux semaines | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:fr:ago
            ces dernières années | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:fr:recent_years
            Depuis lors | BackReference Day 2024-05-01..2024-05-15 | reference:228 | time:fr:since_then
            Hier | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:fr:yesterday
            l'année dernière | Relative Year 2023-01-01..2023-12-31 | published:2024-05-15 | time:fr:last_unit
        "#]],
    );
}

#[test]
fn spanish_news_sentences() {
    check(
        "es",
        Some("2024-05-15"),
        "El 14 de mayo de 2024 el ministerio confirmó la venta. En septiembre de 2022 las \
         fuerzas azerbaiyanas entraron en Armenia; en aquel momento, Ereván pidió ayuda a la \
         OTSC. La ofensiva del pasado septiembre provocó un éxodo. Hace dos semanas, el \
         gobierno admitió que en los últimos años las exportaciones crecieron, y desde \
         entonces la alianza se ha debilitado. Ayer el portavoz no respondió; el año pasado \
         se prorrogó el contrato.",
        expect![[r#"
            El 14 de mayo de 2024 | Absolute Day 2024-05-14..2024-05-14 | absolute | time:es:date_dmy
            En septiembre de 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:es:month_year
            en aquel momento | BackReference Month 2022-09-01..2022-09-30 | reference:55 | time:es:then
            pasado septiembre | Relative Month 2023-09-01..2023-09-30 | published:2024-05-15 | time:es:last_month_name
            Hace dos semanas | Relative Day 2024-05-01..2024-05-01 | published:2024-05-15 | time:es:ago
            en los últimos años | Relative Period 2021-05-15..2024-05-15 | published:2024-05-15 | time:es:recent_years
            desde entonces | BackReference Day 2024-05-01..2024-05-15 | reference:223 | time:es:since_then
            Ayer | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:es:yesterday
            el año pasado | Relative Year 2023-01-01..2023-12-31 | published:2024-05-15 | time:es:last_unit
        "#]],
    );
}

#[test]
fn last_month_name_is_the_most_recent_before_the_publication_month() {
    let reader = reader();
    let month = |published: &str| {
        let (exprs, _) = reader.read("im vergangenen September", "de", Some(published));
        exprs.first().and_then(|t| t.start.clone())
    };
    assert_eq!(month("2024-05-15").as_deref(), Some("2023-09-01"));
    assert_eq!(month("2024-09-20").as_deref(), Some("2023-09-01"));
    assert_eq!(month("2024-11-02").as_deref(), Some("2024-09-01"));
}

#[test]
fn a_seventh_language_needs_only_a_data_file() {
    let dir = std::env::temp_dir().join(format!("armsgraph-time-it-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("time")).expect("temp dir");
    std::fs::write(
        dir.join("time/it.toml"),
        r#"
[months]
9 = ["settembre"]
[units]
year = ["anno", "anni"]
[words]
last = ["scorso", "scorsa"]
[[rule]]
id = "month_year"
pattern = '(?:nel )?{month} {year}'
meaning = "month_year"
[[rule]]
id = "last_unit"
pattern = "(?:l')?{unit} {last}"
meaning = "last_unit"
[[rule]]
id = "then"
pattern = 'allora'
meaning = "back_at"
"#,
    )
    .expect("write it.toml");
    let reader = TimeReader::load(&DataFiles::dir(&dir)).expect("it.toml loads");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(reader.languages(), vec!["it".to_string()]);
    let (exprs, warnings) = reader.read(
        "Nel settembre 2022 le truppe sono entrate in Armenia; allora Erevan chiese aiuto. L’anno scorso è arrivata la fattura.",
        "it",
        Some("2024-05-15"),
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    expect![[r#"
        Nel settembre 2022 | Absolute Month 2022-09-01..2022-09-30 | absolute | time:it:month_year
        allora | BackReference Month 2022-09-01..2022-09-30 | reference:0 | time:it:then
        L’anno scorso | Relative Year 2023-01-01..2023-12-31 | published:2024-05-15 | time:it:last_unit
    "#]].assert_eq(&render(&exprs));
}

#[test]
fn unknown_language_and_bad_dates_warn() {
    let reader = reader();
    let (exprs, warnings) = reader.read("Il 3 marzo 2021.", "xx", Some("2024-05-15"));
    assert!(exprs.is_empty());
    assert_eq!(warnings[0].code, "time_language_unsupported");
    let (_, warnings) = reader.read("letztes Jahr", "de", Some("soon"));
    let codes: Vec<&str> = warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["bad_publication_date", "no_publication_date"]);
}

#[test]
fn conjunctions_and_decimal_numbers_are_not_times() {
    let reader = reader();
    let (exprs, _) = reader.read(
        "В 2014 году проект начался. Мы едим только тогда, когда голодны. \
         Страница появилась 1,5 года назад, тогда как журнал закрылся.",
        "ru",
        Some("2019-06-01"),
    );
    expect![[r#"
        В 2014 году | Absolute Year 2014-01-01..2014-12-31 | absolute | time:ru:year_phrase
    "#]]
    .assert_eq(&render(&exprs));
}

#[test]
fn impossible_dates_are_not_read_as_dates() {
    let (exprs, _) = reader().read("am 31. Februar 2023", "de", None);
    assert!(
        exprs.iter().all(|t| t.precision != TimePrecision::Day),
        "{exprs:?}"
    );
}

#[test]
fn parse_date_any_reads_prose_dates_in_every_language() {
    let reader = reader();
    for (raw, iso) in [
        ("15. Mai 2024", Some("2024-05-15")),
        ("13 января 2015 г., 13:34", Some("2015-01-13")),
        ("24 лютого 2022 року", Some("2022-02-24")),
        ("14 mai 2024 à 09h30", Some("2024-05-14")),
        ("14 de mayo de 2024", Some("2024-05-14")),
        ("2024-05-14T09:30:00+02:00", Some("2024-05-14")),
        ("Mai 2024", None),
        ("gestern", None),
    ] {
        assert_eq!(reader.parse_date_any(raw).as_deref(), iso, "{raw}");
    }
}

#[test]
fn parse_date_normalises_metadata_dates() {
    for (raw, iso) in [
        ("2024-05-14", Some("2024-05-14")),
        ("2024-05-14T09:30:00Z", Some("2024-05-14")),
        ("2024/05/14", Some("2024-05-14")),
        ("14.05.2024", Some("2024-05-14")),
        ("14/05/2024", Some("2024-05-14")),
        ("Tue, 14 May 2024 09:30:00 GMT", Some("2024-05-14")),
        ("May 14, 2024", Some("2024-05-14")),
        ("September 3rd, 2022", Some("2022-09-03")),
        ("2024-02-30", None),
        ("yesterday", None),
        ("", None),
    ] {
        assert_eq!(parse_date(raw).as_deref(), iso, "{raw}");
    }
}

/// Throughput of segmentation + time reading, one thread. Run in release:
/// `cargo test -p armsgraph-nlp --release time::tests::throughput -- --ignored --nocapture`.
/// Reads the article-extraction benchmark bodies in place when `ARMSGRAPH_AEB` names its
/// folder (`/work/shared/data/article-extraction-benchmark`), else the seed only.
#[test]
#[ignore]
fn throughput() {
    use crate::{language, segment};
    use std::time::Instant;

    let mut docs: Vec<String> = vec![SEED.to_string()];
    if let Some(dir) = std::env::var_os("ARMSGRAPH_AEB") {
        let path = std::path::Path::new(&dir).join("ground-truth.json");
        let json = std::fs::read_to_string(path).expect("ground-truth.json");
        let truth: serde_json::Value = serde_json::from_str(&json).expect("valid json");
        if let Some(map) = truth.as_object() {
            for v in map.values() {
                if let Some(body) = v.get("articleBody").and_then(|b| b.as_str()) {
                    docs.push(body.replace('\n', "\n\n"));
                }
            }
        }
    }
    let t = Instant::now();
    let reader = reader();
    let load_time = t.elapsed();
    let t = Instant::now();
    let langs: Vec<String> = docs
        .iter()
        .map(|d| {
            language::detect(d)
                .map(|l| l.code)
                .unwrap_or_else(|| "en".into())
        })
        .collect();
    let detect_time = t.elapsed();
    let rounds = if docs.len() > 1 { 3 } else { 300 };
    let (mut sentences, mut times, mut chars) = (0usize, 0usize, 0usize);
    let t = Instant::now();
    for _ in 0..rounds {
        for (doc, lang) in docs.iter().zip(&langs) {
            sentences += segment::sentences(doc, &[], lang).len();
            times += reader.read(doc, lang, Some("2024-05-15")).0.len();
            chars += doc.chars().count();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} docs x {rounds}: {sentences} sentences, {times} time expressions, {:.1} MB chars in {secs:.2} s \
         = {:.0} sentences/s/core, {:.2} ms/doc; language id {:.2} ms/doc; rules load {:.0} ms",
        docs.len(),
        chars as f64 / 1e6,
        sentences as f64 / secs,
        secs * 1000.0 / (docs.len() * rounds) as f64,
        detect_time.as_secs_f64() * 1000.0 / docs.len() as f64,
        load_time.as_secs_f64() * 1000.0,
    );
}

/// The embedded rules are compiled per language on first use, not at load: this is where a
/// bad embedded rule is caught.
#[test]
fn every_embedded_language_compiles() {
    let files = DataFiles::Embedded;
    let paths = files.list(TIME_DIR, ".toml").expect("time files");
    assert!(paths.len() >= 6, "{paths:?}");
    for path in paths {
        let text = files.read(&path).expect("readable");
        if let Err(e) = LazyLanguage::compile(&path, &text) {
            panic!("{path}: {e}");
        }
    }
    let reader = reader();
    for lang in reader.languages() {
        assert!(
            reader
                .languages
                .get(&lang)
                .and_then(LazyLanguage::get)
                .is_some(),
            "{lang}"
        );
    }
}
