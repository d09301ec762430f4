//! Tidy: the architecture invariants of ARCHITECTURE.md, checked mechanically (in the manner of
//! rust-analyzer's tidy tests). Each test reads the source tree, not the compiled program, and
//! names the file and line of every violation.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    if dir.is_file() {
        return vec![dir.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).display().to_string()
}

/// The code of a file without its `#[cfg(test)]` items (tests may unwrap) and without
/// comments (they may name what they forbid), with 1-based line numbers.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    // Inside a test item: the brace depth, once its first brace opened.
    let mut skipping: Option<(i32, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("#[cfg(test)]") {
            skipping = Some((0, false));
            continue;
        }
        if let Some((depth, opened)) = skipping.as_mut() {
            for c in code.chars() {
                match c {
                    '{' => {
                        *depth += 1;
                        *opened = true;
                    }
                    '}' => *depth -= 1,
                    _ => {}
                }
            }
            if *opened && *depth <= 0 || !*opened && code.trim_end().ends_with(';') {
                skipping = None;
            }
            continue;
        }
        out.push((i + 1, code));
    }
    out
}

/// Every code line under `dir` (a folder or file, relative to the crate) for which `matches(file, line)` holds,
/// as `file:line: code` for the assertion message.
fn code_hits(dir: &str, matches: impl Fn(&Path, &str) -> bool) -> Vec<String> {
    let mut hits = Vec::new();
    for file in rust_files(&root().join(dir)) {
        for (n, line) in code_lines(&read(&file)) {
            if matches(&file, line) {
                hits.push(format!("{}:{n}: {}", relative(&file), line.trim()));
            }
        }
    }
    hits
}

/// The dependency names of one `[dependencies]`-like table of a manifest.
fn dependencies(manifest: &str) -> Vec<String> {
    let mut in_deps = false;
    let mut names = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line.ends_with("dependencies]");
            continue;
        }
        if in_deps
            && !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            names.push(name.trim().to_string());
        }
    }
    names
}

const WEB_CRATES: [&str; 8] =
    ["web-sys", "js-sys", "wasm-bindgen", "wasm-bindgen-futures", "leptos", "gloo-storage", "idb", "console_error_panic_hook"];

#[test]
fn tidy_the_core_crate_has_no_web_dependency() {
    let manifest = read(&root().join("src/domain/Cargo.toml"));
    let web: Vec<String> = dependencies(&manifest).into_iter().filter(|d| WEB_CRATES.contains(&d.as_str())).collect();
    assert!(web.is_empty(), "src/domain/Cargo.toml depends on {web:?}; the core must compile without a browser");
    // Nor does its code name them (a path dependency could sneak them in).
    let hits = code_hits("src/domain", |_, line| {
        ["web_sys", "js_sys", "wasm_bindgen", "leptos::", "gloo_storage"].iter().any(|w| line.contains(w))
    });
    assert!(hits.is_empty(), "the core names a web crate:\n{}", hits.join("\n"));
}

#[test]
fn tidy_screens_reach_the_browser_only_through_the_adapters() {
    let hits = code_hits("src/ui", |_, line| line.contains("web_sys") || line.contains("js_sys"));
    assert!(hits.is_empty(), "src/ui calls web_sys/js_sys directly; put it in src/browser:\n{}", hits.join("\n"));
}

/// The core's input paths: everything that reads bytes a user picked.
const INPUT_PATHS: [&str; 9] = [
    "src/domain/formats/message/read.rs",
    "src/domain/formats/message/validate.rs",
    "src/domain/formats/message/mod.rs",
    "src/domain/diagnostics/findings.rs",
    "src/domain/formats/settlement/read.rs",
    "src/domain/formats/settlement/amount.rs",
    "src/domain/archive/intake.rs",
    "src/domain/archive/backup.rs",
    "src/domain/archive/modelcache.rs",
];

