//! Section and clause numbering, applied after rendering so the numbers stay right however program templates
//! are combined. Templates write `## §§ Title` for a numbered section and start a numbered clause with `§. `.

/// Replaces the numbering markers of a rendered template with numbers.
///
/// A section heading `## §§ Title` becomes `## 4. Title`; a clause `§. Text` in it becomes `4.1 Text`. Under an
/// exhibit heading `## Exhibit F. Title`, clauses are `F.1`, `F.2`. A clause under any other heading continues
/// the last numbered section.
#[must_use]
pub fn number(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 256);
    let mut section = 0usize;
    let mut label = String::new();
    let mut clause = 0usize;
    for line in markdown.split_inclusive('\n') {
        if let Some(title) = line.strip_prefix("## §§") {
            section += 1;
            clause = 0;
            label = section.to_string();
            out.push_str(&format!("## {section}. {}", title.trim_start()));
        } else if let Some(rest) = line.strip_prefix("## Exhibit ") {
            clause = 0;
            label = rest.split(['.', ':', ' ']).next().unwrap_or_default().to_string();
            out.push_str(line);
        } else if let Some(text) = line.strip_prefix("§. ") {
            clause += 1;
            if label.is_empty() {
                out.push_str(&format!("{clause}. {text}"));
            } else {
                out.push_str(&format!("{label}.{clause} {text}"));
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sections_clauses_and_exhibits() {
        let md = "# T\n\n## §§ Definitions\n\n§. One.\n\n§. Two.\n\n## §§ Term\n\n§. Three.\n\n## Exhibit F. CCS\n\n§. Four.\n";
        assert_eq!(
            number(md),
            "# T\n\n## 1. Definitions\n\n1.1 One.\n\n1.2 Two.\n\n## 2. Term\n\n2.1 Three.\n\n## Exhibit F. CCS\n\nF.1 Four.\n"
        );
    }
}
