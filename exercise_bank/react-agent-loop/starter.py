FORMAT_ERROR = "Error: invalid reply format. Reply with 'Action:' and 'Action Input:' lines, or with 'Final Answer:'."


def run_agent(model, tools: dict, question: str, max_steps: int = 6) -> dict:
    """A ReAct loop: the model reasons and picks tools, the agent runs them and reports what they returned.

    Returns {"status": "answered" | "max_steps", "answer": str | None, "steps": int,
             "tool_calls": [{"tool": str, "input": str, "observation": str}, ...]}.
    """
    raise NotImplementedError
