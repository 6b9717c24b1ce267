"""One grader module per exercise kind: `code`, `model`, `quiz`, `finetune`.

Each module exposes `run(spec: JobSpec, exercise: Exercise, *, on_event=None) -> JobResult`.
`gpu_runner.run.run_job` imports the module for a job's kind only when a job of that kind arrives,
so a worker that grades quizzes and code never imports torch.
"""
