//! Compares sdkgen with openapi-generator's `rust` generator on one spec, and prints the
//! results as Markdown tables.
//!
//! Run with `cargo bench -p sdkgen --bench pipeline`. It measures, in one run:
//!
//! 1. Generation: the release `sdkgen` binary and `java -jar openapi-generator.jar generate
//!    -g rust`, each as a child process writing into a fresh folder. Wall time comes from a
//!    monotonic clock around the child, CPU time and peak RSS from `wait4`, as GNU time reads
//!    them. The pipeline also runs in this process through the library, for per-stage times.
//! 2. `cargo check` of each generated crate alone: dependencies are built once, then each run
//!    removes the crate's own artifacts with `cargo clean --package` and checks again, so only
//!    the crate itself is checked, from scratch.
//!
//! Runs of the tools alternate, so a change in machine load during the run hits both.
//!
//! Settings, all optional:
//!
//! | variable | what it sets | default |
//! | --- | --- | --- |
//! | `SDKGEN_BENCH_SPEC` | the spec to generate from | `../shared/specs/flexprice-2026-08-21.json` beside the workspace |
//! | `SDKGEN_BENCH_VENV` | the venv made by `scripts/bench-setup.sh` | `/tmp/oag-venv` |
//! | `SDKGEN_BENCH_RUNS` | timed generation runs per tool, 1 to 50 | 5 |
//! | `SDKGEN_BENCH_CHECK_RUNS` | timed `cargo check` runs per crate, 0 to 20 (0 skips the step) | 3 |
//! | `SDKGEN_BENCH_SCRATCH` | a folder to keep, so dependency builds are reused | a temporary folder |

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DEFAULT_VENV: &str = "/tmp/oag-venv";
/// The package name both generators are given, which `cargo clean --package` takes.
const CRATE_NAME: &str = "flexprice";
const JAR_IN_PACKAGE: &str = "openapi_generator_cli/openapi-generator.jar";

/// A text replacement that makes openapi-generator's output compile.
///
/// openapi-generator 7.26.0 names the Rust argument for the query parameter `-` of
/// `GET /customers/wallets` `_`, then reads it with `let p_query__ = _;`, which rustc rejects.
/// The fix binds `None` instead, so the `-` parameter is never sent. The argument was already
/// unusable as `_`, and the rest of the function type-checks as generated.
const OPENAPI_GENERATOR_FIXES: &[Fix] = &[Fix {
    file: "src/apis/wallets_api.rs",
    from: "    let p_query__ = _;\n",
    to: "    let p_query__: Option<i32> = None;\n",
}];

/// The `cargo check` arguments that select the `events` tag alone, with the default TLS.
const EVENTS_ONLY: &[&str] = &["--no-default-features", "--features", "rustls-tls,events"];

struct Fix {
    file: &'static str,
    from: &'static str,
    to: &'static str,
}

/// Resource usage of one child process.
#[derive(Debug, Clone, Copy)]
struct Usage {
    wall: Duration,
    cpu: Duration,
    /// Peak resident set size in KiB.
    max_rss_kib: u64,
}

struct Settings {
    spec: PathBuf,
    venv: PathBuf,
    runs: usize,
    check_runs: usize,
    scratch: PathBuf,
    /// Deletes the scratch folder when dropped, unless the user chose the folder.
    _temp: Option<tempfile::TempDir>,
}

