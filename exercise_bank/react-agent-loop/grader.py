"""Cases for react-agent-loop: scripted models drive the agent through tool calls, bad replies, failing tools,
an unknown tool, a hallucinated observation and the step limit.

The model is a `scripted_model` FunctionRef: its n-th call returns the n-th reply of the script if the
prompt contains every string the turn expects (the observations the agent should have reported, the
model's own previous reply), and otherwise an off-script final answer naming what is missing. So an
agent that loses the transcript, reports a wrong observation or mangles a reply ends with a wrong
answer. The tools are FunctionRefs too (calculator, lookup, failing_tool); numbers and names are drawn
from the job's rng.
"""

from gpu_runner.codec import FunctionRef
from gpu_runner.graders.code import case_maker, with_hints

FN = "run_agent"
_run = case_maker(FN)
FORMAT_ERROR = "Error: invalid reply format. Reply with 'Action:' and 'Action Input:' lines, or with 'Final Answer:'."
CITIES = ["Lyon", "Porto", "Graz", "Turku", "Gdansk", "Bergen", "Malmo", "Leeds", "Split", "Aarhus", "Ghent", "Brno"]


def _turn(reply, *expect):
    return {"reply": reply, "expect": list(expect)}


def _model(*turns, repeat_last=False):
    return FunctionRef("scripted_model", {"turns": list(turns), "repeat_last": repeat_last})


def _tools(table=None, extra=None):
    tools = {
        "calculator": FunctionRef("calculator"),
        "lookup": FunctionRef("lookup", {"table": table or {}}),
    }
    tools.update(extra or {})
    return tools


def _act(tool, tool_input, thought="I should use a tool."):
    return f"Thought: {thought}\nAction: {tool}\nAction Input: {tool_input}"


TRANSCRIPT = {
    "en": "each prompt is the whole transcript so far: the question, then every reply followed by 'Observation: ...'",
    "zh": "每次的提示都是到目前为止的完整记录：问题，然后是每条回复，每条回复后面跟着 'Observation: ...'",
}
TOOL_ERROR = {
    "en": "catch the tool's exception and report it to the model as 'Error: <ExceptionType>: <message>'; the loop goes on",
    "zh": "捕获工具抛出的异常，以 'Error: <异常类型>: <消息>' 的形式作为观察结果告诉模型；循环继续",
}
INVALID = {
    "en": (
        "a reply with neither a complete action nor a final answer (or with both) is a step whose observation is the "
        "format error from the statement"
    ),
    "zh": "既没有完整的 Action 也没有 Final Answer（或两者都有）的回复也算一步，它的观察结果是题目中给出的格式错误信息",
}

# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "a direct final answer (no tool)": {
        "en": "when the first reply has a 'Final Answer:' line, stop at once: 1 step, no tool calls",
        "zh": "第一条回复就有 'Final Answer:' 时立即结束：1 步，没有工具调用",
    },
    "two lookups and a calculation": TRANSCRIPT,
    "a malformed reply, then recovery": INVALID,
    "an action without an action input": INVALID,
    "an action and a final answer in one reply": INVALID,
    "a tool that raises (division by zero)": TOOL_ERROR,
    "a lookup that raises KeyError": TOOL_ERROR,
    "a tool whose service is down": TOOL_ERROR,
    "the model invents an observation": {
        "en": (
            "drop everything from the first line that starts with 'Observation:': only the agent reports what a "
            "tool returned"
        ),
        "zh": "从第一行以 'Observation:' 开头的内容起全部丢弃：工具返回了什么只能由代理来报告",
    },
    "labels with extra spaces and indentation": {
        "en": "a label may be preceded by spaces; strip the tool name, the input and the answer",
        "zh": "标签前面可能有空格；去掉工具名、输入和答案两端的空白",
    },
    "a final answer over several lines": {
        "en": "the answer is the rest of the 'Final Answer:' line and every line after it, stripped",
        "zh": "答案是 'Final Answer:' 这一行的剩余部分加上其后的所有行，再去掉两端空白",
    },
    "the step limit": {
        "en": "call the model at most max_steps times; without a final answer return status 'max_steps', answer None",
        "zh": "最多调用模型 max_steps 次；没有得到最终答案时返回 status 'max_steps'，answer 为 None",
    },
    "a final answer on the last allowed step": {
        "en": "max_steps counts model calls: with max_steps = 2 the second reply may still be the answer",
        "zh": "max_steps 计的是调用模型的次数：max_steps = 2 时第二条回复仍然可以是答案",
    },
    "max_steps = 0 raises ValueError": {
        "en": "raise ValueError when max_steps < 1",
        "zh": "max_steps < 1 时抛出 ValueError",
    },
}


