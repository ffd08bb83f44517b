"""What the tests of server-rendered pages share: a page's HTML once its status is
checked, and the pieces of text a page lacks."""


def html_of(response, status=200):
    """The page's HTML, once its status is the one expected."""
    assert response.status_code == status
    return response.content.decode()


def missing_from(html, *pieces):
    """The `pieces` the HTML does not hold, in their order: `== []` when it holds them all
    (and a failure names every piece that is missing, not only the first)."""
    return [piece for piece in pieces if piece not in html]