fn main() {
    // `cargo test --all-targets` runs bench targets without `--bench`; the benchmark takes
    // minutes, so it runs only under `cargo bench`.
    if !std::env::args().any(|arg| arg == "--bench") {
        println!(
            "pipeline benchmark skipped: run it with `cargo bench -p sdkgen --bench pipeline`"
        );
        return;
    }
    if let Err(error) = run() {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let settings = settings()?;
    let sdkgen = PathBuf::from(env!("CARGO_BIN_EXE_sdkgen"));
    let jar = find_jar(&settings.venv);
    if let Err(reason) = &jar {
        eprintln!(
            "openapi-generator skipped: {reason}\n  install it with `scripts/bench-setup.sh {}` \
             (it needs `java` on PATH; tested with OpenJDK 17), or set SDKGEN_BENCH_VENV to an existing venv",
            settings.venv.display()
        );
    }
    let jar = jar.ok();

    println!("# Pipeline benchmark\n");
    print_machine(&settings, jar.as_deref());

    let generation = bench_generation(&settings, &sdkgen, jar.as_deref())?;
    let check = if settings.check_runs == 0 {
        eprintln!("cargo check step skipped: SDKGEN_BENCH_CHECK_RUNS is 0");
        None
    } else {
        Some(bench_check(&settings, &sdkgen, jar.as_deref())?)
    };
    print_targets(&generation, check.as_ref());
    println!("\nLoad average at the end: {}", load_average());
    Ok(())
}

fn settings() -> anyhow::Result<Settings> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator crate sits in the workspace")
        .to_path_buf();
    let spec = std::env::var_os("SDKGEN_BENCH_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/specs/flexprice-2026-08-21.json"));
    anyhow::ensure!(
        spec.is_file(),
        "spec {} not found; set SDKGEN_BENCH_SPEC to an OpenAPI 3.0 file",
        spec.display()
    );
    let venv = std::env::var_os("SDKGEN_BENCH_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| DEFAULT_VENV.into());
    let runs = count_from_env("SDKGEN_BENCH_RUNS", 5, 1..=50)?;
    let check_runs = count_from_env("SDKGEN_BENCH_CHECK_RUNS", 3, 0..=20)?;
    let (scratch, temp) = match std::env::var_os("SDKGEN_BENCH_SCRATCH") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            fs::create_dir_all(&dir)?;
            (dir, None)
        }
        None => {
            let temp = tempfile::Builder::new().prefix("sdkgen-bench").tempdir()?;
            (temp.path().to_path_buf(), Some(temp))
        }
    };
    Ok(Settings {
        spec: fs::canonicalize(&spec)?,
        venv,
        runs,
        check_runs,
        scratch,
        _temp: temp,
    })
}

fn count_from_env(
    name: &str,
    default: usize,
    range: std::ops::RangeInclusive<usize>,
) -> anyhow::Result<usize> {
    let Ok(text) = std::env::var(name) else {
        return Ok(default);
    };
    match text.parse::<usize>() {
        Ok(count) if range.contains(&count) => Ok(count),
        _ => anyhow::bail!(
            "invalid {name} `{text}`: expected a whole number from {} to {}",
            range.start(),
            range.end()
        ),
    }
}

/// Finds the jar that the PyPI package `openapi-generator-cli` ships inside `venv`.
fn find_jar(venv: &Path) -> Result<PathBuf, String> {
    let lib = venv.join("lib");
    let entries = fs::read_dir(&lib).map_err(|e| format!("no venv at {}: {e}", venv.display()))?;
    for entry in entries.flatten() {
        let jar = entry.path().join("site-packages").join(JAR_IN_PACKAGE);
        if jar.is_file() {
            return match Command::new("java").arg("-version").output() {
                Ok(output) if output.status.success() => Ok(jar),
                _ => Err(
                    "`java -version` failed; put a Java runtime on PATH (tested with OpenJDK 17)"
                        .into(),
                ),
            };
        }
    }
    Err(format!(
        "no {JAR_IN_PACKAGE} under {}/python*/site-packages",
        lib.display()
    ))
}

fn print_machine(settings: &Settings, jar: Option<&Path>) {
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|name| name.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("- spec: `{}`", settings.spec.display());
    println!("- machine: {cores} cores, {cpu}");
    println!("- load average at the start: {}", load_average());
    println!("- sdkgen: `{}`", env!("CARGO_BIN_EXE_sdkgen"));
    println!("- rustc: {}", first_line_of("rustc", &["--version"]));
    if let Some(jar) = jar {
        let version = first_line_of("java", &["-jar", &jar.to_string_lossy(), "version"]);
        println!("- openapi-generator: {version}, `{}`", jar.display());
        println!("- java: {}", first_line_of("java", &["-version"]));
    }
    println!(
        "- runs: {} per tool for generation, {} per crate for `cargo check`",
        settings.runs, settings.check_runs
    );
}