def make_cases(rng):
    a, b, c = (int(x) for x in rng.integers(11, 99, size=3))
    expression = f"{a} * {b} + {c}"
    result = str(a * b + c)
    cities = [str(x) for x in rng.choice(CITIES, size=3, replace=False)]
    population = {city: int(rng.integers(120, 990)) * 1000 for city in cities}
    table = {f"population of {city}": str(population[city]) for city in cities}
    first, second, third = cities
    calculation = f"What is {expression}?"
    limit = int(rng.integers(2, 5))

    def episode(name, question, *turns, extra_tools=None, repeat_last=False, max_steps=None, visible=False):
        """The case `run_agent(model, tools, question[, max_steps=...])` with the scripted `turns`."""
        model, tools = _model(*turns, repeat_last=repeat_last), _tools(table, extra_tools)
        steps = {} if max_steps is None else {"max_steps": max_steps}
        return _run(name, model, tools, question, visible=visible, **steps)

    recovery = (
        _turn(_act("calculator", expression), f"Observation: {FORMAT_ERROR}"),
        _turn(f"Final Answer: {result}", f"Observation: {result}"),
    )
    cases = [
        episode(
            {"en": "statement example: one tool call, then the answer", "zh": "题目示例：一次工具调用，然后给出答案"},
            "What is 17 * 23 + 5?",
            _turn(_act("calculator", "17 * 23 + 5", "I need to compute this."), "Question: What is 17 * 23 + 5?"),
            _turn("Thought: I now know the answer.\nFinal Answer: 396", "Action Input: 17 * 23 + 5\nObservation: 396"),
            max_steps=5,
            visible=True,
        ),
        episode(
            {"en": "an unknown tool, then the right one", "zh": "先用未知工具，再用正确的工具"},
            f"How many people live in {first}?",
            _turn(_act("search", f"population of {first}")),
            _turn(
                _act("lookup", f"population of {first}", "There is no search tool; lookup may know it."),
                "Observation: Error: unknown tool 'search'. Available tools: calculator, lookup.",
            ),
            _turn(f"Final Answer: {population[first]}", f"Observation: {population[first]}"),
            max_steps=5,
            visible=True,
        ),
        episode(
            {"en": "a direct final answer (no tool)", "zh": "直接给出最终答案（不用工具）"},
            "What is the capital of France?",
            _turn("Thought: This needs no tool.\nFinal Answer: Paris", "Question: What is the capital of France?"),
        ),
        episode(
            {"en": "two lookups and a calculation", "zh": "两次查询和一次计算"},
            f"How many people live in {first} and {second} together?",
            _turn(_act("lookup", f"population of {first}")),
            _turn(_act("lookup", f"Population of {second}  "), f"Observation: {population[first]}"),
            _turn(
                _act("calculator", f"{population[first]} + {population[second]}"),
                f"Observation: {population[first]}",
                f"Observation: {population[second]}",
            ),
            _turn(
                f"Final Answer: {population[first] + population[second]}",
                f"Observation: {population[first] + population[second]}",
            ),
            max_steps=6,
        ),
        episode(
            {"en": "a malformed reply, then recovery", "zh": "格式错误的回复，然后恢复"},
            calculation,
            _turn("I will use the calculator to work this out."),
            *recovery,
        ),
        episode(
            {"en": "an action without an action input", "zh": "有行动但没有行动输入"},
            calculation,
            _turn("Thought: compute\nAction: calculator"),
            *recovery,
        ),
        episode(
            {"en": "an action and a final answer in one reply", "zh": "一条回复中同时有行动和最终答案"},
            calculation,
            _turn(f"{_act('calculator', expression)}\nFinal Answer: {result}"),
            _turn(f"Final Answer: {result}", f"Observation: {FORMAT_ERROR}"),
        ),
        episode(
            {"en": "a tool that raises (division by zero)", "zh": "抛出异常的工具（除以零）"},
            f"What is {a} divided by {b}?",
            _turn(_act("calculator", f"{a} / ({b} - {b})")),
            _turn(
                _act("calculator", f"{a} / {b}", "That failed; divide by the other number."),
                "Observation: Error: ZeroDivisionError: division by zero",
            ),
            _turn(f"Final Answer: {a / b:.10g}", f"Observation: {a / b:.10g}"),
        ),
        episode(
            {"en": "a lookup that raises KeyError", "zh": "抛出 KeyError 的查询工具"},
            "How many people live in Atlantis?",
            _turn(_act("lookup", "population of Atlantis")),
            _turn(
                "Thought: The knowledge base does not know it.\nFinal Answer: I do not know.",
                "Observation: Error: KeyError: 'population of atlantis'",
            ),
        ),
        episode(
            {"en": "a tool whose service is down", "zh": "后端服务不可用的工具"},
            f"What is the weather in {third}?",
            _turn(_act("weather", third)),
            _turn(
                "Final Answer: The weather service is unavailable right now.",
                "Observation: Error: RuntimeError: the weather service is unavailable",
            ),
            extra_tools={"weather": FunctionRef("failing_tool", {"message": "the weather service is unavailable"})},
        ),
        episode(
            {"en": "the model invents an observation", "zh": "模型编造了观察结果"},
            calculation,
            _turn(f"{_act('calculator', expression)}\nObservation: {a * b + c + 1}\nFinal Answer: {a * b + c + 1}"),
            _turn(f"Final Answer: {result}", f"Action Input: {expression}\nObservation: {result}\n"),
        ),
        episode(
            {"en": "labels with extra spaces and indentation", "zh": "带多余空格和缩进的标签"},
            f"What is ({a} + {b}) * 2?",
            _turn(f"  Thought: compute it\n  Action:   calculator  \n  Action Input:    ({a} + {b}) * 2   "),
            _turn(f"Final Answer:   {(a + b) * 2}  ", f"Observation: {(a + b) * 2}"),
        ),
        episode(
            {"en": "a final answer over several lines", "zh": "跨多行的最终答案"},
            f"Tell me about {first} and {second}.",
            _turn(
                f"Thought: I can explain.\nFinal Answer: {first} and {second} are both cities.\n"
                f"{first} has {population[first]} people."
            ),
        ),
        episode(
            {"en": "the step limit", "zh": "步数上限"},
            f"What is {a} + {a}?",
            _turn(_act("calculator", f"{a} + {a}", "Let me check again.")),
            repeat_last=True,
            max_steps=limit,
        ),
        episode(
            {"en": "a final answer on the last allowed step", "zh": "在最后允许的一步给出最终答案"},
            f"How many people live in {third}?",
            _turn(_act("lookup", f"population of {third}")),
            _turn(f"Final Answer: {population[third]}", f"Observation: {population[third]}"),
            max_steps=2,
        ),
        episode(
            {"en": "max_steps = 0 raises ValueError", "zh": "max_steps = 0 抛出 ValueError"},
            "?",
            _turn("Final Answer: 1"),
            max_steps=0,
        ),
    ]
    return with_hints(cases, HINTS)
