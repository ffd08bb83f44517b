"""The decision e-mails' first texts, in French and English: the migrations write them as
the editable `DecisionEmailTemplate`s, which `seasons.outbox` drafts from. Placeholders are
`string.Template`'s ($reference, $project, $call, $status_url, $contact_email, $days,
$deadline, ${feedback}; see `outbox.render_decision`)."""

# The default decision e-mails, in French and English; staff edit them in the admin.
DEFAULT_DECISION_EMAILS = {
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
        "($project) à « $call » est retenue.\n\nAcceptez la place de lauréat (ou déclinez-la) "
        "sur votre page de suivi dans les $days jours, avant le $deadline (heure de Paris) : "
        "passé ce délai, elle sera proposée à la candidature suivante. Dès votre réponse, "
        "l’équipe du programme vous contactera pour préparer l’accompagnement.\n\n"
        "Votre page de suivi : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("selected", "en"): (
        "Your application $reference is selected",
        "Hello,\n\nWe are glad to tell you that your application $reference ($project) to "
        "“$call” is selected.\n\nAccept the award (or decline it) on your status page within "
        "$days days, before $deadline (Paris time): after that, it will be offered to the next "
        "application. Once you answer, the program team will contact you to prepare the "
        "support.\n\nYour status page: $status_url\n"
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
    ("promoted", "fr"): (
        "Une place vous est proposée : candidature $reference",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » était sur liste "
        "d’attente. Une place vient de se libérer : nous avons le plaisir de vous la "
        "proposer.\n\nAcceptez-la (ou déclinez-la) sur votre page de suivi dans les $days "
        "jours, avant le $deadline (heure de Paris) : passé ce délai, elle sera proposée "
        "à la candidature suivante.\n\n"
        "Votre page de suivi : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("promoted", "en"): (
        "A place is offered to you: application $reference",
        "Hello,\n\nYour application $reference ($project) to “$call” was on the waiting "
        "list. A place has just opened: we are glad to offer it to you.\n\n"
        "Accept it (or decline it) on your status page within $days days, before $deadline "
        "(Paris time): after that, it will be offered to the next application.\n\n"
        "Your status page: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
    ("lapsed", "fr"): (
        "Votre place de lauréat n’est plus réservée : candidature $reference",
        "Bonjour,\n\nVotre candidature $reference ($project) à « $call » était retenue, mais "
        "nous n’avons pas reçu votre réponse avant le $deadline (heure de Paris). La place "
        "a donc été proposée à la candidature suivante.\n\n"
        "Votre page de suivi : $status_url\n"
        "Si vous pensez qu’il s’agit d’une erreur, écrivez-nous vite à $contact_email.\n",
    ),
    ("lapsed", "en"): (
        "Your award is no longer reserved: application $reference",
        "Hello,\n\nYour application $reference ($project) to “$call” was selected, but we "
        "received no answer before $deadline (Paris time). The place was therefore offered "
        "to the next application.\n\n"
        "Your status page: $status_url\n"
        "If you think this is a mistake, write to us soon at $contact_email.\n",
    ),
    ("rejected", "fr"): (
        "Votre candidature $reference n’est pas retenue",
        "Bonjour,\n\nNous vous remercions pour votre candidature $reference ($project) à "
        "« $call ». Elle n’est pas retenue cette fois-ci.\n\n${feedback}Merci pour votre "
        "engagement : nous vous encourageons à candidater de nouveau lors d’un prochain "
        "appel.\n\n"
        "Suivre votre candidature : $status_url\n"
        "Pour toute question, écrivez à $contact_email.\n",
    ),
    ("rejected", "en"): (
        "Your application $reference is not selected",
        "Hello,\n\nThank you for your application $reference ($project) to “$call”. It is not "
        "selected this time.\n\n${feedback}Thank you for your commitment: we encourage you "
        "to apply again to a future call.\n\nFollow your application: $status_url\n"
        "For any question, write to $contact_email.\n",
    ),
}
