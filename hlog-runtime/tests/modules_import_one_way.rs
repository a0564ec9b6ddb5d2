//! The runtime's modules import one way, down the stack a log call runs through (STYLE.md,
//! "One idea, one place; imports run one way"): a module may use only modules below it in
//! `LAYERS`. This reads the `crate::` paths of every source file (test modules and comments
//! left out), so a new upward import fails here with the file that makes it, before it can
//! become a cycle. A folder (`sink/`, `time/`, `out/`) counts as one module.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom first. Errors and the stderr report sit at the bottom so every layer can return and
/// report them (under them, taking a lock with a deadline); sinks sit below the handlers that
/// own them.
const LAYERS: &[&str] = &[
    "lock",
    "intern",
    "report",
    "thread",
    "error",
    "time",
    "level",
    "callsite",
    "value",
    "extra",
    "context",
    "out",
    "message",
    "record",
    "bound",
    "format",
    "sink",
    "filter",
    "reentry",
    "handler",
    "deferred",
    "env",
    "logger",
    "config",
    "bridge",
    "access_log",
    "__private",
];

#[test]
fn every_import_goes_down_the_stack() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let rank = |name: &str| LAYERS.iter().position(|layer| *layer == name);
    let mut upward = Vec::new();
    for (module, files) in &modules {
        let Some(own) = rank(module) else {
            panic!("module `{module}` is not in LAYERS: place it in the stack");
        };
        for file in files {
            let text = code_of(&fs::read_to_string(file).unwrap());
            for used in crate_paths(&text) {
                if used == *module || !modules.contains_key(&used) {
                    continue;
                }
                let theirs = rank(&used).unwrap_or(usize::MAX);
                if theirs > own {
                    upward.push(format!("{} uses crate::{used} (above {module})", file.display()));
                }
            }
        }
    }
    assert!(upward.is_empty(), "imports that run up the stack:\n{}", upward.join("\n"));
    assert!(modules.len() >= 12, "found only {:?}", modules.keys());
}

/// The reader itself: it sees plain, grouped and nested paths, and skips comments and tests.
#[test]
fn paths_are_read_from_code_only() {
    let text = code_of(
        "use crate::level::Level;\nuse crate::{out::Out, value::Value};\n// crate::logger\n\
         /* crate::handler */ fn f() { crate::time::now(); }\n#[cfg(test)]\nmod tests {\n    \
         use crate::sink;\n}\n",
    );
    let mut paths = crate_paths(&text);
    paths.sort();
    assert_eq!(paths, ["level", "out", "time", "value"]);
}

/// Each top-level module and the files it is made of.
fn modules(src: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            modules.entry(name).or_default().extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            modules.entry(name).or_default().push(path);
        }
    }
    modules
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The text without comments and without a trailing `#[cfg(test)] mod tests`.
fn code_of(text: &str) -> String {
    let mut code = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |end| &after[end..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else {
            let c = rest.chars().next().unwrap();
            code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let tests = code.lines().collect::<Vec<_>>().windows(2).position(|pair| {
        pair[0].trim() == "#[cfg(test)]" && pair[1].trim_start().starts_with("mod tests")
    });
    match tests {
        Some(line) => code.lines().take(line).collect::<Vec<_>>().join("\n"),
        None => code,
    }
}

/// The first segment after each `crate::`, including each item of `crate::{a, b::c}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let ident = |s: &str| -> String {
        s.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `hlog_runtime::crate`-like text, `$crate::`
        }
        let after = &code[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            paths.extend(group.split(',').map(ident).filter(|name| !name.is_empty()));
        } else {
            paths.push(ident(after));
        }
    }
    paths
}
