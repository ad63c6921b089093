"""Benchmark of the likely-duplicate search (not a test; `make bench-similarity`).

    python bench/similarity.py -c <odoo.conf> -d <database> [--rows 1000000]

Fills the database by SQL with `rows` questions (default 1 000 000) in 1 000 dialogues of
one province tree, Vietnamese sentences built from pools of subjects, places and requests,
then times, with the GIN index of the word pairs `doithoai_keys(content)`:

1. grouping the likely duplicates of a 300-question dialogue (one query), target < 2 s;
2. the suggestions for a new question among all stored questions (its rarest word pairs,
   then similarity, LIMIT 10), over 20 different texts, target < 200 ms each; and the links
   of a new question to the earlier ones of its organisation tree, made when it is created.

and checks what they find: the accented original of questions typed without diacritics, and,
for `--exact` texts, the scores found against the exact best ten (similarity over every row).
"""
import argparse
import statistics
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config

SUBJECTS = [
    "Đường liên thôn", "Cầu dân sinh", "Kênh mương nội đồng", "Trường mầm non", "Trạm y tế xã",
    "Hệ thống nước sạch", "Chợ trung tâm", "Nhà văn hóa thôn", "Bãi rác tập trung", "Điện chiếu sáng",
    "Sổ đỏ đất ở", "Đất nông nghiệp", "Khu tái định cư", "Bảo hiểm y tế hộ nghèo", "Trợ cấp người cao tuổi",
    "Vốn vay hộ nghèo", "Hỗ trợ giống cây trồng", "Dịch bệnh trên đàn lợn", "Lớp học nghề cho lao động nữ",
    "Thủ tục hành chính một cửa", "Cán bộ địa chính", "Công an xã", "Tệ nạn ma túy", "Khai thác cát trái phép",
    "Cấp giấy khai sinh trực tuyến", "Sóng điện thoại di động", "Trạm bơm tưới tiêu", "Rừng phòng hộ",
    "Nhà tình nghĩa", "Chế độ thai sản lao động tự do",
]
PROBLEMS = [
    "bị xuống cấp nghiêm trọng", "chậm được giải quyết", "gây ô nhiễm môi trường", "thiếu minh bạch",
    "chưa được bồi thường thỏa đáng", "bị ngập úng mỗi mùa mưa", "thu phí không đúng quy định",
    "không có người phụ trách", "làm ảnh hưởng sản xuất", "kéo dài nhiều năm", "có dấu hiệu sai phạm",
    "chưa được triển khai", "thiếu kinh phí duy tu", "gây mất an toàn giao thông", "bị bỏ hoang",
    "thái độ phục vụ chưa tốt", "phải đi lại nhiều lần", "không đủ cho người dân", "chưa đến được hộ nghèo",
    "đã kiến nghị nhưng chưa trả lời",
]
SYLLABLES = ["Hòa", "Bình", "Tân", "Lập", "Đông", "Hưng", "Phú", "Xuân", "Thịnh", "An", "Quyết", "Thắng",
             "Thống", "Nhất", "Hợp", "Thành", "Minh", "Trung", "Phước", "Lộc", "Kim", "Sơn", "Cẩm", "Mỹ",
             "Đức", "Nghĩa", "Vĩnh", "Long", "Hải", "Châu", "Ea", "Krông", "Buôn", "Yên", "Thái", "Quảng"]
# 5 kinds x 36 x 36 syllables: 6 480 places
PLACES = [f"{kind} {a} {b}" for kind in ("thôn", "xóm", "buôn", "khu phố", "tổ dân phố")
          for a in SYLLABLES for b in SYLLABLES]
DETAILS = [
    "từ năm {n}", "dài khoảng {n} mét", "ảnh hưởng {n} hộ dân", "đã {n} lần kiến nghị",
    "thiệt hại ước {n} triệu đồng", "cách trung tâm xã {n} cây số", "có {n} cháu nhỏ đi học qua",
    "tại thửa đất số {n}", "hồ sơ nộp từ tháng {n}", "tổ {n} của thôn",
]
QUALIFIERS = [
    "mới xây dựng", "đang thi công dở dang", "của hợp tác xã", "do xã quản lý", "được đầu tư năm trước",
    "gần trường tiểu học", "cạnh ủy ban xã", "ven quốc lộ", "trong khu dân cư", "giáp ranh xã bên",
    "thuộc dự án nông thôn mới", "do doanh nghiệp làm chủ", "của các hộ đồng bào", "ở vùng sâu",
    "sau đợt lũ vừa qua", "theo chương trình mục tiêu", "do người dân đóng góp", "cũ đã lâu",
]
REQUESTS = [
    "đề nghị xã sớm sửa chữa", "đề nghị cấp trên xem xét", "xin được hỗ trợ kinh phí",
    "đề nghị công khai kết quả", "mong chính quyền quan tâm giải quyết", "đề nghị kiểm tra, xử lý",
    "xin cho biết thời gian thực hiện", "đề nghị bố trí vốn năm tới", "xin hướng dẫn thủ tục",
    "đề nghị trả lời bằng văn bản",
]
TARGET = "Bench: đối thoại 300 câu hỏi"


