"""Values built once and kept in this worker's memory, by key, up to a fixed number.

    _pages = Kept(128)
    html = _pages.get_or_build(key, lambda: render(...))

For what is the same for everyone and named entirely by its key (a data version, a language):
a key whose data changed is never asked for again, so when the number is reached everything is
dropped and rebuilt on demand rather than tracked. Nothing personal may go in: a worker serves
everyone.
"""

_MISSING = object()


class Kept(dict):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def get_or_build(self, key, build):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            if len(self) >= self.size:
                self.clear()
            value = self[key] = build()
        return value
