"""The words page furniture is made of, in the languages the web mostly writes in
(English, German, Spanish, Portuguese, French, Italian, Dutch, Polish, Scandinavian).

Kept apart from the rules that use them (boilerplate.py) so a language can be added
without touching the rules. Every pattern is matched case-insensitively against a whole
block's text; none names a site.
"""

from __future__ import annotations

import re

from reader.core.patterns import regex

_I = re.IGNORECASE

# Labels that introduce links to other stories.
_RELATED = (
    r"related(?:\s+\w+)?|read\s+(?:more|also|next)|more\s+(?:from|on|about|in|stories|news|articles|to\s+read)\b.*"
    r"|(?:you|we\s+think\s+you)\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy)\b.*|recommended(?:\s+\w+){0,2}"
    r"|most\s+(?:read|popular|viewed|shared|commented)\b.*|top\s+stories|trending(?:\s+now)?|see\s+also|further\s+reading"
    r"|also\s+read|popular\s+(?:posts|stories|articles)|latest\s+(?:news|stories|posts|articles)|more\s+like\s+this"
    r"|what\s+to\s+read\s+next|editor'?s\s+picks?|in\s+other\s+news"
    r"|weitere\s+(?:\w+\s+){0,2}(?:artikel|beitr\w*|them\w*|nachricht\w*|meldung\w*|news|infos?|informationen|links|tipps?"
    r"|\w*tipps|videos?|bilder|fotos|geschicht\w*|stor\w*|rezepte|angebote|kolumne\w*|homestor\w*)\b.*"
    r"|mehr\s+(?:zum\s+thema|themen|artikel|news|nachrichten|beiträge|kolumnen)\b.*"
    r"|lesen\s+sie\s+(?:auch|mehr|hier|weiter)\b.*|auch\s+interessant|(?:das|dies)\s+(?:könnte|dürfte)\s+(?:sie|dich)\s+(?:auch\s+)?interessieren"
    r"|empfohlene?(?:\s+\w+)?|zum\s+weiterlesen|schon\s+gelesen|top[-\s]themen\b.*|meist\s?gelesen\w*|meist[-\s]diskutiert\w*"
    r"|(?:beliebte|ähnliche|verwandte|passende)\s+(?:artikel|beiträge|themen|rezepte)|passend\s+zum\s+thema|zum\s+thema"
    r"|siehe\s+auch|neueste\s+(?:artikel|beiträge)|videos\s+zum\s+thema|beiträge\s+aus\s+dem\s+forum|auch\s+auf\s+\S+"
    r"|entdecke\s+(?:weitere|mehr)\b.*|das\s+könnte\s+sie\s+auch\s+interessieren"
    r"|(?:noticias|notas|artículos|temas|contenidos?|publicaciones)\s+relacionad[oa]s|relacionad[oa]s|lea\s+(?:también|más|además)"
    r"|(?:también\s+)?(?:le|te)\s+puede\s+interesar|(?:puede|podría)\s+interesarte|vea\s+también|mira\s+también|ver\s+también"
    r"|más\s+(?:noticias|sobre|de|leídas?|vistas?)\b.*|lo\s+más\s+(?:leído|visto)|te\s+recomendamos|recomendad[oa]s|imperdibles?"
    r"|sigue\s+leyendo|(?:otras|últimas)\s+noticias"
    r"|veja\s+também|leia\s+(?:também|mais)|saiba\s+mais|(?:notícias|artigos|matérias)\s+relacionad[oa]s|mais\s+lidas"
    r"|mais\s+(?:notícias|sobre)\b.*|você\s+(?:pode|vai)\s+gostar\b.*"
    r"|à\s+lire\s+aussi|lire\s+aussi|à\s+voir\s+aussi|voir\s+aussi|sur\s+le\s+même\s+sujet|les\s+plus\s+lus"
    r"|(?:articles?|contenus?)\s+(?:similaires|associés|liés|recommandés)|à\s+découvrir|dans\s+la\s+même\s+rubrique"
    r"|plus\s+d'articles|vous\s+aimerez\s+aussi"
    r"|leggi\s+anche|(?:articoli|notizie)\s+(?:correlat[ie]|simili)|(?:ti\s+)?potrebbe\s+interessarti|più\s+lett[ie]"
    r"|altre\s+notizie|vedi\s+anche"
    r"|lees\s+(?:ook|meer)|meer\s+over\b.*|gerelateerde\s+\w+|meest\s+gelezen|ook\s+interessant"
    r"|czytaj\s+(?:też|także|więcej|również)|zobacz\s+(?:też|także|również)|dowiedz\s+się\s+więcej|więcej\s+informacji"
    r"|polecamy|powiązane|najczęściej\s+czytane|przeczytaj\s+(?:też|także|również)"
    r"|läs\s+(?:också|mer|även)|relaterade\s+\w+|les\s+(?:også|mer)|læs\s+(?:også|mere)|relaterte\s+\w+"
)
RELATED_LABEL = regex(rf"^\W*(?:{_RELATED})\W*$", _I)

