"""Reviewing as a team: a project folder, articles dealt with overlap, agreement, adjudication.

- :mod:`.project`: the project folder (``project.json``, one store per reviewer, the gold store);
- :mod:`.assignment`: dealing articles to reviewers, a seeded share to several;
- :mod:`.stores`: a reviewer's store with the project's shared rules; the others' read-only;
- :mod:`.merged_rules`: every reviewer's rules merged, who proposed each;
- :mod:`.conflicts`: the rules another reviewer's decisions contradict, and the flag that says so;
- :mod:`.versions`: a reviewer's version of a claim, compared;
- :mod:`.entity_versions`: a reviewer's version of an entity span (the label they leave there);
- :mod:`.agreement`: Krippendorff's alpha, Cohen's kappa, field and entity agreement, disagreements;
- :mod:`.report`: the agreement as JSON and CSV;
- :mod:`.adjudication`: settling disagreements (claims and entity spans) in the gold store;
- :mod:`.view`: the project as one read-only store (gold where it decides) for exports;
- :mod:`.merge`: a reviewer's store from another machine merged in (``claimdesk project add``).
"""

from .assignment import Deal
from .project import GOLD, Project, ProjectError, create_project, is_project, load_project, parse_reviewers

__all__ = ["GOLD", "Deal", "Project", "ProjectError", "create_project", "is_project", "load_project",
           "parse_reviewers"]
