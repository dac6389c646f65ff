//! The examples in README.md, docs/*.md and docs/targets/*.md are tests, so that an example
//! that drifts from what the binary prints fails `cargo test`.
//!
//! * A fenced block whose info string is `console` holds commands and their output: a line
//!   `$ relgraph ...` is a command, the lines after it (up to the next `$ ` line or the end of
//!   the block) are what it prints, standard output then standard error. A first output line
//!   `? N` gives the exit status when it is not 0. Like trycmd: a line `...` matches any number
//!   of lines, `[..]` any text within a line; trailing whitespace and final blank lines are
//!   ignored. The commands of one block run in order in one fresh temporary folder whose `data`
//!   and `tests` entries link to the repository's folders. Only `relgraph` can be run, and
//!   only simple command lines (words, quotes; no pipes, redirections or variables).
//! * A fenced block whose info string is `json extract=PATH` is a trimmed sample of the record
//!   `relgraph extract PATH` prints: it must be a subset of the real record (every key of an
//!   object present with a matching value, every element of an array matching a distinct
//!   element of the record's array, scalars equal).
//! * Any other fenced block showing a `$ relgraph` command followed by output is refused: make
//!   it a `console` block. Blocks of commands alone (every line `$ ...` or `# ...`) are fine.
#![cfg(unix)]

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A fenced code block of a Markdown file.
struct Block {
    /// The file, relative to the repository root.
    file: String,
    /// The info string after the opening fence, trimmed.
    info: String,
    /// The 1-based line number of the opening fence.
    line: usize,
    /// The content lines with their 1-based line numbers.
    lines: Vec<(usize, String)>,
}

impl Block {
    fn lang(&self) -> &str {
        self.info.split_whitespace().next().unwrap_or("")
    }

    /// The value of a `key=value` attribute of the info string.
    fn attr(&self, key: &str) -> Option<&str> {
        self.info
            .split_whitespace()
            .skip(1)
            .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
    }
}

/// README.md, docs/*.md and docs/targets/*.md, relative to the repository root, sorted.
fn doc_files() -> Vec<String> {
    let mut files = vec!["README.md".to_string()];
    for dir in ["docs", "docs/targets"] {
        let mut found: Vec<String> = std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "md"))
            .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// The fenced code blocks of a Markdown text (backtick or tilde fences, CommonMark-style: a
/// closing fence has the opening character at least as many times and nothing else). An
/// unclosed fence is an error.
fn parse_blocks(file: &str, text: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<(char, usize, usize, Block)> = None; // (char, fence length, indent, block)
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let line = raw.trim_start_matches(' ');
        let fence = |c: char| line.len() - line.trim_start_matches(c).len();
        match &mut open {
            Some((c, len, _, _)) if fence(*c) >= *len && line[fence(*c)..].trim().is_empty() => {
                blocks.push(open.take().unwrap().3);
            }
            Some((_, _, fence_indent, block)) => {
                // Content lines lose up to the opening fence's indentation.
                let strip = indent.min(*fence_indent);
                block.lines.push((n, raw[strip..].to_string()));
            }
            None => {
                for c in ['`', '~'] {
                    let len = fence(c);
                    let info = line[len..].trim();
                    if len >= 3 && !(c == '`' && info.contains('`')) {
                        let block = Block {
                            file: file.to_string(),
                            info: info.to_string(),
                            line: n,
                            lines: Vec::new(),
                        };
                        open = Some((c, len, indent, block));
                        break;
                    }
                }
            }
        }
    }
    match open {
        Some((_, _, _, b)) => Err(format!("{file}:{}: code fence never closed", b.line)),
        None => Ok(blocks),
    }
}

/// Every fenced block of every documentation file; unclosed fences go to `failures`.
fn all_blocks(failures: &mut Vec<String>) -> Vec<Block> {
    let mut blocks = Vec::new();
    for file in doc_files() {
        let text = std::fs::read_to_string(Path::new(ROOT).join(&file))
            .unwrap_or_else(|e| panic!("reading {file}: {e}"));
        match parse_blocks(&file, &text) {
            Ok(b) => blocks.extend(b),
            Err(e) => failures.push(e),
        }
    }
    blocks
}