#[test]
fn tidy_the_core_input_paths_never_unwrap_or_panic() {
    let forbidden = [".unwrap()", ".expect(", "panic!(", "unreachable!(", "todo!(", "unimplemented!("];
    let mut hits = Vec::new();
    for file in INPUT_PATHS {
        let path = root().join(file);
        for (n, line) in code_lines(&read(&path)) {
            if forbidden.iter().any(|f| line.contains(f)) {
                hits.push(format!("{file}:{n}: {}", line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "an input path can panic:\n{}", hits.join("\n"));
}

#[test]
fn tidy_the_store_names_in_architecture_md_are_the_stores_in_the_code() {
    let code = read(&root().join("src/browser/archive.rs"));
    // `const NAME: &str = "store";` lines between the database name and the first function.
    let mut stores: Vec<String> = code
        .lines()
        .filter(|l| l.starts_with("const ") && l.contains(": &str = \""))
        .filter_map(|l| l.split('"').nth(1).map(str::to_string))
        .collect();
    stores.sort();
    assert!(stores.len() >= 4, "found the stores {stores:?} in src/browser/archive.rs");
    let doc = read(&root().join("ARCHITECTURE.md"));
    let line = doc.lines().skip_while(|l| !l.contains("has the stores")).take(3).collect::<Vec<_>>().join(" ");
    let named = line.split("has the stores").nth(1).unwrap_or("").split(';').next().unwrap_or("");
    let mut documented: Vec<String> = named.split('`').skip(1).step_by(2).map(str::to_string).collect();
    documented.sort();
    assert_eq!(documented, stores, "ARCHITECTURE.md ('… has the stores …') and src/browser/archive.rs name different stores");
}

#[test]
fn tidy_every_script_sources_the_shared_prelude() {
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("scripts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "sh") && path.file_name().is_some_and(|n| n != "lib.sh") {
            let text = read(&path);
            if !text.contains("source \"$(dirname \"${BASH_SOURCE[0]}\")/lib.sh\"") {
                missing.push(relative(&path));
            }
            if text.contains("ROOT=\"$(cd") {
                missing.push(format!("{} computes ROOT itself", relative(&path)));
            }
        }
    }
    assert!(missing.is_empty(), "scripts without scripts/lib.sh: {missing:?}");
}

#[test]
fn tidy_the_app_session_knows_no_leptos_and_screens_change_the_archive_only_through_it() {
    let mut hits = Vec::new();
    for file in rust_files(&root().join("src/app")) {
        for (n, line) in code_lines(&read(&file)) {
            if line.contains("leptos") {
                hits.push(format!("{}:{n}: {} (the session must work without Leptos)", relative(&file), line.trim()));
            }
        }
    }
    // Screens may name the archive's error type and database name, never open or change it.
    for file in rust_files(&root().join("src/ui")) {
        for (n, line) in code_lines(&read(&file)) {
            if line.contains("Archive::") || line.contains(".archive()") || line.contains("crypto::") {
                hits.push(format!("{}:{n}: {} (go through app::Session)", relative(&file), line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "the app layer is bypassed:\n{}", hits.join("\n"));
}

#[test]
fn tidy_screen_texts_say_singular_or_plural_never_both() {
    // "3 bestand(en)" reads as a form, not as Dutch: counts go through `view::wording::count`.
    let forbidden = ["(en)", "(s) ", "(s)\"", "(s).", "(n)"];
    let hits = code_hits("src", |_, line| {
        // Only text inside string literals counts (code has calls like `f(s)`).
        let literals: String = line.split('"').skip(1).step_by(2).collect::<Vec<_>>().join("\"");
        forbidden.iter().any(|f| format!("{literals}\"").contains(f))
    });
    assert!(hits.is_empty(), "a screen text hedges its plural:\n{}", hits.join("\n"));
}

#[test]
fn tidy_the_app_sorts_through_one_sort() {
    // Every `slice::sort*` call compiles a copy of the sort into the wasm; `domain::sort` has
    // the one copy (see its module comment).
    let methods = [".sort()", ".sort_by(", ".sort_by_key(", ".sort_by_cached_key(", ".sort_unstable"];
    let hits = code_hits("src", |file, line| !file.ends_with("src/domain/base/sort.rs") && methods.iter().any(|m| line.contains(m)));
    assert!(hits.is_empty(), "sort through kloppend_domain::sort (one copy in the wasm):\n{}", hits.join("\n"));
}

#[test]
fn tidy_the_binary_instantiates_nothing_of_leptos() {
    // Generic code is compiled in every crate that instantiates it: a `mount_to_body(App)` in
    // the binary compiled the screens' futures and closures a second time (77 KB of wasm).
    // The binary calls the library's plain entry points only.
    let main = read(&root().join("src/main.rs"));
    let hits: Vec<String> = code_lines(&main)
        .into_iter()
        .filter(|(_, line)| line.contains("leptos"))
        .map(|(n, line)| format!("src/main.rs:{n}: {}", line.trim()))
        .collect();
    assert!(hits.is_empty(), "call kloppend::ui::mount() instead of Leptos itself:\n{}", hits.join("\n"));
}

#[test]
fn tidy_errors_are_types_not_strings() {
    // An error the screens show is a type with a Dutch Display, so the notice can say what and
    // where and tests can match the kind; a `Result<_, String>` loses both.
    let hits = code_hits("src", |_, line| result_error_types(line).any(|e| e == "String" || e == "&str" || e == "&'static str"));
    assert!(hits.is_empty(), "Result<_, String>: give the error a type of its own:\n{}", hits.join("\n"));
}

/// The error type of every `Result<T, E>` written on a line (the second argument at its depth).
fn result_error_types(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices("Result<").filter_map(move |(at, open)| {
        let rest = &line[at + open.len()..];
        let (mut depth, mut comma) = (0i32, None);
        for (i, c) in rest.char_indices() {
            match c {
                '<' | '(' | '[' => depth += 1,
                '>' | ')' | ']' if depth == 0 => return comma.map(|start: usize| rest[start..i].trim()),
                '>' | ')' | ']' => depth -= 1,
                ',' if depth == 0 => comma = Some(i + 1),
                _ => {}
            }
        }
        None
    })
}

/// The core's layers, lowest first: the folders of `src/domain` and the rows of
/// ARCHITECTURE.md's layer table. A module may use its own layer and the ones before it.
const LAYERS: [&str; 9] = ["base", "reference", "diagnostics", "formats", "archive", "analysis", "views", "session", "fixtures"];

/// The layer and module (`views::todo`, `analysis::credit`) a core file belongs to.
fn core_module(file: &Path) -> Option<(usize, String)> {
    let rel = file.strip_prefix(root().join("src/domain")).ok()?;
    let mut parts = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string());
    let layer = parts.next()?;
    let module = parts.next().unwrap_or_default();
    Some((LAYERS.iter().position(|l| *l == layer)?, module))
}

/// Every `crate::layer::module` a line names, as (layer index, module).
fn core_paths(line: &str) -> Vec<(Option<usize>, String, String)> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let path: String = rest[at + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let mut segments = path.split("::").filter(|s| !s.is_empty());
        let layer = segments.next().unwrap_or("").to_string();
        let module = segments.next().unwrap_or("").to_string();
        out.push((LAYERS.iter().position(|l| *l == layer), layer, module));
        rest = &rest[at + 7..];
    }
    out
}

#[test]
fn tidy_each_core_layer_uses_only_the_layers_below_it() {
    let mut hits = Vec::new();
    for file in rust_files(&root().join("src/domain")) {
        if file.ends_with("src/domain/lib.rs") {
            continue;
        }
        let Some((own, _)) = core_module(&file) else {
            hits.push(format!("{}: a file outside the layer folders ({})", relative(&file), LAYERS.join(", ")));
            continue;
        };
        for (n, line) in code_lines(&read(&file)) {
            if line.contains("super::super") {
                hits.push(format!("{}:{n}: `super::super` leaves its module: name the layer (`crate::…`)", relative(&file)));
            }
            for (layer, name, _) in core_paths(line) {
                match layer {
                    None => hits.push(format!("{}:{n}: `crate::{name}` is no layer; write `crate::<layer>::{name}`", relative(&file))),
                    Some(used) if used > own => hits.push(format!(
                        "{}:{n}: {} uses {}, a layer above it: {}",
                        relative(&file),
                        LAYERS[own],
                        LAYERS[used],
                        line.trim()
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(hits.is_empty(), "wrong-way uses between the core's layers:\n{}", hits.join("\n"));
}

#[test]
fn tidy_the_core_modules_have_no_cycles() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&root().join("src/domain")) {
        let Some((own, module)) = core_module(&file) else { continue };
        if module.is_empty() || module == "mod" {
            continue;
        }
        let from = format!("{}::{module}", LAYERS[own]);
        for (_, line) in code_lines(&read(&file)) {
            for (layer, name, used) in core_paths(line) {
                let to = format!("{name}::{used}");
                let dir = root().join("src/domain").join(&name).join(&used);
                let is_module = dir.with_extension("rs").exists() || dir.is_dir();
                if layer.is_some() && !used.is_empty() && to != from && is_module {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    // Depth-first search; a node met again on the current path closes a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|p| p == node) {
            cycles.push(format!("{} -> {node}", path[at..].join(" -> ")));
            return;
        }
        if !done.insert(node.to_string()) {
            return;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            visit(next, edges, path, done, cycles);
        }
        path.pop();
    }
    let mut cycles = Vec::new();
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        visit(node, &edges, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "module cycles in the core:\n{}", cycles.join("\n"));
}

#[test]
fn tidy_dates_are_written_by_one_function() {
    // "13-05-2025" is the one way a date reads on screen, in exports and in notices; one
    // function (`text::datum`) keeps it so. The settlement reader parses it among others.
    let readers = ["src/domain/base/text.rs", "src/domain/formats/settlement/amount.rs"];
    let hits = code_hits("src", |file, line| !readers.iter().any(|r| file.ends_with(r)) && line.contains("\"%d-%m-%Y\""));
    assert!(hits.is_empty(), "write dates with kloppend_domain::text::datum:\n{}", hits.join("\n"));
}

#[test]
fn tidy_the_screens_state_hands_out_no_writable_signal() {
    // Screens read `AppState` through read-only signals and change it through its methods,
    // so an archive change cannot skip the session and a preference cannot skip the log.
    let hits = code_hits("src/ui/state.rs", |_, line| {
        let line = line.trim();
        (line.starts_with("pub ") && line.contains("RwSignal")) || (line.starts_with("pub fn") && line.contains("-> RwSignal"))
    });
    assert!(hits.is_empty(), "AppState hands out a writable signal:\n{}", hits.join("\n"));
}

#[test]
fn tidy_pages_render_view_models_and_walk_no_raw_model() {
    // A screen is markup over what a view-model returns: the moment a page walks a message's
    // clients and lines, or the reconciliation, the ledger or the archive's documents, its
    // logic is untested and reruns on every render.
    let raw = [".clienten", ".prestaties", ".reconciliation", ".ledger", ".documents", "as_declaratie", "as_antwoord", ".bericht("];
    let hits = code_hits("src/ui", |file, line| {
        !file.ends_with("state.rs")
            && raw.iter().any(|r| line.split(r).skip(1).any(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_')))
    });
    assert!(hits.is_empty(), "pages walk the raw model (give the view-model a field instead):\n{}", hits.join("\n"));
}

#[test]
fn tidy_every_notice_text_is_in_the_notices_module() {
    // What a user reads after an action is written in one module (`session/notices.rs`), so
    // its wording can be read, reviewed and kept consistent in one place.
    let home = ["src/domain/session/notices.rs", "src/domain/session/plan.rs"];
    let hits = code_hits("src", |file, line| !home.iter().any(|h| file.ends_with(h)) && line.contains("Notice::new("));
    assert!(hits.is_empty(), "a notice built outside domain::notices:\n{}", hits.join("\n"));
}