def fill(env, rows):
    """rows questions in 1 000 dialogues of the tree, by SQL (20 000 rows a statement)."""
    cr = env.cr
    Org = env["doithoai.organization"]
    province = Org.create({"name": "Bench: tỉnh", "kind": "government", "code": "UBND"})
    communes = Org.create([{"name": f"Bench: xã {i}", "kind": "government", "parent_id": province.id}
                           for i in range(50)])
    env.flush_all()
    Dialogue = env["doithoai.dialogue"]
    cr.execute("""SELECT id FROM doithoai_dialogue_stage WHERE state = 'held' ORDER BY sequence LIMIT 1""")
    held = cr.fetchone()[0]
    dialogues = Dialogue.create([{
        "name": f"Bench: đối thoại {i}", "organization_id": communes[i % 50].id,
        "date_start": f"{2015 + i % 11}-0{1 + i % 9}-1{i % 10} 01:00:00"} for i in range(1000)])
    env.flush_all()
    cr.execute("UPDATE doithoai_dialogue SET stage_id = %s, state = 'held' WHERE id = ANY(%s)", [held, dialogues.ids])
    # the index is built once after the fill (as CREATE INDEX on an upgrade would), not row by row
    cr.execute("DROP INDEX IF EXISTS doithoai_question_keys_idx")
    cr.execute("SELECT id FROM doithoai_question_stage WHERE state = 'received' ORDER BY sequence LIMIT 1")
    stage = cr.fetchone()[0]
    for offset in range(0, rows, 20000):
        n = min(20000, rows - offset)
        cr.execute("""
            INSERT INTO doithoai_question (name, content, dialogue_id, organization_id, company_id, channel,
                                           stage_id, state, sequence, speaking_order, priority, active,
                                           register_to_speak, confidential, repeat_count, ever_resolved,
                                           date_received, create_uid, write_uid, create_date, write_date)
            SELECT left(txt, 80), txt, d.id, d.organization_id, d.company_id, 'before',
                   %(stage)s, 'received', 10, 0, '0', TRUE, FALSE, FALSE, 1, FALSE,
                   now(), 1, 1, now(), now()
              FROM (SELECT g,
                           (%(subjects)s::text[])[1 + (g * 7) %% %(ns)s] || ' '
                           || (%(qualifiers)s::text[])[1 + (g / 5) %% %(nk)s] || ' ở '
                           || (%(places)s::text[])[1 + (g::bigint * 7919) %% %(np)s] || ' '
                           || (%(problems)s::text[])[1 + (g * 31 / 3) %% %(nq)s] || ', '
                           || (%(requests)s::text[])[1 + (g / 11) %% %(nr)s] || ', '
                           || replace((%(details)s::text[])[1 + (g / 3) %% %(nd)s], '{n}', (g %% 97 + 2)::text)
                           AS txt
                      FROM generate_series(%(first)s, %(last)s) g) s
              JOIN doithoai_dialogue d ON d.id = (%(dialogues)s::int[])[1 + s.g %% 1000]
        """, {"stage": stage, "subjects": SUBJECTS, "places": PLACES, "problems": PROBLEMS,
              "requests": REQUESTS, "ns": len(SUBJECTS), "np": len(PLACES), "nq": len(PROBLEMS),
              "nr": len(REQUESTS), "details": DETAILS, "qualifiers": QUALIFIERS, "nk": len(QUALIFIERS), "nd": len(DETAILS), "first": offset, "last": offset + n - 1, "dialogues": dialogues.ids})
    begin = time.monotonic()
    env["doithoai.question"]._doithoai_setup_similarity()
    print(f"word-pair index built in {time.monotonic() - begin:.0f} s", flush=True)
    # the 300-question dialogue of the first measure: 240 questions, and 60 of them typed again
    # without diacritics (as from a phone without a Vietnamese keyboard)
    target = Dialogue.create({"name": TARGET, "organization_id": communes[0].id,
                              "date_start": "2026-12-08 01:00:00"})
    env.flush_all()
    columns = """name, content, dialogue_id, organization_id, company_id, channel, stage_id, state, sequence,
                 speaking_order, priority, active, register_to_speak, confidential, repeat_count,
                 ever_resolved, date_received, create_uid, write_uid, create_date, write_date"""
    cr.execute(f"""INSERT INTO doithoai_question ({columns})
                   SELECT name, content, %s, organization_id, company_id, channel, stage_id, state, sequence,
                          speaking_order, priority, active, register_to_speak, confidential, 1, FALSE,
                          date_received, 1, 1, now(), now()
                     FROM doithoai_question ORDER BY id LIMIT 240""", [target.id])
    cr.execute(f"""INSERT INTO doithoai_question ({columns})
                   SELECT name, content_norm, dialogue_id, organization_id, company_id, channel, stage_id,
                          state, sequence, speaking_order, priority, active, register_to_speak, confidential,
                          1, FALSE, date_received, 1, 1, now(), now()
                     FROM doithoai_question WHERE dialogue_id = %s ORDER BY id LIMIT 60""", [target.id])
    begin = time.monotonic()
    cr.execute("ANALYZE doithoai_question")
    print(f"ANALYZE in {time.monotonic() - begin:.0f} s", flush=True)
    return province, target