/// Splits a command line into words like a shell does for simple commands: blanks separate
/// words, single quotes keep everything, double quotes keep everything but `\"`, `\\`, `\$`
/// and `` \` `` escapes, a backslash outside quotes escapes the next character, and `#` at the
/// start of a word starts a comment. Anything a shell would treat specially beyond that (pipes,
/// redirections, command lists, variables, command substitution, globs, `~`) is an error, so
/// that the example always means what the test runs.
fn split_command(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    let expansion = |next: Option<&char>| {
        next.is_some_and(|c| c.is_ascii_alphanumeric() || "_{(?@*#$!-".contains(*c))
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '#' if !in_word => break,
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unterminated single quote".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unterminated double quote".into()),
                        },
                        Some('$') if expansion(chars.peek()) => {
                            return Err("`$` expansions are not supported".into());
                        }
                        Some('`') => return Err("command substitution is not supported".into()),
                        Some(c) => word.push(c),
                        None => return Err("unterminated double quote".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => {
                    word.push(c);
                    in_word = true;
                }
                None => {
                    return Err("a trailing backslash (line continuation) is not supported".into());
                }
            },
            '|' | '>' | '<' | ';' | '&' => {
                return Err(format!(
                    "`{c}`: pipes, redirections and command lists are not supported \
                     (one relgraph command per `$ ` line; output goes to -o files)"
                ));
            }
            '`' => return Err("command substitution is not supported".into()),
            '$' if expansion(chars.peek()) => {
                return Err("`$` expansions are not supported".into());
            }
            '*' | '?' | '[' => {
                return Err(format!("unquoted glob character `{c}`: quote the word"));
            }
            '~' if !in_word => return Err("`~` expansion is not supported".into()),
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    match words.first().map(String::as_str) {
        Some("relgraph") => Ok(words),
        Some(other) => Err(format!(
            "only `relgraph` can be run in a console block, not `{other}`"
        )),
        None => Err("empty command".into()),
    }
}

/// Whether `text` matches `pattern`, where `[..]` in the pattern matches any text.
fn line_matches(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == text;
    }
    if text.len() < first.len() + last.len() || !text.starts_with(first) || !text.ends_with(last) {
        return false;
    }
    // Leftmost matching of the middle parts is enough when the only wildcard is "any text".
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether the expected lines match the actual ones: a line `...` matches any number of lines
/// (zero included), other lines match one line each with `line_matches`.
fn lines_match(expected: &[String], actual: &[String]) -> bool {
    let (n, m) = (expected.len(), actual.len());
    // ok[i][j]: expected[i..] matches actual[j..].
    let mut ok = vec![vec![false; m + 1]; n + 1];
    ok[n][m] = true;
    for i in (0..n).rev() {
        for j in (0..=m).rev() {
            ok[i][j] = if expected[i] == "..." {
                ok[i + 1][j] || (j < m && ok[i][j + 1])
            } else {
                j < m && line_matches(&expected[i], &actual[j]) && ok[i + 1][j + 1]
            };
        }
    }
    ok[0][0]
}

/// The lines of a text with trailing whitespace removed and without final blank lines.
fn normalized_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect();
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Where the expected output first stops matching: the number of leading expected lines that
/// still match the start of the actual output.
fn matching_prefix(expected: &[String], actual: &[String]) -> usize {
    (0..=expected.len())
        .rev()
        .find(|&k| {
            let mut prefix = expected[..k].to_vec();
            prefix.push("...".into());
            lines_match(&prefix, actual)
        })
        .unwrap_or(0)
}

/// A fresh temporary folder with `data` and `tests` linked to the repository's folders.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["data", "tests"] {
        std::os::unix::fs::symlink(Path::new(ROOT).join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("linking {name}: {e}"));
    }
    dir
}

