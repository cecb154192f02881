//! Adding a seventh language is adding data files: no Rust change.

use std::path::{Path, PathBuf};

use armsgraph_kb::DataFiles;
use armsgraph_model::LinkMethod;
use armsgraph_nlp::Reader;

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[test]
fn italian_from_two_data_files() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let dir = std::env::temp_dir().join(format!("armsgraph-it-{}", std::process::id()));
    copy_dir(&data, &dir).unwrap();
    std::fs::write(
        dir.join("lang/it.toml"),
        r#"# Italian: adjective agreement -o/-a/-i/-e (test data).
code = "it"
name = "Italian"

[[inflection]]
forms = ["adjective"]
strip = "o"
add = ["a", "i", "e"]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("kb/names/it.tsv"),
        "# Italian names (test data).\nid\tform\ttext\nAZE\tname\tAzerbaigian\nAZE\tadjective\tazerbaigiano\nBLR\tname\tBielorussia\nBLR\tadjective\tbielorusso\n",
    )
    .unwrap();

    let reader = Reader::load(&DataFiles::dir(&dir)).unwrap();
    assert!(reader.languages().contains(&"it".to_string()));
    let ms = reader.mentions_in(
        "L'Azerbaigian ha ricevuto artiglieria bielorussa, secondo fonti azerbaigiane.",
        "it",
    );
    std::fs::remove_dir_all(&dir).ok();
    let find = |s: &str| {
        ms.iter()
            .find(|m| m.text == s)
            .map(|m| (m.entity.as_str(), m.method.clone()))
    };
    assert_eq!(find("Azerbaigian"), Some(("AZE", LinkMethod::Name)));
    assert_eq!(find("azerbaigiane"), Some(("AZE", LinkMethod::Inflection)));
    assert_eq!(find("bielorussa"), Some(("BLR", LinkMethod::Inflection)));
}
