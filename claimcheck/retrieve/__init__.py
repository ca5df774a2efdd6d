"""Retrieval: passages, sentence vectors (model backends), the FAISS index on disk, the
evidence for a claim, and the corpus documents a case study cites."""