/// Returns the first line a command prints, on stdout or else stderr (`java -version`).
fn first_line_of(program: &str, args: &[&str]) -> String {
    let Ok(output) = Command::new(program).args(args).output() else {
        return format!("`{program}` not found");
    };
    let text = if output.stdout.is_empty() {
        output.stderr
    } else {
        output.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".into())
}

struct Generation {
    ours: Vec<Usage>,
    theirs: Vec<Usage>,
}

fn bench_generation(
    settings: &Settings,
    sdkgen: &Path,
    jar: Option<&Path>,
) -> anyhow::Result<Generation> {
    let out = settings.scratch.join("generate");
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    fs::create_dir_all(&out)?;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut in_process = Vec::new();
    // Run 0 warms the file cache and is not counted. Every run writes a folder of its own,
    // and all are removed at the end. On this machine's ext4, creating files right after a
    // large delete took about 20 times longer per file, with perf showing the time in the
    // check for recently deleted inodes, so deleting between runs slowed the next tool.
    for run in 0..=settings.runs {
        eprintln!("generation run {run} of {}", settings.runs);
        let usage = run_logged(
            &mut sdkgen_command(sdkgen, settings, &out.join(format!("ours-{run}"))),
            &out,
        )?;
        let their_usage = match jar {
            Some(jar) => {
                let theirs = out.join(format!("theirs-{run}"));
                let command = &mut openapi_generator_command(jar, settings, &theirs);
                Some(run_logged(command, &out)?)
            }
            None => None,
        };
        let stages = generate_in_process(settings, &out.join(format!("library-{run}")))?;
        if run > 0 {
            ours.push(usage);
            theirs.extend(their_usage);
            in_process.push(stages);
        }
    }

    fs::remove_dir_all(&out)?;

    println!("\n## Generation\n");
    println!("Each run writes the whole crate into a folder that does not exist yet.\n");
    println!("| tool | runs | wall median (min-max) | CPU median | peak RSS median |");
    println!("| --- | --- | --- | --- | --- |");
    print_usage_row("sdkgen (release binary)", &ours);
    if jar.is_some() {
        print_usage_row("openapi-generator `-g rust`", &theirs);
        println!(
            "\nRatios, openapi-generator / sdkgen, of the medians: wall {:.1}x, CPU {:.1}x, \
             peak RSS {:.1}x.",
            ratio(&theirs, &ours, wall_seconds),
            ratio(&theirs, &ours, cpu_seconds),
            ratio(&theirs, &ours, rss_mib)
        );
    }
    print_stages(&in_process);
    Ok(Generation { ours, theirs })
}

fn sdkgen_command(sdkgen: &Path, settings: &Settings, out: &Path) -> Command {
    let mut command = Command::new(sdkgen);
    command
        .arg("generate")
        .arg("--spec")
        .arg(&settings.spec)
        .arg("--out")
        .arg(out);
    command
}

fn openapi_generator_command(jar: &Path, settings: &Settings, out: &Path) -> Command {
    let mut command = Command::new("java");
    command
        .arg("-jar")
        .arg(jar)
        .args(["generate", "-g", "rust", "--package-name", CRATE_NAME])
        .arg("-i")
        .arg(&settings.spec)
        .arg("-o")
        .arg(out);
    command
}

/// Times of one in-process run: the library's stages, then the rest of `generate` (the API
/// record and the manifest), then writing.
type StageTimes = Vec<(&'static str, Duration)>;

fn generate_in_process(settings: &Settings, out: &Path) -> anyhow::Result<StageTimes> {
    let options = sdkgen::Options::new(&settings.spec);
    let start = Instant::now();
    let generated = sdkgen::generate(&options)?;
    let generate_time = start.elapsed();
    let write_start = Instant::now();
    sdkgen::write_to(&generated, out)?;
    let write_time = write_start.elapsed();

    let mut times: StageTimes = generated
        .stages
        .iter()
        .map(|stage| (stage.name, stage.elapsed))
        .collect();
    let staged: Duration = times.iter().map(|(_, elapsed)| *elapsed).sum();
    times.push((
        "API record and manifest",
        generate_time.saturating_sub(staged),
    ));
    times.push(("write", write_time));
    Ok(times)
}

fn print_stages(runs: &[StageTimes]) {
    let Some(first) = runs.first() else {
        return;
    };
    println!("\n### sdkgen stages, in process\n");
    println!("Medians over the same runs, from `sdkgen::generate` and `sdkgen::write_to`.\n");
    println!("| stage | median | share |");
    println!("| --- | --- | --- |");
    let medians: Vec<f64> = (0..first.len())
        .map(|index| median(runs.iter().map(|times| times[index].1.as_secs_f64())))
        .collect();
    let total: f64 = medians.iter().sum();
    for ((name, _), seconds) in first.iter().zip(&medians) {
        println!(
            "| {name} | {:.1} ms | {:.0}% |",
            seconds * 1000.0,
            seconds / total * 100.0
        );
    }
    println!("| total | {:.1} ms | |", total * 1000.0);
}

fn bench_check(
    settings: &Settings,
    sdkgen: &Path,
    jar: Option<&Path>,
) -> anyhow::Result<(Vec<Usage>, Vec<Usage>)> {
    let ours = check_crate(
        settings,
        "sdkgen",
        &mut sdkgen_command(sdkgen, settings, &settings.scratch.join("check-sdkgen")),
        &[],
        &[],
    )?;
    let events_only = check_crate(
        settings,
        "sdkgen-events",
        &mut sdkgen_command(
            sdkgen,
            settings,
            &settings.scratch.join("check-sdkgen-events"),
        ),
        &[],
        EVENTS_ONLY,
    )?;
    let theirs = match jar {
        Some(jar) => {
            let out = settings.scratch.join("check-openapi-generator");
            let command = &mut openapi_generator_command(jar, settings, &out);
            check_crate(
                settings,
                "openapi-generator",
                command,
                OPENAPI_GENERATOR_FIXES,
                &[],
            )?
        }
        None => Vec::new(),
    };

    println!("\n## `cargo check` of the generated crate alone\n");
    println!(
        "Dependencies built first; before each run `cargo clean --package` removes the \
         crate's own artifacts, so cargo checks only the generated crate, from scratch.\n"
    );
    println!("| crate | runs | wall median (min-max) | CPU median | peak RSS median |");
    println!("| --- | --- | --- | --- | --- |");
    print_usage_row("sdkgen, default features", &ours);
    print_usage_row("sdkgen, only the `events` tag", &events_only);
    if !theirs.is_empty() {
        print_usage_row("openapi-generator", &theirs);
        println!(
            "\nRatio sdkgen / openapi-generator of the wall medians: {:.0}%.",
            100.0 / ratio(&theirs, &ours, wall_seconds)
        );
        println!(
            "Ratio sdkgen with only `events` / openapi-generator of the wall medians: {:.0}%.",
            100.0 / ratio(&theirs, &events_only, wall_seconds)
        );
    }
    Ok((ours, theirs))
}

/// Generates a crate with `generate`, applies `fixes`, builds its dependencies, then times
/// `cargo check` of the crate alone, passing `cargo_args` to every `cargo check`.
fn check_crate(
    settings: &Settings,
    label: &str,
    generate: &mut Command,
    fixes: &[Fix],
    cargo_args: &[&str],
) -> anyhow::Result<Vec<Usage>> {
    let dir = settings.scratch.join(format!("check-{label}"));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    run_logged(generate, &settings.scratch)?;
    apply_fixes(label, &dir, fixes)?;
    let target = settings.scratch.join(format!("target-{label}"));
    let log = settings.scratch.join(format!("check-{label}.log"));
    let cargo_check = || {
        let mut command = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
        command
            .arg("check")
            .args(cargo_args)
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target);
        command
    };
    eprintln!("{label}: building dependencies with cargo check");
    run_logged(&mut cargo_check(), &settings.scratch)?;

    let mut runs = Vec::new();
    for run in 1..=settings.check_runs {
        eprintln!("{label}: cargo check run {run} of {}", settings.check_runs);
        // Removing the crate's own artifacts, its incremental cache included, makes each run
        // a first check of the crate, as in CI. Touching a file would only measure a re-check
        // that reuses most of the previous one.
        let mut clean = Command::new(std::env::var_os("CARGO").unwrap_or("cargo".into()));
        clean
            .args(["clean", "--package", CRATE_NAME])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", &target);
        run_logged(&mut clean, &settings.scratch)?;
        let usage = run_to_file(&mut cargo_check(), &log)?;
        let rebuilt = compiled_crates(&log)?;
        anyhow::ensure!(
            rebuilt == 1,
            "cargo check of {} rebuilt {rebuilt} crates, expected only the generated one; see {}",
            dir.display(),
            log.display()
        );
        runs.push(usage);
    }
    Ok(runs)
}

/// Applies each fix whose text is present, and prints which ones were needed.
fn apply_fixes(label: &str, dir: &Path, fixes: &[Fix]) -> anyhow::Result<()> {
    for fix in fixes {
        let path = dir.join(fix.file);
        let text = fs::read_to_string(&path)?;
        match text.matches(fix.from).count() {
            0 => eprintln!("{label}: fix for {} not needed", fix.file),
            1 => {
                fs::write(&path, text.replacen(fix.from, fix.to, 1))?;
                println!(
                    "\n{label}'s output needed a fix to compile: in `{}`, `{}` became `{}`.",
                    fix.file,
                    fix.from.trim(),
                    fix.to.trim()
                );
            }
            count => anyhow::bail!(
                "fix for {} matches {count} times, expected once; update the fix",
                path.display()
            ),
        }
    }
    Ok(())
}

/// Counts the crates cargo compiled or checked, from the `Compiling` and `Checking` lines of
/// its output.
fn compiled_crates(log: &Path) -> io::Result<usize> {
    let text = fs::read_to_string(log)?;
    Ok(text
        .lines()
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("Compiling ") || line.starts_with("Checking ")
        })
        .count())
}

