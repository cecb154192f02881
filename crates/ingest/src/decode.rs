//! Bytes to text: pick the charset (BOM, HTTP header, `<meta>`, then detection) and decode.

use encoding_rs::Encoding;

/// How many leading bytes are searched for a `<meta charset>` (the HTML spec's prescan
/// looks at 1024; real pages put it later behind long `<head>`s).
const META_PRESCAN: usize = 4096;
/// How many bytes feed the detector when nothing declares a charset.
const DETECT_BYTES: usize = 64 * 1024;

/// Decoded text plus the charset and where it came from (`utf-8 (bom)`).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub charset: String,
}

/// `charset=` of a `Content-Type` value (`text/html; charset="ISO-8859-1"`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// Whether the bytes look like binary data rather than text in any charset: NUL bytes or
/// many control characters in the first 8 KB (UTF-16 with a BOM is text and checked first).
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(bytes).is_some()
    {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

/// Decode `bytes`: BOM first, then the transport's declared charset (`http_charset`), then
/// a `<meta>` declaration (HTML only), then chardetng (with the URL's TLD as a hint).
pub fn decode(
    bytes: &[u8],
    http_charset: Option<&str>,
    is_html: bool,
    url: Option<&str>,
) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return decoded(text.into_owned(), enc, "bom");
    }
    if let Some(enc) = http_charset.and_then(|c| Encoding::for_label(c.as_bytes())) {
        return decode_with(bytes, enc, "http header");
    }
    if is_html {
        if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN)]) {
            return decode_with(bytes, enc, "meta");
        }
    }
    // UTF-16 without a byte order mark: text in which every other byte is zero (valid
    // UTF-8 too, as NUL is, so it is checked first).
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return decoded(text.into_owned(), enc, "no bom, zero bytes");
    }
    // Valid UTF-8 is by far the most common case, and the detector cannot do better on it.
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            charset: "utf-8 (valid)".to_string(),
        };
    }
    // Overwhelmingly valid UTF-8 with a few bad bytes (a truncated copy, one corrupted
    // byte) is UTF-8: a legacy charset would turn every other non-ASCII letter into
    // mojibake. The bad bytes become U+FFFD and the charset says how many.
    if let Some(invalid) = mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Decoded {
            text,
            charset: format!("utf-8 ({invalid} invalid bytes replaced)"),
        };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(
        &bytes[..bytes.len().min(DETECT_BYTES)],
        bytes.len() <= DETECT_BYTES,
    );
    let tld = url.and_then(tld_of);
    let enc = det.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    decode_with(bytes, enc, "detected")
}

/// Invalid bytes of a text that is UTF-8 but for a few: at least 20 valid multi-byte
/// characters for each invalid byte.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    (invalid > 0 && multibyte >= 20 * invalid).then_some(invalid)
}

/// UTF-16 without BOM: mostly ASCII text whose zero high bytes sit at every odd (LE) or
/// every even (BE) position.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 10 >= pairs * 7 && even * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn decode_with(bytes: &[u8], enc: &'static Encoding, source: &str) -> Decoded {
    // UTF-16 labels in a `<meta>` are a lie (the bytes parsed as ASCII); the spec says UTF-8.
    let enc = if source == "meta" && (enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE)
    {
        encoding_rs::UTF_8
    } else {
        enc
    };
    let (text, _, _) = enc.decode(bytes);
    decoded(text.into_owned(), enc, source)
}

fn decoded(text: String, enc: &'static Encoding, source: &str) -> Decoded {
    Decoded {
        text,
        charset: format!("{} ({source})", enc.name().to_ascii_lowercase()),
    }
}

/// `<meta charset="x">` or `<meta http-equiv="Content-Type" content="…; charset=x">` in
/// the first bytes (ASCII-compatible scan).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cpos) = find(tag, b"charset") {
            let rest = &tag[cpos + 7..];
            let rest = rest
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'=')
                .copied()
                .collect::<Vec<u8>>();
            let label: Vec<u8> = rest
                .iter()
                .skip_while(|b| **b == b'"' || **b == b'\'')
                .take_while(|b| {
                    !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') && !b.is_ascii_whitespace()
                })
                .copied()
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                return Some(enc);
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn tld_of(url: &str) -> Option<String> {
    let host = url
        .split_once("://")?
        .1
        .split(['/', ':', '?', '#'])
        .next()?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_order_bom_header_meta_detect() {
        let bom = b"\xEF\xBB\xBFGr\xC3\xBC\xC3\x9Fe";
        assert_eq!(
            decode(bom, Some("latin1"), false, None).charset,
            "utf-8 (bom)"
        );
        let latin =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\xFC\xDFe</body></html>";
        let d = decode(latin, None, true, None);
        assert_eq!(d.charset, "windows-1252 (meta)");
        assert!(d.text.contains("Grüße"));
        let h = decode(latin, Some("utf-8"), true, None);
        assert_eq!(h.charset, "utf-8 (http header)");
        let cyr = "Война и мир, министерство обороны сообщило о поставках".as_bytes();
        let (win, _, _) = encoding_rs::WINDOWS_1251.encode(std::str::from_utf8(cyr).unwrap());
        let d = decode(&win, None, false, Some("https://example.ru/a"));
        assert_eq!(d.charset, "windows-1251 (detected)");
        assert!(d.text.starts_with("Война"));
    }

    #[test]
    fn one_bad_byte_keeps_utf8_and_utf16_without_bom_is_text() {
        let mut bytes = "Aserbaidschan kauft Waffen: Drohnen, Mörser, Haubitzen für Übungen. "
            .repeat(10)
            .into_bytes();
        bytes.insert(30, 0xFF);
        let d = decode(&bytes, None, false, None);
        assert!(
            d.text.contains("Mörser") && d.text.contains("für"),
            "{}",
            d.text
        );
        assert_eq!(d.charset, "utf-8 (1 invalid bytes replaced)");

        let text = "Belarus liefert Artillerie an Aserbaidschan.";
        for enc in [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE] {
            let bytes: Vec<u8> = text
                .chars()
                .flat_map(|c| {
                    if enc == encoding_rs::UTF_16LE {
                        (c as u16).to_le_bytes()
                    } else {
                        (c as u16).to_be_bytes()
                    }
                })
                .collect();
            assert!(!looks_binary(&bytes));
            assert_eq!(utf16_without_bom(&bytes), Some(enc));
            assert_eq!(decode(&bytes, None, false, None).text, text);
        }
    }

    #[test]
    fn content_type_charset_and_binary_sniff() {
        assert_eq!(charset_param("text/html; charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary("Grüße aus Köln\n".as_bytes()));
        assert!(!looks_binary(b"\xFF\xFEh\0i\0"));
    }
}
