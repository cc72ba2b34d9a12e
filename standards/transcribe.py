#!/usr/bin/env python3
"""Transcribe MOH Ukraine order No. 169 (17.07.2000) into standards/order-169.json.

The Order's text (../shared/seeds/004_6f4d9e3a2bb540de.txt) lays its standards out as
fixed-width text tables. This script reads them mechanically, so that every title,
criterion and model membership in the catalogue can be traced to a line of the source
(`source_line`), and applies the editorial decisions listed in DECISIONS below, each of
which is also written into the catalogue as a `source_note`.

    python3 standards/transcribe.py SOURCE.txt > standards/order-169.json
    python3 standards/transcribe.py SOURCE.txt --check standards/order-169.json

`--check` exits 1 if the committed catalogue differs from a fresh transcription.
"""
import hashlib
import json
import re
import sys
from collections import Counter

# ---------------------------------------------------------------------------------------
# Editorial decisions: the places where the Order contradicts itself or is incomplete.
# ---------------------------------------------------------------------------------------

# Rows of the detailed tables with no mark in either scale column: the scale is taken
# from the grades their criteria describe.
SCALE_FROM_CRITERIA = {
    "1.2.6": "Рядок не має позначок у жодній зі шкал (ні 0/3, ні 0/1/2/3); критерії "
    "описують лише оцінки 0 і 3, тому прийнято дві градації (Н/В). "
    "The row has no marks in either scale column; its criteria describe grades 0 and 3 "
    "only, so the two-grade scale (Н/В) is used.",
    "1.2.11": "Рядок не має позначок у жодній зі шкал (ні 0/3, ні 0/1/2/3); критерії "
    "описують лише оцінки 0 і 3, тому прийнято дві градації (Н/В). "
    "The row has no marks in either scale column; its criteria describe grades 0 and 3 "
    "only, so the two-grade scale (Н/В) is used.",
}

# Four-grade rows whose criteria skip a grade.
SKIPPED_GRADE = {
    "1.1.4.7": "Позначено шкалу з чотирма градаціями (0/1/2/3), але критерій для оцінки 2 "
    "(НВ) у тексті відсутній. Шкалу збережено: оцінка 2 допускається, для неї показується, "
    "що критерію в Наказі немає. The row is marked on the four-grade scale but gives no "
    "criterion for grade 2 (НВ); the scale is kept as marked, grade 2 is accepted and shown "
    "as having no criterion in the Order.",
}

# Rows of the detailed tables that Table 1 does not count in either model.
UNCOUNTED = {
    "1.3.5": "Рядок є в детальній таблиці, але Таблиця 1 не включає 1.3.5 до жодної моделі "
    "(у групі 1.3 перелічено 1.3.1.x–1.3.4.x та 1.3.6.x). Щоб зберегти підсумки Наказу "
    "(191/573 і 235/705), рядок не оцінюється і показується лише для довідки. "
    "Table 1 lists no 1.3.5 in either model; to keep the Order's totals (191/573, 235/705) "
    "it is shown for reference and never scored.",
}

