"""Cases for access-log-summary: the statement's log shown; lines with query strings, '-' sizes, users and offsets,
one case per kind of malformed line, random logs of a few hundred lines (blank lines, CRLF endings and malformed
lines mixed in), a tie at the edge of the top paths, a busiest hour that only shows in UTC, an empty log and a bad
`top` hidden."""

from datetime import UTC, datetime, timedelta, timezone

from gpu_runner.graders.case_texts import bilingual, raises_value_error
from gpu_runner.graders.code import case_maker

EXAMPLE_LOG = (
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326\n'
    '203.0.113.9 - - [10/Oct/2000:22:01:02 +0200] "GET /index.html?lang=zh HTTP/1.1" 200 512\n'
    '198.51.100.4 - - [11/Oct/2000:04:15:00 +0800] "POST /login HTTP/1.1" 302 -\n'
    '127.0.0.1 - frank [10/Oct/2000:14:02:10 -0700] "GET /index.html HTTP/1.1" 404 208\n'
    "this line is not a request\n"
    "\n"
    '10.0.0.7 - - [31/Feb/2000:10:00:00 +0000] "GET / HTTP/1.1" 200 10\n'
)
IPS = ["192.0.2.10", "192.0.2.44", "198.51.100.7", "198.51.100.23", "203.0.113.5", "203.0.113.81", "10.1.2.3"]
PATHS = ["/", "/index.html", "/login", "/api/orders", "/api/orders/17", "/static/app.js", "/search", "/docs/guide"]
QUERIES = {"/search": ["?q=python", "?q=%E6%95%B0%E6%8D%AE&page=2"], "/api/orders": ["?page=2", "?status=open"]}
OFFSETS = ["+0000", "-0700", "+0800", "+0530", "-0400", "+0100"]
STATUSES = [200] * 12 + [201, 301, 304, 304, 404, 404, 500, 503]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MALFORMED = [
    ("no size field", "缺少大小字段", '192.0.2.10 - - [09/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200'),
    ("30 February", "2 月 30 日", '192.0.2.10 - - [30/Feb/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 15'),
    ("hour 24", "24 点", '192.0.2.10 - - [09/Mar/2024:24:10:00 +0000] "GET / HTTP/1.1" 200 15'),
    (
        "a month name that is not English",
        "不是英文的月份名",
        '192.0.2.10 - - [09/Mrz/2024:10:00:00 +0100] "GET / HTTP/1.1" 200 15',
    ),
    (
        "a request of two parts",
        "只有两部分的请求行",
        '192.0.2.10 - - [09/Mar/2024:10:00:00 +0000] "GET /index.html" 200 15',
    ),
    ("status 999", "状态码 999", '192.0.2.10 - - [09/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 999 15'),
    ("a size of 12k", "大小为 12k", '192.0.2.10 - - [09/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 12k'),
    ("no time-zone offset", "没有时区偏移", '192.0.2.10 - - [09/Mar/2024:10:00:00] "GET / HTTP/1.1" 200 15'),
    ("free text", "一段普通文字", "GET / 200 OK"),
]
HINT_MALFORMED = {
    "en": "a line is malformed (None) unless it has every field, a real date with an offset, a 3-part request, a "
    "status from 100 to 599 and a size of digits or '-'",
    "zh": "只有字段齐全、日期真实且带时区偏移、请求行由 3 部分组成、状态码在 100 到 599 之间、大小为数字或 '-' 的行才合法，"
    "否则就是格式错误（None）",
}
HINT_UTC = {
    "en": "convert every time to UTC with its offset before you read the hour: 04:15 at +0800 is 20:15 UTC the day "
    "before",
    "zh": "先按时区偏移把时间换算成 UTC 再看小时：+0800 的 04:15 是前一天 UTC 的 20:15",
}
HINT_TIES = {
    "en": "sort the paths by count (most first), then by path (alphabetical): the log's order must not matter",
    "zh": "按次数（从多到少）排序，次数相同再按路径的字母顺序：结果不能取决于日志中出现的先后",
}
HINT_TOTALS = {
    "en": "blank lines are skipped, not malformed; a '-' size counts as 0 bytes; paths lose their ?query",
    "zh": "空行直接跳过，不算格式错误；大小为 '-' 按 0 字节计；路径要去掉 ?query 部分",
}


def _stamp(utc, offset):
    sign = 1 if offset[0] == "+" else -1
    delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])) * sign
    local = utc.astimezone(timezone(delta))
    return f"{local.day:02d}/{MONTHS[local.month - 1]}/{local.year}:{local:%H:%M:%S} {offset}"


def _line(rng, utc, path=None, offset=None):
    path = path or str(rng.choice(PATHS))
    if path in QUERIES and rng.random() < 0.5:
        path += str(rng.choice(QUERIES[path]))
    status = int(rng.choice(STATUSES))
    size = "-" if status == 304 or rng.random() < 0.05 else str(int(rng.integers(0, 50_000)))
    user = "-" if rng.random() < 0.8 else str(rng.choice(["alice", "wei", "bob"]))
    method = str(rng.choice(["GET"] * 6 + ["POST", "PUT", "DELETE"]))
    stamp = _stamp(utc, offset or str(rng.choice(OFFSETS)))
    return f'{rng.choice(IPS)} - {user} [{stamp}] "{method} {path} HTTP/1.1" {status} {size}'


