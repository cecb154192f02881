//! Writes the bundled leaked-document samples (`data/samples/leaks/`):
//! `cargo run -p armsgraph-ingest --example leak_samples -- data/samples/leaks`.
//! The scans need `pdftoppm` (poppler-utils). The texts are invented for these samples.

#[path = "../tests/common/samples.rs"]
mod samples;

fn main() -> std::io::Result<()> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "data/samples/leaks".to_string()),
    );
    std::fs::create_dir_all(&dir)?;
    let pdf = samples::note_pdf();
    std::fs::write(dir.join("note.pdf"), &pdf)?;
    std::fs::write(dir.join("note.docx"), samples::docx(None))?;
    std::fs::write(dir.join("nota.odt"), samples::odt())?;
    std::fs::write(dir.join("note.eml"), samples::eml_with_pdf(&pdf))?;
    std::fs::write(dir.join("inbox.mbox"), samples::mbox(&pdf, 2))?;
    let large = samples::large_print_pdf(samples::SCAN_LINES);
    std::fs::write(
        dir.join("scan.png"),
        samples::render_page(&large, "png", 150),
    )?;
    let (w, h, grey) = samples::render_grey(&large, 100);
    std::fs::write(dir.join("scan.pdf"), samples::image_pdf(w, h, &grey))?;
    Ok(())
}
