"""What changed, and who changed it, is visible in the chatter of each record."""
from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestTracking(DoithoaiCase):
    def tracking_values(self, record, field_name):
        """What the chatter shows (read by the test itself: the web client reads tracking
        values through the message formatting, users have no direct access to them)."""
        values = record.with_env(self.env).message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == field_name)
        return values.sorted("id")

    def test_stage_change_in_chatter(self):
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        dialogue.with_user(self.officer).action_submit()
        self.end_request()
        tracked = self.tracking_values(dialogue, "stage_id")
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.old_value_char, "Proposal")
        self.assertEqual(tracked.new_value_char, "Awaiting approval")
        self.assertEqual(tracked.mail_message_id.author_id, self.officer.partner_id)

        dialogue.with_user(self.leader).action_approve()
        self.end_request()
        tracked = self.tracking_values(dialogue, "stage_id")
        self.assertEqual(tracked.mapped("new_value_char"), ["Awaiting approval", "Preparation"])
        approver = self.tracking_values(dialogue, "approved_by_id")
        self.assertEqual(approver.new_value_char, self.leader.name)
        self.assertEqual(approver.mail_message_id.author_id, self.leader.partner_id)

    def test_deadline_change_in_chatter(self):
        # Tuesday 8 Dec 2026: conclusion due Tuesday 22 Dec
        dialogue = self._dialogue(vn(2026, 12, 8, 8))
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 12, 22))
        # the officer moves the session to Thursday 10 Dec: conclusion due Thursday 24 Dec
        dialogue.with_user(self.officer).date_start = vn(2026, 12, 10, 8)
        self.end_request()
        self.assertEqual(dialogue.conclusion_deadline, date(2026, 12, 24))
        tracked = self.tracking_values(dialogue, "conclusion_deadline")
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.old_value_datetime, datetime(2026, 12, 22))
        self.assertEqual(tracked.new_value_datetime, datetime(2026, 12, 24))
        # invitations: Thursday 3 Dec -> Monday 7 Dec
        tracked = self.tracking_values(dialogue, "invitation_deadline")
        self.assertEqual(tracked.old_value_datetime, datetime(2026, 12, 3))
        self.assertEqual(tracked.new_value_datetime, datetime(2026, 12, 7))
        self.assertEqual(self.tracking_values(dialogue, "date_start").mail_message_id,
                         tracked.mail_message_id, "one message tells both changes")
        self.assertEqual(tracked.mail_message_id.author_id, self.officer.partner_id)

    def test_assignment_extension_in_chatter(self):
        held = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        assignment = self._assignment(held, date(2026, 11, 20))
        wizard = self.env(user=self.leader)["doithoai.extension.wizard"].with_context(
            default_assignment_id=assignment.id).create({
                "extension_date": date(2027, 3, 1), "extension_reason": "Chờ ngân sách"})
        wizard.action_extend()
        self.end_request()
        tracked = self.tracking_values(assignment, "extension_date")
        self.assertEqual(tracked.new_value_datetime, datetime(2027, 3, 1))
        self.assertEqual(self.tracking_values(assignment, "stage_id").new_value_char, "Extended")
        self.assertEqual(tracked.mail_message_id.author_id, self.leader.partner_id)

    def test_assignment_deadline_change_in_chatter(self):
        held = self._hold(self._dialogue(vn(2026, 11, 10, 8)))
        assignment = self._assignment(held, date(2026, 11, 20))
        # the leader corrects the notice to Monday 23 Nov: 45 working days -> Tuesday 26 January 2027
        assignment.with_user(self.leader).notice_date = date(2026, 11, 23)
        self.end_request()
        tracked = self.tracking_values(assignment, "deadline")
        self.assertEqual(tracked.old_value_datetime, datetime(2027, 1, 25))
        self.assertEqual(tracked.new_value_datetime, datetime(2027, 1, 26))
        self.assertEqual(tracked.mail_message_id.author_id, self.leader.partner_id)
