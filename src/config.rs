//! Resolving raw command-line arguments into ready-to-use configuration.

use crate::cli::common::{InputArgs, KnowledgeArgs};
use crate::error::{Error, Result};
use crate::extract::{Extractor, FactsMode};
use crate::gazetteer::{Date, Gazetteer, GazetteerBuilder};
use crate::input::{Documents, FileFilter, InputOptions};
use crate::report::{Reporter, SharedReporter};
use crate::rules::RuleSet;
use std::path::{Path, PathBuf};

/// Loads the gazetteer the arguments ask for.
pub fn gazetteer(k: &KnowledgeArgs) -> Result<Gazetteer> {
    let mut b = GazetteerBuilder::new();
    if !k.no_default_gazetteer {
        b.add_embedded()?;
    }
    for p in &k.gazetteers {
        b.add_file(p)?;
    }
    let g = b.build()?;
    if g.is_empty() {
        return Err(Error::Usage(
            "the gazetteer is empty: give --gazetteer PATH or drop --no-default-gazetteer".into(),
        ));
    }
    Ok(g)
}

/// Loads the rules the arguments ask for.
pub fn rules(k: &KnowledgeArgs) -> Result<RuleSet> {
    let mut rs = RuleSet::default();
    if !k.no_default_rules {
        for (path, text) in crate::embedded::RULE_FILES {
            rs.add_str(path, text)?;
        }
    }
    for p in &k.rules {
        rs.add_file(p)?;
    }
    rs.finish()?;
    Ok(rs)
}

/// Loads the models the arguments ask for.
pub fn models(k: &KnowledgeArgs) -> Result<crate::model::Models> {
    let mut m = if k.no_default_models {
        crate::model::Models::default()
    } else {
        crate::model::Models::embedded()?
    };
    for p in &k.models {
        m.add_file(p)?;
    }
    Ok(m)
}

/// Builds the extractor, with its models.
pub fn extractor(k: &KnowledgeArgs, facts: FactsMode) -> Result<Extractor> {
    Ok(Extractor::new(gazetteer(k)?, rules(k)?, facts).with_models(models(k)?))
}

/// Resolved input settings.
pub struct Inputs {
    pub documents: Documents,
    pub threads: usize,
    pub date: Option<Date>,
    pub reporter: SharedReporter,
}

/// The canonical path a run's output will have (the file it replaces, or the one it creates),
/// so that inputs can be checked against it.
pub fn canonical_output(output: Option<&Path>) -> Option<PathBuf> {
    let p = output.filter(|p| p.as_os_str() != "-")?;
    if let Ok(c) = std::fs::canonicalize(p) {
        return Some(c);
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
}

/// Opens the inputs; `output` is the run's output file, which is never read as an input.
pub fn inputs(a: &InputArgs, output: Option<&Path>) -> Result<Inputs> {
    let date = a
        .date
        .as_deref()
        .map(|d| {
            d.parse::<Date>()
                .map_err(|e| Error::Usage(format!("--date: {e}")))
        })
        .transpose()?;
    let threads = match a.threads {
        Some(0) => return Err(Error::Usage("--threads must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let encoding = a
        .encoding
        .as_deref()
        .map(|l| {
            encoding_rs::Encoding::for_label(l.as_bytes()).ok_or_else(|| {
                Error::Usage(format!(
                    "--encoding {l:?}: unknown encoding (WHATWG labels: utf-8, windows-1252, iso-8859-15, ...)"
                ))
            })
        })
        .transpose()?;
    let opts = InputOptions {
        format: a.input_format,
        date,
        encoding,
        strict: a.strict,
        filter: FileFilter::from_globs(&a.globs)?,
        exclude: canonical_output(output).into_iter().collect(),
    };
    let reporter = Reporter::new(a.quiet).shared();
    Ok(Inputs {
        documents: Documents::open(&a.inputs, opts, reporter.clone())?,
        threads,
        date,
        reporter,
    })
}
