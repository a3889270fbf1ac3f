"""Model architectures of notulist's own Dutch pipeline, registered with spaCy so configs can name them.

The NER component reads the UD part's token vectors (frozen while NER trains) next to a small embedding
table of its own. One embedding pass then serves the whole pipeline, which saves time and size, and the UD
components never see the CoNLL-2002 data: dropping the NER component leaves a pipeline trained on UD alone.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d


@registry.architectures("notulist.SharedAndOwnEmbed.v1")
def shared_and_own_embed(
    shared: Model[list[Doc], list[Floats2d]],
    own: Model[list[Doc], list[Floats2d]],
    width: int,
    maxout_pieces: int = 3,
) -> Model[list[Doc], list[Floats2d]]:
    """Concatenate another component's token vectors (`shared`, usually a listener) with the component's own
    embeddings and mix them to `width`: the embedding step of a tok2vec whose encoder then adds context."""
    # The mixing layer's input width (shared + own) is inferred when the pipeline is initialised.
    mix: Model[list[Floats2d], list[Floats2d]] = with_array(Maxout(width, nP=maxout_pieces, normalize=True))
    model: Model[list[Doc], list[Floats2d]] = chain(concatenate(shared, own), mix)
    model.set_dim("nO", width)
    return model
