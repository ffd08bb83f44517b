"""The cockpit: the staff's home in the admin, made of blocks that each app registers.

The admin site lives here, in `accelerator`, which imports no app; `seasons` (the calls
and their selection) and `laureates` (the follow-up) each register a block in their
`AppConfig.ready`, so that neither the project nor `seasons` imports `laureates`. A block
reads the request and returns its context, or None when the reader may not see it (a
reviewer sees no funnel): each block decides with its app's named permissions.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CockpitBlock:
    name: str
    template: str
    context: Callable  # request → dict, or None to leave the block out
    order: int = 100


@dataclass(frozen=True)
class ShownBlock:
    name: str
    template: str
    context: dict


BLOCKS = {}


def register_block(block):
    """Add (or replace, on a second `ready`) the block of this name."""
    BLOCKS[block.name] = block


def blocks_for(request):
    """The blocks the reader may see, in their order, with their context."""
    shown = []
    for block in sorted(BLOCKS.values(), key=lambda b: (b.order, b.name)):
        context = block.context(request)
        if context is not None:
            shown.append(ShownBlock(block.name, block.template, context))
    return shown