# Criteria that cannot be applied exactly as written, or that contradict a neighbour.
# The catalogue keeps the Order's text; the note tells the expert what to watch for.
APPENDIX_MISSING = (
    "Критерії посилаються на додаток до стандартів ({which}), якого в наявній копії Наказу "
    "немає; експерт застосовує його за паперовим примірником. The criteria refer to an "
    "appendix of the standards ({which}) that the available copy lacks; the expert applies "
    "it from a paper copy."
)
EXTRA_NOTES = {
    "1.3.3": APPENDIX_MISSING.format(which="додаток 1")
    + " Межі градацій мають проміжки (50–69 %, 70–94 %, 95–100 %): частку, що потрапляє між "
    "ними (напр. 69,5 %), експерт відносить до нижчої градації й пояснює в примітці. The bands "
    "leave gaps (e.g. 69.5 %); such a value belongs to the lower grade, with a note.",
    "1.3.4.1": APPENDIX_MISSING.format(which="додаток 2, розділи 1, 2, 5–7"),
    "1.3.4.2": APPENDIX_MISSING.format(which="додаток 2, розділи 3, 4")
    + " Формулювання оцінки 3 («більше 90 % і більше») надлишкове; прочитано як «90 % і "
    "більше». The wording of grade 3 is redundant ('more than 90 % and more').",
    "1.4.2.2": APPENDIX_MISSING.format(which="додаток 3"),
    "1.3.6.3": "Буквально межі оцінок 0 («до 70 % опитаного персоналу не ознайомлено») і 3 "
    "(«більше 70 % ознайомлено») перекриваються; ймовірний зміст оцінки 0 — «ознайомлено "
    "менше 70 %». Read literally, grades 0 and 3 overlap; grade 0 most likely means 'fewer than "
    "70 % acquainted'. The expert decides and explains in a note.",
    "1.3.6.4": "Буквально межі оцінок 0 («до 70 % … не дотримується») і 3 («більш 70 % … "
    "дотримуються») перекриваються; ймовірний зміст оцінки 0 — «дотримуються менше 70 %». "
    "Read literally, grades 0 and 3 overlap; grade 0 most likely means 'fewer than 70 % comply'.",
    "1.1.5": "Правила внутрішнього трудового розпорядку оцінюються також у 1.2.7.2; обидва "
    "стандарти Таблиця 1 зараховує в обох моделях, тож обидва оцінюються. Internal labour rules "
    "are also scored by 1.2.7.2; Table 1 counts both in both models, so both are scored.",
    "1.2.7.2": "Те саме питання оцінює 1.1.5 (правила внутрішнього трудового розпорядку); обидва "
    "стандарти зараховано, як у Таблиці 1. 1.1.5 scores the same rules; both are counted as "
    "Table 1 says.",
    "1.5.4.1": "Межі градацій «30 – 89 %» і «90 % і більше» залишають проміжок (89–90 %): таку "
    "частку експерт відносить до нижчої градації й пояснює в примітці. The bands leave a gap "
    "between 89 and 90 %; such a value belongs to the lower grade, with a note.",
    "1.5.4.2": "Межі градацій «30 – 89 %» і «90 % і більше» залишають проміжок (89–90 %): таку "
    "частку експерт відносить до нижчої градації й пояснює в примітці. The bands leave a gap "
    "between 89 and 90 %; such a value belongs to the lower grade, with a note.",
    "1.6.4.7": "Назва стандарту говорить про аналіз фінансово-економічної діяльності, а критерії — "
    "про «такий контроль» (ймовірно, перенесено з сусідніх рядків). Оцінюється зміст назви. The "
    "title is about analysis, the criteria speak of 'such control' (likely copied from the rows "
    "around it); the title's subject is graded.",
    "1.6.4.15.8": "У критерії оцінки 0, ймовірно, пропущено слово «інвентаризації» (пор. 1.6.4.15.5–7 "
    "і оцінку 3 цього ж рядка). Grade 0 most likely lacks the word 'інвентаризації' (compare "
    "1.6.4.15.5–7 and this row's grade 3).",
}

# Group titles where Table 1 and the detailed tables disagree: Table 1's wording is used.
GROUP_TITLE_NOTES = {
    "1.4": "Таблиця 1: «{t1}»; детальна таблиця: «{td}». Використано назву з Таблиці 1, "
    "повнішу. Table 1 and the detailed table title this group differently; Table 1's fuller "
    "title is used.",
    "1.5": "Таблиця 1: «{t1}»; заголовок розділу детальних стандартів: «{td}». Використано "
    "назву з Таблиці 1. Table 1 and the detailed section heading differ ('і' / 'та'); "
    "Table 1's title is used.",
}

