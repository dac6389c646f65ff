//! Output destinations: standard output, or a file written atomically (a temporary file in the
//! same folder, renamed over the target only when everything was written), so an interrupted
//! or failed run never destroys what the user already had.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A writer to stdout or to a pending atomic file.
pub enum Output {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        path: PathBuf,
        tmp: BufWriter<tempfile::NamedTempFile>,
    },
}

impl Output {
    /// `None` or `-` = standard output.
    pub fn create(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ))),
            Some(p) if p.as_os_str() == "-" => Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            ))),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".relgraph-")
                    .tempfile_in(dir)
                    .map_err(|e| Error::io(p.display(), e))?;
                Ok(Output::File {
                    path: p.to_path_buf(),
                    tmp: BufWriter::with_capacity(1 << 16, tmp),
                })
            }
        }
    }

    /// The name used in error messages.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "<stdout>".to_string(),
            Output::File { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| Error::io("<stdout>", e)),
            Output::File { path, tmp } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| Error::io(path.display(), e.into_error()))?;
                tmp.as_file()
                    .sync_all()
                    .map_err(|e| Error::io(path.display(), e))?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = std::fs::metadata(&path).map_or(0o644, |m| m.permissions().mode());
                    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
                        .map_err(|e| Error::io(path.display(), e))?;
                }
                tmp.persist(&path)
                    .map_err(|e| Error::io(path.display(), e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { tmp, .. } => tmp.flush(),
        }
    }
}

/// Writes a whole file atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = Output::create(Some(path))?;
    out.write_all(bytes)
        .map_err(|e| Error::io(path.display(), e))?;
    out.finish()
}
