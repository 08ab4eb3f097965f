//! X.500 subjects as Key Vault takes them (`CN=www.contoso.com, O=Contoso`): RFC 4514 escaping,
//! double-quoted values, `+` for multi-valued RDNs, and `,` (or `;`, as older RFC 2253 tools
//! write) between RDNs, with optional spaces around separators.
//!
//! The parser works on a vector of `char`s and never slices the input, so any string (it is
//! fuzzed) gives either attributes or an error saying where and why.

use crate::SubjectAttribute;

/// Attribute types known by name, upper case, with the aliases some tools write.
const KNOWN_KEYS: &[(&str, &str)] = &[
    ("CN", "CN"),
    ("O", "O"),
    ("OU", "OU"),
    ("L", "L"),
    ("ST", "ST"),
    ("S", "ST"),
    ("C", "C"),
    ("E", "E"),
    ("EMAIL", "E"),
    ("EMAILADDRESS", "E"),
];

/// Characters that must be escaped anywhere in a value (RFC 4514 section 2.4), plus `;`,
/// which this parser also takes as an RDN separator.
const SPECIAL: &[char] = &[',', '+', '"', '\\', '<', '>', ';'];

/// Characters a backslash may escape as themselves.
const ESCAPABLE: &[char] = &[',', '+', '"', '\\', '<', '>', ';', '=', '#', ' '];

/// Parses a subject into its attributes, in order. An empty (or all-space) subject gives no
/// attributes. An unescaped `#` at the start of a value is taken literally (Key Vault takes
/// text, not RFC 4514's BER hex strings). Errors name the 1-based character position.
pub fn parse_subject(subject: &str) -> Result<Vec<SubjectAttribute>, String> {
    let chars: Vec<char> = subject.chars().collect();
    let mut parser = Parser { chars, pos: 0 };
    let mut attributes = Vec::new();
    parser.skip_spaces();
    if parser.at_end() {
        return Ok(attributes);
    }
    let mut joined = false;
    loop {
        let number = attributes.len() + 1;
        let key = parser.key(number)?;
        let value = parser.value(number, &key)?;
        attributes.push(SubjectAttribute { key, value, joined });
        parser.skip_spaces();
        match parser.next() {
            None => return Ok(attributes),
            Some('+') => joined = true,
            Some(',' | ';') => joined = false,
            Some(other) => {
                return Err(format!(
                    "Position {}: unexpected '{other}' after attribute {number}; separate \
                     attributes with ',' (or '+' within one RDN).",
                    parser.pos
                ));
            }
        }
        parser.skip_spaces();
        if parser.at_end() {
            return Err(format!(
                "Position {}: the subject ends with a separator; remove it or add an attribute \
                 after it.",
                parser.pos
            ));
        }
    }
}

/// Writes attributes as a subject (`, ` between RDNs, `+` within one), escaping what needs it:
/// the RFC 4514 specials and `;` with a backslash, a leading `#` or space and a trailing
/// space, and control characters as `\XX`. Other text, Unicode included, is written as is.
pub fn format_subject(attributes: &[SubjectAttribute]) -> String {
    let mut out = String::new();
    for (i, attribute) in attributes.iter().enumerate() {
        if i > 0 {
            out.push_str(if attribute.joined { "+" } else { ", " });
        }
        out.push_str(&attribute.key);
        out.push('=');
        escape_value(&attribute.value, &mut out);
    }
    out
}

