//! Python loguru's row: a venv under benches/target/loguru-venv with loguru installed by pip,
//! then benches/loguru_bench.py run once per round.

use std::path::PathBuf;
use std::process::Command;

use crate::benches_dir;
use crate::measure::LINES;

pub struct Loguru {
    python: PathBuf,
    script: PathBuf,
    pub python_version: String,
    pub loguru_version: String,
}

fn run(program: &std::path::Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(format!(
            "`{} {}` failed ({}): {}",
            program.display(),
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

impl Loguru {
    /// Picks the interpreter, makes the venv if it is missing (or was made by another
    /// interpreter) and installs loguru into it if it cannot import it. Any failure skips the
    /// row with the reason.
    ///
    /// The interpreter is `$LOGURU_PYTHON` if set, else the distribution's `/usr/bin/python3`
    /// if it exists, else `python3` from `PATH`. The distribution's build has PGO and LTO; a
    /// pyenv build with default options (what `python3` is on this machine) runs the same
    /// loguru code about 2× slower, which would measure the interpreter's build, not loguru.
    pub fn setup() -> Result<Loguru, String> {
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Some(p) = std::env::var_os("LOGURU_PYTHON") {
            candidates.push(p.into());
        }
        candidates.push("/usr/bin/python3".into());
        candidates.push("python3".into());
        let system = candidates
            .into_iter()
            .find(|p| run(p, &["--version"]).is_ok())
            .ok_or_else(|| "python3 not found".to_string())?;
        let base_prefix =
            |p: &std::path::Path| run(p, &["-c", "import sys; print(sys.base_prefix)"]);
        let venv = benches_dir().join("target/loguru-venv");
        let python = venv.join("bin/python");
        if !python.exists() || base_prefix(&python)? != base_prefix(&system)? {
            eprintln!("loguru: making a venv with {} in {}", system.display(), venv.display());
            run(
                &system,
                &["-m", "venv", "--clear", venv.to_str().ok_or("venv path is not UTF-8")?],
            )?;
        }
        if run(&python, &["-c", "import loguru"]).is_err() {
            eprintln!("loguru: pip install loguru into {}", venv.display());
            run(
                &python,
                &["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "loguru"],
            )?;
        }
        let loguru_version = run(&python, &["-c", "import loguru; print(loguru.__version__)"])?;
        let python_version =
            run(&python, &["-c", "import platform; print(platform.python_version())"])?;
        Ok(Loguru {
            python,
            script: benches_dir().join("loguru_bench.py"),
            python_version,
            loguru_version,
        })
    }

    /// One run into `file`; the script's stdout (its RESULT line).
    pub fn run(&self, file: &std::path::Path) -> Result<String, String> {
        let script = self.script.to_str().ok_or("script path is not UTF-8")?;
        let file = file.to_str().ok_or("output path is not UTF-8")?;
        crate::run_child(&self.python, &[script, file, &LINES.to_string()])
    }
}
