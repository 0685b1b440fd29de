//! Developer tool: prints the rows socscope's reader sees in a file, sheet by sheet.
//! `cargo run --example dump -- FILE [MAX_ROWS]`

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [MAX_ROWS]");
        std::process::exit(2);
    };
    let max_rows: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let path = Path::new(&path);
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let result =
        socscope::read::read_file(path, &extension, &Default::default(), &mut |meta, rows| {
            println!(
                "== sheet {:?} ({} merged regions)",
                meta.name,
                meta.merges.len()
            );
            for row in rows.take(max_rows) {
                let row = row?;
                let cells: Vec<String> = row
                    .cells
                    .iter()
                    .map(|c| format!("{}:{:.60}", c.col, c.text.replace('\n', "\\n")))
                    .collect();
                println!("{:>5} {}", row.number, cells.join(" | "));
            }
            Ok(())
        });
    if let Err(e) = result {
        eprintln!("error: {e}");
    }
}
