//! Keeps the layers honest (after rust-analyzer's tidy test): Tauri only in
//! the commands and the app setup, `invoke(` only in the UI's api.ts, a `//!`
//! line atop every Rust module, no `unwrap`/`expect` outside tests.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(path.file_name().and_then(|n| n.to_str()), Some("node_modules" | "bindings" | "dist")) {
                files(&path, ext, out);
            }
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The lines of a Rust file before its first `#[cfg(test)]`.
fn non_test_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().take_while(|(_, l)| !l.trim_start().starts_with("#[cfg(test)]"))
}

#[test]
fn tauri_stays_in_commands_and_app_setup() {
    let src = repo().join("src-tauri/src");
    let mut rust = Vec::new();
    files(&src, "rs", &mut rust);
    let mut offenders = Vec::new();
    for path in &rust {
        let rel = path.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("commands/") || rel == "app.rs" || rel == "main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in non_test_lines(&text) {
            if line.contains("tauri::") || line.trim_start().starts_with("use tauri") {
                offenders.push(format!("{rel}:{}: {line}", n + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "core code must not know Tauri:\n{}", offenders.join("\n"));
}

#[test]
fn every_rust_module_says_what_it_is() {
    let mut rust = Vec::new();
    files(&repo().join("src-tauri/src"), "rs", &mut rust);
    files(&repo().join("src-tauri/tests"), "rs", &mut rust);
    let missing: Vec<_> = rust
        .iter()
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("//!"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(missing.is_empty(), "these files need a `//!` line first:\n{}", missing.join("\n"));
}

#[test]
fn no_unwrap_or_expect_outside_tests() {
    let src = repo().join("src-tauri/src");
    let mut rust = Vec::new();
    files(&src, "rs", &mut rust);
    let mut offenders = Vec::new();
    for path in &rust {
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in non_test_lines(&text) {
            let code = line.split("//").next().unwrap_or("");
            if code.contains(".unwrap()") || code.contains(".expect(") {
                offenders.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "return an error instead:\n{}", offenders.join("\n"));
}

#[test]
fn only_api_ts_calls_tauri_from_the_ui() {
    let src = repo().join("ui/src");
    let mut ui = Vec::new();
    for ext in ["ts", "svelte"] {
        files(&src, ext, &mut ui);
    }
    assert!(!ui.is_empty(), "the UI sources were not found");
    let offenders: Vec<_> = ui
        .iter()
        .filter(|p| !p.ends_with("lib/api.ts"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("invoke(") || text.contains("@tauri-apps/")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "only ui/src/lib/api.ts may call Rust:\n{}", offenders.join("\n"));
}

#[test]
fn every_migration_file_is_applied() {
    // A migration file that is not listed in MIGRATIONS would silently never run.
    let dir = repo().join("src-tauri/src/store/migrations");
    let store = std::fs::read_to_string(repo().join("src-tauri/src/store/mod.rs")).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    for (i, file) in files.iter().enumerate() {
        assert!(
            file.starts_with(&format!("{:04}_", i + 1)),
            "migrations are numbered 0001, 0002, … without gaps: {file}"
        );
        assert!(store.contains(&format!("migrations/{file}")), "{file} is not listed in store/mod.rs MIGRATIONS");
    }
    assert_eq!(files.len(), housing_desk::store::latest_schema_version());
}