/// Runs relgraph with `args` in `dir`: (exit status, stdout, stderr).
fn run(args: &[String], dir: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_relgraph"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("running relgraph {args:?}: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A `$ ` command of a console block with its expected output.
struct Example {
    /// The 1-based line number of the command in the Markdown file.
    line: usize,
    command: String,
    status: i32,
    /// The expected output lines (without the `? N` line).
    output: Vec<String>,
}

/// The commands of a console block and their expected outputs.
fn examples(block: &Block) -> Result<Vec<Example>, String> {
    let mut out: Vec<Example> = Vec::new();
    let mut raw: Vec<Vec<String>> = Vec::new();
    for (n, line) in &block.lines {
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Example {
                line: *n,
                command: cmd.trim().to_string(),
                status: 0,
                output: Vec::new(),
            });
            raw.push(Vec::new());
        } else if let Some(lines) = raw.last_mut() {
            lines.push(line.clone());
        } else if !line.trim().is_empty() {
            return Err(format!(
                "{}:{n}: output before the first `$ ` command of the console block",
                block.file
            ));
        }
    }
    if out.is_empty() {
        return Err(format!(
            "{}:{}: console block without a `$ ` command",
            block.file, block.line
        ));
    }
    for (ex, lines) in out.iter_mut().zip(raw) {
        let mut lines = normalized_lines(lines.iter().map(String::as_str));
        if let Some(code) = lines.first().and_then(|l| l.strip_prefix("? ")) {
            ex.status = code.trim().parse().map_err(|_| {
                format!(
                    "{}:{}: bad exit status line `? {code}` (want `? N`)",
                    block.file, ex.line
                )
            })?;
            lines.remove(0);
        }
        ex.output = lines;
    }
    Ok(out)
}

/// Runs the commands of a console block; returns the number of commands run and adds any
/// failure to `failures`.
fn check_console(block: &Block, failures: &mut Vec<String>) -> usize {
    let examples = match examples(block) {
        Ok(e) => e,
        Err(e) => {
            failures.push(e);
            return 0;
        }
    };
    let dir = workdir();
    let mut ran = 0;
    for ex in &examples {
        let at = format!("{}:{}: `$ {}`", block.file, ex.line, ex.command);
        let args = match split_command(&ex.command) {
            Ok(words) => words[1..].to_vec(),
            Err(e) => {
                // Later commands may depend on this one: stop the block here.
                failures.push(format!("{at}: {e}"));
                break;
            }
        };
        ran += 1;
        let (status, stdout, stderr) = run(&args, dir.path());
        let mut text = stdout;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&stderr);
        let actual = normalized_lines(text.lines());
        let mut problems = Vec::new();
        if status != Some(ex.status) {
            problems.push(match status {
                Some(code) if code != 0 => format!(
                    "exit status {code}, expected {} (a non-zero status is written as a first \
                     output line `? {code}`)",
                    ex.status
                ),
                Some(code) => format!("exit status {code}, expected {}", ex.status),
                None => format!("killed by a signal, expected exit status {}", ex.status),
            });
        }
        if !lines_match(&ex.output, &actual) {
            let k = matching_prefix(&ex.output, &actual);
            problems.push(match ex.output.get(k) {
                Some(l) => format!(
                    "output differs from the expected output's line {} (`{l}`, file line {})",
                    k + 1,
                    ex.line + k + 1 + usize::from(ex.status != 0)
                ),
                None => "the actual output has more lines than expected".to_string(),
            });
        }
        if !problems.is_empty() {
            let mut msg = format!("{at}: {}\n--- expected\n", problems.join("; "));
            if ex.status != 0 {
                writeln!(msg, "? {}", ex.status).unwrap();
            }
            for l in &ex.output {
                writeln!(msg, "{l}").unwrap();
            }
            msg.push_str("--- actual (stdout, then stderr)\n");
            if let Some(code) = status.filter(|&c| c != 0) {
                writeln!(msg, "? {code}").unwrap();
            }
            for l in &actual {
                writeln!(msg, "{l}").unwrap();
            }
            msg.push_str("---");
            failures.push(msg);
        }
    }
    ran
}

