//! OCR of scanned pages with the `tesseract` program (Debian: `tesseract-ocr` plus
//! `tesseract-ocr-deu`, `-rus`, `-ukr`, `-eng`, …), and `pdftoppm` (`poppler-utils`) to
//! rasterise a PDF page that has no text layer.
//!
//! Both run as subprocesses fed through stdin/stdout (no temporary files) with a time limit
//! each; a program that overruns it is killed and the page reported unread. The programs
//! are looked up on `PATH`, or taken from `ARMSGRAPH_TESSERACT` / `ARMSGRAPH_PDFTOPPM`.
//! We call the programs rather than link libtesseract so that a machine without it still
//! builds, and says which package to install when a scan comes in.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Languages we read, in tesseract's names (ISO 639-2/T); those installed are used together.
const LANGUAGES: &[&str] = &["deu", "eng", "rus", "ukr", "fra", "spa"];
/// Resolution a PDF page is rasterised at: tesseract reads best at about 300 dpi.
const RASTER_DPI: u32 = 300;
/// Largest OCR output or raster image accepted from a subprocess.
const MAX_OUTPUT_BYTES: usize = 64 << 20;

/// Why a scan could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum OcrError {
    #[error("OCR needs the tesseract program, which is not installed (`{program}`: {reason}); install the Debian packages tesseract-ocr tesseract-ocr-deu tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-eng")]
    NoTesseract { program: String, reason: String },
    #[error("tesseract has none of the language data armsgraph reads (deu, eng, rus, ukr, fra, spa); install tesseract-ocr-deu tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-ukr")]
    NoLanguages,
    #[error("rasterising a scanned PDF page needs pdftoppm (`{program}`: {reason}); install the Debian package poppler-utils")]
    NoPdftoppm { program: String, reason: String },
    #[error("{program} took longer than {seconds} s and was stopped")]
    Timeout { program: String, seconds: u64 },
    #[error("{program} failed: {message}")]
    Failed { program: String, message: String },
}

/// How to run OCR: which programs, how long each call may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ocr {
    pub tesseract: String,
    pub pdftoppm: String,
    /// Time limit of one subprocess call (one page).
    pub timeout: Duration,
}

impl Default for Ocr {
    fn default() -> Self {
        Ocr {
            tesseract: "tesseract".to_string(),
            pdftoppm: "pdftoppm".to_string(),
            timeout: Duration::from_secs(120),
        }
    }
}

/// A working tesseract: its version and the languages it will be asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engine {
    config: Ocr,
    version: String,
    languages: String,
}

/// Probes of tesseract, by program name: asked once per process, not once per page.
/// What probing one tesseract program found: its version and languages, or why not.
type Probe = Result<(String, String), OcrError>;

static PROBED: OnceLock<Mutex<Vec<(String, Probe)>>> = OnceLock::new();

impl Ocr {
    /// The default programs, or those named by `ARMSGRAPH_TESSERACT` / `ARMSGRAPH_PDFTOPPM`.
    pub fn from_env() -> Ocr {
        let mut ocr = Ocr::default();
        if let Ok(p) = std::env::var("ARMSGRAPH_TESSERACT") {
            ocr.tesseract = p;
        }
        if let Ok(p) = std::env::var("ARMSGRAPH_PDFTOPPM") {
            ocr.pdftoppm = p;
        }
        ocr
    }

    /// A working OCR engine, or why there is none (with the package to install).
    pub fn engine(&self) -> Result<Engine, OcrError> {
        let probes = PROBED.get_or_init(Default::default);
        let cached = probes.lock().ok().and_then(|p| {
            p.iter()
                .find(|(k, _)| *k == self.tesseract)
                .map(|(_, v)| v.clone())
        });
        let probe = match cached {
            Some(p) => p,
            None => {
                let p = self.probe();
                if let Ok(mut probes) = probes.lock() {
                    probes.push((self.tesseract.clone(), p.clone()));
                }
                p
            }
        };
        let (version, languages) = probe?;
        Ok(Engine {
            config: self.clone(),
            version,
            languages,
        })
    }

