//! Reader for the PETRARCH/TABARI actor dictionaries (Phoenix.*.actors.txt).
//!
//! Layout: a primary phrase (`VLADIMIR_PUTIN_`) starts an entry; `+PHRASE` lines are synonyms of
//! it; indented `[CODE dates]` lines (or codes on the phrase's own line) give its CAMEO codes.
//! Consecutive primary phrases without codes between them share the codes that follow. Dates are
//! `YYMMDD` or `YYYYMMDD`, as `>start`, `<end`, or `start-end`.

#[derive(Debug, Clone)]
pub struct Code {
    pub code: String,
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub names: Vec<String>,
    pub aliases: Vec<String>,
    pub codes: Vec<Code>,
    pub comments: String,
    pub line: usize,
}

/// Convert a TABARI date to `YYYY-MM-DD` (two-digit years below 30 are 20xx, as PETRARCH does).
pub fn date(s: &str) -> Option<String> {
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let m: u32 = rest[..2].parse().ok()?;
    let d: u32 = rest[2..].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1800..=2100).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Parse `CODE`, `CODE >d`, `CODE <d`, `CODE d-d`. Returns None (counted as bad) on junk dates.
fn parse_code(inner: &str) -> Result<Code, ()> {
    let mut it = inner.split_whitespace();
    let code = it.next().unwrap_or("").to_string();
    let rest: String = it.collect::<Vec<_>>().join("");
    let mut c = Code {
        code,
        start: None,
        end: None,
    };
    if rest.is_empty() {
        return Ok(c);
    }
    if let Some(d) = rest.strip_prefix('>') {
        c.start = Some(date(d).ok_or(())?);
    } else if let Some(d) = rest.strip_prefix('<') {
        c.end = Some(date(d).ok_or(())?);
    } else if let Some((a, b)) = rest.split_once('-') {
        c.start = Some(date(a).ok_or(())?);
        c.end = Some(date(b).ok_or(())?);
    } else {
        return Err(());
    }
    Ok(c)
}

/// Split a line into (text, codes, comment).
fn split_line(line: &str, bad: &mut usize) -> (String, Vec<Code>, String) {
    let (body, comment) = match line.find('#') {
        Some(i) => (&line[..i], line[i + 1..].trim().to_string()),
        None => (line, String::new()),
    };
    let mut text = String::new();
    let mut codes = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        match rest[open..].find(']') {
            Some(close) => {
                let inner = &rest[open + 1..open + close];
                match parse_code(inner) {
                    Ok(c) => {
                        if !c.code.is_empty() && c.code != "---" {
                            codes.push(c);
                        }
                    }
                    Err(()) => *bad += 1,
                }
                rest = &rest[open + close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    text.push_str(rest);
    (text.trim().to_string(), codes, comment)
}

/// Parse a dictionary. `bad` counts codes with unreadable dates (skipped).
pub fn parse(text: &str, bad: &mut usize) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut cur = Entry::default();
    let flush = |cur: &mut Entry, out: &mut Vec<Entry>| {
        if !cur.names.is_empty() || !cur.aliases.is_empty() {
            out.push(std::mem::take(cur));
        } else {
            *cur = Entry::default();
        }
    };
    for (n, raw) in text.lines().enumerate() {
        if raw.trim_start().starts_with('#') {
            continue;
        }
        let indented = raw.starts_with(' ') || raw.starts_with('\t');
        let (t, codes, comment) = split_line(raw, bad);
        if t.is_empty() && codes.is_empty() {
            if raw.trim().is_empty() && !cur.codes.is_empty() {
                flush(&mut cur, &mut out);
            }
            continue;
        }
        if !comment.is_empty() {
            if !cur.comments.is_empty() {
                cur.comments.push(' ');
            }
            cur.comments.push_str(&comment);
        }
        if let Some(alias) = t.strip_prefix('+') {
            if cur.names.is_empty() && cur.aliases.is_empty() {
                cur.line = n + 1;
            }
            cur.aliases.push(alias.trim().to_string());
            cur.codes.extend(codes);
            continue;
        }
        if t.is_empty() || (indented && t.starts_with('[')) {
            cur.codes.extend(codes);
            continue;
        }
        // a primary phrase
        if !cur.codes.is_empty() {
            flush(&mut cur, &mut out);
        }
        if cur.names.is_empty() {
            cur.line = n + 1;
        }
        cur.names.push(t);
        cur.codes.extend(codes);
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date("991231").as_deref(), Some("1999-12-31"));
        assert_eq!(date("080507").as_deref(), Some("2008-05-07"));
        assert_eq!(date("19240101").as_deref(), Some("1924-01-01"));
        assert_eq!(date("2004017"), None);
    }

    #[test]
    fn blocks() {
        let t = "PUTIN_  # CountryInfo.txt\n+VLADIMIR_PUTIN_\n\t[RUSGOV >080508]\n\t[RUSELI]\nX_ [FRAREB]\n+Y_\n";
        let mut bad = 0;
        let e = parse(t, &mut bad);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].aliases, vec!["VLADIMIR_PUTIN_"]);
        assert_eq!(e[0].codes.len(), 2);
        assert_eq!(e[0].codes[0].start.as_deref(), Some("2008-05-08"));
        assert_eq!(e[1].names, vec!["X_"]);
        assert_eq!(e[1].aliases, vec!["Y_"]);
    }
}
