"""Resolve: organization mentions on a parsed doc, gazetteer lookup and in-article coreference."""

from tieline.resolve.gazetteer import Gazetteer
from tieline.resolve.mentions import OrgMention, find_mentions

__all__ = ["Gazetteer", "OrgMention", "find_mentions"]
