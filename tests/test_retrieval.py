from bot.engine import Engine
from bot.retrieval import collapse_duplicates, rrf


def test_rrf_rewards_agreement() -> None:
    fused = rrf([[1, 2, 3], [3, 1, 4]], k=60)
    assert max(fused, key=fused.get) == 1  # ranks 1 and 2 beat ranks 3 and 1
    assert fused[3] > fused[2] and fused[4] > 0
    assert rrf([]) == {}


def test_near_duplicates_collapse_to_the_first() -> None:
    texts = ["The treaty was signed in 1965.", "The treaty was signed in 1965!", "A concert in Seoul."]
    assert collapse_duplicates([7, 8, 9], texts) == [7, 9]


def test_hybrid_retrieval_returns_scored_passages(fake_engine: Engine) -> None:
    from bot.retrieval import retrieve

    index = fake_engine.index
    q = "economic aid"
    passages = retrieve(index, q, fake_engine.embedder.encode([q])[0], "hybrid", k=3)
    assert passages and "$800 million" in passages[0].chunk.text
    assert passages[0].keyword > 0 and passages[0].score >= passages[-1].score
