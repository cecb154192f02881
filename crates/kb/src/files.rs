//! Read access to the `data/` tree, embedded or from a directory.

use std::path::PathBuf;

use include_dir::{include_dir, Dir};

use crate::compile::Source as _;

/// `data/` as the build script copied it: without the files only builds and training read
/// (`build_only` in build.rs).
static EMBEDDED: Dir<'static> = include_dir!("$OUT_DIR/embed");

pub use crate::error::DataError;

/// Where the data files come from.
#[derive(Debug, Clone)]
pub enum DataFiles {
    /// Compiled into the binary from the repository's `data/`.
    Embedded,
    /// A directory laid out like `data/`.
    Dir(PathBuf),
}

impl Default for DataFiles {
    fn default() -> Self {
        Self::from_env()
    }
}

impl DataFiles {
    /// `ARMSGRAPH_DATA` when set, else the embedded copy.
    pub fn from_env() -> Self {
        match std::env::var_os("ARMSGRAPH_DATA") {
            Some(dir) if !dir.is_empty() => DataFiles::Dir(PathBuf::from(dir)),
            _ => DataFiles::Embedded,
        }
    }

    pub fn dir(path: impl Into<PathBuf>) -> Self {
        DataFiles::Dir(path.into())
    }

    /// The text of one file, by its path relative to `data/` (e.g. `lang/de.toml`).
    pub fn read(&self, rel: &str) -> Result<String, DataError> {
        match self {
            DataFiles::Embedded => {
                let file = EMBEDDED.get_file(rel).ok_or_else(|| DataError::Missing {
                    path: rel.to_string(),
                })?;
                file.contents_utf8()
                    .map(str::to_string)
                    .ok_or_else(|| DataError::NotUtf8 {
                        path: rel.to_string(),
                    })
            }
            // The same reader the build script compiles the embedded copy with.
            DataFiles::Dir(root) => crate::compile::DirSource(root.clone()).read_text(rel),
        }
    }

    /// The bytes of one file (for compressed or binary data such as the demo corpus).
    pub fn read_bytes(&self, rel: &str) -> Result<Vec<u8>, DataError> {
        match self {
            DataFiles::Embedded => EMBEDDED
                .get_file(rel)
                .map(|f| f.contents().to_vec())
                .ok_or_else(|| DataError::Missing {
                    path: rel.to_string(),
                }),
            DataFiles::Dir(root) => {
                let path = root.join(rel);
                std::fs::read(&path).map_err(|source| match source.kind() {
                    std::io::ErrorKind::NotFound => DataError::Missing {
                        path: path.display().to_string(),
                    },
                    _ => DataError::Io {
                        path: path.display().to_string(),
                        source,
                    },
                })
            }
        }
    }

    /// The bytes of one file without a copy when they are embedded (`&'static`, so a
    /// model can be read in place from the binary: only the pages it touches are loaded).
    pub fn read_shared(&self, rel: &str) -> Result<std::borrow::Cow<'static, [u8]>, DataError> {
        match self {
            DataFiles::Embedded => EMBEDDED
                .get_file(rel)
                .map(|f| std::borrow::Cow::Borrowed(f.contents()))
                .ok_or_else(|| DataError::Missing {
                    path: rel.to_string(),
                }),
            DataFiles::Dir(_) => self.read_bytes(rel).map(std::borrow::Cow::Owned),
        }
    }

    /// Relative paths of the files directly in `subdir` whose names end with `suffix`,
    /// sorted, so that every language file in `lang/` is found without a list in code.
    pub fn list(&self, subdir: &str, suffix: &str) -> Result<Vec<String>, DataError> {
        let mut out = Vec::new();
        match self {
            DataFiles::Embedded => {
                if let Some(dir) = EMBEDDED.get_dir(subdir) {
                    for file in dir.files() {
                        let rel = file.path().to_string_lossy().replace('\\', "/");
                        if rel.ends_with(suffix) {
                            out.push(rel);
                        }
                    }
                }
            }
            DataFiles::Dir(root) => {
                out = crate::compile::DirSource(root.clone()).list_files(subdir, suffix)?;
            }
        }
        out.sort();
        Ok(out)
    }

    /// Relative paths of every file under `subdir`, at any depth, sorted.
    pub fn list_recursive(&self, subdir: &str) -> Result<Vec<String>, DataError> {
        let mut out = self.list(subdir, "")?;
        for dir in self.subdirs(subdir)? {
            out.extend(self.list_recursive(&dir)?);
        }
        out.sort();
        Ok(out)
    }

    /// Relative paths of the directories directly in `subdir`.
    fn subdirs(&self, subdir: &str) -> Result<Vec<String>, DataError> {
        let mut out = Vec::new();
        match self {
            DataFiles::Embedded => {
                if let Some(dir) = EMBEDDED.get_dir(subdir) {
                    for d in dir.dirs() {
                        out.push(d.path().to_string_lossy().replace('\\', "/"));
                    }
                }
            }
            DataFiles::Dir(root) => {
                let dir = root.join(subdir);
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    return Ok(out);
                };
                for entry in entries.flatten() {
                    // Symlinked directories are not followed: the data tree is plain files.
                    if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                        let name = entry.file_name().to_string_lossy().to_string();
                        out.push(format!("{}/{}", subdir.trim_end_matches('/'), name));
                    }
                }
            }
        }
        Ok(out)
    }

    /// The file stem of a relative path (`lang/de.toml` → `de`).
    pub fn stem(rel: &str) -> String {
        crate::compile::stem(rel)
    }
}

impl crate::compile::Source for DataFiles {
    fn read_text(&self, rel: &str) -> Result<String, DataError> {
        self.read(rel)
    }
    fn list_files(&self, subdir: &str, suffix: &str) -> Result<Vec<String>, DataError> {
        self.list(subdir, suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_listing_finds_new_files_without_code_changes() {
        let dir = std::env::temp_dir().join(format!("armsgraph-data-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("lang")).unwrap();
        std::fs::write(dir.join("lang/xx.toml"), "code = \"xx\"\n").unwrap();
        let files = DataFiles::dir(&dir);
        assert_eq!(files.list("lang", ".toml").unwrap(), vec!["lang/xx.toml"]);
        assert_eq!(files.read("lang/xx.toml").unwrap(), "code = \"xx\"\n");
        assert!(matches!(
            files.read("lang/none.toml"),
            Err(DataError::Missing { .. })
        ));
        std::fs::create_dir_all(dir.join("lang/deep")).unwrap();
        std::fs::write(dir.join("lang/deep/yy.toml"), "").unwrap();
        assert_eq!(
            files.list_recursive("lang").unwrap(),
            vec!["lang/deep/yy.toml", "lang/xx.toml"]
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