# The note after Table 1 (N/A for centres without self-financed activity).
PRESET_ID = "no-self-financed"
PRESET_TITLE = "Центр здоров'я не проводить діяльність на госпрозрахункових засадах"
PRESET_TITLE_EN = "The centre has no self-financed (госпрозрахункова) activity"
# code -> why the preset drops it
PRESET_DROPS = {
    "1.1.1.5": "Названо в примітці до Таблиці 1; стандарт про наказ щодо заснування "
    "госпрозрахункового підрозділу. Listed in the note; about the order founding a "
    "self-financed unit.",
    "1.1.1.6": "Не назване в примітці, але його текст прямо стосується ліцензій на "
    "госпрозрахункову діяльність; виключено за загальним правилом першого речення примітки "
    "(«якщо той чи інший вид роботи центр здоров'я не проводить…»). Not listed in the note's "
    "example, but its wording is about licences for self-financed activity; dropped under the "
    "note's general rule (its first sentence).",
    "1.5.3": "Названо в примітці; стосується пільг при оздоровчих заходах на "
    "госпрозрахункових засадах. Listed in the note; about benefits in self-financed "
    "health activities.",
    "1.6.4.9": "Названо в примітці; облік коштів від послуг на госпрозрахункових засадах. "
    "Listed in the note; accounting of income from self-financed services.",
    "1.6.4.10": "Названо в примітці; розрахунки за послуги, що надаються закладом іншим "
    "організаціям. Listed in the note; settlements for services the centre sells.",
    "1.6.4.12": "Названо в примітці; визначення вартості послуг. Listed in the note; "
    "pricing of services.",
}
# code named by the note, or close to its topic -> why the preset does not drop it
PRESET_KEEPS = {
    "1.1.4.4": "Не назване в примітці; стосується контролю за порядком надання платних послуг, "
    "які заклад може надавати за переліком постанови КМУ N 1138 і без госпрозрахункового "
    "підрозділу. Не виключається; якщо центр платних послуг не надає, експерт позначає його "
    "«не застосовується» вручну з причиною. Not in the note; about paid services, which a centre "
    "may render without a self-financed unit; kept, the expert may mark it N/A by hand.",
    "1.1.6": "Названо в примітці, але стандарт 1.1.6 стосується безперебійного "
    "функціонування господарської частини (завгосп), а не госпрозрахункової діяльності; "
    "ймовірна помилка в Наказі. Не виключається; експерт може позначити його "
    "«не застосовується» вручну з причиною. Listed in the note but off-topic (maintenance of "
    "the premises, not self-financed activity); kept, the expert may mark it N/A by hand.",
    "1.1.3.3": "Названо в примітці, але такого стандарту в Наказі немає (1.1.3 не має "
    "підпунктів). Нічого не виключається; стандарт про ліцензії на госпрозрахункову "
    "діяльність (1.1.1.6) виключено за загальним правилом примітки. Listed in the note but "
    "does not exist (1.1.3 has no sub-items); nothing is dropped for it.",
}

SECTION_TITLES = {
    "1": "Загальні стандарти",
    "2": "Стандарти результату (якості) та процесу (інтенсивності) роботи центру здоров'я",
}

# (id, title, title in English, a text of the form's line that names the field)
APPLICATION_FORM = [
    ("centre_name", "Заявник: назва центру здоров'я", "Applicant: name of the health centre",
     "назва центру здоров'я"),
    ("ownership", "Форма власності і відомчої підпорядкованості",
     "Form of ownership and departmental subordination",
     "форма власності і відомчої підпорядкованості"),
    ("location", "Місцезнаходження центру здоров'я", "Location of the health centre",
     "Місцезнаходження центру здоров'я"),
    ("phone", "Телефон (факс)", "Phone (fax)", "телефон (факс)"),
    ("head", "В особі: П.І.Б., посада керівника", "Represented by: head's full name, position",
     "П.І.Б., посада керівника"),
]

SCALES = {
    "two": {"grades": [0, 3], "letters": {"0": "Н", "3": "В"}},
    "four": {"grades": [0, 1, 2, 3], "letters": {"0": "Н", "1": "МВ", "2": "НВ", "3": "ПВ"}},
    "unspecified": {"grades": [0, 1, 2, 3], "letters": {}},
}


def code_key(code):
    return tuple(int(p) for p in code.split("."))


def fail(msg):
    sys.stderr.write("transcribe: " + msg + "\n")
    sys.exit(2)


# ---------------------------------------------------------------------------------------
# Reading the text
# ---------------------------------------------------------------------------------------


class Source:
    def __init__(self, path):
        raw = open(path, "rb").read()
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.name = path.rsplit("/", 1)[-1]
        self.lines = raw.decode("utf-8").split("\n")
        self.words = Counter()
        self.hyphenated = Counter()
        for line in self.lines:
            for cell in line.split("|"):
                for w in re.findall(r"[\w']+(?:-[\w']+)*", cell):
                    if "-" in w:
                        self.hyphenated[w.lower()] += 1
                        for part in w.split("-"):
                            self.words[part.lower()] += 1
                    else:
                        self.words[w.lower()] += 1

    def find_line(self, needle, start=0):
        for i in range(start, len(self.lines)):
            if needle in self.lines[i]:
                return i + 1
        fail(f"cannot find {needle!r}")


