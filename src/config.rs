//! Resolving raw command-line arguments into ready-to-use configuration.

use crate::cli::common::{InputArgs, KnowledgeArgs};
use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::gazetteer::{Date, Gazetteer, GazetteerBuilder};
use crate::input::Documents;
use crate::rules::RuleSet;

/// Loads the gazetteer the arguments ask for.
pub fn gazetteer(k: &KnowledgeArgs) -> Result<Gazetteer> {
    let mut b = GazetteerBuilder::new();
    if !k.no_default_gazetteer {
        for (path, text) in crate::embedded::GAZETTEER_FILES {
            b.add_str(path, text)?;
        }
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

/// Builds the extractor.
pub fn extractor(k: &KnowledgeArgs) -> Result<Extractor> {
    Ok(Extractor::new(gazetteer(k)?, rules(k)?, k.facts))
}

/// Resolved input settings.
pub struct Inputs {
    pub documents: Documents,
    pub threads: usize,
    pub date: Option<Date>,
}

/// Opens the inputs.
pub fn inputs(a: &InputArgs) -> Result<Inputs> {
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
    Ok(Inputs {
        documents: Documents::new(&a.inputs, a.input_format, date)?,
        threads,
        date,
    })
}
