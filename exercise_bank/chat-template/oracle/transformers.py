"""chat-template through transformers' apply_chat_template, with the ChatML template and the Llama 2 chat
template as Meta shipped it in Llama-2-7b-chat-hf's tokenizer_config.json (a tokenizer built locally:
nothing downloaded). The Llama 2 template raises on roles that do not alternate; the ChatML one checks
nothing, so the statement's checks (the reference's) are applied first for both. No library trims a conversation
to a budget: fit_conversation is the reference's, over the prompts rendered here."""

from jinja2.exceptions import TemplateError
from reference import check_conversation
from reference import fit_conversation as fit_conversation
from tokenizers import Tokenizer, models
from transformers import PreTrainedTokenizerFast

CHATML = (
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
LLAMA2 = (
    "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}"
    "{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}"
    "{% set system_message = false %}{% endif %}{% for message in loop_messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if loop.index0 == 0 and system_message != false %}"
    "{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
    "{% else %}{% set content = message['content'] %}{% endif %}"
    "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}"
)
TEMPLATES = {"chatml": CHATML, "llama2": LLAMA2}


def _tokenizer(bos, eos):
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer(models.WordLevel({"[UNK]": 0}, unk_token="[UNK]")), bos_token=bos, eos_token=eos
    )
    return tokenizer


def render_chat(messages, style, add_generation_prompt=False, bos="<s>", eos="</s>"):
    check_conversation(messages)
    if style not in TEMPLATES:
        raise ValueError("unknown style")
    try:
        return _tokenizer(bos, eos).apply_chat_template(
            messages, chat_template=TEMPLATES[style], tokenize=False, add_generation_prompt=add_generation_prompt
        )
    except TemplateError as exc:
        raise ValueError(str(exc)) from exc
