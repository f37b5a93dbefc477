"""The reader: a span-extraction model trained here on SQuAD, run with onnxruntime at answer time."""
