//! What the pages show of people's corrections, and the forms that make them (sent by
//! `/static/correct.js` to `POST /api/corrections` with the server's token, like ingest).

use armsgraph_model::{AppliedCorrection, Event};

use crate::html::esc;

/// `corrected by X at T (reason): type ASSAULT (machine: AID)`, escaped.
pub(crate) fn correction_line(c: &AppliedCorrection) -> String {
    esc(&armsgraph_analysis::render::correction_line(c))
}

/// The corrections applied to an event, one per line; empty when none.
pub(crate) fn event_corrections(e: &Event) -> String {
    if e.corrections.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = e
        .corrections
        .iter()
        .map(|c| format!("<li class=\"correction\">{}</li>", correction_line(c)))
        .collect();
    format!("<ul class=\"corrections\">{}</ul>", lines.join(""))
}

/// The fields every correction form shares: reason, who, token, the CSRF field (filled in for
/// a signed-in session in accounts mode; then the script sends it instead of the token), and
/// the result line.
fn common_fields() -> &'static str {
    "<input type=\"hidden\" name=\"csrf\" value=\"\">\
<input type=\"text\" name=\"reason\" placeholder=\"reason\" size=\"24\">\
<input type=\"text\" name=\"by\" placeholder=\"your name\" size=\"12\">\
<input type=\"password\" name=\"token\" placeholder=\"token\" autocomplete=\"current-password\" required size=\"12\">\
<button type=\"submit\">Save</button> <span class=\"correct-result\" aria-live=\"polite\"></span>"
}

/// A form to correct or confirm event `target` (its key, or its id).
pub(crate) fn event_form(target: &str) -> String {
    format!(
        "<details class=\"correct\"><summary>Correct this event</summary>\
<form class=\"correct-form\" data-target=\"{}\">\
<select name=\"kind\"><option value=\"confirm\">confirm</option><option value=\"wrong\">mark wrong</option>\
<option value=\"type\">type →</option><option value=\"actor\">actor →</option>\
<option value=\"recipient\">recipient →</option><option value=\"date\">date →</option></select>\
<input type=\"text\" name=\"value\" placeholder=\"ASSAULT, an entity id, YYYY-MM-DD\" size=\"22\">{}\
<p class=\"how\">Kept apart from the machine's reading, shown with your name, applied to every view and export; needs the token the server was started with.</p>\
</form></details><script src=\"/static/correct.js\" defer></script>",
        esc(target),
        common_fields()
    )
}

/// A form to merge, split or alias entity `id`.
pub(crate) fn entity_form(id: &str) -> String {
    format!(
        "<details class=\"correct\"><summary>Correct this entity</summary>\
<form class=\"correct-form\" data-target=\"{}\">\
<select name=\"kind\"><option value=\"alias\">add alias</option><option value=\"merge\">merge into entity id</option>\
<option value=\"split\">split out mentions written</option></select>\
<input type=\"text\" name=\"value\" placeholder=\"alias, target id, or surface form\" size=\"22\">{}\
<p class=\"how\">A merge moves every mention and role of this entity to the other; a split moves the mentions written so to a new entity. Needs the server's token.</p>\
</form></details><script src=\"/static/correct.js\" defer></script>",
        esc(id),
        common_fields()
    )
}
