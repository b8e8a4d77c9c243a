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

/// Secrets and what staff type never reach the log: every command is
/// traced, and what a trace records of its arguments is only numbers,
/// flags and codes. A parameter whose name says it may hold a password, a
/// passphrase, a name, a note, a path or a whole form must be skipped.
#[test]
fn commands_never_log_secrets_or_typed_text() {
    // Stems a word of the parameter's name starts with, and whole words.
    const STEMS: &[&str] = &[
        "pass",
        "secret",
        "key",
        "search",
        "name",
        "note",
        "text",
        "input",
        "request",
        "change",
        "reset",
        "path",
        "folder",
        "signature",
        "query",
        "bytes",
        "content",
    ];
    const WORDS: &[&str] = &["form"];
    let telling = |name: &str| {
        name.to_lowercase().split('_').any(|w| STEMS.iter().any(|s| w.starts_with(s)) || WORDS.contains(&w))
    };
    let dir = repo().join("src-tauri/src/commands");
    let mut rust = Vec::new();
    files(&dir, "rs", &mut rust);
    let mut offenders = Vec::new();
    for path in &rust {
        let text = std::fs::read_to_string(path).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("#[tauri::command") {
            rest = &rest[at..];
            let signature_at = rest.find("pub fn ").expect("a command is a pub fn");
            let attributes = &rest[..signature_at];
            let signature = &rest[signature_at..];
            let name: String = signature[7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let params_end = signature.find(") ->").or_else(|| signature.find(")\n")).unwrap_or(signature.len());
            let params = &signature[signature.find('(').unwrap_or(0) + 1..params_end];
            let Some(instrument_at) = attributes.find("#[tracing::instrument") else {
                offenders.push(format!("{name}: no #[tracing::instrument(skip…)]"));
                rest = &rest[signature_at..];
                continue;
            };
            let attr = &attributes
                [instrument_at..attributes[instrument_at..].find(")]").map_or(attributes.len(), |e| instrument_at + e)];
            if !attr.contains("skip_all") {
                let skipped: Vec<&str> =
                    attr.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
                for param in params.split(',') {
                    let pname = param.split(':').next().unwrap_or("").trim();
                    if pname.is_empty() || skipped.contains(&pname) {
                        continue;
                    }
                    if telling(pname) {
                        offenders.push(format!("{name}: `{pname}` would be logged"));
                    }
                }
            }
            rest = &rest[signature_at..];
        }
    }
    assert!(offenders.is_empty(), "commands that could log secrets or typed text:\n{}", offenders.join("\n"));
}

/// The window's defences stay as set: a Content-Security-Policy that allows
/// only the app's own files (no inline script or style, no remote source),
/// the prototype frozen, one capability for the main window that grants no
/// core or plugin command (the app's own commands pass the permission
/// table), and no command that exists only in development builds.
#[test]
fn the_window_is_locked_down() {
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("src-tauri/tauri.conf.json")).unwrap()).unwrap();
    let security = &conf["app"]["security"];
    let csp = security["csp"].as_str().expect("a CSP is set");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe"), "no unsafe-inline or unsafe-eval: {csp}");
    for directive in csp.split(';') {
        for source in directive.split_whitespace().skip(1) {
            let allowed = ["'self'", "'none'", "data:", "blob:", "ipc:", "http://ipc.localhost"];
            assert!(allowed.contains(&source), "no remote source in the CSP: {source}");
        }
    }
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(security["capabilities"], serde_json::json!(["default"]));
    assert!(conf["build"]["frontendDist"].as_str().is_some_and(|d| !d.starts_with("http")), "the UI is built in");

    let dir = repo().join("src-tauri/capabilities");
    let capabilities: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(capabilities.len(), 1, "one capability file");
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(capabilities[0].path()).unwrap()).unwrap();
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(capability["permissions"], serde_json::json!([]), "no core or plugin command for the page");
    assert!(capability.get("remote").is_none(), "no remote page gets a capability");

    let mut rust = Vec::new();
    files(&repo().join("src-tauri/src/commands"), "rs", &mut rust);
    for path in rust {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("debug_assertions"), "{}: a command only in development builds", path.display());
    }
}
