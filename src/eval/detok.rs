//! Rebuilding a document's text from its tokens, keeping each token's character span.
//!
//! Tokens are joined by one space, except: no space before `,` `.` `;` `:` `!` `?` `)` `'s`
//! `n't` `%`; no space after `(` and `$`; a token that is a line break (DWIE has `"\n"` tokens)
//! is written as a line break with no space on either side; sentences are joined by a line
//! break. `'s` and `n't` match in either case and with either apostrophe (`'` or `’`), since the
//! data sets spell them both ways.

/// No space before these tokens.
const NO_SPACE_BEFORE: &[&str] = &[",", ".", ";", ":", "!", "?", ")", "%"];
/// No space after these tokens.
const NO_SPACE_AFTER: &[&str] = &["(", "$"];

fn is_clitic(tok: &str) -> bool {
    let t = tok.replace('\u{2019}', "'");
    t.eq_ignore_ascii_case("'s") || t.eq_ignore_ascii_case("n't")
}

fn glues_left(tok: &str) -> bool {
    NO_SPACE_BEFORE.contains(&tok) || is_clitic(tok)
}

/// A text under construction: sentences of tokens, each token's character span recorded.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    chars: usize,
    /// Whether the next token of the current sentence is its first, or follows a line break or
    /// a no-space-after token.
    glue_next: bool,
    sentence_start: Option<usize>,
    sentences: Vec<(usize, usize)>,
}

impl TextBuilder {
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// Starts a new sentence (a line break unless it is the first).
    pub fn begin_sentence(&mut self) {
        self.end_sentence();
        if !self.text.is_empty() {
            self.push_str("\n");
        }
        self.sentence_start = Some(self.chars);
        self.glue_next = true;
    }

    fn end_sentence(&mut self) {
        if let Some(s) = self.sentence_start.take() {
            self.sentences.push((s, self.chars));
        }
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Appends a token and returns its character span (empty for a line-break token).
    pub fn token(&mut self, tok: &str) -> (usize, usize) {
        if self.sentence_start.is_none() {
            self.begin_sentence();
        }
        if tok == "\n" {
            self.push_str("\n");
            self.glue_next = true;
            return (self.chars, self.chars);
        }
        if !self.glue_next && !glues_left(tok) {
            self.push_str(" ");
        }
        let start = self.chars;
        self.push_str(tok);
        self.glue_next = NO_SPACE_AFTER.contains(&tok);
        (start, self.chars)
    }

    /// The text and the character spans of its sentences.
    pub fn finish(mut self) -> (String, Vec<(usize, usize)>) {
        self.end_sentence();
        (self.text, self.sentences)
    }
}

/// Rebuilds the text of `sentences`; returns it with each token's character span, by sentence.
pub fn detokenize<S: AsRef<str>>(sentences: &[Vec<S>]) -> (String, Vec<Vec<(usize, usize)>>) {
    let mut b = TextBuilder::new();
    let spans = sentences
        .iter()
        .map(|s| {
            b.begin_sentence();
            s.iter().map(|t| b.token(t.as_ref())).collect()
        })
        .collect();
    (b.finish().0, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ')
            .map(|t| {
                if t == "NL" {
                    "\n".to_string()
                } else {
                    t.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn joins_tokens_by_the_rule() {
        let cases: &[(&str, &str)] = &[
            ("Hello , world .", "Hello, world."),
            (
                "He said ( again ) : yes ; no ! ok ?",
                "He said (again): yes; no! ok?",
            ),
            (
                "Merkel 's party did n't win 5 %",
                "Merkel's party didn't win 5%",
            ),
            ("Merkel ’s party DID N'T win", "Merkel’s party DIDN'T win"),
            ("it cost $ 5 million", "it cost $5 million"),
            ("Title NL Body text .", "Title\nBody text."),
            ("“ quoted ” - dash", "“ quoted ” - dash"),
        ];
        for (input, want) in cases {
            let (text, _) = detokenize(&[toks(input)]);
            assert_eq!(&text, want, "{input}");
        }
    }

    #[test]
    fn spans_point_at_the_tokens_and_sentences_join_by_newline() {
        let sents = vec![toks("Ünïcode café ."), toks("( Next ) one")];
        let (text, spans) = detokenize(&sents);
        assert_eq!(text, "Ünïcode café.\n(Next) one");
        let chars: Vec<char> = text.chars().collect();
        for (s, toks) in sents.iter().zip(&spans) {
            for (t, &(a, b)) in s.iter().zip(toks) {
                assert_eq!(chars[a..b].iter().collect::<String>(), *t);
            }
        }
        let (_, sentences) = {
            let mut b = TextBuilder::new();
            for s in &sents {
                b.begin_sentence();
                for t in s {
                    b.token(t);
                }
            }
            b.finish()
        };
        assert_eq!(sentences, vec![(0, 13), (14, 24)]);
    }
}
