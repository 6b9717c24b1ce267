# Mistake: accepts any three digits as a status, 999 included.
import re
from collections import Counter
from datetime import UTC, datetime

LINE = re.compile(r'(\S+) (\S+) (\S+) \[([^\]]+)\] "(\S+) (\S+) (\S+)" (\d{3}) (\d+|-)')


def parse_log_line(line: str) -> dict | None:
    """One Common Log Format line as a dict, or None when it is malformed."""
    match = LINE.fullmatch(line.strip())
    if match is None:
        return None
    ip, _ident, user, stamp, method, target, protocol, status, size = match.groups()
    try:
        when = datetime.strptime(stamp, "%d/%b/%Y:%H:%M:%S %z")
    except ValueError:  # 31/Feb, 25:00, a month name strptime does not know, a missing offset
        return None
    return {
        "ip": ip,
        "user": None if user == "-" else user,
        "time": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "method": method,
        "path": target.split("?", 1)[0],
        "protocol": protocol,
        "status": int(status),
        "size": 0 if size == "-" else int(size),
    }


def summarize(log_text: str, top: int = 3) -> dict:
    """Totals of a whole log: requests, malformed lines, unique IPs, bytes, status classes, top paths, busiest hour."""
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be an integer >= 1, got {top!r}")
    records, malformed = [], 0
    for line in log_text.splitlines():
        if not line.strip():
            continue  # blank lines (a trailing newline, a separator) are not requests
        record = parse_log_line(line)
        if record is None:
            malformed += 1
        else:
            records.append(record)
    paths = Counter(record["path"] for record in records)
    hours = Counter(record["time"][:13] for record in records)
    return {
        "requests": len(records),
        "malformed": malformed,
        "unique_ips": len({record["ip"] for record in records}),
        "bytes": sum(record["size"] for record in records),
        "status": dict(Counter(f"{record['status'] // 100}xx" for record in records)),
        # Ties: the count first (most first), then the path, so the order never depends on the log's order.
        "top_paths": [[path, count] for path, count in sorted(paths.items(), key=lambda pc: (-pc[1], pc[0]))[:top]],
        "busiest_hour": min(hours, key=lambda hour: (-hours[hour], hour)) if hours else None,
    }
