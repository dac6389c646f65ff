//! `relgraph show`: a document view (displaCy-style) as an HTML page or in the terminal.

use super::common::{DocKnowledgeArgs, InputArgs, extract_all};
use crate::config;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::show::{View, ansi, html};
use crate::wire::extraction::DocRecord;
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Output formats of show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// One self-contained HTML page (no script, no network).
    Html,
    /// Text with ANSI colours, for a terminal.
    Ansi,
}

impl ShowFormat {
    /// `--format` if given, else by the -o extension (.html/.htm, .ans/.txt), else ANSI for a
    /// terminal and HTML otherwise.
    fn resolve(explicit: Option<ShowFormat>, output: Option<&Path>) -> ShowFormat {
        if let Some(f) = explicit {
            return f;
        }
        let ext = output
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("ans" | "txt") => ShowFormat::Ansi,
            Some(_) => ShowFormat::Html,
            None if output.is_none_or(|p| p.as_os_str() == "-")
                && std::io::stdout().is_terminal() =>
            {
                ShowFormat::Ansi
            }
            None => ShowFormat::Html,
        }
    }
}

/// Show documents with their mentions highlighted by type and the relations found, each with
/// its evidence sentence.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph show data/examples/pyongyang-treaty.txt -o treaty.html\n  relgraph show article.txt                 # in the terminal, with colours\n  relgraph show article.txt --format html > article.html"
)]
pub struct ShowArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub knowledge: DocKnowledgeArgs,
    /// Output format (default: from the -o extension, else ansi on a terminal, html otherwise).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<ShowFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(a: ShowArgs) -> Result<u8> {
    let format = ShowFormat::resolve(a.format, a.output.as_deref());
    let ex = a.knowledge.extractor()?;
    let inputs = config::inputs(&a.input, a.output.as_deref())?;
    let reporter = inputs.reporter.clone();
    let mut docs: Vec<(DocRecord, String)> = Vec::new();
    extract_all(&ex, inputs, |doc, rec| {
        docs.push((rec, doc.text.clone()));
        Ok(())
    })?;
    let views: Vec<View> = docs.iter().map(|(r, t)| View::new(r, t)).collect();
    let text = match format {
        ShowFormat::Html => html::page(&views),
        ShowFormat::Ansi => ansi::text(&views),
    };
    let mut out = Output::create(a.output.as_deref())?;
    let name = out.name();
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io(&name, e))?;
    out.finish()?;
    let relations: usize = views.iter().map(|v| v.rec.relations.len()).sum();
    let stats = reporter.borrow_mut().finish(&format!(
        "{} shown",
        crate::report::count(relations as u64, "relation", "relations")
    ));
    Ok(stats.exit_code())
}