def join_cell(src, parts):
    """Joins the lines of one table cell into running text, mending words broken by '-'."""
    text = ""
    for raw in parts:
        part = raw.strip()
        if not part:
            continue
        if not text:
            text = part
            continue
        m = re.search(r"([\w']+)-$", text)
        n = re.match(r"([\w']+)", part)
        if m and n and not re.search(r"\s-$", text):
            head, tail = m.group(1), n.group(1)
            joined = (head + tail).lower()
            hyph = (head + "-" + tail).lower()
            if head[-1].isalpha() and tail[0].islower():
                if src.hyphenated[hyph] and not src.words[joined]:
                    text += part  # a compound written with a hyphen elsewhere in the Order
                elif src.words[joined] or not compound_prefix(head) or len(tail) < 4:
                    text = text[:-1] + part  # a word broken across lines
                    JOINED.append(head + "|" + tail)
                else:
                    text += part
                continue
        text += " " + part
    return re.sub(r"\s+", " ", text).strip()


JOINED = []


def compound_prefix(head):
    """True for the first half of a hyphenated Ukrainian compound (санітарно-, медико-)."""
    return len(head) >= 5 and head.lower().endswith(("но", "во", "ко", "ро", "то", "ло"))


def table_rows(src):
    """Yields (line_no, cells) for every row block of the detailed standards tables."""
    cur = None
    for no, line in enumerate(src.lines, 1):
        if not line.startswith("|"):
            if cur:
                yield cur
            cur = None
            continue
        if set(line) <= set("|-+ ") and "-" in line:
            if cur:
                yield cur
            cur = None
            continue
        cells = line.split("|")[1:-1]
        if len(cells) != 11:
            continue
        if cur is None:
            cur = (no, [[] for _ in range(11)])
        for i, c in enumerate(cells):
            cur[1][i].append(c)
    if cur:
        yield cur


CODE_RE = re.compile(r"^\d+(\.\d+)*$")


def detailed_rows(src):
    rows = []
    for no, cells in table_rows(src):
        code = " ".join(x.strip() for x in cells[0] if x.strip())
        if not CODE_RE.match(code):
            continue  # the column header
        marks = [" ".join(x.split()) for x in ("".join(c) for c in cells[2:8])]
        if any(x.strip() for c in cells[8:10] for x in c):
            fail(f"line {no}: unexpected text in the self/commission columns")
        # The title column may hold a note after a line "Примітка."
        title_lines, note_lines, in_note = [], [], False
        for x in cells[1]:
            if x.strip().startswith("Примітка"):
                in_note = True
                rest = x.strip()[len("Примітка.") :].strip()
                if rest:
                    note_lines.append(rest)
                continue
            (note_lines if in_note else title_lines).append(x)
        criteria, current = {}, None
        for x in cells[10]:
            m = re.match(r"^\s*([0-3])\s*-\s+(.*)$", x)
            if m:
                current = m.group(1)
                if current in criteria:
                    fail(f"line {no}: grade {current} described twice")
                criteria[current] = [m.group(2)]
            elif x.strip():
                if current is None:
                    fail(f"line {no}: criterion text before any grade: {x.strip()!r}")
                criteria[current].append(x)
        rows.append(
            {
                "line": no,
                "code": code,
                "marks": marks,
                "title": join_cell(src, title_lines),
                "note": join_cell(src, note_lines) or None,
                "criteria": {g: join_cell(src, v) for g, v in criteria.items()},
            }
        )
    return rows


def expand(range_text, line_no):
    """'1.1.4.1 - 1.1.4.10' -> codes; a range varies only its last component."""
    parts = [p.strip().rstrip(".") for p in range_text.split(" - ")]
    if len(parts) == 1:
        return [parts[0]]
    a, b = parts
    pa, pb = a.split("."), b.split(".")
    if pa[:-1] != pb[:-1] or int(pa[-1]) > int(pb[-1]):
        fail(f"line {line_no}: range {range_text!r} does not vary only its last component")
    stem = ".".join(pa[:-1])
    return [f"{stem}.{i}" for i in range(int(pa[-1]), int(pb[-1]) + 1)]


