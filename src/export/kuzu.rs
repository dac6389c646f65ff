//! A folder Kùzu loads with its Python API (or CLI) by running `schema.cypher` then
//! `copy.cypher` from inside the folder (docs/targets/kuzu.md):
//!
//! - `entities.csv`: `id,name,type,qid,aliases,mentions,documents`, one row per entity;
//! - `relations.csv`: `from,to,id,type,origin,count,confidence,roles`, one row per edge (`id`:
//!   the edge's position in the export order, which evidence rows name);
//! - `evidence.csv`: `id,relation,doc,date,start,end,trigger,rule,confidence,role,features,sentence`,
//!   one row per evidence item kept in the graph (`relation`: the edge id; `id`: `edge/item`;
//!   `features`: the relation model's reasons as JSON, empty for other evidence; `sentence`:
//!   the sentence's text when the graph keeps it).
//!
//! Node table `Entity`, rel table `Relation` (`FROM Entity TO Entity`) and node table `Evidence`
//! joined to its relation by `Evidence.relation = Relation.id` (a Kùzu node cannot point at a
//! relationship). Fields are quoted when needed (RFC 4180, quotes doubled). The lists (aliases,
//! roles) are joined with U+001F (unit separator), which no name holds, and split by
//! `copy.cypher`; an empty field is a null (no qid, no role) or an empty list.

use crate::export::tables::{csv_err, finite, list};
use crate::graph::KnowledgeGraph;
use std::io::Write;

/// The files of the folder, in the order they are written.
pub const ENTITIES_FILE: &str = "entities.csv";
pub const RELATIONS_FILE: &str = "relations.csv";
pub const EVIDENCE_FILE: &str = "evidence.csv";
pub const SCHEMA_FILE: &str = "schema.cypher";
pub const COPY_FILE: &str = "copy.cypher";

/// Joins list items in one CSV field.
pub const LIST_SEPARATOR: char = crate::export::tables::UNIT_SEPARATOR;

/// `schema.cypher`.
pub const SCHEMA: &str = "\
CREATE NODE TABLE Entity(id STRING PRIMARY KEY, name STRING, type STRING, qid STRING, \
aliases STRING[], mentions INT64, documents INT64);
CREATE REL TABLE Relation(FROM Entity TO Entity, id INT64, type STRING, origin STRING, \
count INT64, confidence DOUBLE, roles STRING[]);
CREATE NODE TABLE Evidence(id STRING PRIMARY KEY, relation INT64, doc STRING, date STRING, \
start INT64, `end` INT64, trigger STRING, rule STRING, confidence DOUBLE, role STRING, \
features STRING, sentence STRING);
";

/// `copy.cypher`: paths are relative to the folder, where it is run. Every column's type is
/// given (`LOAD WITH HEADERS`), so no value is ever sniffed as something else (a list of model
/// features as a struct, an id as a number).
pub const COPY: &str = "\
COPY Entity FROM (LOAD WITH HEADERS (id STRING, name STRING, type STRING, qid STRING, \
aliases STRING, mentions INT64, documents INT64) FROM 'entities.csv' \
(HEADER=true, QUOTE='\"', ESCAPE='\"', PARALLEL=false) \
RETURN id, name, type, qid, \
CASE WHEN aliases IS NULL THEN CAST([] AS STRING[]) ELSE string_split(aliases, '\u{1f}') END, \
mentions, documents);
COPY Relation FROM (LOAD WITH HEADERS (`from` STRING, `to` STRING, id INT64, type STRING, \
origin STRING, count INT64, confidence DOUBLE, roles STRING) FROM 'relations.csv' \
(HEADER=true, QUOTE='\"', ESCAPE='\"', PARALLEL=false) \
RETURN `from`, `to`, id, type, origin, count, confidence, \
CASE WHEN roles IS NULL THEN CAST([] AS STRING[]) ELSE string_split(roles, '\u{1f}') END);
COPY Evidence FROM (LOAD WITH HEADERS (id STRING, relation INT64, doc STRING, date STRING, \
start INT64, `end` INT64, trigger STRING, rule STRING, confidence DOUBLE, role STRING, \
features STRING, sentence STRING) FROM 'evidence.csv' \
(HEADER=true, QUOTE='\"', ESCAPE='\"', PARALLEL=false) \
RETURN *);
";

/// Writes `schema.cypher`.
pub fn write_schema(_: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(SCHEMA.as_bytes())
}

/// Writes `copy.cypher`.
pub fn write_copy(_: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(COPY.as_bytes())
}

/// Writes `entities.csv`.
pub fn write_entities(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "name",
        "type",
        "qid",
        "aliases",
        "mentions",
        "documents",
    ])
    .map_err(csv_err)?;
    let g = kg.graph();
    for n in kg.sorted_nodes() {
        let d = &g[n];
        w.write_record([
            d.id.as_str(),
            &d.name,
            d.etype.as_str(),
            d.qid.as_deref().unwrap_or(""),
            &list(&d.aliases, LIST_SEPARATOR),
            &d.mentions.to_string(),
            &d.documents.to_string(),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes `relations.csv`.
pub fn write_relations(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "from",
        "to",
        "id",
        "type",
        "origin",
        "count",
        "confidence",
        "roles",
    ])
    .map_err(csv_err)?;
    let g = kg.graph();
    for (id, e) in kg.sorted_edges().into_iter().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        w.write_record([
            g[s].id.as_str(),
            g[t].id.as_str(),
            &id.to_string(),
            d.rtype.as_str(),
            d.origin.as_str(),
            &d.count.to_string(),
            &finite(d.confidence),
            &list(&d.roles, LIST_SEPARATOR),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes `evidence.csv`.
pub fn write_evidence(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "relation",
        "doc",
        "date",
        "start",
        "end",
        "trigger",
        "rule",
        "confidence",
        "role",
        "features",
        "sentence",
    ])
    .map_err(csv_err)?;
    let g = kg.graph();
    for (id, e) in kg.sorted_edges().into_iter().enumerate() {
        for (k, ev) in g[e].evidence.iter().enumerate() {
            w.write_record([
                &format!("{id}/{k}"),
                &id.to_string(),
                &ev.doc,
                &ev.date.map(|d| d.to_string()).unwrap_or_default(),
                &ev.start.to_string(),
                &ev.end.to_string(),
                &ev.trigger,
                &ev.rule,
                &finite(ev.confidence),
                ev.role.as_deref().unwrap_or(""),
                &crate::export::cypher::features_json(ev),
                ev.sentence.as_deref().unwrap_or(""),
            ])
            .map_err(csv_err)?;
        }
    }
    w.flush()
}
