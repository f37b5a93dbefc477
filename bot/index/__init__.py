"""The index: corpus reading, cleaning, chunking, embedding (and its ONNX export), build and store."""
