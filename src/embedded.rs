//! Data files embedded at build time by build.rs: the default gazetteer (`data/gazetteer/*.jsonl`,
//! LZ4-compressed; [`gazetteer_files`] gives the text), the default relation rules (`data/rules/*.toml`), the default models (`data/models/*.model`,
//! docs/models.md) and the word lists (`data/lexicon/*.txt`, read as features by the name
//! model), each as `(path, contents)` sorted by path.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The default gazetteer's files as `(path, text)`, sorted by path, each decompressed from the
/// binary when the iteration reaches it (about 10 ms for all 11.6 MB). Owned, not cached, and
/// one at a time: the loader copies what it keeps, so a file's text is freed before the next
/// one is decompressed (fresh memory is most of start-up's cost: docs/performance.md).
pub fn gazetteer_files() -> impl Iterator<Item = (&'static str, String)> {
    GAZETTEER_LZ4.iter().map(|&(path, packed)| {
        // build.rs wrote these bytes from UTF-8 files moments before they were compiled in: a
        // failure here is a broken build, not bad input.
        let raw =
            lz4_flex::decompress_size_prepended(packed).expect("embedded gazetteer decompresses");
        (
            path,
            String::from_utf8(raw).expect("embedded gazetteer is UTF-8"),
        )
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_gazetteer_files_decompress_to_the_data_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let files: Vec<_> = super::gazetteer_files().collect();
        assert!(files.len() >= 4);
        for (path, text) in files {
            let on_disk = std::fs::read_to_string(root.join(path)).unwrap();
            assert!(text == on_disk, "{path} differs from the embedded copy");
        }
    }
}
