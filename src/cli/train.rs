//! `relgraph train`: rebuild the name and relation models from annotated documents
//! (docs/models.md).

use super::common::KnowledgeArgs;
use crate::config;
use crate::error::{Error, Result};
use crate::eval::{self, Dataset, GoldDoc};
use crate::extract::{Extractor, FactsMode};
use crate::model::Models;
use crate::model::names::NameModel;
use crate::model::relations::RelationModel;
use crate::model::train::{self, Settings};
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Train the name and relation models on annotated documents and write them to a folder.
#[derive(Debug, Args)]
#[command(after_help = "Examples (the shipped models, docs/models.md):
  relgraph train -o data/models \\
    --names iob:../shared/data/eval/conll2003/eng.train \\
    --names spert:../shared/data/eval/conll04/train.json \\
    --relations spert:../shared/data/eval/conll04/train.json \\
    --dev conll03:../shared/data/eval/conll2003/eng.testa \\
    --dev conll04:../shared/data/eval/conll04/dev.json")]
pub struct TrainArgs {
    /// Annotated names to train the name model on, as FORMAT:PATH; FORMAT is iob (CoNLL
    /// columns, IOB1 or IOB2 tags in the last column), spert (SpERT JSON: tokens, entities)
    /// or docred (DocRED JSON: sents, vertexSet). Repeatable.
    #[arg(long = "names", value_name = "FORMAT:PATH")]
    pub names: Vec<String>,
    /// Annotated relations to train the relation model on, as FORMAT:PATH (spert or docred).
    /// Repeatable.
    #[arg(long = "relations", value_name = "FORMAT:PATH")]
    pub relations: Vec<String>,
    /// Unannotated documents (files or folders, read as `relgraph extract` reads them) for
    /// distant supervision of the relation model: pairs of gazetteer entities in a sentence,
    /// labelled with the gazetteer's facts between them. Repeatable.
    #[arg(long = "distant", value_name = "PATH")]
    pub distant: Vec<PathBuf>,
    /// Publication date of the --distant documents (for the gazetteer's dated roles).
    #[arg(long, value_name = "DATE")]
    pub distant_date: Option<String>,
    /// Distant supervision keeps one pair without a fact in this many.
    #[arg(long, default_value_t = Settings::default().keep_none)]
    pub keep_none: usize,
    /// Score the new models on this development set after training, as DATASET:PATH
    /// (dwie, conll04 or conll03; the scoring of `relgraph eval`). Repeatable.
    #[arg(long = "dev", value_name = "DATASET:PATH")]
    pub dev: Vec<String>,
    /// The folder to write names.model and relations.model to (created if missing).
    #[arg(short = 'o', long, value_name = "DIR")]
    pub output: PathBuf,
    /// Passes over the name training data.
    #[arg(long, default_value_t = Settings::default().name_epochs)]
    pub name_epochs: usize,
    /// Passes over the relation training data.
    #[arg(long, default_value_t = Settings::default().relation_epochs)]
    pub relation_epochs: usize,
    /// Features seen fewer times in the training data are dropped.
    #[arg(long, default_value_t = Settings::default().min_count)]
    pub min_count: u32,
    /// The probability a relation edge needs (stored in the model).
    #[arg(long, default_value_t = Settings::default().threshold)]
    pub threshold: f32,
    /// Name model: the probability its class needs to overrule the type of a name the
    /// gazetteer lists (stored in the model).
    #[arg(long, default_value_t = Settings::default().overrule)]
    pub overrule: f32,
    /// Name model: the probability a name no earlier stage proposed needs (stored in the model).
    #[arg(long, default_value_t = Settings::default().min_new)]
    pub min_new: f32,
    /// Relation model: rule edges of the types the model decides stay only if the model finds
    /// them too (unless the rule is marked decisive; stored in the model).
    #[arg(long)]
    pub rules_yield: bool,
    /// Name model: the percentage of training documents read, in each pass, without the
    /// rule stages' proposals as features.
    #[arg(long, default_value_t = Settings::default().hide_proposals, value_parser = clap::value_parser!(u64).range(0..=100))]
    pub hide_proposals: u64,
    /// Seed of the example order.
    #[arg(long, default_value_t = Settings::default().seed)]
    pub seed: u64,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

/// Reads the annotated documents of a FORMAT:PATH (or DATASET:PATH for `--dev`) argument.
fn read_spec(spec: &str, for_dev: bool) -> Result<(Dataset, PathBuf, Vec<GoldDoc>)> {
    let (format, path) = spec.split_once(':').ok_or_else(|| {
        Error::Usage(format!(
            "{spec:?}: expected FORMAT:PATH (for example iob:train.conll)"
        ))
    })?;
    let dataset = match format {
        "iob" | "conll03" => Dataset::Conll03,
        "spert" | "conll04" => Dataset::Conll04,
        "docred" | "dwie" => Dataset::Dwie,
        other => {
            let what = if for_dev {
                "dwie, conll04 or conll03"
            } else {
                "iob, spert or docred"
            };
            return Err(Error::Usage(format!(
                "{spec:?}: unknown format {other:?} (expected {what})"
            )));
        }
    };
    let path = PathBuf::from(path);
    let docs = eval::read(dataset, &path)?;
    Ok((dataset, path, docs))
}

/// Writes a model file into `dir` (atomically) and says so.
fn write_model(dir: &Path, file: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(file);
    crate::output::write_atomic(&path, bytes)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// (file name, document count) of each training source, for the model's meta.
type Sources = Vec<(String, usize)>;

/// The documents of every training FORMAT:PATH, in order, and their sources.
fn read_training(specs: &[String]) -> Result<(Vec<GoldDoc>, Sources)> {
    let mut docs = Vec::new();
    let mut sources = Vec::new();
    for spec in specs {
        let (_, path, d) = read_spec(spec, false)?;
        sources.push((file_name(&path), d.len()));
        docs.extend(d);
    }
    Ok((docs, sources))
}

pub fn run(a: TrainArgs) -> Result<()> {
    if a.names.is_empty() && a.relations.is_empty() {
        return Err(Error::Usage(
            "nothing to train: give --names FORMAT:PATH and/or --relations FORMAT:PATH".into(),
        ));
    }
    let settings = Settings {
        name_epochs: a.name_epochs,
        relation_epochs: a.relation_epochs,
        min_count: a.min_count,
        threshold: a.threshold,
        seed: a.seed,
        overrule: a.overrule,
        min_new: a.min_new,
        rules_yield: a.rules_yield,
        keep_none: a.keep_none.max(1),
        hide_proposals: a.hide_proposals,
        ..Settings::default()
    };
    std::fs::create_dir_all(&a.output).map_err(|e| Error::io(a.output.display(), e))?;
    let gazetteer = config::gazetteer(&a.knowledge)?;
    let rules = config::rules(&a.knowledge)?;
    // The stages the models learn from, without any model.
    let base = Extractor::new(gazetteer, rules, FactsMode::Mentioned);
    let mut models = Models::default();
    if !a.names.is_empty() {
        let (docs, sources) = read_training(&a.names)?;
        let (model, cov) = train::train_names(&base, &docs, &settings, &train::describe(&sources));
        eprintln!(
            "names: {} documents, {} tokens ({} read by the model); {} of {} name tokens read; {} features",
            cov.documents,
            cov.tokens,
            cov.candidates,
            cov.name_tokens_read,
            cov.name_tokens,
            model.n_features()
        );
        write_model(&a.output, "names.model", &model.to_bytes())?;
        models.names = Some(Arc::new(
            NameModel::new(model).map_err(|e| Error::Usage(e.to_string()))?,
        ));
    } else if !a.knowledge.no_default_models {
        models.names = config::models(&a.knowledge)?.names;
    }
    let base = base.with_models(models.clone());
    if !a.relations.is_empty() {
        let (docs, mut sources) = read_training(&a.relations)?;
        let distant = read_distant(&a.distant, a.distant_date.as_deref())?;
        if !distant.is_empty() {
            sources.push(("distant supervision".to_string(), distant.len()));
        }
        let (model, cov) = train::train_relations(
            &base,
            &docs,
            &distant,
            &settings,
            &train::describe(&sources),
        );
        let classes: Vec<String> = cov
            .by_class
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        eprintln!(
            "relations: {} documents, {} pairs; {} distant documents, {} pairs kept ({}); {} of {} gold relations between found mentions; {} features",
            cov.documents,
            cov.pairs,
            cov.distant_documents,
            cov.distant_pairs,
            classes.join(", "),
            cov.gold_read,
            cov.gold,
            model.n_features()
        );
        write_model(&a.output, "relations.model", &model.to_bytes())?;
        models.relations = Some(Arc::new(
            RelationModel::new(model).map_err(|e| Error::Usage(e.to_string()))?,
        ));
    }
    if a.dev.is_empty() {
        return Ok(());
    }
    let ex = Extractor::new(
        config::gazetteer(&a.knowledge)?,
        config::rules(&a.knowledge)?,
        FactsMode::Mentioned,
    )
    .with_models(models);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for spec in &a.dev {
        let (dataset, path, gold) = read_spec(spec, true)?;
        let report = eval::evaluate(&ex, dataset, &path, &gold, threads, 0)?;
        print!("{}", report.render());
    }
    Ok(())
}

/// The --distant documents, in input order.
fn read_distant(paths: &[PathBuf], date: Option<&str>) -> Result<Vec<crate::doc::Document>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let date = date
        .map(|d| {
            d.parse::<crate::gazetteer::Date>()
                .map_err(|e| Error::Usage(format!("--distant-date: {e}")))
        })
        .transpose()?;
    let opts = crate::input::InputOptions {
        format: crate::input::InputFormat::Auto,
        date,
        encoding: None,
        strict: false,
        filter: crate::input::FileFilter::from_globs(&[])?,
        exclude: Vec::new(),
    };
    let reporter = crate::report::Reporter::new(true).shared();
    crate::input::Documents::open(paths, opts, reporter)?.collect()
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}