def table1(src):
    """Reads Table 1: groups with titles, and the codes of each model."""
    start = src.find_line("Таблиця 1.")
    end = src.find_line("Примітка. Якщо той чи інший вид роботи", start)
    groups, models = [], {"full": [], "sanitary": []}
    section, group = None, None
    for no in range(start + 1, end):
        line = src.lines[no - 1]
        if not line.startswith("|"):
            continue
        cells = [c for c in line.split("|")[1:-1]]
        if len(cells) == 1:
            t = cells[0].strip()
            m = re.match(r"^(I|II)\. ", t)
            if m:
                section = {"I": "1", "II": "2"}[m.group(1)]
            continue
        if len(cells) != 3:
            continue
        name, full, sanitary = (c.strip() for c in cells)
        m = re.match(r"^(\d+\.\d+) (.*)$", name)
        if m:
            group = {"code": m.group(1), "section": section, "line": no, "title": [m.group(2)]}
            groups.append(group)
        elif name and group and not name.startswith("-"):
            group["title"].append(name)
        for model, cell in (("full", full), ("sanitary", sanitary)):
            if group and re.match(r"^\d", cell):
                for code in expand(cell, no):
                    models[model].append((code, no, group["code"]))
    for g in groups:
        g["title"] = " ".join(" ".join(g["title"]).split())
    return groups, models, end


def detailed_group_titles(src):
    """Group titles as the detailed part of the Order writes them."""
    titles = {}
    for no, line in enumerate(src.lines, 1):
        m = re.match(r"^(1\.\d+)\. (.+)$", line)
        if m:
            titles[m.group(1)] = (m.group(2).strip(), no)
    return titles