def _random_log(rng, n):
    start = datetime(2024, 3, 9, 6, 0, tzinfo=UTC)
    lines = [_line(rng, start + timedelta(minutes=int(m))) for m in sorted(rng.integers(0, 8 * 60, size=n))]
    for _ in range(int(rng.integers(3, 8))):
        lines.insert(int(rng.integers(0, len(lines))), MALFORMED[int(rng.integers(0, len(MALFORMED)))][2])
    for _ in range(int(rng.integers(1, 4))):
        lines.insert(int(rng.integers(0, len(lines))), " " * int(rng.integers(0, 3)))
    newline = "\r\n" if rng.random() < 0.5 else "\n"
    return newline.join(lines) + newline


_parse = case_maker("parse_log_line")
_summarize = case_maker("summarize")


def _examples():
    first = EXAMPLE_LOG.splitlines()[0]
    return [
        _parse(bilingual("example: parse a line", "示例：解析一行"), first, visible=True),
        _parse(
            bilingual("example: a malformed line gives None", "示例：格式错误的行返回 None"),
            "this line is not a request",
            visible=True,
        ),
        _summarize(bilingual("example: summarize the log", "示例：汇总日志"), EXAMPLE_LOG, visible=True),
        _summarize(
            bilingual("example: only the top path", "示例：只要访问最多的路径"), EXAMPLE_LOG, top=1, visible=True
        ),
    ]


def _parsing(rng):
    when = datetime(
        2024, 3, 9, int(rng.integers(0, 24)), int(rng.integers(0, 60)), int(rng.integers(0, 60)), tzinfo=UTC
    )
    lines = [
        (
            "a query string",
            "带查询字符串",
            f'198.51.100.7 - - [{_stamp(when, "+0100")}] "GET /search?q=numpy&page=3 HTTP/1.1" 200 {int(rng.integers(1, 9999))}',
        ),
        ("a '-' size", "大小为 '-'", f'192.0.2.44 - - [{_stamp(when, "-0400")}] "GET /static/app.js HTTP/1.1" 304 -'),
        (
            "a half-hour offset",
            "半小时的时区偏移",
            f'203.0.113.5 - wei [{_stamp(when, "+0530")}] "PUT /api/orders/17 HTTP/2.0" 201 {int(rng.integers(1, 999))}',
        ),
        (
            "an offset that changes the date",
            "改变日期的时区偏移",
            f'10.1.2.3 - alice [{_stamp(datetime(2024, 12, 31, 23, 30, tzinfo=UTC), "+0800")}] "DELETE /api/orders/17 HTTP/1.1" 500 0',
        ),
        ("a CRLF line ending", "CRLF 换行符", f'192.0.2.10 - - [{_stamp(when, "+0000")}] "GET / HTTP/1.1" 200 15\r\n'),
    ]
    cases = [_parse(bilingual(f"a line with {en}", f"{zh}的行"), line, hint=HINT_UTC) for en, zh, line in lines]
    cases += [
        _parse(bilingual(f"malformed: {en}", f"格式错误：{zh}"), line, hint=HINT_MALFORMED)
        for en, zh, line in MALFORMED
    ]
    return cases


def _summaries(rng):
    tie_log = "\n".join(
        [_line(rng, datetime(2024, 3, 9, 9, m, tzinfo=UTC), path=p) for m, p in enumerate(["/zeta", "/zeta", "/zeta"])]
        + [
            _line(rng, datetime(2024, 3, 9, 10, m, tzinfo=UTC), path=p)
            for m, p in enumerate(["/beta", "/alpha", "/beta", "/alpha", "/gamma"])
        ]
    )
    # Three requests at 09:05 local time in three zones (01, 16 and 09 UTC), two at 18:xx UTC: the busiest hour
    # only shows in UTC.
    shifted = [
        _line(rng, datetime(2024, 3, 9, hour, 5, tzinfo=UTC), path="/index.html", offset=offset)
        for offset, hour in (("+0800", 1), ("-0700", 16), ("+0000", 9))
    ]
    shifted += [_line(rng, datetime(2024, 3, 9, 18, m, tzinfo=UTC), path="/login", offset="+0000") for m in (3, 40)]
    cases = [
        _summarize(
            bilingual(f"a random log {i + 1}", f"随机日志 {i + 1}"),
            _random_log(rng, int(rng.integers(150, 300))),
            top=int(rng.integers(2, 6)),
            hint=HINT_TOTALS,
        )
        for i in range(3)
    ]
    return [
        *cases,
        _summarize(
            bilingual("a tie at the edge of the top paths", "前几名路径的边界处出现并列"),
            tie_log,
            top=2,
            hint=HINT_TIES,
        ),
        _summarize(
            bilingual("the busiest hour is counted in UTC", "最繁忙的小时按 UTC 计算"),
            "\n".join(shifted),
            hint=HINT_UTC,
        ),
        _summarize(bilingual("an empty log", "空日志"), ""),
        _summarize(raises_value_error("top = 0", "top = 0 "), EXAMPLE_LOG, top=0),
    ]


def make_cases(rng):
    return [*_examples(), *_parsing(rng), *_summaries(rng)]
