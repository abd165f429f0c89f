//! `mou init`: a complete, commented party file for one template, filled with example values, so that
//! `mou init ihss > p.toml && mou build p.toml` works at once and every key is explained where it stands.

use crate::catalog::Catalog;
use crate::error::InputError;
use std::fmt::Write;

/// An example legal name for the other party of each program.
fn example_other_party(id: &str) -> &'static str {
    match id {
        "ihss" => "County of Sierra Vista Department of Social Services, In-Home Supportive Services Program",
        "smhs" => "County of Sierra Vista Behavioral Health Services",
        "dmc-ods" => "County of Sierra Vista Behavioral Health Services, Substance Use Services",
        "dmc-sp" => "County of Sierra Vista Alcohol and Drug Program",
        "regional-center" => "Sierra Vista Regional Center for the Developmentally Disabled",
        "lhd" => "County of Sierra Vista Public Health Department",
        "social-services" => "County of Sierra Vista Department of Social Services",
        "wic" => "Sierra Vista County WIC Program",
        "tcm" => "County of Sierra Vista Health Agency, Targeted Case Management Program",
        "first5" => "First 5 Sierra Vista County Children and Families Commission",
        "justice-involved" => "County of Sierra Vista Sheriff's Office, Detention Services",
        _ => "Sierra Vista County Agency",
    }
}

