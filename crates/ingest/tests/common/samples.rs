//! Leaked-document samples made from scratch: PDFs written with lopdf, DOCX/ODT zips,
//! e-mails with a PDF attachment, scans rasterised by pdftoppm. Used by the tests and by
//! `cargo run -p armsgraph-ingest --example leak_samples` (the bundled `data/samples/leaks/`).
//! The texts are invented for these samples.

#![allow(dead_code)]

use std::io::Write;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Object, Stream, StringFormat};

/// Page 1 and page 2 of the sample diplomatic note, line by line.
pub const NOTE_PAGES: [&[&str]; 2] = [
    &[
        "Vertrauliche Note des Auswärtigen Amtes",
        "",
        "Nach Angaben aus Diplomatenkreisen hat Russland im Mai 2024 vierzig",
        "Kampfpanzer vom Typ T-72 an Belarus geliefert. Die Lieferung erfolgte",
        "über den Grenzübergang bei Smolensk.",
        "",
        "Die Regierung in Minsk hat die Lieferung bisher nicht bestätigt.",
    ],
    &[
        "Bewertung",
        "",
        "Aserbaidschan kaufte nach Angaben des Ministeriums im selben Jahr",
        "Drohnen aus Israel. Armenien protestierte gegen die Lieferung.",
    ],
];

/// A text PDF: one page per entry of `pages` (lines of text, Helvetica, WinAnsi), with an
/// info dictionary.
pub fn text_pdf(pages: &[&[&str]], title: &str, author: &str, created: &str) -> Vec<u8> {
    pdf_with(pages, 11, Some((title, author, created)), |_| {})
}

/// The sample note as a PDF.
pub fn note_pdf() -> Vec<u8> {
    text_pdf(
        &NOTE_PAGES,
        "Vertrauliche Note zu Rüstungslieferungen",
        "Referat 201",
        "D:20240514093000+02'00'",
    )
}

/// Builds a PDF; `tweak` may change the document before it is saved.
pub fn pdf_with(
    pages: &[&[&str]],
    font_size: i64,
    info: Option<(&str, &str, &str)>,
    tweak: impl FnOnce(&mut lopdf::Document),
) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let leading = font_size * 3 / 2;
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), font_size.into()]),
            Operation::new("Td", vec![60.into(), 780.into()]),
        ];
        for line in lines.iter() {
            if !line.is_empty() {
                ops.push(Operation::new(
                    "Tj",
                    vec![Object::String(latin1(line), StringFormat::Literal)],
                ));
            }
            ops.push(Operation::new("Td", vec![0.into(), (-leading).into()]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(
            dictionary! {},
            content.encode().expect("content encodes"),
        ));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    if let Some((title, author, created)) = info {
        let info_id = doc.add_object(dictionary! {
            "Title" => lopdf::text_string(title),
            "Author" => lopdf::text_string(author),
            "CreationDate" => Object::string_literal(created),
            "ModDate" => Object::string_literal(created),
            "Producer" => Object::string_literal("armsgraph test samples"),
        });
        doc.trailer.set("Info", info_id);
    }
    tweak(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF saves");
    out
}

/// A PDF that declares standard encryption with a user password (the /U entry matches no
/// password), so it cannot be opened without one.
pub fn encrypted_pdf() -> Vec<u8> {
    pdf_with(&NOTE_PAGES, 11, None, |doc| {
        let encrypt = doc.add_object(dictionary! {
            "Filter" => "Standard",
            "V" => 1,
            "R" => 2,
            "O" => Object::String(vec![0x5a; 32], StringFormat::Hexadecimal),
            "U" => Object::String(vec![0xa5; 32], StringFormat::Hexadecimal),
            "P" => -44,
        });
        doc.trailer.set("Encrypt", encrypt);
        doc.trailer.set(
            "ID",
            vec![
                Object::String(vec![7; 16], StringFormat::Hexadecimal),
                Object::String(vec![7; 16], StringFormat::Hexadecimal),
            ],
        );
    })
}

/// A PDF whose only page is an 8-bit grey image (a scan): no text layer.
pub fn image_pdf(width: usize, height: usize, grey: &[u8]) -> Vec<u8> {
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(grey).expect("compress");
    let data = z.finish().expect("compress");
    let image_id = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => width as i64,
            "Height" => height as i64,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
            "Filter" => "FlateDecode",
        },
        data,
    ));
    // The page is the image at 150 dpi.
    let (w, h) = ((width * 72 / 150) as i64, (height * 72 / 150) as i64);
    let content = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new(
                "cm",
                vec![w.into(), 0.into(), 0.into(), h.into(), 0.into(), 0.into()],
            ),
            Operation::new("Do", vec!["Im1".into()]),
            Operation::new("Q", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("ops")));
    let resources_id = doc.add_object(dictionary! {
        "XObject" => dictionary! { "Im1" => image_id },
    });
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources_id,
        "MediaBox" => vec![0.into(), 0.into(), w.into(), h.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF saves");
    out
}

