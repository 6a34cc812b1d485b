//! Transform latency on committed inputs. `cargo bench -p velocity-transform` prints the
//! median of each; the bare oxc parse + codegen of the same TSX is the floor our pipeline
//! is compared against.

use std::path::Path;

use criterion::{Criterion, criterion_group};
use velocity_transform::{
    CssOptions, Edits, ScriptOptions, json_module, transform_css, transform_script,
};

fn input(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../benches/inputs")
            .join(name),
    )
    .unwrap()
}

/// The whole per-request work: transform, scan, then rewrite every specifier.
fn pipeline(name: &str, source: &str, options: &ScriptOptions) -> usize {
    let out = transform_script(name, source, options).unwrap();
    let mut edits = Edits::new(&out.code);
    for r in &out.imports {
        edits.replace(
            r.range.clone(),
            "\"/node_modules/.vite/deps/react.js?v=12345678\"",
        );
    }
    let (code, map) = edits.apply(out.map.as_ref());
    code.len() + map.map_or(0, |m| m.get_tokens().len())
}

fn floor(name: &str, source: &str) -> usize {
    let allocator = oxc::allocator::Allocator::default();
    let st = oxc::span::SourceType::from_path(name).unwrap();
    let parsed = oxc::parser::Parser::new(&allocator, source, st).parse();
    oxc::codegen::Codegen::new()
        .build(&parsed.program)
        .code
        .len()
}

fn benches(c: &mut Criterion) {
    let options = ScriptOptions::default();
    let tsx200 = input("component-200.tsx");
    let tsx2000 = input("component-2000.tsx");
    let css = input("styles-500.module.css");
    let json = input("data-100k.json");

    c.bench_function("tsx 200 lines: full pipeline", |b| {
        b.iter(|| pipeline("/src/Dashboard.tsx", &tsx200, &options))
    });
    c.bench_function("tsx 200 lines: oxc parse+codegen floor", |b| {
        b.iter(|| floor("Dashboard.tsx", &tsx200))
    });
    c.bench_function("tsx 2000 lines: full pipeline", |b| {
        b.iter(|| pipeline("/src/BigDashboard.tsx", &tsx2000, &options))
    });
    c.bench_function("tsx 2000 lines: oxc parse+codegen floor", |b| {
        b.iter(|| floor("BigDashboard.tsx", &tsx2000))
    });
    c.bench_function("css module 500 lines", |b| {
        let o = CssOptions {
            module: true,
            source_map: true,
            ..CssOptions::default()
        };
        b.iter(|| {
            transform_css("src/styles.module.css", &css, &o)
                .unwrap()
                .finish(|_| None)
                .0
                .len()
        })
    });
    // lightningcss alone, no CSS modules, no map, no dependency analysis: the floor of
    // the CSS figure.
    c.bench_function("css 500 lines: lightningcss parse+print floor", |b| {
        b.iter(|| {
            let sheet = lightningcss::stylesheet::StyleSheet::parse(
                &css,
                lightningcss::stylesheet::ParserOptions::default(),
            )
            .unwrap();
            sheet
                .to_css(lightningcss::printer::PrinterOptions::default())
                .unwrap()
                .code
                .len()
        })
    });
    c.bench_function("json 100 KB", |b| {
        b.iter(|| json_module("data.json", &json).unwrap().len())
    });
}

/// The pipeline against the floor, one run of each in turn: this VM's speed drifts by
/// tens of percent from minute to minute, which separate criterion runs cannot cancel.
/// Prints the median ratio of 15 batches, and the median time of one call of each.
fn interleaved_ratio(label: &str, name: &str, file: &str, options: &ScriptOptions) {
    use std::time::{Duration, Instant};
    let source = input(file);
    let mut ratios = Vec::new();
    let (mut calls_pipeline, mut calls_floor) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        let (mut a, mut b) = (Duration::ZERO, Duration::ZERO);
        for _ in 0..100 {
            let t = Instant::now();
            std::hint::black_box(pipeline(name, &source, options));
            let p = t.elapsed();
            let t = Instant::now();
            std::hint::black_box(floor(file, &source));
            let f = t.elapsed();
            (a, b) = (a + p, b + f);
            calls_pipeline.push(p);
            calls_floor.push(f);
        }
        ratios.push(a.as_secs_f64() / b.as_secs_f64());
    }
    ratios.sort_by(|x, y| x.total_cmp(y));
    calls_pipeline.sort();
    calls_floor.sort();
    println!(
        "{label}: pipeline / floor, interleaved: median {:.2}x (min {:.2}, max {:.2}); median call {:?} / {:?}",
        ratios[ratios.len() / 2],
        ratios[0],
        ratios[ratios.len() - 1],
        calls_pipeline[calls_pipeline.len() / 2],
        calls_floor[calls_floor.len() / 2],
    );
}

criterion_group!(transform, benches);

fn main() {
    transform();
    Criterion::default().configure_from_args().final_summary();
    // The ratios follow criterion's filter (`-- css` skips them) and its `--test` mode.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filter = args.iter().find(|a| !a.starts_with('-'));
    if args.iter().any(|a| a == "--test") || filter.is_some_and(|f| !f.contains("tsx")) {
        return;
    }
    let options = ScriptOptions::default();
    interleaved_ratio(
        "tsx 200 lines",
        "/src/Dashboard.tsx",
        "component-200.tsx",
        &options,
    );
    interleaved_ratio(
        "tsx 2000 lines",
        "/src/BigDashboard.tsx",
        "component-2000.tsx",
        &options,
    );
}
