def parse_log_line(line: str) -> dict | None:
    """One Common Log Format line as a dict with the keys ip, user, time, method, path, protocol, status and size,
    or None when the line is malformed."""
    raise NotImplementedError


def summarize(log_text: str, top: int = 3) -> dict:
    """Totals of a whole log: requests, malformed, unique_ips, bytes, status, top_paths and busiest_hour."""
    raise NotImplementedError
