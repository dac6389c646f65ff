//! Trained models that make the extractor's decisions (docs/models.md).
//!
//! * [`names`]: which words are names and of which type, over the mentions the gazetteer
//!   matcher and the guessing stages propose;
//! * [`relations`]: which relation a sentence states between two mentioned entities, with the
//!   rules' findings and the gazetteer's facts among its features;
//! * [`linear`]: the sparse linear models both use, their file format and the trainer;
//! * [`train`]: `relgraph train`, which rebuilds the shipped model files from annotated data.
//!
//! The default models are embedded from `data/models/`; `--model PATH` replaces one.

pub mod linear;
pub mod names;
pub mod relations;
pub mod train;

use crate::error::{Error, Result};
use linear::{LinearModel, ModelError};
use names::NameModel;
use relations::RelationModel;
use std::path::Path;
use std::sync::Arc;

/// The models an extractor uses (none by default: [`Models::embedded`] gives the shipped ones).
#[derive(Clone, Default)]
pub struct Models {
    pub names: Option<Arc<NameModel>>,
    pub relations: Option<Arc<RelationModel>>,
}

impl Models {
    /// The models shipped in `data/models/` (embedded at build time).
    pub fn embedded() -> Result<Models> {
        let mut m = Models::default();
        for (path, bytes) in crate::embedded::MODEL_FILES {
            m.add_bytes(path, bytes)?;
        }
        Ok(m)
    }

    /// Adds (or replaces) the model a file holds; its kind is read from the file.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
        self.add_bytes(&path.display().to_string(), &bytes)
    }

    fn add_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<()> {
        let bad = |e: ModelError| Error::Input {
            path: path.to_string(),
            line: None,
            message: e.to_string(),
        };
        let model = LinearModel::read(bytes).map_err(bad)?;
        match model.kind.as_str() {
            names::KIND => self.names = Some(Arc::new(NameModel::new(model).map_err(bad)?)),
            relations::KIND => {
                self.relations = Some(Arc::new(RelationModel::new(model).map_err(bad)?));
            }
            other => {
                return Err(bad(ModelError::Kind {
                    found: other.to_string(),
                    expected: format!("{} or {}", names::KIND, relations::KIND),
                }));
            }
        }
        Ok(())
    }
}
