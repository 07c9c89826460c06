"""The help page of each everyday task: /aide/<slug>/, templates/pages/help/<slug>.html, includes/help_link.html."""

from collections import namedtuple

Topic = namedtuple("Topic", "slug title summary")


TOPICS = [
    Topic("preparer-une-seance", "Préparer une séance", "Programmer la date, le lieu, les groupes, l'ordre du jour."),
    Topic("inviter", "Inviter à une séance", "Envoyer les invitations par e-mail et suivre les réponses."),
    Topic("emargement", "Faire l'émargement", "Noter qui est venu, excusé, absent ou représenté."),
    Topic("compte-rendu", "Rédiger le compte rendu", "Écrire la synthèse, les décisions et les suites, puis publier."),
    Topic("rediger-une-fiche", "Rédiger une fiche action", "Créer une fiche et la compléter section par section."),
    Topic("soumettre-une-fiche", "Soumettre une fiche", "Faire relire la fiche par l'animation du groupe."),
    Topic("valider-au-copil", "Valider les fiches au COPIL", "Préparer le dossier, noter les décisions, clore."),
    Topic("suivre-les-indicateurs", "Suivre une action et ses indicateurs", "Avancement, indicateurs, bilans."),
]
BY_SLUG = {topic.slug: topic for topic in TOPICS}
