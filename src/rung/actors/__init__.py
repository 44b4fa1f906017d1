"""Actors: the knowledge base and the linker that finds actor mentions in text."""

from rung.actors.kb import KnowledgeBase, load_knowledge_base

__all__ = ["KnowledgeBase", "load_knowledge_base"]
