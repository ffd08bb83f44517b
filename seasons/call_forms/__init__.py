"""A call's application form as data: its checks, copies, default template and rendering.

`validation` (can a definition work), `lock` (what sent applications freeze),
`default_form` (the AIC season-2 form, the shipped template), `copying` (the one way a
form is created from another call or from the template) and `rendering` (a Django form
from a definition, for the preview and, next, the public form).
"""
