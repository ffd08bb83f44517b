"""The default decision e-mails, in French and English; staff edit them in the admin."""

DEFAULTS = {
    ("shortlisted", "fr"): (
        "Votre candidature $reference est présélectionnée",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » est présélectionnée. "
        "L’équipe du programme vous contactera pour la suite de la sélection.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("shortlisted", "en"): (
        "Your application $reference is shortlisted",
        "Hello,\n\nYour application $reference ($project) to “$call” is shortlisted. "
        "The program team will contact you for the next steps.\n\n"
        "Follow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("selected", "fr"): (
        "Votre candidature $reference est retenue",
        "Bonjour,\n\nNous avons le plaisir de vous annoncer que votre candidature $reference "
        "($project) à « $call » est retenue. L’équipe du programme vous contactera très vite "
        "pour préparer l’accompagnement.\n\nSuivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("selected", "en"): (
        "Your application $reference is selected",
        "Hello,\n\nWe are glad to tell you that your application $reference ($project) to "
        "“$call” is selected. The program team will contact you very soon to prepare the "
        "support.\n\nFollow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("waitlisted", "fr"): (
        "Votre candidature $reference est sur liste d’attente",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » est placée sur liste "
        "d’attente. Nous vous écrirons dès qu’une place se libère.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("waitlisted", "en"): (
        "Your application $reference is on the waiting list",
        "Hello,\n\nYour application $reference ($project) to “$call” is on the waiting list. "
        "We will write to you as soon as a place opens.\n\n"
        "Follow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("rejected", "fr"): (
        "Votre candidature $reference n’est pas retenue",
        "Bonjour,\n\nNous vous remercions pour votre candidature $reference ($project) à "
        "« $call ». Elle n’est pas retenue cette fois-ci. Merci pour votre engagement : nous "
        "vous encourageons à candidater de nouveau lors d’un prochain appel.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("rejected", "en"): (
        "Your application $reference is not selected",
        "Hello,\n\nThank you for your application $reference ($project) to “$call”. It is not "
        "selected this time. Thank you for your commitment: we encourage you to apply again "
        "to a future call.\n\nFollow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
}
