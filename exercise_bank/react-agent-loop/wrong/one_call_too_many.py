# Mistake: off by one: the model may be called max_steps + 1 times.
FORMAT_ERROR = "Error: invalid reply format. Reply with 'Action:' and 'Action Input:' lines, or with 'Final Answer:'."


def parse_reply(reply: str) -> tuple:
    """('final', answer), ('action', tool, tool_input) or ('invalid',) for one model reply.

    Everything from the first line that starts with 'Observation:' on is dropped first: the model
    invented it, and only the agent may report what a tool returned.
    """
    lines = reply.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("Observation:"):
            lines = lines[:index]
            break
    final = action = action_input = None
    for index, line in enumerate(lines):
        text = line.lstrip()
        if final is None and text.startswith("Final Answer:"):
            final = "\n".join([text[len("Final Answer:") :], *lines[index + 1 :]]).strip()
        elif action is None and text.startswith("Action:"):
            action = text[len("Action:") :].strip()
        elif action is not None and action_input is None and text.startswith("Action Input:"):
            action_input = text[len("Action Input:") :].strip()
    if final is not None and action is None:
        return ("final", final)
    if final is None and action and action_input is not None:
        return ("action", action, action_input)
    return ("invalid",)


def kept_reply(reply: str) -> str:
    """The part of a reply that goes into the transcript: up to the first 'Observation:' line, right-stripped."""
    lines = reply.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith("Observation:"):
            lines = lines[:index]
            break
    return "\n".join(lines).rstrip()


def run_agent(model, tools: dict, question: str, max_steps: int = 6) -> dict:
    """A ReAct loop: the model reasons and picks tools, the agent runs them and reports what they returned."""
    if max_steps < 1:
        raise ValueError(f"max_steps must be >= 1, got {max_steps}")
    transcript = f"Question: {question}\n"
    tool_calls = []
    for step in range(1, max_steps + 2):
        reply = model(transcript)
        parsed = parse_reply(reply)
        if parsed[0] == "final":
            return {"status": "answered", "answer": parsed[1], "steps": step, "tool_calls": tool_calls}
        if parsed[0] == "invalid":
            observation = FORMAT_ERROR
        else:
            _, name, tool_input = parsed
            if name not in tools:
                observation = f"Error: unknown tool '{name}'. Available tools: {', '.join(sorted(tools))}."
            else:
                try:
                    observation = str(tools[name](tool_input))
                except Exception as exc:  # a failing tool is reported to the model, not raised
                    observation = f"Error: {type(exc).__name__}: {exc}"
            tool_calls.append({"tool": name, "input": tool_input, "observation": observation})
        transcript += f"{kept_reply(reply)}\nObservation: {observation}\n"
    return {"status": "max_steps", "answer": None, "steps": max_steps, "tool_calls": tool_calls}
