"""Pathwise grading runtime: a plain library that never imports Django.

JobSpec in, JobResult out; see `gpu_runner.spec` for the contract and
`gpu_runner.run.run_job` for the entry point.
"""
