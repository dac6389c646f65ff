//! Guessed entities: names the gazetteer does not know, recognised from news grammar
//! (docs/formats.md, "Guessed entities").
//!
//! Only runs of capitalised words that no gazetteer mention covers are looked at, so the cost
//! grows with the number of unknown capitalised words, not with the text. A run is split and
//! classified by its words and its context:
//!
//! * **organizations** by a head word or suffix (`... Council`, `... Party`, `Ministry of ...`,
//!   `... Inc.`), and by an acronym defined in the text (`the Islamic Front (IF)`) whose letters
//!   are the initials of the words before it. Place mentions inside such a name become part of it,
//!   and the organization is `based_in` the place (`the Ruritanian Academy of Arts`).
//! * **persons** after a title or role word (`Secretary Jane Doe`, `coach Jan Novak`), from a
//!   first-name list (`data/lexicon/first-names.txt`), or from the context of two or three
//!   capitalised words (`Jan Novak said`, `Jan Novak, a spokesman for ...`, `Jan Novak, who`).
//! * **locations** after a locative preposition (`in Kleinstadt`) or with a geographic head word
//!   (`the Oder River`).
//!
//! A name guessed once is recognised wherever it recurs in the document, and an acronym defined
//! in parentheses becomes a mention of the entity before it, also later on. Guessed entities
//! get document-independent ids from their type and normalised name (`person:guess:jane-doe`),
//! a confidence below any gazetteer match, and mentions of kind `guessed`; later short forms of
//! guessed people resolve in `resolve::coreference`.
//!
//! One job per module; each imports only modules listed before it, so there are no cycles:
//!
//! * `classes`: word classes of folded words (the word lists of `data/lexicon/` as bits of one
//!   table), first names, common words;
//! * `common`: what the others share: the items of a run, the document context, the guesses
//!   collected, small text helpers;
//! * `entities`: ids and mentions of guessed entities;
//! * `people`, `places`: contexts only people have (`was born`, `'s widow`), and places named
//!   with their region (`Town, Region`);
//! * `surnames`: one-word guesses from gazetteer surnames, and short forms dropped;
//! * `acronyms`: acronyms defined in parentheses;
//! * `decide`: the type of a group of unknown capitalised words;
//! * `split`: a run cut into names at head words, titles and ordinals;
//! * `runs`: the walk over the document that builds the runs, the names that recur, and the
//!   merge of the guesses into the document ([`guess`]).

mod acronyms;
mod classes;
mod common;
mod decide;
mod entities;
mod people;
mod places;
mod runs;
mod split;
mod surnames;

pub use crate::extract::ids::guess_id;
pub use classes::{first_names, is_organ_name};
pub use common::GuessScratch;
pub(crate) use places::place_ends;
pub use runs::guess;

use crate::extract::words::{
    APPOSITION_ROLES, COMPASS_WORDS, CONNECTORS, HOLIDAYS, KIN_NOUNS, LEGAL_SUFFIXES, LIFE_EVENTS,
    LOC_HEADS, LOCATIVES, MILITARY_UNITS, NAME_PARTICLES, NOT_NAMES, NOT_PERSON_NOUNS, ORG_CUES,
    ORG_FIRST, ORG_HEADS, ORG_ROLES, ORG_STAFF_WORDS, ORGAN_HEADS, PERSON_CUES, PERSON_OF,
    PLACE_NOUNS, PLACE_ROLES, PORTFOLIOS, REGION_HEADS, SAY_VERBS, TITLE_WORDS,
};

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![
        ORG_HEADS,
        LEGAL_SUFFIXES,
        ORG_FIRST,
        LOC_HEADS,
        TITLE_WORDS,
        PORTFOLIOS,
        PERSON_CUES,
        SAY_VERBS,
        APPOSITION_ROLES,
        ORGAN_HEADS,
        ORG_CUES,
        ORG_STAFF_WORDS,
        COMPASS_WORDS,
        LOCATIVES,
        CONNECTORS,
        NAME_PARTICLES,
        NOT_NAMES,
        REGION_HEADS,
        MILITARY_UNITS,
        HOLIDAYS,
        NOT_PERSON_NOUNS,
        PLACE_NOUNS,
        ORG_ROLES,
        PLACE_ROLES,
        PERSON_OF,
        LIFE_EVENTS,
        KIN_NOUNS,
    ]
}