/// Where a sample differs from the record.
struct Mismatch {
    /// The path in the sample, like `$.entities[0].mentions[0].start`.
    sample: String,
    /// The path of the record value it was compared with.
    record: String,
    what: String,
    /// The outermost sample array element that no record element matched, if any (the
    /// paths above then lead to the closest record element).
    unmatched: Option<(String, String)>,
}

fn depth(path: &str) -> usize {
    path.chars().filter(|&c| c == '.' || c == '[').count()
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}...", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

/// Whether `sample` is a subset of `record`: objects have every key of the sample with a
/// matching value, arrays have a distinct matching element for every sample element, numbers
/// are equal as numbers and other scalars equal.
fn subset(sample: &Value, record: &Value, sp: &str, rp: &str) -> Result<(), Mismatch> {
    match (sample, record) {
        (Value::Object(s), Value::Object(r)) => {
            for (key, sv) in s {
                let (sp2, rp2) = (format!("{sp}.{key}"), format!("{rp}.{key}"));
                match r.get(key) {
                    Some(rv) => subset(sv, rv, &sp2, &rp2)?,
                    None => {
                        return Err(Mismatch {
                            sample: sp2,
                            record: rp.to_string(),
                            what: format!("key `{key}` is not in the record's object"),
                            unmatched: None,
                        });
                    }
                }
            }
            Ok(())
        }
        (Value::Array(s), Value::Array(r)) => {
            // Which record elements each sample element matches.
            let mut candidates = Vec::with_capacity(s.len());
            for (i, sv) in s.iter().enumerate() {
                let sp2 = format!("{sp}[{i}]");
                let mut ok = Vec::new();
                let mut closest: Option<Mismatch> = None;
                for (j, rv) in r.iter().enumerate() {
                    match subset(sv, rv, &sp2, &format!("{rp}[{j}]")) {
                        Ok(()) => ok.push(j),
                        Err(m) => {
                            if closest
                                .as_ref()
                                .is_none_or(|c| depth(&m.sample) > depth(&c.sample))
                            {
                                closest = Some(m);
                            }
                        }
                    }
                }
                if ok.is_empty() {
                    return Err(match closest {
                        Some(m) => Mismatch {
                            unmatched: Some((sp2, rp.to_string())),
                            ..m
                        },
                        None => Mismatch {
                            sample: sp2,
                            record: rp.to_string(),
                            what: "the record's array is empty".into(),
                            unmatched: None,
                        },
                    });
                }
                candidates.push(ok);
            }
            let matched = distinct_matching(&candidates, r.len());
            if matched < s.len() {
                return Err(Mismatch {
                    sample: sp.to_string(),
                    record: rp.to_string(),
                    what: format!(
                        "the sample's {} elements need distinct record elements, but only \
                         {matched} can be matched to distinct ones",
                        s.len()
                    ),
                    unmatched: None,
                });
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => Ok(()),
        (a, b) if a == b => Ok(()),
        (a, b) => Err(Mismatch {
            sample: sp.to_string(),
            record: rp.to_string(),
            what: format!("sample has {}, record has {}", short(a), short(b)),
            unmatched: None,
        }),
    }
}

/// The value at a path like `$.entities[4].mentions` (as written by `subset`).
fn at_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut v = v;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        let end = rest[1..].find(['.', '[']).map_or(rest.len(), |i| i + 1);
        let (seg, tail) = rest.split_at(end);
        v = match seg.strip_prefix('[') {
            Some(index) => v.get(index.strip_suffix(']')?.parse::<usize>().ok()?)?,
            None => v.get(seg.strip_prefix('.')?)?,
        };
        rest = tail;
    }
    Some(v)
}

