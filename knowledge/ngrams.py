"""TF-IDF over character n-grams inside word boundaries, small enough to hold in the action server.

Same weighting as scikit-learn's `TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5),
sublinear_tf=True)` (smoothed idf, L2 norm), written out so the action server does not
import scikit-learn and SciPy (about 150 MB resident) for a hundred short documents.
"""

from __future__ import annotations

import math
from collections import Counter

Vector = dict[str, float]


def char_ngrams(text: str, low: int = 3, high: int = 5) -> Counter[str]:
    """n-grams of each word padded with one space each side ("char_wb")."""
    grams: Counter[str] = Counter()
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _normalised(weights: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {gram: w / norm for gram, w in weights.items()}


class TfIdf:
    """Fitted on documents; scores a query against each of them (cosine similarity)."""

    def __init__(self, documents: list[str]) -> None:
        counts = [char_ngrams(doc) for doc in documents]
        frequency: Counter[str] = Counter(gram for doc in counts for gram in doc)
        n = len(documents)
        self.idf = {gram: math.log((1 + n) / (1 + df)) + 1 for gram, df in frequency.items()}
        self.vectors = [self._weigh(doc) for doc in counts]

    def _weigh(self, counts: Counter[str]) -> Vector:
        known = {g: (1 + math.log(c)) * self.idf[g] for g, c in counts.items() if g in self.idf}
        return _normalised(known)

    def scores(self, query: str) -> list[float]:
        q = self._weigh(char_ngrams(query))
        return [sum(w * vector.get(g, 0.0) for g, w in q.items()) for vector in self.vectors]
