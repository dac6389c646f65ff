//! Text handling: offset-keeping normalisation, sentence splitting and tokenisation.

pub mod normalize;
pub mod scan;
pub mod sentences;
pub mod tokens;
pub mod wordtable;