/// The party file `mou init ID` prints.
///
/// # Errors
/// The id is unknown or not released.
pub fn example_party_file(catalog: &Catalog, id: &str) -> Result<String, InputError> {
    let t = catalog.released(id)?;
    let effective = t.effective.map_or_else(|| "2024-07-01".to_string(), |d| d.to_string());
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "# Party file for a Medi-Cal MOU: {}", t.title);
    let _ = writeln!(w, "# Build the draft with:  mou build THIS_FILE.toml -o draft.md");
    let _ = writeln!(w, "# Every value below is an example: replace it with your own.\n");
    let _ =
        writeln!(w, "# The template(s) this MOU is built on (`mou list` shows all). List several to combine programs");
    let _ =
        writeln!(w, "# in one MOU without changing them, e.g. [\"smhs\", \"dmc-ods\"] for a county acting as both.");
    let _ = writeln!(w, "templates = [\"{id}\"]\n");
    let _ = writeln!(w, "# The county the MOU covers.");
    let _ = writeln!(w, "county = \"Sierra Vista\"\n");
    let _ = writeln!(
        w,
        "# When the MOU takes effect (YYYY-MM-DD, no quotes). Not before the template's own date{}.",
        t.effective.map_or_else(String::new, |d| format!(", {d}"))
    );
    let _ = writeln!(w, "effective_date = {effective}\n");
    if id == "justice-involved" {
        let _ =
            writeln!(w, "# The correctional facility's go-live date for pre-release services. The MOU takes effect on");
        let _ = writeln!(w, "# January 1, 2026 or this date, whichever is later.");
        let _ = writeln!(w, "go_live_date = 2026-01-01\n");
    }
    if id == "lhd" {
        let _ =
            writeln!(w, "# true in a Whole Child Model county. A WCM county covers CCS in the separate WCM MOU, so");
        let _ = writeln!(w, "# the CCS exhibit (options.ccs_exhibit_f) must then stay off.");
        let _ = writeln!(w, "whole_child_model = false\n");
    }
    let _ = writeln!(w, "# Optional: a folder of house templates (catalog.toml + template files) that replaces the");
    let _ = writeln!(w, "# bundled ones, relative to this file.");
    let _ = writeln!(w, "# templates_dir = \"house-templates\"\n");

    let _ =
        writeln!(w, "# One [[mcp]] table per Managed Care Plan. Several plans may share one MOU; add a table each.");
    let _ = writeln!(w, "[[mcp]]");
    let _ = writeln!(w, "legal_name = \"Harbor Coast Health Plan\"");
    let _ = writeln!(w, "short_name = \"Harbor Coast\"\n");
    person(
        w,
        "mcp.responsible_person",
        "oversees MCP's compliance with the MOU",
        "Dana Whitfield",
        "Director, Regulatory Compliance",
        "dana.whitfield@harborcoast.example",
        "(555) 010-2000",
    );
    person(
        w,
        "mcp.liaison",
        "the day-to-day contact for the other party",
        "Luis Ortega",
        "Manager, County Partnerships",
        "luis.ortega@harborcoast.example",
        "(555) 010-2001",
    );
    let _ = writeln!(w, "# Where formal notices to MCP go.");
    let _ = writeln!(w, "[mcp.notice]");
    let _ = writeln!(w, "attention = \"Legal Department\"");
    let _ = writeln!(w, "address = \"100 Harbor Way, Suite 400, Sierra Vista, CA 95000\"");
    let _ = writeln!(w, "email = \"notices@harborcoast.example\"\n");
    let _ = writeln!(w, "# Who signs for MCP.");
    let _ = writeln!(w, "[mcp.signer]");
    let _ = writeln!(w, "name = \"Morgan Reyes\"");
    let _ = writeln!(w, "title = \"Chief Executive Officer\"\n");

    let _ = writeln!(w, "# The other party: the county agency or entity that signs with the MCP(s).");
    let _ = writeln!(w, "[other_party]");
    let _ = writeln!(w, "legal_name = \"{}\"", example_other_party(id));
    let _ = writeln!(w, "# Its defined term in the MOU. Defaults to \"{}\" for this template.", t.other_party);
    let _ = writeln!(w, "# short_name = \"{}\"\n", t.other_party);
    person(
        w,
        "other_party.responsible_person",
        "oversees the other party's compliance",
        "Avery Chen",
        "Deputy Director",
        "avery.chen@sierravista.example",
        "(555) 020-3000",
    );
    person(
        w,
        "other_party.liaison",
        "the day-to-day contact for MCP",
        "Sam Patel",
        "Program Manager",
        "sam.patel@sierravista.example",
        "(555) 020-3001",
    );
    let _ = writeln!(w, "[other_party.notice]");
    let _ = writeln!(w, "attention = \"Office of the Director\"");
    let _ = writeln!(w, "address = \"200 Civic Center Plaza, Sierra Vista, CA 95001\"");
    let _ = writeln!(w, "email = \"director@sierravista.example\"\n");
    let _ = writeln!(w, "[other_party.signer]");
    let _ = writeln!(w, "name = \"Jordan Alvarez\"");
    let _ = writeln!(w, "title = \"Director\"\n");

    let _ = writeln!(
        w,
        "# A Knox-Keene licensed Subcontractor or Downstream Subcontractor to which MCP delegated referral or"
    );
    let _ = writeln!(w, "# care-coordination duties for shared Members signs the MOU too. Network providers do not.");
    let _ = writeln!(w, "# [[subcontractor]]");
    let _ = writeln!(w, "# legal_name = \"Coastal Physicians Health Network\"");
    let _ = writeln!(w, "# short_name = \"Coastal\"");
    let _ = writeln!(w, "# knox_keene_license = \"933-0456\"");
    let _ = writeln!(w, "# delegated_duties = [\"referrals\", \"care coordination\"]");
    let _ = writeln!(w, "# [subcontractor.signer]");
    let _ = writeln!(w, "# name = \"Riley Brooks\"");
    let _ = writeln!(w, "# title = \"President\"\n");

    if !t.options.is_empty() {
        let _ = writeln!(w, "# Optional provisions of this template: true includes one in the MOU.");
        let _ = writeln!(w, "[options]");
        for o in &t.options {
            let _ = writeln!(w, "# {}", o.description);
            let _ = writeln!(w, "{} = true", o.name);
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "# Provisions the parties wrote themselves. They go in a section of their own, so `mou check`");
    let _ = writeln!(w, "# sees them as additions. They must not conflict with or reduce any template obligation.");
    let _ = writeln!(w, "# [[additional_provision]]");
    let _ = writeln!(w, "# title = \"Joint Community Forum\"");
    let _ = writeln!(w, "# text = \"\"\"");
    let _ = writeln!(w, "# The Parties will hold one joint community forum each year on access to services.");
    let _ = writeln!(w, "# \"\"\"");
    Ok(s)
}

fn person(w: &mut String, table: &str, role: &str, name: &str, title: &str, email: &str, phone: &str) {
    let _ = writeln!(w, "# The {}: {role}.", table.rsplit('.').next().unwrap_or(table).replace('_', " "));
    let _ = writeln!(w, "[{table}]");
    let _ = writeln!(w, "name = \"{name}\"");
    let _ = writeln!(w, "title = \"{title}\"");
    let _ = writeln!(w, "email = \"{email}\"");
    let _ = writeln!(w, "phone = \"{phone}\"\n");
}