def timed(func, *args, **kwargs):
    begin = time.perf_counter()
    result = func(*args, **kwargs)
    return (time.perf_counter() - begin) * 1000, result


def check_quality(env, target, texts):
    """What the suggestions find: the accented original of the 60 questions typed again without
    diacritics, and the scores found against the exact best ten of a few texts."""
    Question = env["doithoai.question"]
    cr = env.cr
    cr.execute("""SELECT p.content, o.id FROM doithoai_question p
                    JOIN doithoai_question o ON o.content_norm = p.content AND o.content != p.content
                   WHERE p.dialogue_id = %s AND o.dialogue_id != %s AND o.merged_into_id IS NULL""",
               [target.id, target.id])
    plain = cr.fetchall()
    found = sum(original in [qid for qid, _score in Question._doithoai_similar_ids(text)] for text, original in plain)
    print(f"  the accented original among the suggestions of {found} of {len(plain)} questions typed "
          "without diacritics", flush=True)
    for text in texts:
        found = [round(score, 3) for _qid, score in Question._doithoai_similar_ids(text)]
        cr.execute("""SELECT round(s::numeric, 3)::float FROM (
                          SELECT similarity(content_norm, doithoai_norm(%s)) AS s FROM doithoai_question) x
                       WHERE s >= 0.45 ORDER BY s DESC LIMIT 10""", [text])
        exact = [score for score, in cr.fetchall()]
        print(f"  found {found}\n  exact {exact}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--exact", type=int, default=3, help="texts compared with the exact best ten (slow)")
    args = parser.parse_args()
    start = time.monotonic()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Question = env["doithoai.question"]
        if not Question._doithoai_similarity_ready():
            raise SystemExit("pg_trgm/unaccent are missing in this database: nothing to measure.")
        target = env["doithoai.dialogue"].search([("name", "=", TARGET)], limit=1)
        if target:  # a database kept by BENCH_KEEP=1: measured again as it is
            province = target.organization_id.parent_id
        else:
            begin = time.monotonic()
            province, target = fill(env, args.rows)
            cr.commit()
            print(f"filled {args.rows} questions in {time.monotonic() - begin:.0f} s", flush=True)
        total = Question.search_count([])
        print(f"{total} questions stored", flush=True)

        runs = [timed(Question.doithoai_duplicate_groups, target.id)[0] for _ in range(3)]
        ms, groups = timed(Question.doithoai_duplicate_groups, target.id)
        print(f"300 questions grouped: {len(groups)} groups of "
              f"{sum(len(g['question_ids']) for g in groups)} questions in {ms:.0f} ms "
              f"(earlier runs {', '.join(f'{r:.0f}' for r in runs)} ms; target < 2000 ms)", flush=True)

        texts = [f"{s} {k} ở {p} {q}, {r}" for s, k, p, q, r in
                 zip(SUBJECTS, QUALIFIERS * 2, PLACES[::300], PROBLEMS * 2, REQUESTS * 3)][:20]
        times, found = [], 0
        for text in texts:
            ms, hits = timed(Question._doithoai_similar_ids, text)
            times.append(ms)
            found += len(hits)
        print(f"suggestions for a new question among {total} questions: median "
              f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms over {len(texts)} texts "
              f"({found} suggestions; target < 200 ms)", flush=True)
        times = [timed(Question._doithoai_similar_ids, text, organization=province)[0] for text in texts]
        print(f"  within the province's tree: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms",
              flush=True)
        check_quality(env, target, texts[:args.exact])
        ms, question = timed(Question.create, {"dialogue_id": target.id, "content": texts[0]})
        print(f"a new question created and linked to {len(question.previous_ids)} earlier ones in {ms:.0f} ms",
              flush=True)
        ms, _none = timed(question._doithoai_link_repeats)
        print(f"  of which the linking query alone: {ms:.0f} ms", flush=True)
        cr.rollback()
    print(f"bench took {time.monotonic() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
