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

/// How many chars of a decoded text [`not_text`] looks at: enough for a stable share, and a
/// bound on the work for a 64 MB document.
const TEXT_SAMPLE_CHARS: usize = 64 * 1024;

/// Why decoded bytes are not text in any charset, or `None` when they read as text.
///
/// Bytes that are not text still decode to *something* in a legacy charset (every byte is a
/// character in windows-1252), so the test is on the result, over its first 64k chars (for
/// HTML, outside `<…>`), in shares of its non-space chars (from 32 of them on):
/// - over 5 % replacement, control or private-use characters: nothing decoded them;
/// - over 20 % symbols outside ASCII (`¤¦©±¶‰†`): text in any script is letters, digits
///   and a little punctuation;
/// - mostly non-ASCII, in scripts that separate words with spaces, and under 2 % spaces: no
///   words (random bytes read as Cyrillic or Latin-1 letters);
/// - over 10 % of adjacent non-ASCII letters going from lower to upper case (`ÃéÙ`, `бЖя`):
///   case in real text changes at word starts, not at random inside words.
///
/// Measured on random bytes ≥ 0x80 (with and without spaces, as chardetng guesses their
/// charset) against real text in windows-1251, windows-1252, windows-1253, windows-1256,
/// UTF-16 and GBK: the tests below and docs/notes/robustness.md.
pub fn not_text(text: &str, is_html: bool) -> Option<String> {
    let mut n = TextCounts::default();
    let mut in_tag = false;
    let mut previous_lower = false;
    for c in text.chars().take(TEXT_SAMPLE_CHARS) {
        if is_html {
            match c {
                '<' => {
                    in_tag = true;
                    continue;
                }
                '>' if in_tag => {
                    in_tag = false;
                    continue;
                }
                _ if in_tag => continue,
                _ => {}
            }
        }
        let lower = !c.is_ascii() && c.is_lowercase();
        let upper = !c.is_ascii() && c.is_uppercase();
        if previous_lower && (lower || upper) {
            n.letter_pairs += 1;
            if upper {
                n.case_flips += 1;
            }
        }
        previous_lower = lower;
        if c.is_whitespace() {
            n.spaces += 1;
            continue;
        }
        n.chars += 1;
        if c.is_ascii() {
            if c.is_ascii_control() {
                n.bad += 1;
            }
            continue;
        }
        n.non_ascii += 1;
        if c == '\u{FFFD}' || c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) {
            n.bad += 1;
        } else if is_unspaced_script(c) {
            n.unspaced += 1;
        } else if !c.is_alphanumeric() && !is_text_sign(c) {
            n.symbols += 1;
        }
    }
    n.verdict()
}

#[derive(Default)]
struct TextCounts {
    /// Non-space chars.
    chars: usize,
    spaces: usize,
    /// Replacement, control and private-use chars.
    bad: usize,
    /// Non-ASCII chars that are neither letters, digits, marks nor common punctuation.
    symbols: usize,
    non_ascii: usize,
    /// Chars of scripts written without spaces.
    unspaced: usize,
    /// Adjacent non-ASCII cased letters starting with a lower-case one, and those of them
    /// that go to upper case.
    letter_pairs: usize,
    case_flips: usize,
}

impl TextCounts {
    fn verdict(&self) -> Option<String> {
        if self.chars < 32 {
            return None;
        }
        let share = |k: usize| k as f64 / self.chars as f64;
        if share(self.bad) > 0.05 {
            return Some(format!(
                "not text: {:.0} % of its characters are replacement, control or private-use characters after decoding",
                100.0 * share(self.bad)
            ));
        }
        if share(self.symbols) > 0.20 {
            return Some(format!(
                "not text: {:.0} % of its characters are symbols (bytes that are no text, read in some charset)",
                100.0 * share(self.symbols)
            ));
        }
        let spaced = self.non_ascii.saturating_sub(self.unspaced);
        if share(spaced) > 0.5 && (self.spaces as f64) < 0.02 * (self.chars + self.spaces) as f64 {
            return Some(
                "not text: letters without word spaces (bytes that are no text, read in some charset)"
                    .to_string(),
            );
        }
        if self.letter_pairs >= 50 && self.case_flips * 10 > self.letter_pairs {
            return Some(format!(
                "not text: case changes inside {:.0} % of letter pairs (bytes that are no text, read in some charset)",
                100.0 * self.case_flips as f64 / self.letter_pairs as f64
            ));
        }
        None
    }
}

/// Non-ASCII signs of real text that are not letters or digits: quotes, dashes, ellipsis,
/// bullets, signs news text carries, invisible formatting, CJK punctuation and the combining
/// marks of the scripts (Indic vowel signs, Arabic and Hebrew points).
fn is_text_sign(c: char) -> bool {
    matches!(
        c,
        '«' | '»' | '‹' | '›' | '„' | '“' | '”' | '‘' | '’' | '‚' | '–' | '—' | '…' | '·' | '•'
            | '°' | '€' | '£' | '№' | '§' | '¿' | '¡' | '×' | '−' | '′' | '″' | '\u{00A0}'
            | '\u{00AD}'
            | '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05F4}'
            | '\u{0600}'..='\u{061F}'
            | '\u{064B}'..='\u{065F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{0670}'
            | '\u{06D4}'..='\u{06ED}'
            | '\u{0900}'..='\u{0DFF}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{2000}'..='\u{206F}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{3000}'..='\u{303F}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{FEFF}'
            | '\u{FF00}'..='\u{FF65}'
    )
}

/// Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar,
/// Tibetan): their texts have few spaces by nature.
fn is_unspaced_script(c: char) -> bool {
    matches!(
        c,
        '\u{0E00}'..='\u{0EFF}'
            | '\u{0F00}'..='\u{0FFF}'
            | '\u{1000}'..='\u{109F}'
            | '\u{1780}'..='\u{17FF}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{2FFFF}'
    )
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

/// UTF-16 without BOM: text of one script, so that the high byte of each unit (every odd
/// byte in LE, every even byte in BE) is zero (ASCII: spaces, digits, punctuation) or the
/// script's block (0x04 for Cyrillic, 0x03 for Greek, 0x06 for Arabic), while the low bytes
/// vary and are rarely zero.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    // Per parity: zero bytes, and bytes that are zero or the most common non-zero value.
    let profile = |parity: usize| {
        let mut counts = [0usize; 256];
        for b in sample.iter().skip(parity).step_by(2) {
            counts[*b as usize] += 1;
        }
        let zeros = counts[0];
        let block = counts[1..].iter().max().copied().unwrap_or(0);
        let distinct = counts.iter().filter(|&&n| n > 0).count();
        (zeros, zeros + block, distinct)
    };
    let (even, odd) = (profile(0), profile(1));
    let high_bytes = |(zeros, zero_or_block, _): (usize, usize, usize)| {
        zeros * 10 >= pairs * 7 || (zeros * 20 >= pairs && zero_or_block * 100 >= pairs * 97)
    };
    let low_bytes =
        |(zeros, _, distinct): (usize, usize, usize)| zeros * 10 <= pairs && distinct >= 8;
    if high_bytes(odd) && low_bytes(even) {
        Some(encoding_rs::UTF_16LE)
    } else if high_bytes(even) && low_bytes(odd) {
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