/// The size of a maximum matching of sample elements to distinct record elements (Kuhn's
/// augmenting paths; samples are small).
fn distinct_matching(candidates: &[Vec<usize>], records: usize) -> usize {
    fn augment(
        i: usize,
        candidates: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &j in &candidates[i] {
            if !seen[j] {
                seen[j] = true;
                if owner[j].is_none_or(|o| augment(o, candidates, seen, owner)) {
                    owner[j] = Some(i);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; records];
    (0..candidates.len())
        .filter(|&i| augment(i, candidates, &mut vec![false; records], &mut owner))
        .count()
}

/// Checks a `json extract=PATH` sample against the record of `relgraph extract -q PATH`.
fn check_extract_sample(block: &Block, path: &str, failures: &mut Vec<String>) {
    let at = format!("{}:{}: ```json extract={path}", block.file, block.line);
    let text: Vec<&str> = block.lines.iter().map(|(_, l)| l.as_str()).collect();
    let sample: Value = match serde_json::from_str(&text.join("\n")) {
        Ok(v) => v,
        Err(e) => {
            failures.push(format!("{at}: the sample is not one JSON value: {e}"));
            return;
        }
    };
    let dir = workdir();
    let args = ["extract", "-q", path].map(String::from);
    let (status, stdout, stderr) = run(&args, dir.path());
    if status != Some(0) {
        failures.push(format!(
            "{at}: `relgraph extract -q {path}` exited with {status:?}:\n{stderr}"
        ));
        return;
    }
    let records: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    if records.len() != 1 {
        failures.push(format!(
            "{at}: `relgraph extract -q {path}` printed {} records, expected one",
            records.len()
        ));
        return;
    }
    let record: Value = serde_json::from_str(records[0])
        .unwrap_or_else(|e| panic!("{at}: relgraph printed a record that is not JSON: {e}"));
    if let Err(m) = subset(&sample, &record, "$", "$") {
        let mut msg = format!("{at}: the sample is not a subset of today's record:\n");
        if let Some((sp, rp)) = &m.unmatched {
            writeln!(
                msg,
                "the sample's {sp} matches no element of the record's {rp}; the closest one:"
            )
            .unwrap();
        }
        writeln!(msg, "at {} (record {}): {}", m.sample, m.record, m.what).unwrap();
        // The record value around the difference.
        let around = m
            .record
            .rfind(['.', '['])
            .map_or("$", |i| &m.record[..i.max(1)]);
        let value = at_path(&record, around).map_or_else(String::new, short);
        write!(msg, "--- record {around}\n{value}\n---").unwrap();
        failures.push(msg);
    }
}

fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} {what}:\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn console_examples_print_what_the_docs_say() {
    let mut failures = Vec::new();
    let blocks = all_blocks(&mut failures);
    let (mut nblocks, mut ncommands) = (0, 0);
    for block in blocks.iter().filter(|b| b.lang() == "console") {
        nblocks += 1;
        ncommands += check_console(block, &mut failures);
    }
    eprintln!("checked {nblocks} console blocks, {ncommands} commands");
    report("console examples differ from the binary", &failures);
    assert!(
        nblocks >= 3 && ncommands >= 10,
        "only {nblocks} console blocks / {ncommands} commands found: is the parser broken?"
    );
}

#[test]
fn extract_samples_are_subsets_of_the_real_records() {
    let mut failures = Vec::new();
    let blocks = all_blocks(&mut failures);
    let mut n = 0;
    for block in &blocks {
        if let Some(path) = block.attr("extract") {
            if block.lang() != "json" {
                failures.push(format!(
                    "{}:{}: `extract=` needs a json block, not `{}`",
                    block.file,
                    block.line,
                    block.lang()
                ));
                continue;
            }
            n += 1;
            check_extract_sample(block, path, &mut failures);
        }
    }
    eprintln!("checked {n} json extract samples");
    report("extract samples differ from the binary", &failures);
    assert!(n >= 1, "no ```json extract=PATH block found");
}

#[test]
fn command_examples_with_output_are_console_blocks() {
    let mut failures = Vec::new();
    for block in all_blocks(&mut failures) {
        if block.lang() == "console" {
            continue;
        }
        let lines = &block.lines;
        for (k, (n, line)) in lines.iter().enumerate() {
            if !line.starts_with("$ relgraph") {
                continue;
            }
            let output = lines[k + 1..]
                .iter()
                .take_while(|(_, l)| !l.starts_with("$ "))
                .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
            if let Some((m, l)) = output {
                failures.push(format!(
                    "{}:{n}: `{line}` is followed by output (line {m}: `{l}`) in a ```{} \
                     block: make it a ```console block so that tests/docs_examples.rs checks \
                     it (or keep only `$ ` and `#` lines)",
                    block.file, block.info
                ));
            }
        }
    }
    report("command examples are not tested", &failures);
}

#[test]
fn the_checker_itself() {
    let words = |s: &str| split_command(s).map_err(|e| e.to_string());
    assert_eq!(
        words(r#"relgraph query "Kim Jong Un" 'a "b"' x\ y "" # note"#).unwrap(),
        ["relgraph", "query", "Kim Jong Un", r#"a "b""#, "x y", ""]
    );
    for bad in [
        "relgraph build x | dot",
        "relgraph build x > g.json",
        "relgraph build < x",
        "relgraph a; relgraph b",
        "relgraph build $HOME",
        "relgraph build data/*.txt",
        "dot -Tsvg g.dot",
        "relgraph 'open",
    ] {
        assert!(words(bad).is_err(), "{bad}");
    }
    assert!(line_matches(
        "in [..] s ([..] MB/s), 0",
        "in 0.01 s (0.4 MB/s), 0"
    ));
    assert!(line_matches("a[..]", "a") && line_matches("[..]b[..]", "abc"));
    assert!(!line_matches("ab[..]ba", "aba") && !line_matches("x", "y"));
    let v = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(lines_match(
        &v(&["a", "...", "d"]),
        &v(&["a", "b", "c", "d"])
    ));
    assert!(lines_match(&v(&["a", "...", "b"]), &v(&["a", "b"])));
    assert!(!lines_match(&v(&["a", "c"]), &v(&["a", "b", "c"])));
    assert_eq!(
        matching_prefix(&v(&["a", "x", "c"]), &v(&["a", "b", "c"])),
        1
    );
    let json = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    let rec = json(r#"{"a": [{"x": 1, "y": 2}, {"x": 3}], "b": 0.9}"#);
    assert!(
        subset(
            &json(r#"{"a": [{"x": 3}, {"y": 2}], "b": 0.9}"#),
            &rec,
            "$",
            "$"
        )
        .is_ok()
    );
    let err = subset(&json(r#"{"a": [{"x": 1, "y": 5}]}"#), &rec, "$", "$").unwrap_err();
    assert_eq!(
        (err.sample.as_str(), err.record.as_str()),
        ("$.a[0].y", "$.a[0].y")
    );
    // Two sample elements cannot both match the same record element.
    assert!(subset(&json(r#"{"a": [{"x": 3}, {}, {}]}"#), &rec, "$", "$").is_err());
    assert!(subset(&json(r#"{"c": 1}"#), &rec, "$", "$").is_err());
    assert_eq!(at_path(&rec, "$.a[0].y"), Some(&json("2")));
    assert_eq!(at_path(&rec, "$"), Some(&rec));
    let md = "x\n  ```console\n  $ relgraph a\n  out\n  ```\n````text\n```\n````\n";
    let blocks = parse_blocks("t.md", md).unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!((blocks[0].lang(), blocks[0].line), ("console", 2));
    assert_eq!(blocks[0].lines[0], (3, "$ relgraph a".to_string()));
    assert_eq!(blocks[1].lines, vec![(7, "```".to_string())]);
    assert!(parse_blocks("t.md", "```\nx\n").is_err());
}