fn escape_value(value: &str, out: &mut String) {
    let count = value.chars().count();
    for (i, c) in value.chars().enumerate() {
        let edge_space = c == ' ' && (i == 0 || i + 1 == count);
        if SPECIAL.contains(&c) || edge_space || (i == 0 && c == '#') {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("\\{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
}

/// The canonical form of a subject (`format_subject` of its parse), if it parses.
pub fn canonical_subject(subject: &str) -> Option<String> {
    parse_subject(subject).ok().map(|a| format_subject(&a))
}

/// The values of the subject's `CN` attributes (none if it does not parse).
pub fn common_names(subject: &str) -> Vec<String> {
    parse_subject(subject)
        .map(|attributes| {
            attributes
                .into_iter()
                .filter(|a| a.key == "CN")
                .map(|a| a.value)
                .collect()
        })
        .unwrap_or_default()
}

struct Parser {
    chars: Vec<char>,
    /// Index of the next char; also the 1-based position of the last one read.
    pos: usize,
}

impl Parser {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    /// The attribute type up to `=`, normalised.
    fn key(&mut self, number: usize) -> Result<String, String> {
        let start = self.pos + 1;
        let mut key = String::new();
        loop {
            match self.peek() {
                Some('=') => {
                    self.pos += 1;
                    break;
                }
                None | Some(',' | ';' | '+') => {
                    let shown = if key.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" ('{}')", key.trim())
                    };
                    return Err(format!(
                        "Position {start}: attribute {number}{shown} has no '='; write NAME=value, \
                         e.g. CN=www.contoso.com."
                    ));
                }
                Some(c) => {
                    key.push(c);
                    self.pos += 1;
                }
            }
        }
        let key = key.trim_matches(' ');
        if key.is_empty() {
            return Err(format!(
                "Position {start}: attribute {number} has no name before '='; write NAME=value, \
                 e.g. CN=www.contoso.com."
            ));
        }
        if !valid_key(key) {
            return Err(format!(
                "Position {start}: '{key}' (attribute {number}) is not an attribute name: use a \
                 name such as CN, O, OU, L, ST, C or E, or a dotted OID such as 2.5.4.5."
            ));
        }
        let upper = key.to_ascii_uppercase();
        Ok(KNOWN_KEYS
            .iter()
            .find(|(alias, _)| *alias == upper)
            .map_or_else(|| key.to_owned(), |(_, canonical)| (*canonical).to_owned()))
    }

    /// The unescaped value, up to (not including) the next separator or the end.
    fn value(&mut self, number: usize, key: &str) -> Result<String, String> {
        self.skip_spaces();
        if self.peek() == Some('"') {
            return self.quoted(number, key);
        }
        let mut bytes: Vec<u8> = Vec::new();
        // Bytes up to the last escaped or non-space char: unescaped trailing spaces go.
        let mut keep = 0;
        loop {
            match self.peek() {
                None | Some(',' | ';' | '+') => break,
                Some('\\') => {
                    self.pos += 1;
                    self.escape(number, key, &mut bytes)?;
                    keep = bytes.len();
                }
                Some('"') => {
                    return Err(format!(
                        "Position {}: attribute {number} ({key}) has a '\"' inside its value; \
                         escape it as \\\" or quote the whole value.",
                        self.pos + 1
                    ));
                }
                Some(c) => {
                    self.pos += 1;
                    push_char(&mut bytes, c);
                    if c != ' ' {
                        keep = bytes.len();
                    }
                }
            }
        }
        bytes.truncate(keep);
        utf8(bytes, number, key)
    }

    /// A `"…"` value; the opening quote is next.
    fn quoted(&mut self, number: usize, key: &str) -> Result<String, String> {
        let open = self.pos + 1;
        self.pos += 1;
        let mut bytes = Vec::new();
        loop {
            match self.next() {
                None => {
                    return Err(format!(
                        "Position {open}: the quoted value of attribute {number} ({key}) is not \
                         closed; add the closing '\"'."
                    ));
                }
                Some('"') => break,
                Some('\\') => self.escape(number, key, &mut bytes)?,
                Some(c) => push_char(&mut bytes, c),
            }
        }
        self.skip_spaces();
        match self.peek() {
            None | Some(',' | ';' | '+') => utf8(bytes, number, key),
            Some(_) => Err(format!(
                "Position {}: text after the quoted value of attribute {number} ({key}); put \
                 all of the value inside the quotes.",
                self.pos + 1
            )),
        }
    }

    /// After a backslash: an escaped special character or a `\XX` hex pair.
    fn escape(&mut self, number: usize, key: &str, bytes: &mut Vec<u8>) -> Result<(), String> {
        let at = self.pos; // 1-based position of the backslash
        match self.next() {
            None => Err(format!(
                "Position {at}: the value of attribute {number} ({key}) ends with a lone '\\'; \
                 write \\\\ for a backslash."
            )),
            Some(c) if ESCAPABLE.contains(&c) => {
                push_char(bytes, c);
                Ok(())
            }
            Some(high) if high.is_ascii_hexdigit() => match self.next() {
                Some(low) if low.is_ascii_hexdigit() => {
                    let digit = |c: char| c.to_digit(16).unwrap_or(0) as u8;
                    bytes.push(digit(high) << 4 | digit(low));
                    Ok(())
                }
                _ => Err(format!(
                    "Position {at}: '\\{high}' in attribute {number} ({key}) needs two hex \
                     digits (e.g. \\2C for a comma)."
                )),
            },
            Some(other) => Err(format!(
                "Position {at}: '\\{other}' in attribute {number} ({key}) is not an escape; \
                 a backslash escapes one of , + \" \\ < > ; = # or a space, or starts a hex \
                 pair such as \\2C."
            )),
        }
    }
}

fn push_char(bytes: &mut Vec<u8>, c: char) {
    let mut buffer = [0u8; 4];
    bytes.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

fn utf8(bytes: Vec<u8>, number: usize, key: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|_| {
        format!(
            "The \\XX escapes in attribute {number} ({key}) do not spell UTF-8 text; escape \
             whole UTF-8 characters or write them as they are."
        )
    })
}

/// A keyword (a letter, then letters, digits or hyphens) or a dotted numeric OID.
fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => chars.all(|c| c.is_ascii_alphanumeric() || c == '-'),
        Some(c) if c.is_ascii_digit() => {
            key.split('.').count() >= 2
                && key
                    .split('.')
                    .all(|arc| !arc.is_empty() && arc.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(key: &str, value: &str, joined: bool) -> SubjectAttribute {
        SubjectAttribute {
            key: key.into(),
            value: value.into(),
            joined,
        }
    }

    #[test]
    fn plain_subjects_with_or_without_spaces() {
        let expected = vec![
            attr("CN", "www.contoso.com", false),
            attr("O", "Contoso", false),
        ];
        assert_eq!(
            parse_subject("CN=www.contoso.com, O=Contoso"),
            Ok(expected.clone())
        );
        assert_eq!(
            parse_subject("CN=www.contoso.com,O=Contoso"),
            Ok(expected.clone())
        );
        assert_eq!(
            parse_subject("  cn = www.contoso.com ;o=Contoso  "),
            Ok(expected)
        );
        assert_eq!(parse_subject(""), Ok(vec![]));
        assert_eq!(parse_subject("   "), Ok(vec![]));
    }

    #[test]
    fn keys_are_normalised_and_others_kept() {
        let parsed = parse_subject(
            "emailAddress=a@b.c, s=WA, Email=x@y.z, SERIALNUMBER=42, 2.5.4.5=7, serialNumber=1",
        )
        .unwrap();
        let keys: Vec<&str> = parsed.iter().map(|a| a.key.as_str()).collect();
        assert_eq!(
            keys,
            ["E", "ST", "E", "SERIALNUMBER", "2.5.4.5", "serialNumber"]
        );
    }

    #[test]
    fn escapes_quotes_and_plus() {
        assert_eq!(
            parse_subject(r#"CN=Smith\, John+UID=jsmith, O="Acme, Inc.", OU=R\26D \3C\3E"#),
            Ok(vec![
                attr("CN", "Smith, John", false),
                attr("UID", "jsmith", true),
                attr("O", "Acme, Inc.", false),
                attr("OU", "R&D <>", false),
            ])
        );
        assert_eq!(
            parse_subject(r#"CN=\#1\ \ , O=\ lead, OU=back\\slash\;\=\+\<\>\""#)
                .unwrap()
                .into_iter()
                .map(|a| a.value)
                .collect::<Vec<_>>(),
            ["#1  ", " lead", r#"back\slash;=+<>""#]
        );
        // UTF-8 in hex pairs, and as is.
        assert_eq!(
            parse_subject(r"CN=Lu\C4\8Di\C4\87, O=Ærø").unwrap(),
            vec![attr("CN", "Lučić", false), attr("O", "Ærø", false)]
        );
        assert_eq!(
            parse_subject(r#"CN="quoted \"inner\" and \\ and , +""#).unwrap()[0].value,
            r#"quoted "inner" and \ and , +"#
        );
        assert_eq!(parse_subject("CN=").unwrap(), vec![attr("CN", "", false)]);
        assert_eq!(parse_subject("CN=a=b").unwrap()[0].value, "a=b");
    }

    #[test]
    fn errors_say_where_and_why() {
        let err = |s: &str| parse_subject(s).unwrap_err();
        assert!(
            err("www.contoso.com").contains("has no '='"),
            "{}",
            err("www.contoso.com")
        );
        assert!(err("CN=a, O=b,").contains("ends with a separator"));
        assert!(
            err("CN=a,,O=b").contains("Position 6"),
            "{}",
            err("CN=a,,O=b")
        );
        assert!(err("=a").contains("no name"));
        assert!(err("C N=a").contains("not an attribute name"));
        assert!(err("CN=a\\").contains("lone"));
        assert!(err("CN=a\\q").contains("not an escape"));
        assert!(err("CN=a\\4").contains("two hex digits"));
        assert!(err("CN=\\FF").contains("UTF-8"));
        assert!(err("CN=\"open").contains("not closed"));
        assert!(err("CN=\"a\" b").contains("after the quoted value"));
        assert!(err("CN=a\"b").contains("inside its value"));
        assert!(err("1.=x").contains("not an attribute name"));
    }

    #[test]
    fn format_is_canonical_and_round_trips() {
        let cases = [
            ("CN=a,O=b", "CN=a, O=b"),
            ("cn=a+o=b ; ou=c", "CN=a+O=b, OU=c"),
            (r#"O="Acme, Inc.""#, r"O=Acme\, Inc."),
            (r"CN=\ x\ ", r"CN=\ x\ "),
            ("CN=#hash", r"CN=\#hash"),
            (r"CN=a\0Ab", r"CN=a\0Ab"),
            ("CN=Ærø ", "CN=Ærø"),
            ("", ""),
        ];
        for (input, canonical) in cases {
            let parsed = parse_subject(input).unwrap();
            let formatted = format_subject(&parsed);
            assert_eq!(formatted, canonical, "{input}");
            assert_eq!(parse_subject(&formatted).unwrap(), parsed, "{input}");
            assert_eq!(
                format_subject(&parse_subject(&formatted).unwrap()),
                formatted
            );
        }
        let hostile = vec![
            attr("CN", " a,b+c\"d\\e<f>g;h=i#j ", false),
            attr("O", "#", true),
            attr("OU", "  ", false),
            attr("L", "\u{0}\u{7}\u{1b}\n", false),
            attr("ST", "日本語 \u{1F600}", true),
            attr("2.5.4.5", "", false),
        ];
        assert_eq!(parse_subject(&format_subject(&hostile)).unwrap(), hostile);
    }

    /// A small xorshift generator, so the test needs no dependency and is reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn never_panics_and_what_parses_round_trips() {
        let alphabet: Vec<char> = "CNO=,+;\"\\ #<>aZ09.\u{e9}\u{1F600}\u{0}\t\n-EFx"
            .chars()
            .collect();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut inputs: Vec<String> = [
            "",
            "=",
            ",",
            "+",
            "\\",
            "\"",
            "CN",
            "CN=",
            "CN=\\",
            "CN=\"",
            "CN=\\F",
            "CN=\\FF\\FE",
            "CN=\\E2\\82",
            "CN=\\E2\\82\\AC",
            "\u{1F600}=\u{1F600}",
            "é\\é",
            "CN=\"\\",
            "CN=a+",
            "CN=a+,",
            ", CN=a",
            "CN=a, ",
            "1.2.3=",
            "1..2=x",
            "a-=b",
            "-a=b",
            "CN=\u{0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..20_000 {
            let len = (rng.next() % 24) as usize;
            let mut s = String::new();
            if rng.next().is_multiple_of(2) {
                s.push_str("CN=");
            }
            for _ in 0..len {
                s.push(alphabet[(rng.next() % alphabet.len() as u64) as usize]);
            }
            inputs.push(s);
        }
        // Random bytes, lossily decoded, too.
        for _ in 0..2_000 {
            let bytes: Vec<u8> = (0..(rng.next() % 16)).map(|_| rng.next() as u8).collect();
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        let mut parsed_count = 0;
        for input in &inputs {
            if let Ok(parsed) = parse_subject(input) {
                parsed_count += 1;
                let formatted = format_subject(&parsed);
                assert_eq!(parse_subject(&formatted).as_ref(), Ok(&parsed), "{input:?}");
            }
        }
        assert!(parsed_count > 100, "{parsed_count}");
    }
}