/// Lines for the scan samples: large print, so OCR reads them reliably.
pub const SCAN_LINES: &[&str] = &[
    "CONFIDENTIAL",
    "",
    "Russia delivered forty T-72 tanks",
    "to Belarus in May 2024.",
];

/// Whether the OCR programs are here; in CI their absence is a failure, not a skip.
pub fn ocr_programs_present() -> bool {
    let present = |p: &str| std::process::Command::new(p).arg("-v").output().is_ok();
    let ok = present("tesseract") && present("pdftoppm");
    if !ok && std::env::var_os("CI").is_some() {
        panic!(
            "CI is set but tesseract or pdftoppm is missing: install tesseract-ocr \
             tesseract-ocr-deu tesseract-ocr-rus tesseract-ocr-ukr tesseract-ocr-eng poppler-utils"
        );
    }
    ok
}

/// Renders page 1 of a PDF with `pdftoppm` at `dpi`: (`format` = `png`, `tiff`, `jpeg`)
/// image bytes. Through files: libtiff cannot write to a pipe.
pub fn render_page(pdf: &[u8], format: &str, dpi: u32) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, pdf).expect("write PDF");
    let root = dir.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-gray",
        ])
        .arg(format!("-{format}"))
        .arg(&input)
        .arg(&root)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success(), "pdftoppm failed");
    let ext = match format {
        "tiff" => "tif",
        "jpeg" => "jpg",
        other => other,
    };
    std::fs::read(dir.path().join(format!("page.{ext}"))).expect("rendered page")
}

/// The grey pixels of a page rendered by pdftoppm (PGM), with width and height.
pub fn render_grey(pdf: &[u8], dpi: u32) -> (usize, usize, Vec<u8>) {
    let mut child = std::process::Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", &dpi.to_string(), "-gray", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftoppm runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("pdftoppm finishes");
    writer.join().expect("writer").expect("written");
    // P5\n<w> <h>\n255\n<pixels>
    let pgm = out.stdout;
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..i]).to_string());
    }
    i += 1;
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, pgm[i..i + w * h].to_vec())
}

/// A large-print one-page PDF of `lines`, for rendering scans.
pub fn large_print_pdf(lines: &[&str]) -> Vec<u8> {
    pdf_with(&[lines], 24, None, |_| {})
}

fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// A DOCX with a heading, paragraphs, a table and core properties; `document_xml` replaces
/// the body part when given (hostile variants).
pub fn docx(document_xml: Option<&[u8]>) -> Vec<u8> {
    let body = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Vertrauliche Note</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Nach Angaben aus Diplomatenkreisen hat Russland im Mai 2024 vierzig Kampfpanzer </w:t></w:r><w:r><w:t>vom Typ T-72 an Belarus geliefert.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>System</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Anzahl</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>T-72</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>40</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Die Regierung in Minsk hat die Lieferung bisher nicht bestätigt.</w:t></w:r></w:p>
</w:body></w:document>"#;
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Vertrauliche Note zu Rüstungslieferungen</dc:title><dc:creator>Referat 201</dc:creator><cp:lastModifiedBy>Lagezentrum</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-14T09:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-15T11:00:00Z</dcterms:modified>
</cp:coreProperties>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip_of(&[
        ("[Content_Types].xml", types.as_bytes()),
        ("word/document.xml", document_xml.unwrap_or(body.as_bytes())),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

/// An ODT with a heading, a paragraph, a list and meta.xml.
pub fn odt() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:h text:outline-level="1">Nota confidencial</text:h>
<text:p>Según fuentes diplomáticas, Rusia entregó<text:s/>cuarenta tanques T-72 a Bielorrusia en mayo de 2024.</text:p>
<text:list><text:list-item><text:p>Primer punto</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>T-72</text:p></table:table-cell><table:table-cell><text:p>40</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>"#;
    let meta = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>
<meta:generator>LibreOffice/7.4</meta:generator><dc:title>Nota confidencial</dc:title><meta:initial-creator>Ana García</meta:initial-creator>
<meta:creation-date>2024-05-14T09:30:00</meta:creation-date><dc:date>2024-05-16T08:00:00</dc:date></office:meta></office:document-meta>"#;
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
        ("meta.xml", meta.as_bytes()),
    ])
}

pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            zip.start_file(*name, options).expect("zip entry");
            zip.write_all(data).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    out.into_inner()
}

/// An e-mail with a text body and `pdf` attached (base64).
pub fn eml_with_pdf(pdf: &[u8]) -> Vec<u8> {
    use base64_lite as b64;
    format!(
        "From: Anna Berger <a.berger@example.org>\r\n\
To: Lagezentrum <lage@example.org>, redaktion@example.net\r\n\
Cc: Referat 201 <ref201@example.org>\r\n\
Subject: =?UTF-8?Q?Note_zu_R=C3=BCstungslieferungen?=\r\n\
Date: Tue, 14 May 2024 10:15:00 +0200\r\n\
Message-ID: <note-2024-05-14@example.org>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\
\r\n\
--XYZ\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: 8bit\r\n\
\r\n\
Anbei die Note zur Lieferung von Kampfpanzern an Belarus.\r\n\
\r\n\
Der Botschafter bestätigte die Lieferung am Montag.\r\n\
\r\n\
--XYZ\r\n\
Content-Type: application/pdf; name=\"note.pdf\"\r\n\
Content-Disposition: attachment; filename=\"note.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
{}\r\n\
--XYZ--\r\n",
        b64::encode_lines(pdf)
    )
    .into_bytes()
}

/// A small mbox: the e-mail above, then `extra` short messages.
pub fn mbox(pdf: &[u8], extra: usize) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"From a.berger@example.org Tue May 14 10:15:00 2024\n");
    out.extend_from_slice(
        &eml_with_pdf(pdf)
            .iter()
            .copied()
            .filter(|&b| b != b'\r')
            .collect::<Vec<u8>>(),
    );
    out.push(b'\n');
    for i in 0..extra {
        out.extend_from_slice(
            format!(
                "From b{i}@example.org Wed May 15 08:00:00 2024\n\
From: Bernd {i} <b{i}@example.org>\n\
To: lage@example.org\n\
Subject: Nachtrag {i}\n\
Date: Wed, 15 May 2024 08:00:00 +0200\n\
Message-ID: <nachtrag-{i}@example.org>\n\
\n\
Armenien protestierte gegen die Lieferung von Drohnen.\n\
>From the archive: a quoted line.\n\
\n"
            )
            .as_bytes(),
        );
    }
    out
}

/// Base64 for the test messages (RFC 2045 lines of 76 chars).
mod base64_lite {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode_lines(data: &[u8]) -> String {
        let mut s = String::new();
        for chunk in data.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    s.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    s.push('=');
                }
            }
        }
        s.as_bytes()
            .chunks(76)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n")
    }
}