# The heading of an article's own closing section: its references, sources or notes.
NOTES_HEADING = regex(
    r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:references?|sources?|notes?|footnotes?|endnotes?|bibliography|literature|citations?"
    r"|quellen(?:angaben|verzeichnis)?|literatur(?:verzeichnis)?|einzelnachweise|anmerkungen|fußnoten|nachweise"
    r"|références|bibliographie|referencias|fuentes|notas|bibliografía|riferimenti|fonti|note|bibliografia"
    r"|referências|fontes|bronnen|noten|literatuur|przypisy|źródła|källor|referenser|kilder)\W*$",
    _I,
)

# A line that points at another story: "Lea también: …", "MIRA: …". Its label (before the
# colon) is a related-stories label or one of these words.
SEE_LABEL = regex(r"^\W{0,3}(?P<label>[^:»>|–]{1,40}?)\s*[:»>|–]")
SEE_WORDS = regex(
    r"mira|mire|vea|lea|ver|puedes\s+ver|relacionado|leia|veja|lesen\s+sie(?:\s+\w+)?|auch\s+lesen|mehr\s+dazu|siehe"
    r"|watch|listen|czytaj|zobacz|przeczytaj|à\s+lire|leggi|lees|läs|more|mehr|read",
    _I,
)
# "Lire aussi <another story>" without a colon: a box set apart, pointing elsewhere
SEE_PREFIX = regex(
    r"^\W{0,3}(?:(?:à\s+)?lire\s+aussi|voir\s+aussi|read\s+(?:also|more)|also\s+read|see\s+also|lesen\s+sie\s+(?:auch|mehr)"
    r"|mehr\s+zum\s+thema|lea\s+también|lee\s+también|vea\s+también|leia\s+também|veja\s+também|leggi\s+anche"
    r"|czytaj\s+(?:też|także|również)|zobacz\s+(?:też|także)|lees\s+ook|läs\s+också)\s+\S",
    _I,
)
# a bare arrow before a link ("» Zum Angebot" is a quotation mark in German: not an arrow)
ARROW = regex(r"^\s*(?:>>|►|▶|→|&gt;&gt;)")

# A picture's alt text that is its file ("IMG_2041.jpg", "JPEG - 172.1 ko") or a spacer's.
_IMAGE_TYPES = r"jpe?g|png|gif|webp|svg|bmp|tiff?|heic|avif"
FILE_ALT = regex(
    rf"^\W*(?:[\w.-]+\.(?:{_IMAGE_TYPES})|(?:{_IMAGE_TYPES})(?:\s*[-–:,]?\s*[\d.,]+\s*(?:[kmg]i?b|[kmg]o|bytes?|octets?))?"
    r"|space|spacer|blank|pixel|transparent|dot|clear)\W*$",
    _I,
)

# Photo credits and sources under a picture.
_AGENCIES = (
    r"reuters|afp|ap\s+photo|epa|efe|dpa|getty\s+images|istock(?:photo)?|shutterstock(?:\.com)?|unsplash|pixabay"
    r"|picture[-\s]alliance|imago(?:\s+images)?|keystone|ansa|anadolu|xinhua|adobe\s+stock|fotolia|depositphotos"
)
CREDIT = regex(
    r"^\W{0,2}(?:fotos?|fot\.|bild(?:er|quelle)?|fotoquelle|photos?|photograph(?:y|s)?|images?|credits?|crédits?(?:\s+photos?)?"
    r"|créditos?|copyright|quelle|source|fuente|fonte|titelbild|beitragsbild|symbolbild|headerbild|grafik|illustration"
    r"|imagen|immagine|zdjęcie|abbildung(?:\s+\d+)?)\s*(?:\w+\s*)?[:/]"
    r"|^\W{0,2}(?:©|\(c\)|copyright\b)"
    r"|(?:\b(?:foto|fotos|bild|photo|crédito|credit|fuente|quelle|source)\s*:|©)\s*[^.!?]{2,80}\.?\)?\s*$"
    rf"|[(/]\s*(?:[^()]*/\s*)?(?:{_AGENCIES})\b[^()]*\)?\s*$",
    _I,
)

