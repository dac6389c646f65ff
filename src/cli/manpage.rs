//! `relgraph manpage`: man pages generated from the clap definitions (roff).

use crate::error::{Error, Result};
use crate::output::write_atomic;
use clap::{Args, CommandFactory};
use std::io::Write;
use std::path::PathBuf;

/// Print the man page relgraph(1), or write one page per command into a folder.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph manpage | man -l -\n  relgraph manpage -o ~/.local/share/man/man1"
)]
pub struct ManpageArgs {
    /// Write relgraph.1 and relgraph-COMMAND.1 for every command into this folder.
    #[arg(short = 'o', long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

fn render(cmd: &clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut out)
        .map_err(|e| Error::io("<man page>", e))?;
    Ok(out)
}

pub fn run(a: ManpageArgs) -> Result<()> {
    let mut cmd = super::Cli::command();
    cmd.build();
    let Some(dir) = a.output else {
        return std::io::stdout()
            .write_all(&render(&cmd)?)
            .map_err(|e| Error::io("<stdout>", e));
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(dir.display(), e))?;
    write_atomic(&dir.join("relgraph.1"), &render(&cmd)?)?;
    write_pages(&cmd, "relgraph", &dir)
}

/// One page per subcommand of `cmd`, named after the full command (relgraph-query-neighbors),
/// as git and cargo do, and the pages of its own subcommands.
fn write_pages(cmd: &clap::Command, prefix: &str, dir: &std::path::Path) -> Result<()> {
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("{prefix}-{}", sub.get_name());
        let page = sub.clone().name(name.clone());
        write_atomic(&dir.join(format!("{name}.1")), &render(&page)?)?;
        write_pages(sub, &name, dir)?;
    }
    Ok(())
}
