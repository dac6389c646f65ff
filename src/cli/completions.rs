//! `relgraph completions SHELL`: shell completion script, generated from the clap definitions.

use crate::error::{Error, Result};
use clap::{Args, CommandFactory};
use clap_complete::Shell;
use std::io::Write;

/// Print a shell completion script (bash, zsh, fish, elvish, powershell).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph completions bash > ~/.local/share/bash-completion/completions/relgraph\n  relgraph completions zsh > ~/.zfunc/_relgraph\n  relgraph completions fish > ~/.config/fish/completions/relgraph.fish"
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(a: CompletionsArgs) -> Result<()> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "relgraph", &mut out);
    std::io::stdout()
        .write_all(&out)
        .map_err(|e| Error::io("<stdout>", e))
}
