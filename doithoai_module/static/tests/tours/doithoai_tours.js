import { registry } from "@web/core/registry";

// Real-browser flows of tests/test_portal.py. The users speak English (en_US), so dates
// are typed as MM/DD/YYYY and the stage names are the shipped English ones.

const tours = registry.category("web_tour.tours");

function usDate(days) {
    const d = new Date(Date.now() + days * 24 * 3600 * 1000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()} 08:00:00`;
}

const column = (n) => `.o_kanban_renderer .o_kanban_group:eq(${n})`;
const card = (n) => `${column(n)} .o_kanban_record:contains(Tour: dialogue with women)`;

// 1. A leader creates a dialogue and moves it on the board: proposal -> awaiting approval
// -> preparation (approval) -> invited, by drag and drop; the deadlines appear.
tours.add("doithoai_board_tour", {
    url: "/odoo/action-doithoai_module.doithoai_dialogue_action",
    steps: () => [
        { trigger: ".o_kanban_renderer .o_kanban_group" },
        { trigger: ".o_control_panel .o-kanban-button-new", run: "click" },
        { trigger: ".o_form_editable .o_field_widget[name=name] textarea", run: "edit Tour: dialogue with women" },
        { trigger: ".o_form_editable .o_field_widget[name=organization_id] input", run: "edit Tour Commune" },
        { trigger: ".o_field_widget[name=organization_id] .o-autocomplete--dropdown-item > a:contains(Tour Commune)", run: "click" },
        { trigger: ".o_form_editable .o_field_widget[name=date_start] input", run: `edit ${usDate(40)}` },
        { trigger: ".o_form_editable .o_field_widget[name=venue] textarea", run: "edit Hội trường UBND xã" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_saved" },
        // Computed on save from the working-day calendar.
        { trigger: ".o_field_widget[name=invitation_deadline] span.text-truncate" },
        { trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb .breadcrumb-item a:contains(Dialogues)", run: "click" },
        { trigger: card(0), run: `drag_and_drop(${column(1)})` },
        { trigger: card(1) },
        { trigger: card(1), run: `drag_and_drop(${column(2)})` },
        { trigger: card(2) },
        { trigger: card(2), run: `drag_and_drop(${column(3)})` },
        { trigger: `${card(3)}:contains(Next deadline)` },
        { trigger: card(3), run: "click" },
        { trigger: ".o_field_widget[name=stage_id] .o_arrow_button_current:contains(Invited)" },
        { trigger: ".o_field_widget[name=questions_deadline] span.text-truncate" },
        { trigger: ".o_field_widget[name=conclusion_deadline] span.text-truncate" },
        { trigger: ".o_field_widget[name=approved_by_id]:contains(Tour Leader)" },
    ],
});

// 2. An officer records three questions of the session with the quick-entry wizard:
// one answered, one deferred, one deferred to a competent agency (to be assigned).
function addLine(content) {
    return [
        { trigger: ".modal .o_field_x2many_list_row_add a", run: "click" },
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=content] textarea", run: `edit ${content}` },
    ];
}
tours.add("doithoai_answers_tour", {
    url: "/odoo/action-doithoai_module.doithoai_dialogue_action",
    steps: () => [
        { trigger: ".o_kanban_record:contains(Tour: session with answers)", run: "click" },
        { trigger: ".o_form_view button[name=action_open_answer_wizard]", run: "click" },
        { trigger: ".modal .o_field_widget[name=line_ids]" },
        ...addLine("Xin hỏi về học bổng cho con em hộ nghèo?"),
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=outcome] .o_select_menu_toggler", run: "click" },
        { trigger: ".o_select_menu_item:contains(Answered in the session)", run: "click" },
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=answer] textarea", run: "edit Học bổng được cấp từ quỹ khuyến học của xã." },
        ...addLine("Đề nghị sửa đường liên thôn bị sạt lở?"),
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=outcome] .o_select_menu_toggler", run: "click" },
        { trigger: ".o_select_menu_item:contains(Deferred: answered later)", run: "click" },
        ...addLine("Đề nghị hỗ trợ vốn vay cho phụ nữ khởi nghiệp?"),
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=competent_organization_id] input", run: "edit Tour Bank" },
        { trigger: ".modal .o_field_widget[name=competent_organization_id] .o-autocomplete--dropdown-item > a:contains(Tour Bank)", run: "click" },
        { trigger: ".modal .o_data_row.o_selected_row .o_field_widget[name=outcome] .o_select_menu_toggler", run: "click" },
        { trigger: ".o_select_menu_item:contains(Deferred: answered later)", run: "click" },
        { trigger: ".modal .o_data_row:eq(2)" },
        { trigger: ".modal footer button[name=action_confirm]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_view .oe_stat_button[name=action_view_questions]:contains(3)" },
    ],
});

// 3a. A citizen sends a question from the portal.
tours.add("doithoai_portal_question_tour", {
    url: "/my/dialogues",
    steps: () => [
        { trigger: ".o_doithoai_portal_dialogue a:contains(Tour: portal dialogue)", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_question_form select[name=field_id]", run: "selectByIndex 1" },
        { trigger: ".o_doithoai_question_form textarea[name=content]", run: "edit Khi nào xã mở lớp dạy nghề cho phụ nữ? <b>xin cảm ơn</b>" },
        { trigger: ".o_doithoai_question_form input[name=register_to_speak]", run: "check" },
        { trigger: ".o_doithoai_question_form .o_doithoai_send", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_sent" },
        { trigger: ".o_doithoai_question_content:contains(<b>xin cảm ơn</b>)" },
        { trigger: ".o_doithoai_status:contains(Received on)" },
    ],
});

// 3b. After the officer's answer, the citizen reads it on "My questions".
tours.add("doithoai_portal_answer_tour", {
    url: "/my/home",
    steps: () => [
        { trigger: "a[href='/my/questions']", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_portal_question:contains(Answered in the session)" },
        { trigger: ".o_doithoai_portal_question a:contains(Khi nào xã mở lớp dạy nghề)", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_answer:contains(Lớp dạy nghề khai giảng ngày 15 tháng 1)" },
    ],
});

// 4. The portal and the dashboard fit the screen (run at 1440 and at 390 px wide): nothing
// makes the page wider than the window, and the visible list (cards on a phone, a table on
// a desk) shows the deadline and the status.
function fitsTheScreen(where) {
    return {
        content: `${where}: no horizontal scrolling`,
        trigger: "body",
        run() {
            const wide = document.documentElement.scrollWidth;
            if (wide > window.innerWidth + 1) {
                throw new Error(`${where} is ${wide} px wide in a ${window.innerWidth} px window`);
            }
        },
    };
}
tours.add("doithoai_portal_phone_tour", {
    url: "/my/dialogues",
    steps: () => [
        { trigger: ".o_doithoai_portal_dialogue:contains(Tour: portal dialogue):contains(Taking questions)" },
        fitsTheScreen("the dialogues"),
        { trigger: ".o_doithoai_portal_dialogue a:contains(Tour: portal dialogue)", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_question_form" },
        fitsTheScreen("a dialogue"),
        { trigger: "body", run() { window.location.href = "/my/questions"; }, expectUnloadPage: true },
        { trigger: ".o_doithoai_portal_question:contains(Câu hỏi của A) .o_doithoai_status" },
        fitsTheScreen("my questions"),
        { trigger: ".o_doithoai_portal_question a:contains(Câu hỏi của A)", run: "click", expectUnloadPage: true },
        { trigger: ".o_doithoai_crumb" },
        fitsTheScreen("my question"),
    ],
});

// 5. A leader reads the dashboard: the obligation of the year and the on-time rate, then
// opens the assignments behind a row.
tours.add("doithoai_dashboard_tour", {
    url: "/odoo/action-doithoai_module.doithoai_dashboard_action",
    steps: () => [
        { trigger: ".o_data_row:contains(Tour Commune) [name=year_obligation]:contains(Planned, not held yet)" },
        { trigger: ".o_data_row:contains(Tour Province) [name=year_obligation]:contains(Not planned)" },
        { trigger: ".o_list_view [name=year_rate]" },
        fitsTheScreen("the dashboard"),
        { trigger: ".o_data_row:contains(Tour Commune) button[name=action_dashboard_dialogues]", run: "click" },
        { trigger: ".o_kanban_record:contains(Tour: deadline passed), .o_data_row:contains(Tour: deadline passed)" },
    ],
});
