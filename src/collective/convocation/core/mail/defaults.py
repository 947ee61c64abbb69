"""The built-in mail templates, used where neither the assembly nor the collectivity has one.

French text, as agents see and edit it; the tags are i-delibRE's (mail/tags.py). The mails
asking for a receipt link to « Mes convocations » (#urlmesconvocations#), where it is one click;
templates stored on a collectivity or an assembly keep whatever link they have.
"""

KINDS = ("convocation", "invitation", "renotify", "cancel", "reminder", "account")

TEMPLATES = {
    "convocation": (
        "Convocation : #typeseance# du #dateseance#",
        "#civilite# #prenom# #nom#,\n\n"
        "Vous êtes convoqué(e), en qualité de #titre#, à la séance de l'instance « #typeseance# » "
        "qui se tiendra le #dateseance# à #heureseance#, #lieuseance#.\n\n"
        "La convocation, l'ordre du jour et les documents de la séance sont en ligne. Merci d'en "
        "accuser réception et d'indiquer votre présence :\n#urlmesconvocations#\n\n"
        "Votre identifiant : #username#\n\n"
        "#collectivite#",
    ),
    "invitation": (
        "Invitation : #typeseance# du #dateseance#",
        "#civilite# #prenom# #nom#,\n\n"
        "Vous êtes invité(e) à la séance de l'instance « #typeseance# » qui se tiendra le "
        "#dateseance# à #heureseance#, #lieuseance#.\n\n"
        "Les documents de la séance sont en ligne. Merci d'accuser réception de cette invitation :\n"
        "#urlmesconvocations#\n\n"
        "Votre identifiant : #username#\n\n"
        "#collectivite#",
    ),
    "renotify": (
        "#typeseance# du #dateseance# : information",
        "#civilite# #prenom# #nom#,\n\n"
        "Un nouveau message concerne la séance « #typeseance# » du #dateseance# à #heureseance#, "
        "#lieuseance#.\n\n#urlseance#\n\n#collectivite#",
    ),
    "cancel": (
        "Annulation : #typeseance# du #dateseance#",
        "#civilite# #prenom# #nom#,\n\n"
        "La séance de l'instance « #typeseance# » prévue le #dateseance# à #heureseance#, "
        "#lieuseance#, est annulée.\n\n#collectivite#",
    ),
    "reminder": (
        "Rappel : #typeseance# du #dateseance#",
        "#civilite# #prenom# #nom#,\n\n"
        "Vous n'avez pas encore accusé réception de votre convocation à la séance « #typeseance# » "
        "du #dateseance# à #heureseance#, #lieuseance#.\n\n"
        "Merci d'en accuser réception et d'indiquer votre présence :\n#urlmesconvocations#\n\n"
        "#collectivite#",
    ),
    "account": (
        "Votre accès aux convocations de #collectivite#",
        "#civilite# #prenom# #nom#,\n\n"
        "Un compte vous a été ouvert pour recevoir vos convocations électroniques.\n\n"
        "Votre identifiant : #username#\n\n"
        "Choisissez votre mot de passe en suivant ce lien (valable quelques jours) :\n#urlseance#\n\n"
        "#collectivite#",
    ),
}
