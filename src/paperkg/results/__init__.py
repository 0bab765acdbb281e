"""Result statements: "achieves 91.5% accuracy on CIFAR-10", "improves FID by 2.1 over X",
"accuracy increases from 84.6% to 91.5%", "2x faster".

Part of the extract stage. One module per step: :mod:`.numbers` (candidates from the number patterns),
:mod:`.context` (the paper's sentences, mentions and targets near each number), :mod:`.features`,
:mod:`.model` (trained weights, read without scikit-learn), :mod:`.find` (decisions -> ResultMention),
and :mod:`.training` (labels from the annotated results and the fitting, used by the scripts).
"""

from paperkg.results.find import find_results
from paperkg.results.model import load_model, model_digest
from paperkg.results.numbers import parse_number

__all__ = ["find_results", "load_model", "model_digest", "parse_number"]