    fn probe(&self) -> Result<(String, String), OcrError> {
        let missing = |reason: String| OcrError::NoTesseract {
            program: self.tesseract.clone(),
            reason,
        };
        let out = run(&self.tesseract, &["--version"], &[], self.timeout)
            .map_err(|e| missing(e.to_string()))?;
        let version = String::from_utf8_lossy(&out)
            .lines()
            .next()
            .unwrap_or("tesseract")
            .trim()
            .to_string();
        let listed = run(&self.tesseract, &["--list-langs"], &[], self.timeout)
            .map_err(|e| missing(e.to_string()))?;
        let installed: Vec<String> = String::from_utf8_lossy(&listed)
            .lines()
            .map(|l| l.trim().to_string())
            .collect();
        let languages: Vec<&str> = LANGUAGES
            .iter()
            .copied()
            .filter(|l| installed.iter().any(|i| i == l))
            .collect();
        if languages.is_empty() {
            return Err(OcrError::NoLanguages);
        }
        Ok((version, languages.join("+")))
    }
}

impl Engine {
    /// `tesseract 5.3.0 (deu+eng+rus+ukr)`: what read the text, for the metadata.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.version, self.languages)
    }

    /// The text of one image (PNG, JPEG, TIFF; every page of a multi-page TIFF).
    pub fn image(&self, bytes: &[u8]) -> Result<String, OcrError> {
        let out = run(
            &self.config.tesseract,
            &["stdin", "stdout", "-l", &self.languages],
            bytes,
            self.config.timeout,
        )
        .map_err(|e| e.into_ocr(&self.config.tesseract, self.config.timeout))?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The text of page `page` (1-based) of a PDF, rasterised by pdftoppm.
    pub fn pdf_page(&self, pdf: &[u8], page: usize) -> Result<String, OcrError> {
        let n = page.to_string();
        let dpi = RASTER_DPI.to_string();
        let png = run(
            &self.config.pdftoppm,
            &["-f", &n, "-l", &n, "-r", &dpi, "-gray", "-png", "-"],
            pdf,
            self.config.timeout,
        )
        .map_err(|e| match e {
            RunError::Start(reason) => OcrError::NoPdftoppm {
                program: self.config.pdftoppm.clone(),
                reason,
            },
            other => other.into_ocr(&self.config.pdftoppm, self.config.timeout),
        })?;
        self.image(&png)
    }
}

#[derive(Debug)]
enum RunError {
    Start(String),
    Timeout,
    Failed(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Start(r) => write!(f, "{r}"),
            RunError::Timeout => write!(f, "timed out"),
            RunError::Failed(m) => write!(f, "{m}"),
        }
    }
}

impl RunError {
    fn into_ocr(self, program: &str, timeout: Duration) -> OcrError {
        match self {
            RunError::Start(reason) => OcrError::NoTesseract {
                program: program.to_string(),
                reason,
            },
            RunError::Timeout => OcrError::Timeout {
                program: program.to_string(),
                seconds: timeout.as_secs(),
            },
            RunError::Failed(message) => OcrError::Failed {
                program: program.to_string(),
                message,
            },
        }
    }
}

/// Run `program args`, feeding `input` on stdin, and return its stdout; killed after
/// `timeout`. Stdout and stderr are drained by threads so a chatty program cannot block.
fn run(program: &str, args: &[&str], input: &[u8], timeout: Duration) -> Result<Vec<u8>, RunError> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("OMP_THREAD_LIMIT", "1")
        .spawn()
        .map_err(|e| RunError::Start(e.to_string()))?;
    let stdin = child.stdin.take();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // A program that exits early closes its stdin: not our error to report.
            let _ = stdin.write_all(&data);
        }
    });
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(p) = pipe {
                let _ = p.take(MAX_OUTPUT_BYTES as u64).read_to_end(&mut out);
            }
            out
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(RunError::Timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(RunError::Failed(e.to_string())),
        }
    };
    let _ = writer.join();
    let out = stdout.join().unwrap_or_default();
    let err = stderr.join().unwrap_or_default();
    if !status.success() {
        let message = String::from_utf8_lossy(&err);
        let message = message
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("no message")
            .to_string();
        return Err(RunError::Failed(format!("{status}: {message}")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_tesseract_names_the_package() {
        let ocr = Ocr {
            tesseract: "/nonexistent/tesseract".to_string(),
            ..Ocr::default()
        };
        let err = ocr.engine().expect_err("no such program");
        assert!(err.to_string().contains("apt") || err.to_string().contains("tesseract-ocr"));
        assert!(err.to_string().contains("tesseract-ocr-deu"), "{err}");
    }

    #[test]
    fn a_hanging_program_is_stopped_at_the_time_limit() {
        let started = Instant::now();
        let err = run("sleep", &["30"], &[], Duration::from_millis(300)).expect_err("killed");
        assert!(matches!(err, RunError::Timeout), "{err}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
