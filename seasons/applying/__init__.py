"""Applying: the public form without accounts, from the first draft to the withdrawal.

`services` owns every change an applicant makes (drafts, sending, editing, withdrawing,
the e-mailed links); `views`, `lost_link` and `urls` are the pages; `forms`, `uploads`,
`antispam`, `answers` and `form_language` are what those pages check and show."""