# Newsletter, subscription, app and social boxes; advertising labels; rights notices.
PROMO = regex(
    r"newsletter|\bsubscri(?:be|ption|bers?)\b|\bsign\s+up\b|\babonnieren\b|abonniere\s+\w+|abonnez|suscr[ií]b|suscripci|\bassine\b|inscreva"
    r"|zapisz\s+się|follow\s+(?:us|the\s+\w+)\s+on|folg(?:t|en\s+sie)\s+uns|s[ií]guenos|suivez[-\s]nous|obserwuj\s+nas"
    r"|download\s+(?:the|our)\s+(?:\w+\s+)?apps?|app\s+herunterladen|descarga\s+(?:la|nuestra)\s+app"
    r"|(?:our|unser\w*|nuestro|nosso)\s+(?:\w+\s+)?(?:telegram|whatsapp|youtube)[-\s]?(?:kanal|channel|canal)"
    r"|(?:nuestro\s+)?canal\s+de\s+(?:telegram|whatsapp|youtube)"
    r"|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|tous\s+droits\s+réservés"
    r"|tutti\s+i\s+diritti\s+riservati|wszelkie\s+prawa\s+zastrzeżone|copyrighted\s+property"
    r"|support\s+(?:our|us|independent)\b|^\W*unterstütze\b|unterstützen\s+sie\s+uns|donate\b|jetzt\s+spenden"
    r"|apóyanos|apoya\s+(?:el|nuestro)"
    r"|affiliate[-\s]?links?|partner[-\s]?links?|provision\s+vom|(?:beitrag|artikel|post|video)\s+enthält\s+(?:werbung|affiliate|anzeigen)|we\s+may\s+(?:earn|receive)|(?:this|the)\s+(?:article|post|page)\s+(?:contains|may\s+contain)"
    r"|^\W{0,2}(?:anzeige|werbung|advertisement|advertorial|sponsored|publicidad|publicité|reklama)\s*(?:$|[,:|(–-])"
    r"|already\s+a\s+subscriber|to\s+(?:view|read|continue\s+reading)\s+the\s+full|create\s+(?:an|your)\s+(?:free\s+)?account"
    r"|(?:log|sign)\s+in\s+to\s+(?:comment|read|continue)|kostenlos\s+registrieren|jetzt\s+(?:kostenlos\s+)?(?:testen|abonnieren|registrieren)"
    r"|hinterlasse\w*\s+(?:einen|deinen)\s+kommentar|leave\s+a\s+(?:comment|reply)|in\s+den\s+kommentaren"
    r"|(?:keine|no)\s+(?:kommentare|comments)|nicht\s+eingeloggt|eingeloggt\s+sein"
    r"|online\s+einkaufen|(?:einen|einem)\s+der\s+folgenden\s+links|um\s+\S+\s+zu\s+unterstützen"
    r"|(?:shop|buy)\s+(?:through|via|using)\s+(?:our|these|the\s+following)\s+links",
    _I,
)

# A picture that is a share button: the network's name as its alt text.
SOCIAL = regex(
    r"^\W*(?:(?:share|teilen|compartir|partager)\s+(?:on|via|auf|en|sur)\s+)?(?:facebook|twitter|x|reddit|whatsapp"
    r"|pinterest|linkedin|xing|telegram|instagram|tumblr|flipboard|messenger|threads|mastodon|bluesky|vk|weibo|wechat"
    r"|pocket|e-?mail|mail|print|drucken|share|teilen|compartir|partager|rss)\W*$",
    _I,
)
# A line of bracketed buttons ("【关闭窗口】 【打印本稿】") or of menu items between bars.
BRACKETED_BUTTONS = regex(r"^(?:\s*[【\[][^】\]]{1,12}[】\]])+\s*$")

