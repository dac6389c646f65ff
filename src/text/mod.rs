//! Text handling: offset-keeping normalisation, sentence splitting and tokenisation.

pub mod normalize;
pub mod offsets;
pub mod prepare;
pub mod scan;
pub mod sentences;
pub mod terminal;
pub mod tokens;
pub mod wordtable;
