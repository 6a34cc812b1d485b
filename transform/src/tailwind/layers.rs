//! Tailwind 3's layers are not CSS cascade layers: `@tailwind base`, `components` and
//! `utilities` mark where the generated rules go, and a sheet's own `@layer base { ... }`
//! blocks move to the end of the matching directive. Everything stays unlayered, so
//! specificity and order decide, as in Tailwind 3. (With native layers any unlayered rule,
//! such as a toast library's injected styles or the project's `App.css`, beat every
//! utility.)

/// `sheet` with each `@layer base/components/utilities { ... }` block whose directive
/// the sheet has moved to the end of that directive; other `@layer` blocks stay.
pub(super) fn hoist(sheet: &str) -> String {
    const NAMES: [&str; 3] = ["base", "components", "utilities"];
    let has_directive = |name: &str| {
        sheet
            .match_indices("@tailwind")
            .any(|(i, _)| sheet[i + 9..].trim_start().starts_with(name))
    };
    let mut bodies: [String; 3] = Default::default();
    let mut kept = String::with_capacity(sheet.len());
    let mut rest = sheet;
    while let Some(at) = rest.find("@layer") {
        let tail = &rest[at..];
        let name = tail[6..].trim_start();
        let layer = NAMES
            .iter()
            .position(|n| name.starts_with(n) && name[n.len()..].trim_start().starts_with('{'));
        let Some(layer) = layer else {
            kept.push_str(&rest[..at + 6]);
            rest = &rest[at + 6..];
            continue;
        };
        let Some(block) = super::block(tail) else {
            break;
        };
        if !has_directive(NAMES[layer]) {
            kept.push_str(&rest[..at + block.end]);
            rest = &rest[at + block.end..];
            continue;
        }
        kept.push_str(&rest[..at]);
        bodies[layer].push_str(block.body.trim_matches('\n'));
        bodies[layer].push('\n');
        rest = &rest[at + block.end..];
    }
    kept.push_str(rest);
    if bodies.iter().all(String::is_empty) {
        return kept;
    }
    let mut out = String::with_capacity(kept.len() + 64);
    let mut rest = kept.as_str();
    while let Some(at) = rest.find("@tailwind") {
        let end = rest[at..].find(';').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rest[..end]);
        let name = rest[at + 9..end].trim().trim_end_matches(';').trim();
        if let Some(layer) = NAMES.iter().position(|n| *n == name) {
            out.push('\n');
            out.push_str(&std::mem::take(&mut bodies[layer]));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_blocks_move_to_their_directive() {
        let sheet = "@tailwind base;\n@tailwind components;\n@tailwind utilities;\n\
                     @layer base {\n  :root { --x: 1; }\n  body { @apply bg-white; }\n}\n\
                     .own { color: red; }\n\
                     @layer components {\n  .card { padding: 1px; }\n}\n\
                     @layer utilities {\n  .text-balance { text-wrap: balance; }\n}\n\
                     @layer custom {\n  .x { color: blue; }\n}\n";
        assert_eq!(
            hoist(sheet),
            "@tailwind base;\n  :root { --x: 1; }\n  body { @apply bg-white; }\n\
             \n@tailwind components;\n  .card { padding: 1px; }\n\
             \n@tailwind utilities;\n  .text-balance { text-wrap: balance; }\n\
             \n\n.own { color: red; }\n\n\n\
             @layer custom {\n  .x { color: blue; }\n}\n"
        );
        // No directive in this sheet: the block stays a layer.
        let alone = "@layer components {\n  .card { padding: 1px; }\n}\n";
        assert_eq!(hoist(alone), alone);
    }
}