def main():
    if len(sys.argv) < 2:
        fail("usage: transcribe.py SOURCE.txt [--check CATALOGUE.json]")
    src = Source(sys.argv[1])
    groups, models, note_line = table1(src)
    rows = detailed_rows(src)
    by_code = {}
    for r in rows:
        if r["code"] in by_code:
            fail(f"line {r['line']}: code {r['code']} appears twice in the detailed tables")
        by_code[r["code"]] = r

    membership = {}
    for model in ("full", "sanitary"):
        seen = set()
        for code, line, group in models[model]:
            if code in seen:
                fail(f"Table 1 line {line}: {code} listed twice for {model}")
            seen.add(code)
            membership.setdefault(code, {"models": [], "line": line, "group": group})
            membership[code]["models"].append(model)
    scored = sorted(membership, key=code_key)
    if set(c for c, _, _ in models["sanitary"]) - set(c for c, _, _ in models["full"]):
        fail("a sanitary standard is missing from the full model")

    # Groups: Table 1 titles, with notes where the detailed text differs.
    detailed_titles = detailed_group_titles(src)
    out_groups = []
    for g in groups:
        entry = {
            "code": g["code"],
            "section": g["section"],
            "title": g["title"],
            "source_line": g["line"],
        }
        if g["code"] in detailed_titles and g["code"] == "1.7":
            first = detailed_titles["1.7"][1] + 1
            last = src.find_line("Нормативна база", first) - 1
            entry["description"] = "\n".join(src.lines[first - 1 : last])
            entry["description_source_lines"] = [first, last]
        row = by_code.get(g["code"])
        td = None
        if g["code"] in detailed_titles:
            td = detailed_titles[g["code"]][0]
        elif row and g["code"] != "2.2":
            td = row["title"].rstrip(":")
        if g["code"] in GROUP_TITLE_NOTES:
            entry["title_detailed"] = td
            entry["source_note"] = GROUP_TITLE_NOTES[g["code"]].format(t1=g["title"], td=td)
        elif td is not None and td.rstrip(".") != g["title"]:
            fail(f"group {g['code']}: titles differ without a decision: {g['title']!r} / {td!r}")
        out_groups.append(entry)

    standards = []
    for code in scored:
        info = membership[code]
        row = by_code.get(code)
        s = {
            "code": code,
            "group": info["group"],
            "models": sorted(info["models"], key=["full", "sanitary"].index),
            "table1_line": info["line"],
        }
        if row is None:
            s.update(
                {
                    "title": None,
                    "scale": "unspecified",
                    "criteria": {},
                    "note": None,
                    "wording_in_source": False,
                    "source_note": "Текст стандарту відсутній у наявній копії Наказу (копія "
                    "обривається в групі 1.7); відомий лише код з Таблиці 1. Приймається будь-яка "
                    "оцінка 0–3. The wording is not in the available copy of the Order (it is cut "
                    "off inside group 1.7); only Table 1's code is known. Any grade 0–3 is accepted.",
                }
            )
            if code == "2.2":
                s["title"] = next(g["title"] for g in groups if g["code"] == "2.2")
                s["source_note"] = (
                    "Група 2.2 є одним стандартом; назву взято з Таблиці 1, критерії оцінки "
                    "в наявній копії відсутні. Group 2.2 is itself one standard; its title is "
                    "Table 1's, its criteria are not in the available copy. Any grade 0–3 is "
                    "accepted."
                )
            standards.append(s)
            continue
        m = row["marks"]
        if m[:2] == ["0", "3"] and not any(m[2:]):
            scale = "two"
        elif m[2:] == ["0", "1", "2", "3"] and not any(m[:2]):
            scale = "four"
        elif not any(m) and code in SCALE_FROM_CRITERIA:
            scale = "two"
            s["source_note"] = SCALE_FROM_CRITERIA[code]
        else:
            fail(f"line {row['line']}: {code} has marks {m} and no decision")
        expected = [str(g) for g in SCALES[scale]["grades"]]
        got = sorted(row["criteria"])
        if got != expected:
            if code in SKIPPED_GRADE:
                s["source_note"] = SKIPPED_GRADE[code]
            else:
                fail(f"line {row['line']}: {code} criteria for {got}, scale {scale}")
        if code in EXTRA_NOTES:
            s["source_note"] = " ".join(x for x in (s.get("source_note"), EXTRA_NOTES[code]) if x)
        s.update(
            {
                "title": row["title"],
                "scale": scale,
                "criteria": row["criteria"],
                "note": row["note"],
                "wording_in_source": True,
                "source_line": row["line"],
            }
        )
        standards.append(s)

    # Headings: every parent of a scored code, with its title where the source has one.
    heading_codes = set()
    group_codes = {g["code"] for g in groups}
    for code in scored:
        parts = code.split(".")
        for i in range(len(parts) - 1, 1, -1):
            parent = ".".join(parts[:i])
            if parent not in group_codes and parent not in membership:
                heading_codes.add(parent)
    headings = []
    for code in sorted(heading_codes, key=code_key):
        row = by_code.get(code)
        h = {"code": code, "title": row["title"].rstrip(":") if row else None}
        if row:
            if any(row["marks"]) or row["criteria"]:
                fail(f"line {row['line']}: heading {code} has marks or criteria")
            h["source_line"] = row["line"]
            h["wording_in_source"] = True
            if row["note"]:
                h["note"] = row["note"]
            if code == "1.7.1":
                h["source_note"] = (
                    "Копія Наказу обривається посеред тексту цього рядка; показано наявну "
                    "частину. The copy of the Order breaks off inside this row; the surviving "
                    "part is shown."
                )
        else:
            h["wording_in_source"] = False
        headings.append(h)

    # Rows that are neither scored, a heading nor a group.
    uncounted = []
    for r in rows:
        c = r["code"]
        if c in membership or c in heading_codes or c in group_codes:
            continue
        if c not in UNCOUNTED:
            fail(f"line {r['line']}: detailed row {c} is not in Table 1 and has no decision")
        scale = "two" if r["marks"][:2] == ["0", "3"] else "four"
        uncounted.append(
            {
                "code": c,
                "group": ".".join(c.split(".")[:2]),
                "title": r["title"],
                "scale": scale,
                "criteria": r["criteria"],
                "note": r["note"],
                "source_line": r["line"],
                "source_note": UNCOUNTED[c],
            }
        )

    # Models.
    overview = src.find_line("Загальна кількість стандартів, за якими мають проводитись")
    model_titles = {
        "sanitary": ("санітарно-освітня", "sanitary-educational"),
        "full": (
            "санітарно-освітня + діагностично-оздоровча",
            "sanitary-educational + diagnostic-and-health-improving",
        ),
    }
    out_models = []
    for mid in ("sanitary", "full"):
        n = sum(1 for s in standards if mid in s["models"])
        out_models.append(
            {
                "id": mid,
                "title": model_titles[mid][0],
                "title_en": model_titles[mid][1],
                "standards": n,
                "max_points": 3 * n,
                "source_line": overview,
            }
        )

    # The N/A preset.
    note_text = src.lines[note_line - 1]
    listed = re.findall(r"\d+(?:\.\d+)+", note_text.split("а саме:")[1])
    for code in listed:
        if code not in PRESET_DROPS and code not in PRESET_KEEPS:
            fail(f"N/A note lists {code} with no decision")
    all_codes = {s["code"] for s in standards}
    for code in PRESET_DROPS:
        if code not in all_codes:
            fail(f"preset drops {code}, which is not a standard")
    preset = {
        "id": PRESET_ID,
        "title": PRESET_TITLE,
        "title_en": PRESET_TITLE_EN,
        "source_line": note_line,
        "listed_in_source": listed,
        "codes": sorted(PRESET_DROPS, key=code_key),
        "reasons": PRESET_DROPS,
        "not_dropped": PRESET_KEEPS,
        "source_note": "Примітка до Таблиці 1 наводить як приклад коди 1.1.1.5, 1.1.6, 1.1.3.3, "
        "1.5.3, 1.6.4.9, 1.6.4.10, 1.6.4.12. Код 1.1.3.3 не існує, 1.1.6 не стосується "
        "госпрозрахункової діяльності; 1.1.1.6 (ліцензії на госпрозрахункову діяльність) "
        "додано за загальним правилом примітки. The note's example lists seven codes; one does "
        "not exist and one is off-topic; 1.1.1.6 is added under the note's general rule. "
        "Each code's reason is in `reasons`.",
    }

    # Application form and documents.
    form_line = src.find_line("ЗАЯВА")
    docs_start = src.find_line("обов'язкових документів, які додаються до заяви:")
    documents = []
    for no in range(docs_start + 1, docs_start + 20):
        m = re.match(r"^(\d+)\. (.+)$", src.lines[no - 1])
        if m:
            documents.append({"number": int(m.group(1)), "title": m.group(2), "source_line": no})
    if [d["number"] for d in documents] != list(range(1, 14)):
        fail("expected the 13 mandatory documents")

    cats_line = src.find_line("вища категорія - сума набраних")
    catalogue = {
        "schema": "akredit-catalogue/1",
        "id": "moz-ua-169-2000",
        "title": "Стандарти акредитації центрів здоров'я України (наказ МОЗ України від "
        "17.07.2000 N 169)",
        "title_en": "Accreditation standards of health centres of Ukraine (MOH Ukraine order "
        "No. 169 of 17.07.2000)",
        "source": {
            "file": src.name,
            "sha256": src.sha256,
            "completeness": "Копія обривається всередині групи 1.7: текст стандартів є лише для "
            "груп 1.1–1.6; для 1.7–2.4 відомі тільки коди з Таблиці 1. The copy breaks off inside "
            "group 1.7: wording survives for groups 1.1–1.6 only; for 1.7–2.4 only Table 1's codes "
            "are known.",
        },
        "scales": SCALES,
        "categories": [
            {"id": "higher", "title": "вища", "min_percent": 92, "source_line": cats_line},
            {"id": "first", "title": "перша", "min_percent": 81, "source_line": cats_line + 1},
            {"id": "second", "title": "друга", "min_percent": 75, "source_line": cats_line + 2},
        ],
        "models": out_models,
        "sections": [{"code": k, "title": v} for k, v in SECTION_TITLES.items()],
        "groups": out_groups,
        "headings": headings,
        "standards": standards,
        "uncounted": uncounted,
        "presets": [preset],
        "application_form": [
            {"id": i, "title": t, "title_en": e, "source_line": src.find_line(needle, form_line)}
            for i, t, e, needle in APPLICATION_FORM
        ],
        "documents": documents,
    }
    if "--joins" in sys.argv:
        sys.stderr.write(" ".join(sorted(set(JOINED))) + "\n")
    text = json.dumps(catalogue, ensure_ascii=False, indent=1) + "\n"
    if "--check" in sys.argv:
        path = sys.argv[sys.argv.index("--check") + 1]
        if open(path, encoding="utf-8").read() != text:
            sys.stderr.write(f"{path} differs from a fresh transcription of {sys.argv[1]}\n")
            sys.exit(1)
        print(f"{path} matches the transcription of {src.name}")
        return
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
