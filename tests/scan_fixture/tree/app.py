"""Calls GroqCloud."""

# Moved off llama3-70b-8192 last year.
MODEL = "llama-3.3-70b-versatile"
FAST = "llama-3.1-8b-instant"
TOOL = "llama3-8b-8192-tool-use-preview"
UPPER = "LLAMA3-70B-8192"
SUBSTRING = "xllama3-70b-8192"
GLUED = "v2.llama3-70b-8192"
LITELLM = "groq/llama3-8b-8192"
PATH = "weights/llama3-8b-8192/config.json"
NEW = "openai/gpt-oss-120b"
