"""Fine-tuning configs that train the tiny models well enough in seconds on a CPU: the grader's tests and the
end-to-end grading test submit them, the LoRA tests with an adapter."""

BERT_CONFIG = {
    "model": "tiny-bert",
    "learning_rate": 1e-3,
    "epochs": 2,
    "batch_size": 32,
    "max_seq_length": 48,
    "warmup_ratio": 0.1,
    "weight_decay": 0.01,
    "freeze_layers": 0,
    "seed": 3,
}
# The tiny GPT-2's training settings, shared by full fine-tuning and LoRA (test_finetune_lora).
GPT_TRAINING = {
    "model": "tiny-gpt2",
    "learning_rate": 1e-3,
    "epochs": 3,
    "batch_size": 8,
    "max_seq_length": 64,
    "warmup_ratio": 0.1,
    "seed": 3,
}
GPT_CONFIG = {**GPT_TRAINING, "weight_decay": 0.0, "freeze_layers": 0}
# LoRA adapters on all of the tiny GPT-2's blocks' linear layers: a tiny random GPT-2 learns most through them.
GPT2_LORA = {"lora_r": 16, "lora_alpha": 64.0, "lora_dropout": 0.0, "lora_target_modules": "c_attn,c_proj,c_fc"}