# Buttons and navigation that come out as a line of text.
UI_LABEL = regex(
    r"zurück(?:\s+(?:zu[mr]?|nach)\s+[\w\s]+)?|nach\s+oben|top|back(?:\s+to\s+top)?|drucken|print|\w+\s+drucken|teilen"
    r"|share(?:\s+this)?|tweet|e-?mail|kommentare?|comments?|view\s+comments|artikel\s+bewerten|bild\s+anzeigen(?:\s+bild\s+schließen)?"
    r"|bild\s+schließen|bild\s+vergrößern|zum\s+vergrößern\s+klicken|mehr|more|weiterlesen|read\s+more|leer\s+más"
    r"|lire\s+la\s+suite|seite\s+\d+\s+von\s+\d+|previous|next|(?:vorherige|nächste)r?s?\s+(?:artikel|beitrag)"
    r"|inhaltsverzeichnis|table\s+of\s+contents|contents|advertisement|anzeige|werbung|publicidad|sponsored|galerie"
    r"|gallery|bildergalerie|fotostrecke|\d+\s+bilder|jetzt\s+spenden|spenden|abonnieren|subscribe|login|anmelden"
    r"|registrieren|sign\s+in|sign\s+up|compartir|partager|condividi|udostępnij|imprimir|imprimer|stampa",
    _I,
)

# What a date, time, byline or category line is made of, besides names.
_MONTHS = (
    r"jan\w*|feb\w*|fév\w*|mär\w*|mar\w*|apr\w*|avr\w*|abr\w*|ma[iy]\w*|mag\w*|jun\w*|juin|giu\w*|jul\w*|juil\w*|lug\w*"
    r"|aug\w*|août|ago\w*|sep\w*|set\w*|o[ck]t\w*|out\w*|ott\w*|nov\w*|de[czs]\w*|déc\w*|dic\w*|ene\w*|gen\w*"
)
META_LINE = regex(
    r"\d+|(?<!\w)(?:" + _MONTHS + r")(?!\w)"
    r"|\b(?:stand|aktualisiert|updated?|published|veröffentlicht|posted|erstellt|geändert|letzte\s+änderung"
    r"|last\s+(?:updated|modified)|datum|date|fecha|data|publié|mis\s+à\s+jour|publicado|actualizado|kategorie|category"
    r"|categories|categoría|rubrik|tags?|schlagwörter|uhr|am|um|on|at|le|el|de|del|h|min|minutes?|read|lesezeit|lectura"
    r"|lecture|news|release|comments?|kommentare?|von|by|por|par|in|und|and|news\s+date|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes"
    r"|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|am|pm|mez|cet|utc|gmt)\b",
    _I,
)

# The form and its rules, in the languages of the boilerplate lists.
COMMENT_FORM = regex(
    r"\b(?:repl(?:y|ies)(?:delete)?|antwort(?:en)?|responder|respuesta|répondre|rispondi|odpowiedz|svara|beantwoorden)\b"
    r"|\bcomment(?:s|ed)?\s+(?:by|from|policy|moderation|guidelines)|\b(?:write|post|add|leave|submit)\s+a\s+comment"
    r"|\bcomments?\s+(?:are|is|will\s+be|may\s+be)\s+(?:moderated|closed|republished|reviewed|published)"
    r"|kommentar\w*\s+(?:verfassen|schreiben|abgeben|abschicken|eingeben)|(?:schreib|verfasse)\w*\s+(?:einen\s+)?kommentar"
    r"|(?:diskutieren|kommentieren)\s+sie|ihre\s+meinung\s+(?:ist\s+)?gefragt|\bum\s+kommentare\s+zu\s+schreiben"
    r"|nur\s+angemeldete|(?:bitte\s+)?registrieren\s+sie\s+sich|publier\s+un\s+commentaire|laisser\s+un\s+commentaire"
    r"|deja\s+tu\s+comentario|dejá\s+tu\s+comentario|para\s+comentar|añadir\s+(?:un\s+)?comentario"
    r"|share\s+your\s+thoughts|debate\s+the\s+big\s+issues|posts?\s+and/or\s+questions"
    r"|\b(?:alle|all|show|view|see|read|load|weitere|mehr|ver|voir|mostrar|tutti)\s+(?:\d+\s+)?(?:\w+\s+)?"
    r"(?:kommentare|comments|comentarios|commentaires|commenti|komentarze)\b|kommentare\b.{0,40}\banzeigen",
    _I,
)
# The site's rules for commenting, said in prose around the comments.
COMMENT_RULES = regex(
    r"\bcomments?\b[^.]{0,60}\b(?:moderat\w*|civil|libel\w*|republish\w*|guidelines|policy|terms)\b"
    r"|\b(?:moderat\w*|civil|libel\w*|republish\w*|guidelines|policy)\b[^.]{0,60}\bcomments?\b"
    r"|nur\s+angemeldete|registrieren\s+sie\s+sich|para\s+comentar\s+debes",
    _I,
)