/// Runs `command` with its output appended to `bench.log` in `dir`.
fn run_logged(command: &mut Command, dir: &Path) -> anyhow::Result<Usage> {
    let log = dir.join("bench.log");
    let file = fs::File::options().create(true).append(true).open(&log)?;
    run_with_output(command, file, &log)
}

/// Runs `command` with its output in `log`, replacing what the file contained.
fn run_to_file(command: &mut Command, log: &Path) -> anyhow::Result<Usage> {
    run_with_output(command, fs::File::create(log)?, log)
}

/// Runs `command` with stdout and stderr in `file`, and fails when it exits unsuccessfully.
fn run_with_output(command: &mut Command, file: fs::File, log: &Path) -> anyhow::Result<Usage> {
    command
        .stdin(Stdio::null())
        .stdout(file.try_clone()?)
        .stderr(file);
    let (status, usage) = run_measured(command)?;
    anyhow::ensure!(
        status == 0,
        "{command:?} exited with status {status}; its output is in {}",
        log.display()
    );
    Ok(usage)
}

/// Runs `command` to completion and returns its exit status and resource usage.
fn run_measured(command: &mut Command) -> io::Result<(i32, Usage)> {
    let start = Instant::now();
    let child = command.spawn()?;

    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data, for which all zero bytes are a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 fails with EINTR when a signal handler interrupts it, so retry a few times.
    let mut reaped = -1;
    for _ in 0..3 {
        // SAFETY: `pid` is our unreaped child, and both pointers are to live locals.
        reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            break;
        }
    }
    let wall = start.elapsed();
    if reaped != pid {
        return Err(io::Error::last_os_error());
    }

    let exit = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let seconds = |time: libc::timeval| {
        Duration::from_secs(time.tv_sec as u64) + Duration::from_micros(time.tv_usec as u64)
    };
    Ok((
        exit,
        Usage {
            wall,
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            // Linux reports ru_maxrss in KiB.
            max_rss_kib: usage.ru_maxrss as u64,
        },
    ))
}

