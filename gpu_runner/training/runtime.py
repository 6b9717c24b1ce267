"""Device choice, precision, seeding and the runtime facts a result reports."""

from __future__ import annotations

import os
import platform
import random
import resource
from dataclasses import dataclass
from typing import Any

NO_CUDA = "This job asks for a CUDA device, and this worker has none."


class DeviceUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class DeviceInfo:
    device: Any  # torch.device
    name: str
    autocast_dtype: Any  # torch.bfloat16 on CUDA where supported, else None (plain fp32)

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"


def pick_device(requested: str = "auto") -> DeviceInfo:
    import torch

    if requested == "cuda" and not torch.cuda.is_available():
        raise DeviceUnavailable(NO_CUDA)
    if requested != "cpu" and torch.cuda.is_available():
        device = torch.device("cuda", torch.cuda.current_device())
        enable_tf32()
        # fp16 would need loss scaling; a GPU without bf16 trains in fp32 (with TF32 where it has it).
        dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else None
        return DeviceInfo(device, torch.cuda.get_device_name(device), dtype)
    torch.set_num_threads(cpu_threads())
    return DeviceInfo(torch.device("cpu"), _cpu_name(), None)


def enable_tf32() -> None:
    """TF32 for the fp32 matmuls autocast leaves (the optimizer's, the loss's): ~8x on Ampere+.

    torch >= 2.9 has one switch for cuBLAS and cuDNN, which transformers' Trainer also sets; mixing it with
    the legacy `allow_tf32` flags makes torch refuse to report them, so the legacy ones only on older torch.
    """
    import torch

    if hasattr(torch.backends, "fp32_precision"):
        torch.backends.fp32_precision = "tf32"
    else:
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True


def tf32_enabled() -> bool:
    import torch

    if hasattr(torch.backends, "fp32_precision"):
        return torch.backends.cuda.matmul.fp32_precision == "tf32"
    return bool(torch.backends.cuda.matmul.allow_tf32)


def cpu_threads() -> int:
    """Threads for CPU training: PATHWISE_CPU_THREADS, else the cores this process may use that are idle.

    OpenMP threads spin while they wait for each other; on an oversubscribed host (a shared CI box, a
    worker next to others) two spinning threads on two busy cores ran a small BERT step 8x slower than
    one thread (0.94 s vs 0.12 s). The count is reported in the result's runtime facts.
    """
    configured = os.environ.get("PATHWISE_CPU_THREADS", "").strip()
    if configured:
        return max(1, int(configured))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    idle = cores - os.getloadavg()[0]
    return max(1, min(cores, int(idle) + 1))


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return f"cpu: {line.split(':', 1)[1].strip()}"
    except OSError:
        pass
    return f"cpu: {platform.processor() or platform.machine()}"


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)  # also seeds every CUDA device
    os.environ["PYTHONHASHSEED"] = str(seed)


def reset_peak_memory(info: DeviceInfo) -> None:
    if info.is_cuda:
        import torch

        torch.cuda.reset_peak_memory_stats(info.device)


def peak_memory_mb(info: DeviceInfo) -> float:
    if info.is_cuda:
        import torch

        return round(torch.cuda.max_memory_allocated(info.device) / 2**20, 1)
    # ru_maxrss is in KiB on Linux: the whole worker process's peak, a fair upper bound on CPU.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def runtime_facts(info: DeviceInfo, **extra: Any) -> dict[str, Any]:
    import torch
    import transformers

    return {
        "device": info.name,
        "device_type": info.device.type,
        "precision": "bf16-autocast" if info.autocast_dtype is not None else "fp32",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "threads": torch.get_num_threads(),
        **extra,
    }
