import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Three roles' jobs in the real web client, run by tests/test_ui_jobs.py as the demo users,
// who speak Vietnamese (vi_VN: dates typed as DD/MM/YYYY HH:MM:SS). Steps select by field,
// button and menu XML ids, never by translated labels. What depends on the demo data of the
// day (a dialogue's name, a holiday's date) comes from the Python test through
// sessionStorage["doithoai_tour_params"], set just before odoo.startTour().

const tours = registry.category("web_tour.tours");

function params() {
    return JSON.parse(sessionStorage.getItem("doithoai_tour_params") || "{}");
}

// An instant (ms since the epoch, from Python) as the user types it: DD/MM/YYYY HH:MM:SS in
// the browser's own time zone, which the web client uses to read and write datetimes.
function viDateTime(ms) {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ` +
        `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

// Record items of a many2x autocomplete, not its "Create…" / "Search more…" options.
const recordItems = (field) =>
    `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option)`;

// The askers field offers askers only: typing a company's name offers no record at all.
function noCompanyOffered(name) {
    return [
        { trigger: ".o_form_editable .o_field_widget[name=asker_ids] input", run: `edit ${name}` },
        {
            content: `"${name}" is a company: only the create options are offered`,
            trigger: `.o_field_widget[name=asker_ids] .o-autocomplete--dropdown-menu:has(.o_m2o_dropdown_option_create:contains(${name})):not(:has(.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option)))`,
        },
    ];
}

// Job 3. The province's officer types in a question from a paper form, for a person who
// never asked before: the asker is created from the field with the short asker form.
tours.add("doithoai_job_officer_new_asker_tour", {
    url: "/odoo",
    steps: () => {
        const p = params();
        return [
            ...stepUtils.goToAppSteps("doithoai_module.menu_doithoai_root"),
            { trigger: '.o_menu_sections [data-menu-xmlid="doithoai_module.menu_doithoai_question"]', run: "click" },
            // The questions' board (its cards show askers), not the dialogues' the app opens on.
            { trigger: ".o_kanban_view .o_kanban_record [name=asker_ids]" },
            { trigger: ".o_control_panel .o_switch_view.o_list", run: "click" },
            { trigger: ".o_list_view th[data-name=asker_ids]" },
            { trigger: ".o_control_panel .o_list_button_add", run: "click" },
            { trigger: ".o_form_editable .o_field_widget[name=dialogue_id] input", run: `edit ${p.dialogue}` },
            { trigger: `${recordItems("dialogue_id")} a:contains(${p.dialogue})`, run: "click" },
            { trigger: ".o_form_editable .o_field_widget[name=content] textarea", run: `edit ${p.content}` },
            ...(p.companies || []).flatMap(noCompanyOffered),
            { trigger: ".o_form_editable .o_field_widget[name=asker_ids] input", run: `edit ${p.asker}` },
            { trigger: `.o_field_widget[name=asker_ids] .o_m2o_dropdown_option_create:contains(${p.asker})` },
            { trigger: ".o_field_widget[name=asker_ids] .o_m2o_dropdown_option_create_edit a", run: "click" },
            // The short asker form, not the full contact form (no company type, no tax id).
            {
                trigger: ".modal .o_form_view:has(.o_field_widget[name=street2]):not(:has(.o_field_widget[name=company_type])):not(:has(.o_field_widget[name=vat]))",
            },
            { trigger: ".modal .o_field_widget[name=phone] input", run: `edit ${p.phone}` },
            { trigger: ".modal .o_field_widget[name=street] input", run: `edit ${p.street}` },
            { trigger: ".modal .o_field_widget[name=street2] input", run: `edit ${p.street2}` },
            { trigger: ".modal .o_field_widget[name=city] input", run: `edit ${p.city}` },
            { trigger: ".modal .o_form_button_save", run: "click" },
            { trigger: "body:not(:has(.modal))" },
            { trigger: `.o_field_widget[name=asker_ids] .o_tag:contains(${p.asker})` },
            { trigger: ".o_form_button_save", run: "click" },
            { trigger: ".o_form_saved" },
            { trigger: `.o_field_widget[name=asker_ids] .o_tag:contains(${p.asker})` },
        ];
    },
});

// Job 6. The Department of Health writes the result of its assignment and resolves it.
tours.add("doithoai_job_responder_resolves_tour", {
    steps: () => {
        const p = params();
        return [
            { trigger: ".o_form_view .o_field_widget[name=result] .odoo-editor-editable", run: "click" },
            { trigger: ".o_field_widget[name=result] .odoo-editor-editable > :is(p, div)", run: `editor ${p.result}` },
            { trigger: ".o_field_widget[name=result] .odoo-editor-editable > :is(p, div)", run: "dblclick" },
            { trigger: ".o-we-toolbar button[name=bold]", run: "click" },
            { trigger: ".o_field_widget[name=result] .odoo-editor-editable strong" },
            { trigger: ".o_form_view .o_form_statusbar button[name=action_resolve]", run: "click" },
            // Saved, resolved: the button is gone and the resolution date is shown.
            { trigger: ".o_form_saved:not(:has(button[name=action_resolve]))" },
            { trigger: ".o_form_view .o_field_widget[name=date_resolved]:not(:empty)" },
            { trigger: ".o_field_widget[name=result] strong" },
        ];
    },
});

// Job 8. The module's administrator (not Odoo's) adds a public holiday from the menu.
tours.add("doithoai_job_admin_holiday_tour", {
    url: "/odoo",
    steps: () => {
        const p = params();
        const row = ".o_list_view .o_data_row.o_selected_row";
        return [
            ...stepUtils.goToAppSteps("doithoai_module.menu_doithoai_root"),
            { trigger: '.o_menu_sections [data-menu-xmlid="doithoai_module.menu_doithoai_config"]', run: "click" },
            { trigger: '.dropdown-item[data-menu-xmlid="doithoai_module.menu_doithoai_public_holiday"]', run: "click" },
            { trigger: ".o_list_view .o_data_row" },
            { trigger: ".o_control_panel .o_list_button_add", run: "click" },
            { trigger: `${row} .o_field_widget[name=name] input`, run: `edit ${p.name}` },
            // Both dates hold today's default: a button until focused, then an input.
            { trigger: `${row} .o_field_widget[name=date_from] button`, run: "click" },
            { trigger: `${row} .o_field_widget[name=date_from] input`, run: `click && edit ${viDateTime(p.date_from)}` },
            { trigger: `${row} .o_field_widget[name=date_to] button`, run: "click" },
            { trigger: `${row} .o_field_widget[name=date_to] input`, run: `click && edit ${viDateTime(p.date_to)}` },
            { trigger: `${row} .o_field_widget[name=name] input`, run: "click" },
            { trigger: ".o_control_panel .o_list_button_save", run: "click" },
            { trigger: ".o_list_view:not(:has(.o_selected_row))" },
            { trigger: `.o_list_view .o_data_row:contains(${p.name})` },
        ];
    },
});