fn wall_seconds(usage: &Usage) -> f64 {
    usage.wall.as_secs_f64()
}

fn cpu_seconds(usage: &Usage) -> f64 {
    usage.cpu.as_secs_f64()
}

fn rss_mib(usage: &Usage) -> f64 {
    usage.max_rss_kib as f64 / 1024.0
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => f64::NAN,
        len if len % 2 == 1 => values[middle],
        _ => (values[middle - 1] + values[middle]) / 2.0,
    }
}

fn median_of(runs: &[Usage], measure: fn(&Usage) -> f64) -> f64 {
    median(runs.iter().map(measure))
}

/// Returns the median of `numerator` over the median of `denominator`.
fn ratio(numerator: &[Usage], denominator: &[Usage], measure: fn(&Usage) -> f64) -> f64 {
    median_of(numerator, measure) / median_of(denominator, measure)
}

fn print_usage_row(label: &str, runs: &[Usage]) {
    let walls = runs.iter().map(wall_seconds);
    let min = walls.clone().fold(f64::INFINITY, f64::min);
    let max = walls.fold(0.0, f64::max);
    println!(
        "| {label} | {} | {:.3} s ({min:.3}-{max:.3}) | {:.3} s | {:.1} MiB |",
        runs.len(),
        median_of(runs, wall_seconds),
        median_of(runs, cpu_seconds),
        median_of(runs, rss_mib)
    );
}

/// Prints the targets: generation at least 20 times faster in at most a fifth of the memory,
/// and a crate-only check in at most 60% of openapi-generator's time.
fn print_targets(generation: &Generation, check: Option<&(Vec<Usage>, Vec<Usage>)>) {
    if generation.theirs.is_empty() {
        return;
    }
    println!("\n## Targets\n");
    println!("| target | measured | met |");
    println!("| --- | --- | --- |");
    let speed = ratio(&generation.theirs, &generation.ours, wall_seconds);
    let memory = ratio(&generation.theirs, &generation.ours, rss_mib);
    let verdict = |met: bool| if met { "yes" } else { "no" };
    println!(
        "| generation at least 20x faster (wall) | {speed:.1}x | {} |",
        verdict(speed >= 20.0)
    );
    println!(
        "| generation in at most 1/5 of the peak RSS | 1/{memory:.1} | {} |",
        verdict(memory >= 5.0)
    );
    if let Some((ours, theirs)) = check.filter(|(_, theirs)| !theirs.is_empty()) {
        let share = 100.0 / ratio(theirs, ours, wall_seconds);
        println!(
            "| crate-only check at most 60% of openapi-generator's (wall) | {share:.0}% | {} |",
            verdict(share <= 60.0)
        );
    }
}
