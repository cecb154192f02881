//! Issue 12, item 9: future clauses, ranges, month-only, mid-month and part-of-day
//! expressions in all six languages, on sentences written for these tests. Publication is
//! Wednesday 2024-05-15 throughout.

use super::tests::{check, reader};
use super::*;
use expect_test::expect;

const PUBLISHED: Option<&str> = Some("2024-05-15");

#[test]
fn future_clauses_resolve_weekdays_and_dates_forward() {
    check(
        "de",
        PUBLISHED,
        "Die Außenministerin wird am Montag den Gesandten einbestellen. Der Sprecher sagte am \
         Montag, dass die Regierung neue Panzer bestellen werde. Am Dienstag, so heißt es, \
         reiste die Delegation ab. Am Donnerstag soll der Vertrag unterzeichnet werden. Die \
         Übergabe der Haubitzen ist am 20. Mai geplant und wird am 23. Mai abgeschlossen.",
        expect![[r#"
            am Montag | Relative Day 2024-05-20..2024-05-20 | published:2024-05-15 | time:de:weekday
            am Montag | Relative Day 2024-05-13..2024-05-13 | published:2024-05-15 | time:de:weekday
            Am Dienstag | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:de:weekday
            Am Donnerstag | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:de:weekday
            am 20. Mai | Relative Day 2024-05-20..2024-05-20 | published:2024-05-15 | time:de:day_month
            am 23. Mai | Relative Day 2024-05-23..2024-05-23 | published:2024-05-15 | time:de:day_month
        "#]],
    );
    check(
        "en",
        PUBLISHED,
        "The defence minister will visit the shipyard on Tuesday. The envoy said on Tuesday that \
         the talks will resume. On Friday, the council is to vote on the embargo. Parliament \
         approved the loan on Friday. The frigate is due to arrive on 20 May.",
        expect![[r#"
            on Tuesday | Relative Day 2024-05-21..2024-05-21 | published:2024-05-15 | time:en:weekday
            on Tuesday | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:en:weekday
            On Friday | Relative Day 2024-05-17..2024-05-17 | published:2024-05-15 | time:en:weekday
            on Friday | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:en:weekday
            on 20 May | Relative Day 2024-05-20..2024-05-20 | published:2024-05-15 | time:en:day_month
        "#]],
    );
    check(
        "ru",
        PUBLISHED,
        "Делегация будет в четверг обсуждать поставки. Посол заявил в четверг, что переговоры \
         будут продолжены. Во вторник министр собирается подписать соглашение. Переговоры \
         состоятся 23 мая.",
        expect![[r#"
            в четверг | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:ru:weekday
            в четверг | Relative Day 2024-05-09..2024-05-09 | published:2024-05-15 | time:ru:weekday
            Во вторник | Relative Day 2024-05-21..2024-05-21 | published:2024-05-15 | time:ru:weekday
            23 мая | Relative Day 2024-05-23..2024-05-23 | published:2024-05-15 | time:ru:day_month
        "#]],
    );
    check(
        "uk",
        PUBLISHED,
        "Делегація буде у четвер обговорювати постачання. У понеділок уряд ухвалив рішення. \
         Міністр у п'ятницю підписуватиме угоду.",
        expect![[r#"
            у четвер | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:uk:weekday
            У понеділок | Relative Day 2024-05-13..2024-05-13 | published:2024-05-15 | time:uk:weekday
            у п'ятницю | Relative Day 2024-05-17..2024-05-17 | published:2024-05-15 | time:uk:weekday
        "#]],
    );
    check(
        "fr",
        PUBLISHED,
        "La ministre recevra l'ambassadeur jeudi. Le porte-parole a déclaré jeudi que les \
         livraisons vont reprendre. Le sommet aura lieu le 22 mai.",
        expect![[r#"
            jeudi | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:fr:weekday
            jeudi | Relative Day 2024-05-09..2024-05-09 | published:2024-05-15 | time:fr:weekday
            le 22 mai | Relative Day 2024-05-22..2024-05-22 | published:2024-05-15 | time:fr:day_month
        "#]],
    );
    check(
        "es",
        PUBLISHED,
        "La ministra recibirá al embajador el jueves. El portavoz dijo el jueves que las \
         entregas van a continuar. La cumbre se celebrará el 22 de mayo.",
        expect![[r#"
            el jueves | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:es:weekday
            el jueves | Relative Day 2024-05-09..2024-05-09 | published:2024-05-15 | time:es:weekday
            el 22 de mayo | Relative Day 2024-05-22..2024-05-22 | published:2024-05-15 | time:es:day_month
        "#]],
    );
}

#[test]
fn next_and_coming_mark_the_future_only_before_a_time_word() {
    check(
        "en",
        PUBLISHED,
        "Next to the depot on Monday a drone exploded. Troops coming from the north shelled \
         the town on Tuesday. The envoy arrives next Thursday. She will report on what happened \
         last Monday.",
        expect![[r#"
            on Monday | Relative Day 2024-05-13..2024-05-13 | published:2024-05-15 | time:en:weekday
            on Tuesday | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:en:weekday
            Thursday | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:en:weekday
            last Monday | Relative Day 2024-05-13..2024-05-13 | published:2024-05-15 | time:en:last_weekday
        "#]],
    );
    check(
        "ru",
        PUBLISHED,
        "На следующий день во вторник войска отступили. Министр приедет на следующей неделе, \
         в четверг.",
        expect![[r#"
            На следующий день | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:ru:next_unit
            во вторник | Relative Day 2024-05-14..2024-05-14 | published:2024-05-15 | time:ru:weekday
            на следующей неделе | Relative Day 2024-05-20..2024-05-26 | published:2024-05-15 | time:ru:next_unit
            в четверг | Relative Day 2024-05-16..2024-05-16 | published:2024-05-15 | time:ru:weekday
        "#]],
    );
}

#[test]
fn a_future_date_without_year_is_the_next_one_not_the_nearest() {
    // Published 1 March: 15 October is nearer last year, but a future clause means this year.
    let published = Some("2024-03-01");
    check(
        "de",
        published,
        "Am 15. Oktober wurde verhandelt. Der Gipfel wird am 15. Oktober stattfinden.",
        expect![[r#"
            Am 15. Oktober | Relative Day 2023-10-15..2023-10-15 | published:2024-03-01 | time:de:day_month
            am 15. Oktober | Relative Day 2024-10-15..2024-10-15 | published:2024-03-01 | time:de:day_month
        "#]],
    );
    check(
        "en",
        published,
        "Talks were held on 15 October. The summit will take place on 15 October.",
        expect![[r#"
            on 15 October | Relative Day 2023-10-15..2023-10-15 | published:2024-03-01 | time:en:day_month
            on 15 October | Relative Day 2024-10-15..2024-10-15 | published:2024-03-01 | time:en:day_month
        "#]],
    );
    check(
        "ru",
        published,
        "Переговоры прошли 15 октября. Саммит будет проходить 15 октября.",
        expect![[r#"
            15 октября | Relative Day 2023-10-15..2023-10-15 | published:2024-03-01 | time:ru:day_month
            15 октября | Relative Day 2024-10-15..2024-10-15 | published:2024-03-01 | time:ru:day_month
        "#]],
    );
}

#[test]
fn ranges_stay_ranges() {
    check(
        "de",
        PUBLISHED,
        "Vom 11. bis 14. April tagte der Rat. Die Übung lief 2.–6. März. Zwischen dem 28. \
         Dezember und dem 3. Januar ruhten die Waffen. Von März bis Mai 2023 wurde gekämpft. \
         In den vergangenen Tagen gab es Angriffe.",
        expect![[r#"
            Vom 11. bis 14. April | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:de:day_range
            2.–6. März | Relative Day 2024-03-02..2024-03-06 | published:2024-05-15 | time:de:day_range
            Zwischen dem 28. Dezember und dem 3. Januar | Relative Day 2023-12-28..2024-01-03 | published:2024-05-15 | time:de:day_range
            Von März bis Mai 2023 | Absolute Month 2023-03-01..2023-05-31 | absolute | time:de:month_range
            In den vergangenen Tagen | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:de:recent_days
        "#]],
    );
    check(
        "en",
        PUBLISHED,
        "The council met from 11 to 14 April. The drill ran between 2 and 6 March. Shelling \
         continued April 3-5, 2023. Fighting raged from March to May. In the past few days \
         drones struck depots.",
        expect![[r#"
            from 11 to 14 April | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:en:day_range
            between 2 and 6 March | Relative Day 2024-03-02..2024-03-06 | published:2024-05-15 | time:en:day_range
            April 3-5, 2023 | Absolute Day 2023-04-03..2023-04-05 | absolute | time:en:day_range
            from March to May | Relative Month 2024-03-01..2024-05-31 | published:2024-05-15 | time:en:month_range
            In the past few days | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:en:recent_days
        "#]],
    );
    check(
        "ru",
        PUBLISHED,
        "С 11 по 14 апреля шли учения. Обстрелы продолжались 2–6 марта 2023 года. С марта по \
         май шли бои. В последние дни беспилотники атаковали склады.",
        expect![[r#"
            С 11 по 14 апреля | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:ru:day_range
            2–6 марта 2023 года | Absolute Day 2023-03-02..2023-03-06 | absolute | time:ru:day_range
            С марта по май | Relative Month 2024-03-01..2024-05-31 | published:2024-05-15 | time:ru:month_range
            В последние дни | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:ru:recent_days
        "#]],
    );
    check(
        "uk",
        PUBLISHED,
        "З 11 по 14 квітня тривали навчання. З березня по травень тривали бої. В останні дні \
         дрони атакували склади.",
        expect![[r#"
            З 11 по 14 квітня | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:uk:day_range
            З березня по травень | Relative Month 2024-03-01..2024-05-31 | published:2024-05-15 | time:uk:month_range
            В останні дні | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:uk:recent_days
        "#]],
    );
    check(
        "fr",
        PUBLISHED,
        "Du 11 au 14 avril, le conseil a siégé. De mars à mai, les combats ont continué. Ces \
         derniers jours, des drones ont frappé des dépôts.",
        expect![[r#"
            Du 11 au 14 avril | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:fr:day_range
            De mars à mai | Relative Month 2024-03-01..2024-05-31 | published:2024-05-15 | time:fr:month_range
            Ces derniers jours | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:fr:recent_days
        "#]],
    );
    check(
        "es",
        PUBLISHED,
        "Del 11 al 14 de abril se reunió el consejo. De marzo a mayo continuaron los combates. \
         En los últimos días los drones atacaron depósitos.",
        expect![[r#"
            Del 11 al 14 de abril | Relative Day 2024-04-11..2024-04-14 | published:2024-05-15 | time:es:day_range
            De marzo a mayo | Relative Month 2024-03-01..2024-05-31 | published:2024-05-15 | time:es:month_range
            En los últimos días | Relative Period 2024-05-08..2024-05-15 | published:2024-05-15 | time:es:recent_days
        "#]],
    );
}

#[test]
fn month_only_mid_month_and_part_of_day() {
    check(
        "de",
        PUBLISHED,
        "Im Jänner trafen sich die Generäle. Mitte April begann die Offensive. Anfang Feber \
         kamen die ersten Lieferungen, Ende März die letzten. Am Freitagabend fielen \
         Granaten, in der Nacht zum Sonntag Raketen. \
         Im Juni wird der Rat tagen.",
        expect![[r#"
            Im Jänner | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:de:month_name
            Mitte April | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:de:mid_month
            Anfang Feber | Relative Period 2024-02-01..2024-02-10 | published:2024-05-15 | time:de:early_month
            Ende März | Relative Period 2024-03-21..2024-03-31 | published:2024-05-15 | time:de:late_month
            Am Freitagabend | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:de:weekday_part
            in der Nacht zum Sonntag | Relative Day 2024-05-12..2024-05-12 | published:2024-05-15 | time:de:weekday_part
            Im Juni | Relative Month 2024-06-01..2024-06-30 | published:2024-05-15 | time:de:month_name
        "#]],
    );
    check(
        "en",
        PUBLISHED,
        "In January the generals met. The offensive began in mid-April. Early March saw the first \
         deliveries and late March the last. Shells fell on Friday evening. The council will \
         meet in June.",
        expect![[r#"
            In January | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:en:month_name
            in mid-April | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:en:mid_month
            Early March | Relative Period 2024-03-01..2024-03-10 | published:2024-05-15 | time:en:early_month
            late March | Relative Period 2024-03-21..2024-03-31 | published:2024-05-15 | time:en:late_month
            on Friday evening | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:en:weekday_part
            in June | Relative Month 2024-06-01..2024-06-30 | published:2024-05-15 | time:en:month_name
        "#]],
    );
    check(
        "ru",
        PUBLISHED,
        "В январе генералы встретились. В середине апреля началось наступление. В начале марта \
         пришли первые поставки. В пятницу вечером упали снаряды. В июне совет будет заседать.",
        expect![[r#"
            В январе | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:ru:month_name
            В середине апреля | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:ru:mid_month
            В начале марта | Relative Period 2024-03-01..2024-03-10 | published:2024-05-15 | time:ru:early_month
            В пятницу вечером | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:ru:weekday_part
            В июне | Relative Month 2024-06-01..2024-06-30 | published:2024-05-15 | time:ru:month_name
        "#]],
    );
    check(
        "uk",
        PUBLISHED,
        "У січні генерали зустрілися. В середині квітня почався наступ. Наприкінці березня \
         прийшли поставки. У п'ятницю ввечері впали снаряди.",
        expect![[r#"
            У січні | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:uk:month_name
            В середині квітня | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:uk:mid_month
            Наприкінці березня | Relative Period 2024-03-21..2024-03-31 | published:2024-05-15 | time:uk:late_month
            У п'ятницю ввечері | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:uk:weekday_part
        "#]],
    );
    check(
        "fr",
        PUBLISHED,
        "En janvier, les généraux se sont réunis. À la mi-avril, l'offensive a commencé. Début \
         mars, les premières livraisons sont arrivées. Vendredi soir, des obus sont tombés.",
        expect![[r#"
            En janvier | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:fr:month_name
            À la mi-avril | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:fr:mid_month
            Début mars | Relative Period 2024-03-01..2024-03-10 | published:2024-05-15 | time:fr:early_month
            Vendredi soir | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:fr:weekday_part
        "#]],
    );
    check(
        "es",
        PUBLISHED,
        "En enero se reunieron los generales. A mediados de abril comenzó la ofensiva. A \
         finales de marzo llegaron las entregas. El viernes por la noche cayeron proyectiles.",
        expect![[r#"
            En enero | Relative Month 2024-01-01..2024-01-31 | published:2024-05-15 | time:es:month_name
            A mediados de abril | Relative Period 2024-04-11..2024-04-20 | published:2024-05-15 | time:es:mid_month
            A finales de marzo | Relative Period 2024-03-21..2024-03-31 | published:2024-05-15 | time:es:late_month
            El viernes por la noche | Relative Day 2024-05-10..2024-05-10 | published:2024-05-15 | time:es:weekday_part
        "#]],
    );
}

#[test]
fn austrian_month_names_are_read_inflected() {
    let reader = reader();
    let month = |text: &str| {
        let (exprs, _) = reader.read(text, "de", PUBLISHED);
        exprs.first().and_then(|t| t.start.clone())
    };
    assert_eq!(month("am 3. Jänner 2023").as_deref(), Some("2023-01-03"));
    assert_eq!(month("Mitte Feber").as_deref(), Some("2024-02-11"));
    assert_eq!(
        month("im Laufe des Jänners 2022").as_deref(),
        Some("2022-01-01")
    );
    assert_eq!(month("am 5. Jän. 2021").as_deref(), Some("2021-01-05"));
}

#[test]
fn month_part_rules_need_their_days() {
    let dir = std::env::temp_dir().join(format!("armsgraph-time-part-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("time")).expect("temp dir");
    std::fs::write(
        dir.join("time/xx.toml"),
        "[months]\n4 = [\"aprile\"]\n[[rule]]\nid = \"mid\"\npattern = 'metà {month}'\nmeaning = \"month_part\"\n",
    )
    .expect("write xx.toml");
    let loaded = TimeReader::load(&DataFiles::dir(&dir));
    std::fs::remove_dir_all(&dir).ok();
    let err = loaded.expect_err("a month_part rule without days is refused");
    assert!(err.to_string().contains("days"), "{err}");
}
