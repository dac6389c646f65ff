//! Output destinations: standard output, or a file written atomically (a temporary file in the
//! same folder, renamed over the target only when everything was written), so an interrupted
//! or failed run never destroys what the user already had.
//!
//! The temporary file is removed when the run fails and when it is interrupted (Ctrl-C,
//! SIGTERM: [`install_interrupt_handler`]). `-o` naming a symbolic link writes the file the link
//! points to; the link stays a link. `-o` naming something that is not a regular file (a
//! device such as `/dev/null`, a named pipe) writes to it directly: renaming a file over it
//! would replace the device.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A writer to stdout or to a pending atomic file.
pub enum Output {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        path: PathBuf,
        tmp: BufWriter<Pending>,
    },
    /// A device or named pipe, written in place.
    Special {
        path: PathBuf,
        file: BufWriter<std::fs::File>,
    },
}

/// A temporary output file not yet renamed into place: known to the interrupt handler while it
/// lives, deleted when dropped.
pub struct Pending(Option<tempfile::NamedTempFile>);

impl Pending {
    fn new(tmp: tempfile::NamedTempFile) -> Pending {
        if let Ok(mut v) = PENDING.lock() {
            v.push(tmp.path().to_path_buf());
        }
        Pending(Some(tmp))
    }

    /// The file, no longer pending (the caller renames or drops it).
    fn take(mut self) -> tempfile::NamedTempFile {
        let tmp = self.0.take().expect("pending file present");
        forget_pending(tmp.path());
        tmp
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            forget_pending(t.path());
        }
    }
}

impl Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.as_mut().expect("pending file present").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.as_mut().expect("pending file present").flush()
    }
}

/// Temporary output files of this process not yet renamed into place.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn forget_pending(p: &Path) {
    if let Ok(mut v) = PENDING.lock() {
        v.retain(|x| x != p);
    }
}

/// Removes pending temporary files and exits with status 130 on Ctrl-C or SIGTERM, so that an
/// interrupted run leaves nothing behind (the old output, if any, is untouched).
pub fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(v) = PENDING.lock() {
            for p in v.iter() {
                let _ = std::fs::remove_file(p);
            }
        }
        std::process::exit(130);
    });
}

/// The file `p` stands for: `p` itself, or the final target of a symbolic link (which may not
/// exist yet: a dangling link is written through too).
fn link_target(p: &Path) -> std::io::Result<PathBuf> {
    let mut cur = p.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&cur)?;
                cur = match cur.parent() {
                    Some(d) if next.is_relative() => d.join(next),
                    _ => next,
                };
            }
            _ => return Ok(cur),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
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
                let target = link_target(p).map_err(|e| Error::io(p.display(), e))?;
                if target.is_dir() {
                    return Err(Error::Usage(format!(
                        "{} is a folder: -o takes a file here",
                        p.display()
                    )));
                }
                if std::fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
                    let file = std::fs::OpenOptions::new()
                        .write(true)
                        .open(&target)
                        .map_err(|e| Error::io(p.display(), e))?;
                    return Ok(Output::Special {
                        path: target,
                        file: BufWriter::with_capacity(1 << 16, file),
                    });
                }
                let dir = match target.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".relgraph-")
                    .tempfile_in(&dir)
                    .map_err(|e| Error::io(p.display(), e))?;
                Ok(Output::File {
                    path: target,
                    tmp: BufWriter::with_capacity(1 << 16, Pending::new(tmp)),
                })
            }
        }
    }

    /// The name used in error messages.
    pub fn name(&self) -> String {
        match self {
            Output::Stdout(_) => "<stdout>".to_string(),
            Output::File { path, .. } | Output::Special { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(|e| Error::io("<stdout>", e)),
            Output::Special { path, mut file } => {
                file.flush().map_err(|e| Error::io(path.display(), e))
            }
            Output::File { path, tmp } => {
                let tmp = tmp
                    .into_inner()
                    .map_err(|e| Error::io(path.display(), e.into_error()))?
                    .take();
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
            Output::Special { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { tmp, .. } => tmp.write_all(buf),
            Output::Special { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { tmp, .. } => tmp.flush(),
            Output::Special { file, .. } => file.flush(),
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
